package dev.seqlock.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

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
 * The WebAssembly threads proposal's six litmus files ({@code test/core/threads/MP.wast}, {@code
 * MP_atomic.wast}, {@code SB.wast}, {@code SB_atomic.wast}, {@code LB.wast}, {@code LB_atomic.wast},
 * revision 979d0fcb9, Apache-2.0; re-expressed here, see racy-memory's PROVENANCE.md) on a {@link
 * RacyMemory}, each on its own bytes, two actors. {@code i32.store}/{@code i32.load} are UNORDERED
 * accesses, {@code i32.atomic.store}/{@code i32.atomic.load} SEQ_CST ones.
 *
 * <p>One letter per file, in that order, for its two results {@code (L_0, L_1)}: {@code a} (0, 0),
 * {@code b} (0, 1 or 42), {@code c} (1, 0), {@code d} (1, 1 or 42), {@code I} a value no store wrote.
 * The files allow every pair of written values for their UNORDERED forms and forbid one pair for their
 * atomic forms: message passing's flag without its data ({@code c}), store buffering's "neither store
 * seen" ({@code a}) and load buffering's "both loads see the later store" ({@code d}). Store buffering
 * with UNORDERED accesses showing {@code a} (x86 lets a store wait past a later load) is the
 * interesting outcome: the evidence, in the same run, that the window its atomic form must close was
 * hit. The negative control {@code negative.WastThreadsLitmusUnordered} runs every access UNORDERED
 * and must show store buffering's forbidden pair. x86 hardware forbids message passing's and load
 * buffering's pairs even for plain accesses, so on x86 only a compiler's reordering could show them
 * in the control, which the gate does not count on.
 */
@JCStressTest
@Description("WebAssembly threads litmus files MP, SB, LB and their atomic forms on RacyMemory.")
@Outcome(id = "[abcd][abd][bcd][bcd][abcd][abc]", expect = ACCEPTABLE, desc = "Allowed by all six.")
@Outcome(id = "[abcd][abd]a[bcd][abcd][abc]", expect = ACCEPTABLE_INTERESTING,
    desc = "Store buffering, UNORDERED: neither store seen (allowed; the window was hit).")
@Outcome(id = ".c....", expect = FORBIDDEN, desc = "MP_atomic: the flag without the data.")
@Outcome(id = "...a..", expect = FORBIDDEN, desc = "SB_atomic: neither store seen.")
@Outcome(id = ".....d", expect = FORBIDDEN, desc = "LB_atomic: both loads saw the other's later store.")
@Outcome(id = ".*I.*", expect = FORBIDDEN, desc = "A load returned a value nobody stored.")
@State
public class WastThreadsLitmus {
  /** Each file's first and second location: file k uses 8k and 8k + 4. */
  static final int MP = 0;

  static final int MP_ATOMIC = 8;
  static final int SB = 16;
  static final int SB_ATOMIC = 24;
  static final int LB = 32;
  static final int LB_ATOMIC = 40;

  private final RacyMemory memory = RacyMemory.allocate(48);
  /** Per file, L_0 (the first thread's result, or the reader's first load) and L_1. */
  private final int[] results = new int[12];

  /** Public no-argument constructor, for jcstress. */
  public WastThreadsLitmus() {}

  /** Thread T1 of each file. */
  @Actor
  public void t1() {
    // MP: data (42) then flag (1)
    memory.store32(MP, 42, RacyOrder.UNORDERED);
    memory.store32(MP + 4, 1, RacyOrder.UNORDERED);
    memory.store32(MP_ATOMIC, 42, RacyOrder.SEQ_CST);
    memory.store32(MP_ATOMIC + 4, 1, RacyOrder.SEQ_CST);
    // SB: store x, load y
    memory.store32(SB, 1, RacyOrder.UNORDERED);
    results[4] = memory.load32(SB + 4, RacyOrder.UNORDERED);
    memory.store32(SB_ATOMIC, 1, RacyOrder.SEQ_CST);
    results[6] = memory.load32(SB_ATOMIC + 4, RacyOrder.SEQ_CST);
    // LB: load y, store x
    results[8] = memory.load32(LB + 4, RacyOrder.UNORDERED);
    memory.store32(LB, 1, RacyOrder.UNORDERED);
    results[10] = memory.load32(LB_ATOMIC + 4, RacyOrder.SEQ_CST);
    memory.store32(LB_ATOMIC, 1, RacyOrder.SEQ_CST);
  }

  /** Thread T2 of each file. */
  @Actor
  public void t2() {
    // MP: flag, then data
    results[0] = memory.load32(MP + 4, RacyOrder.UNORDERED);
    results[1] = memory.load32(MP, RacyOrder.UNORDERED);
    results[2] = memory.load32(MP_ATOMIC + 4, RacyOrder.SEQ_CST);
    results[3] = memory.load32(MP_ATOMIC, RacyOrder.SEQ_CST);
    // SB: store y, load x
    memory.store32(SB + 4, 1, RacyOrder.UNORDERED);
    results[5] = memory.load32(SB, RacyOrder.UNORDERED);
    memory.store32(SB_ATOMIC + 4, 1, RacyOrder.SEQ_CST);
    results[7] = memory.load32(SB_ATOMIC, RacyOrder.SEQ_CST);
    // LB: load x, store y
    results[9] = memory.load32(LB, RacyOrder.UNORDERED);
    memory.store32(LB + 4, 1, RacyOrder.UNORDERED);
    results[11] = memory.load32(LB_ATOMIC, RacyOrder.SEQ_CST);
    memory.store32(LB_ATOMIC + 4, 1, RacyOrder.SEQ_CST);
  }

  /**
   * Grades the six files.
   *
   * @param r the result
   */
  @Arbiter
  public void grade(L_Result r) {
    r.r1 = grades(results);
  }

  /**
   * The six letters, for this test and its negative control.
   *
   * @param results per file, its two results
   * @return the grades
   */
  public static String grades(int[] results) {
    StringBuilder letters = new StringBuilder(6);
    for (int file = 0; file < 6; file++) {
      int l0 = results[2 * file];
      int l1 = results[2 * file + 1];
      // message passing's second result is the data (42); every other value stored is 1
      int stored1 = file < 2 ? 42 : 1;
      if ((l0 != 0 && l0 != 1) || (l1 != 0 && l1 != stored1)) {
        letters.append('I');
      } else {
        letters.append((char) ('a' + 2 * l0 + (l1 == 0 ? 0 : 1)));
      }
    }
    return letters.toString();
  }
}
