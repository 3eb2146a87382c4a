package dev.seqlock;

import dev.seqlock.atomic.AtomicPerByteArray;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.atomic.MemoryOrder;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The sequence-lock protocol over one or more independent slots: the engine behind {@link SeqLock}
 * (one slot) and {@link SeqLockArray}. Arguments are checked by those public classes; every method
 * here takes a valid slot index and holders of the codec's size.
 *
 * @param <T> the type of the values
 */
abstract sealed class SeqLockSlots<T> permits SingleCopySlots, LatchedSlots {
  /*
   * Algorithmic notes
   *
   * Protocol (Boehm, "Can seqlocks get along with programming language memory models?", 2012, in
   * its fence-based form), per slot; slots share nothing but the arrays they live in, so each slot is
   * an independent sequence lock. The sequence is even when no write is in progress. Single copy:
   *
   *   writer (holds the slot's writer role):  reader:
   *     s = sequence (plain, own value)          s1 = sequence (Acquire)
   *     sequence = s + 1 (Opaque)                if s1 is odd: retry
   *     data.storeFrom(src, RELEASE)             data.loadInto(dst, ACQUIRE)
   *       = releaseFence; plain word copy          = plain word copy; acquireFence
   *     sequence = s + 2 (Release)               s2 = sequence (Opaque)
   *                                              keep dst iff s1 == s2
   *
   * Why a kept snapshot is never torn. Suppose the reader kept dst with s1 == s2 == v (even). Writes
   * to the slot are serialised (lock, or one writer), each moves the sequence 2k -> 2k+1 -> 2k+2, and
   * each stores every word of the value.
   *  - No word comes from a write that had not completed at v. Say a word came from write k (2k -> 2k+2).
   *    That word was stored after write k's release fence, which follows its odd store of 2k+1; the
   *    reader read it before its acquire fence, which precedes its read of s2. The fences pair
   *    (SharedWords' notes in dev.seqlock.atomic), so the store of 2k+1 happens before the read of s2,
   *    and s2 >= 2k+1 by coherence (the sequence only grows). With s2 == v even, v >= 2k+2: write k had
   *    completed.
   *  - No word is older than version v. s1 == v was read with Acquire from the Release store of v,
   *    which follows every data store of every write up to v (program order within a writer, the lock
   *    or the single writer's hand-over between writers). Those stores therefore happen before the
   *    reader's data reads, which cannot return a value they overwrote (happens-before consistency).
   * So every word is the one the write that produced v stored: the snapshot is exactly version v. The
   * initial values (version 0) are stored into the data words by the variant's constructor (dataArray)
   * before it stores the data arrays and words in its final fields, and the public classes copy those
   * into theirs: every path to the words goes through a final field frozen after the stores (JLS
   * 17.5), however the lock is published. (This class's sequenceWords, the same array, is frozen when
   * its own constructor ends, before those stores; through it only sequences are read, which hold their
   * default 0 until a write, and every reader reaches the engine through a public class's final field,
   * frozen after the stores.) The Opaque read of s2 is needed (a plain read is not
   * coherent with s1 and could be satisfied by an earlier read); Acquire is not needed because the
   * copy's acquire fence already orders the data reads before it. The writer needs no fence of its own
   * between the odd store and the data: the data store's leading release fence is that fence (a
   * release fence orders earlier stores before later ones).
   *
   * Optimistic field reads (tryOptimisticRead, getLong and the other field reads, validate) are the
   * same reader with the copy cut into parts the caller chooses:
   *
   *   stamp = sequence (Acquire); -1 if odd       (latched: rounded down to even; it picks the copy)
   *   words[...] or data.loadLongUnordered ...    = plain read of one or two words, no fence
   *   validate: acquireFence; sequence (Opaque) == stamp   (latched: at most stamp + 2)
   *
   * Each part is a plain read of whole words (in place, or AtomicPerByteArray's part loads: see
   * "Field reads and writes in place" below), after the Acquire read of the stamp and before
   * validate's acquire fence, exactly where the copy's reads are; the argument above holds word by
   * word for the words actually read, so if validate returns true every value the caller read between
   * the two belongs to version `stamp` (latched: the stamp is the version its copy holds, and validate
   * allows what LatchedSlots' notes allow a copying read). A stamp of -1 never validates (the
   * sequence starts at 0 and only grows). Until validate returns true the values may be torn or stale
   * and must not be acted upon, as with StampedLock's optimistic reads. A stamp is only meaningful for
   * the slot it was taken from and in the thread that took it: validating slot j with a stamp of slot i
   * skips slot j's Acquire read, and the argument no longer holds (stamps of different slots often
   * coincide, so this misuse cannot be detected; the javadoc forbids it). The parts need no fence of
   * their own: the Acquire read keeps them after the stamp (no load moves before an acquire load, so a
   * retry cannot reuse an earlier attempt's reads), validate's acquire fence keeps them before the
   * validating read, and between the two their order does not matter. A fence per field would also be
   * correct, but it makes the JIT reload the path to the words for every field.
   *
   * Field writes (beginFieldWrite, the part stores, endFieldWrite) are the same writer with publish
   * cut into parts the caller chooses:
   *
   *   take the writer role; s = sequence (plain, even); stamp = s + 1
   *   sequence = s + 1 (Opaque; latched: Release, as in publish)
   *   releaseFence                                 the odd store stays before the part stores
   *                                                (latched: then copy(s) -> copy(s + 2), LatchedSlots)
   *   words[...] = v or data.storeLongUnordered ... = plain write of one or two words, no fence
   *   sequence = s + 2 (Release)
   *   give the role up
   *
   * The reader's argument uses two facts about the words of a write: each is stored after the release
   * fence that follows the odd store, and before the Release store of the even one. The part stores
   * are exactly there, so the argument holds word by word. Words the caller does not put keep the value
   * of the previous version, which is what version s + 2 holds there: the new version is the old one
   * with the parts changed. A part that is not one aligned word is a plain read-modify-write of words
   * only the role's holder writes, so it reads its own last store or the previous holder's (ordered
   * before it by the role's hand-over) and loses nothing. Every part store and endFieldWrite first
   * compare the stamp with the slot's FieldWriteStamp, which the writer sets to the odd sequence in
   * beginFieldWrite and back to 0 in endFieldWrite (a writer-owned field, not the sequence itself: see
   * its notes): a part store outside a write in progress would change words under an even sequence,
   * which readers could not detect, so it fails instead and stores nothing. That check is exact only in
   * the thread that holds the role (for another thread the plain read is racy), so the part stores
   * belong to the thread that called beginWrite, as the javadoc says. The caller must end every write
   * it begins (try/finally): a write never ended leaves the sequence odd and the role taken. That is
   * the one failure this API hands to the caller, as StampedLock's writeLock does; write and update
   * avoid it by encoding before the odd store.
   *
   * Field reads and writes in place. Each copy of the data is an AtomicPerByteArray wrapped around a
   * long[] the variant allocated and keeps (AtomicPerByteArray.wrap, whose layout puts byte k of slot
   * i's value in byte k % 8 of word DATA_PAD + i * dataStrideWords + k / 8). A long part at a
   * multiple of 8 is one word, and an int, short or byte part whose bytes do not cross a multiple of 8
   * lies in one word; SeqLock and SeqLockArray read or write that word of the array themselves: one
   * plain element access, the same access AtomicPerByteArray's part accesses make, at the same place
   * in the protocol, so the arguments above hold unchanged. A part smaller than a word is read as its
   * whole word and shifted; written, it is a plain read-modify-write of a word only the role's holder
   * writes, as above. Every other part (across two words), and every offset out of range (which must
   * throw), goes through AtomicPerByteArray's checked part access. That spares field reads an
   * element-index check and a dependent load (measured with ComparisonBenchmark's field reads).
   *
   * Latched variant (two copies, LatchedSlots): readers never wait; each write writes the copy readers
   * of the current version do not read, and a read is kept unless the next write to its own copy
   * began; the argument is the same with the copy taken from the version's second bit, a Release odd
   * store, and a tolerance of 2 in the validating comparison (LatchedSlots' notes).
   *
   * Writers. SingleWriterSlots trusts the caller (checking it under -ea); LockedSlots and LatchedSlots
   * take the slot's writer lock (WriterLocks) around encode + publish. Encoding into the slot's
   * writer-owned staging holder happens before the odd store, so a throwing codec or update function
   * leaves the sequence even and the data untouched, and the finally block gives the role up. Each slot
   * has its own staging holder because writers of different slots run concurrently.
   *
   * Progress. A reader that fails OPTIMISTIC_ATTEMPTS times in a row announces itself as starving
   * (WriterLocks) and then either takes the writer lock (LockedSlots, as Linux's
   * read_seqbegin_or_lock) or keeps trying (single writer, latched). Writers check the announcement
   * before each write and pause, for at most WRITER_PAUSE_NANOS, while a reader is starving, so a
   * back-to-back writer cannot starve readers and a starving reader cannot stop the writer for long.
   *
   * Versions. The version of a snapshot is s1 (single copy) or s1 rounded down to even (latched);
   * successive Acquire loads of one sequence by one thread are coherent, so a reader's versions of a
   * slot never decrease, and they are always even.
   *
   * Data layout. Each copy of the data is one long[] (dataWords): DATA_PAD words of padding, the last
   * of which is slot 0's sequence, then per slot the value's words, each slot's sequence being the
   * word right before its value (sequenceIndex; in the single copy, or in latched copy0, where copy1
   * leaves that word unused so both copies share one layout), then DATA_PAD words of padding. A
   * reader reads the value and the sequence on every read, and a writer writes both on every write,
   * so side by side they cost one or two cache lines where separate arrays cost two or three, and a
   * reader next to a busy writer misses once per write instead of twice (SlotSequences' notes give
   * the measurement). The word before the value rather than after it: a single slot's sequence index
   * is then a constant (FIRST_SEQUENCE), whatever the value's size, which SeqLock's field reads use
   * (with the sequence after the value its index is a field to load, measurably slower in
   * ComparisonBenchmark noWriter). The padding keeps the sequence and value
   * off the lines of the array header and of whatever the heap puts before and after the array. For
   * more than one slot the slots are spaced so that at least 64 bytes separate one slot's last value
   * word from the next slot's sequence, whatever the array's alignment: neighbours never share a
   * cache line (dataStride). A single slot is packed between the paddings. AtomicPerByteArray views
   * the values of the words (wrap with firstWord DATA_PAD and the slots' stride) and never touches
   * the words before its first element or between elements, so the sequences are accessed only
   * through SlotSequences, with the modes above. The writer lock and the starving count are writers'
   * words, in WriterLocks' separate array.
   */

