package dev.seqlock;

import dev.seqlock.atomic.AtomicPerByteArray;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.atomic.MemoryOrder;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The sequence-lock protocol over a run of independent slots, with one copy of each value or two
 * (latched): readers, writers, field reads and writes, the acceptance rule and the memory-model
 * argument, all here. {@link SeqLock} (one slot) and {@link SeqLockArray} extend it and add argument
 * checks and javadoc only. How the writer role of a slot is held is composed in ({@link WriterRole});
 * where the words are, on the heap or in a buffer, is {@link SlotWords}. Every method here takes a
 * valid slot index and holders of the codec's size; readIfNewerAt checks its lastSeenVersion itself,
 * after the empty poll's compare.
 *
 * @param <T> the type of the values
 */
abstract sealed class SeqLockEngine<T> permits SeqLock, SeqLockArray, MappedSeqLockArray {
  /*
   * Algorithmic notes
   *
   * Protocol (Boehm, "Can seqlocks get along with programming language memory models?", 2012, in its
   * fence-based form), per slot; slots share no word (SlotWords' layout), so each slot is an
   * independent sequence lock. The sequence is even when no write is in progress and grows by 2 per
   * write. With one copy, version v is held by the only copy; with two (latched, after the Linux
   * kernel's seqcount_latch), version v = 2n is held by copy (n & 1), copy(v) = (v & 2) == 0 ? 0 : 1
   * (COPY_BIT), and each write writes the copy readers of the current version do not read.
   *
   *   writer (holds the slot's writer role):  reader (attempt):
   *     s = sequence (plain, own value)          s1 = sequence (Acquire); v = s1 & ~1
   *     sequence = s + 1 (Release)               one copy and s1 odd: fail (v's copy is being written)
   *     copy(s + 2).storeFrom(src, RELEASE)      copy(v).loadInto(dst, ACQUIRE)
   *       = releaseFence; plain word copy          = plain word copy; acquireFence
   *     sequence = s + 2 (Release)               s2 = sequence (Opaque)
   *                                              keep dst, version v, iff accepts(v, s2):
   *                                                s2 - v <= slack (0 for one copy, 2 for two)
   *
   * With one copy the rule is s2 == s1 (even): no write began during the read. With two, a reader
   * reads the newest complete version whatever the sequence's parity (at 2n + 1 write n + 1 is
   * writing the other copy), and the read fails only if write n + 2, the next one to write its copy,
   * began before the validating read: one write may begin and end under a read. (seqcount_latch writes
   * both copies on every write, since its copies are modified in place, and so rejects any movement;
   * a whole-value write can write one copy, since the value it stores is complete.)
   *
   * Why a kept snapshot is never torn. Copy(v) is written by the writes that produce v + 2 * copies,
   * v + 4 * copies, ... (one copy: every later write); the first of them, W, stores into it only after
   * its store of v + 2 * copies - 1 and the release fence that follows.
   *  - No word comes from W or a later write: such a word was stored after that fence, and the reader
   *    read it before its copy's acquire fence, which precedes its read of s2; the fences pair
   *    (SharedWords' notes in dev.seqlock.atomic), so the odd store happens before the read of s2 and,
   *    by coherence (the sequence only grows), s2 >= v + 2 * copies - 1 = v + slack + 1: rejected.
   *  - No word is older than version v: s1 (v, or v + 1) was read with Acquire from a Release store
   *    that follows every store of the write that produced v (program order within a writer, the
   *    role's hand-over between writers), so those stores happen before the reader's reads, which
   *    cannot return a value they overwrote (happens-before consistency). This needs that write to
   *    store every word of its copy: publish stores the whole value, and a latched field write copies
   *    every word it does not put from the other copy (below).
   * So every word is the one the write that produced v stored (for v = 0, the constructor's: every
   * copy starts with the initial value): the snapshot is exactly version v. The odd store is a Release
   * store because with two copies a reader that reads s1 = v + 1 keeps copy(v), so that Acquire read
   * must synchronise with a store that follows the words of v; with one copy Opaque would do, and
   * Release costs the same there (the release fence right after it orders it anyway). The Opaque read
   * of s2 is needed (a plain read is not coherent with s1 and could be satisfied by an earlier read);
   * Acquire is not, because the copy's acquire fence already orders the data reads before it. s2 >= s1
   * >= v by coherence, so s2 - v is never negative. With one copy a reader does not copy while the
   * sequence is odd: the copy would be rejected anyway.
   *
   * Optimistic field reads (tryOptimisticRead, the part reads, validate) are the same reader with the
   * copy cut into parts the caller chooses: the stamp is v (one copy: -1 if s1 is odd, which never
   * validates, being odd); each part is a plain read of one or two
   * words of copy(stamp), after the stamp's Acquire read and before validate's acquire fence, exactly
   * where the copy's reads are; validate is the acquire fence, s2 (Opaque) and accepts(stamp, s2), for
   * even stamps only (an odd stamp is a field write's, passed by mistake: accepts could pass it while
   * the write to the copy it picks is in progress). The argument holds word by word for the words
   * read. The parts need no fence of their own (the Acquire read keeps them after the stamp, validate's
   * fence before the validating read; a fence per field would also be correct, but makes the JIT reload
   * the path to the words for every field). A stamp is only meaningful for the slot it was taken from
   * and in the thread that took it: validating slot j with a stamp of slot i skips slot j's Acquire
   * read (stamps of different slots often coincide, so this misuse cannot be detected; the javadoc
   * forbids it). Until validate returns true the values may be torn and must not be acted upon.
   *
   * Field writes (beginFieldWrite, the part stores, endFieldWrite) are the same writer with publish
   * cut into parts: take the role; s = sequence (even); sequence = s + 1 (Release); releaseFence; the
   * part stores, plain, into copy(s + 2); latched: copy every word of the value that no part stored
   * from copy(s) into copy(s + 2), so that the copy the write publishes holds version s's value where
   * nothing was put (it reads copy(s), which only writers write, so it reads version s exactly);
   * sequence = s + 2 (Release); give the role up. The parts' and the copy's stores all lie between the
   * fence after s + 1 and the store of s + 2, where the argument needs a write's stores to be. Which
   * words were put is a bit per word in writer-owned words (WriterRole's putBits), so a write that puts
   * every field copies nothing: the copy's cost falls on the words not put, not on every write. A
   * value of more than WriterRole.MAX_PUT_WORDS words is copied whole when the write begins instead,
   * with the same effect. A part that is not one aligned word is a plain read-modify-write of words
   * only the role's holder writes; it reads the word from copy(s) if no part has put it yet (copy(s +
   * 2) still holds version s - 2 there) and from copy(s + 2) otherwise, so it reads version s or its
   * own last store (a previous holder's stores are ordered before it by the role's hand-over).
   * Every part store and endFieldWrite first check the stamp against the slot's field-write stamp,
   * which the writer sets to s + 1 in beginFieldWrite and back to 0 in endFieldWrite (WriterRole's, a
   * writer-owned word that is not the sequence: see its notes): a part store outside a write in
   * progress would change words under an even sequence, which readers could not detect, so it fails
   * instead and stores nothing. The check is exact only in the thread that holds the role, so the part
   * stores belong to the thread that called beginWrite. The caller must end every write it begins
   * (try/finally): a write never ended leaves the sequence odd and the role taken, the one failure
   * this API hands to the caller, as StampedLock's writeLock does.
   *
   * Writes. take the role; encode into a staging holder; publish; give the role up. Encoding comes
   * before the odd store, so a throwing codec or update function leaves the slot untouched and the
   * finally block gives the role up. With one slot the role serialises every write, so one holder
   * serves them all; with more, writers of different slots run concurrently, so each writer thread has
   * its own (a ThreadLocal: per writer, not per slot, so a slot costs no object). A thread uses its
   * holder only between encoding and publishing, which call no user code but the codec's encode (an
   * update function runs before its result is encoded), so a write nested in an update function does
   * not disturb the outer one; a codec that writes to the lock it encodes for is not supported. A
   * write that finds the sequence odd after taking the role throws
   * before storing anything (sequenceForWrite): only a broken single-writer promise gets there,
   * typically a write nested in the thread's own field write, which would otherwise make the sequence
   * even mid-write.
   *
   * Abandoned writes (completeAbandonedWrite, two copies only: a file's writer process killed
   * mid-write). A writer that dies between its odd store s + 1 and its even store leaves copy(s)
   * intact, since no write stores into the copy that holds the last complete version, so readers
   * keep reading version s. The next writer (the file lock is the role; the OS releases it only
   * after the process is gone, so none of the dead writer's stores is still to come) finishes the
   * write as the latched field write would with no part stored: it copies copy(s) over whatever the
   * dead writer left in copy(s + 2), and stores s + 2. The argument above holds with the dead
   * writer's odd store standing for this thread's: this thread read s + 1 and then issued a release
   * fence before its copy's stores, so a reader that reads one of them and then, after its acquire
   * fence, the sequence, reads s + 1 or later (the fences pair, and the read of s + 1 happens before
   * the reader's read: coherence), and rejects its read of copy(s + 2) as the argument requires.
   *
   * Progress, by the role's WriterPause. With FOR_STARVING_READERS (create, singleWriter by default)
   * a reader that fails OPTIMISTIC_ATTEMPTS times in a row announces itself as starving (WriterRole)
   * and then, with a locked role (create), takes the writer lock (as Linux's
   * read_seqbegin_or_lock): with it held no write of this engine is in progress and none can start,
   * so its one attempt succeeds (validated all the same: words in a buffer could have other writers),
   * and the sequence is not touched, so other readers are unaffected.
   * Otherwise it keeps trying. Writers check the announcement before taking the role and pause, for at
   * most WriterRole.WRITER_PAUSE_NANOS, while a reader is starving, so a back-to-back writer cannot
   * starve readers and a starving reader cannot stop the writer for long. With NEVER (latched,
   * latchedSingleWriter, and singleWriter on request) a reader keeps trying without telling anyone,
   * so readers write nothing shared and writers never wait for them. A latched read needs no help:
   * it fails only if two writes begin during it, so it completes beside a back-to-back writer as
   * soon as one write takes longer than the read (a faster writer, without the lock, leaves fewer
   * such writes: latchedSingleWriter's javadoc). A single-copy reader with NEVER completes only
   * when a read fits between two writes, which the writer's gaps must give (WriterPause's javadoc).
   *
   * Change scan (SeqLockArray.changedSlots). Besides its sequence, each slot's last complete version
   * is kept in one packed array, `published` (padded by PUBLISHED_PAD words at each end, so no other
   * object shares its lines), which a scan reads eight slots per cache line instead of one line per
   * slot. Every write stores its version s + 2 there right after its even store, with Release, so
   * the even store comes first; writers of a slot are serialised, so the stored versions of a slot
   * only grow. A scan compares published with the caller's versions by Arrays.mismatch (plain reads,
   * vectorised by the JIT), one call per difference found, then issues an acquire fence: a scan that
   * read version v of slot i from a write's Release store is ordered after that store (the fence
   * pairs with it, as for the copies' words), so the caller's later Acquire read of slot i's sequence
   * reads v or later (coherence), and a read it then makes returns version v or newer: a slot
   * reported changed never reads as unchanged. A write that completed but has not yet stored its
   * version is reported by a later scan; between its two stores a read of the slot may already
   * return it. The plain reads are word-atomic (aligned longs on 64-bit HotSpot, one per vector lane
   * when vectorised, as SharedWords' notes assume of bulk copies); a stale value only delays a report
   * to the next scan, since published values are never compared for anything but equality.
   * In a file (SharedSeqLockArray) the versions are a region of the file, bufferVersions, stored as
   * SlotWords stores buffer words with Release (release fence, then the store); a scan copies
   * SCAN_CHUNK of them at a time into a thread's own array by one bulk copy (Unsafe.copyMemory,
   * word-atomic for aligned words, as for the copies) and compares that, then issues the same acquire
   * fence: the argument is unchanged, resting like every buffer argument on HotSpot's instructions.
   * A writer that dies between its even store and its version's store leaves the version behind;
   * the next writer stores every slot's version again when it takes over (republishVersion), after
   * completing the abandoned writes: it read each sequence before its release fence, so a scan that
   * reads the version it stores reads that sequence or a later one afterwards, as if this thread had
   * stored it (the argument of abandoned writes above). Until then a scan misses only that last
   * write, which readIfNewer, reading the sequence, does not.
   *
   * Versions. A snapshot's version is s1 rounded down to even; successive Acquire loads of one sequence
   * by one thread are coherent and the sequence only grows, so a reader's versions never decrease.
   *
   * Publication. The initial values are stored into the words before the engine stores them in its
   * final fields: every path to the words goes through a final field frozen after those stores (JLS
   * 17.5), however the lock is published. For words in a buffer, which the Java memory model does not
   * cover, the same rests on HotSpot's barrier at the end of a constructor that writes a final field
   * (a store-store fence), which orders the buffer's earlier stores too: like every argument about
   * buffer storage, an implementation property (SharedWords' notes, in dev.seqlock.atomic).
   *
   * Why the hot state is in this class. SeqLock and SeqLockArray are this class, so a field read goes
   * from the object the caller holds to the words in one dependent load (heap: the words' heap array;
   * buffer: its long view, accessed plainly or, for the sequence's modes, through SlotWords' static
   * helpers; and values0,
   * values1, the copies' AtomicPerByteArray views, all also held by SlotWords).
   * The stamp's Acquire read and validate's fence make the JIT
   * reload every field after them, so that chain is paid on every read; measured with
   * ComparisonBenchmark noWriter, field reads, each extra hop is visible. For the same reason the
   * protocol's two forms differ by data (copyBit, slack, oddFails), not by overrides.
   */

