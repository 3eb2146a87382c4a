package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;
import java.nio.ByteBuffer;

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
  /** {@link SeqLock#latched}: two copies, writers serialised by the writer lock. */
  LATCHED(Factory.LATCHED, false),
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
    LATCHED
  }

  private final Factory factory;
  private final boolean inBuffer;

  Variant(Factory factory, boolean inBuffer) {
    this.factory = factory;
    this.inBuffer = inBuffer;
  }

  /** A lock of this kind holding {@code initial}, waiting by {@code backoff}. */
  <T> SeqLock<T> of(ByteCodec<T> codec, T initial, Backoff backoff) {
    if (!inBuffer) {
      return switch (factory) {
        case CREATE -> SeqLock.create(codec, initial, backoff);
        case SINGLE_WRITER -> SeqLock.singleWriter(codec, initial, backoff);
        case LATCHED -> SeqLock.latched(codec, initial, backoff);
      };
    }
    SeqLock.checkArguments(codec, initial, backoff);
    return new SeqLock<>(
        codec, SeqLockEngine.directWords(codec, 1, initial, !singleCopy()), locked(), backoff);
  }

  <T> SeqLock<T> of(ByteCodec<T> codec, T initial) {
    return of(codec, initial, Backoff.defaults());
  }

  /** An array of this kind, every slot holding {@code initial}, waiting by {@code backoff}. */
  <T> SeqLockArray<T> array(ByteCodec<T> codec, int length, T initial, Backoff backoff) {
    if (!inBuffer) {
      return switch (factory) {
        case CREATE -> SeqLockArray.create(codec, length, initial, backoff);
        case SINGLE_WRITER -> SeqLockArray.singleWriter(codec, length, initial, backoff);
        case LATCHED -> SeqLockArray.latched(codec, length, initial, backoff);
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
        backoff);
  }

  <T> SeqLockArray<T> array(ByteCodec<T> codec, int length, T initial) {
    return array(codec, length, initial, Backoff.defaults());
  }

  private boolean locked() {
    return factory != Factory.SINGLE_WRITER;
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
    };
  }

  /** Whether writers are serialised by a lock (not the caller's promise). */
  boolean serialisesWriters() {
    return factory != Factory.SINGLE_WRITER;
  }

  /** Whether a write nested in the same thread's write is detected: with a lock, or under -ea. */
  boolean detectsNestedWrites() {
    return serialisesWriters() || ASSERTIONS_ENABLED;
  }

  /** Whether there is one copy of each value (not latched). */
  boolean singleCopy() {
    return factory != Factory.LATCHED;
  }
}