  /** Optimistic attempts before a reader announces that it is starving. */
  static final int OPTIMISTIC_ATTEMPTS = 4;

  /** The longest a writer pauses before one write while a reader of its slot is starving. */
  static final long WRITER_PAUSE_NANOS = 20_000;

  final ByteCodec<T> codec;
  final Backoff backoff;
  final int length;
  final WriterLocks locks;

  /** {@code locks.words()}: writers read the starving count from here (see WriterLocks.words). */
  final long[] lockWords;

  /**
   * The data words that hold the sequences, each the word before its slot's value: the single copy,
   * or the latched copy0, which are also the words of {@link #copy0()} ({@link #copy0Words()}); see
   * {@link #sequenceIndex}.
   */
  final long[] sequenceWords;

  /** {@code codec.byteSize()}, for the public classes' holder checks without an interface call. */
  final int byteSize;

  /** Words from one slot's value to the next one's in each copy of the data ({@link #dataStride}). */
  final int dataStrideWords;

  /** Writer-owned, one per slot: the encoded value of the write in progress, or the current value. */
  private final MaybeTorn<T>[] staging;

  /** Writer-owned, one per slot: the stamp of the field write in progress, or 0. */
  private final FieldWriteStamp[] fieldWriteStamps;

  @SuppressWarnings("unchecked") // an array of MaybeTorn<T> holders, created for the codec's T
  SeqLockSlots(ByteCodec<T> codec, int length, long[] sequenceWords, Backoff backoff) {
    this.codec = codec;
    this.backoff = backoff;
    this.length = length;
    this.locks = new WriterLocks(length);
    this.lockWords = locks.words();
    this.sequenceWords = sequenceWords;
    this.byteSize = codec.byteSize();
    this.dataStrideWords = dataStride(codec, length) / Long.BYTES;
    this.staging = (MaybeTorn<T>[]) new MaybeTorn<?>[length];
    this.fieldWriteStamps = new FieldWriteStamp[length];
    for (int i = 0; i < length; i++) {
      staging[i] = MaybeTorn.allocate(codec);
      fieldWriteStamps[i] = new FieldWriteStamp();
    }
  }