  /** Words of padding at each end of {@link #published}: 128 bytes. */
  static final int PUBLISHED_PAD = 16;

  /** Versions a scan of a file copies at a time into its thread's array: 512 bytes. */
  static final int SCAN_CHUNK = 64;

  /** Optimistic attempts before a reader announces that it is starving. */
  static final int OPTIMISTIC_ATTEMPTS = 4;

  /** The version bit that picks the copy with two copies: version 2n is in copy (n & 1). */
  private static final long COPY_BIT = 2;

  /** How far the sequence may move past a latched read's version before its copy is rewritten. */
  static final long LATCHED_SLACK = 2;

  final ByteCodec<T> codec;
  final int length;

  /** {@code codec.byteSize()}, for the public classes' holder checks without an interface call. */
  final int byteSize;

  final Backoff backoff;
  final WriterRole role;

  /**
   * Each slot's last complete version at {@code PUBLISHED_PAD + slot}, for the change scan (the
   * notes); null if this engine offers none on the heap (SeqLock, a file).
   */
  private final long @Nullable [] published;

  /**
   * Published versions in a buffer (a file's region), slot {@code i}'s at index {@code i}, for the
   * change scan of slots in a buffer (the notes); null if they are on the heap or there are none.
   */
  private final @Nullable LongBuffer bufferVersions;

