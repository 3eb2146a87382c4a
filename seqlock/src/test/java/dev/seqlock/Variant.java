package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;
import java.nio.ByteBuffer;
import java.util.stream.Stream;

/**
 * The kinds of {@link SeqLock} and of {@link SeqLockArray} every test runs over: the three factories
 * ({@link SeqLock#create}, {@link SeqLock#singleWriter}, {@link SeqLock#latched}), each over both
 * storages of {@link SlotWords}, the heap (what the public factories build) and a direct
 * {@link ByteBuffer} (the storage of a memory-mapped file). A test that needs a factory's behaviour
 * whatever the storage selects by name pattern, e.g. {@code "CREATE.*"}.
 */
enum Variant {
  /** {@link SeqLock#create}: any number of writers, serialised by the writer lock. */
  CREATE(Factory.CREATE, false),
  /** {@link SeqLock#singleWriter}: the caller promises one writer at a time; checked under -ea. */
  SINGLE_WRITER(Factory.SINGLE_WRITER, false),
  /** {@link #SINGLE_WRITER} whose writer never pauses for readers ({@link WriterPause#NEVER}). */
  SINGLE_WRITER_NEVER_PAUSES(Factory.SINGLE_WRITER, false, WriterPause.NEVER),
  /** {@link SeqLock#latched}: two copies, writers serialised by the writer lock. */
  LATCHED(Factory.LATCHED, false),
  /** {@link SeqLock#latchedSingleWriter}: two copies, one writer at a time (checked under -ea). */
  LATCHED_SINGLE_WRITER(Factory.LATCHED_SINGLE_WRITER, false),
  /** {@link #CREATE} over a direct buffer. */
  CREATE_IN_BUFFER(Factory.CREATE, true),
  /** {@link #SINGLE_WRITER} over a direct buffer. */
  SINGLE_WRITER_IN_BUFFER(Factory.SINGLE_WRITER, true),
  /** {@link #LATCHED} over a direct buffer. */
  LATCHED_IN_BUFFER(Factory.LATCHED, true);

  static final boolean ASSERTIONS_ENABLED = WriterRole.Trusted.class.desiredAssertionStatus();

  private enum Factory {
    CREATE,
    SINGLE_WRITER,
    LATCHED,
    LATCHED_SINGLE_WRITER
  }

  private final Factory factory;
  private final boolean inBuffer;
  private final WriterPause pause;

  Variant(Factory factory, boolean inBuffer) {
    this(factory, inBuffer,
        factory == Factory.LATCHED || factory == Factory.LATCHED_SINGLE_WRITER
            ? WriterPause.NEVER : WriterPause.FOR_STARVING_READERS);
  }

  Variant(Factory factory, boolean inBuffer, WriterPause pause) {
    this.factory = factory;
    this.inBuffer = inBuffer;
    this.pause = pause;
  }

  /** A lock of this kind holding {@code initial}, waiting by {@code backoff}. */
  <T> SeqLock<T> of(ByteCodec<T> codec, T initial, Backoff backoff) {
    if (!inBuffer) {
      return switch (factory) {
        case CREATE -> SeqLock.create(codec, initial, backoff);
        case SINGLE_WRITER -> SeqLock.singleWriter(codec, initial, backoff, pause);
        case LATCHED -> SeqLock.latched(codec, initial, backoff);
        case LATCHED_SINGLE_WRITER -> SeqLock.latchedSingleWriter(codec, initial, backoff);
      };
    }
    SeqLock.checkArguments(codec, initial, backoff);
    return new SeqLock<>(codec, SeqLockEngine.directWords(codec, 1, initial, !singleCopy()),
        locked(), pause, backoff);
  }

  <T> SeqLock<T> of(ByteCodec<T> codec, T initial) {
    return of(codec, initial, Backoff.defaults());
  }

