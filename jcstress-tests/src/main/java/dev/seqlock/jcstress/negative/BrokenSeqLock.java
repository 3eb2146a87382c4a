package dev.seqlock.jcstress.negative;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * Negative control for {@code SeqLockSnapshots}: a deliberately broken sequence lock whose sequence is
 * a plain field and whose data is a plain copy, with no fences. The JIT may fold the reader's second
 * read of the sequence into its first and reorder the writer's stores, so torn snapshots get accepted.
 * The CI gate requires this test to FAIL.
 *
 * <p>Reproduce: {@code java -jar jcstress-tests/target/jcstress.jar -m quick -t BrokenSeqLock} (exit
 * 1, {@code [FAILED]}). Needs 2 CPUs; x86 suffices, because the failure comes from the compiler.
 */
public final class BrokenSeqLock {
  private BrokenSeqLock() {}

  /** A snapshot kept by the broken protocol may be torn: the same grading as the real tests. */
  @JCStressTest
  @Description("Broken seqlock (plain sequence, plain copy): must accept a torn snapshot.")
  @Outcome(id = "O", expect = ACCEPTABLE, desc = "Kept the old value.")
  @Outcome(id = "N", expect = ACCEPTABLE, desc = "Kept the new value.")
  @Outcome(id = "G", expect = ACCEPTABLE, desc = "Gave up after bounded attempts.")
  @Outcome(id = "T", expect = FORBIDDEN, desc = "Kept a torn snapshot: the protocol is broken.")
  @State
  public static class PlainSequence {
    private static final int WORDS = 8;
    private static final long[] NEW = {1, 1, 1, 1, 1, 1, 1, 1};

    long sequence;
    private final long[] data = new long[WORDS];
    private final long[] seen = new long[WORDS];
    private char grade = 'G';

    /** Public no-argument constructor, for jcstress. */
    public PlainSequence() {}

    /** The broken writer: plain increments around a plain copy. */
    @Actor
    public void writer() {
      sequence++;
      System.arraycopy(NEW, 0, data, 0, WORDS);
      sequence++;
    }

    /** The broken reader: plain reads of the sequence around a plain copy. */
    @Actor
    public void reader() {
      for (int attempt = 0; attempt < 100; attempt++) {
        long s1 = sequence;
        if ((s1 & 1) != 0) {
          continue;
        }
        System.arraycopy(data, 0, seen, 0, WORDS);
        if (sequence == s1) {
          grade = gradeOf(seen);
          return;
        }
      }
    }

    private static char gradeOf(long[] words) {
      long sum = 0;
      for (long word : words) {
        sum += word;
      }
      return sum == 0 ? 'O' : sum == WORDS ? 'N' : 'T';
    }

    /** Reports what the reader kept. */
    @Arbiter
    public void report(L_Result r) {
      r.r1 = String.valueOf(grade);
    }
  }
}