  /** With {@link #bufferVersions}, each scanning thread's copy of SCAN_CHUNK versions; else null. */
  private final @Nullable ThreadLocal<long[]> scanChunks;

  /** The slots' data: their sequences and the copies of their values. */
  final SlotWords<T> words;

  /** {@link #words}' heap array, or null in a buffer (see the notes). */
  private final long @Nullable [] heap;

  /** {@link #words}' long view of its buffer, or null on the heap (see the notes). */
  private final @Nullable LongBuffer longs;

  /** Copy 0's and copy 1's values (the same with one copy), for the copying reads and writes. */
  private final AtomicPerByteArray<T> values0;
  private final AtomicPerByteArray<T> values1;

  /** Words from copy 0 of a value to copy 1 (0 with one copy). */
  private final int copy1Offset;

  /** COPY_BIT with two copies, 0 with one: {@code (v & copyBit) == 0} means copy 0. */
  private final long copyBit;

  /**
   * Latched with at most WriterRole.MAX_PUT_WORDS value words: a field write copies the words it did
   * not put when it ends, instead of the whole value when it begins (the notes).
   */
  private final boolean copyUnputAtEnd;

  /** With {@link #copyUnputAtEnd}, a bit per value word (bit w: word w); else 0. */
  private final long allWordsPut;

