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
import org.jspecify.annotations.Nullable;

/**
 * One copy of the data of a run of slots: each slot's sequence and value words, on the heap (a
 * {@code long[]}) or in a direct or memory-mapped {@link ByteBuffer}. The storage seam of the
 * protocol ({@link SeqLockEngine}): every access it makes to a sequence or a value goes through this
 * class, in the mode its method names, and the two storages share one layout.
 *
 * @param <T> the type of the values
 */
final class SlotWords<T> {
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
   * the value that lies in one word is read or written as that word (SeqLockEngine's field reads
   * and writes, with the helpers below): one plain access, the same one AtomicPerByteArray's part
   * accesses make, at the same place in the protocol. A part smaller than a word is read as its word and shifted; written, it is a plain
   * read-modify-write of a word only the writer role's holder writes. Every other part (across two
   * words), and every offset out of range (which must throw), goes through AtomicPerByteArray's
   * checked part access; the in-place path spares field reads an element-index check and a dependent
   * load.
   *
   * Modes. Each method's mode is in its name; the protocols say why each access needs it. Heap words
   * are long[] elements accessed through an array-element VarHandle or plainly; buffer words through
   * a byte-buffer view VarHandle, which gives the same modes (and single-copy atomicity) for aligned
   * 8-byte accesses to direct memory: the constructor checks the alignment. Array-element
   * VarHandle accesses have the memory semantics of field accesses of the same mode, so the
   * protocol's argument holds on the heap as the Java memory model states it. Buffer memory is outside
   * that model (SharedWords' notes, in dev.seqlock.atomic): there the argument rests on HotSpot
   * compiling the same modes and fences to the same instructions, which order memory for whoever
   * maps it, another process included.
   */

  /** Words before the first slot's value (its sequence is the last) and after the last value. */
  static final int PAD = 16;

  /** The slots' values, viewed in these words. */
  final AtomicPerByteArray<T> values;

  /** Words from one slot's value to the next one's ({@link #stride}). */
  final int strideWords;

  /** The words of one slot's value (its bytes rounded up to words). */
  private final int valueWords;

  private static final VarHandle HEAP = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle BUFFER =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** The words if on the heap, else null; shared, each access in the mode its method names. */
  final long @Nullable [] heap;

  /** The words if in a buffer, else null; absolute accesses only. */
  private final @Nullable ByteBuffer buffer;

  /** The absolute index of word 0 in {@link #buffer}; 0 on the heap. */
  private final int offset;

  private SlotWords(long[] heap, ByteCodec<T> codec, int length) {
    this(AtomicPerByteArray.wrap(heap, PAD, codec, length, stride(codec, length)), heap, null, 0,
        codec, length);
  }

  private SlotWords(ByteBuffer buffer, int offset, ByteCodec<T> codec, int length) {
    this(AtomicPerByteArray.wrap(
            buffer, checkOffset(offset) + PAD * Long.BYTES, codec, length, stride(codec, length)),
        null, buffer, offset, codec, length);
    long end = (long) offset + byteSize(codec, length);
    if (end > buffer.limit()) {
      throw new IndexOutOfBoundsException("the slots' " + byteSize(codec, length)
          + " bytes from offset " + offset + " exceed the buffer's limit " + buffer.limit());
    }
  }

  private static int checkOffset(int offset) {
    if (offset < 0) {
      throw new IndexOutOfBoundsException("offset must not be negative: " + offset);
    }
    return offset;
  }

  private SlotWords(
      AtomicPerByteArray<T> values,
      long @Nullable [] heap,
      @Nullable ByteBuffer buffer,
      int offset,
      ByteCodec<T> codec,
      int length) {
    this.heap = heap;
    this.buffer = buffer;
    this.offset = offset;
    this.values = values;
    this.strideWords = stride(codec, length) / Long.BYTES;
    this.valueWords = AtomicPerByteArray.storageSize(codec, 1) / Long.BYTES;
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
    SlotWords<T> slots = new SlotWords<>(new long[(int) words], codec, length);
    slots.fill(length, initial);
    return slots;
  }

  /**
   * The words at {@code offset} of {@code buffer}, {@link #byteSize} bytes, for {@code length} slots
   * of {@code codec}'s values; the words are used as they are (a file's contents). {@code offset} must
   * be a multiple of 8 and the buffer direct, writable and 8-byte aligned there.
   */
  static <T> SlotWords<T> inBuffer(ByteBuffer buffer, int offset, ByteCodec<T> codec, int length) {
    return new SlotWords<>(buffer, offset, codec, length);
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
    return sequenceIndex(slot, strideWords);
  }

  /** The index of slot {@code slot}'s first value word. */
  final int firstWord(int slot) {
    return firstWord(slot, strideWords);
  }

  /** The index of slot {@code slot}'s sequence, slots {@code strideWords} apart. */
  static int sequenceIndex(int slot, int strideWords) {
    return firstWord(slot, strideWords) - 1;
  }

  /** The index of slot {@code slot}'s first value word, slots {@code strideWords} apart. */
  static int firstWord(int slot, int strideWords) {
    return PAD + slot * strideWords;
  }

  /*
   * The accesses, each in the mode its name says. The heap test is a null check of the array the
   * heap path loads anyway; with heap storage only it is never false and C2 compiles the buffer path
   * as an uncommon trap.
   */

  /** Acquire load of the sequence at {@code index}: a reader's first read. */
  long sequenceAcquire(int index) {
    long[] h = heap;
    return h != null ? getAcquire(h, index) : (long) BUFFER.getAcquire(buffer(), at(index));
  }

  /** Opaque load of the sequence at {@code index}: a reader's validating read. */
  long sequenceOpaque(int index) {
    long[] h = heap;
    return h != null ? getOpaque(h, index) : (long) BUFFER.getOpaque(buffer(), at(index));
  }

  /** Release store of {@code value} to the sequence at {@code index}; the writer role's holder only. */
  void storeSequenceRelease(int index, long value) {
    long[] h = heap;
    if (h != null) {
      HEAP.setRelease(h, index, value);
    } else {
      BUFFER.setRelease(buffer(), at(index), value);
    }
  }

  /**
   * Plain load of the word at {@code index}: a value word (ordered by the caller's protocol), or a
   * sequence read back by the writer role's holder, which wrote it last.
   */
  long word(int index) {
    long[] h = heap;
    return h != null ? h[index] : (long) BUFFER.get(buffer(), at(index));
  }

  /** Plain store of the word at {@code index}: a value word, ordered by the caller's protocol. */
  void setWord(int index, long value) {
    long[] h = heap;
    if (h != null) {
      h[index] = value;
    } else {
      BUFFER.set(buffer(), at(index), value);
    }
  }

  /** Acquire load of {@code heap[index]}, for callers that hold the heap array themselves. */
  static long getAcquire(long[] heap, int index) {
    return (long) HEAP.getAcquire(heap, index);
  }

  /** Opaque load of {@code heap[index]}, for callers that hold the heap array themselves. */
  static long getOpaque(long[] heap, int index) {
    return (long) HEAP.getOpaque(heap, index);
  }

  private ByteBuffer buffer() {
    return Objects.requireNonNull(buffer); // never null when heap is
  }

  private int at(int index) {
    return offset + index * Long.BYTES;
  }

  /** Copies slot {@code slot}'s value words from {@code from} into these; plain, the caller orders. */
  final void copyValue(SlotWords<T> from, int slot) {
    int first = firstWord(slot);
    for (int i = first; i < first + valueWords; i++) {
      setWord(i, from.word(i));
    }
  }

  /** Whether the 8 bytes at {@code offset} are one whole word of the value: a multiple of 8 in range. */
  static boolean isWholeWord(int offset, int longPartLimit) {
    return (offset & 7) == 0 && inRange(offset, longPartLimit);
  }

  /**
   * Whether the {@code size} (1, 2 or 4) bytes at {@code offset} lie within one word of the value and
   * within the value ({@code offset} in {@code [0, limit)}, {@code limit = byteSize - size + 1}).
   */
  static boolean isInOneWord(int offset, int size, int limit) {
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
  static long partOf(long word, int offset) {
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
  String location() {
    return heap != null ? "heap" : "buffer at offset " + offset;
  }
}
