package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The sequence locks of a run of independent slots: the engine behind {@link SeqLock} (one slot) and
 * {@link SeqLockArray}. A protocol ({@link SingleCopyProtocol} or {@link LatchedProtocol}) says how
 * values are written and read and when a read is kept; a {@link WriterRole} says how the writer role
 * of a slot is held; {@link SlotWords} holds the sequences and values, on the heap or in a buffer.
 * This class holds what every combination does the same way. Arguments are checked by the public
 * classes: every method here takes a valid slot index and holders of the codec's size.
 *
 * @param <T> the type of the values
 */
abstract sealed class SeqLockEngine<T> permits SingleCopyProtocol, LatchedProtocol {
  /*
   * Algorithmic notes
   *
   * Each slot is an independent sequence lock: it has its own sequence and value words (SlotWords'
   * layout keeps them off every other slot's cache lines), its own writer-role words (WriterRole),
   * its own writer-owned staging holder and FieldWriteStamp. The protocols' arguments are stated for
   * one slot and hold for each.
   *
   * Writes. take the role; encode into the slot's staging holder; publish (the protocol); give the
   * role up. Encoding comes before the protocol's first store, so a throwing codec or update function
   * leaves the slot untouched and the finally block gives the role up. Each slot has its own staging
   * holder because writers of different slots run concurrently.
   *
   * Field writes (beginFieldWrite, the part stores, endFieldWrite) are the protocol's writer with
   * publish cut into parts the caller chooses: take the role; s = sequence (the holder's plain read of
   * its own last store, even); the protocol opens the write (odd store s + 1 and a release fence);
   * the part stores (plain); the protocol closes it (Release store of s + 2); give the role up. Every
   * part store and endFieldWrite first compare the stamp with the slot's FieldWriteStamp, which the
   * writer sets to s + 1 in beginFieldWrite and back to 0 in endFieldWrite (a writer-owned field, not
   * the sequence: see its notes): a part store outside a write in progress would change words under
   * an even sequence, which readers could not detect, so it fails instead and stores nothing. That
   * check is exact only in the thread that holds the role, so the part stores belong to the thread
   * that called beginWrite, as the javadoc says. The caller must end every write it begins
   * (try/finally): a write never ended leaves the sequence odd and the role taken, the one failure
   * this API hands to the caller, as StampedLock's writeLock does. A write that finds its slot's
   * sequence odd after taking the role throws before storing anything (writeInProgress): only a
   * broken single-writer promise gets there, typically a write nested in the thread's own field write.
   *
   * Optimistic field reads (tryOptimisticRead, the part reads, validate) are the protocol's reader
   * with the copy cut into parts: the stamp is the protocol's Acquire read of the sequence, each part
   * a plain read of one or two words of the copy the stamp picks, and validate the protocol's
   * acquire fence and validating read. The parts need no fence of their own: the Acquire read keeps
   * them after the stamp, validate's acquire fence keeps them before the validating read, and between
   * the two their order does not matter (a fence per field would also be correct, but makes the JIT
   * reload the path to the words for every field). A stamp is only meaningful for the slot it was
   * taken from and in the thread that took it: validating slot j with a stamp of slot i skips slot
   * j's Acquire read (stamps of different slots often coincide, so this misuse cannot be detected;
   * the javadoc forbids it).
   *
   * Progress. A reader that fails OPTIMISTIC_ATTEMPTS times in a row announces itself as starving
   * (WriterRole) and then takes the protocol's starving path: the single-copy protocol takes the
   * writer lock if the role has one (as Linux's read_seqbegin_or_lock), otherwise readers keep
   * trying. Writers check the announcement before taking the role and pause, for at most
   * WriterRole.WRITER_PAUSE_NANOS, while a reader is starving, so a back-to-back writer cannot starve
   * readers and a starving reader cannot stop the writer for long.
   *
   * Versions. A snapshot's version is even and, for one reader, never decreases: it is derived from
   * an Acquire load of the slot's sequence, and successive loads of one variable by one thread are
   * coherent; the sequence only grows.
   *
   * Publication. The initial values are stored into the words (SlotWords.onHeap) before the engine
   * stores the words in its final fields, and the public classes store the engine in theirs: every
   * path to the words goes through a final field frozen after those stores (JLS 17.5), however the
   * lock is published.
   */

  /** Optimistic attempts before a reader announces that it is starving. */
  static final int OPTIMISTIC_ATTEMPTS = 4;

  final ByteCodec<T> codec;
  final int length;

  /** {@code codec.byteSize()}, for the public classes' holder checks without an interface call. */
  final int byteSize;

