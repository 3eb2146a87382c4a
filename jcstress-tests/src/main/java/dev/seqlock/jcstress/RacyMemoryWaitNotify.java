package dev.seqlock.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seqlock.racy.RacyMemory;
import dev.seqlock.racy.RacyOrder;
import dev.seqlock.racy.WaitResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * {@link RacyMemory#wait32} and {@link RacyMemory#notify} lose no wake-up, two actors: one stores 1
 * SEQ_CST and notifies one waiter, the other waits while the value is 0. Either the waiter saw the
 * store ({@code NOT_EQUAL 0}) or it was queued and the notify woke it ({@code OK 1}, the interesting
 * outcome: the evidence that the waiter was queued when the notify came). A lost wake-up leaves the
 * waiter asleep until its timeout ({@code TIMED_OUT 0}); a notify counting a waiter it did not wake,
 * or a waiter woken by nobody, are forbidden too.
 *
 * <p>The timeout, 1 s, is far longer than the notifier can take to reach the waiter's state: jcstress
 * runs each actor through a batch of states without blocking the notifier, so the waiter of state i
 * waits at most for the notifier to get through the rest of its stride (microseconds to
 * milliseconds). A TIMED_OUT therefore means a wake-up was lost, unless the notifier was stopped for
 * a second or more (a stop-the-world pause, or preemption on a busy machine), which no run here has
 * shown. The negative control {@code
 * negative.LostWakeUp} checks the value before it enqueues, outside the lock, and must show it.
 */
@JCStressTest
@Description("RacyMemory wait32/notify: no lost wake-up, no spurious wake-up.")
@Outcome(id = "NOT_EQUAL 0", expect = ACCEPTABLE, desc = "The waiter saw the store.")
@Outcome(id = "OK 1", expect = ACCEPTABLE_INTERESTING, desc = "The waiter was queued and woken.")
@Outcome(id = "TIMED_OUT 0", expect = FORBIDDEN, desc = "A lost wake-up.")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "A notify count that disagrees with the waiter.")
@State
public class RacyMemoryWaitNotify {
  /** Long enough that only a lost wake-up times out (the class comment). */
  public static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final RacyMemory memory = RacyMemory.allocate(8);
  private int woken;
  private WaitResult result = WaitResult.TIMED_OUT;

  /** Public no-argument constructor, for jcstress. */
  public RacyMemoryWaitNotify() {}

  /** Stores 1, then wakes one waiter. */
  @Actor
  public void notifier() {
    memory.store32(0, 1, RacyOrder.SEQ_CST);
    woken = memory.notify(0, 1);
  }

  /** Waits while the value is 0. */
  @Actor
  public void waiter() {
    result = memory.wait32(0, 0, TIMEOUT_NANOS);
  }

  /**
   * The waiter's result and the notifier's count.
   *
   * @param r the result
   */
  @Arbiter
  public void grade(L_Result r) {
    r.r1 = result + " " + woken;
  }
}
