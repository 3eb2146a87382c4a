package dev.seqlock.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seqlock.MappedSeqLocks;
import dev.seqlock.SeqLock;
import dev.seqlock.SeqLockArray;
import dev.seqlock.atomic.MaybeTorn;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Ref;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * Reader against writer with optimistic field reads ({@code tryOptimisticRead}, {@code getLong},
 * {@code getInt}, {@code getShort}, {@code getByte}, {@code validate}) on {@link SeqLock#create},
 * {@link SeqLock#singleWriter}, {@link SeqLock#latched}, slot 1 of a {@link SeqLockArray#create}
 * and a latched single-writer lock in a memory-mapped file ({@link MappedSeqLocks}, a
 * SharedSeqLockArray writer's protocol on the memory it maps):
 * fields read under a stamp that validates all belong to one version, including {@code long}s and a
 * {@code short} that cross a word boundary.
 *
 * <p>Each subject starts with the all-zero {@link Patterns} value; the writer writes the new pattern
 * once into each (and the array's neighbouring slots around slot 1). The latched locks it writes twice,
 * a middle value ({@link Patterns#middleValue}; version 2, into the copy readers of version 0 do not
 * read) and then the new one (version 4, into the copy they do read): a latched read stays valid while
 * one write overlaps it, so only the second write can tear what it read, and three distinct values
 * let a validated read of the wrong copy show as {@code V}. The reader reads ten fields of
 * each under one stamp ({@link OptimisticFields}): if the stamp validates, the letter is {@code O}
 * (all old), {@code M} (all middle; latched only) or {@code N} (all new); if not, the reader falls back
 * to {@code readInto} and the letter is lower case ({@code o}, {@code m}, {@code n}): the race window
 * was hit, which the CI gate requires to appear.
 * {@code T}, a validated mix of fields of two values, and {@code V}, validated fields of one value that
 * is not the stamp's version (the stamp is the version its reads belong to), are forbidden.
 */
@JCStressTest
@Description(
    "Optimistic field reads on SeqLock (3 variants, latched also in a mapped file) and a SeqLockArray"
        + " slot: never torn.")
@Ref("https://rust-lang.github.io/rfcs/3301-atomic-memcpy.html")
@Ref("https://www.hpl.hp.com/techreports/2012/HPL-2012-68.pdf")
@Outcome(
    id = "[ON]{2}[OMN][ON][OMN]",
    expect = ACCEPTABLE,
    desc = "Every validated read saw old, new or (latched) middle fields of its stamp's version.")
@Outcome(
    id = "[ONon]{2}[OMNomn][ONon][OMNomn]",
    expect = ACCEPTABLE_INTERESTING,
    desc = "A write made a validation fail; the fallback read was consistent.")
@Outcome(id = ".*[Tt].*", expect = FORBIDDEN, desc = "Validated fields of two versions.")
@Outcome(id = ".*V.*", expect = FORBIDDEN, desc = "Validated fields not of the stamp's version.")
@State
public class SeqLockOptimisticReads {
  private static final int SLOT = 1;

  private final SeqLock<long[]> create = SeqLock.create(Patterns.CODEC, Patterns.oldValue());
  private final SeqLock<long[]> singleWriter =
      SeqLock.singleWriter(Patterns.CODEC, Patterns.oldValue());
  private final SeqLock<long[]> latched = SeqLock.latched(Patterns.CODEC, Patterns.oldValue());
  private final SeqLock<long[]> latchedInFile =
      MappedSeqLocks.latchedInMappedFile(Patterns.CODEC, Patterns.oldValue());
  private final SeqLockArray<long[]> array =
      SeqLockArray.create(Patterns.CODEC, 3, Patterns.oldValue());
  private final OptimisticFields.Reads createReads = OptimisticFields.of(create);
  private final OptimisticFields.Reads singleWriterReads = OptimisticFields.of(singleWriter);
  private final OptimisticFields.Reads latchedReads = OptimisticFields.of(latched);
  private final OptimisticFields.Reads latchedInFileReads = OptimisticFields.of(latchedInFile);
  private final OptimisticFields.Reads arrayReads = OptimisticFields.of(array, SLOT);
  private final MaybeTorn<long[]> middle = MaybeTorn.of(Patterns.CODEC, Patterns.middleValue());
  private final MaybeTorn<long[]> next = Patterns.newHolder();
  private final MaybeTorn<long[]> neighbour =
      MaybeTorn.of(Patterns.CODEC, new long[] {-1, -1, -1});
  private final MaybeTorn<long[]> fallback = MaybeTorn.allocate(Patterns.CODEC);
  private final long[] seen = new long[OptimisticFields.COUNT];
  private final char[] grades = new char[5];

  /** Public no-argument constructor, for jcstress. */
  public SeqLockOptimisticReads() {}

  /** Writes the new value into every subject. */
  @Actor
  public void writer() {
    create.writeFrom(next);
    singleWriter.writeFrom(next);
    latched.writeFrom(middle); // version 2: the middle value, into the other copy
    latched.writeFrom(next); // version 4: into the copy version 0's readers read
    latchedInFile.writeFrom(middle); // the same, in a mapped file
    latchedInFile.writeFrom(next);
    array.writeFrom(SLOT - 1, neighbour);
    array.writeFrom(SLOT, next);
    array.writeFrom(SLOT + 1, neighbour);
  }

  /** Reads the fields of every subject under one stamp each; falls back to readInto if invalid. */
  @Actor
  public void reader() {
    grades[0] = read(create, createReads, -1, 2);
    grades[1] = read(singleWriter, singleWriterReads, -1, 2);
    grades[2] = read(latched, latchedReads, 2, 4);
    long stamp = array.tryOptimisticRead(SLOT);
    OptimisticFields.read(stamp, arrayReads, seen);
    if (array.validate(SLOT, stamp)) {
      grades[3] = OptimisticFields.gradeValidated(seen, stamp, -1, 2);
    } else {
      array.readInto(SLOT, fallback);
      grades[3] = Character.toLowerCase(OptimisticFields.grade(OptimisticFields.parts(fallback.bytes())));
    }
    grades[4] = read(latchedInFile, latchedInFileReads, 2, 4);
  }

  private char read(
      SeqLock<long[]> lock, OptimisticFields.Reads reads, long middleVersion, long newVersion) {
    long stamp = lock.tryOptimisticRead();
    OptimisticFields.read(stamp, reads, seen);
    if (lock.validate(stamp)) {
      return OptimisticFields.gradeValidated(seen, stamp, middleVersion, newVersion);
    }
    lock.readInto(fallback);
    return Character.toLowerCase(OptimisticFields.grade(OptimisticFields.parts(fallback.bytes())));
  }

  /** Reports the grades. */
  @Arbiter
  public void report(L_Result r) {
    r.r1 = new String(grades);
  }
}
