package dev.seqlock.atomic;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Objects;

/**
 * A run of 8-byte words in shared memory, on the heap or in a {@link ByteBuffer}, copied in bulk to
 * and from thread-confined {@code long[]} images with the orderings of {@link MemoryOrder}. The one
 * place where this module's copies and fences live.
 */
abstract class SharedWords {
  /*
   * Algorithmic notes
   *
   * What is copied. A value of n bytes occupies ceil(n / 8) little-endian 8-byte words (see
   * ByteImage); padding bytes of the last word are zero. A load copies the shared words into a
   * thread-confined long[]; a store copies a thread-confined long[] into the shared words. Each word is
   * read or written exactly once per copy, in no promised order.
   *
   * Atomicity (why a racy copy returns only bytes that some store wrote). Every word is one plain
   * access: a long[] element (heap storage; System.arraycopy) or an aligned 8-byte unit of native
   * memory (buffer storage; the bulk LongBuffer get/put, which HotSpot performs with
   * Copy::conjoint_memory_atomic when addresses are 8-byte aligned, which wrap() checks). A racy plain
   * read returns the value of some write to that variable, never an invented one (JLS 17.4.8 causality
   * rules out out-of-thin-air values). JLS 17.7 lets a JVM split a non-volatile long into two 32-bit
   * halves; even then every byte comes whole from one store, which is the per-byte contract of RFC 3301
   * and P1478. On 64-bit HotSpot plain long accesses are not split, and its array-copy and
   * memory-copy stubs move long elements and aligned 8-byte units whole (vectorised copies move
   * several aligned words per instruction, never part of one), so the granularity this module
   * documents is the aligned 8-byte word. The jcstress suite (AtomicPerByteTearing) checks that on the
   * machine it runs on, and its negative control shows the same mode catching a copy that splits words.
   *
   * Ordering (why one fence per copy is enough). Opaque, Acquire or Release access per word would order
   * every word on its own: C2 then emits one access per word and never vectorises; measured at 4 KiB on
   * the reference machine that is about 2.7x System.arraycopy. Instead each copy is a bulk plain copy
   * with one VarHandle fence on the side that matters: the fence-based form of C++'s release/acquire
   * ([atomics.fences]: a release fence before relaxed stores, an acquire fence after relaxed loads):
   *
   *  - ACQUIRE load: all word reads, then VarHandle.acquireFence(). The fence keeps every read before it
   *    from being reordered with any read or write after it, so no later access moves before the load.
   *  - RELEASE store: VarHandle.releaseFence(), then all word writes. The fence keeps every read and
   *    write before it from being reordered with any write after it, so no earlier access moves after
   *    the store.
   *  - Pairing: if an ACQUIRE load reads any word (so any byte) that a RELEASE store wrote, the store's
   *    release fence synchronizes with the load's acquire fence: everything that happened before the
   *    store happens before everything after the load. This is the P1478 rule the seqlock relies on.
   *  - RELAXED load: all word reads, then VarHandle.loadLoadFence(). It orders this copy's reads before
   *    the reads of any later load, so two loads by one thread never see a word go back to an older
   *    value (read-read coherence), and the JIT cannot hoist the reads out of a polling loop (progress,
   *    the property Opaque adds to Plain). RELAXED store: VarHandle.storeStoreFence(), then all word
   *    writes: successive stores of one thread stay in program order (write-write coherence) and an
   *    earlier store is never merged into a later one. This is stronger than C++ relaxed, as the RFC
   *    allows; on x86 these two fences only constrain the compiler, on AArch64 they are dmb ishld and
   *    dmb ishst, no dearer than the acquire or release fence of the other orders.
   *
   * The fences order plain accesses too: their specification (VarHandle javadoc) speaks of all loads
   * and stores, and HotSpot implements them as memory barriers across all memory slices, so neither C2
   * nor the CPU moves a word access of the copy across them. java.util.concurrent.locks.StampedLock's
   * optimistic read relies on the same property (plain field reads, then acquireFence in validate;
   * plain field writes after a storeStoreFence), and Boehm's "Can seqlocks get along with programming
   * language memory models?" gives the fence-based seqlock reader that SeqLock builds on.
   *
   * A store never writes words outside its own range: AtomicPerByteArray rounds each element up to
   * whole words, so a store to one element never rewrites (and so never loses) a neighbour's bytes.
   */

  /** The number of words in this run. */
  final int wordCount;

  private SharedWords(int wordCount) {
    this.wordCount = wordCount;
  }

  /** A run of {@code wordCount} zero words on the heap. */
  static SharedWords onHeap(int wordCount) {
    return new Heap(new long[wordCount]);
  }

