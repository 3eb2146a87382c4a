package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A sequence lock: readers take consistent snapshots of a value of type {@code T} without writing to
 * shared memory, so they never slow the writer or each other. The value is held as bytes in shared
 * memory with the guarantees of {@link dev.seqlock.atomic.AtomicPerByte} (a one-element
 * {@link dev.seqlock.atomic.AtomicPerByteArray}); a read copies them with ACQUIRE and keeps the copy
 * only if no write overlapped it, as Rust RFC 3301's motivating example does. For many independent
 * values (one per symbol, say) use {@link SeqLockArray}.
 *
 * <p>Four variants, chosen by factory:
 *
 * <ul>
 *   <li>{@link #create} — any number of writer threads, serialised by a writer lock inside. A reader
 *       that keeps losing to writers takes that lock once, so reads complete even next to a writer
 *       that writes back to back.
 *   <li>{@link #singleWriter} — for one writer thread at a time (the caller's promise); writes use no
 *       atomic read-modify-write. With assertions enabled ({@code -ea}) a second concurrent writer is
 *       detected and gets {@link IllegalStateException}.
 *   <li>{@link #latched} — two copies of the value, after the Linux kernel's {@code seqcount_latch}:
 *       each write writes the copy readers are not reading, so a write in progress, even one whose
 *       thread was preempted mid-write, never makes a reader wait, and a read fails only if a write
 *       to the copy it reads begins during it (a write to the other copy may begin and end under it).
 *       Writers are serialised as in {@link #create}.
 *   <li>{@link #latchedSingleWriter} — {@link #latched}'s two copies for one writer thread at a time,
 *       as {@link #singleWriter}: no atomic read-modify-write on the write path. The choice for a
 *       value one feed thread writes and readers must never starve on.
 * </ul>
 *
 * <p>Every snapshot has a <em>version</em>: an even number that grows by 2 with every write. Versions
 * seen by one reader never go backwards. {@link #readInto}, {@link #tryReadInto}, {@link #readIfNewer},
 * the optimistic field reads ({@link #tryOptimisticRead}, {@link #getLong}, {@link #validate}),
 * {@link #writeFrom}, {@link #write} and the field writes ({@link #beginWrite}, {@link #putLong},
 * {@link #endWrite}) allocate nothing in steady state; {@link #read},
 * {@link #tryRead} and {@link #update} return decoded values and so allocate them.
 *
 * <p>Encoding (and an {@link #update} function) runs before a write becomes visible to readers: if the
 * codec or the function throws, the value is unchanged, the lock is free, and the exception reaches the
 * caller.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * SeqLock<Quote> quote = SeqLock.singleWriter(ByteCodecs.ofRecord(Quote.class), new Quote(0, 0));
 * quote.write(new Quote(100, 101));                  // the feed thread
 * MaybeTorn<Quote> mine = MaybeTorn.allocate(quote.codec());
 * long seen = quote.readIfNewer(-1, mine);           // a strategy thread: no allocation
 * }</pre>
 *
 * @param <T> the type of the value
 */
public final class SeqLock<T> extends SeqLockEngine<T> {
  /*
   * Algorithmic notes
   *
   * A SeqLock is a one-slot SeqLockEngine, whose notes give the protocol and its memory-model
   * argument (WriterRole's the writer role, SlotWords' the layout). This class checks arguments, so
   * the engine never sees bad input, and a rejected call returns before any shared word is written;
   * the one exception is readIfNewer's lastSeenVersion, which the engine checks only when it differs
   * from the version (an equal one is a version), so that an empty poll does not pay for it.
   */

  /** The version {@link #readIfNewer} takes for "nothing seen yet". */
  public static final long NOTHING_SEEN = -1;

  /** The only slot. */
  private static final int SLOT = 0;

  /** A lock over {@code words} (one copy, or two for latched) holding the initial value, unshared. */
  SeqLock(
      ByteCodec<T> codec,
      SlotWords<T> words,
      boolean lockedWriters,
      WriterPause pause,
      Backoff backoff) {
    super(codec, 1, words, lockedWriters, pause, backoff, false);
  }

  /**
   * A sequence lock for any number of writer threads, serialised inside; readers wait with
   * {@link Backoff#defaults()}. A reader that keeps failing makes the writer pause for it and then
   * takes the writer lock once ({@link WriterPause#FOR_STARVING_READERS}), so every read completes,
   * even beside a writer that never stops.
   *
   * @param codec the codec of the value
   * @param initial the initial value, version 0
   * @param <T> the type of the value
   * @return the lock
   * @throws NullPointerException if {@code codec} or {@code initial} is null
   * @throws IllegalArgumentException if the codec cannot encode {@code initial}
   */
  public static <T> SeqLock<T> create(ByteCodec<T> codec, T initial) {
    return create(codec, initial, Backoff.defaults());
  }

  /**
   * A sequence lock for any number of writer threads, serialised inside.
   *
   * @param codec the codec of the value
   * @param initial the initial value, version 0
   * @param backoff how readers and writers wait
   * @param <T> the type of the value
   * @return the lock
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the codec cannot encode {@code initial}
   */
  public static <T> SeqLock<T> create(ByteCodec<T> codec, T initial, Backoff backoff) {
    checkArguments(codec, initial, backoff);
    return new SeqLock<>(
        codec, heapWords(codec, 1, initial, false), true, WriterPause.FOR_STARVING_READERS, backoff);
  }

  /**
   * A sequence lock for one writer thread at a time: writes use no atomic read-modify-write. The
   * caller promises that writes ({@link #write}, {@link #writeFrom}, {@link #update}) never overlap;
   * with assertions enabled an overlapping writer gets {@link IllegalStateException}, without them the
   * value may be corrupted. Its writer pauses, briefly, for readers that keep failing
   * ({@link WriterPause#FOR_STARVING_READERS}); for a writer that never waits see
   * {@link #singleWriter(ByteCodec, Object, Backoff, WriterPause)}.
   *
   * @param codec the codec of the value
   * @param initial the initial value, version 0
   * @param <T> the type of the value
   * @return the lock
   * @throws NullPointerException if {@code codec} or {@code initial} is null
   * @throws IllegalArgumentException if the codec cannot encode {@code initial}
   */
  public static <T> SeqLock<T> singleWriter(ByteCodec<T> codec, T initial) {
    return singleWriter(codec, initial, Backoff.defaults());
  }

  /**
   * A sequence lock for one writer thread at a time; see {@link #singleWriter(ByteCodec, Object)}.
   *
   * @param codec the codec of the value
   * @param initial the initial value, version 0
   * @param backoff how readers wait
   * @param <T> the type of the value
   * @return the lock
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the codec cannot encode {@code initial}
   */
  public static <T> SeqLock<T> singleWriter(ByteCodec<T> codec, T initial, Backoff backoff) {
    return singleWriter(codec, initial, backoff, WriterPause.FOR_STARVING_READERS);
  }

  /**
   * A sequence lock for one writer thread at a time, whose writer pauses for starving readers or never
   * ({@link WriterPause}, which says when to pick which); see {@link #singleWriter(ByteCodec, Object)}.
   *
   * @param codec the codec of the value
   * @param initial the initial value, version 0
   * @param backoff how readers wait
   * @param pause whether the writer pauses for readers that keep failing
   * @param <T> the type of the value
   * @return the lock
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the codec cannot encode {@code initial}
   */
  public static <T> SeqLock<T> singleWriter(
      ByteCodec<T> codec, T initial, Backoff backoff, WriterPause pause) {
    checkArguments(codec, initial, backoff);
    Objects.requireNonNull(pause, "pause");
    return new SeqLock<>(codec, heapWords(codec, 1, initial, false), false, pause, backoff);
  }

  /**
   * A latched sequence lock: two copies of the value, so readers never wait for a write in progress.
   * Each write stores the value once, into the copy that holds the version before the current one
   * (readers of the current version read the other), so a write costs about what a {@link #create}
   * write costs; a read returns the newest version whose write has completed, and fails only if a
   * write to the copy it reads began during it (a write to the other copy may begin and end under
   * it), so it completes beside a writer that never stops, and the writer never waits for readers
   * ({@link WriterPause#NEVER}). Writers are serialised
   * inside. A field write ({@link #beginWrite}) also copies the words it does not put from the other
   * copy, when it ends (a value of more than 64 words: all of them, when it begins).
   *
   * @param codec the codec of the value
   * @param initial the initial value, version 0
   * @param <T> the type of the value
   * @return the lock
   * @throws NullPointerException if {@code codec} or {@code initial} is null
   * @throws IllegalArgumentException if the codec cannot encode {@code initial}
   */
  public static <T> SeqLock<T> latched(ByteCodec<T> codec, T initial) {
    return latched(codec, initial, Backoff.defaults());
  }

  /**
   * A latched sequence lock; see {@link #latched(ByteCodec, Object)}.
   *
   * @param codec the codec of the value
   * @param initial the initial value, version 0
   * @param backoff how readers and writers wait
   * @param <T> the type of the value
   * @return the lock
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the codec cannot encode {@code initial}
   */
  public static <T> SeqLock<T> latched(ByteCodec<T> codec, T initial, Backoff backoff) {
    checkArguments(codec, initial, backoff);
    return new SeqLock<>(
        codec, heapWords(codec, 1, initial, true), true, WriterPause.NEVER, backoff);
  }

  /**
   * A latched sequence lock for one writer thread at a time: {@link #latched(ByteCodec, Object)}'s two
   * copies, so readers never wait for a write in progress and the writer never waits for readers
   * ({@link WriterPause#NEVER}), with {@link #singleWriter(ByteCodec, Object)}'s writer role: writes
   * use no atomic read-modify-write (a {@link #latched} write takes and releases a lock), so a write
   * costs less. The caller promises that writes never overlap (one feed thread keeps that promise);
   * with assertions enabled an overlapping writer gets {@link IllegalStateException}, without them
   * the value may be corrupted. Beside a writer that writes the value back to back, readers take
   * longer per read than {@link #latched}'s, whose writer the lock slows (README's comparison
   * measures both).
   *
   * @param codec the codec of the value
   * @param initial the initial value, version 0
   * @param <T> the type of the value
   * @return the lock
   * @throws NullPointerException if {@code codec} or {@code initial} is null
   * @throws IllegalArgumentException if the codec cannot encode {@code initial}
   */
  public static <T> SeqLock<T> latchedSingleWriter(ByteCodec<T> codec, T initial) {
    return latchedSingleWriter(codec, initial, Backoff.defaults());
  }

  /**
   * A latched sequence lock for one writer thread at a time; see
   * {@link #latchedSingleWriter(ByteCodec, Object)}.
   *
   * @param codec the codec of the value
   * @param initial the initial value, version 0
   * @param backoff how readers wait
   * @param <T> the type of the value
   * @return the lock
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the codec cannot encode {@code initial}
   */
  public static <T> SeqLock<T> latchedSingleWriter(ByteCodec<T> codec, T initial, Backoff backoff) {
    checkArguments(codec, initial, backoff);
    return new SeqLock<>(
        codec, heapWords(codec, 1, initial, true), false, WriterPause.NEVER, backoff);
  }

  static void checkArguments(ByteCodec<?> codec, Object initial, Backoff backoff) {
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(backoff, "backoff");
  }

  /**
   * Returns the codec of the value.
   *
   * @return the codec
   */
  public ByteCodec<T> codec() {
    return codec;
  }

  /**
   * Returns a consistent snapshot of the value, never torn. Waits while it must (see the variants).
   *
   * @return the value
   */
  public T read() {
    return readValue(SLOT);
  }

  /**
   * Copies a consistent snapshot of the value into {@code destination} and returns its version.
   * Allocates nothing. {@code destination} may be decoded with {@link MaybeTorn#assumeUntorn()}.
   *
   * @param destination the holder to fill; its size must be the codec's
   * @return the version of the snapshot, even
   * @throws NullPointerException if {@code destination} is null
   * @throws IllegalArgumentException if the holder's size differs from the codec's
   */
  public long readInto(MaybeTorn<T> destination) {
    checkHolder(this, destination, "destination");
    return readIntoAt(SLOT, destination);
  }

  /**
   * Makes one attempt to read a consistent snapshot.
   *
   * @return the value, or {@code null} if a write was in progress or interfered (the latched variant
   *     returns {@code null} only for the latter)
   */
  public @Nullable T tryRead() {
    return tryReadValue(SLOT);
  }

  /**
   * Makes one attempt to copy a consistent snapshot into {@code destination}, for callers that bound or
   * count their own retries. Never waits and allocates nothing.
   *
   * <p>On success {@code destination} holds the snapshot and may be decoded with
   * {@link MaybeTorn#assumeUntorn()}. On failure ({@code -1}) a write was in progress or interfered:
   * {@code destination} may have been overwritten with torn bytes and must not be decoded (the latched
   * variant fails only when a write interfered).
   *
   * @param destination the holder to fill; its size must be the codec's
   * @return the version of the snapshot (even), or {@code -1} if the attempt failed
   * @throws NullPointerException if {@code destination} is null
   * @throws IllegalArgumentException if the holder's size differs from the codec's
   */
  public long tryReadInto(MaybeTorn<T> destination) {
    checkHolder(this, destination, "destination");
    return attempt(SLOT, destination);
  }

  /**
   * Starts an optimistic read of individual fields, as {@link java.util.concurrent.locks.StampedLock}'s
   * optimistic reads do: read the fields you need in place with {@link #getLong}, {@link #getInt},
   * {@link #getShort}, {@link #getByte} and their {@code double}, {@code float}, {@code char} and
   * {@code boolean} forms under the returned stamp, then call {@link #validate}; only if it returns
   * {@code true} are the values read a consistent part of one version. No copy of
   * the whole value, no holder, no waiting and no allocation: the cheapest read when a few fields are
   * enough.
   *
   * <pre>{@code
   * static final int BID = ByteCodecs.offsetOf(CODEC, "bid"); // offsets in the codec's layout
   * static final int ASK = ByteCodecs.offsetOf(CODEC, "ask");
   *
   * long stamp = quote.tryOptimisticRead();
   * long bid = quote.getLong(stamp, BID);
   * long ask = quote.getLong(stamp, ASK);
   * if (!quote.validate(stamp)) {                      // a write overlapped: fall back to a copy
   *   quote.readInto(holder);
   *   bid = holder.bytes().getLong(BID);
   *   ask = holder.bytes().getLong(ASK);
   * }
   * }</pre>
   *
   * <p>Until {@link #validate} returns {@code true}, values read under the stamp may be torn (bytes of
   * two versions) or stale: use them for nothing that could fail or loop on a bad value (an index, a
   * divisor, a length) before validating. A failed validation is not an error; retry or fall back.
   * Unlike {@link #readInto}, this never falls back by itself, so beside a writer that writes back to
   * back it may keep failing.
   *
   * <p>A stamp belongs to this lock and to the thread that took it: validating it on another lock, or
   * in another thread without a happens-before hand-off, proves nothing. Unlike StampedLock, whose
   * failed stamp is {@code 0}, here {@code 0} is a valid stamp (the initial version) and {@code -1} is
   * the failed one.
   *
   * @return a stamp for the field reads and {@link #validate}: the version the field reads under it
   *     belong to if it validates (even), or {@code -1} if a write is in progress (single-copy
   *     variants; reads under {@code -1} never validate). Never {@code -1} for the latched variant,
   *     whose stamp is the newest version whose write has completed.
   */
  public long tryOptimisticRead() {
    return stampAt(SLOT);
  }

  /**
   * Reads the 8 bytes at {@code offset} of the value as a little-endian {@code long} (the layout
   * {@link dev.seqlock.atomic.ByteImage#getLong} reads), under a stamp of {@link #tryOptimisticRead}.
   * The result may be torn or stale until {@link #validate} returns {@code true} for the stamp.
   *
   * @param stamp a stamp from {@link #tryOptimisticRead} (of the latched variant, it picks the copy)
   * @param offset the byte offset of the field in the codec's layout (for a record codec,
   *     {@link dev.seqlock.atomic.ByteCodecs#offsetOf}); its 8 bytes must lie within the value
   * @return the field's value, valid only if {@code validate(stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if the 8 bytes do not lie within the value
   */
  public long getLong(long stamp, int offset) {
    return longAt(SLOT, stamp, offset);
  }

  /**
   * Reads the 4 bytes at {@code offset} as a little-endian {@code int}; see {@link #getLong}.
   *
   * @param stamp a stamp from {@link #tryOptimisticRead}
   * @param offset the byte offset of the field; its 4 bytes must lie within the value
   * @return the field's value, valid only if {@code validate(stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if the 4 bytes do not lie within the value
   */
  public int getInt(long stamp, int offset) {
    return intAt(SLOT, stamp, offset);
  }

  /**
   * Reads the 4 bytes at {@code offset} as a {@code float} (its raw IEEE 754 bits, little-endian, the
   * layout {@link dev.seqlock.atomic.ByteImage#getFloat} reads); see {@link #getLong}.
   *
   * @param stamp a stamp from {@link #tryOptimisticRead}
   * @param offset the byte offset of the field; its 4 bytes must lie within the value
   * @return the field's value, valid only if {@code validate(stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if the 4 bytes do not lie within the value
   */
  public float getFloat(long stamp, int offset) {
    return Float.intBitsToFloat(getInt(stamp, offset));
  }

  /**
   * Reads the 8 bytes at {@code offset} as a {@code double} (its raw IEEE 754 bits, little-endian);
   * see {@link #getLong}.
   *
   * @param stamp a stamp from {@link #tryOptimisticRead}
   * @param offset the byte offset of the field; its 8 bytes must lie within the value
   * @return the field's value, valid only if {@code validate(stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if the 8 bytes do not lie within the value
   */
  public double getDouble(long stamp, int offset) {
    return Double.longBitsToDouble(getLong(stamp, offset));
  }

  /**
   * Reads the 2 bytes at {@code offset} as a little-endian {@code short} (the layout
   * {@link dev.seqlock.atomic.ByteImage#getShort} reads); see {@link #getLong}.
   *
   * @param stamp a stamp from {@link #tryOptimisticRead}
   * @param offset the byte offset of the field; its 2 bytes must lie within the value
   * @return the field's value, valid only if {@code validate(stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if the bytes do not lie within the value
   */
  public short getShort(long stamp, int offset) {
    return shortAt(SLOT, stamp, offset);
  }

  /**
   * Reads the 2 bytes at {@code offset} as a {@code char} (the layout
   * {@link dev.seqlock.atomic.ByteImage#getChar} reads); see {@link #getLong}.
   *
   * @param stamp a stamp from {@link #tryOptimisticRead}
   * @param offset the byte offset of the field; its 2 bytes must lie within the value
   * @return the field's value, valid only if {@code validate(stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if the bytes do not lie within the value
   */
  public char getChar(long stamp, int offset) {
    return (char) getShort(stamp, offset);
  }

  /**
   * Reads the byte at {@code offset}; see {@link #getLong}.
   *
   * @param stamp a stamp from {@link #tryOptimisticRead}
   * @param offset the byte offset of the field, below the value's size
   * @return the field's value, valid only if {@code validate(stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if the byte does not lie within the value
   */
  public byte getByte(long stamp, int offset) {
    return byteAt(SLOT, stamp, offset);
  }

  /**
   * Reads the byte at {@code offset} as a {@code boolean}: {@code true} unless it is 0, as
   * {@link dev.seqlock.atomic.ByteImage#getBoolean} reads it; see {@link #getLong}.
   *
   * @param stamp a stamp from {@link #tryOptimisticRead}
   * @param offset the byte offset of the field, below the value's size
   * @return the field's value, valid only if {@code validate(stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if the byte does not lie within the value
   */
  public boolean getBoolean(long stamp, int offset) {
    return getByte(stamp, offset) != 0;
  }

  /**
   * Whether no write changed the data read under {@code stamp}: if {@code true}, every value read by
   * a field read ({@link #getLong} and the others) under it since {@link #tryOptimisticRead} returned
   * it belongs to version {@code stamp}. For the single-copy variants that version is still the
   * current one when this returns; for the latched variant one write may have begun, or even ended,
   * since the stamp (it wrote the other copy), so the values are those of a version that was current
   * when the stamp was taken, as a copying read's are. Never waits.
   *
   * @param stamp a stamp from {@link #tryOptimisticRead}
   * @return {@code true} if the reads are consistent; always {@code false} for {@code -1}
   */
  public boolean validate(long stamp) {
    return validateAt(SLOT, stamp);
  }

  /**
   * Starts a write of individual fields in place, the writer's side of the field reads: put the fields
   * that change with {@link #putLong}, {@link #putInt}, {@link #putShort}, {@link #putByte} and their
   * {@code double}, {@code float}, {@code char} and {@code boolean} forms under the returned stamp,
   * then call {@link #endWrite}, which publishes them as one new version. Fields not put keep their
   * values. No holder, no encoding and no copy of the whole value (the latched
   * variant copies the words not put from its other copy in {@code endWrite}): the cheapest write
   * when a feed updates a few fields. Allocates nothing.
   *
   * <pre>{@code
   * long stamp = quote.beginWrite();                   // takes the writer role, as write does
   * try {
   *   quote.putLong(stamp, BID, bid);                  // offsets: ByteCodecs.offsetOf
   *   quote.putLong(stamp, ASK, ask);
   * } finally {
   *   quote.endWrite(stamp);                           // always: readers wait for the write to end
   * }
   * }</pre>
   *
   * <p>Unlike {@link #write}, the value changes in place while readers are told a write is in
   * progress, so every {@code beginWrite} must be followed by {@code endWrite} in the same thread, in a
   * {@code finally} block: a write that never ends keeps readers of {@link #create} and
   * {@link #singleWriter} waiting and writers blocked, as a {@link java.util.concurrent.locks.StampedLock}
   * write lock that is never unlocked would. If the code between them throws, {@code endWrite}
   * publishes the fields put so far. The puts belong to the thread that called {@code beginWrite}:
   * do not hand the stamp to another thread. Between the two, the writing thread must not read this
   * lock except through the puts: a copying read of a single-copy variant waits for the write to end
   * (a {@link #create} lock throws {@link IllegalStateException} once its reader would take the writer
   * lock; a {@link #singleWriter} reader waits forever), and their field reads fail validation (the
   * latched variant's reads return the version before the write). Waits for the writer role as
   * {@link #write} does.
   *
   * @return the stamp of this write, for the puts and {@link #endWrite}; odd, and not a version
   * @throws IllegalStateException if this thread is already writing to this lock, in a field write or
   *     an {@link #update} function (always for {@link #create} and {@link #latched}; for
   *     {@link #singleWriter}, inside a field write always, inside an update function with
   *     {@code -ea}), or, with {@code -ea}, another thread is writing to a single-writer lock
   */
  public long beginWrite() {
    return beginFieldWrite(SLOT);
  }

  /**
   * Writes {@code value} as the 8 bytes at {@code offset} of the value, little-endian (the layout
   * {@link dev.seqlock.atomic.ByteImage#putLong} writes), inside the write that {@code stamp} started.
   * Readers see it, with the write's other fields, when {@link #endWrite} publishes the write.
   *
   * @param stamp the stamp {@link #beginWrite} returned to this thread, before its {@link #endWrite}
   * @param offset the byte offset of the field in the codec's layout; its 8 bytes must lie within the
   *     value
   * @param value the field's new value
   * @throws IllegalStateException if {@code stamp} is not the stamp of the write in progress; nothing
   *     is written then
   * @throws IndexOutOfBoundsException if the 8 bytes do not lie within the value; nothing is written
   *     then
   */
  public void putLong(long stamp, int offset, long value) {
    putLongAt(SLOT, stamp, offset, value);
  }

  /**
   * Writes {@code value} as the 4 bytes at {@code offset}, little-endian; see {@link #putLong}.
   *
   * @param stamp the stamp {@link #beginWrite} returned to this thread, before its {@link #endWrite}
   * @param offset the byte offset of the field; its 4 bytes must lie within the value
   * @param value the field's new value
   * @throws IllegalStateException if {@code stamp} is not the stamp of the write in progress; nothing
   *     is written then
   * @throws IndexOutOfBoundsException if the 4 bytes do not lie within the value; nothing is written
   *     then
   */
  public void putInt(long stamp, int offset, int value) {
    putIntAt(SLOT, stamp, offset, value);
  }

  /**
   * Writes {@code value} as the 4 bytes at {@code offset} (its raw IEEE 754 bits, little-endian); see
   * {@link #putLong}.
   *
   * @param stamp the stamp {@link #beginWrite} returned to this thread, before its {@link #endWrite}
   * @param offset the byte offset of the field; its 4 bytes must lie within the value
   * @param value the field's new value
   * @throws IllegalStateException if {@code stamp} is not the stamp of the write in progress; nothing
   *     is written then
   * @throws IndexOutOfBoundsException if the 4 bytes do not lie within the value; nothing is written
   *     then
   */
  public void putFloat(long stamp, int offset, float value) {
    putInt(stamp, offset, Float.floatToRawIntBits(value));
  }

  /**
   * Writes {@code value} as the 8 bytes at {@code offset} (its raw IEEE 754 bits, little-endian); see
   * {@link #putLong}.
   *
   * @param stamp the stamp {@link #beginWrite} returned to this thread, before its {@link #endWrite}
   * @param offset the byte offset of the field; its 8 bytes must lie within the value
   * @param value the field's new value
   * @throws IllegalStateException if {@code stamp} is not the stamp of the write in progress; nothing
   *     is written then
   * @throws IndexOutOfBoundsException if the 8 bytes do not lie within the value; nothing is written
   *     then
   */
  public void putDouble(long stamp, int offset, double value) {
    putLong(stamp, offset, Double.doubleToRawLongBits(value));
  }

  /**
   * Writes {@code value} as the 2 bytes at {@code offset}, little-endian (the layout
   * {@link dev.seqlock.atomic.ByteImage#putShort} writes); see {@link #putLong}.
   *
   * @param stamp the stamp {@link #beginWrite} returned to this thread, before its {@link #endWrite}
   * @param offset the byte offset of the field; its 2 bytes must lie within the value
   * @param value the field's new value
   * @throws IllegalStateException if {@code stamp} is not the stamp of the write in progress; nothing
   *     is written then
   * @throws IndexOutOfBoundsException if the bytes do not lie within the value; nothing is written
   *     then
   */
  public void putShort(long stamp, int offset, short value) {
    putShortAt(SLOT, stamp, offset, value);
  }

  /**
   * Writes {@code value} as the 2 bytes at {@code offset} (the layout
   * {@link dev.seqlock.atomic.ByteImage#putChar} writes); see {@link #putLong}.
   *
   * @param stamp the stamp {@link #beginWrite} returned to this thread, before its {@link #endWrite}
   * @param offset the byte offset of the field; its 2 bytes must lie within the value
   * @param value the field's new value
   * @throws IllegalStateException if {@code stamp} is not the stamp of the write in progress; nothing
   *     is written then
   * @throws IndexOutOfBoundsException if the bytes do not lie within the value; nothing is written
   *     then
   */
  public void putChar(long stamp, int offset, char value) {
    putShort(stamp, offset, (short) value);
  }

  /**
   * Writes {@code value} as the byte at {@code offset}; see {@link #putLong}.
   *
   * @param stamp the stamp {@link #beginWrite} returned to this thread, before its {@link #endWrite}
   * @param offset the byte offset of the field, below the value's size
   * @param value the field's new value
   * @throws IllegalStateException if {@code stamp} is not the stamp of the write in progress; nothing
   *     is written then
   * @throws IndexOutOfBoundsException if the byte does not lie within the value; nothing is written
   *     then
   */
  public void putByte(long stamp, int offset, byte value) {
    putByteAt(SLOT, stamp, offset, value);
  }

  /**
   * Writes {@code value} as the byte at {@code offset}: 1 for {@code true}, 0 for
   * {@code false}, as {@link dev.seqlock.atomic.ByteImage#putBoolean} writes it; see
   * {@link #putLong}.
   *
   * @param stamp the stamp {@link #beginWrite} returned to this thread, before its {@link #endWrite}
   * @param offset the byte offset of the field, below the value's size
   * @param value the field's new value
   * @throws IllegalStateException if {@code stamp} is not the stamp of the write in progress; nothing
   *     is written then
   * @throws IndexOutOfBoundsException if the byte does not lie within the value; nothing is written
   *     then
   */
  public void putBoolean(long stamp, int offset, boolean value) {
    putByte(stamp, offset, (byte) (value ? 1 : 0));
  }

  /**
   * Ends the write that {@code stamp} started: the fields put since {@link #beginWrite} become the next
   * version, all at once for readers, and the writer role is given up.
   *
   * @param stamp the stamp {@link #beginWrite} returned
   * @throws IllegalStateException if {@code stamp} is not the stamp of the write in progress (a write
   *     already ended, or a stamp of another write); nothing changes then
   */
  public void endWrite(long stamp) {
    endFieldWrite(SLOT, stamp);
  }

  /**
   * For pollers: if the value's version differs from {@code lastSeenVersion}, copies a consistent
   * snapshot into {@code destination} and returns its version; otherwise returns
   * {@code lastSeenVersion} and leaves {@code destination} untouched. Allocates nothing.
   *
   * @param lastSeenVersion the version the caller saw last, or {@link #NOTHING_SEEN} ({@code -1})
   * @param destination the holder to fill; its size must be the codec's
   * @return the version now in {@code destination}: a new one, or {@code lastSeenVersion}
   * @throws NullPointerException if {@code destination} is null
   * @throws IllegalArgumentException if {@code lastSeenVersion} is odd or below {@code -1}, or the
   *     holder's size differs
   */
  public long readIfNewer(long lastSeenVersion, MaybeTorn<T> destination) {
    checkHolder(this, destination, "destination");
    return readIfNewerAt(SLOT, lastSeenVersion, destination);
  }

  /**
   * Writes {@code value}: encodes it, then publishes it as the next version. Allocates nothing.
   *
   * @param value the new value
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if the codec rejects {@code value}; nothing is written then
   * @throws IllegalStateException on a single-writer lock with assertions enabled, if another write is
   *     in progress
   */
  public void write(T value) {
    Objects.requireNonNull(value, "value");
    writeValue(SLOT, value);
  }

  /**
   * Publishes the bytes of {@code source} as the next version. Allocates nothing.
   *
   * @param source the holder whose bytes to write; its size must be the codec's
   * @throws NullPointerException if {@code source} is null
   * @throws IllegalArgumentException if the holder's size differs; nothing is written then
   * @throws IllegalStateException on a single-writer lock with assertions enabled, if another write is
   *     in progress
   */
  public void writeFrom(MaybeTorn<T> source) {
    checkHolder(this, source, "source");
    writeFromHolder(SLOT, source);
  }

  /**
   * Replaces the value with {@code function} applied to it, atomically with respect to other writers:
   * no update is lost. The function runs with the writer role held and before the write becomes
   * visible, so it must be short and must not write to this lock.
   *
   * @param function computes the new value from the current one; must not return null
   * @return the new value
   * @throws NullPointerException if {@code function} is null or returns null; nothing is written then
   * @throws IllegalStateException if {@code function} writes to this lock, or (single writer, with
   *     {@code -ea}) another write is in progress
   */
  public T update(UnaryOperator<T> function) {
    Objects.requireNonNull(function, "function");
    return updateValue(SLOT, function);
  }

  /**
   * Returns the version of the value a read would return now: even, and the version before any write
   * in progress.
   *
   * @return the current version
   */
  public long version() {
    return versionAt(SLOT);
  }

  /**
   * Throws unless {@code holder} is a non-null holder of the codec's size. Compares with the size the
   * engine keeps, not {@code codec.byteSize()}: an interface call on every read is avoidable work when
   * an application uses many codecs.
   */
  static void checkHolder(SeqLockEngine<?> engine, MaybeTorn<?> holder, String parameter) {
    Objects.requireNonNull(holder, parameter);
    if (holder.byteSize() != engine.byteSize) {
      throw new IllegalArgumentException(
          parameter + " holds " + holder.byteSize() + " bytes, the value has " + engine.byteSize);
    }
  }

  /** Throws unless {@code lastSeenVersion} is {@link #NOTHING_SEEN} or an even version. */
  static void checkLastSeen(long lastSeenVersion) {
    if (lastSeenVersion != NOTHING_SEEN && (lastSeenVersion < 0 || (lastSeenVersion & 1) != 0)) {
      throw new IllegalArgumentException(
          "lastSeenVersion must be an even version or -1: " + lastSeenVersion);
    }
  }

  /**
   * Describes this lock without reading the value.
   *
   * @return the variant, the codec and the current version
   */
  @Override
  public String toString() {
    return "SeqLock[" + variant() + ", codec=" + codec + ", version=" + version() + "]";
  }
}
