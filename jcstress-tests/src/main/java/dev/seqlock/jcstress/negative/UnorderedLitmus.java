package dev.seqlock.jcstress.negative;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seqlock.jcstress.RacyMemoryLitmus;
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
 * Negative control for {@code RacyMemoryLitmus}: the same five tests with the store-buffering
 * accesses UNORDERED and the read-modify-writes each an UNORDERED load and store, everything else
 * alike. x86 lets a store wait in its buffer past a later load, and two unsynchronised updates of one
 * word lose one, so the forbidden outcomes show on any machine with 2 CPUs. The CI gate requires this
 * test to FAIL: proof that the real test's mode hits those windows.
 *
 * <p>Reproduce: {@code java -jar jcstress-tests/target/jcstress.jar -m quick -t UnorderedLitmus}
 * (exit 1, {@code [FAILED]}).
 */
@JCStressTest
@Description("RacyMemory litmus with UNORDERED accesses and load+store updates: must fail.")
@Outcome(id = "[ab][ab]o[12][12M]", expect = ACCEPTABLE, desc = "Every litmus test allowed.")
@Outcome(id = "[ab]co[12][12M]", expect = ACCEPTABLE_INTERESTING, desc = "The accesses overlapped.")
@Outcome(id = "X.*", expect = FORBIDDEN, desc = "Message passing: the flag without the data.")
@Outcome(id = ".0.*", expect = FORBIDDEN, desc = "Store buffering: neither store seen.")
@Outcome(id = "..L.*", expect = FORBIDDEN, desc = "An update was lost.")
@Outcome(id = "...[TI].", expect = FORBIDDEN, desc = "An aligned store tore or a byte was invented.")
@Outcome(id = "....I", expect = FORBIDDEN, desc = "A misaligned store invented a byte.")
@State
public class UnorderedLitmus {
  private final RacyMemory memory = RacyMemory.allocate(RacyMemoryLitmus.BYTES);
  private int flag;
  private int data;
  private int sawY;
  private int sawX;

  /** Public no-argument constructor, for jcstress. */
  public UnorderedLitmus() {}

  /** As RacyMemoryLitmus' first actor, broken. */
  @Actor
  public void first() {
    memory.store32(RacyMemoryLitmus.DATA, 1, RacyOrder.UNORDERED);
    memory.store32(RacyMemoryLitmus.FLAG, 1, RacyOrder.SEQ_CST);
    memory.store32(RacyMemoryLitmus.X, 1, RacyOrder.UNORDERED); // the bug: not SEQ_CST
    sawY = memory.load32(RacyMemoryLitmus.Y, RacyOrder.UNORDERED);
    long at = RacyMemoryLitmus.WORD + 1; // the bug: a load and a store, not one atomic update
    memory.store8(at, (byte) (memory.load8(at, RacyOrder.UNORDERED) + 1), RacyOrder.UNORDERED);
    memory.store64(RacyMemoryLitmus.STORED, 0x0101010101010101L, RacyOrder.UNORDERED);
    memory.store64(RacyMemoryLitmus.MISALIGNED, 0x0101010101010101L, RacyOrder.UNORDERED);
  }

  /** As RacyMemoryLitmus' second actor, broken. */
  @Actor
  public void second() {
    flag = memory.load32(RacyMemoryLitmus.FLAG, RacyOrder.SEQ_CST);
    data = memory.load32(RacyMemoryLitmus.DATA, RacyOrder.UNORDERED);
    memory.store32(RacyMemoryLitmus.Y, 1, RacyOrder.UNORDERED);
    sawX = memory.load32(RacyMemoryLitmus.X, RacyOrder.UNORDERED);
    long at = RacyMemoryLitmus.WORD;
    memory.store32(at, memory.load32(at, RacyOrder.UNORDERED) + 1, RacyOrder.UNORDERED);
    memory.store16(at + 2, (short) (memory.load16(at + 2, RacyOrder.UNORDERED) + 1),
        RacyOrder.UNORDERED);
    memory.store64(RacyMemoryLitmus.STORED, 0x0202020202020202L, RacyOrder.UNORDERED);
    memory.store64(RacyMemoryLitmus.MISALIGNED, 0x0202020202020202L, RacyOrder.UNORDERED);
  }

  /**
   * Grades the five tests as RacyMemoryLitmus does.
   *
   * @param r the result
   */
  @Arbiter
  public void grade(L_Result r) {
    r.r1 = RacyMemoryLitmus.grades(memory, flag, data, sawX, sawY);
  }
}
