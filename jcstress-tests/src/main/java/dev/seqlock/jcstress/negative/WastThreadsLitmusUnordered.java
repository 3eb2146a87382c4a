package dev.seqlock.jcstress.negative;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seqlock.jcstress.WastThreadsLitmus;
import dev.seqlock.racy.RacyMemory;
import dev.seqlock.racy.RacyOrder;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * Negative control for {@code WastThreadsLitmus}: the same six files with every access UNORDERED, the
 * atomic files' included. Store buffering's forbidden pair then shows on x86, whose stores wait in a
 * buffer past later loads. The CI gate requires this test to FAIL: proof that the real test's mode
 * hits that window.
 *
 * <p>Reproduce: {@code java -jar jcstress-tests/target/jcstress.jar -m quick -t
 * WastThreadsLitmusUnordered} (exit 1, {@code [FAILED]}).
 */
@JCStressTest
@Description("WebAssembly threads litmus files with the atomic accesses UNORDERED: must fail.")
@Outcome(id = "[abcd][abd][bcd][bcd][abcd][abc]", expect = ACCEPTABLE, desc = "Allowed by all six.")
@Outcome(id = "[abcd][abd]a[bcd][abcd][abc]", expect = ACCEPTABLE_INTERESTING,
    desc = "Store buffering, UNORDERED: neither store seen.")
@Outcome(id = ".c....", expect = FORBIDDEN, desc = "MP_atomic: the flag without the data.")
@Outcome(id = "...a..", expect = FORBIDDEN, desc = "SB_atomic: neither store seen.")
@Outcome(id = ".....d", expect = FORBIDDEN, desc = "LB_atomic: both loads saw the other's later store.")
@Outcome(id = ".*I.*", expect = FORBIDDEN, desc = "A load returned a value nobody stored.")
@State
public class WastThreadsLitmusUnordered {
  private static final RacyOrder ATOMIC = RacyOrder.UNORDERED; // the bug: should be SEQ_CST

  private final RacyMemory memory = RacyMemory.allocate(48);
  private final int[] results = new int[12];

  /** Public no-argument constructor, for jcstress. */
  public WastThreadsLitmusUnordered() {}

  /** As WastThreadsLitmus' T1, broken. */
  @Actor
  public void t1() {
    memory.store32(0, 42, RacyOrder.UNORDERED);
    memory.store32(4, 1, RacyOrder.UNORDERED);
    memory.store32(8, 42, ATOMIC);
    memory.store32(12, 1, ATOMIC);
    memory.store32(16, 1, RacyOrder.UNORDERED);
    results[4] = memory.load32(20, RacyOrder.UNORDERED);
    memory.store32(24, 1, ATOMIC);
    results[6] = memory.load32(28, ATOMIC);
    results[8] = memory.load32(36, RacyOrder.UNORDERED);
    memory.store32(32, 1, RacyOrder.UNORDERED);
    results[10] = memory.load32(44, ATOMIC);
    memory.store32(40, 1, ATOMIC);
  }

  /** As WastThreadsLitmus' T2, broken. */
  @Actor
  public void t2() {
    results[0] = memory.load32(4, RacyOrder.UNORDERED);
    results[1] = memory.load32(0, RacyOrder.UNORDERED);
    results[2] = memory.load32(12, ATOMIC);
    results[3] = memory.load32(8, ATOMIC);
    memory.store32(20, 1, RacyOrder.UNORDERED);
    results[5] = memory.load32(16, RacyOrder.UNORDERED);
    memory.store32(28, 1, ATOMIC);
    results[7] = memory.load32(24, ATOMIC);
    results[9] = memory.load32(32, RacyOrder.UNORDERED);
    memory.store32(36, 1, RacyOrder.UNORDERED);
    results[11] = memory.load32(40, ATOMIC);
    memory.store32(44, 1, ATOMIC);
  }

  /**
   * Grades the six files as WastThreadsLitmus does.
   *
   * @param r the result
   */
  @Arbiter
  public void grade(L_Result r) {
    r.r1 = WastThreadsLitmus.grades(results);
  }
}
