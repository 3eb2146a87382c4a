package dev.seqlock;

import dev.seqlock.atomic.AtomicPerByteArray;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.atomic.MemoryOrder;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The data of a run of slots: each slot's sequence and its value (one copy, or two for the latched
 * protocol), on the heap (a {@code long[]}) or in a direct or memory-mapped {@link ByteBuffer}. The
 * storage seam of the protocol ({@link SeqLockEngine}): every access it makes to a sequence or a value
 * goes through this class, in the mode its method names, and the two storages share one layout.
 *
 * @param <T> the type of the values
 */
final class SlotWords<T> {
  /*
   * Algorithmic notes
   *
   * Layout, in 8-byte words: PAD words of padding, the last of which is slot 0's sequence; then per
   * slot, strideWords apart,
   *
   *   firstWord(i) - 1                      the sequence: read by every reader, written per write
   *   firstWord(i) .. + valueWords          copy 0 of the value (the only copy, with one)
   *   then valueWords more                  copy 1 (two copies only: latched)
   *   GAP words after the last copy's last  the next slot's sequence
   *
   * and PAD words of padding after the last slot (plus, with two copies, copy 1's last nominal
   * stride, which AtomicPerByteArray's view needs). A reader reads the value and the sequence on
   * every read and a writer writes both on every write, so side by side they cost one or two cache
   * lines where separate arrays cost two or three, and a reader next to a busy writer misses once per
   * write instead of twice (ComparisonBenchmark backToBack measured the sequence in its own padded
   * array several times slower). Both copies follow the sequence, so a latched reader's lines are as
   * near. The word before the value rather than after it: a single slot's sequence index is then a
   * constant (PAD - 1) whatever the value's size.
   *
   * Cache lines. GAP is 8 words, so a slot's last word and the next slot's sequence are on different
   * 64-byte lines wherever the storage starts (Java cannot align a heap array): a writer of slot i
   * never slows readers or writers of slot i + 1. PAD (16 words) keeps every slot's words off the
   * lines of the array header and of whatever the heap (or the file) puts around them. The stride is
   * copies * valueWords + GAP words, nothing per slot besides: 112 bytes for a 48-byte value with one
   * copy, 160 with two. (The writer words are WriterRole's, in an array of their own.)
   *
   * The values are AtomicPerByteArray views of the copies' words (wrap with the copy's first word and
   * the slots' stride), which never touch the words before an element's first word or between
   * elements: sequences are accessed only by the methods here. Byte k of a copy of
   * slot i's value is byte k % 8 of word first + k / 8, little-endian, on both storages (the view's
   * layout), so a part of the value that lies in one word is read or written as that word
   * (SeqLockEngine's field reads and writes, with the helpers below): one plain access, the same one
   * AtomicPerByteArray's part accesses make, at the same place in the protocol. A part smaller than a
   * word is read as its word and shifted; written, it is a plain read-modify-write of a word only the
   * writer role's holder writes. Every other part (across two words), and every offset out of range
   * (which must throw), goes through AtomicPerByteArray's checked part access; the in-place path spares
   * field reads an element-index check and a dependent load.
   *
   * Modes. Each method's mode is in its name; the protocols say why each access needs it. Heap words
   * are long[] elements accessed through an array-element VarHandle or plainly. Array-element
   * VarHandle accesses have the memory semantics of field accesses of the same mode, so the
   * protocol's argument holds on the heap as the Java memory model states it.
   *
   * Buffer words are accessed through a little-endian LongBuffer view only, each access one plain
   * aligned 8-byte load or store (the constructor checks the alignment), single-copy atomic on 64-bit
   * HotSpot, with the modes made of fences, as C2 makes them of barriers anyway: Acquire is the load
   * and then VarHandle.acquireFence(), Release is VarHandle.releaseFence() and then the store. Opaque
   * is the plain load alone: its only caller is the validating read of the sequence, which the engine
   * always issues right after an acquire fence (the copy's, or validate's), and a fence keeps the
   * load from being merged with, or moved before, the earlier read of the same sequence (coherence)
   * and from being hoisted out of a retry loop (progress); getOpaque's javadoc carries the
   * condition. Why not the byte-buffer view VarHandle, which has the modes: its accesses name a base
   * that may be a heap array, and C2 keeps such mixed accesses apart from the loads around them,
   * reloading the path to the words for every field (ComparisonBenchmark SHARED_FILE_FIELDS,
   * noWriter, measured the difference). Buffer memory is outside the
   * Java memory model (SharedWords' notes, in dev.seqlock.atomic): there the argument rests on
   * HotSpot compiling these loads, stores and fences to instructions that order memory for whoever
   * maps it, another process included.
   */