  /** How far the sequence may move past a read's version: 0 with one copy, LATCHED_SLACK with two. */
  private final long slack;

  /** 1 with one copy (an odd sequence means the only copy is being written), 0 with two. */
  private final long oddFails;

  /** Words from one slot's value to the next one's. */
  private final int strideWords;

  /** The offsets of 8-, 4-, 2- and 1-byte parts are below these (SlotWords.partLimit). */
  private final int longPartLimit;
  private final int intPartLimit;
  private final int shortPartLimit;
  private final int bytePartLimit;

  /**
   * Where write and update encode a value before publishing it: with one slot, a holder its writers
   * share (the role serialises them); with more, one per writer thread, since writers of different
   * slots run concurrently (the notes).
   */
  private final @Nullable MaybeTorn<T> slotStaging;
  private final ThreadLocal<MaybeTorn<T>> threadStaging;

  /**
   * An engine over {@code words}, laid out for {@code length} slots of {@code codec}'s values, every
   * copy holding the initial value, not yet shared; writers serialised by a lock per slot
   * ({@code lockedWriters}) or trusted, pausing for starving readers or never ({@code pause}); with
   * a change scan if {@code scansChanges}.
   */
  SeqLockEngine(
      ByteCodec<T> codec,
      int length,
      SlotWords<T> words,
      boolean lockedWriters,
      WriterPause pause,
      Backoff backoff,
      boolean scansChanges) {
    this(codec, length, words,
        WriterRole.of(lockedWriters, length, words.copies == 2, pause, backoff), scansChanges);
  }

  /**
   * An engine over {@code words} whose writers hold {@code role} (and wait by its backoff), with a
   * change scan if {@code scansChanges}.
   */
  SeqLockEngine(
      ByteCodec<T> codec, int length, SlotWords<T> words, WriterRole role, boolean scansChanges) {
    // zeroes: every slot starts at version 0
    this(codec, length, words, role,
        scansChanges ? new long[PUBLISHED_PAD + length + PUBLISHED_PAD] : null, null);
  }

  /**
   * An engine over {@code words} whose writers hold {@code role}, its change scan over {@code
   * versions} in a buffer (a file's): one word per slot, each slot's version (the notes).
   */
  SeqLockEngine(
      ByteCodec<T> codec, int length, SlotWords<T> words, WriterRole role, LongBuffer versions) {
    this(codec, length, words, role, null, versions);
  }

  /** A buffer for {@code length} slots' published versions, all 0: a direct, little-endian view. */
  static LongBuffer directVersions(int length) {
    return ByteBuffer.allocateDirect(Math.multiplyExact(length, Long.BYTES))
        .order(ByteOrder.LITTLE_ENDIAN)
        .asLongBuffer();
  }

  private SeqLockEngine(
      ByteCodec<T> codec,
      int length,
      SlotWords<T> words,
      WriterRole role,
      long @Nullable [] published,
      @Nullable LongBuffer bufferVersions) {
    this.published = published;
    this.bufferVersions = bufferVersions;
    this.scanChunks =
        bufferVersions == null ? null : ThreadLocal.withInitial(() -> new long[SCAN_CHUNK]);
    this.codec = codec;
    this.length = length;
    this.byteSize = codec.byteSize();
    this.backoff = role.backoff;
    this.role = role;
    this.words = words;
    this.heap = words.heap;
    this.longs = words.longs;
    this.values0 = words.values0;
    this.values1 = words.values1;
    boolean twoCopies = words.copies == 2;
    this.copy1Offset = words.copyOffset(twoCopies ? 1 : 0);
    this.copyBit = twoCopies ? COPY_BIT : 0;
    this.copyUnputAtEnd = twoCopies && words.valueWords <= WriterRole.MAX_PUT_WORDS;
    // the low valueWords bits (at most 64; the shift would wrap for none)
    this.allWordsPut =
        copyUnputAtEnd && words.valueWords > 0 ? -1L >>> (Long.SIZE - words.valueWords) : 0;
    this.slack = twoCopies ? LATCHED_SLACK : 0;
    this.oddFails = twoCopies ? 0 : 1;
    this.strideWords = words.strideWords;
    this.longPartLimit = SlotWords.partLimit(byteSize, Long.BYTES);
    this.intPartLimit = SlotWords.partLimit(byteSize, Integer.BYTES);
    this.shortPartLimit = SlotWords.partLimit(byteSize, Short.BYTES);
    this.bytePartLimit = SlotWords.partLimit(byteSize, Byte.BYTES);
    this.slotStaging = length == 1 ? MaybeTorn.allocate(codec) : null;
    this.threadStaging = ThreadLocal.withInitial(() -> MaybeTorn.allocate(codec));
  }

  /**
   * Heap words for {@code length} slots, each holding {@code initial}, in one copy or two
   * ({@code latched}). The value is encoded before the words are allocated: a rejected value fails
   * before the large allocation.
   */
  static <T> SlotWords<T> heapWords(ByteCodec<T> codec, int length, T initial, boolean latched) {
    return SlotWords.onHeap(codec, length, latched ? 2 : 1, MaybeTorn.of(codec, initial));
  }

