package dev.seqlock.jcstress.negative;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seqlock.racy.RacyMemory;
import dev.seqlock.racy.RacyOrder;
import dev.seqlock.racy.WaitResult;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * Negative control for {@code RacyMemoryWaitNotify}: the same actors over a waiter list that compares
 * the value before taking its lock, the classic lost wake-up. A store and notify falling between the
 * waiter's comparison and its enqueueing find nobody queued, and the waiter sleeps until its timeout.
 * The CI gate requires this test to FAIL: proof that the real test's mode hits that window.
 *
 * <p>Reproduce: {@code java -jar jcstress-tests/target/jcstress.jar -m quick -t LostWakeUp} (exit 1,
 * {@code [FAILED]}).
 */
@JCStressTest
@Description("A waiter list that compares outside its lock: must lose a wake-up.")
@Outcome(id = "NOT_EQUAL 0", expect = ACCEPTABLE, desc = "The waiter saw the store.")
@Outcome(id = "OK 1", expect = ACCEPTABLE_INTERESTING, desc = "The waiter was queued and woken.")
@Outcome(id = "TIMED_OUT 0", expect = FORBIDDEN, desc = "A lost wake-up.")
@Outcome(id = ".*", expect = FORBIDDEN, desc = "A notify count that disagrees with the waiter.")
@State
public class LostWakeUp {
  /**
   * Shorter than the real test's (1 s): every lost wake-up stalls the run for this long, and a
   * notifier 100 ms late is as unheard of as one 1 s late.
   */
  private static final long TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final RacyMemory memory = RacyMemory.allocate(8);
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Condition> waiters = new ArrayDeque<>();
  private int woken;
  private WaitResult result = WaitResult.TIMED_OUT;

  /** Public no-argument constructor, for jcstress. */
  public LostWakeUp() {}

  /** Stores 1, then wakes one waiter. */
  @Actor
  public void notifier() {
    memory.store32(0, 1, RacyOrder.SEQ_CST);
    lock.lock();
    try {
      Condition first = waiters.pollFirst();
      if (first != null) {
        first.signal();
        woken = 1;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits while the value is 0, broken. */
  @Actor
  public void waiter() {
    if (memory.load32(0, RacyOrder.SEQ_CST) != 0) { // the bug: compared before taking the lock
      result = WaitResult.NOT_EQUAL;
      return;
    }
    lock.lock();
    try {
      Condition mine = lock.newCondition();
      waiters.addLast(mine);
      long left = TIMEOUT_NANOS;
      while (waiters.contains(mine) && left > 0) {
        left = mine.awaitNanos(left);
      }
      result = waiters.remove(mine) ? WaitResult.TIMED_OUT : WaitResult.OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
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
