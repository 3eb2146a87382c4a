package dev.seqlock;

import dev.seqlock.atomic.AtomicPerByteArray;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.atomic.MemoryOrder;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * One copy of the data of a run of slots: each slot's sequence and value words, on the heap (a
 * {@code long[]}) or in a direct or memory-mapped {@link ByteBuffer}. The storage seam of the
 * protocols ({@link SingleCopyProtocol}, {@link LatchedProtocol}): every access they make to a
 * sequence or a value goes through this class, in the mode its method names, and the two storages
 * share one layout.
 *
 * @param <T> the type of the values
 */
abstract sealed class SlotWords<T> permits SlotWords.Heap, SlotWords.Buffer {
  /*
   * Algorithmic notes
   *
   * Layout, in 8-byte words: PAD words of padding, the last of which is slot 0's sequence; then per
   * slot the value's words, each slot's sequence being the word right before its value
   * (sequenceIndex); then PAD words of padding. A reader reads the value and the sequence on every
   * read and a writer writes both on every write, so side by side they cost one or two cache lines
   * where separate arrays cost two or three, and a reader next to a busy writer misses once per write
   * instead of twice (ComparisonBenchmark backToBack measured the sequence in its own padded array
   * several times slower). The word before the value rather than after it: a single slot's sequence
   * index is then a constant (PAD - 1) whatever the value's size. The padding keeps the sequence and
   * value off the lines of the array header and of whatever the heap (or the file) puts around them.
   * For more than one slot the slots are spaced so that at least 64 bytes separate one slot's last
   * value word from the next slot's sequence, whatever the storage's alignment: neighbours never
   * share a cache line (stride). A single slot is packed between the paddings. A second copy of the
   * data (the latched protocol's) has the same layout and leaves its sequence words unused.
   *
   * The values are an AtomicPerByteArray view of the value words (wrap with the first value word and
   * the slots' stride), which never touches the words before its first element or between elements:
   * sequences are accessed only by the sequence methods here. Byte k of slot i's value is byte k % 8
   * of word firstWord(i) + k / 8, little-endian, on both storages (the view's layout), so a part of
   * the value that lies in one word is read or written as that word (the part methods below): one
   * plain access, the same one AtomicPerByteArray's part accesses make, at the same place in the
   * protocol. A part smaller than a word is read as its word and shifted; written, it is a plain
   * read-modify-write of a word only the writer role's holder writes. Every other part (across two
   * words), and every offset out of range (which must throw), goes through AtomicPerByteArray's
   * checked part access; the in-place path spares field reads an element-index check and a dependent
   * load.
   *
   * Modes. Each method's mode is in its name; the protocols say why each access needs it. Heap words
   * are long[] elements accessed through an array-element VarHandle or plainly; buffer words through
   * a byte-buffer view VarHandle, which gives the same modes (and single-copy atomicity) for aligned
   * 8-byte accesses to direct memory: the constructor checks the alignment. Array-element and
   * byte-buffer VarHandle accesses have the memory semantics of field accesses of the same mode, so
   * the protocols' arguments hold unchanged on either storage; for a buffer shared between processes
   * they rest on the same fences compiled to the same instructions, which order memory whoever maps
   * it.
   */

  /** Words before the first slot's value (its sequence is the last) and after the last value. */
  static final int PAD = 16;

  /** The index of slot 0's sequence: the word before its value. */
  static final int FIRST_SEQUENCE = PAD - 1;

  /** The slots' values, viewed in these words. */
  final AtomicPerByteArray<T> values;

  /** Words from one slot's value to the next one's ({@link #stride}). */
  final int strideWords;

  /** The offsets of 8-, 4-, 2- and 1-byte parts are below these ({@link #partLimit}). */
  private final int longPartLimit;
  private final int intPartLimit;
  private final int shortPartLimit;
  private final int bytePartLimit;

  private SlotWords(AtomicPerByteArray<T> values, int strideWords, int byteSize) {
    this.values = values;
    this.strideWords = strideWords;
    this.longPartLimit = partLimit(byteSize, Long.BYTES);
    this.intPartLimit = partLimit(byteSize, Integer.BYTES);
    this.shortPartLimit = partLimit(byteSize, Short.BYTES);
    this.bytePartLimit = partLimit(byteSize, Byte.BYTES);
  }