  final Backoff backoff;
  final WriterRole role;

  /** The words that hold the sequences: the only copy, or the latched protocol's first copy. */
  final SlotWords<T> words;

  /** Writer-owned, one per slot: the encoded value of the write in progress, or the current value. */
  private final MaybeTorn<T>[] staging;

  /** Writer-owned, one per slot: the stamp of the field write in progress, or 0. */
  final FieldWriteStamp[] fieldWriteStamps;

  @SuppressWarnings("unchecked") // an array of MaybeTorn<T> holders, created for the codec's T
  SeqLockEngine(ByteCodec<T> codec, int length, SlotWords<T> words, WriterRole role, Backoff backoff) {
    this.codec = codec;
    this.length = length;
    this.byteSize = codec.byteSize();
    this.backoff = backoff;
    this.role = role;
    this.words = words;
    this.staging = (MaybeTorn<T>[]) new MaybeTorn<?>[length];
    this.fieldWriteStamps = new FieldWriteStamp[length];
    for (int i = 0; i < length; i++) {
      staging[i] = MaybeTorn.allocate(codec);
      fieldWriteStamps[i] = new FieldWriteStamp();
    }
  }

  // ---- the protocol ----

  /** One optimistic read: the snapshot's version, or -1 if it may be torn. */
  abstract long attempt(int slot, MaybeTorn<T> destination);

  /** The read path after {@link #OPTIMISTIC_ATTEMPTS} failures; the reader is announced starving. */
  abstract long readStarving(int slot, MaybeTorn<T> destination);

  /** Publishes {@code source} as the slot's next version; the caller holds the writer role. */
  abstract void publish(int slot, MaybeTorn<T> source);

  /** Loads the slot's current value into {@code holder}; the caller holds the writer role. */
  abstract void loadCurrent(int slot, MaybeTorn<T> holder);

  /** {@code tryOptimisticRead}: a stamp for the field reads, or -1. */
  abstract long optimisticStamp(int slot);

  /** The words a field read under {@code stamp} reads. */
  abstract SlotWords<T> readWords(long stamp);

  /** {@code validate}: whether the field reads under {@code stamp} belong to one version. */
  abstract boolean validate(int slot, long stamp);

  /** Makes the sequence odd ({@code even + 1}) and fences it before the part stores. */
  abstract void openFieldWrite(int slot, long even);

  /** The words the part stores of the field write with {@code stamp} go to. */
  abstract SlotWords<T> writeWords(long stamp);

  /** Makes the sequence even ({@code odd + 1}): the part stores become the next version. */
  abstract void closeFieldWrite(int slot, long odd);

  /** The variant's name in {@code toString}: the factory that made it. */
  abstract String variant();

  // ---- reads ----

