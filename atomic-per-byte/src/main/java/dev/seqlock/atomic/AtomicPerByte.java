package dev.seqlock.atomic;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A value of type {@code T} held as bytes in shared memory, loaded and stored as a whole with every
 * byte atomic: the Java counterpart of Rust RFC 3301's {@code AtomicPerByte<T>} and of C++ P1478's
 * byte-wise atomic {@code memcpy}.
 *
 * <p>A load that races with a store may return a <em>torn</em> value: some bytes from before the store
 * and some from after. That is why {@link #load} returns a {@link MaybeTorn}, decoded with
 * {@link MaybeTorn#assumeUntorn()} only once the caller knows that no race happened, typically because a
 * sequence number read before and after the load did not change (see {@code dev.seqlock.SeqLock}).
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>No invented bytes.</b> Every byte a load returns was written by some store (or is the
 *       initial value); tearing mixes whole stores, it never makes up bytes.
 *   <li><b>Tearing granularity: the aligned 8-byte word.</b> The value's bytes are laid out in 8-byte
 *       words (byte {@code i} in word {@code i / 8}), and each word is copied by one atomic access, so
 *       all 8 bytes of a word in a load come from the same store. The Java language only promises this
 *       per byte (JLS 17.7 lets a JVM split a plain {@code long} into 32-bit halves); 64-bit HotSpot
 *       does not split words, and the project's jcstress suite checks it. Values that must not tear can
 *       therefore put each field that must be read whole within one word.
 *   <li><b>{@link MemoryOrder#ACQUIRE} load:</b> no read or write that follows it moves before its
 *       reads. <b>{@link MemoryOrder#RELEASE} store:</b> no read or write that precedes it moves after its
 *       writes. If an acquire load reads <em>any</em> byte that a release store wrote, everything that
 *       happened before the store happens before everything after the load (P1478's rule).
 *   <li><b>{@link MemoryOrder#RELAXED}:</b> each byte atomic and coherent, stores eventually visible,
 *       no ordering with other memory.
 * </ul>
 *
 * <p>Loads accept {@code RELAXED} and {@code ACQUIRE}; stores accept {@code RELAXED} and
 * {@code RELEASE}. Any other order throws {@link IllegalArgumentException}. A rejected call (bad order,
 * null, wrong size, or a codec that throws while encoding) changes nothing in shared memory.
 *
 * <p>{@link #loadInto} and {@link #storeFrom} allocate nothing: keep one {@link MaybeTorn} per thread
 * and reuse it. {@link #load} allocates the returned holder, and {@link #store} allocates a staging
 * image into which the value is encoded before any shared byte is written.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * record Quote(long bid, long ask) {}
 * ByteCodec<Quote> codec = ByteCodecs.ofRecord(Quote.class);
 * AtomicPerByte<Quote> shared = new AtomicPerByte<>(codec, new Quote(0, 0));
 * shared.store(new Quote(100, 101), MemoryOrder.RELEASE);         // writer thread
 * MaybeTorn<Quote> copy = MaybeTorn.allocate(codec);              // reader thread, reused
 * shared.loadInto(copy, MemoryOrder.ACQUIRE);
 * long bid = copy.bytes().getLong(0);                             // raw bytes: always safe
 * }</pre>
 *
 * @param <T> the type of the value
 */
public final class AtomicPerByte<T> {
  /*
   * Algorithmic notes
   *
   * The shared bytes are a SharedWords run of ceil(byteSize / 8) words; every load and store is one
   * bulk word copy plus one fence, placed and argued in SharedWords' notes (ACQUIRE: copy then
   * acquireFence; RELEASE: releaseFence then copy; RELAXED: loadLoadFence after / storeStoreFence
   * before). This class adds no ordering of its own. What it adds is the all-or-nothing rejection:
   * every argument is checked and a value is encoded into a private staging image before the store's
   * fence and copy, so a bad order, a null, a size mismatch or a throwing codec leaves shared memory
   * untouched.
   *
   * Initial contents. The public constructor writes the initial value into the heap array before it
   * assigns the final field that refers to it, in the same constructor, so the freeze at the end of
   * that constructor (JLS 17.5) makes those words visible to every thread that obtains a reference to
   * this object, however it was published; a racy publication cannot show the zeros of a fresh array
   * (which a SeqLock at version 0 would accept as a value). uninit() leaves the words zero, the
   * default value every thread sees. wrap() adopts whatever the buffer holds: publication of that
   * memory, possibly by another process, is the caller's business.
   */

  private final ByteCodec<T> codec;
  private final SharedWords shared;
  private final int byteSize;

  private AtomicPerByte(ByteCodec<T> codec, SharedWords shared) {
    this.codec = codec;
    this.shared = shared;
    this.byteSize = codec.byteSize();
  }

  /**
   * Creates a value on the heap holding {@code initialValue}. The initial bytes are visible to every
   * thread that obtains a reference to the new object, however it is published (they are written
   * before the constructor's final fields are frozen, JLS 17.5).
   *
   * @param codec the codec of the value
   * @param initialValue the initial value
   * @throws NullPointerException if {@code codec} or {@code initialValue} is null
   * @throws IllegalArgumentException if the codec cannot encode {@code initialValue}
   */
  public AtomicPerByte(ByteCodec<T> codec, T initialValue) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.byteSize = codec.byteSize();
    ByteImage staging = encode(codec, Objects.requireNonNull(initialValue, "initialValue"));
    SharedWords words = heapWords(codec);
    words.copyInUnordered(staging.words(), 0, 0, words.wordCount); // before the freeze: no fence
    this.shared = words;
  }

  /**
   * Creates a value on the heap whose bytes are all zero. Loads return zero bytes until the first
   * store; whether zero bytes decode to a valid {@code T} depends on the codec.
   *
   * @param codec the codec of the value
   * @param <T> the type of the value
   * @return a new all-zero value
   * @throws NullPointerException if {@code codec} is null
   */
  public static <T> AtomicPerByte<T> uninit(ByteCodec<T> codec) {
    Objects.requireNonNull(codec, "codec");
    return new AtomicPerByte<>(codec, heapWords(codec));
  }

  /**
   * Views {@code storageSize(codec)} bytes of {@code buffer}, starting at the absolute index
   * {@code offset}, as a shared value, so that threads of different processes can share it through a
   * memory-mapped file (or a direct buffer within one process). The bytes are not changed: a load
   * returns whatever the memory holds. The buffer's position, limit and byte order are not used or
   * changed; indices are checked against its limit. The memory must stay mapped while the value is in
   * use: this class does not keep a mapping alive beyond the buffer object it holds. A read-only
   * buffer (a file mapped for reading) gives a value that loads, and whose stores throw {@link
   * java.nio.ReadOnlyBufferException} and write nothing.
   *
   * @param buffer the memory: a direct or memory-mapped buffer
   * @param offset the absolute index of the first byte; a multiple of 8, and the memory there must be
   *     8-byte aligned (true of every mapped buffer and of direct buffers from
   *     {@link ByteBuffer#allocateDirect})
   * @param codec the codec of the value
   * @param <T> the type of the value
   * @return a shared value backed by the buffer
   * @throws NullPointerException if {@code buffer} or {@code codec} is null
   * @throws IllegalArgumentException if the buffer is not direct, or {@code offset} is not
   *     a multiple of 8 or its memory is not 8-byte aligned
   * @throws IndexOutOfBoundsException if the bytes do not lie within {@code [0, buffer.limit())}
   */
  public static <T> AtomicPerByte<T> wrap(ByteBuffer buffer, int offset, ByteCodec<T> codec) {
    Objects.requireNonNull(buffer, "buffer");
    Objects.requireNonNull(codec, "codec");
    return new AtomicPerByte<>(
        codec, SharedWords.inBuffer(buffer, offset, ByteImage.wordCount(codec.byteSize())));
  }

  /**
   * Returns how many bytes of memory a value of this codec occupies: its size rounded up to whole
   * 8-byte words. This is the room {@link #wrap} needs in a buffer.
   *
   * @param codec the codec
   * @return {@code codec.byteSize()} rounded up to a multiple of 8
   * @throws NullPointerException if {@code codec} is null
   */
  public static int storageSize(ByteCodec<?> codec) {
    return ByteImage.wordCount(Objects.requireNonNull(codec, "codec").byteSize()) * Long.BYTES;
  }

  private static SharedWords heapWords(ByteCodec<?> codec) {
    return SharedWords.onHeap(ByteImage.wordCount(codec.byteSize()));
  }

  /**
   * Loads the value's bytes into a new holder.
   *
   * @param order {@link MemoryOrder#RELAXED} or {@link MemoryOrder#ACQUIRE}
   * @return a new holder of the bytes read, possibly torn
   * @throws NullPointerException if {@code order} is null
   * @throws IllegalArgumentException if {@code order} is not allowed for a load
   */
  public MaybeTorn<T> load(MemoryOrder order) {
    Objects.requireNonNull(order, "order").checkLoad("load");
    MaybeTorn<T> destination = MaybeTorn.allocate(codec);
    shared.load(0, destination.bytes().words(), 0, shared.wordCount, order);
    return destination;
  }

  /**
   * Loads the value's bytes into {@code destination}, replacing its bytes. Allocates nothing.
   *
   * @param destination the holder to fill; its codec must have this value's byte size
   * @param order {@link MemoryOrder#RELAXED} or {@link MemoryOrder#ACQUIRE}
   * @throws NullPointerException if {@code destination} or {@code order} is null
   * @throws IllegalArgumentException if {@code order} is not allowed for a load, or the destination's
   *     size differs; the destination is not changed then
   */
  public void loadInto(MaybeTorn<T> destination, MemoryOrder order) {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(order, "order").checkLoad("loadInto");
    destination.checkByteSize(byteSize, "destination");
    shared.load(0, destination.bytes().words(), 0, shared.wordCount, order);
  }

  /**
   * Stores {@code value}. The value is first encoded into a freshly allocated staging image, so a codec
   * that throws leaves the shared bytes untouched; use {@link #storeFrom} to store without allocating.
   *
   * @param value the value to store
   * @param order {@link MemoryOrder#RELAXED} or {@link MemoryOrder#RELEASE}
   * @throws NullPointerException if {@code value} or {@code order} is null
   * @throws IllegalArgumentException if {@code order} is not allowed for a store, or the codec rejects
   *     {@code value}; nothing is stored then
   */
  public void store(T value, MemoryOrder order) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(order, "order").checkStore("store");
    ByteImage staging = encode(codec, value);
    shared.store(staging.words(), 0, 0, shared.wordCount, order);
  }

  /**
   * Stores the bytes of {@code source}. Allocates nothing.
   *
   * @param source the holder whose bytes to store; its codec must have this value's byte size
   * @param order {@link MemoryOrder#RELAXED} or {@link MemoryOrder#RELEASE}
   * @throws NullPointerException if {@code source} or {@code order} is null
   * @throws IllegalArgumentException if {@code order} is not allowed for a store, or the source's size
   *     differs; nothing is stored then
   */
  public void storeFrom(MaybeTorn<T> source, MemoryOrder order) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(order, "order").checkStore("storeFrom");
    source.checkByteSize(byteSize, "source");
    shared.store(source.bytes().words(), 0, 0, shared.wordCount, order);
  }

  /**
   * Returns the size of the value in bytes, {@code codec().byteSize()}.
   *
   * @return the size in bytes
   */
  public int byteSize() {
    return byteSize;
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
   * Describes this value without loading or decoding it (a decode of a racing value could be torn).
   *
   * @return the codec, the size and where the bytes live
   */
  @Override
  public String toString() {
    return "AtomicPerByte[codec=" + codec + ", byteSize=" + byteSize + ", " + shared.location() + "]";
  }

  private static <T> ByteImage encode(ByteCodec<T> codec, T value) {
    Objects.requireNonNull(value, "value");
    ByteImage staging = ByteImage.allocate(codec.byteSize());
    codec.encode(value, staging, 0);
    return staging;
  }
}