  /** Words before the first slot's value (its sequence is the last) and after the last value. */
  static final int DATA_PAD = 16;

  /** The index of slot 0's sequence in {@link #sequenceWords}: the word before its value. */
  static final int FIRST_SEQUENCE = DATA_PAD - 1;

  /**
   * The index of slot {@code slot}'s sequence in {@link #sequenceWords}: the word before the slot's
   * value (see the notes, "Data layout").
   */
  final int sequenceIndex(int slot) {
    return sequenceIndex(slot, dataStrideWords);
  }

  /** The index of slot {@code slot}'s sequence, slots {@code strideWords} apart: before its value. */
  static int sequenceIndex(int slot, int strideWords) {
    return firstWord(slot, strideWords) - 1;
  }

  /** The index of slot {@code slot}'s first value word in each copy's words, slots strideWords apart. */
  static int firstWord(int slot, int strideWords) {
    return DATA_PAD + slot * strideWords;
  }

  /**
   * Bytes from one slot's value to the next one's in the data: packed for one slot, else spaced so
   * that at least 64 bytes separate one slot's value from the next slot's sequence, the word before
   * that slot's value (no shared cache line).
   */
  static int dataStride(ByteCodec<?> codec, int length) {
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

  /**
   * Zeroed words for one copy of the data of {@code length} slots ({@link #dataStride} apart, between
   * {@link #DATA_PAD} words of padding on each side); every sequence starts at 0. The variants allocate
   * their data words before this class's constructor allocates the writers' words, so a length whose
   * data does not fit in one array fails here, before the writers' words (128 bytes per slot) could run
   * out of memory.
   */
  static long[] dataWords(ByteCodec<?> codec, int length) {
    int strideBytes = dataStride(codec, length);
    long words = DATA_PAD + (long) length * (strideBytes / Long.BYTES) + DATA_PAD;
    if (words > Integer.MAX_VALUE - 8) { // the VM's array size limit
      throw new IllegalArgumentException(
          "length " + length + " of " + strideBytes + "-byte strides is too large for one array");
    }
    return new long[(int) words];
  }

  /**
   * The data array over {@code words} (from {@link #dataWords}), every slot holding {@code initial}
   * (encoded by the variant before it allocated the words: a rejected value costs little).
   * The caller stores it, and keeps {@code words} for the field reads and writes, in final fields: the
   * freeze publishes the initial value (see the notes).
   */
  static <T> AtomicPerByteArray<T> dataArray(
      long[] words, ByteCodec<T> codec, int length, MaybeTorn<T> initial) {
    AtomicPerByteArray<T> data =
        AtomicPerByteArray.wrap(words, DATA_PAD, codec, length, dataStride(codec, length));
    for (int i = 0; i < length; i++) {
      // not yet shared: published by the final fields the caller stores the array in (notes)
      data.storeFrom(i, initial, MemoryOrder.RELAXED);
    }
    return data;
  }

  /** {@code readInto} after the argument checks. */
  final long readInto(int slot, MaybeTorn<T> destination) {
    for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      long version = attempt(slot, destination);
      if (version >= 0) {
        return version;
      }
      backoff.await(attempt);
    }
    locks.starving(slot, 1);
    try {
      return readStarving(slot, destination);
    } finally {
      locks.starving(slot, -1);
    }
  }

