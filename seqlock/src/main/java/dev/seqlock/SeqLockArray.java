package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import java.nio.LongBuffer;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A fixed number of independent sequence-locked values of type {@code T}, one per <em>slot</em>: each
 * slot behaves exactly like a {@link SeqLock} of the same variant, with its own version, writer role
 * and readers, but all slots live in two arrays instead of one object per value.
 *
 * <p>Neighbouring slots share no cache line: each slot's sequence is the word before its value (for
 * {@link #latched}, before its two copies), and the data array leaves at least 64 bytes between one
 * slot's value and the next slot's sequence; each slot's writer lock, starving-reader count and
 * field-write stamp take 80 bytes of a separate padded array ({@link #latched}, whose field writes
 * also note which words they put, 72 more in a third). A feed thread writing slot {@code i}
 * therefore never slows readers of slot {@code i + 1}, and taking a slot's writer lock does not
 * invalidate a line its readers read. The cost is memory: a slot takes its value in whole words
 * (twice for {@link #latched}) plus 152 bytes (224 latched; in all 200 for a 48-byte value, 320
 * latched: with its version for {@link #changedSlots}) and no object of its own; {@link #write}
 * and {@link #update} encode into a holder per writer thread.
 *
 * <p>Variants, chosen by factory: {@link #create} (any number of writer threads; writers of one slot
 * are serialised by that slot's lock, writers of different slots run in parallel),
 * {@link #singleWriter} (the caller promises that writes to one slot never overlap; different slots may
 * be written by different threads at the same time), {@link #latched} (two copies per slot; readers
 * never wait for a write in progress, writers never wait for readers), {@link #latchedSingleWriter}
 * (latched, with {@link #singleWriter}'s promise and no atomic read-modify-write). How writers and readers make
 * progress when they meet is each factory's {@link WriterPause} policy. Every operation takes the
 * slot index first and otherwise behaves as the {@link SeqLock} method of the same name; {@link #readInto}, {@link #tryReadInto},
 * {@link #readIfNewer}, the optimistic field reads ({@link #tryOptimisticRead}, {@link #getLong},
 * {@link #validate}), {@link #writeFrom}, {@link #write} and the field writes ({@link #beginWrite},
 * {@link #putLong}, {@link #endWrite}) allocate nothing in steady state.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * SeqLockArray<Quote> book = SeqLockArray.singleWriter(ByteCodecs.ofRecord(Quote.class), 500, Quote.EMPTY);
 * book.write(42, new Quote(100, 101));               // the feed thread, symbol 42
 * MaybeTorn<Quote> mine = MaybeTorn.allocate(book.codec());
 * long seen = book.readIfNewer(42, SeqLock.NOTHING_SEEN, mine); // a strategy thread: no allocation
 * }</pre>
 *
 * @param <T> the type of the values
 */
public final class SeqLockArray<T> extends SeqLockEngine<T> {
  /*
   * Algorithmic notes
   *
   * A SeqLockArray is a SeqLockEngine of its length, the same code as a SeqLock's single slot; its
   * notes give the protocol and its memory-model argument, which hold per slot because slots share
   * no word. This class checks arguments, including the slot index, so the engine never sees bad
   * input and a rejected call writes no shared word (readIfNewer's lastSeenVersion excepted: the
   * engine checks it, as SeqLock's notes say).
   */

  /** Slots over {@code words} (one copy, or two: latched) holding the initial value, unshared. */
  SeqLockArray(
      ByteCodec<T> codec,
      int length,
      SlotWords<T> words,
      boolean lockedWriters,
      WriterPause pause,
      Backoff backoff) {
    super(codec, length, words, lockedWriters, pause, backoff, true);
  }

  /**
   * Slots over {@code words} as above whose change scan reads {@code versions}, one word per slot,
   * all 0: a buffer's, as a file's are (SeqLockEngine's notes, Change scan).
   */
  SeqLockArray(
      ByteCodec<T> codec,
      int length,
      SlotWords<T> words,
      boolean lockedWriters,
      WriterPause pause,
      Backoff backoff,
      LongBuffer versions) {
    super(codec, length, words,
        WriterRole.of(lockedWriters, length, words.copies == 2, pause, backoff), versions);
  }

  /**
   * Slots for any number of writer threads, each slot's writers serialised by its own lock; readers
   * wait with {@link Backoff#defaults()}. A reader that keeps failing makes the slot's writer pause
   * for it and then takes the slot's writer lock once ({@link WriterPause#FOR_STARVING_READERS}), so
   * every read completes, even beside a writer that never stops.
   *
   * @param codec the codec of the values
   * @param length the number of slots, zero or more
   * @param initial the initial value of every slot, version 0
   * @param <T> the type of the values
   * @return the array
   * @throws NullPointerException if {@code codec} or {@code initial} is null
   * @throws IllegalArgumentException if {@code length} is negative or too large, or the codec cannot
   *     encode {@code initial}
   */
  public static <T> SeqLockArray<T> create(ByteCodec<T> codec, int length, T initial) {
    return create(codec, length, initial, Backoff.defaults());
  }

  /**
   * Slots for any number of writer threads; see {@link #create(ByteCodec, int, Object)}.
   *
   * @param codec the codec of the values
   * @param length the number of slots, zero or more
   * @param initial the initial value of every slot, version 0
   * @param backoff how readers and writers wait
   * @param <T> the type of the values
   * @return the array
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code length} is negative or too large, or the codec cannot
   *     encode {@code initial}
   */
  public static <T> SeqLockArray<T> create(
      ByteCodec<T> codec, int length, T initial, Backoff backoff) {
    SeqLock.checkArguments(codec, initial, backoff);
    checkLength(length);
    return new SeqLockArray<>(codec, length, heapWords(codec, length, initial, false), true,
        WriterPause.FOR_STARVING_READERS, backoff);
  }

  /**
   * Slots for one writer at a time per slot: writes use no atomic read-modify-write. The caller
   * promises that writes to the same slot never overlap (one feed thread writing every slot keeps that
   * promise); with assertions enabled an overlapping writer gets {@link IllegalStateException}, without
   * them the slot's value may be corrupted. A slot's writer pauses, briefly, for its readers that keep
   * failing ({@link WriterPause#FOR_STARVING_READERS}); for writers that never wait see
   * {@link #singleWriter(ByteCodec, int, Object, Backoff, WriterPause)}.
   *
   * @param codec the codec of the values
   * @param length the number of slots, zero or more
   * @param initial the initial value of every slot, version 0
   * @param <T> the type of the values
   * @return the array
   * @throws NullPointerException if {@code codec} or {@code initial} is null
   * @throws IllegalArgumentException if {@code length} is negative or too large, or the codec cannot
   *     encode {@code initial}
   */
  public static <T> SeqLockArray<T> singleWriter(ByteCodec<T> codec, int length, T initial) {
    return singleWriter(codec, length, initial, Backoff.defaults());
  }

  /**
   * Slots for one writer at a time per slot; see {@link #singleWriter(ByteCodec, int, Object)}.
   *
   * @param codec the codec of the values
   * @param length the number of slots, zero or more
   * @param initial the initial value of every slot, version 0
   * @param backoff how readers wait
   * @param <T> the type of the values
   * @return the array
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code length} is negative or too large, or the codec cannot
   *     encode {@code initial}
   */
  public static <T> SeqLockArray<T> singleWriter(
      ByteCodec<T> codec, int length, T initial, Backoff backoff) {
    return singleWriter(codec, length, initial, backoff, WriterPause.FOR_STARVING_READERS);
  }

  /**
   * Slots for one writer at a time per slot, whose writers pause for starving readers or never
   * ({@link WriterPause}, which says when to pick which); see
   * {@link #singleWriter(ByteCodec, int, Object)}.
   *
   * @param codec the codec of the values
   * @param length the number of slots, zero or more
   * @param initial the initial value of every slot, version 0
   * @param backoff how readers wait
   * @param pause whether a slot's writer pauses for its readers that keep failing
   * @param <T> the type of the values
   * @return the array
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code length} is negative or too large, or the codec cannot
   *     encode {@code initial}
   */
  public static <T> SeqLockArray<T> singleWriter(
      ByteCodec<T> codec, int length, T initial, Backoff backoff, WriterPause pause) {
    SeqLock.checkArguments(codec, initial, backoff);
    Objects.requireNonNull(pause, "pause");
    checkLength(length);
    return new SeqLockArray<>(
        codec, length, heapWords(codec, length, initial, false), false, pause, backoff);
  }

  /**
   * Latched slots: two copies of each value, so readers never wait for a write in progress; each
   * write stores the value once, into the copy readers are not reading (see
   * {@link SeqLock#latched(ByteCodec, Object)}). Writers of one slot are serialised by its lock, and
   * never wait for readers ({@link WriterPause#NEVER}).
   *
   * @param codec the codec of the values
   * @param length the number of slots, zero or more
   * @param initial the initial value of every slot, version 0
   * @param <T> the type of the values
   * @return the array
   * @throws NullPointerException if {@code codec} or {@code initial} is null
   * @throws IllegalArgumentException if {@code length} is negative or too large, or the codec cannot
   *     encode {@code initial}
   */
  public static <T> SeqLockArray<T> latched(ByteCodec<T> codec, int length, T initial) {
    return latched(codec, length, initial, Backoff.defaults());
  }

  /**
   * Latched slots; see {@link #latched(ByteCodec, int, Object)}.
   *
   * @param codec the codec of the values
   * @param length the number of slots, zero or more
   * @param initial the initial value of every slot, version 0
   * @param backoff how readers and writers wait
   * @param <T> the type of the values
   * @return the array
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code length} is negative or too large, or the codec cannot
   *     encode {@code initial}
   */
  public static <T> SeqLockArray<T> latched(
      ByteCodec<T> codec, int length, T initial, Backoff backoff) {
    SeqLock.checkArguments(codec, initial, backoff);
    checkLength(length, WriterRole.MAX_TWO_COPY_SLOTS);
    return new SeqLockArray<>(
        codec, length, heapWords(codec, length, initial, true), true, WriterPause.NEVER, backoff);
  }

  /**
   * Latched slots for one writer at a time per slot: {@link #latched(ByteCodec, int, Object)}'s two
   * copies, whose writers never wait for readers ({@link WriterPause#NEVER}), with
   * {@link #singleWriter(ByteCodec, int, Object)}'s writer role: writes use no atomic
   * read-modify-write (see {@link SeqLock#latchedSingleWriter(ByteCodec, Object)}). The caller
   * promises that writes to the same slot never overlap (one feed thread writing every slot keeps that
   * promise); with assertions enabled an overlapping writer gets {@link IllegalStateException},
   * without them the slot's value may be corrupted. Beside a writer that writes one slot back to
   * back, that slot's readers take longer per read than {@link #latched}'s.
   *
   * @param codec the codec of the values
   * @param length the number of slots, zero or more
   * @param initial the initial value of every slot, version 0
   * @param <T> the type of the values
   * @return the array
   * @throws NullPointerException if {@code codec} or {@code initial} is null
   * @throws IllegalArgumentException if {@code length} is negative or too large, or the codec cannot
   *     encode {@code initial}
   */
  public static <T> SeqLockArray<T> latchedSingleWriter(ByteCodec<T> codec, int length, T initial) {
    return latchedSingleWriter(codec, length, initial, Backoff.defaults());
  }

  /**
   * Latched slots for one writer at a time per slot; see
   * {@link #latchedSingleWriter(ByteCodec, int, Object)}.
   *
   * @param codec the codec of the values
   * @param length the number of slots, zero or more
   * @param initial the initial value of every slot, version 0
   * @param backoff how readers wait
   * @param <T> the type of the values
   * @return the array
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code length} is negative or too large, or the codec cannot
   *     encode {@code initial}
   */
  public static <T> SeqLockArray<T> latchedSingleWriter(
      ByteCodec<T> codec, int length, T initial, Backoff backoff) {
    SeqLock.checkArguments(codec, initial, backoff);
    checkLength(length, WriterRole.MAX_TWO_COPY_SLOTS);
    return new SeqLockArray<>(
        codec, length, heapWords(codec, length, initial, true), false, WriterPause.NEVER, backoff);
  }

  private static void checkLength(int length) {
    checkLength(length, WriterRole.MAX_SLOTS);
  }

  private static void checkLength(int length, int max) {
    if (length < 0 || length > max) {
      throw new IllegalArgumentException("length must be between 0 and " + max + ": " + length);
    }
  }

  /**
   * Returns the number of slots.
   *
   * @return the length
   */
  public int length() {
    return length;
  }

  /**
   * Returns the codec of the values.
   *
   * @return the codec
   */
  public ByteCodec<T> codec() {
    return codec;
  }

  /**
   * Returns a consistent snapshot of slot {@code index}, never torn; see {@link SeqLock#read()}.
   *
   * @param index the slot
   * @return the value
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public T read(int index) {
    return readValue(checkIndex(index));
  }

  /**
   * Copies a consistent snapshot of slot {@code index} into {@code destination} and returns its
   * version; see {@link SeqLock#readInto}. Allocates nothing.
   *
   * @param index the slot
   * @param destination the holder to fill; its size must be the codec's
   * @return the version of the snapshot, even
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   * @throws NullPointerException if {@code destination} is null
   * @throws IllegalArgumentException if the holder's size differs from the codec's
   */
  public long readInto(int index, MaybeTorn<T> destination) {
    checkIndex(index);
    SeqLock.checkHolder(this, destination, "destination");
    return readIntoAt(index, destination);
  }

  /**
   * Makes one attempt to read a consistent snapshot of slot {@code index}; see
   * {@link SeqLock#tryRead()}.
   *
   * @param index the slot
   * @return the value, or {@code null} if a write interfered
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public @Nullable T tryRead(int index) {
    return tryReadValue(checkIndex(index));
  }

  /**
   * Makes one attempt to copy a consistent snapshot of slot {@code index} into {@code destination};
   * see {@link SeqLock#tryReadInto}. Never waits and allocates nothing. On failure {@code destination}
   * may hold torn bytes and must not be decoded.
   *
   * @param index the slot
   * @param destination the holder to fill; its size must be the codec's
   * @return the version of the snapshot (even), or {@code -1} if a write was in progress or interfered
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   * @throws NullPointerException if {@code destination} is null
   * @throws IllegalArgumentException if the holder's size differs from the codec's
   */
  public long tryReadInto(int index, MaybeTorn<T> destination) {
    checkIndex(index);
    SeqLock.checkHolder(this, destination, "destination");
    return attempt(index, destination);
  }

  /**
   * Starts an optimistic read of individual fields of slot {@code index}; see
   * {@link SeqLock#tryOptimisticRead()}. Read fields with {@link #getLong}, {@link #getInt},
   * {@link #getShort}, {@link #getByte} and their {@code double}, {@code float}, {@code char} and
   * {@code boolean} forms under the stamp, then {@link #validate}; until it returns {@code true} the
   * values may be torn or stale.
   *
   * <p>A stamp belongs to its slot and to the thread that took it: never read or validate another slot
   * with it (stamps of different slots often coincide, so the mistake would go unnoticed and the
   * reads would not be checked).
   *
   * @param index the slot
   * @return a stamp for the slot's field reads and {@link #validate}: the version they belong to if it
   *     validates, or {@code -1} if a write to the slot is in progress (single-copy variants); see
   *     {@link SeqLock#tryOptimisticRead()}
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public long tryOptimisticRead(int index) {
    return stampAt(checkIndex(index));
  }

  /**
   * Reads the 8 bytes at {@code offset} of slot {@code index} as a little-endian {@code long}, under a
   * stamp of {@link #tryOptimisticRead(int)} for the same slot; see {@link SeqLock#getLong}.
   *
   * @param index the slot
   * @param stamp a stamp from {@code tryOptimisticRead(index)}, the same slot
   * @param offset the byte offset of the field in the codec's layout; its 8 bytes must lie within the
   *     value
   * @return the field's value, valid only if {@code validate(index, stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the value
   */
  public long getLong(int index, long stamp, int offset) {
    return longAt(checkIndex(index), stamp, offset);
  }

  /**
   * Reads the 4 bytes at {@code offset} of slot {@code index} as a little-endian {@code int}; see
   * {@link #getLong}.
   *
   * @param index the slot
   * @param stamp a stamp from {@code tryOptimisticRead(index)}
   * @param offset the byte offset of the field; its 4 bytes must lie within the value
   * @return the field's value, valid only if {@code validate(index, stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the value
   */
  public int getInt(int index, long stamp, int offset) {
    return intAt(checkIndex(index), stamp, offset);
  }

  /**
   * Reads the 4 bytes at {@code offset} of slot {@code index} as a {@code float} (its raw IEEE 754
   * bits, little-endian); see {@link #getLong}.
   *
   * @param index the slot
   * @param stamp a stamp of {@link #tryOptimisticRead(int)} for the same slot
   * @param offset the byte offset of the field; its 4 bytes must lie within the value
   * @return the field's value, valid only if {@code validate(index, stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the value
   */
  public float getFloat(int index, long stamp, int offset) {
    return Float.intBitsToFloat(getInt(index, stamp, offset));
  }

  /**
   * Reads the 8 bytes at {@code offset} of slot {@code index} as a {@code double}; see
   * {@link #getLong}.
   *
   * @param index the slot
   * @param stamp a stamp from {@code tryOptimisticRead(index)}
   * @param offset the byte offset of the field; its 8 bytes must lie within the value
   * @return the field's value, valid only if {@code validate(index, stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the value
   */
  public double getDouble(int index, long stamp, int offset) {
    return Double.longBitsToDouble(getLong(index, stamp, offset));
  }

  /**
   * Reads the 2 bytes at {@code offset} of slot {@code index} as a little-endian {@code short} (the
   * layout {@link dev.seqlock.atomic.ByteImage#getShort} reads); see {@link #getLong}.
   *
   * @param index the slot
   * @param stamp a stamp from {@code tryOptimisticRead(index)}
   * @param offset the byte offset of the field; its 2 bytes must lie within the value
   * @return the field's value, valid only if {@code validate(index, stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the value
   */
  public short getShort(int index, long stamp, int offset) {
    return shortAt(checkIndex(index), stamp, offset);
  }

  /**
   * Reads the 2 bytes at {@code offset} of slot {@code index} as a {@code char} (the layout
   * {@link dev.seqlock.atomic.ByteImage#getChar} reads); see {@link #getLong}.
   *
   * @param index the slot
   * @param stamp a stamp from {@code tryOptimisticRead(index)}
   * @param offset the byte offset of the field; its 2 bytes must lie within the value
   * @return the field's value, valid only if {@code validate(index, stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the value
   */
  public char getChar(int index, long stamp, int offset) {
    return (char) getShort(index, stamp, offset);
  }

  /**
   * Reads the byte at {@code offset} of slot {@code index}; see {@link #getLong}.
   *
   * @param index the slot
   * @param stamp a stamp from {@code tryOptimisticRead(index)}
   * @param offset the byte offset of the field, below the value's size
   * @return the field's value, valid only if {@code validate(index, stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the byte does not lie within
   *     the value
   */
  public byte getByte(int index, long stamp, int offset) {
    return byteAt(checkIndex(index), stamp, offset);
  }

  /**
   * Reads the byte at {@code offset} of slot {@code index} as a {@code boolean}: {@code true} unless
   * it is 0, as {@link dev.seqlock.atomic.ByteImage#getBoolean} reads it; see {@link #getLong}.
   *
   * @param index the slot
   * @param stamp a stamp from {@code tryOptimisticRead(index)}
   * @param offset the byte offset of the field, below the value's size
   * @return the field's value, valid only if {@code validate(index, stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the byte does not lie within
   *     the value
   */
  public boolean getBoolean(int index, long stamp, int offset) {
    return getByte(index, stamp, offset) != 0;
  }

  /**
   * Whether no write to slot {@code index} changed the data read under {@code stamp}, a stamp taken
   * from the same slot; see {@link SeqLock#validate}.
   *
   * @param index the slot
   * @param stamp a stamp from {@code tryOptimisticRead(index)}
   * @return {@code true} if the reads are consistent; always {@code false} for {@code -1}
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public boolean validate(int index, long stamp) {
    return validateAt(checkIndex(index), stamp);
  }

  /**
   * Starts a write of individual fields of slot {@code index} in place; see {@link SeqLock#beginWrite()}.
   * Put fields with {@link #putLong}, {@link #putInt}, {@link #putShort}, {@link #putByte} and their
   * {@code double}, {@code float}, {@code char} and {@code boolean} forms under the stamp, then call
   * {@link #endWrite} in a {@code finally} block, in the same thread: until then the slot's readers
   * are told a write is in progress. Fields not put keep their values. The puts belong to the thread
   * that called {@code beginWrite}, which must not read the slot except through them until the write
   * ends (see {@link SeqLock#beginWrite()}). Allocates nothing.
   *
   * <p>The stamp belongs to its slot, as read stamps do: never put to or end another slot's write with
   * it. A slot with no write in progress rejects it, but stamps of different slots often coincide, so
   * a put to another slot that is itself being written could go unnoticed.
   *
   * @param index the slot
   * @return the stamp of this write, for the slot's puts and {@link #endWrite}; odd, and not a version
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   * @throws IllegalStateException if this thread is already writing to the slot, in a field write or
   *     an update function (always for {@link #create} and {@link #latched}; for
   *     {@link #singleWriter}, inside a field write always, inside an update function with
   *     {@code -ea}), or, with {@code -ea}, another thread is writing to the slot of a single-writer
   *     array
   */
  public long beginWrite(int index) {
    return beginFieldWrite(checkIndex(index));
  }

  /**
   * Writes {@code value} as the 8 bytes at {@code offset} of slot {@code index}, little-endian, inside
   * the write that {@code stamp} started on that slot; see {@link SeqLock#putLong}.
   *
   * @param index the slot
   * @param stamp the stamp {@code beginWrite(index)} returned to this thread, before its
   *     {@link #endWrite}
   * @param offset the byte offset of the field in the codec's layout; its 8 bytes must lie within the
   *     value
   * @param value the field's new value
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the value; nothing is written then
   * @throws IllegalStateException if {@code stamp} is not the stamp of the slot's write in progress;
   *     nothing is written then
   */
  public void putLong(int index, long stamp, int offset, long value) {
    putLongAt(checkIndex(index), stamp, offset, value);
  }

  /**
   * Writes {@code value} as the 4 bytes at {@code offset} of slot {@code index}, little-endian; see
   * {@link #putLong}.
   *
   * @param index the slot
   * @param stamp the stamp {@code beginWrite(index)} returned to this thread, before its
   *     {@link #endWrite}
   * @param offset the byte offset of the field; its 4 bytes must lie within the value
   * @param value the field's new value
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the value; nothing is written then
   * @throws IllegalStateException if {@code stamp} is not the stamp of the slot's write in progress;
   *     nothing is written then
   */
  public void putInt(int index, long stamp, int offset, int value) {
    putIntAt(checkIndex(index), stamp, offset, value);
  }

  /**
   * Writes {@code value} as the 4 bytes at {@code offset} of slot {@code index} (its raw IEEE 754 bits,
   * little-endian); see {@link #putLong}.
   *
   * @param index the slot
   * @param stamp the stamp {@code beginWrite(index)} returned to this thread, before its
   *     {@link #endWrite}
   * @param offset the byte offset of the field; its 4 bytes must lie within the value
   * @param value the field's new value
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the value; nothing is written then
   * @throws IllegalStateException if {@code stamp} is not the stamp of the slot's write in progress;
   *     nothing is written then
   */
  public void putFloat(int index, long stamp, int offset, float value) {
    putInt(index, stamp, offset, Float.floatToRawIntBits(value));
  }

  /**
   * Writes {@code value} as the 8 bytes at {@code offset} of slot {@code index} (its raw IEEE 754 bits,
   * little-endian); see {@link #putLong}.
   *
   * @param index the slot
   * @param stamp the stamp {@code beginWrite(index)} returned to this thread, before its
   *     {@link #endWrite}
   * @param offset the byte offset of the field; its 8 bytes must lie within the value
   * @param value the field's new value
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the value; nothing is written then
   * @throws IllegalStateException if {@code stamp} is not the stamp of the slot's write in progress;
   *     nothing is written then
   */
  public void putDouble(int index, long stamp, int offset, double value) {
    putLong(index, stamp, offset, Double.doubleToRawLongBits(value));
  }

  /**
   * Writes {@code value} as the 2 bytes at {@code offset} of slot {@code index}, little-endian (the
   * layout {@link dev.seqlock.atomic.ByteImage#putShort} writes); see {@link #putLong}.
   *
   * @param index the slot
   * @param stamp the stamp {@code beginWrite(index)} returned to this thread, before its
   *     {@link #endWrite}
   * @param offset the byte offset of the field; its 2 bytes must lie within the value
   * @param value the field's new value
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the value; nothing is written then
   * @throws IllegalStateException if {@code stamp} is not the stamp of the slot's write in progress;
   *     nothing is written then
   */
  public void putShort(int index, long stamp, int offset, short value) {
    putShortAt(checkIndex(index), stamp, offset, value);
  }

  /**
   * Writes {@code value} as the 2 bytes at {@code offset} of slot {@code index} (the layout
   * {@link dev.seqlock.atomic.ByteImage#putChar} writes); see {@link #putLong}.
   *
   * @param index the slot
   * @param stamp the stamp {@code beginWrite(index)} returned to this thread, before its
   *     {@link #endWrite}
   * @param offset the byte offset of the field; its 2 bytes must lie within the value
   * @param value the field's new value
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the value; nothing is written then
   * @throws IllegalStateException if {@code stamp} is not the stamp of the slot's write in progress;
   *     nothing is written then
   */
  public void putChar(int index, long stamp, int offset, char value) {
    putShort(index, stamp, offset, (short) value);
  }

  /**
   * Writes {@code value} as the byte at {@code offset} of slot {@code index}; see {@link #putLong}.
   *
   * @param index the slot
   * @param stamp the stamp {@code beginWrite(index)} returned to this thread, before its
   *     {@link #endWrite}
   * @param offset the byte offset of the field, below the value's size
   * @param value the field's new value
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the byte does not lie within
   *     the value; nothing is written then
   * @throws IllegalStateException if {@code stamp} is not the stamp of the slot's write in progress;
   *     nothing is written then
   */
  public void putByte(int index, long stamp, int offset, byte value) {
    putByteAt(checkIndex(index), stamp, offset, value);
  }

  /**
   * Writes {@code value} as the byte at {@code offset} of slot {@code index}: 1 for {@code true}, 0 for
   * {@code false}, as {@link dev.seqlock.atomic.ByteImage#putBoolean} writes it; see
   * {@link #putLong}.
   *
   * @param index the slot
   * @param stamp the stamp {@code beginWrite(index)} returned to this thread, before its
   *     {@link #endWrite}
   * @param offset the byte offset of the field, below the value's size
   * @param value the field's new value
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the byte does not lie within
   *     the value; nothing is written then
   * @throws IllegalStateException if {@code stamp} is not the stamp of the slot's write in progress;
   *     nothing is written then
   */
  public void putBoolean(int index, long stamp, int offset, boolean value) {
    putByte(index, stamp, offset, (byte) (value ? 1 : 0));
  }

  /**
   * Ends the write that {@code stamp} started on slot {@code index}: the fields put since
   * {@link #beginWrite(int)} become the slot's next version, and the slot's writer role is given up.
   *
   * @param index the slot
   * @param stamp the stamp {@code beginWrite(index)} returned
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   * @throws IllegalStateException if {@code stamp} is not the stamp of the slot's write in progress;
   *     nothing changes then
   */
  public void endWrite(int index, long stamp) {
    endFieldWrite(checkIndex(index), stamp);
  }

  /**
   * For pollers: if slot {@code index}'s version differs from {@code lastSeenVersion}, copies a
   * consistent snapshot into {@code destination} and returns its version; otherwise returns
   * {@code lastSeenVersion} and leaves {@code destination} untouched. See {@link SeqLock#readIfNewer}.
   * Allocates nothing.
   *
   * @param index the slot
   * @param lastSeenVersion the version the caller saw last in this slot, or
   *     {@link SeqLock#NOTHING_SEEN} ({@code -1})
   * @param destination the holder to fill; its size must be the codec's
   * @return the version now in {@code destination}: a new one, or {@code lastSeenVersion}
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   * @throws NullPointerException if {@code destination} is null
   * @throws IllegalArgumentException if {@code lastSeenVersion} is odd or below {@code -1}, or the
   *     holder's size differs
   */
  public long readIfNewer(int index, long lastSeenVersion, MaybeTorn<T> destination) {
    checkIndex(index);
    SeqLock.checkHolder(this, destination, "destination");
    return readIfNewerAt(index, lastSeenVersion, destination);
  }

  /**
   * For pollers of many slots: writes into {@code into} the indices of the slots whose version differs
   * from {@code lastSeenVersions[slot]}, in slot order, at most {@code into.length} of them, and
   * returns how many. The caller then reads those slots, typically with {@link #readIfNewer}, keeping
   * the versions it returns in {@code lastSeenVersions}; changes past the first {@code into.length}
   * are reported by the next call. Allocates nothing.
   *
   * <p>It reads no slot: after each write the writer also stores the slot's new version in one packed
   * array, eight slots per cache line, which the scan compares with {@code lastSeenVersions} (by
   * vector instructions where the JIT has them), so a scan that finds nothing touches no slot's own
   * cache line. A slot is reported when the version published for it differs from
   * {@code lastSeenVersions[slot]}, and a read that follows the scan returns that version or a newer
   * one. A write is published as it completes, so one that completes during a scan may be reported
   * by the next; a slot can also be reported and turn out unchanged, if the caller has already read a
   * newer version than the published one ({@code readIfNewer} then returns the version it was given).
   * An element that is no version, such as {@link SeqLock#NOTHING_SEEN} for a slot not read yet,
   * makes its slot reported.
   *
   * <pre>{@code
   * long[] seen = new long[book.length()];
   * Arrays.fill(seen, SeqLock.NOTHING_SEEN);
   * int[] changed = new int[64];
   * MaybeTorn<Quote> quote = MaybeTorn.allocate(book.codec());
   * while (running) {
   *   int count = book.changedSlots(seen, changed);
   *   for (int k = 0; k < count; k++) {
   *     int slot = changed[k];
   *     seen[slot] = book.readIfNewer(slot, seen[slot], quote);
   *     // use quote.assumeUntorn() or its fields
   *   }
   * }
   * }</pre>
   *
   * @param lastSeenVersions per slot, the version the caller saw last; one element per slot
   * @param into where to write the indices of the slots that changed
   * @return how many indices were written, from 0 to {@code into.length}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code lastSeenVersions.length} is not {@link #length()}
   */
  public int changedSlots(long[] lastSeenVersions, int[] into) {
    checkScan(lastSeenVersions, into, length);
    return changedSlotsAt(lastSeenVersions, into);
  }

  /** Throws unless {@code changedSlots}' arguments fit {@code length} slots (for the file's too). */
  static void checkScan(long[] lastSeenVersions, int[] into, int length) {
    Objects.requireNonNull(lastSeenVersions, "lastSeenVersions");
    Objects.requireNonNull(into, "into");
    if (lastSeenVersions.length != length) {
      throw new IllegalArgumentException("lastSeenVersions must have one element per slot ("
          + length + "): " + lastSeenVersions.length);
    }
  }

  /**
   * Writes {@code value} to slot {@code index} as its next version; see {@link SeqLock#write}.
   * Allocates nothing.
   *
   * @param index the slot
   * @param value the new value
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if the codec rejects {@code value}; nothing is written then
   * @throws IllegalStateException on single-writer slots with assertions enabled, if another write to
   *     the slot is in progress
   */
  public void write(int index, T value) {
    checkIndex(index);
    Objects.requireNonNull(value, "value");
    writeValue(index, value);
  }

  /**
   * Publishes the bytes of {@code source} as slot {@code index}'s next version; see
   * {@link SeqLock#writeFrom}. Allocates nothing.
   *
   * @param index the slot
   * @param source the holder whose bytes to write; its size must be the codec's
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   * @throws NullPointerException if {@code source} is null
   * @throws IllegalArgumentException if the holder's size differs; nothing is written then
   * @throws IllegalStateException on single-writer slots with assertions enabled, if another write to
   *     the slot is in progress
   */
  public void writeFrom(int index, MaybeTorn<T> source) {
    checkIndex(index);
    SeqLock.checkHolder(this, source, "source");
    writeFromHolder(index, source);
  }

  /**
   * Replaces slot {@code index}'s value with {@code function} applied to it, atomically with respect
   * to the slot's other writers; see {@link SeqLock#update}. The function must be short and must not
   * write to this array (a write to the same slot throws; one to another slot could deadlock against a
   * thread doing the reverse).
   *
   * @param index the slot
   * @param function computes the new value from the current one; must not return null
   * @return the new value
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   * @throws NullPointerException if {@code function} is null or returns null; nothing is written then
   * @throws IllegalStateException if {@code function} writes to the same slot, or (single writer, with
   *     {@code -ea}) another write to the slot is in progress
   */
  public T update(int index, UnaryOperator<T> function) {
    checkIndex(index);
    Objects.requireNonNull(function, "function");
    return updateValue(index, function);
  }

  /**
   * Returns the version of slot {@code index}'s value a read would return now: even, and the version
   * before any write in progress.
   *
   * @param index the slot
   * @return the slot's current version
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public long version(int index) {
    return versionAt(checkIndex(index));
  }

  private int checkIndex(int index) {
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException(
          "index must be in [0, " + length + "): " + index);
    }
    return index;
  }

  /**
   * Describes this array without reading any slot.
   *
   * @return the variant, the codec and the length
   */
  @Override
  public String toString() {
    return "SeqLockArray[" + variant() + ", codec=" + codec + ", length=" + length
        + "]";
  }
}
