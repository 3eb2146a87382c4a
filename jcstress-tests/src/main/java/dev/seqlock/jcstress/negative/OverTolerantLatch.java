package dev.seqlock.jcstress.negative;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * Negative control for {@code SeqLockSnapshots.Latched}: the latched protocol of {@code SeqLockEngine}
 * (version 2n in copy n &amp; 1, each write writing the other copy, the same accesses and fences) with
 * one deliberate error: the reader keeps its copy while the sequence has moved past its version by 3,
 * where the real reader allows 2, so it keeps reads that the next write to its own copy overlapped.
 * The writer writes twice, back to back, as in the real test; the second write is the one to the
 * reader's copy. Unlike {@link BrokenSeqLock}, every ordering here is right: the failure is in the
 * protocol's arithmetic, so any machine with 2 CPUs catches it. The CI gate requires this test to
 * FAIL: proof that the real test's mode hits the window that the tolerance of 2 guards.
 *
 * <p>Reproduce: {@code java -jar jcstress-tests/target/jcstress.jar -m quick -t OverTolerantLatch}
 * (exit 1, {@code [FAILED]}).
 */
public final class OverTolerantLatch {
  private OverTolerantLatch() {}

  /** A read kept by the over-tolerant reader may be torn. */
  @JCStressTest
  @Description("Latched reader keeping reads 3 past its version (the real one: 2): must keep a torn read.")
  @Outcome(id = "O", expect = ACCEPTABLE, desc = "Kept the initial value (version 0).")
  @Outcome(id = "N", expect = ACCEPTABLE, desc = "Kept the first write's value (version 2).")
  @Outcome(id = "L", expect = ACCEPTABLE, desc = "Kept the second write's value (version 4).")
  @Outcome(id = "F", expect = ACCEPTABLE, desc = "Rejected its read.")
  @Outcome(id = "T", expect = FORBIDDEN, desc = "Kept a torn read: the tolerance is too large.")
  @Outcome(id = "V", expect = FORBIDDEN, desc = "Kept a read whose bytes are not its version's.")
  @State
  public static class ToleranceOfThree {
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int VALUE_WORDS = 8;
    private static final long TOLERANCE = 3; // the bug: SeqLockEngine.LATCHED_SLACK is 2

    private final long[] sequence = new long[1];
    private final long[] copy0 = new long[VALUE_WORDS];
    private final long[] copy1 = new long[VALUE_WORDS];
    private final long[] seen = new long[VALUE_WORDS];
    private char grade = 'F';

    /** Public no-argument constructor, for jcstress. */
    public ToleranceOfThree() {}

    /** Two writes, back to back: 1s (version 2, into copy1), then 2s (version 4, into copy0). */
    @Actor
    public void writer() {
      write(1);
      write(2);
    }

    private void write(long value) {
      long s = sequence[0]; // plain: the only writer reads back its own store
      WORDS.setRelease(sequence, 0, s + 1); // as SeqLockEngine: Release odd store
      VarHandle.releaseFence(); // keeps s + 1 before the copy's words
      long[] copy = ((s + 2) & 2) == 0 ? copy0 : copy1; // the copy version s + 2 goes to
      for (int i = 0; i < VALUE_WORDS; i++) {
        copy[i] = value;
      }
      WORDS.setRelease(sequence, 0, s + 2);
    }

    /** One attempt, as SeqLockEngine.attempt for two copies, but with the tolerance of 3. */
    @Actor
    public void reader() {
      long s1 = (long) WORDS.getAcquire(sequence, 0);
      long version = s1 & ~1L;
      long[] copy = (version & 2) == 0 ? copy0 : copy1;
      for (int i = 0; i < VALUE_WORDS; i++) {
        seen[i] = copy[i];
      }
      VarHandle.acquireFence(); // the copy's reads stay before the validating read
      long s2 = (long) WORDS.getOpaque(sequence, 0);
      if (s2 - version <= TOLERANCE) {
        grade = gradeOf(seen, version);
      }
    }

    /** Version 2w holds the value w in every word (w = 0, 1, 2). */
    private static char gradeOf(long[] words, long version) {
      long first = words[0];
      for (long word : words) {
        if (word != first) {
          return 'T';
        }
      }
      if (first != version / 2) {
        return 'V';
      }
      return first == 0 ? 'O' : first == 1 ? 'N' : 'L';
    }

    /** Reports what the reader kept. */
    @Arbiter
    public void report(L_Result r) {
      r.r1 = String.valueOf(grade);
    }
  }
}