  /** {@code read} after the argument checks. */
  final T read(int slot) {
    MaybeTorn<T> destination = MaybeTorn.allocate(codec);
    readInto(slot, destination);
    return destination.assumeUntorn();
  }

  /** {@code tryRead} after the argument checks. */
  final @Nullable T tryRead(int slot) {
    MaybeTorn<T> destination = MaybeTorn.allocate(codec);
    return attempt(slot, destination) >= 0 ? destination.assumeUntorn() : null;
  }

  /** {@code tryReadInto} after the argument checks: one attempt, the version or -1. */
  final long tryReadInto(int slot, MaybeTorn<T> destination) {
    return attempt(slot, destination);
  }

  /**
   * The copy of the data that holds versions {@code v} with {@code (v & 2) == 0}: the single copy, or
   * the latched copy0 (see LatchedSlots' notes).
   */
  abstract AtomicPerByteArray<T> copy0();

  /**
   * The copy of the data that holds versions {@code v} with {@code (v & 2) != 0}: the latched copy1;
   * for a single copy the same data as {@link #copy0}.
   */
  abstract AtomicPerByteArray<T> copy1();

  /**
   * The words of {@link #copy0()}, which field reads and writes access directly (see the notes,
   * "Field reads and writes in place"): {@link #sequenceWords}, which hold the sequences too.
   */
  final long[] copy0Words() {
    return sequenceWords;
  }