  /**
   * A run of {@code wordCount} words at byte {@code offset} of {@code buffer}, after the checks the
   * public API promises: null, read-only, range, alignment, in that order.
   */
  static SharedWords inBuffer(ByteBuffer buffer, int offset, int wordCount) {
    Objects.requireNonNull(buffer, "buffer");
    if (buffer.isReadOnly()) {
      throw new IllegalArgumentException("buffer is read-only; shared storage must be writable");
    }
    long byteLength = (long) wordCount * Long.BYTES;
    if (byteLength > Integer.MAX_VALUE) {
      throw new IndexOutOfBoundsException("storage of " + byteLength + " bytes exceeds a ByteBuffer");
    }
    Objects.checkFromIndexSize(offset, (int) byteLength, buffer.limit());
    checkAligned(buffer, offset);
    ByteBuffer region = buffer.slice(offset, (int) byteLength).order(ByteOrder.LITTLE_ENDIAN);
    return new Buffer(region.asLongBuffer(), offset);
  }

  /** Throws unless byte {@code offset} of {@code buffer} starts an 8-byte-aligned word. */
  static void checkAligned(ByteBuffer buffer, int offset) {
    if ((offset & 7) != 0) {
      throw new IllegalArgumentException("offset " + offset + " is not a multiple of 8");
    }
    if (buffer.alignmentOffset(offset, Long.BYTES) != 0) {
      throw new IllegalArgumentException(
          "the buffer's memory at offset " + offset + " is not 8-byte aligned");
    }
  }

  /** Copies words out with {@code order}, already checked to be RELAXED or ACQUIRE. */
  final void load(int fromWord, long[] destination, int destinationWord, int count, MemoryOrder order) {
    copyOutUnordered(fromWord, destination, destinationWord, count);
    fenceAfterLoad(order);
  }

  /** Copies words in with {@code order}, already checked to be RELAXED or RELEASE. */
  final void store(long[] source, int sourceWord, int toWord, int count, MemoryOrder order) {
    fenceBeforeStore(order);
    copyInUnordered(source, sourceWord, toWord, count);
  }

  /** The fence that ends a load of {@code order}: see the notes above. */
  static void fenceAfterLoad(MemoryOrder order) {
    if (order == MemoryOrder.ACQUIRE) {
      VarHandle.acquireFence(); // ACQUIRE: no later access moves before the copy's reads
    } else {
      VarHandle.loadLoadFence(); // RELAXED: coherence and progress for the next load's reads
    }
  }

  /** The fence that starts a store of {@code order}: see the notes above. */
  static void fenceBeforeStore(MemoryOrder order) {
    if (order == MemoryOrder.RELEASE) {
      VarHandle.releaseFence(); // RELEASE: no earlier access moves after the copy's writes
    } else {
      VarHandle.storeStoreFence(); // RELAXED: stores of one thread stay in order, none merged
    }
  }

  /** The word copies themselves, plain and unordered; callers place the fences. */
  abstract void copyOutUnordered(int fromWord, long[] destination, int destinationWord, int count);

  /** The word copies themselves, plain and unordered; callers place the fences. */
  abstract void copyInUnordered(long[] source, int sourceWord, int toWord, int count);

  /** Where the words are, for {@code toString}. */
  abstract String location();

  /** Words in a {@code long[]} owned by this object. */
  private static final class Heap extends SharedWords {
    /** Shared, accessed concurrently; plain element accesses ordered by the fences above. */
    private final long[] words;

    Heap(long[] words) {
      super(words.length);
      this.words = words;
    }

    @Override
    void copyOutUnordered(int fromWord, long[] destination, int destinationWord, int count) {
      System.arraycopy(words, fromWord, destination, destinationWord, count); // plain, word-atomic
    }

    @Override
    void copyInUnordered(long[] source, int sourceWord, int toWord, int count) {
      System.arraycopy(source, sourceWord, words, toWord, count); // plain, word-atomic
    }

    @Override
    String location() {
      return "heap";
    }
  }

  /** Words in a (direct, mapped or heap) {@link ByteBuffer}, seen through a little-endian view. */
  private static final class Buffer extends SharedWords {
    /** Absolute get/put only: the view's position is never used, so sharing it is safe. */
    private final LongBuffer view;

    private final int offset;

    Buffer(LongBuffer view, int offset) {
      super(view.capacity());
      this.view = view;
      this.offset = offset;
    }

    @Override
    void copyOutUnordered(int fromWord, long[] destination, int destinationWord, int count) {
      view.get(fromWord, destination, destinationWord, count); // plain, aligned 8-byte units
    }

    @Override
    void copyInUnordered(long[] source, int sourceWord, int toWord, int count) {
      view.put(toWord, source, sourceWord, count); // plain, aligned 8-byte units
    }

    @Override
    String location() {
      return "buffer at offset " + offset;
    }
  }
}
