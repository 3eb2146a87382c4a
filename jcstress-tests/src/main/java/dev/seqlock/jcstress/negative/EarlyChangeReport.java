package dev.seqlock.jcstress.negative;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seqlock.SeqLockArray;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
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
 * Negative control for {@code ChangeScan}: a change scan whose writer publishes a slot's new version
 * in its version vector before it writes the slot, instead of after the write's even store as
 * SeqLockEngine does; everything else (the Release store, the reader's Acquire read of the vector,
 * {@code readIfNewer}) is right, so the failure is the order, which any machine with 2 CPUs shows.
 * The CI gate requires this test to FAIL: proof that the real test's mode hits the window between a
 * write and its report.
 *
 * <p>Reproduce: {@code java -jar jcstress-tests/target/jcstress.jar -m quick -t EarlyChangeReport}
 * (exit 1, {@code [FAILED]}).
 */
public final class EarlyChangeReport {
  private EarlyChangeReport() {}

  /** A slot reported before its write completes may still read at the version seen. */
  @JCStressTest
  @Description("Change scan told of a write before it completes: must report a slot still unchanged.")
  @Outcome(id = "o", expect = ACCEPTABLE, desc = "Not reported; read at version 0.")
  @Outcome(id = "n", expect = ACCEPTABLE, desc = "Not reported; read at version 2.")
  @Outcome(id = "N", expect = ACCEPTABLE, desc = "Reported; read at version 2.")
  @Outcome(id = "X", expect = FORBIDDEN, desc = "Reported, yet read at version 0: reported too early.")
  @State
  public static class PublishedBeforeTheWrite {
    private static final VarHandle VERSIONS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final ByteCodec<Long> LONG = ByteCodecs.ofLong();

    private final SeqLockArray<Long> array = SeqLockArray.singleWriter(LONG, 1, 0L);
    private final long[] versions = new long[1];
    private final MaybeTorn<Long> value = MaybeTorn.of(LONG, 1L);
    private final MaybeTorn<Long> holder = MaybeTorn.allocate(LONG);
    private char grade;

    /** Public no-argument constructor, for jcstress. */
    public PublishedBeforeTheWrite() {}

    /** The bug: version 2 published, then written. */
    @Actor
    public void writer() {
      VERSIONS.setRelease(versions, 0, 2L);
      array.writeFrom(0, value);
    }

    /** A scan of the one slot, then its read. */
    @Actor
    public void reader() {
      boolean reported = (long) VERSIONS.getAcquire(versions, 0) != 0;
      long version = array.readIfNewer(0, 0, holder);
      grade = reported ? (version == 2 ? 'N' : 'X') : (version == 2 ? 'n' : 'o');
    }

    /** Reports the grade. */
    @Arbiter
    public void report(L_Result r) {
      r.r1 = String.valueOf(grade);
    }
  }
}