  /** {@code readInto} after the argument checks. */
  final long readInto(int slot, MaybeTorn<T> destination) {
    for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      long version = attempt(slot, destination);
      if (version >= 0) {
        return version;
      }
      backoff.await(attempt);
    }
    role.starving(slot, 1);
    try {
      return readStarving(slot, destination);
    } finally {
      role.starving(slot, -1);
    }
  }

  /** Optimistic attempts until one succeeds, waiting by the backoff in between. */
  final long readUntilConsistent(int slot, MaybeTorn<T> destination) {
    for (int attempt = 0; ; attempt++) {
      long version = attempt(slot, destination);
      if (version >= 0) {
        return version;
      }
      backoff.await(attempt);
    }
  }

  /** {@code read} after the argument checks. */
  final T read(int slot) {
    MaybeTorn<T> destination = MaybeTorn.allocate(codec);
    readInto(slot, destination);
    return destination.assumeUntorn();
  }

  /** {@code tryRead} after the argument checks. */
  final @Nullable T tryRead(int slot) {
    MaybeTorn<T> destination = MaybeTorn.allocate(codec);
    return attempt(slot, destination) >= 0 ? destination.assumeUntorn() : null;
  }

  /** {@code tryReadInto} after the argument checks: one attempt, the version or -1. */
  final long tryReadInto(int slot, MaybeTorn<T> destination) {
    return attempt(slot, destination);
  }

  /** {@code readIfNewer} after the argument checks. */
  final long readIfNewer(int slot, long lastSeenVersion, MaybeTorn<T> destination) {
    if (version(slot) == lastSeenVersion) {
      return lastSeenVersion;
    }
    return readInto(slot, destination);
  }

  /** {@code version} after the argument checks: even, the version before any write in progress. */
  final long version(int slot) {
    return words.sequenceAcquire(words.sequenceIndex(slot)) & ~1L;
  }

  /** Plain read of the 8 bytes at {@code offset} under {@code stamp} (the notes). */
  final long getLong(int slot, long stamp, int offset) {
    return readWords(stamp).getLong(slot, offset);
  }

  /** Plain read of the 4 bytes at {@code offset} under {@code stamp}. */
  final int getInt(int slot, long stamp, int offset) {
    return readWords(stamp).getInt(slot, offset);
  }

  /** Plain read of the 2 bytes at {@code offset} under {@code stamp}. */
  final short getShort(int slot, long stamp, int offset) {
    return readWords(stamp).getShort(slot, offset);
  }

  /** Plain read of the byte at {@code offset} under {@code stamp}. */
  final byte getByte(int slot, long stamp, int offset) {
    return readWords(stamp).getByte(slot, offset);
  }

  // ---- writes ----

  /** {@code write} after the argument checks. */
  final void write(int slot, T value) {
    role.take(slot);
    try {
      MaybeTorn<T> encoded = staging[slot];
      encoded.set(value); // encode before the protocol's first store: a throwing codec changes nothing
      publish(slot, encoded);
    } finally {
      role.release(slot);
    }
  }

  /** {@code writeFrom} after the argument checks. */
  final void writeFrom(int slot, MaybeTorn<T> source) {
    role.take(slot);
    try {
      publish(slot, source);
    } finally {
      role.release(slot);
    }
  }

  /** {@code update} after the argument checks. */
  final T update(int slot, UnaryOperator<T> function) {
    role.take(slot);
    try {
      MaybeTorn<T> holder = staging[slot];
      loadCurrent(slot, holder); // writer role held: no write can overlap this load
      T next = Objects.requireNonNull(function.apply(holder.assumeUntorn()), "function result");
      holder.set(next); // encode before the protocol's first store
      publish(slot, holder);
      return next;
    } finally {
      role.release(slot);
    }
  }

  /**
   * The even sequence a write that holds the role starts from; throws if it is odd (see
   * {@link #writeInProgress}).
   */
  final long sequenceForWrite(int slot) {
    long s = words.word(words.sequenceIndex(slot)); // plain: the role's holder reads its own store
    if ((s & 1) != 0) {
      throw writeInProgress(slot);
    }
    return s;
  }

  /**
   * What a write finds when the sequence it holds the role for is already odd: only a broken
   * single-writer promise gets there (a lock excludes it), typically a write nested in this thread's
   * own field write, which would otherwise make the sequence even mid-write.
   */
  private static IllegalStateException writeInProgress(int slot) {
    return new IllegalStateException("a write to slot " + slot + " is already in progress"
        + " (a second writer, or a write between beginWrite and endWrite?)");
  }

  /** {@code beginWrite} of the field writes after the argument checks: returns the odd stamp. */
  final long beginFieldWrite(int slot) {
    role.take(slot);
    long s;
    try {
      s = sequenceForWrite(slot);
    } catch (IllegalStateException e) {
      role.release(slot);
      throw e;
    }
    openFieldWrite(slot, s);
    fieldWriteStamps[slot].open(s + 1);
    return s + 1;
  }

  /** Plain write of the 8 bytes at {@code offset} in the field write with {@code stamp}. */
  final void putLong(int slot, long stamp, int offset, long value) {
    fieldWriteStamps[slot].check(stamp);
    writeWords(stamp).putLong(slot, offset, value);
  }

  /** Plain write of the 4 bytes at {@code offset} in the field write with {@code stamp}. */
  final void putInt(int slot, long stamp, int offset, int value) {
    fieldWriteStamps[slot].check(stamp);
    writeWords(stamp).putInt(slot, offset, value);
  }

  /** Plain write of the 2 bytes at {@code offset} in the field write with {@code stamp}. */
  final void putShort(int slot, long stamp, int offset, short value) {
    fieldWriteStamps[slot].check(stamp);
    writeWords(stamp).putShort(slot, offset, value);
  }

  /** Plain write of the byte at {@code offset} in the field write with {@code stamp}. */
  final void putByte(int slot, long stamp, int offset, byte value) {
    fieldWriteStamps[slot].check(stamp);
    writeWords(stamp).putByte(slot, offset, value);
  }

  /** {@code endWrite} of the field writes after the argument checks: publishes, gives the role up. */
  final void endFieldWrite(int slot, long stamp) {
    FieldWriteStamp open = fieldWriteStamps[slot];
    open.check(stamp);
    open.close();
    try {
      closeFieldWrite(slot, stamp);
    } finally {
      role.release(slot);
    }
  }
}
