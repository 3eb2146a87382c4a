package dev.seqlock.atomic;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A fixed-length array of values of type {@code T}, each held as bytes in shared memory with the
 * guarantees of {@link AtomicPerByte}: the counterpart of the slice functions of Rust RFC 3301
 * ({@code load_to_slice}, {@code store_from_slice}).
 *
 * <p>Each element starts on an 8-byte word boundary and occupies whole words (its size rounded up to a
 * multiple of 8), so a store to one element never rewrites a byte of another. By default elements are
 * packed; the factories that take an {@code elementStride} space them further apart, for example 128
 * bytes so that threads writing neighbouring elements do not share cache lines (nor the pairs of lines
 * that adjacent-line prefetchers fetch together). Per-element operations
 * behave exactly like those of {@link AtomicPerByte}. The range operations copy several consecutive
 * elements with a single fence: {@link #loadRange} is a load of each element followed by one acquire
 * (or load-load) fence, {@link #storeRange} and {@link #storeRangeFrom} one release (or store-store)
 * fence followed by a store of each element. Each element may tear independently.
 *
 * @param <T> the type of the elements
 */
public final class AtomicPerByteArray<T> {
  /*
   * Algorithmic notes
   *
   * Storage is a SharedWords run; element i is words [origin + i * stride, origin + i * stride +
   * valueWords), valueWords = ceil(byteSize / 8) <= stride. origin is 0 except for
   * wrap(long[], int, ...), whose run is the caller's whole array, of which only the region
   * [origin, origin + length * stride) is used. The words between elements (padded strides only) and
   * those outside the region are never read or written. Every copy and fence is the one argued in
   * SharedWords' notes.
   * The range operations are the same argument with one fence for several plain word copies: for
   * loadRange all copies precede the acquire fence, so no later access moves before any of them; for
   * the stores the release fence precedes all copies, so no earlier access moves after any of them.
   * Pairing is per word, as for a single element: an ACQUIRE range load that reads any byte of a
   * RELEASE range store sees everything that happened before that store.
   * The part loads and stores (loadLongUnordered and the rest) are SharedWords' unordered part
   * accesses; an 8-byte part at a multiple of 8 on heap storage, the common case for records, reads or
   * writes its one word of heapWords directly, the same plain whole-word access SharedWords makes, one
   * dependent load and a virtual call shorter. Their offset check is Objects.checkIndex against a
   * precomputed limit per part size, which C2 treats as a range check: for parts of one size at
   * constant offsets it keeps one check against the largest (range-check smearing), so six long fields
   * cost one compare, not six (seen in ComparisonBenchmark's compiled reader with perfasm); a record
   * mixing long and int fields pays one per size.
   *
   * Initial contents: create() fills a fresh heap array and only then passes it to the constructor,
   * which stores it in final fields (shared, and heapWords for the direct part accesses); the freeze at
   * the end of that constructor (JLS 17.5) makes the initial elements visible to every thread that
   * obtains the array through either, however it is published.
   * wrap(long[]) (with or without a firstWord) stores the caller's array in the same final fields, so
   * the same freeze publishes whatever the caller stored in it before wrap (in the wrapping thread, or
   * happening before wrap), inside the region or not;
   * what is stored after wrap (through this object or directly) the caller publishes itself, as
   * SeqLock's variants do with final fields of their own.
   * The caller keeps the array and may access the words itself (SeqLock's field reads and writes do):
   * such accesses are inside this argument only when they are the same plain whole-word accesses the
   * part loads and stores make, ordered by the same fences around them; the javadoc says so.
   *
   * Rejection is all-or-nothing: indices, sizes and orders are checked, and storeRange encodes every
   * value into one staging run, before the fence and the first shared write.
   */

  private final ByteCodec<T> codec;
  private final SharedWords shared;
  private final int length;
  private final int byteSize;

  /** Words from one element's first word to the next element's. */
  private final int stride;

  /** Words one element's value occupies, {@code <= stride}. */
  private final int valueWords;

  /**
   * The word of {@link #shared} where element 0 starts: the {@code firstWord} of
   * {@link #wrap(long[], int, ByteCodec, int, int)}, 0 for every other factory (buffer storage keeps
   * its byte offset in its {@link SharedWords} run).
   */
  private final int origin;

  /**
   * The words of heap storage, which the part loads and stores access directly (one dependent load
   * and a virtual call fewer than through {@link #shared}); null for buffer storage.
   */
  private final long @Nullable [] heapWords;

  /** {@code byteSize - 7}: the offsets of an 8-byte part are {@code [0, longPartLimit)}. */
  private final int longPartLimit;

  /** {@code byteSize - 3}: the offsets of a 4-byte part are {@code [0, intPartLimit)}. */
  private final int intPartLimit;

  /** {@code byteSize - 1}: the offsets of a 2-byte part are {@code [0, shortPartLimit)}. */
  private final int shortPartLimit;

  private AtomicPerByteArray(ByteCodec<T> codec, int length, int stride, SharedWords shared) {
    this(codec, length, stride, shared, 0);
  }

  private AtomicPerByteArray(
      ByteCodec<T> codec, int length, int stride, SharedWords shared, int origin) {
    this.codec = codec;
    this.length = length;
    this.shared = shared;
    this.byteSize = codec.byteSize();
    this.stride = stride;
    this.origin = origin;
    this.valueWords = ByteImage.wordCount(byteSize);
    this.heapWords = shared.heapWords();
    this.longPartLimit = byteSize - (Long.BYTES - 1);
    this.intPartLimit = byteSize - (Integer.BYTES - 1);
    this.shortPartLimit = byteSize - (Short.BYTES - 1);
  }

  /**
   * Creates an array on the heap with every element holding {@code initialValue}.
   *
   * @param codec the codec of the elements
   * @param length the number of elements, zero or more
   * @param initialValue the initial value of every element
   * @param <T> the type of the elements
   * @return a new array
   * @throws NullPointerException if {@code codec} or {@code initialValue} is null
   * @throws IllegalArgumentException if {@code length} is negative or too large, or the codec cannot
   *     encode {@code initialValue}
   */
  public static <T> AtomicPerByteArray<T> create(ByteCodec<T> codec, int length, T initialValue) {
    Objects.requireNonNull(codec, "codec");
    return create(codec, length, initialValue, packedStride(codec));
  }

  /**
   * Creates an array on the heap with every element holding {@code initialValue}, elements
   * {@code elementStride} bytes apart.
   *
   * @param codec the codec of the elements
   * @param length the number of elements, zero or more
   * @param initialValue the initial value of every element
   * @param elementStride the bytes from one element's start to the next one's: a multiple of 8, at
   *     least the element size rounded up to a multiple of 8 (128 keeps neighbours off each other's
   *     cache lines)
   * @param <T> the type of the elements
   * @return a new array
   * @throws NullPointerException if {@code codec} or {@code initialValue} is null
   * @throws IllegalArgumentException if {@code length} is negative or too large, {@code elementStride}
   *     breaks its rule, or the codec cannot encode {@code initialValue}
   */
  public static <T> AtomicPerByteArray<T> create(
      ByteCodec<T> codec, int length, T initialValue, int elementStride) {
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(initialValue, "initialValue");
    int stride = strideWords(codec, elementStride);
    int total = totalWords(length, stride);
    ByteImage element = ByteImage.allocate(codec.byteSize());
    codec.encode(initialValue, element, 0); // before the big allocation: a rejected value costs little
    SharedWords words = SharedWords.onHeap(total);
    int valueWords = element.words().length;
    for (int i = 0; i < length; i++) {
      words.copyInUnordered(element.words(), 0, i * stride, valueWords);
    }
    // its constructor's freeze publishes the initial elements
    return new AtomicPerByteArray<>(codec, length, stride, words);
  }

  /**
   * Creates an array on the heap whose bytes are all zero.
   *
   * @param codec the codec of the elements
   * @param length the number of elements, zero or more
   * @param <T> the type of the elements
   * @return a new all-zero array
   * @throws NullPointerException if {@code codec} is null
   * @throws IllegalArgumentException if {@code length} is negative or too large
   */
  public static <T> AtomicPerByteArray<T> uninit(ByteCodec<T> codec, int length) {
    Objects.requireNonNull(codec, "codec");
    int stride = ByteImage.wordCount(codec.byteSize());
    return new AtomicPerByteArray<>(
        codec, length, stride, SharedWords.onHeap(totalWords(length, stride)));
  }

  /**
   * Views {@code words} as a shared array of packed elements: see
   * {@link #wrap(long[], ByteCodec, int, int)}.
   *
   * @param words the memory, exactly {@code length} times the element size rounded up to whole words
   * @param codec the codec of the elements
   * @param length the number of elements
   * @param <T> the type of the elements
   * @return a shared array backed by {@code words}
   * @throws NullPointerException if {@code words} or {@code codec} is null
   * @throws IllegalArgumentException if {@code length} is negative or too large for one array, or
   *     {@code words} is not exactly as long as the elements need
   */
  public static <T> AtomicPerByteArray<T> wrap(long[] words, ByteCodec<T> codec, int length) {
    Objects.requireNonNull(codec, "codec");
    return wrap(words, codec, length, packedStride(codec));
  }

  /**
   * Views {@code words}, a heap array the caller keeps, as a shared array whose elements are
   * {@code elementStride} bytes apart. The words are not changed: a load returns whatever they hold.
   * Element {@code i}'s byte {@code k} is byte {@code k % 8} (counting from the least significant) of
   * {@code words[i * elementStride / 8 + k / 8]}, the layout {@link #loadLongUnordered} reads: an
   * 8-byte part at an offset that is a multiple of 8 is exactly one word.
   *
   * <p>This is for a caller that reads or writes parts of the elements itself, with plain accesses to
   * {@code words}, ordered by its own protocol as this class's unordered part accesses are ordered
   * (for example a sequence lock, which brackets them with an Acquire load and an acquire fence when
   * reading, and with a release fence and a Release store when writing). The guarantees of this class
   * hold for such accesses exactly as for {@link #loadLongUnordered} and {@link #storeLongUnordered};
   * any other access to the words while other threads use the array is the caller's own data race.
   * Loads and stores of whole elements copy whole words, so they also read and write the bytes from an
   * element's size to the end of its last word; the words between elements (padded strides) are never
   * read or written by this class. To keep words of one's own before the first element or after the
   * last, see {@link #wrap(long[], int, ByteCodec, int, int)}, of which this is the
   * {@code firstWord = 0} case with {@code words} exactly as long as the elements.
   *
   * @param words the memory, exactly {@code length * elementStride / 8} words
   * @param codec the codec of the elements
   * @param length the number of elements
   * @param elementStride the bytes from one element's start to the next one's: a multiple of 8, at
   *     least the element size rounded up to a multiple of 8
   * @param <T> the type of the elements
   * @return a shared array backed by {@code words}
   * @throws NullPointerException if {@code words} or {@code codec} is null
   * @throws IllegalArgumentException if {@code length} is negative or too large for one array,
   *     {@code elementStride} breaks its rule, or {@code words} is not exactly as long as the elements
   *     need
   */
  public static <T> AtomicPerByteArray<T> wrap(
      long[] words, ByteCodec<T> codec, int length, int elementStride) {
    Objects.requireNonNull(words, "words");
    Objects.requireNonNull(codec, "codec");
    int stride = strideWords(codec, elementStride);
    int total = totalWords(length, stride);
    if (words.length != total) {
      throw new IllegalArgumentException("words must be exactly " + total + " words long ("
          + length + " elements, " + stride * Long.BYTES + " bytes apart): " + words.length);
    }
    return new AtomicPerByteArray<>(codec, length, stride, SharedWords.onHeap(words));
  }

  /**
   * Views {@code length * elementStride / 8} words of {@code words}, a heap array the caller keeps,
   * starting at index {@code firstWord}, as a shared array whose elements are {@code elementStride}
   * bytes apart; see {@link #wrap(long[], ByteCodec, int, int)} for the rules. Element {@code i}'s byte
   * {@code k} is byte {@code k % 8} (counting from the least significant) of
   * {@code words[firstWord + i * elementStride / 8 + k / 8]}.
   *
   * <p>The region {@code [firstWord, firstWord + length * elementStride / 8)} must lie within
   * {@code words}, and may be shorter: the words outside it are never read or written by this class,
   * exactly as the words between elements of a padded stride are never touched. So a caller can keep
   * words of its own around and between the elements, for example padding before the first element,
   * or a word of its own protocol next to each element (a sequence lock keeps each slot's sequence in
   * the word before its value, so that a reader fetches one or two cache lines, not two or three).
   *
   * @param words the memory, at least {@code firstWord + length * elementStride / 8} words
   * @param firstWord the index in {@code words} of element 0's first word, zero or more
   * @param codec the codec of the elements
   * @param length the number of elements
   * @param elementStride the bytes from one element's start to the next one's: a multiple of 8, at
   *     least the element size rounded up to a multiple of 8
   * @param <T> the type of the elements
   * @return a shared array backed by the region of {@code words}
   * @throws NullPointerException if {@code words} or {@code codec} is null
   * @throws IllegalArgumentException if {@code elementStride} breaks its rule, {@code length} is
   *     negative or too large for one array, {@code firstWord} is negative, or the region does not lie
   *     within {@code words}
   */
  public static <T> AtomicPerByteArray<T> wrap(
      long[] words, int firstWord, ByteCodec<T> codec, int length, int elementStride) {
    Objects.requireNonNull(words, "words");
    Objects.requireNonNull(codec, "codec");
    int stride = strideWords(codec, elementStride);
    int total = totalWords(length, stride);
    if (firstWord < 0) {
      throw new IllegalArgumentException("firstWord must not be negative: " + firstWord);
    }
    long end = (long) firstWord + total; // in long: firstWord near Integer.MAX_VALUE must not wrap
    if (end > words.length) {
      throw new IllegalArgumentException("words must hold at least firstWord + " + total + " = " + end
          + " words (" + length + " elements, " + stride * Long.BYTES + " bytes apart, from firstWord "
          + firstWord + "): " + words.length);
    }
    return new AtomicPerByteArray<>(codec, length, stride, SharedWords.onHeap(words), firstWord);
  }

  /**
   * Views {@code storageSize(codec, length)} bytes of {@code buffer}, starting at the absolute index
   * {@code offset}, as a shared array; see {@link AtomicPerByte#wrap} for the rules.
   *
   * @param buffer the memory: a direct or memory-mapped buffer
   * @param offset the absolute index of the first byte; a multiple of 8 and 8-byte aligned in memory
   * @param codec the codec of the elements
   * @param length the number of elements
   * @param <T> the type of the elements
   * @return a shared array backed by the buffer
   * @throws NullPointerException if {@code buffer} or {@code codec} is null
   * @throws IllegalArgumentException if {@code length} is negative, the buffer is not direct, or
   *     {@code offset} is misaligned
   * @throws IndexOutOfBoundsException if the bytes do not lie within {@code [0, buffer.limit())}
   */
  public static <T> AtomicPerByteArray<T> wrap(
      ByteBuffer buffer, int offset, ByteCodec<T> codec, int length) {
    Objects.requireNonNull(codec, "codec");
    return wrap(buffer, offset, codec, length, packedStride(codec));
  }

  /**
   * Views {@code storageSize(codec, length, elementStride)} bytes of {@code buffer}, starting at the
   * absolute index {@code offset}, as a shared array whose elements are {@code elementStride} bytes
   * apart; see {@link AtomicPerByte#wrap} for the rules.
   *
   * @param buffer the memory: a direct or memory-mapped buffer
   * @param offset the absolute index of the first byte; a multiple of 8 and 8-byte aligned in memory
   * @param codec the codec of the elements
   * @param length the number of elements
   * @param elementStride the bytes from one element's start to the next one's: a multiple of 8, at
   *     least the element size rounded up to a multiple of 8
   * @param <T> the type of the elements
   * @return a shared array backed by the buffer
   * @throws NullPointerException if {@code buffer} or {@code codec} is null
   * @throws IllegalArgumentException if {@code length} is negative, {@code elementStride} breaks its
   *     rule, the buffer is not direct, or {@code offset} is misaligned
   * @throws IndexOutOfBoundsException if the bytes do not lie within {@code [0, buffer.limit())}
   */
  public static <T> AtomicPerByteArray<T> wrap(
      ByteBuffer buffer, int offset, ByteCodec<T> codec, int length, int elementStride) {
    Objects.requireNonNull(buffer, "buffer");
    Objects.requireNonNull(codec, "codec");
    int stride = strideWords(codec, elementStride);
    return new AtomicPerByteArray<>(
        codec, length, stride, SharedWords.inBuffer(buffer, offset, totalWords(length, stride)));
  }

  /**
   * Returns how many bytes of memory an array of {@code length} elements of this codec occupies: each
   * element's size rounded up to whole 8-byte words, times {@code length}.
   *
   * @param codec the codec of the elements
   * @param length the number of elements
   * @return the size in bytes
   * @throws NullPointerException if {@code codec} is null
   * @throws IllegalArgumentException if {@code length} is negative or the size exceeds
   *     {@code Integer.MAX_VALUE}
   */
  public static int storageSize(ByteCodec<?> codec, int length) {
    Objects.requireNonNull(codec, "codec");
    return storageSize(codec, length, packedStride(codec));
  }

  /**
   * Returns how many bytes of memory an array of {@code length} elements of this codec occupies with
   * elements {@code elementStride} bytes apart: {@code length * elementStride}.
   *
   * @param codec the codec of the elements
   * @param length the number of elements
   * @param elementStride the bytes from one element's start to the next one's: a multiple of 8, at
   *     least the element size rounded up to a multiple of 8
   * @return the size in bytes
   * @throws NullPointerException if {@code codec} is null
   * @throws IllegalArgumentException if {@code length} is negative, {@code elementStride} breaks its
   *     rule, or the size exceeds {@code Integer.MAX_VALUE}
   */
  public static int storageSize(ByteCodec<?> codec, int length, int elementStride) {
    long words = totalWords(length, strideWords(Objects.requireNonNull(codec, "codec"), elementStride));
    if (words * Long.BYTES > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "length " + length + " needs " + words * Long.BYTES + " bytes, more than Integer.MAX_VALUE");
    }
    return (int) words * Long.BYTES;
  }

  /** The packed stride of the codec's elements, in bytes: their size rounded up to whole words. */
  private static int packedStride(ByteCodec<?> codec) {
    return ByteImage.wordCount(codec.byteSize()) * Long.BYTES;
  }

  /**
   * The word of {@link #shared} where element {@code index} starts, for an index already checked:
   * within the region, so no overflow ({@code origin + length * stride <= words.length}).
   */
  private int elementWord(int index) {
    return origin + index * stride;
  }

  /** Checks {@code elementStride} (bytes) against its rule and returns it in words. */
  private static int strideWords(ByteCodec<?> codec, int elementStride) {
    int packed = packedStride(codec);
    if ((elementStride & 7) != 0 || elementStride < packed) {
      throw new IllegalArgumentException(
          "elementStride must be a multiple of 8 and at least " + packed + " (the " + codec.byteSize()
              + "-byte element rounded up to whole words): " + elementStride);
    }
    return elementStride / Long.BYTES;
  }

  private static int totalWords(int length, int stride) {
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative: " + length);
    }
    long words = (long) stride * length;
    if (words > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "length " + length + " of " + stride * Long.BYTES + "-byte strides is too large for one array");
    }
    return (int) words;
  }

  /**
   * Returns the number of elements.
   *
   * @return the length
   */
  public int length() {
    return length;
  }

  /**
   * Returns the size of one element in bytes, {@code codec().byteSize()}.
   *
   * @return the element size
   */
  public int byteSize() {
    return byteSize;
  }

  /**
   * Returns the bytes from one element's start to the next one's: the element size rounded up to whole
   * 8-byte words for packed arrays, or the stride given to the factory.
   *
   * @return the element stride in bytes
   */
  public int elementStride() {
    return stride * Long.BYTES;
  }

  /**
   * Returns the codec of the elements.
   *
   * @return the codec
   */
  public ByteCodec<T> codec() {
    return codec;
  }

  /**
   * Loads element {@code index} into a new holder.
   *
   * @param index the element
   * @param order {@link MemoryOrder#RELAXED} or {@link MemoryOrder#ACQUIRE}
   * @return a new holder of the bytes read, possibly torn
   * @throws NullPointerException if {@code order} is null
   * @throws IllegalArgumentException if {@code order} is not allowed for a load
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public MaybeTorn<T> load(int index, MemoryOrder order) {
    Objects.requireNonNull(order, "order").checkLoad("load");
    Objects.checkIndex(index, length);
    MaybeTorn<T> destination = MaybeTorn.allocate(codec);
    shared.load(elementWord(index), destination.bytes().words(), 0, valueWords, order);
    return destination;
  }

  /**
   * Loads element {@code index} into {@code destination}. Allocates nothing.
   *
   * @param index the element
   * @param destination the holder to fill; its size must be the element size
   * @param order {@link MemoryOrder#RELAXED} or {@link MemoryOrder#ACQUIRE}
   * @throws NullPointerException if {@code destination} or {@code order} is null
   * @throws IllegalArgumentException if {@code order} is not allowed for a load or the size differs
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public void loadInto(int index, MaybeTorn<T> destination, MemoryOrder order) {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(order, "order").checkLoad("loadInto");
    Objects.checkIndex(index, length);
    destination.checkByteSize(byteSize, "destination");
    shared.load(elementWord(index), destination.bytes().words(), 0, valueWords, order);
  }

  /**
   * Loads the 8 bytes at byte {@code offset} of element {@code index}, read as
   * {@link ByteImage#getLong} reads them (little-endian), with no ordering at all: Java's plain access
   * to each aligned 8-byte word it reads. Each word is read whole, so every byte comes from one store
   * and a {@code long} at a multiple of 8 cannot tear; one that crosses a word boundary may combine
   * bytes of two stores. The compiler and the CPU may reorder the load with other plain accesses, two
   * calls may see a word go back in time, and a loop may never see it change. Allocates nothing.
   *
   * <p>It exists for optimistic readers that order their reads themselves, as a sequence lock does: an
   * acquire load of a sequence before the part loads, {@link java.lang.invoke.VarHandle#acquireFence()}
   * and a re-read of the sequence after them; that is how {@code SeqLock}'s field reads use it (for
   * the parts that are not one word, which it reads in place: see {@link #wrap(long[], ByteCodec, int,
   * int)}), one fence for all fields. Anything else should load the whole element with
   * {@link #loadInto}.
   *
   * @param index the element
   * @param offset the byte offset of the first byte within the element; the 8 bytes must lie within
   *     the element's size
   * @return the bytes as a {@code long}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the element
   */
  public long loadLongUnordered(int index, int offset) {
    Objects.checkIndex(index, length);
    checkPart(offset, longPartLimit, Long.BYTES);
    long[] heap = heapWords;
    if (heap != null && (offset & 7) == 0) { // the common case: a whole heap word
      return heap[elementWord(index) + (offset >>> 3)]; // plain, unordered: see SharedWords' notes
    }
    return shared.loadBitsUnordered(elementWord(index), offset, Long.BYTES);
  }

  /**
   * Loads the 4 bytes at byte {@code offset} of element {@code index}, read as
   * {@link ByteImage#getInt} reads them, with no ordering at all: see {@link #loadLongUnordered}. An
   * {@code int} within one aligned 8-byte word cannot tear.
   *
   * @param index the element
   * @param offset the byte offset of the first byte within the element; the 4 bytes must lie within
   *     the element's size
   * @return the bytes as an {@code int}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the element
   */
  public int loadIntUnordered(int index, int offset) {
    Objects.checkIndex(index, length);
    checkPart(offset, intPartLimit, Integer.BYTES);
    return (int) shared.loadBitsUnordered(elementWord(index), offset, Integer.BYTES);
  }

  /**
   * Loads the 2 bytes at byte {@code offset} of element {@code index}, read as
   * {@link ByteImage#getShort} reads them, with no ordering at all: see {@link #loadLongUnordered}. A
   * {@code short} within one aligned 8-byte word cannot tear; one at an offset of 7 modulo 8 spans two
   * words and may combine bytes of two stores. {@link ByteImage#getChar} reads the same bits as a
   * {@code char}: {@code (char) loadShortUnordered(index, offset)}.
   *
   * @param index the element
   * @param offset the byte offset of the first byte within the element; the 2 bytes must lie within
   *     the element's size
   * @return the bytes as a {@code short}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the element
   */
  public short loadShortUnordered(int index, int offset) {
    Objects.checkIndex(index, length);
    checkPart(offset, shortPartLimit, Short.BYTES);
    return (short) shared.loadBitsUnordered(elementWord(index), offset, Short.BYTES);
  }

  /**
   * Loads the byte at {@code offset} of element {@code index}, as {@link ByteImage#getByte} reads it,
   * with no ordering at all: see {@link #loadLongUnordered}. A byte never tears.
   * {@link ByteImage#getBoolean} reads the same byte as {@code loadByteUnordered(index, offset) != 0}.
   *
   * @param index the element
   * @param offset the byte offset within the element, below the element's size
   * @return the byte
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the byte does not lie within
   *     the element
   */
  public byte loadByteUnordered(int index, int offset) {
    Objects.checkIndex(index, length);
    checkPart(offset, byteSize, Byte.BYTES);
    return (byte) shared.loadBitsUnordered(elementWord(index), offset, Byte.BYTES);
  }

  /**
   * Stores {@code value} as the 8 bytes at byte {@code offset} of element {@code index}, written as
   * {@link ByteImage#putLong} writes them (little-endian), with no ordering at all: Java's plain access
   * to each aligned 8-byte word it writes. The other bytes of the element keep their values. A
   * {@code long} at a multiple of 8 is one whole-word store; any other is a read-modify-write of the
   * two words it spans, so it must not race with another store to the element (bytes of that store may
   * be lost). Allocates nothing.
   *
   * <p>It exists for a writer that owns the element and orders its stores itself, as a sequence lock's
   * writer does: an odd sequence store and {@link java.lang.invoke.VarHandle#releaseFence()} before
   * the part stores, a release store of the even sequence after them; that is how {@code SeqLock}'s
   * field writes use it (for the parts that are not one word, which it writes in place). Readers see
   * every word whole, but may see any mix of part stores until the writer's own protocol tells them
   * otherwise. Anything else should store the whole element with {@link #storeFrom}.
   *
   * @param index the element
   * @param offset the byte offset of the first byte within the element; the 8 bytes must lie within
   *     the element's size
   * @param value the bytes to store
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the element; nothing is stored then
   */
  public void storeLongUnordered(int index, int offset, long value) {
    Objects.checkIndex(index, length);
    checkPart(offset, longPartLimit, Long.BYTES);
    long[] heap = heapWords;
    if (heap != null && (offset & 7) == 0) { // the common case: a whole heap word
      heap[elementWord(index) + (offset >>> 3)] = value; // plain, unordered: see SharedWords' notes
      return;
    }
    shared.storeBitsUnordered(elementWord(index), offset, Long.BYTES, value);
  }

  /**
   * Stores {@code value} as the 4 bytes at byte {@code offset} of element {@code index}, written as
   * {@link ByteImage#putInt} writes them, with no ordering at all: see {@link #storeLongUnordered}. It
   * is a read-modify-write of the word or words it touches, so it must not race with another store to
   * the element.
   *
   * @param index the element
   * @param offset the byte offset of the first byte within the element; the 4 bytes must lie within
   *     the element's size
   * @param value the bytes to store
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the element; nothing is stored then
   */
  public void storeIntUnordered(int index, int offset, int value) {
    Objects.checkIndex(index, length);
    checkPart(offset, intPartLimit, Integer.BYTES);
    shared.storeBitsUnordered(elementWord(index), offset, Integer.BYTES, value);
  }

  /**
   * Stores {@code value} as the 2 bytes at byte {@code offset} of element {@code index}, written as
   * {@link ByteImage#putShort} writes them, with no ordering at all: see {@link #storeLongUnordered}. It
   * is a read-modify-write of the word or words it touches, so it must not race with another store to
   * the element. A {@code char} is stored as its bits: {@code storeShortUnordered(index, offset,
   * (short) c)}.
   *
   * @param index the element
   * @param offset the byte offset of the first byte within the element; the 2 bytes must lie within
   *     the element's size
   * @param value the bytes to store
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the element; nothing is stored then
   */
  public void storeShortUnordered(int index, int offset, short value) {
    Objects.checkIndex(index, length);
    checkPart(offset, shortPartLimit, Short.BYTES);
    shared.storeBitsUnordered(elementWord(index), offset, Short.BYTES, value);
  }

  /**
   * Stores {@code value} as the byte at {@code offset} of element {@code index}, as
   * {@link ByteImage#putByte} writes it, with no ordering at all: see {@link #storeLongUnordered}. It
   * is a read-modify-write of the word it lies in, so it must not race with another store to the
   * element. A {@code boolean} is stored as {@link ByteImage#putBoolean} stores it: 1 or 0.
   *
   * @param index the element
   * @param offset the byte offset within the element, below the element's size
   * @param value the byte to store
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the byte does not lie within
   *     the element; nothing is stored then
   */
  public void storeByteUnordered(int index, int offset, byte value) {
    Objects.checkIndex(index, length);
    checkPart(offset, byteSize, Byte.BYTES);
    shared.storeBitsUnordered(elementWord(index), offset, Byte.BYTES, value);
  }

  /**
   * Checks that the {@code size} bytes from {@code offset} lie within the value: that {@code offset}
   * is in {@code [0, limit)}, {@code limit = byteSize - size + 1} (zero or negative if the value is
   * shorter than a part, and then no offset is). {@link Objects#checkIndex} is the check C2 treats as
   * an array range check: several part accesses at constant offsets share one check against the
   * largest (range-check smearing) instead of paying one each.
   *
   * @throws IndexOutOfBoundsException naming the offset and the rule, if they do not
   */
  private void checkPart(int offset, int limit, int size) {
    try {
      Objects.checkIndex(offset, limit);
    } catch (IndexOutOfBoundsException e) {
      throw new IndexOutOfBoundsException("offset " + offset + ": the " + size
          + " bytes from it must lie within the value's " + byteSize + " bytes");
    }
  }

  /**
   * Stores {@code value} into element {@code index}, encoding it first into a staging image.
   *
   * @param index the element
   * @param value the value to store
   * @param order {@link MemoryOrder#RELAXED} or {@link MemoryOrder#RELEASE}
   * @throws NullPointerException if {@code value} or {@code order} is null
   * @throws IllegalArgumentException if {@code order} is not allowed for a store or the codec rejects
   *     {@code value}; nothing is stored then
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public void store(int index, T value, MemoryOrder order) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(order, "order").checkStore("store");
    Objects.checkIndex(index, length);
    ByteImage staging = ByteImage.allocate(byteSize);
    codec.encode(value, staging, 0);
    shared.store(staging.words(), 0, elementWord(index), valueWords, order);
  }

  /**
   * Stores the bytes of {@code source} into element {@code index}. Allocates nothing.
   *
   * @param index the element
   * @param source the holder whose bytes to store; its size must be the element size
   * @param order {@link MemoryOrder#RELAXED} or {@link MemoryOrder#RELEASE}
   * @throws NullPointerException if {@code source} or {@code order} is null
   * @throws IllegalArgumentException if {@code order} is not allowed for a store or the size differs
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public void storeFrom(int index, MaybeTorn<T> source, MemoryOrder order) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(order, "order").checkStore("storeFrom");
    Objects.checkIndex(index, length);
    source.checkByteSize(byteSize, "source");
    shared.store(source.bytes().words(), 0, elementWord(index), valueWords, order);
  }

  /**
   * Loads elements {@code fromIndex} to {@code fromIndex + destinations.size() - 1} into the holders,
   * in order, with a single fence after the last one. Allocates nothing beyond what iterating the list
   * does ({@code ArrayList} and {@code List.of} allocate nothing when indexed).
   *
   * @param fromIndex the first element
   * @param destinations the holders to fill, one per element
   * @param order {@link MemoryOrder#RELAXED} or {@link MemoryOrder#ACQUIRE}
   * @throws NullPointerException if {@code destinations}, one of its holders, or {@code order} is null
   * @throws IllegalArgumentException if {@code order} is not allowed for a load or a holder's size
   *     differs; no holder is changed then
   * @throws IndexOutOfBoundsException if the range is out of bounds; no holder is changed then
   */
  public void loadRange(
      int fromIndex, List<? extends MaybeTorn<T>> destinations, MemoryOrder order) {
    Objects.requireNonNull(destinations, "destinations");
    Objects.requireNonNull(order, "order").checkLoad("loadRange");
    int count = destinations.size();
    Objects.checkFromIndexSize(fromIndex, count, length);
    checkSizes(destinations, "destinations");
    for (int i = 0; i < count; i++) {
      shared.copyOutUnordered(
          elementWord(fromIndex + i), destinations.get(i).bytes().words(), 0, valueWords);
    }
    SharedWords.fenceAfterLoad(order); // one fence orders all the copies above (see notes)
  }

  /**
   * Stores {@code values} into elements {@code fromIndex} onwards with a single fence before the first
   * one. All values are encoded into one staging run first, so a value the codec rejects leaves every
   * element untouched.
   *
   * @param fromIndex the first element
   * @param values the values, one per element
   * @param order {@link MemoryOrder#RELAXED} or {@link MemoryOrder#RELEASE}
   * @throws NullPointerException if {@code values}, one of its values, or {@code order} is null
   * @throws IllegalArgumentException if {@code order} is not allowed for a store or the codec rejects a
   *     value; nothing is stored then
   * @throws IndexOutOfBoundsException if the range is out of bounds; nothing is stored then
   */
  public void storeRange(int fromIndex, List<? extends T> values, MemoryOrder order) {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(order, "order").checkStore("storeRange");
    int count = values.size();
    Objects.checkFromIndexSize(fromIndex, count, length);
    ByteImage element = ByteImage.allocate(byteSize);
    long[] staging = new long[count * valueWords];
    for (int i = 0; i < count; i++) {
      T value = values.get(i);
      if (value == null) {
        throw new NullPointerException("values[" + i + "]");
      }
      codec.encode(value, element, 0);
      System.arraycopy(element.words(), 0, staging, i * valueWords, valueWords);
    }
    SharedWords.fenceBeforeStore(order); // one fence orders all the copies below (see notes)
    for (int i = 0; i < count; i++) {
      shared.copyInUnordered(staging, i * valueWords, elementWord(fromIndex + i), valueWords);
    }
  }

  /**
   * Stores the bytes of {@code sources} into elements {@code fromIndex} onwards with a single fence
   * before the first one. Allocates nothing beyond what iterating the list does.
   *
   * @param fromIndex the first element
   * @param sources the holders whose bytes to store, one per element
   * @param order {@link MemoryOrder#RELAXED} or {@link MemoryOrder#RELEASE}
   * @throws NullPointerException if {@code sources}, one of its holders, or {@code order} is null
   * @throws IllegalArgumentException if {@code order} is not allowed for a store or a holder's size
   *     differs; nothing is stored then
   * @throws IndexOutOfBoundsException if the range is out of bounds; nothing is stored then
   */
  public void storeRangeFrom(
      int fromIndex, List<? extends MaybeTorn<T>> sources, MemoryOrder order) {
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(order, "order").checkStore("storeRangeFrom");
    int count = sources.size();
    Objects.checkFromIndexSize(fromIndex, count, length);
    checkSizes(sources, "sources");
    SharedWords.fenceBeforeStore(order); // one fence orders all the copies below (see notes)
    for (int i = 0; i < count; i++) {
      shared.copyInUnordered(
          sources.get(i).bytes().words(), 0, elementWord(fromIndex + i), valueWords);
    }
  }

  /**
   * Describes this array without loading or decoding any element.
   *
   * @return the codec, the length and where the bytes live
   */
  @Override
  public String toString() {
    return "AtomicPerByteArray[codec=" + codec + ", length=" + length + ", byteSize=" + byteSize
        + ", elementStride=" + elementStride() + ", " + shared.location()
        + (origin == 0 ? "" : " from word " + origin) + "]";
  }


  private void checkSizes(List<? extends MaybeTorn<T>> holders, String parameter) {
    for (int i = 0; i < holders.size(); i++) {
      MaybeTorn<T> holder = holders.get(i);
      if (holder == null) {
        throw new NullPointerException(parameter + "[" + i + "]");
      }
      if (holder.byteSize() != byteSize) { // build the name only to throw: no allocation otherwise
        holder.checkByteSize(byteSize, parameter + "[" + i + "]");
      }
    }
  }
}