  /** An array of this kind, every slot holding {@code initial}, waiting by {@code backoff}. */
  <T> SeqLockArray<T> array(ByteCodec<T> codec, int length, T initial, Backoff backoff) {
    if (!inBuffer) {
      return switch (factory) {
        case CREATE -> SeqLockArray.create(codec, length, initial, backoff);
        case SINGLE_WRITER -> SeqLockArray.singleWriter(codec, length, initial, backoff, pause);
        case LATCHED -> SeqLockArray.latched(codec, length, initial, backoff);
        case LATCHED_SINGLE_WRITER ->
            SeqLockArray.latchedSingleWriter(codec, length, initial, backoff);
      };
    }
    SeqLock.checkArguments(codec, initial, backoff);
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative: " + length);
    }
    return new SeqLockArray<>(
        codec,
        length,
        SeqLockEngine.directWords(codec, length, initial, !singleCopy()),
        locked(),
        pause,
        backoff,
        SeqLockEngine.directVersions(length)); // in a buffer too, as a file's
  }

  <T> SeqLockArray<T> array(ByteCodec<T> codec, int length, T initial) {
    return array(codec, length, initial, Backoff.defaults());
  }

  private boolean locked() {
    return serialisesWriters();
  }

  /** Whether the lock is in a buffer rather than on the heap. */
  boolean inBuffer() {
    return inBuffer;
  }

  /** The name of the factory, as {@code toString} gives it. */
  String factoryName() {
    return switch (factory) {
      case CREATE -> "create";
      case SINGLE_WRITER -> "singleWriter";
      case LATCHED -> "latched";
      case LATCHED_SINGLE_WRITER -> "latchedSingleWriter";
    };
  }

  /** How {@code toString} names the variant: the factory and, if not its default, the policy. */
  String description() {
    return factory == Factory.SINGLE_WRITER && pause == WriterPause.NEVER
        ? "singleWriter, writer never pauses"
        : factoryName();
  }

  /** Whether writers are serialised by a lock (not the caller's promise). */
  boolean serialisesWriters() {
    return factory == Factory.CREATE || factory == Factory.LATCHED;
  }

  /** Whether a write nested in the same thread's write is detected: with a lock, or under -ea. */
  boolean detectsNestedWrites() {
    return serialisesWriters() || ASSERTIONS_ENABLED;
  }

  /** Whether writers pause for readers that keep failing ({@link WriterPause#FOR_STARVING_READERS}). */
  boolean writerPauses() {
    return pause == WriterPause.FOR_STARVING_READERS;
  }

  /**
   * Whether a reader completes beside a writer that writes its value back to back with no gap: a
   * latched one, or one the writer pauses for (WriterPause's javadoc).
   */
  boolean readsCompleteBesideABackToBackWriter() {
    return !singleCopy() || writerPauses();
  }

  /** Whether there is one copy of each value (not latched). */
  boolean singleCopy() {
    return factory == Factory.CREATE || factory == Factory.SINGLE_WRITER;
  }

  // ---- the variants a behaviour applies to, for @MethodSource ----

  /** The variants with one copy of each value. */
  static Stream<Variant> singleCopies() {
    return Stream.of(values()).filter(Variant::singleCopy);
  }

  /** The latched variants: two copies of each value. */
  static Stream<Variant> latched() {
    return Stream.of(values()).filter(v -> !v.singleCopy());
  }

  /** The variants whose writers a lock serialises. */
  static Stream<Variant> serialisingWriters() {
    return Stream.of(values()).filter(Variant::serialisesWriters);
  }

  /** The variants whose single writer is the caller's promise (checked under -ea). */
  static Stream<Variant> singleWriters() {
    return Stream.of(values()).filter(v -> !v.serialisesWriters());
  }

  /** One variant per public factory of heap locks and arrays (the factories' own defaults). */
  static Stream<Variant> factories() {
    return Stream.of(CREATE, SINGLE_WRITER, LATCHED, LATCHED_SINGLE_WRITER);
  }
}