  /** The words of {@link #copy1()}. */
  abstract long[] copy1Words();

  /** Whether there are two copies (latched) or one. */
  final boolean twoCopies() {
    return copy0() != copy1();
  }

  /*
   * The optimistic field reads are static and take the engine's state as arguments: SeqLock and
   * SeqLockArray keep their own final copies of copy0(), copy1(), copy0Words() (which are
   * sequenceWords), copy1Words(), singleCopyWords(), twoCopies(), dataStrideWords and the
   * part limits, taken once at construction, and call these with them, so a field read starts one
   * dependent load closer to the words than it would through this object, with no virtual call (as
   * lockWords saves a load over WriterLocks). The stamp's Acquire read and validate's
   * fence make the JIT reload every field after them, so that chain is paid on every read, not once
   * per loop.
   */

  /** {@code tryOptimisticRead} after the argument checks: a stamp for the field reads, or -1. */
  static long optimisticStamp(long[] sequenceWords, int sequenceIndex, boolean twoCopies) {
    // Acquire: the field reads that follow cannot move before it
    long s = SlotSequences.sequenceAcquire(sequenceWords, sequenceIndex);
    if (twoCopies) {
      return s & ~1L; // the newest complete version, which its copy holds whatever the parity
    }
    // odd: a write is in progress, no read under it could validate, so -1 (which never does)
    return (s & 1) == 0 ? s : -1;
  }

  /**
   * The data that holds {@code version} (a field read's stamp, or a field write's stamp + 1): the
   * single copy whatever the version, or the latched copy it picks. The single copy is chosen without
   * looking at the stamp: next to a busy writer its stamps alternate between -1 and even values, and a
   * branch on them would be mispredicted on many reads (measured slower with the branch:
   * ComparisonBenchmark backToBack, field reads).
   */
  static <T> AtomicPerByteArray<T> copyData(
      long version, boolean twoCopies, AtomicPerByteArray<T> copy0, AtomicPerByteArray<T> copy1) {
    if (!twoCopies) {
      return copy0; // single copy (the same as copy1); -1 never validates anyway
    }
    return (version & 2) == 0 ? copy0 : copy1;
  }