  /**
   * Words for {@code length} slots in a fresh direct buffer, each holding {@code initial}, in one copy
   * or two ({@code latched}). The storage a memory-mapped file gives, without the file: for the tests,
   * which run every variant over both storages.
   */
  static <T> SlotWords<T> directWords(ByteCodec<T> codec, int length, T initial, boolean latched) {
    MaybeTorn<T> value = MaybeTorn.of(codec, initial);
    int copies = latched ? 2 : 1;
    long size = SlotWords.byteSize(codec, length, copies);
    if (size > Integer.MAX_VALUE - Long.BYTES) {
      throw new IllegalArgumentException("length " + length + " is too large for one buffer");
    }
    ByteBuffer buffer = ByteBuffer.allocateDirect((int) size + Long.BYTES).alignedSlice(Long.BYTES);
    return SlotWords.inBuffer(buffer, 0, codec, length, copies, value);
  }

  /** Whether there are two copies (latched). */
  final boolean twoCopies() {
    return copyBit != 0;
  }

  /** The variant's name in {@code toString}: the factory that made it. */
  final String variant() {
    if (twoCopies()) {
      return role instanceof WriterRole.Locked ? "latched" : "latchedSingleWriter";
    }
    if (role instanceof WriterRole.Locked) {
      return "create";
    }
    return role.pausesForReaders ? "singleWriter" : "singleWriter, writer never pauses";
  }

  // ---- words ----

  /** The index of slot {@code slot}'s sequence (SlotWords' layout, from this stride). */
  private int sequenceIndex(int slot) {
    return SlotWords.sequenceIndex(slot, strideWords);
  }

  /** The index of slot {@code slot}'s first value word in each copy. */
  private int firstWord(int slot) {
    return SlotWords.firstWord(slot, strideWords);
  }

  /** The copy (0 or 1) that holds (or, for a write in progress, will hold) {@code version}. */
  final int copy(long version) {
    return (version & copyBit) == 0 ? 0 : 1;
  }

  /** The offset of the words of the copy that holds {@code version} from copy 0's. */
  private int copyOffset(long version) {
    return (version & copyBit) == 0 ? 0 : copy1Offset;
  }

  /** The values of the copy that holds {@code version}. */
  private AtomicPerByteArray<T> values(long version) {
    return (version & copyBit) == 0 ? values0 : values1;
  }

  private long sequenceAcquire(int index) {
    long[] h = heap;
    return h != null ? SlotWords.getAcquire(h, index) : SlotWords.getAcquire(longs(), index);
  }

  /** The validating read: always right after an acquire fence (SlotWords.getOpaque needs it in a buffer). */
  private long sequenceOpaque(int index) {
    long[] h = heap;
    return h != null ? SlotWords.getOpaque(h, index) : SlotWords.getOpaque(longs(), index);
  }

  /** Plain read of the sequence at {@code index}: for the writer role's holder, its own last store. */
  private long sequencePlain(int index) {
    long[] h = heap;
    return h != null ? h[index] : longs().get(index);
  }

  /** Plain read of word {@code index} of copy 0, moved to the copy that holds {@code version}. */
  private long word(long version, int index) {
    long[] h = heap;
    int at = index + copyOffset(version);
    return h != null ? h[at] : longs().get(at); // plain: ordered by the protocol
  }

  private LongBuffer longs() {
    return Objects.requireNonNull(longs); // never null when heap is
  }

  /** Plain write of word {@code index} of copy 0, moved to the copy that holds {@code version}. */
  private void setWord(long version, int index, long value) {
    long[] h = heap;
    int at = index + copyOffset(version);
    if (h != null) {
      h[at] = value; // plain: ordered by the protocol
    } else {
      longs().put(at, value);
    }
  }

  /** The acceptance rule (the notes): a read of even {@code version} is kept at {@code sequence}. */
  private boolean accepts(long version, long sequence) {
    return Long.compareUnsigned(sequence - version, slack) <= 0;
  }

  // ---- reads ----

  /** One optimistic read: the snapshot's version, or -1 if it may be torn. */
  final long attempt(int slot, MaybeTorn<T> destination) {
    int sequence = sequenceIndex(slot);
    long s1 = sequenceAcquire(sequence); // Acquire: the copy's reads cannot move before it
    if ((s1 & oddFails) != 0) {
      return -1; // one copy, being written
    }
    long version = s1 & ~1L;
    values(version).loadInto(slot, destination, MemoryOrder.ACQUIRE); // trailing acquire fence
    long s2 = sequenceOpaque(sequence); // Opaque: coherent with s1, after the reads by the fence
    return accepts(version, s2) ? version : -1;
  }