  /**
   * Zeroed heap words for {@code length} slots of {@code codec}'s values, every sequence 0 and every
   * value {@code initial}. Not yet shared: the caller publishes the words through a final field (the
   * freeze publishes the initial value, JLS 17.5).
   */
  static <T> SlotWords<T> onHeap(ByteCodec<T> codec, int length, MaybeTorn<T> initial) {
    long words = wordCount(codec, length);
    if (words > Integer.MAX_VALUE - 8) { // the VM's array size limit
      throw new IllegalArgumentException("length " + length + " of " + stride(codec, length)
          + "-byte strides is too large for one array");
    }
    SlotWords<T> slots = new Heap<>(new long[(int) words], codec, length);
    slots.fill(length, initial);
    return slots;
  }

  /**
   * The words at {@code offset} of {@code buffer}, {@link #byteSize} bytes, for {@code length} slots
   * of {@code codec}'s values; the words are used as they are (a file's contents). {@code offset} must
   * be a multiple of 8 and the buffer direct, writable and 8-byte aligned there.
   */
  static <T> SlotWords<T> inBuffer(ByteBuffer buffer, int offset, ByteCodec<T> codec, int length) {
    return new Buffer<>(buffer, offset, codec, length);
  }

  /**
   * {@link #inBuffer}, every sequence set to 0 and every value to {@code initial}: for a buffer whose
   * contents mean nothing yet. The caller publishes it as {@link #onHeap} says.
   */
  static <T> SlotWords<T> inBuffer(
      ByteBuffer buffer, int offset, ByteCodec<T> codec, int length, MaybeTorn<T> initial) {
    SlotWords<T> slots = inBuffer(buffer, offset, codec, length);
    for (int i = 0; i < length; i++) {
      slots.setWord(slots.sequenceIndex(i), 0); // not yet shared: plain
    }
    slots.fill(length, initial);
    return slots;
  }

  private void fill(int length, MaybeTorn<T> initial) {
    for (int i = 0; i < length; i++) {
      values.storeFrom(i, initial, MemoryOrder.RELAXED); // not yet shared: published by the caller
    }
  }

  /** The bytes one copy of the data of {@code length} slots takes in a buffer. */
  static long byteSize(ByteCodec<?> codec, int length) {
    return wordCount(codec, length) * Long.BYTES;
  }

  private static long wordCount(ByteCodec<?> codec, int length) {
    return PAD + (long) length * (stride(codec, length) / Long.BYTES) + PAD;
  }