  /** Words before the first slot's value (its sequence is the last) and after the last slot. */
  static final int PAD = 16;

  /** Words from a slot's last value word to the next slot's sequence: 64 bytes. */
  static final int GAP = 8;

  /** Copy 0 of the slots' values, viewed in these words. */
  final AtomicPerByteArray<T> values0;

  /** Copy 1 of the slots' values with two copies; {@link #values0} itself with one. */
  final AtomicPerByteArray<T> values1;

  /** Words from one slot's sequence to the next one's ({@link #strideWords(ByteCodec, int)}). */
  final int strideWords;

  /** The words of one copy of a slot's value (its bytes rounded up to words). */
  final int valueWords;

  /** The number of copies of each value: 1, or 2 (latched). */
  final int copies;

  private static final VarHandle HEAP = MethodHandles.arrayElementVarHandle(long[].class);

  /** The words if on the heap, else null; shared, each access in the mode its method names. */
  final long @Nullable [] heap;

  /** The words if in a buffer, else null; absolute accesses only. */
  private final @Nullable ByteBuffer buffer;

  /**
   * The same words as a little-endian long view, word 0 at {@link #offset}, through which every
   * access to buffer words goes; null on the heap. The notes (Modes) say why.
   */
  final @Nullable LongBuffer longs;

  /** The absolute index of word 0 in {@link #buffer}; 0 on the heap. */
  private final int offset;

  private SlotWords(
      long @Nullable [] heap,
      @Nullable ByteBuffer buffer,
      int offset,
      ByteCodec<T> codec,
      int length,
      int copies) {
    this.heap = heap;
    this.buffer = buffer;
    this.longs = buffer == null ? null : longView(buffer, offset, wordCount(codec, length, copies));
    this.offset = offset;
    this.copies = copies;
    this.valueWords = valueWords(codec);
    this.strideWords = strideWords(codec, copies);
    this.values0 = view(0, codec, length);
    this.values1 = copies == 2 ? view(valueWords, codec, length) : values0;
  }

  /** The AtomicPerByteArray view of the copy whose words start {@code copyOffset} after firstWord. */
  private AtomicPerByteArray<T> view(int copyOffset, ByteCodec<T> codec, int length) {
    int first = PAD + copyOffset;
    int strideBytes = strideWords * Long.BYTES;
    long[] h = heap;
    return h != null
        ? AtomicPerByteArray.wrap(h, first, codec, length, strideBytes)
        : AtomicPerByteArray.wrap(buffer(), at(first), codec, length, strideBytes);
  }

  private static int checkCopies(int copies) {
    if (copies != 1 && copies != 2) {
      throw new IllegalArgumentException("copies must be 1 or 2: " + copies);
    }
    return copies;
  }

  /**
   * Zeroed heap words for {@code length} slots of {@code codec}'s values with {@code copies} copies
   * each, every sequence 0 and every copy of every value {@code initial}. Not yet shared: the caller
   * publishes the words through a final field (the freeze publishes the initial value, JLS 17.5).
   */
  static <T> SlotWords<T> onHeap(
      ByteCodec<T> codec, int length, int copies, MaybeTorn<T> initial) {
    long words = wordCount(codec, length, checkCopies(copies));
    if (words > Integer.MAX_VALUE - 8) { // the VM's array size limit
      throw new IllegalArgumentException("length " + length + " of "
          + strideWords(codec, copies) * Long.BYTES + "-byte strides is too large for one array");
    }
    SlotWords<T> slots = new SlotWords<>(new long[(int) words], null, 0, codec, length, copies);
    slots.fill(length, initial);
    return slots;
  }