  /**
   * The words that hold {@code version}, as {@link #copyData}: the single copy whatever the version,
   * or the latched copy it picks. The single copy is told apart by a nullable field, not by twoCopies:
   * with the boolean, C2's code for SeqLock's field reads measured slower (ComparisonBenchmark
   * noWriter).
   */
  static long[] copyWords(
      long version, long @Nullable [] singleCopyWords, long[] copy0Words, long[] copy1Words) {
    if (singleCopyWords != null) {
      return singleCopyWords; // -1 never validates anyway
    }
    return (version & 2) == 0 ? copy0Words : copy1Words;
  }

  /** {@link #copy0Words()} if there is a single copy, else null: see copyWords. */
  final long @Nullable [] singleCopyWords() {
    return twoCopies() ? null : copy0Words();
  }

  /*
   * The part accesses in place (the notes, "Field reads and writes in place"). A part that lies in one
   * word of the data words is read or written there directly; any other part, and every offset out of
   * range, goes through AtomicPerByteArray's checked part access, which throws with its message. The
   * range test is Objects.checkIndex against a precomputed limit, which C2 smears across constant
   * offsets as it does in AtomicPerByteArray (one compare for a record's long fields).
   */

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

  /**
   * {@code validate} after the argument checks: whether no write changed the data the field reads
   * under {@code stamp} read: single copy, the sequence has not moved since the stamp; latched, not as
   * far as the next write to the stamp's copy ({@link LatchedSlots#SLACK}).
   */
  static boolean validate(long[] sequenceWords, int sequenceIndex, long stamp, boolean twoCopies) {
    VarHandle.acquireFence(); // the field reads before it stay before the validating read
    // Opaque: coherent with the stamp's Acquire read, so never below a stamp of this slot
    long sequence = SlotSequences.sequenceOpaque(sequenceWords, sequenceIndex);
    // Unchanged: valid for every variant (the common case, tested first: the slack comparison alone
    // measurably slowed the single-copy field reads, ComparisonBenchmark noWriter). Else valid only
    // with two copies, if the stamp is even (a version: never -1, never a
    // field write's odd stamp, which the comparison could pass while the write to the copy it picks
    // is in progress) and the sequence moved forward by at most LatchedSlots.SLACK; a stamp above
    // the sequence (not from this slot) wraps to a large unsigned difference and fails.
    return sequence == stamp
        || (twoCopies
            && (stamp & 1) == 0
            && Long.compareUnsigned(sequence - stamp, LatchedSlots.SLACK) <= 0);
  }

  /**
   * {@code beginWrite} of the field writes after the argument checks: takes the slot's writer role and
   * makes the sequence odd; returns the stamp (the odd sequence). The part stores go to the copy that
   * will hold the write's version, stamp + 1 ({@link #copyData}: the single copy, or the latched copy
   * readers do not read while the write is in progress).
   */
  final long beginFieldWrite(int slot) {
    beginWrite(slot);
    long s = SlotSequences.sequenceByWriter(sequenceWords, sequenceIndex(slot));
    if ((s & 1) != 0) {
      endWrite(slot);
      throw writeInProgress(slot);
    }
    openFieldWrite(slot, s);
    fieldWriteStamps[slot].open(s + 1);
    return s + 1;
  }

  /**
   * What a write finds when the sequence it holds the role for is already odd: only a broken
   * single-writer promise gets there (a locked variant's role excludes it), typically a write nested
   * in this thread's own field write, which would otherwise make the sequence even mid-write.
   */
  static IllegalStateException writeInProgress(int slot) {
    return new IllegalStateException("a write to slot " + slot + " is already in progress"
        + " (a second writer, or a write between beginWrite and endWrite?)");
  }

  /**
   * The slots' field-write stamps, indexed by slot, which the part stores check their stamp against;
   * the public classes keep this array (SeqLock: its one element) so the check starts from their own
   * field.
   */
  final FieldWriteStamp[] fieldWriteStamps() {
    return fieldWriteStamps;
  }

  /** {@code endWrite} of the field writes after the argument checks: publishes, gives the role up. */
  final void endFieldWrite(int slot, long stamp) {
    FieldWriteStamp open = fieldWriteStamps[slot];
    open.check(stamp);
    open.close();
    try {
      closeFieldWrite(slot, stamp);
    } finally {
      endWrite(slot);
    }
  }

