package dev.seqlock.atomic;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
   * ByteImage); padding bytes of the last word carry no value. A load copies the shared words into a
   * thread-confined long[]; a store copies a thread-confined long[] into the shared words. Within one
   * copy no order among the words is promised, and the JIT's copy stub may touch a word more than once
   * (AArch64's stub copies short runs as overlapping head and tail blocks).
   *
   * Atomicity (why a racy copy returns only bytes that some store wrote). Heap storage: every word is
   * an element of a long[] copied with System.arraycopy. A racy plain read of a variable returns the
   * value of some write to it (JLS 17.4.5 and 17.4.7, happens-before consistency), and the JLS rules
   * out out-of-thin-air values (17.4.8, which real compilers are believed to respect in practice).
   * JLS 17.7 lets a JVM split a non-volatile long into 32-bit halves; even then every byte comes whole
   * from one store, which is the per-byte contract of RFC 3301 and P1478. 64-bit HotSpot does not
   * split plain long accesses, and its arraycopy stubs move long[] elements whole (wider vector moves
   * cover several aligned words; Intel documents atomicity up to 8 bytes and for aligned 16-byte moves
   * on AVX CPUs, and HotSpot relies on per-element atomicity of these stubs in practice). So the
   * granularity this module documents is the aligned 8-byte word, an implementation property of
   * 64-bit HotSpot, checked on the machine CI runs on by the jcstress suite (AtomicPerByteTearing),
   * whose negative control shows that the same mode catches a copy that splits words.
   * Buffer storage (direct or mapped memory) is outside the Java memory model altogether: a
   * little-endian LongBuffer view's bulk get/put becomes Unsafe.copyMemory, which HotSpot performs with
   * its unsafe_arraycopy stub or Copy::conjoint_memory_atomic, both of which copy aligned 8-byte units
   * whole when source, destination and length are 8-byte aligned (wrap() checks the alignment; the
   * private side is a long[]); a run of up to SHORT_VIEW_COPY_WORDS words is copied instead with the
   * view's single get/put, one aligned 8-byte Unsafe access per word (wordAt's argument). On a
   * big-endian CPU the view swaps bytes in a plain C++ loop
   * (Copy::conjoint_swap) that reads and writes each aligned word with one access in practice, but no
   * test of this project runs there.
   *
   * Ordering (why one fence per copy is enough). Opaque, Acquire or Release access per word would
   * order every word on its own: C2 then emits one access per word and never vectorises, several
   * times slower than System.arraycopy for large values (CopyBenchmark's getOpaque loop). Instead each
   * copy is a bulk
   * plain copy with one VarHandle fence on the side that matters, the fence-based form of C++'s
   * release/acquire ([atomics.fences]: a release fence before relaxed stores, an acquire fence after
   * relaxed loads), which is also how the RFC describes a per-byte copy with an ordering:
   *
   *  - ACQUIRE load: all word reads, then VarHandle.acquireFence(): reads before the fence are not
   *    reordered with reads and writes after it, so no later access moves before the load.
   *  - RELEASE store: VarHandle.releaseFence(), then all word writes: reads and writes before the fence
   *    are not reordered with writes after it, so no earlier access moves after the store.
   *  - Pairing: if an ACQUIRE load reads any word (so any byte) that a RELEASE store wrote, the store's
   *    release fence pairs with the load's acquire fence as C++ fences do, and everything that happened
   *    before the store is visible to everything after the load. This is the rule SeqLock relies on.
   *  - RELAXED load: all word reads, then VarHandle.loadLoadFence(): this copy's reads are not
   *    reordered with the reads of any later load, so one thread's successive loads never see a word go
   *    back to an older value (read-read coherence, given a single writer or serialised writers; see
   *    below), and the JIT cannot hoist the reads out of a polling loop (progress, what Opaque adds to
   *    Plain). RELAXED store: VarHandle.storeStoreFence(), then all word writes: one thread's
   *    successive stores stay in program order and an earlier store is never merged into a later one
   *    (write-write coherence). A store and a later load of the same word by one thread (or the
   *    reverse) stay ordered by same-address dependences in C2 and in the CPU. On x86 these two fences
   *    only constrain the compiler; on AArch64 they are dmb ishld and dmb ishst from JDK 18 on, and a
   *    full acquire or release fence on JDK 17, never dearer than the fence of the other orders.
   *
   * What that rests on. The Java memory model (JLS 17.4) has no fences, and the C++ fence rules are
   * stated for atomic accesses, which Java's plain accesses are not. The argument above therefore
   * rests on the VarHandle fence specification read as C++ fences (its javadoc says they are
   * compatible with C/C++ fences) and on HotSpot compiling every fence to a barrier across all memory,
   * for C2 as for the CPU, so that no word access of a copy moves across it. That is the same informal
   * basis as java.util.concurrent.locks.StampedLock's optimistic read (plain field reads, then
   * acquireFence in validate; plain writes after a storeStoreFence), whose notes call a rigorous proof
   * an open problem; Boehm's "Can seqlocks get along with programming language memory models?" gives
   * the fence-based seqlock reader that SeqLock builds on. Eventual visibility of plain stores is a
   * HotSpot property too (stores are emitted and not sunk past the next fence or safepoint), not a
   * JLS guarantee.
   *
   * Concurrent writers. Because a stub may write a word twice, two stores racing on the same word can
   * leave the first store's bytes after the second's, and a reader may see a word go A, B, A. Per-byte
   * atomicity still holds (every byte comes from a store), but coherence across concurrent writers of
   * the same bytes is not promised. SeqLock serialises its writers; users of AtomicPerByte with several
   * writers should too if they need more than per-byte atomicity.
   *
   * Unordered part loads (loadBitsUnordered, behind AtomicPerByteArray.loadLongUnordered,
   * loadIntUnordered, loadShortUnordered and loadByteUnordered). Reading some bytes of a value is a
   * plain read of the one or two words that hold them, with no fence: Java's plain access (what
   * LLVM calls "unordered": each word whole, as above, so every byte comes from one store; no
   * ordering; no coherence between two reads of one word). A part spanning two words may combine
   * bytes of two stores. They are for a reader that brackets them itself, as a sequence lock's
   * optimistic field reads do (the notes of SeqLockEngine, module dev.seqlock): after its Acquire
   * sequence read, before the acquire fence of its validating read, one fence for all the fields.
   * (A fence after each part would make the JIT reload the chain of loads that leads to the words
   * for every field.)
   *
   * Unordered part stores (storeBitsUnordered, behind AtomicPerByteArray.storeLongUnordered,
   * storeIntUnordered, storeShortUnordered and storeByteUnordered) are the writer's side of the
   * same arrangement: plain writes of whole words, no fence, for a writer that owns the element and
   * brackets the part stores itself (SeqLock's field writes of parts that are not one word: an odd
   * sequence store and a release fence before them, a Release store of the even sequence after
   * them). A part that is not one aligned word is a plain read-modify-write of the words it
   * touches; the writer owns them, so it reads back its own last writes (or a predecessor's,
   * ordered before it by the caller's hand-over), and every word a reader sees is still one whole
   * store.
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

  /** The words of {@code words}, a heap array the caller keeps (AtomicPerByteArray.wrap). */
  static SharedWords onHeap(long[] words) {
    return new Heap(words);
  }

  /**
   * A run of {@code wordCount} words at byte {@code offset} of {@code buffer}, after the checks the
   * public API promises: null, not direct, range, alignment, in that order. A read-only buffer is
   * accepted: loads work and every store throws ReadOnlyBufferException before writing anything (the
   * view's bulk and single puts check first), which is how a process maps a file it may only read.
   */
  static SharedWords inBuffer(ByteBuffer buffer, int offset, int wordCount) {
    Objects.requireNonNull(buffer, "buffer");
    if (!buffer.isDirect()) {
      throw new IllegalArgumentException(
          "buffer is not direct; shared storage must be a direct or memory-mapped buffer");
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
  private static void checkAligned(ByteBuffer buffer, int offset) {
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

  /**
   * The heap array that holds the words, for AtomicPerByteArray's direct part accesses (plain, as
   * {@link #wordAt} and {@link #setWordAt}); null for buffer storage.
   */
  abstract long @Nullable [] heapWords();

  /** One plain (racy) read of word {@code word}. */
  abstract long wordAt(int word);

  /**
   * Reads {@code size} (1 to 8) bytes at byte {@code offset} of the value that starts at word
   * {@code fromWord}, little-endian into the low bits (the higher bits are garbage the caller
   * truncates), with one or two plain word reads ordered by nothing. The caller has checked that the
   * bytes lie within the value; they span one word, or two when they cross a word boundary.
   */
  final long loadBitsUnordered(int fromWord, int offset, int size) {
    int word = fromWord + (offset >>> 3);
    if ((offset & 7) == 0) {
      return wordAt(word); // aligned: one word, no shifting (the common case for records)
    }
    int shift = (offset & 7) << 3;
    long bits = wordAt(word) >>> shift;
    if (shift + (size << 3) > Long.SIZE) { // crosses into the next word (never when shift == 0)
      bits |= wordAt(word + 1) << (Long.SIZE - shift);
    }
    return bits;
  }

  /** One plain write of word {@code word}, ordered by nothing: the caller places the fences. */
  abstract void setWordAt(int word, long bits);

  /**
   * Writes the low {@code size} (1 to 8) bytes of {@code bits} at byte {@code offset} of the value that
   * starts at word {@code fromWord}, little-endian, with plain word accesses ordered by nothing. An
   * aligned 8-byte part is one word write; any other part is a read-modify-write of the one or two
   * words it touches, which keeps their other bytes, so it must not race with another store to those
   * words (the caller owns the element). The caller has checked that the bytes lie within the value.
   */
  final void storeBitsUnordered(int fromWord, int offset, int size, long bits) {
    int word = fromWord + (offset >>> 3);
    int shift = (offset & 7) << 3;
    if (shift == 0 && size == Long.BYTES) {
      setWordAt(word, bits); // aligned long: one whole word (the common case for records)
      return;
    }
    long mask = size == Long.BYTES ? -1L : (1L << (size << 3)) - 1; // the part's bits, unshifted
    long part = bits & mask;
    setWordAt(word, (wordAt(word) & ~(mask << shift)) | (part << shift));
    if (shift + (size << 3) > Long.SIZE) { // crosses into the next word: its low bits get the rest
      int written = Long.SIZE - shift; // bits of the part already in the first word
      setWordAt(word + 1, (wordAt(word + 1) & ~(mask >>> written)) | (part >>> written));
    }
  }

  /** Runs up to this many words are copied by {@link #copyShort}, longer ones by the arraycopy stub. */
  static final int SHORT_COPY_WORDS = 8;

  /**
   * Copies {@code count <= SHORT_COPY_WORDS} words with straight-line plain element accesses, each one
   * whole word (JLS 17.7 on 64-bit HotSpot, as for the stub). A stub call costs more than the copy
   * itself for a short run whose length C2 cannot see; a loop pays pre- and post-loop overhead. The
   * two runs must not overlap within one array (callers always copy to or from a private image).
   */
  @SuppressWarnings("fallthrough") // deliberate: a case copies its word, then those below it
  static void copyShort(long[] from, int fromIndex, long[] to, int toIndex, int count) {
    Objects.checkFromIndexSize(fromIndex, count, from.length);
    Objects.checkFromIndexSize(toIndex, count, to.length);
    assert count <= SHORT_COPY_WORDS : count;
    switch (count) { // each case falls through to copy the words below it
      case 8: to[toIndex + 7] = from[fromIndex + 7];
      case 7: to[toIndex + 6] = from[fromIndex + 6];
      case 6: to[toIndex + 5] = from[fromIndex + 5];
      case 5: to[toIndex + 4] = from[fromIndex + 4];
      case 4: to[toIndex + 3] = from[fromIndex + 3];
      case 3: to[toIndex + 2] = from[fromIndex + 2];
      case 2: to[toIndex + 1] = from[fromIndex + 1];
      case 1: to[toIndex] = from[fromIndex];
      default: // 0 words
    }
  }

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
      copy(words, fromWord, destination, destinationWord, count);
    }

    @Override
    void copyInUnordered(long[] source, int sourceWord, int toWord, int count) {
      copy(source, sourceWord, words, toWord, count);
    }

    /** A plain, word-atomic copy between two heap arrays: straight-line if short, else the stub. */
    private static void copy(long[] from, int fromIndex, long[] to, int toIndex, int count) {
      if (count <= SHORT_COPY_WORDS) {
        copyShort(from, fromIndex, to, toIndex, count);
      } else {
        System.arraycopy(from, fromIndex, to, toIndex, count); // plain, word-atomic
      }
    }

    @Override
    String location() {
      return "heap";
    }

    @Override
    long[] heapWords() {
      return words;
    }

    @Override
    long wordAt(int word) {
      return words[word]; // plain: the caller orders it (SeqLockEngine's notes, module dev.seqlock)
    }

    @Override
    void setWordAt(int word, long bits) {
      words[word] = bits; // plain: the caller orders it (SeqLockEngine's notes, module dev.seqlock)
    }
  }

  /**
   * Runs up to this many words are copied to or from a buffer word by word through its view, longer
   * ones by the view's bulk get/put: a bulk call's fixed cost (its checks and a copy stub) outweighs
   * a short run's single accesses, each of which has checks of its own (ComparisonBenchmark at 16,
   * 32 and 48 bytes put the crossover near here).
   */
  static final int SHORT_VIEW_COPY_WORDS = 4;

  /** Words in a direct or mapped {@link ByteBuffer}, seen through a little-endian view. */
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
    @SuppressWarnings("fallthrough") // deliberate: a case copies its word, then those below it
    void copyOutUnordered(int fromWord, long[] destination, int destinationWord, int count) {
      if (count > SHORT_VIEW_COPY_WORDS) {
        view.get(fromWord, destination, destinationWord, count); // Unsafe.copyMemory, aligned words
        return;
      }
      Objects.checkFromIndexSize(fromWord, count, view.capacity()); // as copyShort: all or nothing
      Objects.checkFromIndexSize(destinationWord, count, destination.length);
      LongBuffer v = view;
      switch (count) {
        case 4: destination[destinationWord + 3] = v.get(fromWord + 3);
        case 3: destination[destinationWord + 2] = v.get(fromWord + 2);
        case 2: destination[destinationWord + 1] = v.get(fromWord + 1);
        case 1: destination[destinationWord] = v.get(fromWord);
        default:
      }
    }

    @Override
    @SuppressWarnings("fallthrough") // deliberate: a case copies its word, then those below it
    void copyInUnordered(long[] source, int sourceWord, int toWord, int count) {
      if (count > SHORT_VIEW_COPY_WORDS) {
        view.put(toWord, source, sourceWord, count); // Unsafe.copyMemory, aligned words
        return;
      }
      Objects.checkFromIndexSize(sourceWord, count, source.length); // as copyShort: all or nothing
      Objects.checkFromIndexSize(toWord, count, view.capacity());
      LongBuffer v = view;
      switch (count) {
        case 4: v.put(toWord + 3, source[sourceWord + 3]);
        case 3: v.put(toWord + 2, source[sourceWord + 2]);
        case 2: v.put(toWord + 1, source[sourceWord + 1]);
        case 1: v.put(toWord, source[sourceWord]);
        default:
      }
    }

    @Override
    long wordAt(int word) {
      // one aligned 8-byte access (Unsafe.getLongUnaligned at an aligned address, the view's order)
      return view.get(word);
    }

    @Override
    void setWordAt(int word, long bits) {
      view.put(word, bits); // one aligned 8-byte access, as wordAt
    }

    @Override
    String location() {
      return "buffer at offset " + offset;
    }

    @Override
    long @Nullable [] heapWords() {
      return null;
    }
  }
}
