package dev.seqlock.jcstress.negative;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seqlock.SeqLock;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.jcstress.OptimisticFields;
import dev.seqlock.jcstress.Patterns;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * Negative control for {@code SeqLockOptimisticReads}: the same fields, read the same way, but kept
 * without calling {@code validate} (the bug optimistic readers can make). Mixed fields of two versions
 * then get kept, and the grading must see them. The CI gate requires this test to FAIL: proof that
 * the mode races the field reads against the writes and that the grading catches a mix. It does not
 * show that the fences are needed: on x86 only compiler reordering is observable, and their
 * necessity rests on the written argument (SeqLockEngine's notes).
 *
 * <p>Reproduce: {@code java -jar jcstress-tests/target/jcstress.jar -m quick -t UnvalidatedFieldReads}
 * (exit 1, {@code [FAILED]}).
 */
@JCStressTest
@Description("Optimistic field reads kept without validate: must keep a mix of two versions.")
@Outcome(id = "O", expect = ACCEPTABLE, desc = "All fields old.")
@Outcome(id = "N", expect = ACCEPTABLE, desc = "All fields new.")
@Outcome(id = "T", expect = FORBIDDEN, desc = "Fields of two versions kept: unvalidated reads tear.")
@State
public class UnvalidatedFieldReads {
  private final SeqLock<long[]> lock = SeqLock.create(Patterns.CODEC, Patterns.oldValue());
  private final OptimisticFields.Reads reads = OptimisticFields.of(lock);
  private final MaybeTorn<long[]> next = Patterns.newHolder();
  private final long[] seen = new long[OptimisticFields.COUNT];
  private char grade;

  /** Public no-argument constructor, for jcstress. */
  public UnvalidatedFieldReads() {}

  /** Writes the new value. */
  @Actor
  public void writer() {
    lock.writeFrom(next);
  }

  /** Reads the fields under a stamp and keeps them without validating. */
  @Actor
  public void reader() {
    long stamp = lock.tryOptimisticRead();
    OptimisticFields.read(stamp, reads, seen);
    grade = OptimisticFields.grade(seen); // the bug: no lock.validate(stamp)
  }

  /** Reports the grade. */
  @Arbiter
  public void report(L_Result r) {
    r.r1 = String.valueOf(grade);
  }
}