  /**
   * Makes the sequence odd ({@code even + 1}) and fences it before the part stores; latched: then
   * brings the copy the write puts its parts into up to version {@code even}.
   */
  abstract void openFieldWrite(int slot, long even);

  /** Makes the sequence even ({@code odd + 1}): the part stores become the next version. */
  abstract void closeFieldWrite(int slot, long odd);

  /** {@code readIfNewer} after the argument checks. */
  final long readIfNewer(int slot, long lastSeenVersion, MaybeTorn<T> destination) {
    if (version(slot) == lastSeenVersion) {
      return lastSeenVersion;
    }
    return readInto(slot, destination);
  }

  /** {@code version} after the argument checks: even, the version before any write in progress. */
  final long version(int slot) {
    return SlotSequences.sequenceAcquire(sequenceWords, sequenceIndex(slot)) & ~1L;
  }

  /** {@code write} after the argument checks. */
  final void write(int slot, T value) {
    beginWrite(slot);
    try {
      MaybeTorn<T> encoded = staging[slot];
      encoded.set(value); // encode before the sequence goes odd: a throwing codec changes nothing
      publish(slot, encoded);
    } finally {
      endWrite(slot);
    }
  }

  /** {@code writeFrom} after the argument checks. */
  final void writeFrom(int slot, MaybeTorn<T> source) {
    beginWrite(slot);
    try {
      publish(slot, source);
    } finally {
      endWrite(slot);
    }
  }

  /** {@code update} after the argument checks. */
  final T update(int slot, UnaryOperator<T> function) {
    beginWrite(slot);
    try {
      MaybeTorn<T> holder = staging[slot];
      loadCurrent(slot, holder); // writer role held: no write can overlap this load
      T next = Objects.requireNonNull(function.apply(holder.assumeUntorn()), "function result");
      holder.set(next); // encode before the sequence goes odd
      publish(slot, holder);
      return next;
    } finally {
      endWrite(slot);
    }
  }

  /** One optimistic read: the snapshot's version, or -1 if it may be torn. */
  abstract long attempt(int slot, MaybeTorn<T> destination);

  /** The read path after {@link #OPTIMISTIC_ATTEMPTS} failures; the reader is announced starving. */
  abstract long readStarving(int slot, MaybeTorn<T> destination);

  /** Takes the slot's writer role (lock, or the single-writer check). */
  abstract void beginWrite(int slot);

  /** Gives the slot's writer role up. */
  abstract void endWrite(int slot);

  /** Publishes {@code source} as the slot's next version; the caller holds the writer role. */
  abstract void publish(int slot, MaybeTorn<T> source);

  /** Loads the slot's current value into {@code holder}; the caller holds the writer role. */
  abstract void loadCurrent(int slot, MaybeTorn<T> holder);

  /** The variant's name in {@code toString}: the factory that made it. */
  abstract String variant();

  /** Optimistic attempts until one succeeds, waiting by the backoff in between. */
  final long readUntilConsistent(int slot, MaybeTorn<T> destination) {
    for (int attempt = 0; ; attempt++) {
      long version = attempt(slot, destination);
      if (version >= 0) {
        return version;
      }
      backoff.await(attempt);
    }
  }

  /** The writer role of the locked variants: yield to starving readers, then take the lock. */
  final void takeWriterLock(int slot) {
    yieldToStarvingReaders(slot);
    locks.lockWriter(slot, backoff);
  }

  /** Pauses, for a bounded time, while a reader of the slot is starving; before taking the role. */
  final void yieldToStarvingReaders(int slot) {
    long[] words = lockWords;
    if (WriterLocks.hasStarvingReaders(words, slot)) {
      long deadline = System.nanoTime() + WRITER_PAUSE_NANOS;
      while (WriterLocks.hasStarvingReaders(words, slot) && System.nanoTime() - deadline < 0) {
        Thread.onSpinWait();
      }
    }
  }
}
