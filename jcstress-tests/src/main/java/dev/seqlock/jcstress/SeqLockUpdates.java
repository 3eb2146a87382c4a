package dev.seqlock.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seqlock.SeqLock;
import dev.seqlock.atomic.ByteCodecs;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

/** Two writers racing {@link SeqLock#update} on a counter. */
public final class SeqLockUpdates {
  private SeqLockUpdates() {}

  /**
   * Two writer threads each increment a counter once through {@link SeqLock#update}, on a
   * {@link SeqLock#create} lock and on a {@link SeqLock#latched} one: no update is lost.
   */
  @JCStressTest
  @Description("SeqLock.update from two writers (create and latched): no update is lost.")
  @Outcome(id = "2, 2", expect = ACCEPTABLE, desc = "Both increments survived on both locks.")
  @Outcome(expect = FORBIDDEN, desc = "An update was lost.")
  @State
  public static class TwoWriters {
    private final SeqLock<Long> create = SeqLock.create(ByteCodecs.ofLong(), 0L);
    private final SeqLock<Long> latched = SeqLock.latched(ByteCodecs.ofLong(), 0L);

    /** Public no-argument constructor, for jcstress. */
    public TwoWriters() {}

    /** Increments both counters. */
    @Actor
    public void first() {
      create.update(x -> x + 1);
      latched.update(x -> x + 1);
    }

    /** Increments both counters. */
    @Actor
    public void second() {
      latched.update(x -> x + 1);
      create.update(x -> x + 1);
    }

    /** Reads both counters once both writers are done. */
    @Arbiter
    public void count(JJ_Result r) {
      r.r1 = create.read();
      r.r2 = latched.read();
    }
  }
}