  /**
   * The words at {@code offset} of {@code buffer}, {@link #byteSize} bytes, for {@code length} slots
   * of {@code codec}'s values with {@code copies} copies each; the words are used as they are (a
   * file's contents). {@code offset} must be a multiple of 8 and the buffer direct, writable and
   * 8-byte aligned there.
   */
  static <T> SlotWords<T> inBuffer(
      ByteBuffer buffer, int offset, ByteCodec<T> codec, int length, int copies) {
    if (offset < 0) {
      throw new IndexOutOfBoundsException("offset must not be negative: " + offset);
    }
    long size = byteSize(codec, length, checkCopies(copies));
    if (offset + size > buffer.limit()) {
      throw new IndexOutOfBoundsException("the slots' " + size + " bytes from offset " + offset
          + " exceed the buffer's limit " + buffer.limit());
    }
    return new SlotWords<>(null, buffer, offset, codec, length, copies);
  }

  /**
   * {@link #inBuffer}, every word set to 0 and every copy of every value to {@code initial}: for a
   * buffer whose contents mean nothing yet. The caller publishes it as {@link #onHeap} says.
   */
  static <T> SlotWords<T> inBuffer(
      ByteBuffer buffer,
      int offset,
      ByteCodec<T> codec,
      int length,
      int copies,
      MaybeTorn<T> initial) {
    SlotWords<T> slots = inBuffer(buffer, offset, codec, length, copies);
    long words = wordCount(codec, length, copies);
    for (int i = 0; i < words; i++) {
      slots.setWord(i, 0); // not yet shared: plain
    }
    slots.fill(length, initial);
    return slots;
  }

  private void fill(int length, MaybeTorn<T> initial) {
    for (int i = 0; i < length; i++) {
      // not yet shared: published by the caller
      values0.storeFrom(i, initial, MemoryOrder.RELAXED);
      values1.storeFrom(i, initial, MemoryOrder.RELAXED);
    }
  }

  /** The bytes the words of {@code length} slots with {@code copies} copies take in a buffer. */
  static long byteSize(ByteCodec<?> codec, int length, int copies) {
    return wordCount(codec, length, checkCopies(copies)) * Long.BYTES;
  }

  private static long wordCount(ByteCodec<?> codec, int length, int copies) {
    // copy 1's view spans length whole strides from its first word, valueWords after copy 0's
    long copy1Tail = (long) (copies - 1) * valueWords(codec);
    return PAD + (long) length * strideWords(codec, copies) + copy1Tail + PAD;
  }

  private static int valueWords(ByteCodec<?> codec) {
    return AtomicPerByteArray.storageSize(codec, 1) / Long.BYTES; // the value in whole words
  }

