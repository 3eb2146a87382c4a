package dev.seqlock.racy;

import static dev.seqlock.racy.RacyOrder.UNORDERED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seqlock.racy.RacyMemoryTest.Kind;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ObjLongConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The steady-state allocation of every access of {@link RacyMemory} is nothing: on every kind of
 * memory ({@link Kind}), each load and store in each order and size, aligned, and misaligned when
 * UNORDERED, at the first 64 KiB's end (across a segment's end on the growable kinds), every
 * read-modify-write and compare-and-exchange at every size, the bulk copies and fill, and notify with
 * no waiter; on one memory, notify with waiters at other offsets, and notify waking a waiter.
 * Measured with HotSpot's per-thread allocation counter in the calling thread, after a warm-up that
 * lets the JIT compile the paths. A wait allocates its waiter, and is not measured.
 */
class RacyMemoryAllocationTest {
  private static final int WARM_UP_CALLS = 100_000;
  private static final int CALLS = 100_000;

  /**
   * Allowed bytes for all calls together: the measurement itself may allocate a little (the first
   * query of the counter, a deoptimisation), never per call; one allocation per call, even of an
   * empty object, would be 1.6 MB.
   */
  private static final long SLACK_BYTES = 1_024;

  /** HotSpot's per-thread allocation counter, or the test is skipped. */
  private static com.sun.management.ThreadMXBean allocationCounter() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(
        bean instanceof com.sun.management.ThreadMXBean,
        "no per-thread allocation counter on this JVM");
    com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(counter.isThreadAllocatedMemorySupported(), "allocation counter not supported");
    if (!counter.isThreadAllocatedMemoryEnabled()) {
      counter.setThreadAllocatedMemoryEnabled(true);
    }
    return counter;
  }

  private static long allocatedBytes(com.sun.management.ThreadMXBean counter) {
    return counter.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  /** An access with its name; called with the memory and the call's number, which it may use. */
  private record Access(String name, ObjLongConsumer<RacyMemory> call) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Every access path; n varies the values, and where an access must not fail, nothing else. */
  private static List<Access> accesses() {
    List<Access> all = new ArrayList<>();
    for (RacyOrder order : RacyOrder.values()) {
      all.add(new Access("load8 " + order, (m, n) -> sink(m.load8(8, order))));
      all.add(new Access("load16 " + order, (m, n) -> sink(m.load16(8, order))));
      all.add(new Access("load32 " + order, (m, n) -> sink(m.load32(8, order))));
      all.add(new Access("load64 " + order, (m, n) -> sink(m.load64(8, order))));
      all.add(new Access("store8 " + order, (m, n) -> m.store8(8, (byte) n, order)));
      all.add(new Access("store16 " + order, (m, n) -> m.store16(8, (short) n, order)));
      all.add(new Access("store32 " + order, (m, n) -> m.store32(8, (int) n, order)));
      all.add(new Access("store64 " + order, (m, n) -> m.store64(8, n, order)));
    }
    all.add(new Access("load16 misaligned", (m, n) -> sink(m.load16(9, UNORDERED))));
    all.add(new Access("load32 misaligned", (m, n) -> sink(m.load32(9, UNORDERED))));
    all.add(new Access("load64 misaligned", (m, n) -> sink(m.load64(9, UNORDERED))));
    all.add(new Access("store16 misaligned", (m, n) -> m.store16(11, (short) n, UNORDERED)));
    all.add(new Access("store32 misaligned", (m, n) -> m.store32(11, (int) n, UNORDERED)));
    all.add(new Access("store64 misaligned", (m, n) -> m.store64(11, n, UNORDERED)));
    all.add(new Access("load32 at the first 64 KiB's end",
        (m, n) -> sink(m.load32(RacyMemoryTest.SEAM - 1, UNORDERED))));
    all.add(new Access("store64 at the first 64 KiB's end",
        (m, n) -> m.store64(RacyMemoryTest.SEAM - 3, n, UNORDERED)));
    all.add(new Access("getAndAdd8", (m, n) -> sink(m.getAndAdd8(17, (byte) n))));
    all.add(new Access("getAndAdd16", (m, n) -> sink(m.getAndAdd16(18, (short) n))));
    all.add(new Access("getAndAdd32", (m, n) -> sink(m.getAndAdd32(20, (int) n))));
    all.add(new Access("getAndAdd64", (m, n) -> sink(m.getAndAdd64(24, n))));
    all.add(new Access("getAndSub8", (m, n) -> sink(m.getAndSub8(17, (byte) n))));
    all.add(new Access("getAndSub16", (m, n) -> sink(m.getAndSub16(18, (short) n))));
    all.add(new Access("getAndSub32", (m, n) -> sink(m.getAndSub32(20, (int) n))));
    all.add(new Access("getAndSub64", (m, n) -> sink(m.getAndSub64(24, n))));
    all.add(new Access("getAndAnd8", (m, n) -> sink(m.getAndAnd8(17, (byte) n))));
    all.add(new Access("getAndAnd16", (m, n) -> sink(m.getAndAnd16(18, (short) n))));
    all.add(new Access("getAndAnd32", (m, n) -> sink(m.getAndAnd32(20, (int) n))));
    all.add(new Access("getAndAnd64", (m, n) -> sink(m.getAndAnd64(24, n))));
    all.add(new Access("getAndOr8", (m, n) -> sink(m.getAndOr8(17, (byte) n))));
    all.add(new Access("getAndOr16", (m, n) -> sink(m.getAndOr16(18, (short) n))));
    all.add(new Access("getAndOr32", (m, n) -> sink(m.getAndOr32(20, (int) n))));
    all.add(new Access("getAndOr64", (m, n) -> sink(m.getAndOr64(24, n))));
    all.add(new Access("getAndXor8", (m, n) -> sink(m.getAndXor8(17, (byte) n))));
    all.add(new Access("getAndXor16", (m, n) -> sink(m.getAndXor16(18, (short) n))));
    all.add(new Access("getAndXor32", (m, n) -> sink(m.getAndXor32(20, (int) n))));
    all.add(new Access("getAndXor64", (m, n) -> sink(m.getAndXor64(24, n))));
    all.add(new Access("getAndSet8", (m, n) -> sink(m.getAndSet8(17, (byte) n))));
    all.add(new Access("getAndSet16", (m, n) -> sink(m.getAndSet16(18, (short) n))));
    all.add(new Access("getAndSet32", (m, n) -> sink(m.getAndSet32(20, (int) n))));
    all.add(new Access("getAndSet64", (m, n) -> sink(m.getAndSet64(24, n))));
    all.add(new Access("compareAndExchange8",
        (m, n) -> sink(m.compareAndExchange8(17, (byte) n, (byte) (n + 1)))));
    all.add(new Access("compareAndExchange16",
        (m, n) -> sink(m.compareAndExchange16(18, (short) n, (short) (n + 1)))));
    all.add(new Access("compareAndExchange32",
        (m, n) -> sink(m.compareAndExchange32(20, (int) n, (int) n + 1))));
    all.add(new Access("compareAndExchange64",
        (m, n) -> sink(m.compareAndExchange64(24, n, n + 1))));
    all.add(new Access("copyWithin", (m, n) -> m.copyWithin(64, 1_000, 4_096)));
    all.add(new Access("copyWithin at the first 64 KiB's end",
        (m, n) -> m.copyWithin(RacyMemoryTest.SEAM - 100, 70_000, 300)));
    all.add(new Access("copyFrom", (m, n) -> m.copyFrom(BYTES, 0, 64, BYTES.length)));
    all.add(new Access("copyTo", (m, n) -> m.copyTo(64, BYTES, 0, BYTES.length)));
    all.add(new Access("fill", (m, n) -> m.fill(64, 4_096, (byte) n)));
    all.add(new Access("byteLength", (m, n) -> sink(m.byteLength())));
    all.add(new Access("fence", (m, n) -> RacyMemory.fence()));
    all.add(new Access("isLockFree", (m, n) -> sink(RacyMemory.isLockFree(4) ? 1 : 0)));
    all.add(new Access("notify, no waiter", (m, n) -> sink(m.notify(32, 1))));
    return all;
  }

  private static final byte[] BYTES = new byte[512];

  private static long sunk;

  private static void sink(long value) {
    sunk += value;
  }

  static Stream<Arguments> kindsAndAccesses() {
    return Stream.of(Kind.values())
        .flatMap(kind -> accesses().stream().map(access -> Arguments.of(kind, access)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("kindsAndAccesses")
  void anAccessAllocatesNothing(Kind kind, Access access) {
    com.sun.management.ThreadMXBean counter = allocationCounter();
    RacyMemory memory = kind.make.get();
    for (int n = 0; n < WARM_UP_CALLS; n++) {
      access.call().accept(memory, n);
    }
    long before = allocatedBytes(counter);
    for (int n = 0; n < CALLS; n++) {
      access.call().accept(memory, n);
    }
    long allocated = allocatedBytes(counter) - before;
    assertTrue(allocated <= SLACK_BYTES,
        access + " on " + kind + ": " + allocated + " bytes for " + CALLS + " calls (results "
            + sunk + ": kept, so the JIT cannot drop the loads)");
  }

  /** Where the waiting threads wait: past 127, so that a boxed offset would be a new Long. */
  private static final long[] WAITING_AT = {1_024, 2_048, 4_000};

  /** Where no thread waits. */
  private static final long NOBODY_AT = 512;

  /**
   * notify with waiters present at other offsets (the lists are looked up by a key no call
   * allocates), and notify that wakes a waiter, every time: waiting threads that wait again as soon
   * as they are woken.
   */
  @Test
  @Timeout(60)
  void notifyAllocatesNothingWithWaitersElsewhereOrWakingOne() throws InterruptedException {
    com.sun.management.ThreadMXBean counter = allocationCounter();
    RacyMemory memory = RacyMemory.allocate(4_096);
    AtomicBoolean running = new AtomicBoolean(true);
    List<Waiting> waiters = new ArrayList<>();
    for (long offset : WAITING_AT) {
      waiters.add(new Waiting(memory, offset, running));
    }
    try {
      for (Waiting waiter : waiters) {
        waiter.wake(); // each is waiting, and waits again
      }
      for (Waiting waiter : waiters) {
        waiter.awaitParked(); // in its wait again: no notify below queues for the lock behind it
      }
      for (int n = 0; n < WARM_UP_CALLS; n++) {
        sink(memory.notify(NOBODY_AT, 1));
      }
      long before = allocatedBytes(counter);
      for (int n = 0; n < CALLS; n++) {
        sink(memory.notify(NOBODY_AT, 1));
      }
      long elsewhere = allocatedBytes(counter) - before;
      assertTrue(elsewhere <= SLACK_BYTES,
          "notify with waiters elsewhere: " + elsewhere + " bytes for " + CALLS + " calls");

      int wakeUps = 2_000;
      Waiting first = waiters.get(0);
      for (int n = 0; n < wakeUps; n++) {
        first.wake(); // warm-up
      }
      before = allocatedBytes(counter);
      for (int n = 0; n < wakeUps; n++) {
        first.wake();
      }
      long waking = allocatedBytes(counter) - before;
      assertTrue(waking <= SLACK_BYTES,
          "notify waking a waiter: " + waking + " bytes for " + wakeUps + " wake-ups");
    } finally {
      running.set(false);
      endAll(waiters);
    }
  }

  /** Ends every waiter, the others too if one does not end, then fails if any did not. */
  private static void endAll(List<Waiting> waiters) throws InterruptedException {
    AssertionError notEnded = null;
    for (Waiting waiter : waiters) {
      try {
        waiter.end();
      } catch (AssertionError e) {
        if (notEnded == null) {
          notEnded = e;
        } else {
          notEnded.addSuppressed(e);
        }
      }
    }
    if (notEnded != null) {
      throw notEnded;
    }
  }

  /** A daemon thread that waits at one offset again and again until told to stop. */
  private static final class Waiting {
    final RacyMemory memory;
    final long offset;
    final Thread thread;

    /** How many waits it has begun; it counts one before each. */
    final AtomicLong waits = new AtomicLong();

    /** The count when it was last woken. */
    long woken;

    Waiting(RacyMemory memory, long offset, AtomicBoolean running) {
      this.memory = memory;
      this.offset = offset;
      this.thread = new Thread(() -> {
        while (running.get()) {
          waits.incrementAndGet();
          memory.wait32(offset, 0, -1); // forever: only a notify ends it
        }
      }, "waiter at " + offset);
      thread.setDaemon(true); // outlives the test only if notify were broken
      thread.start();
    }

    /**
     * One notify that wakes this thread, once it has begun a new wait and parks in it on the wait
     * lock's condition (bounded waits). Parked there, it holds no lock, so the notify takes the lock
     * uncontended: a ReentrantLock allocates a queue node in a thread that must queue for it, which
     * is the lock's cost, not notify's, and which this test keeps out of the measurement.
     */
    void wake() {
      awaitParked();
      woken = waits.get();
      assertEquals(1, memory.notify(offset, 1), "parked in its wait, it is woken");
    }

    /**
     * Returns once it has begun a wait since it was last woken and parks in it on the wait lock's
     * condition, the blocker a condition's await sets after releasing the lock (bounded).
     */
    void awaitParked() {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (waits.get() == woken || !(LockSupport.getBlocker(thread) instanceof Condition)) {
        if (System.nanoTime() - deadline >= 0) { // no message built per turn: it would allocate
          fail(thread.getName() + " did not wait again within 10 s");
        }
        Thread.onSpinWait();
      }
    }

    /** Wakes it until it ends (bounded). */
    void end() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (thread.isAlive() && System.nanoTime() - deadline < 0) {
        memory.notify(offset, -1);
        thread.join(10);
      }
      assertFalse(thread.isAlive(), thread.getName() + " did not end");
    }
  }
}