  /**
   * Bytes from one slot's value to the next one's: packed for one slot, else spaced so that at least
   * 64 bytes separate one slot's value from the next slot's sequence (no shared cache line).
   */
  static int stride(ByteCodec<?> codec, int length) {
    int valueBytes = AtomicPerByteArray.storageSize(codec, 1); // the value in whole words
    if (length == 1) {
      return valueBytes;
    }
    long padded = (valueBytes + (long) Long.BYTES + 63) / 64 * 64 + 64; // the next slot's sequence too
    if (padded > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a " + codec.byteSize()
          + "-byte value is too large for slots spaced 64 bytes apart in one array");
    }
    return (int) padded;
  }

  /** The index of slot {@code slot}'s sequence: the word before its value. */
  final int sequenceIndex(int slot) {
    return firstWord(slot) - 1;
  }

  /** The index of slot {@code slot}'s first value word. */
  final int firstWord(int slot) {
    return PAD + slot * strideWords;
  }

  /** The number of value words of one slot (its bytes rounded up to words). */
  final int valueWords() {
    return AtomicPerByteArray.storageSize(values.codec(), 1) / Long.BYTES;
  }

  /** Acquire load of the sequence at {@code index}: a reader's first read. */
  abstract long sequenceAcquire(int index);

  /** Opaque load of the sequence at {@code index}: a reader's validating read. */
  abstract long sequenceOpaque(int index);

  /** Opaque store of {@code value} to the sequence at {@code index}; the writer role's holder only. */
  abstract void storeSequenceOpaque(int index, long value);

  /** Release store of {@code value} to the sequence at {@code index}; the writer role's holder only. */
  abstract void storeSequenceRelease(int index, long value);

  /**
   * Plain load of the word at {@code index}: a value word (ordered by the caller's protocol), or a
   * sequence read back by the writer role's holder, which wrote it last.
   */
  abstract long word(int index);

  /** Plain store of the word at {@code index}: a value word, ordered by the caller's protocol. */
  abstract void setWord(int index, long value);

  /*
   * The part accesses (the notes). The range test is Objects.checkIndex against a precomputed limit,
   * which C2 smears across constant offsets as in AtomicPerByteArray (one compare for a record's long
   * fields).
   */

  /** Plain read of the 8 bytes at {@code offset} of slot {@code slot}'s value. */
  final long getLong(int slot, int offset) {
    if (isWholeWord(offset, longPartLimit)) {
      return word(firstWord(slot) + (offset >>> 3));
    }
    return values.loadLongUnordered(slot, offset); // across two words, or out of range: checked path
  }

  /** Plain read of the 4 bytes at {@code offset} of slot {@code slot}'s value. */
  final int getInt(int slot, int offset) {
    if (isInOneWord(offset, Integer.BYTES, intPartLimit)) {
      return (int) partOf(word(firstWord(slot) + (offset >>> 3)), offset);
    }
    return values.loadIntUnordered(slot, offset); // across two words, or out of range: checked path
  }

  /** Plain read of the 2 bytes at {@code offset} of slot {@code slot}'s value. */
  final short getShort(int slot, int offset) {
    if (isInOneWord(offset, Short.BYTES, shortPartLimit)) {
      return (short) partOf(word(firstWord(slot) + (offset >>> 3)), offset);
    }
    return values.loadShortUnordered(slot, offset); // across two words, or out of range: checked path
  }

  /** Plain read of the byte at {@code offset} of slot {@code slot}'s value. */
  final byte getByte(int slot, int offset) {
    if (isInOneWord(offset, Byte.BYTES, bytePartLimit)) {
      return (byte) partOf(word(firstWord(slot) + (offset >>> 3)), offset);
    }
    return values.loadByteUnordered(slot, offset); // out of range: the checked path throws
  }

  /** Plain write of the 8 bytes at {@code offset} of slot {@code slot}'s value. */
  final void putLong(int slot, int offset, long value) {
    if (isWholeWord(offset, longPartLimit)) {
      setWord(firstWord(slot) + (offset >>> 3), value);
    } else {
      values.storeLongUnordered(slot, offset, value); // across two words, or out of range
    }
  }

  /** Plain write of the 4 bytes at {@code offset} of slot {@code slot}'s value. */
  final void putInt(int slot, int offset, int value) {
    if (isInOneWord(offset, Integer.BYTES, intPartLimit)) {
      putPart(slot, offset, Integer.BYTES, value);
    } else {
      values.storeIntUnordered(slot, offset, value); // across two words, or out of range
    }
  }

  /** Plain write of the 2 bytes at {@code offset} of slot {@code slot}'s value. */
  final void putShort(int slot, int offset, short value) {
    if (isInOneWord(offset, Short.BYTES, shortPartLimit)) {
      putPart(slot, offset, Short.BYTES, value);
    } else {
      values.storeShortUnordered(slot, offset, value); // across two words, or out of range
    }
  }

  /** Plain write of the byte at {@code offset} of slot {@code slot}'s value. */
  final void putByte(int slot, int offset, byte value) {
    if (isInOneWord(offset, Byte.BYTES, bytePartLimit)) {
      putPart(slot, offset, Byte.BYTES, value);
    } else {
      values.storeByteUnordered(slot, offset, value); // out of range: throws
    }
  }

  /** A plain read-modify-write of a word only the writer role's holder writes (the notes). */
  private void putPart(int slot, int offset, int size, long value) {
    int word = firstWord(slot) + (offset >>> 3);
    setWord(word, withPart(word(word), offset, size, value));
  }

  /** Copies slot {@code slot}'s value words from {@code from} into these; plain, the caller orders. */
  final void copyValue(SlotWords<T> from, int slot) {
    int first = firstWord(slot);
    for (int i = first; i < first + valueWords(); i++) {
      setWord(i, from.word(i));
    }
  }

  /** Whether the 8 bytes at {@code offset} are one whole word of the value: a multiple of 8 in range. */
  private static boolean isWholeWord(int offset, int longPartLimit) {
    return (offset & 7) == 0 && inRange(offset, longPartLimit);
  }

  /**
   * Whether the {@code size} (1, 2 or 4) bytes at {@code offset} lie within one word of the value and
   * within the value ({@code offset} in {@code [0, limit)}, {@code limit = byteSize - size + 1}).
   */
  private static boolean isInOneWord(int offset, int size, int limit) {
    return (offset & 7) + size <= Long.BYTES && inRange(offset, limit);
  }

  private static boolean inRange(int offset, int limit) {
    try {
      Objects.checkIndex(offset, limit);
      return true;
    } catch (IndexOutOfBoundsException e) {
      return false; // the checked path throws, with the part's rule in the message
    }
  }

  /**
   * The part of the value at {@code offset} (within {@code word}, its word), little-endian in the low
   * bits; the bits above the part's size are garbage the caller's narrowing cast drops.
   */
  private static long partOf(long word, int offset) {
    return word >>> ((offset & 7) << 3);
  }

  /**
   * {@code word} with the {@code size} (1, 2 or 4) bytes at {@code offset} of the value set to the low
   * bytes of {@code value}, little-endian; the word's other bytes unchanged.
   */
  static long withPart(long word, int offset, int size, long value) {
    assert size < Long.BYTES : size; // the mask below would be 0
    int shift = (offset & 7) << 3;
    long mask = (1L << (size << 3)) - 1;
    return (word & ~(mask << shift)) | ((value & mask) << shift);
  }

  /** The offsets of a {@code size}-byte part of a {@code byteSize}-byte value are below this. */
  static int partLimit(int byteSize, int size) {
    return byteSize - (size - 1); // zero or negative if the value is shorter: no offset is in range
  }

  /** Where the words are, for messages and tests. */
  abstract String location();

  /** Words in a {@code long[]}. */
  static final class Heap<T> extends SlotWords<T> {
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    /** Shared: each access in the mode its method names. */
    final long[] words;

    private Heap(long[] words, ByteCodec<T> codec, int length) {
      super(AtomicPerByteArray.wrap(words, PAD, codec, length, stride(codec, length)),
          stride(codec, length) / Long.BYTES, codec.byteSize());
      this.words = words;
    }

    @Override
    long sequenceAcquire(int index) {
      return (long) WORDS.getAcquire(words, index);
    }

    @Override
    long sequenceOpaque(int index) {
      return (long) WORDS.getOpaque(words, index);
    }

    @Override
    void storeSequenceOpaque(int index, long value) {
      WORDS.setOpaque(words, index, value);
    }

    @Override
    void storeSequenceRelease(int index, long value) {
      WORDS.setRelease(words, index, value);
    }

    @Override
    long word(int index) {
      return words[index]; // plain: ordered by the caller's protocol
    }

    @Override
    void setWord(int index, long value) {
      words[index] = value; // plain: ordered by the caller's protocol
    }

    @Override
    String location() {
      return "heap";
    }
  }

  /** Words in a direct or mapped {@link ByteBuffer}, little-endian, from an aligned offset. */
  static final class Buffer<T> extends SlotWords<T> {
    private static final VarHandle WORDS =
        MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Shared: absolute accesses only, each in the mode its method names. */
    private final ByteBuffer buffer;

    /** The absolute index of word 0 in {@link #buffer}. */
    private final int offset;

    private Buffer(ByteBuffer buffer, int offset, ByteCodec<T> codec, int length) {
      super(AtomicPerByteArray.wrap(
              buffer, offset + PAD * Long.BYTES, codec, length, stride(codec, length)),
          stride(codec, length) / Long.BYTES, codec.byteSize());
      long end = (long) offset + byteSize(codec, length);
      if (end > buffer.limit()) {
        throw new IndexOutOfBoundsException("the slots' " + byteSize(codec, length)
            + " bytes from offset " + offset + " exceed the buffer's limit " + buffer.limit());
      }
      this.buffer = buffer;
      this.offset = offset;
    }

    private int at(int index) {
      return offset + index * Long.BYTES;
    }

    @Override
    long sequenceAcquire(int index) {
      return (long) WORDS.getAcquire(buffer, at(index));
    }

    @Override
    long sequenceOpaque(int index) {
      return (long) WORDS.getOpaque(buffer, at(index));
    }

    @Override
    void storeSequenceOpaque(int index, long value) {
      WORDS.setOpaque(buffer, at(index), value);
    }

    @Override
    void storeSequenceRelease(int index, long value) {
      WORDS.setRelease(buffer, at(index), value);
    }

    @Override
    long word(int index) {
      return (long) WORDS.get(buffer, at(index)); // plain: ordered by the caller's protocol
    }

    @Override
    void setWord(int index, long value) {
      WORDS.set(buffer, at(index), value); // plain: ordered by the caller's protocol
    }

    @Override
    String location() {
      return "buffer at offset " + offset;
    }
  }
}