  /**
   * Words from one slot's sequence to the next one's: the sequence, the copies, and GAP - 1 words
   * more, so that GAP words separate the last copy's last word from the next sequence (the notes).
   */
  static int strideWords(ByteCodec<?> codec, int copies) {
    long words = 1 + (long) copies * valueWords(codec) + (GAP - 1);
    if (words * Long.BYTES > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "a " + codec.byteSize() + "-byte value is too large for one array's slots");
    }
    return (int) words;
  }

  /** The index of slot {@code slot}'s sequence: the word before its value. */
  final int sequenceIndex(int slot) {
    return sequenceIndex(slot, strideWords);
  }

  /** The index of slot {@code slot}'s first word of copy 0. */
  final int firstWord(int slot) {
    return firstWord(slot, strideWords);
  }

  /** The offset of copy {@code copy}'s words from copy 0's. */
  final int copyOffset(int copy) {
    return copy * valueWords;
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

  /** Release store of {@code value} to the word at {@code index}. */
  void setWordRelease(int index, long value) {
    long[] h = heap;
    if (h != null) {
      HEAP.setRelease(h, index, value);
    } else {
      VarHandle.releaseFence();
      longs().put(index, value);
    }
  }

  /**
   * Plain load of the word at {@code index}: a value word (ordered by the caller's protocol), or a
   * sequence read back by the writer role's holder, which wrote it last.
   */
  long word(int index) {
    long[] h = heap;
    return h != null ? h[index] : longs().get(index);
  }

  /** Plain store of the word at {@code index}: a value word, ordered by the caller's protocol. */
  void setWord(int index, long value) {
    long[] h = heap;
    if (h != null) {
      h[index] = value;
    } else {
      longs().put(index, value);
    }
  }

  /** Acquire load of {@code heap[index]}, for callers that hold the heap array themselves. */
  static long getAcquire(long[] heap, int index) {
    return (long) HEAP.getAcquire(heap, index);
  }

  /** Release store of {@code heap[index]}, for callers that hold a heap array themselves. */
  static void setRelease(long[] heap, int index, long value) {
    HEAP.setRelease(heap, index, value);
  }

  /** Opaque load of {@code heap[index]}, for callers that hold the heap array themselves. */
  static long getOpaque(long[] heap, int index) {
    return (long) HEAP.getOpaque(heap, index);
  }

  /**
   * Acquire load of word {@code index} of buffer words, for callers that hold their view ({@link
   * #longs}): a reader's first read of a sequence.
   */
  static long getAcquire(LongBuffer longs, int index) {
    long word = longs.get(index);
    VarHandle.acquireFence(); // with the load before it, Acquire (the notes, Modes)
    return word;
  }

  /**
   * Release store of word {@code index} of a little-endian long view of a buffer, for callers that
   * hold their own view: a file's published versions (SeqLockEngine's notes, Change scan).
   */
  static void setRelease(LongBuffer longs, int index, long value) {
    VarHandle.releaseFence(); // with the store after it, Release (the notes, Modes)
    longs.put(index, value);
  }

  /**
   * Opaque load of word {@code index} of buffer words, for callers that hold their view: a plain
   * load, which the caller must issue right after an acquire fence; the fence gives it Opaque's
   * coherence and progress there (the notes, Modes).
   */
  static long getOpaque(LongBuffer longs, int index) {
    return longs.get(index); // the caller's acquire fence before it makes it Opaque (the notes)
  }

  /** {@code words} words of {@code buffer} from byte {@code offset}, as a little-endian long view. */
  private static LongBuffer longView(ByteBuffer buffer, int offset, long words) {
    return buffer.slice(offset, (int) (words * Long.BYTES))
        .order(ByteOrder.LITTLE_ENDIAN)
        .asLongBuffer();
  }

  private LongBuffer longs() {
    return Objects.requireNonNull(longs); // never null when heap is
  }

  private ByteBuffer buffer() {
    return Objects.requireNonNull(buffer); // never null when heap is
  }

  private int at(int index) {
    return offset + index * Long.BYTES;
  }

  /**
   * Copies slot {@code slot}'s value words from copy {@code from} into copy {@code to}; plain, the
   * caller orders, and no reader may validate a read of copy {@code to} while it runs (the callers
   * have made the sequence odd, or it is odd already).
   */
  final void copyValue(int slot, int from, int to) {
    int first = firstWord(slot);
    int source = first + copyOffset(from);
    int target = first + copyOffset(to);
    LongBuffer view = longs;
    if (view != null) {
      // one bulk copy (Unsafe.copyMemory): cheaper than a checked view access per word, which C2
      // does not merge. Word atomicity does not matter: no read of the target's words validates
      // while they are written
      view.put(target, view, source, valueWords);
      return;
    }
    for (int i = 0; i < valueWords; i++) {
      setWord(target + i, word(source + i));
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
