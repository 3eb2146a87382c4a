package dev.seqlock.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seqlock.MappedSeqLocks;
import dev.seqlock.SeqLock;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Ref;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * Reader against writer for each {@link SeqLock} variant, with values of 8, 13, 24, 64 and 200 bytes
 * (13 is not a multiple of 8): a snapshot is never torn, and its version matches its value. The
 * latched protocol runs on the heap with a writer lock ({@link SeqLock#latched}) and with a single
 * writer ({@link SeqLock#latchedSingleWriter}), and with a single writer as a SharedSeqLockArray's
 * in a memory-mapped file ({@link MappedSeqLocks}).
 *
 * <p>Each lock starts at version 0 holding all-zero bytes; the writer writes once, a value whose byte
 * {@code k} is {@code k + 1}, giving version 2. For each size in turn the reader first makes one
 * optimistic attempt, with {@link SeqLock#tryReadInto} (which returns the version read, checked
 * against the bytes) or, for the 24- and 64-byte values, {@link SeqLock#tryRead()} (which returns
 * only the value); if a write interfered (the race window was hit) it then reads with {@link
 * SeqLock#readInto}, which retries until it has a consistent snapshot. Per size
 * the result letter is {@code O} (old value) or {@code N} (new value), lower case if the optimistic
 * attempt failed first (for the latched variant, whose writer writes twice, also {@code L}, the last
 * value); {@code T} is a torn snapshot (bytes of both values) and {@code V} a snapshot
 * whose version does not match its bytes, both forbidden. The CI gate requires the lower-case
 * (interesting) results to appear in every run: proof that the reader really raced the writer.
 *
 * <p>The writer uses both write paths: {@link SeqLock#writeFrom} for the 8-, 24- and 200-byte values,
 * and field writes ({@link SeqLock#beginWrite}, {@link SeqLock#putLong}, {@link SeqLock#endWrite}) for
 * the 13- and 64-byte ones, the 13-byte value as a long at offset 0 and one at offset 5, which crosses
 * a word boundary and overlaps the first (so part stores that read-modify-write a word are covered).
 */
public final class SeqLockSnapshots {
  private SeqLockSnapshots() {}

  /** The value sizes, in bytes. */
  static final int[] SIZES = {8, 13, 24, 64, 200};

  /** Per size: whether the writer writes it with field writes instead of writeFrom. */
  static final boolean[] FIELD_WRITES = {false, true, false, true, false};

  /**
   * Per size: whether the reader's one optimistic attempt is {@code tryRead} (no version to check)
   * instead of {@code tryReadInto} (whose version must match the bytes). Each kind of attempt meets
   * both write paths: {@code tryReadInto} the 8- and 200-byte writeFrom and the 13-byte field writes,
   * {@code tryRead} the 24-byte writeFrom and the 64-byte field writes.
   */
  static final boolean[] BY_TRY_READ = {false, false, true, true, false};

  /** What the one optimistic attempt grades as when a write interfered with it. */
  private static final char FAILED = '-';

  /** One lock per size, and what the reader saw. */
  abstract static class Locks {
    final SeqLock<byte[]>[] locks;
    final MaybeTorn<byte[]>[] next;
    final MaybeTorn<byte[]>[] last;
    final MaybeTorn<byte[]>[] seen;
    final char[] grades = new char[SIZES.length];

    @SuppressWarnings({"unchecked", "rawtypes"}) // generic arrays, filled right below
    Locks(BiFunction<ByteCodec<byte[]>, byte[], SeqLock<byte[]>> factory) {
      locks = new SeqLock[SIZES.length];
      next = new MaybeTorn[SIZES.length];
      last = new MaybeTorn[SIZES.length];
      seen = new MaybeTorn[SIZES.length];
      for (int i = 0; i < SIZES.length; i++) {
        ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(SIZES[i]);
        locks[i] = factory.apply(codec, new byte[SIZES[i]]);
        next[i] = MaybeTorn.of(codec, newValue(SIZES[i]));
        last[i] = MaybeTorn.of(codec, lastValue(SIZES[i], FIELD_WRITES[i]));
        seen[i] = MaybeTorn.allocate(codec);
      }
    }

    /** Writes the new value into every lock: by writeFrom or by field writes (FIELD_WRITES). */
    final void writeAll() {
      for (int i = 0; i < locks.length; i++) {
        write(i, next[i]);
      }
    }

    /**
     * Writes the new value and then the last value into each lock in turn, the two back to back. Where
     * the writes are field writes the second puts only the long at offset 0 (lastValue), so the bytes
     * after it must come from the version before: a latched field write's copy of the other copy.
     */
    final void writeAllTwice() {
      for (int i = 0; i < locks.length; i++) {
        write(i, next[i]);
        if (FIELD_WRITES[i]) {
          long stamp = locks[i].beginWrite();
          try {
            locks[i].putLong(stamp, 0, last[i].bytes().getLong(0));
          } finally {
            locks[i].endWrite(stamp);
          }
        } else {
          locks[i].writeFrom(last[i]);
        }
      }
    }

    private void write(int i, MaybeTorn<byte[]> value) {
      if (FIELD_WRITES[i]) {
        writeFields(locks[i], value);
      } else {
        locks[i].writeFrom(value);
      }
    }

    /**
     * Writes {@code value} with one field write: a long at every multiple of 8 that fits, then, if the
     * size is not a multiple of 8, the last 8 bytes (across a word boundary, overlapping the long before).
     */
    private static void writeFields(SeqLock<byte[]> lock, MaybeTorn<byte[]> value) {
      int size = value.byteSize();
      long stamp = lock.beginWrite();
      try {
        for (int offset = 0; offset + Long.BYTES <= size; offset += Long.BYTES) {
          lock.putLong(stamp, offset, value.bytes().getLong(offset));
        }
        if (size % Long.BYTES != 0) {
          lock.putLong(stamp, size - Long.BYTES, value.bytes().getLong(size - Long.BYTES));
        }
      } finally {
        lock.endWrite(stamp);
      }
    }

    /**
     * Reads every lock: one optimistic attempt, then a full read if it failed. The attempt is a
     * {@code tryReadInto}, graded with the version it returns, except for the sizes of {@link
     * #BY_TRY_READ}, whose attempt is a {@code tryRead}: it returns the decoded value and no version.
     */
    final void readAll() {
      for (int i = 0; i < locks.length; i++) {
        byte[] lastBytes = last[i].bytes().toByteArray();
        char first = BY_TRY_READ[i] ? tryReadGrade(i, lastBytes) : tryReadIntoGrade(i, lastBytes);
        if (first != FAILED) {
          grades[i] = first;
        } else {
          long version = locks[i].readInto(seen[i]);
          grades[i] =
              Character.toLowerCase(grade(seen[i].bytes().toByteArray(), lastBytes, version));
        }
      }
    }

    /** The grade of one {@code tryRead} of lock {@code i} (no version to check), or FAILED. */
    private char tryReadGrade(int i, byte[] lastBytes) {
      byte @Nullable [] value = locks[i].tryRead();
      return value == null ? FAILED : grade(value, lastBytes, -1);
    }

    /** The grade of one {@code tryReadInto} of lock {@code i}, with its version, or FAILED. */
    private char tryReadIntoGrade(int i, byte[] lastBytes) {
      long version = locks[i].tryReadInto(seen[i]);
      return version < 0 ? FAILED : grade(seen[i].bytes().toByteArray(), lastBytes, version);
    }

    final String result() {
      return new String(grades);
    }
  }

  static byte[] newValue(int size) {
    byte[] value = new byte[size];
    for (int k = 0; k < size; k++) {
      value[k] = (byte) (k + 1);
    }
    return value;
  }

  /**
   * The value of the second write, where there is one: byte {@code k} is {@code k + 101}, which differs
   * from the new value's byte by 100 (mod 256); for a field-written size only bytes 0 to 7 (the long
   * the second field write puts), the rest being the new value's.
   */
  static byte[] lastValue(int size, boolean fieldWrites) {
    byte[] value = newValue(size);
    for (int k = 0; k < (fieldWrites ? Long.BYTES : size); k++) {
      value[k] = (byte) (k + 101);
    }
    return value;
  }

  /** {@link #grade(byte[], byte[], long)} where the writer writes once (no last value). */
  static char grade(byte[] value, long version) {
    return grade(value, null, version);
  }

  /**
   * O (old, version 0), N (new, version 2), L ({@code last}, version 4: only where the writer writes
   * twice), T (torn) or V (version does not match the bytes); {@code version} -1 means unknown.
   */
  static char grade(byte[] value, byte @Nullable [] last, long version) {
    boolean allOld = true;
    boolean allNew = true;
    boolean allLast = last != null;
    for (int k = 0; k < value.length; k++) {
      allOld &= value[k] == 0;
      allNew &= value[k] == (byte) (k + 1);
      allLast &= last != null && value[k] == last[k];
    }
    if (!allOld && !allNew && !allLast) {
      return 'T';
    }
    if (version >= 0 && version != (allOld ? 0 : allNew ? 2 : 4)) {
      return 'V';
    }
    return allOld ? 'O' : allNew ? 'N' : 'L';
  }

  /** {@link SeqLock#create}: a snapshot is never torn and its version matches its bytes. */
  @JCStressTest
  @Description(
      "SeqLock.create: reader vs writer (writeFrom, field writes), 8/13/24/64/200 bytes;"
          + " never torn.")
  @Ref("https://rust-lang.github.io/rfcs/3301-atomic-memcpy.html")
  @Ref("https://www.hpl.hp.com/techreports/2012/HPL-2012-68.pdf")
  @Outcome(id = "[ON]{5}", expect = ACCEPTABLE, desc = "Each read saw the old or the new value.")
  @Outcome(
      id = "[ONon]{5}",
      expect = ACCEPTABLE_INTERESTING,
      desc = "A write interfered with an optimistic attempt; the retried read was consistent.")
  @Outcome(id = ".*[Tt].*", expect = FORBIDDEN, desc = "Torn snapshot: bytes of both values.")
  @Outcome(id = ".*[Vv].*", expect = FORBIDDEN, desc = "The version does not match the value.")
  @State
  public static class Create extends Locks {
    /** Public no-argument constructor, for jcstress. */
    public Create() {
      super(SeqLock::create);
    }

    /** Writes every lock once. */
    @Actor
    public void writer() {
      writeAll();
    }

    /** Reads every lock once. */
    @Actor
    public void reader() {
      readAll();
    }

    /** Reports the grades. */
    @Arbiter
    public void report(L_Result r) {
      r.r1 = result();
    }
  }

  /** {@link SeqLock#singleWriter}: a snapshot is never torn and its version matches its bytes. */
  @JCStressTest
  @Description(
      "SeqLock.singleWriter: reader vs writer (writeFrom, field writes), 8/13/24/64/200 bytes;"
          + " never torn.")
  @Ref("https://rust-lang.github.io/rfcs/3301-atomic-memcpy.html")
  @Ref("https://www.hpl.hp.com/techreports/2012/HPL-2012-68.pdf")
  @Outcome(id = "[ON]{5}", expect = ACCEPTABLE, desc = "Each read saw the old or the new value.")
  @Outcome(
      id = "[ONon]{5}",
      expect = ACCEPTABLE_INTERESTING,
      desc = "A write interfered with an optimistic attempt; the retried read was consistent.")
  @Outcome(id = ".*[Tt].*", expect = FORBIDDEN, desc = "Torn snapshot: bytes of both values.")
  @Outcome(id = ".*[Vv].*", expect = FORBIDDEN, desc = "The version does not match the value.")
  @State
  public static class SingleWriter extends Locks {
    /** Public no-argument constructor, for jcstress. */
    public SingleWriter() {
      super(SeqLock::singleWriter);
    }

    /** Writes every lock once. */
    @Actor
    public void writer() {
      writeAll();
    }

    /** Reads every lock once. */
    @Actor
    public void reader() {
      readAll();
    }

    /** Reports the grades. */
    @Arbiter
    public void report(L_Result r) {
      r.r1 = result();
    }
  }

  /**
   * {@link SeqLock#latched}: a snapshot is never torn and its version matches its bytes. The writer
   * writes each lock twice, back to back: a latched read is kept while one write (to the other copy)
   * overlaps it, so only the second write, to the copy the reader reads, can make an attempt fail,
   * and the interesting outcome is evidence that the reader overlapped it.
   */
  @JCStressTest
  @Description(
      "SeqLock.latched: reader vs writer writing twice (writeFrom, field writes), 8/13/24/64/200"
          + " bytes; never torn.")
  @Ref("https://rust-lang.github.io/rfcs/3301-atomic-memcpy.html")
  @Ref("https://lwn.net/Articles/580879/")
  @Outcome(
      id = "[ONL]{5}",
      expect = ACCEPTABLE,
      desc = "Each read saw the old, the new or the last value.")
  @Outcome(
      id = "[ONLonl]{5}",
      expect = ACCEPTABLE_INTERESTING,
      desc = "A write to the copy an optimistic attempt read began; the retried read was consistent.")
  @Outcome(id = ".*[Tt].*", expect = FORBIDDEN, desc = "Torn snapshot: bytes of both values.")
  @Outcome(id = ".*[Vv].*", expect = FORBIDDEN, desc = "The version does not match the value.")
  @State
  public static class Latched extends Locks {
    /** Public no-argument constructor, for jcstress. */
    public Latched() {
      super(SeqLock::latched);
    }

    /** Writes every lock twice. */
    @Actor
    public void writer() {
      writeAllTwice();
    }

    /** Reads every lock once. */
    @Actor
    public void reader() {
      readAll();
    }

    /** Reports the grades. */
    @Arbiter
    public void report(L_Result r) {
      r.r1 = result();
    }
  }

  /**
   * {@link SeqLock#latchedSingleWriter}: {@link Latched}'s protocol on the heap with the caller's
   * promise for the writer role instead of a lock (the only writer is the writer actor). The writer
   * writes each lock twice, back to back, as in {@link Latched}.
   */
  @JCStressTest
  @Description(
      "SeqLock.latchedSingleWriter: reader vs writer writing twice (writeFrom, field writes),"
          + " 8/13/24/64/200 bytes; never torn.")
  @Ref("https://rust-lang.github.io/rfcs/3301-atomic-memcpy.html")
  @Ref("https://lwn.net/Articles/580879/")
  @Outcome(
      id = "[ONL]{5}",
      expect = ACCEPTABLE,
      desc = "Each read saw the old, the new or the last value.")
  @Outcome(
      id = "[ONLonl]{5}",
      expect = ACCEPTABLE_INTERESTING,
      desc = "A write to the copy an optimistic attempt read began; the retried read was consistent.")
  @Outcome(id = ".*[Tt].*", expect = FORBIDDEN, desc = "Torn snapshot: bytes of both values.")
  @Outcome(id = ".*[Vv].*", expect = FORBIDDEN, desc = "The version does not match the value.")
  @State
  public static class LatchedSingleWriter extends Locks {
    /** Public no-argument constructor, for jcstress. */
    public LatchedSingleWriter() {
      super(SeqLock::latchedSingleWriter);
    }

    /** Writes every lock twice. */
    @Actor
    public void writer() {
      writeAllTwice();
    }

    /** Reads every lock once. */
    @Actor
    public void reader() {
      readAll();
    }

    /** Reports the grades. */
    @Arbiter
    public void report(L_Result r) {
      r.r1 = result();
    }
  }

  /**
   * {@link Latched} with a single writer and the locks' words in a memory-mapped file ({@link
   * MappedSeqLocks#latchedInMappedFile}): a SharedSeqLockArray writer's protocol and role, on the
   * memory such a file gives, through the buffer side of the storage seam. The writer
   * writes each lock twice, back to back: a latched read is kept while one write (to the other copy)
   * overlaps it, so only the second write, to the copy the reader reads, can make an attempt fail,
   * and the interesting outcome is evidence that the reader overlapped it.
   */
  @JCStressTest
  @Description(
      "Latched single-writer SeqLock in a mapped file: reader vs writer writing twice (writeFrom, field"
          + " writes), 8/13/24/64/200 bytes; never torn.")
  @Ref("https://rust-lang.github.io/rfcs/3301-atomic-memcpy.html")
  @Ref("https://lwn.net/Articles/580879/")
  @Outcome(
      id = "[ONL]{5}",
      expect = ACCEPTABLE,
      desc = "Each read saw the old, the new or the last value.")
  @Outcome(
      id = "[ONLonl]{5}",
      expect = ACCEPTABLE_INTERESTING,
      desc = "A write to the copy an optimistic attempt read began; the retried read was consistent.")
  @Outcome(id = ".*[Tt].*", expect = FORBIDDEN, desc = "Torn snapshot: bytes of both values.")
  @Outcome(id = ".*[Vv].*", expect = FORBIDDEN, desc = "The version does not match the value.")
  @State
  public static class LatchedInMappedFile extends Locks {
    /** Public no-argument constructor, for jcstress. */
    public LatchedInMappedFile() {
      super(MappedSeqLocks::latchedInMappedFile);
    }

    /** Writes every lock twice. */
    @Actor
    public void writer() {
      writeAllTwice();
    }

    /** Reads every lock once. */
    @Actor
    public void reader() {
      readAll();
    }

    /** Reports the grades. */
    @Arbiter
    public void report(L_Result r) {
      r.r1 = result();
    }
  }
}