  /** {@code readInto} after the argument checks. */
  final long readIntoAt(int slot, MaybeTorn<T> destination) {
    for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      long version = attempt(slot, destination);
      if (version >= 0) {
        return version;
      }
      backoff.await(attempt);
    }
    if (!role.pausesForReaders) {
      return readUntilConsistent(slot, destination); // WriterPause.NEVER: nobody to tell
    }
    role.starving(slot, 1);
    try {
      return readStarving(slot, destination);
    } finally {
      role.starving(slot, -1);
    }
  }

  /** The read path after {@link #OPTIMISTIC_ATTEMPTS} failures; the reader is announced starving. */
  private long readStarving(int slot, MaybeTorn<T> destination) {
    if (!role.readerLock(slot)) {
      return readUntilConsistent(slot, destination); // the writer pauses for starving readers
    }
    try {
      // lock held: no writer of this engine can start, so the attempt succeeds; it is still
      // validated, since words in a buffer may be written by what this engine does not know of
      long version = attempt(slot, destination);
      return version >= 0 ? version : readUntilConsistent(slot, destination);
    } finally {
      role.readerUnlock(slot);
    }
  }

  /** Optimistic attempts until one succeeds, waiting by the backoff in between. */
  private long readUntilConsistent(int slot, MaybeTorn<T> destination) {
    for (int attempt = 0; ; attempt++) {
      long version = attempt(slot, destination);
      if (version >= 0) {
        return version;
      }
      backoff.await(attempt);
    }
  }

  /** {@code read} after the argument checks. */
  final T readValue(int slot) {
    MaybeTorn<T> destination = MaybeTorn.allocate(codec);
    readIntoAt(slot, destination);
    return destination.assumeUntorn();
  }

  /** {@code tryRead} after the argument checks. */
  final @Nullable T tryReadValue(int slot) {
    MaybeTorn<T> destination = MaybeTorn.allocate(codec);
    return attempt(slot, destination) >= 0 ? destination.assumeUntorn() : null;
  }

  /**
   * {@code readIfNewer} after the checks of the slot and the holder. {@code lastSeenVersion} is
   * checked here, and only when it differs from the version: one that equals it is a version, so an
   * empty poll is one Acquire load and one compare after the slot's and holder's checks.
   */
  final long readIfNewerAt(int slot, long lastSeenVersion, MaybeTorn<T> destination) {
    if (versionAt(slot) == lastSeenVersion) {
      return lastSeenVersion;
    }
    SeqLock.checkLastSeen(lastSeenVersion);
    return readIntoAt(slot, destination);
  }

  /** {@code version} after the argument checks: even, the version before any write in progress. */
  final long versionAt(int slot) {
    return sequenceAcquire(sequenceIndex(slot)) & ~1L;
  }

  /** {@code tryOptimisticRead} after the argument checks: a stamp for the field reads, or -1. */
  final long stampAt(int slot) {
    long s = sequenceAcquire(sequenceIndex(slot)); // Acquire: the field reads cannot move before it
    // one copy and odd: no read under it could validate, so -1 (which never does); else the version
    return (s & oddFails) == 0 ? s & ~1L : -1;
  }

  /** {@code validate} after the argument checks. */
  final boolean validateAt(int slot, long stamp) {
    VarHandle.acquireFence(); // the field reads before it stay before the validating read
    // Opaque: coherent with the stamp's Acquire read, so never below a stamp of this slot
    long sequence = sequenceOpaque(sequenceIndex(slot));
    // odd: not a read's stamp (the notes); unchanged, the common case, needs no slack
    return (stamp & 1) == 0 && (sequence == stamp || accepts(stamp, sequence));
  }

  /** Plain read of the 8 bytes at {@code offset} of the copy {@code stamp} picks. */
  final long longAt(int slot, long stamp, int offset) {
    if (SlotWords.isWholeWord(offset, longPartLimit)) {
      return word(stamp, firstWord(slot) + (offset >>> 3));
    }
    return values(stamp).loadLongUnordered(slot, offset); // across two words, or out of range
  }

  /** Plain read of the 4 bytes at {@code offset} of the copy {@code stamp} picks. */
  final int intAt(int slot, long stamp, int offset) {
    if (SlotWords.isInOneWord(offset, Integer.BYTES, intPartLimit)) {
      return (int) SlotWords.partOf(word(stamp, firstWord(slot) + (offset >>> 3)), offset);
    }
    return values(stamp).loadIntUnordered(slot, offset); // across two words, or out of range
  }

  /** Plain read of the 2 bytes at {@code offset} of the copy {@code stamp} picks. */
  final short shortAt(int slot, long stamp, int offset) {
    if (SlotWords.isInOneWord(offset, Short.BYTES, shortPartLimit)) {
      return (short) SlotWords.partOf(word(stamp, firstWord(slot) + (offset >>> 3)), offset);
    }
    return values(stamp).loadShortUnordered(slot, offset); // across two words, or out of range
  }

  /** Plain read of the byte at {@code offset} of the copy {@code stamp} picks. */
  final byte byteAt(int slot, long stamp, int offset) {
    if (SlotWords.isInOneWord(offset, Byte.BYTES, bytePartLimit)) {
      return (byte) SlotWords.partOf(word(stamp, firstWord(slot) + (offset >>> 3)), offset);
    }
    return values(stamp).loadByteUnordered(slot, offset); // out of range: throws
  }

  // ---- writes ----

  /** Publishes {@code source} as the slot's next version; the caller holds the writer role. */
  private void publish(int slot, MaybeTorn<T> source) {
    int sequence = sequenceIndex(slot);
    long s = sequenceForWrite(slot);
    words.setWordRelease(sequence, s + 1); // Release: a reader of s + 1 keeps copy(s) (notes)
    // the copy readers of s and s + 1 do not keep (two copies); its release fence keeps s + 1 first
    values(s + 2).storeFrom(slot, source, MemoryOrder.RELEASE);
    words.setWordRelease(sequence, s + 2); // Release: every word stored before it
    publishVersion(slot, s + 2);
  }

  /** After the even store of {@code version}: makes it visible to change scans (the notes). */
  private void publishVersion(int slot, long version) {
    long[] p = published;
    if (p != null) {
      SlotWords.setRelease(p, PUBLISHED_PAD + slot, version); // Release: the even store first
      return;
    }
    LongBuffer f = bufferVersions;
    if (f != null) {
      SlotWords.setRelease(f, slot, version); // Release: the even store first
    }
  }

  /**
   * Stores slot {@code slot}'s version as its published one: for a writer taking over a file, after
   * completing the abandoned writes, since its predecessor may have died before storing it (the
   * notes). The caller holds the role.
   */
  final void republishVersion(int slot) {
    // plain: the role's hand-over ordered the last writer's stores, and this holder wrote the rest
    publishVersion(slot, sequencePlain(sequenceIndex(slot)));
  }

  /**
   * {@code changedSlots} after the argument checks ({@code lastSeen} has one element per slot): the
   * slots whose published version differs from {@code lastSeen}'s, in order, at most
   * {@code into.length} of them, into {@code into}; returns how many. Needs a change scan.
   */
  final int changedSlotsAt(long[] lastSeen, int[] into) {
    long[] p = published;
    int found = p != null
        ? differences(p, PUBLISHED_PAD, lastSeen, 0, length, into, 0)
        : scanBuffer(Objects.requireNonNull(bufferVersions), lastSeen, into); // one or the other
    VarHandle.acquireFence(); // the scan's reads stay before the caller's reads of the slots
    return found;
  }

  /** The change scan of versions in a buffer, a chunk at a time (the notes). */
  private int scanBuffer(LongBuffer versions, long[] lastSeen, int[] into) {
    long[] chunk = Objects.requireNonNull(scanChunks).get();
    int found = 0;
    for (int base = 0; base < length && found < into.length; base += SCAN_CHUNK) {
      int count = Math.min(SCAN_CHUNK, length - base);
      versions.get(base, chunk, 0, count); // plain bulk copy, word-atomic: ordered by the fence after
      found = differences(chunk, -base, lastSeen, base, base + count, into, found);
    }
    return found;
  }

  /**
   * Appends to {@code into}, from {@code found}, the slots in {@code [from, to)} whose version, at
   * {@code versions[offset + slot]}, differs from {@code lastSeen[slot]}, while {@code into} has room;
   * returns the new count. Plain reads, vectorised by the JIT (Arrays.mismatch).
   */
  private static int differences(
      long[] versions, int offset, long[] lastSeen, int from, int to, int[] into, int found) {
    int count = found;
    for (int slot = from; slot < to && count < into.length; ) {
      int at = Arrays.mismatch(versions, offset + slot, offset + to, lastSeen, slot, to);
      if (at < 0) {
        break;
      }
      into[count++] = slot + at;
      slot += at + 1;
    }
    return count;
  }

  /** {@code write} after the argument checks. */
  final void writeValue(int slot, T value) {
    role.take(slot);
    try {
      MaybeTorn<T> encoded = staging();
      encoded.set(value); // encode before the odd store: a throwing codec changes nothing
      publish(slot, encoded);
    } finally {
      role.release(slot);
    }
  }

  /** {@code writeFrom} after the argument checks. */
  final void writeFromHolder(int slot, MaybeTorn<T> source) {
    role.take(slot);
    try {
      publish(slot, source);
    } finally {
      role.release(slot);
    }
  }

  /** {@code update} after the argument checks. */
  final T updateValue(int slot, UnaryOperator<T> function) {
    role.take(slot);
    try {
      MaybeTorn<T> holder = staging();
      long s = sequenceForWrite(slot);
      values(s).loadInto(slot, holder, MemoryOrder.RELAXED); // role held: no write overlaps
      T next = Objects.requireNonNull(function.apply(holder.assumeUntorn()), "function result");
      holder.set(next); // encode before the odd store
      publish(slot, holder);
      return next;
    } finally {
      role.release(slot);
    }
  }

  /** The holder a write of this thread encodes into (the notes). */
  private MaybeTorn<T> staging() {
    MaybeTorn<T> only = slotStaging;
    return only != null ? only : threadStaging.get();
  }

  /** The even sequence a write that holds the role starts from; throws if it is odd. */
  private long sequenceForWrite(int slot) {
    long s = sequencePlain(sequenceIndex(slot)); // plain: the role's holder reads its own store
    if ((s & 1) != 0) {
      throw new IllegalStateException("a write to slot " + slot + " is already in progress"
          + " (a second writer, or a write between beginWrite and endWrite?)");
    }
    return s;
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
    words.setWordRelease(sequenceIndex(slot), s + 1); // Release: as publish's odd store
    VarHandle.releaseFence(); // keeps s + 1 before the part stores and the copy's
    if (copyUnputAtEnd) {
      role.clearPut(slot); // endFieldWrite copies what no part puts
    } else if (twoCopies()) {
      // plain: only writers write either copy, and this one holds the role; a reader of copy(s + 2)
      // that reads any of these stores rejects its read (the notes)
      words.copyValue(slot, copy(s), copy(s + 2));
    }
    role.openFieldWrite(slot, s + 1);
    return s + 1;
  }

  /** Plain write of the 8 bytes at {@code offset} in the field write with {@code stamp}. */
  final void putLongAt(int slot, long stamp, int offset, long value) {
    role.checkFieldWrite(slot, stamp);
    if (SlotWords.isWholeWord(offset, longPartLimit)) {
      int word = offset >>> 3;
      setWord(stamp + 1, firstWord(slot) + word, value);
      if (copyUnputAtEnd) {
        role.addPut(slot, 1L << word);
      }
    } else {
      takeWords(slot, stamp, offset, Long.BYTES);
      values(stamp + 1).storeLongUnordered(slot, offset, value); // across two words, or out
    }
  }

  /** Plain write of the 4 bytes at {@code offset} in the field write with {@code stamp}. */
  final void putIntAt(int slot, long stamp, int offset, int value) {
    role.checkFieldWrite(slot, stamp);
    if (SlotWords.isInOneWord(offset, Integer.BYTES, intPartLimit)) {
      putPart(slot, stamp, offset, Integer.BYTES, value);
    } else {
      takeWords(slot, stamp, offset, Integer.BYTES);
      values(stamp + 1).storeIntUnordered(slot, offset, value); // across two words, or out
    }
  }

  /** Plain write of the 2 bytes at {@code offset} in the field write with {@code stamp}. */
  final void putShortAt(int slot, long stamp, int offset, short value) {
    role.checkFieldWrite(slot, stamp);
    if (SlotWords.isInOneWord(offset, Short.BYTES, shortPartLimit)) {
      putPart(slot, stamp, offset, Short.BYTES, value);
    } else {
      takeWords(slot, stamp, offset, Short.BYTES);
      values(stamp + 1).storeShortUnordered(slot, offset, value); // across two words, or out
    }
  }

  /** Plain write of the byte at {@code offset} in the field write with {@code stamp}. */
  final void putByteAt(int slot, long stamp, int offset, byte value) {
    role.checkFieldWrite(slot, stamp);
    if (SlotWords.isInOneWord(offset, Byte.BYTES, bytePartLimit)) {
      putPart(slot, stamp, offset, Byte.BYTES, value);
    } else {
      values(stamp + 1).storeByteUnordered(slot, offset, value); // out of range: throws
    }
  }

  /** A plain read-modify-write of a word only the role's holder writes (the notes). */
  private void putPart(int slot, long stamp, int offset, int size, long value) {
    takeWords(slot, stamp, offset, size);
    int word = firstWord(slot) + (offset >>> 3);
    setWord(stamp + 1, word, SlotWords.withPart(word(stamp + 1, word), offset, size, value));
  }

  /**
   * Before a part store that is a read-modify-write, with {@link #copyUnputAtEnd}: makes each of the
   * one or two words the {@code size} bytes at {@code offset} touch that no part has put yet hold
   * version s's bits in copy(s + 2), copied from copy(s) ({@code stamp} is s + 1, so it picks copy(s),
   * and stamp + 1 copy(s + 2)), and marks them put. Out of range, does nothing: the store then throws
   * and nothing changes.
   */
  private void takeWords(int slot, long stamp, int offset, int size) {
    if (!copyUnputAtEnd || offset < 0 || offset > byteSize - size) {
      return;
    }
    int first = firstWord(slot);
    long put = role.put(slot);
    int last = (offset + size - 1) >>> 3;
    for (int index = offset >>> 3; index <= last; index++) {
      if ((put & (1L << index)) == 0) {
        setWord(stamp + 1, first + index, word(stamp, first + index)); // plain: as copyWordsNotPut
        put |= 1L << index;
      }
    }
    role.addPut(slot, put);
  }

  /** With {@link #copyUnputAtEnd}: copies every word no part put from copy(s) into copy(s + 2). */
  private void copyWordsNotPut(int slot, long stamp) {
    long missing = allWordsPut & ~role.put(slot);
    int first = firstWord(slot);
    while (missing != 0) {
      int index = first + Long.numberOfTrailingZeros(missing);
      // plain: only writers write either copy, and this one holds the role; a reader of copy(s + 2)
      // that reads any of these stores rejects its read (the notes)
      setWord(stamp + 1, index, word(stamp, index));
      missing &= missing - 1;
    }
  }

  /**
   * Completes the write that a writer no longer running began on slot {@code slot} and never ended (a
   * process killed between the odd and the even store), if there is one, and returns whether there
   * was: with the sequence at odd s + 1, copies copy(s) into copy(s + 2) and stores s + 2, so the slot
   * holds version s's value again, as version s + 2 (versions only grow). Two copies only; the caller
   * holds the role, taken after the dead writer lost it (the notes).
   */
  final boolean completeAbandonedWrite(int slot) {
    assert twoCopies();
    int sequence = sequenceIndex(slot);
    long odd = sequencePlain(sequence); // plain: the role's hand-over ordered the last writer's store
    if ((odd & 1) == 0) {
      return false;
    }
    long s = odd - 1;
    // the rest of beginFieldWrite's latched path, then endFieldWrite's store. The fence orders the
    // read of s + 1 above before the copy's stores: a reader that reads one of them reads a
    // sequence of at least s + 1 afterwards (the notes), as if this thread had stored it
    VarHandle.releaseFence();
    words.copyValue(slot, copy(s), copy(s + 2));
    words.setWordRelease(sequence, s + 2); // Release: every word of the copy first
    publishVersion(slot, s + 2);
    return true;
  }

  /** {@code endWrite} of the field writes after the argument checks: publishes, gives the role up. */
  final void endFieldWrite(int slot, long stamp) {
    role.checkFieldWrite(slot, stamp);
    if (copyUnputAtEnd) {
      copyWordsNotPut(slot, stamp); // before the even store, as every store of the write
    }
    role.closeFieldWrite(slot);
    try {
      words.setWordRelease(sequenceIndex(slot), stamp + 1); // Release: every part store first
      publishVersion(slot, stamp + 1);
    } finally {
      role.release(slot);
    }
  }
}
