package dev.seqlock.racy;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * test262's {@code test/built-ins/Atomics/notify} and {@code test/built-ins/Atomics/wait} files
 * that test what waiting and waking do, with their {@code bigint/} forms (BSD licence; provenance,
 * and the files left out, in {@code racy-memory/PROVENANCE.md}), transliterated. A {@link WaitView}
 * plays the {@code Int32Array} or {@code BigInt64Array} over a RacyMemory; {@code Atomics.wait}
 * returns JavaScript's strings ({@code "ok"}, {@code "not-equal"}, {@code "timed-out"}) and {@code
 * Atomics.notify} the count RacyMemory returns. Each {@code $262.agent} is a daemon {@link Agents}
 * thread; their reports are strings in one queue, as {@code $262.agent.getReport} reads them.
 *
 * <p>Arguments the engine coerces appear as what they coerce to: a timeout as the {@code t} of
 * Atomics.wait in milliseconds ({@code false}, {@code null} and negative numbers 0, {@code true}
 * 1), a count as the {@code c} of Atomics.notify ({@code NaN} and negative numbers 0; {@code
 * undefined}, a missing count and {@code +Infinity} are {@link #ALL}). A timeout of {@code +Infinity}
 * ({@code NaN}, {@code undefined}, none) is {@link #HUGE} here, so that every wait is bounded: the
 * waits it stands for are ended by a notify within milliseconds when the memory is right.
 *
 * <p>Time: where a file sleeps ({@code $262.agent.tryYield}) to let its agents reach their wait,
 * the test spins, bounded, until each agent's thread is parked with a timeout or has ended. Every
 * wait here has a timeout, and RacyMemory parks a waiter with one only after enqueuing it on the
 * location's waiter list (its notes, Waiting), so a notify that follows finds it. Where a file
 * sleeps past a timeout, the test just takes the agents' reports. The timeouts are
 * atomicsHelper.js's, scaled down: the files whose waits must all time out take {@link #SMALL},
 * those where a notify must reach some waiters before the others time out {@link #LONG}.
 */
class Test262WaitNotifyTest {
  /** {@code $262.agent.timeouts.small} (200 ms there): waits that time out, nothing racing them. */
  private static final long SMALL = 25;

  /**
   * {@code $262.agent.timeouts.long} (1000 ms there): waits some of which a notify must reach
   * first; the main thread notifies microseconds after the last agent parks.
   */
  private static final long LONG = 250;

  /** {@code $262.agent.timeouts.huge} (10 s there, as here), and JavaScript's {@code +Infinity}. */
  private static final long HUGE = 10_000;

  /** The count {@code +Infinity} of Atomics.notify: RacyMemory's negative count. */
  private static final int ALL = -1;

  /** How long any spin, report or join here may take before the test fails (above HUGE). */
  private static final long BOUND_SECONDS = 15;

  /** The typed arrays Atomics.wait accepts. */
  enum Width {
    INT32(TypedArray.Type.INT32),
    BIGINT64(TypedArray.Type.BIGINT64);

    final TypedArray.Type type;
    final int size;

    Width(TypedArray.Type type) {
      this.type = type;
      this.size = type.size;
    }
  }

  /** The string {@code Atomics.wait} returns for a result. */
  static String js(WaitResult result) {
    return switch (result) {
      case OK -> "ok";
      case NOT_EQUAL -> "not-equal";
      case TIMED_OUT -> "timed-out";
    };
  }

  /** {@code new Int32Array(sab, byteOffset, length)} or a {@code BigInt64Array}, over a RacyMemory. */
  static final class WaitView extends TypedArray {
    final Width width;

    WaitView(RacyMemory memory, Width width, long byteOffset, int length) {
      super(memory, width.type, byteOffset, length);
      this.width = width;
    }

    /** {@code Atomics.wait(view, index, value, t)}, {@code t} the coerced timeout in ms. */
    String wait(int index, long value, long timeoutMillis) {
      long nanos = MILLISECONDS.toNanos(timeoutMillis);
      return js(switch (width) {
        case INT32 -> memory.wait32(at(index), (int) value, nanos);
        case BIGINT64 -> memory.wait64(at(index), value, nanos);
      });
    }

    /** {@code Atomics.notify(view, index, c)}, {@code c} the coerced count ({@link #ALL}: +∞). */
    int notify(int index, int count) {
      return memory.notify(at(index), count);
    }
  }

  /** {@code new TA(new SharedArrayBuffer(TA.BYTES_PER_ELEMENT * length))}. */
  private static WaitView array(Width width, int length) {
    return new WaitView(RacyMemory.allocate((long) width.size * length), width, 0, length);
  }

  /** Spins until {@code done}; fails after {@link #BOUND_SECONDS}. */
  static void spinUntil(BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + SECONDS.toNanos(BOUND_SECONDS);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + BOUND_SECONDS + " s: " + what);
      }
      Thread.onSpinWait();
    }
  }

  /** {@code $262.agent.waitUntil}: spins until {@code Atomics.load(view, index)} is expected. */
  private static void waitUntil(WaitView view, int index, long expected) {
    spinUntil(() -> view.load(index) == expected, "view[" + index + "] == " + expected);
  }

  /** {@code while ((woken = Atomics.notify(...)) === 0) ;}, bounded; returns woken. */
  private static int notifyUntilWoken(IntSupplier notify) {
    long deadline = System.nanoTime() + SECONDS.toNanos(BOUND_SECONDS);
    int woken;
    while ((woken = notify.getAsInt()) == 0) {
      assertTrue(System.nanoTime() - deadline < 0, "no waiter to wake in " + BOUND_SECONDS + " s");
      Thread.onSpinWait();
    }
    return woken;
  }

  /**
   * {@code $262.agent}: agents as daemon threads, started in order (agent k is the k-th started),
   * reporting strings to one queue. Closing joins them, bounded, and fails if one is still running
   * or threw.
   */
  static final class Agents implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private final BlockingQueue<String> reports = new LinkedBlockingQueue<>();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

    /** {@code $262.agent.start} and {@code receiveBroadcast}: runs body in a new agent. */
    void start(Runnable body) {
      Thread thread = new Thread(() -> {
        try {
          body.run();
        } catch (RuntimeException | Error e) {
          failures.add(e);
        }
      }, "agent-" + threads.size());
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }

    /** {@code $262.agent.report}. */
    void report(Object value) {
      reports.add(String.valueOf(value));
    }

    /** {@code $262.agent.getReport}: the oldest report not yet taken, waiting for it (bounded). */
    String getReport() throws InterruptedException {
      String report = reports.poll(BOUND_SECONDS, SECONDS);
      if (report == null) {
        throw new AssertionError("no report in " + BOUND_SECONDS + " s; agents threw " + failures);
      }
      return report;
    }

    /** {@code count} reports, sorted, as the files sort them. */
    List<String> sortedReports(int count) throws InterruptedException {
      List<String> taken = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        taken.add(getReport());
      }
      Collections.sort(taken);
      return taken;
    }

    /**
     * In place of {@code $262.agent.tryYield}: spins until agent k is parked with a timeout (in
     * its wait: no agent here parks with one elsewhere) or has ended.
     */
    void untilWaiting(int agent) {
      Thread thread = threads.get(agent);
      spinUntil(() -> {
        Thread.State state = thread.getState();
        return state == Thread.State.TIMED_WAITING || state == Thread.State.TERMINATED;
      }, thread.getName() + " waits");
    }

    /** {@link #untilWaiting} for every agent. */
    void untilAllWaiting() {
      for (int agent = 0; agent < threads.size(); agent++) {
        untilWaiting(agent);
      }
    }

    @Override
    public void close() {
      try {
        for (Thread thread : threads) {
          thread.join(SECONDS.toMillis(BOUND_SECONDS));
          assertFalse(thread.isAlive(), thread.getName() + " still runs");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted joining the agents", e);
      }
      Throwable failure = failures.peek();
      if (failure != null) {
        throw new AssertionError("an agent threw", failure);
      }
    }
  }

  // ---- notify ----

  @Test
  void countBoundaryCases() { // notify/count-boundary-cases.js
    WaitView i32a = array(Width.INT32, 4);
    // -3, +Infinity, undefined, '33', {valueOf: 8} (not callable: NaN) and a missing count, as c
    for (int count : new int[] {0, ALL, ALL, 33, 0, ALL}) {
      assertEquals(0, i32a.notify(0, count), "no waiter: count " + count + " wakes none");
    }
  }

  /**
   * notify/count-defaults-to-infinity-missing.js and count-defaults-to-infinity-undefined.js,
   * the same test once the engine has made the missing or undefined count +∞.
   */
  @Test
  void countDefaultsToInfinity() throws InterruptedException {
    int running = 0;
    int waitIndex = 1;
    int numAgent = 4;
    WaitView i32a = array(Width.INT32, 2);
    try (Agents agents = new Agents()) {
      for (int i = 0; i < numAgent; i++) {
        String name = String.valueOf((char) ('A' + i));
        agents.start(() -> {
          i32a.add(running, 1);
          agents.report(name + " " + i32a.wait(waitIndex, 0, HUGE)); // no timeout: +∞
        });
      }
      waitUntil(i32a, running, numAgent);
      agents.untilAllWaiting();
      assertEquals(numAgent, i32a.notify(waitIndex, ALL), "count +∞ wakes all four");
      assertEquals(List.of("A ok", "B ok", "C ok", "D ok"), agents.sortedReports(numAgent));
    }
  }

  @Test
  void negativeCount() throws InterruptedException { // notify/negative-count.js
    int running = 1;
    WaitView i32a = array(Width.INT32, 4);
    try (Agents agents = new Agents()) {
      agents.start(() -> {
        i32a.add(running, 1);
        agents.report(i32a.wait(0, 0, LONG));
      });
      waitUntil(i32a, running, 1);
      agents.untilAllWaiting();
      // -1 is c = max(-1, 0) = 0 (RacyMemory's own negative count would wake all)
      assertEquals(0, i32a.notify(0, 0), "count -1 wakes none");
      assertEquals("timed-out", agents.getReport());
    }
  }

  /** notify/notify-all-on-loc.js and notify/bigint/notify-all-on-loc.js. */
  @ParameterizedTest
  @EnumSource(Width.class)
  void notifyAllOnLoc(Width width) throws InterruptedException {
    int waitIndex = 0; // its waiters are woken
    int waitFake = 1; // its waiter is not
    int running = 2;
    int notifyIndex = 3; // 1 once the notify has returned
    int numAgent = 3;
    WaitView view = array(width, 4);
    try (Agents agents = new Agents()) {
      for (int i = 0; i < numAgent; i++) {
        agents.start(() -> {
          view.add(running, 1);
          agents.report("A " + view.wait(waitIndex, 0, HUGE)); // no timeout: +∞
        });
      }
      agents.start(() -> {
        view.add(running, 1);
        agents.report("B " + view.wait(waitFake, 0, LONG)); // always times out
        agents.report("W timeout " + (view.load(notifyIndex) == 1 ? "after" : "before")
            + " Atomics.notify");
      });
      waitUntil(view, running, numAgent + 1);
      agents.untilAllWaiting();
      assertEquals(numAgent, view.notify(waitIndex, ALL), "all three waiters at WAIT_INDEX");
      view.store(notifyIndex, 1);
      assertEquals(List.of("A ok", "A ok", "A ok", "B timed-out", "W timeout after Atomics.notify"),
          agents.sortedReports(numAgent + 2));
    }
  }

  @Test
  void notifyAllWaiters() throws InterruptedException { // notify/notify-all.js
    int waitIndex = 0;
    int running = 1;
    int numAgent = 3;
    WaitView i32a = array(Width.INT32, 4);
    try (Agents agents = new Agents()) {
      for (int i = 0; i < numAgent; i++) {
        agents.start(() -> {
          i32a.add(running, 1);
          agents.report("A " + i32a.wait(waitIndex, 0, HUGE)); // no timeout: +∞
        });
      }
      waitUntil(i32a, running, numAgent);
      agents.untilAllWaiting();
      assertEquals(numAgent, i32a.notify(waitIndex, ALL), "count missing: all three");
      for (int i = 0; i < numAgent; i++) {
        assertEquals("A ok", agents.getReport(), "report " + i);
      }
    }
  }

  /**
   * notify/notify-in-order.js and notify/notify-in-order-one-time.js (the same test): agent i
   * waits only once SPIN + i is set, so the main thread fixes the order they wait in, then wakes
   * them one at a time, and they wake in that order.
   */
  @Test
  void notifyInOrder() throws InterruptedException {
    int numAgent = 3;
    int waitIndex = 0;
    int spin = 1; // agent i spins on SPIN + i
    int running = spin + numAgent;
    WaitView i32a = array(Width.INT32, running + 1);
    try (Agents agents = new Agents()) {
      for (int i = 0; i < numAgent; i++) {
        int agent = i;
        agents.start(() -> {
          i32a.add(running, 1);
          spinUntil(() -> i32a.load(spin + agent) != 0, "SPIN + " + agent + " set");
          agents.report(agent);
          i32a.wait(waitIndex, 0, HUGE); // no timeout: +∞
          agents.report(agent);
        });
      }
      waitUntil(i32a, running, numAgent);
      List<String> waiterList = new ArrayList<>();
      for (int i = 0; i < numAgent; i++) {
        assertEquals(1, i32a.store(spin + i, 1), "Atomics.store returns 1");
        waiterList.add(agents.getReport());
        agents.untilWaiting(i);
      }
      List<String> notified = new ArrayList<>();
      for (int i = 0; i < numAgent; i++) {
        assertEquals(1, i32a.notify(waitIndex, 1), "notify " + i + " wakes one");
        notified.add(agents.getReport());
      }
      assertEquals(String.join("", waiterList), String.join("", notified), "woken as they waited");
    }
  }

  @Test
  void notifyNan() throws InterruptedException { // notify/notify-nan.js
    int running = 1;
    WaitView i32a = array(Width.INT32, 4);
    try (Agents agents = new Agents()) {
      agents.start(() -> {
        i32a.add(running, 1);
        agents.report(i32a.wait(0, 0, LONG)); // times out
      });
      waitUntil(i32a, running, 1);
      agents.untilAllWaiting();
      assertEquals(0, i32a.notify(0, 0), "count NaN is c = 0: wakes none");
      assertEquals("timed-out", agents.getReport());
    }
  }

  /** notify-one.js, notify-two.js and notify-zero.js: 3 agents wait, the notify wakes count. */
  private static void notifyCountOfThree(int count) throws InterruptedException {
    int waitIndex = 0;
    int running = 1;
    int numAgent = 3;
    WaitView i32a = array(Width.INT32, 4);
    try (Agents agents = new Agents()) {
      for (int i = 0; i < numAgent; i++) {
        agents.start(() -> {
          i32a.add(running, 1);
          agents.report(i32a.wait(waitIndex, 0, LONG)); // those not woken time out
        });
      }
      waitUntil(i32a, running, numAgent);
      agents.untilAllWaiting();
      assertEquals(count, i32a.notify(waitIndex, count), "notify wakes " + count);
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < numAgent; i++) {
        expected.add(i < count ? "ok" : "timed-out");
      }
      assertEquals(expected, agents.sortedReports(numAgent));
    }
  }

  @Test
  void notifyOne() throws InterruptedException { // notify/notify-one.js
    notifyCountOfThree(1);
  }

  @Test
  void notifyTwo() throws InterruptedException { // notify/notify-two.js
    notifyCountOfThree(2);
  }

  @Test
  void notifyZero() throws InterruptedException { // notify/notify-zero.js
    notifyCountOfThree(0);
  }

  @Test
  void notifyRenotifyNoop() throws InterruptedException { // notify/notify-renotify-noop.js
    int running = 1;
    WaitView i32a = array(Width.INT32, 2);
    try (Agents agents = new Agents()) {
      agents.start(() -> {
        i32a.add(running, 1);
        agents.report(i32a.wait(0, 0, LONG));
      });
      waitUntil(i32a, running, 1);
      agents.untilAllWaiting();
      assertEquals(1, i32a.notify(0, 1), "wakes the waiter");
      assertEquals("ok", agents.getReport());
      assertEquals(0, i32a.notify(0, 1), "already woken: nothing to wake");
    }
  }

  @Test
  void notifyWithNoAgentsWaiting() throws InterruptedException {
    // notify/notify-with-no-agents-waiting.js
    int running = 1;
    WaitView i32a = array(Width.INT32, 2);
    try (Agents agents = new Agents()) {
      agents.start(() -> i32a.add(running, 1)); // never waits
      waitUntil(i32a, running, 1);
      assertEquals(0, i32a.notify(0, 1), "no agent waits");
    }
  }

  @Test
  void notifyWithNoMatchingAgentsWaiting() throws InterruptedException {
    // notify/notify-with-no-matching-agents-waiting.js
    int running = 0;
    WaitView i32a = array(Width.INT32, 2);
    try (Agents agents = new Agents()) {
      agents.start(() -> i32a.add(running, 1)); // never waits
      waitUntil(i32a, running, 1);
      assertEquals(0, i32a.notify(1, 1), "no agent waits at index 1");
    }
  }

  @Test
  void notifyUndefinedIndexDefaultsToZero() throws InterruptedException {
    // notify/undefined-index-defaults-to-zero.js: the index undefined is 0
    int waitIndex = 0;
    int running = 1;
    int numAgent = 2;
    WaitView i32a = array(Width.INT32, 4);
    try (Agents agents = new Agents()) {
      for (int i = 0; i < numAgent; i++) {
        agents.start(() -> {
          i32a.add(running, 1);
          agents.report(i32a.wait(waitIndex, 0, HUGE)); // no timeout: +∞
        });
      }
      waitUntil(i32a, running, numAgent);
      agents.untilAllWaiting();
      assertEquals(1, notifyUntilWoken(() -> i32a.notify(0, 1)), "index undefined, count 1");
      assertEquals("ok", agents.getReport());
      assertEquals(1, notifyUntilWoken(() -> i32a.notify(0, ALL)), "index and count missing");
      assertEquals("ok", agents.getReport());
    }
  }

  // ---- wait: timeouts ----

  /** The main-thread files: with each timeout form, a wait on an unchanged 0 times out. */
  private static void timesOut(WaitView view, long timeoutMillis, String... forms) {
    for (String form : forms) {
      assertEquals("timed-out", view.wait(0, 0, timeoutMillis), "timeout " + form);
    }
  }

  /** The {@code -agent} files: the same waits in an agent, which then leaves no waiter. */
  private static void timesOutInAgent(WaitView view, long timeoutMillis, String... forms)
      throws InterruptedException {
    int running = 1;
    try (Agents agents = new Agents()) {
      agents.start(() -> {
        view.add(running, 1);
        List<String> statuses = new ArrayList<>();
        for (int i = 0; i < forms.length; i++) {
          statuses.add(view.wait(0, 0, timeoutMillis));
        }
        statuses.forEach(agents::report);
      });
      waitUntil(view, running, 1);
      for (String form : forms) {
        assertEquals("timed-out", agents.getReport(), "timeout " + form);
      }
      assertEquals(0, view.notify(0, ALL), "no agent left waiting");
    }
  }

  private static final String[] FALSE_FORMS = {
    "false", "{valueOf: () => false}", "{[Symbol.toPrimitive]: () => false}"
  };

  /** wait/false-for-timeout.js and wait/bigint/false-for-timeout.js: each timeout is 0. */
  @ParameterizedTest
  @EnumSource(Width.class)
  void falseForTimeout(Width width) {
    timesOut(array(width, 4), 0, FALSE_FORMS);
  }

  /** wait/false-for-timeout-agent.js and wait/bigint/false-for-timeout-agent.js. */
  @ParameterizedTest
  @EnumSource(Width.class)
  void falseForTimeoutAgent(Width width) throws InterruptedException {
    timesOutInAgent(array(width, 4), 0, FALSE_FORMS);
  }

  private static final String[] NULL_FORMS = {
    "null", "{valueOf: () => null}", "{[Symbol.toPrimitive]: () => null}"
  };

  @Test
  void nullForTimeout() { // wait/null-for-timeout.js: each timeout is 0
    timesOut(array(Width.INT32, 4), 0, NULL_FORMS);
  }

  @Test
  void nullForTimeoutAgent() throws InterruptedException { // wait/null-for-timeout-agent.js
    timesOutInAgent(array(Width.INT32, 4), 0, NULL_FORMS);
  }

  private static final String[] OBJECT_FORMS = {
    "{valueOf: () => 0}", "{toString: () => \"0\"}", "{[Symbol.toPrimitive]: () => 0}"
  };

  @Test
  void objectForTimeout() { // wait/object-for-timeout.js: each timeout is 0
    timesOut(array(Width.INT32, 4), 0, OBJECT_FORMS);
  }

  @Test
  void objectForTimeoutAgent() throws InterruptedException { // wait/object-for-timeout-agent.js
    timesOutInAgent(array(Width.INT32, 4), 0, OBJECT_FORMS);
  }

  private static final String[] TRUE_FORMS = {
    "true", "{valueOf: () => true}", "{[Symbol.toPrimitive]: () => true}"
  };

  @Test
  void trueForTimeout() { // wait/true-for-timeout.js: each timeout is 1 ms
    timesOut(array(Width.INT32, 4), 1, TRUE_FORMS);
  }

  @Test
  void trueForTimeoutAgent() throws InterruptedException { // wait/true-for-timeout-agent.js
    timesOutInAgent(array(Width.INT32, 4), 1, TRUE_FORMS);
  }

  /** wait/negative-timeout.js and wait/bigint/negative-timeout.js: -1 is t = max(-1, 0) = 0. */
  @ParameterizedTest
  @EnumSource(Width.class)
  void negativeTimeout(Width width) {
    timesOut(array(width, 4), 0, "-1");
  }

  /** wait/negative-timeout-agent.js and wait/bigint/negative-timeout-agent.js: -5 is 0. */
  @ParameterizedTest
  @EnumSource(Width.class)
  void negativeTimeoutAgent(Width width) throws InterruptedException {
    timesOutInAgent(array(width, 4), 0, "-5");
  }

  /** wait/nan-for-timeout.js and wait/bigint/nan-for-timeout.js: NaN is +∞; a notify ends it. */
  @ParameterizedTest
  @EnumSource(Width.class)
  void nanForTimeout(Width width) throws InterruptedException {
    int running = 1;
    WaitView view = array(width, 4);
    try (Agents agents = new Agents()) {
      agents.start(() -> {
        view.add(running, 1);
        agents.report(view.wait(0, 0, HUGE)); // NaN: +∞
      });
      waitUntil(view, running, 1);
      agents.untilAllWaiting();
      assertEquals(1, view.notify(0, ALL), "wakes the waiter");
      assertEquals("ok", agents.getReport());
    }
  }

  @Test
  void undefinedForTimeout() throws InterruptedException { // wait/undefined-for-timeout.js
    int waitIndex = 0;
    int running = 1;
    int numAgent = 2;
    int notifyCount = 2;
    WaitView i32a = array(Width.INT32, 4);
    try (Agents agents = new Agents()) {
      agents.start(() -> {
        i32a.add(running, 1);
        agents.report("A " + i32a.wait(0, 0, HUGE)); // timeout undefined: +∞
      });
      agents.start(() -> {
        i32a.add(running, 1);
        agents.report("B " + i32a.wait(0, 0, HUGE)); // no timeout: +∞
      });
      waitUntil(i32a, running, numAgent);
      agents.untilAllWaiting();
      assertEquals(notifyCount, i32a.notify(waitIndex, notifyCount), "wakes both");
      assertEquals(List.of("A ok", "B ok"), agents.sortedReports(numAgent));
    }
  }

  /** wait/was-woken-before-timeout.js and wait/bigint/was-woken-before-timeout.js. */
  @ParameterizedTest
  @EnumSource(Width.class)
  void wasWokenBeforeTimeout(Width width) throws InterruptedException {
    int running = 1;
    WaitView view = array(width, 4);
    try (Agents agents = new Agents()) {
      agents.start(() -> {
        view.add(running, 1);
        long before = System.nanoTime();
        String unpark = view.wait(0, 0, HUGE);
        agents.report(System.nanoTime() - before);
        agents.report(unpark);
      });
      waitUntil(view, running, 1);
      agents.untilAllWaiting();
      assertEquals(1, view.notify(0, ALL), "wakes the waiter");
      long lapse = Long.parseLong(agents.getReport());
      assertTrue(lapse < MILLISECONDS.toNanos(HUGE), "woken before the timeout: " + lapse + " ns");
      assertEquals("ok", agents.getReport());
    }
  }

  // ---- wait: no spurious wake-ups ----

  /** What the main thread does while the agent waits, one no-spurious-wakeup file each. */
  enum Disturbance {
    NO_OPERATION,
    ADD,
    AND,
    COMPARE_EXCHANGE,
    EXCHANGE,
    OR,
    STORE,
    SUB,
    XOR;

    void apply(WaitView view) {
      switch (this) {
        case NO_OPERATION -> { } // "NO OPERATION OCCURS HERE!"
        case ADD -> view.add(0, 1);
        case AND -> view.and(0, 1);
        case COMPARE_EXCHANGE -> view.compareExchange(0, 0, 1);
        case EXCHANGE -> view.exchange(0, 1);
        case OR -> view.or(0, 1);
        case STORE -> view.store(0, 0x111111);
        case SUB -> view.sub(0, 1);
        case XOR -> view.xor(0, 1);
      }
    }
  }

  /**
   * wait/no-spurious-wakeup-{no-operation,on-add,on-and,on-compareExchange,on-exchange,on-or,
   * on-store,on-sub,on-xor}.js and their wait/bigint/ forms: 18 files.
   */
  static Stream<Arguments> noSpuriousWakeupFiles() {
    return Stream.of(Width.values()).flatMap(width ->
        Stream.of(Disturbance.values()).map(disturbance -> Arguments.of(width, disturbance)));
  }

  /**
   * A memory access that is not a notify, to the location waited on, does not wake the waiter:
   * it waits its whole timeout and times out.
   */
  @ParameterizedTest
  @MethodSource("noSpuriousWakeupFiles")
  void noSpuriousWakeup(Width width, Disturbance disturbance) throws InterruptedException {
    int running = 1;
    WaitView view = array(width, 4);
    try (Agents agents = new Agents()) {
      agents.start(() -> {
        view.add(running, 1);
        long before = System.nanoTime();
        String unpark = view.wait(0, 0, SMALL);
        agents.report(System.nanoTime() - before);
        agents.report(unpark);
      });
      waitUntil(view, running, 1);
      agents.untilAllWaiting();
      disturbance.apply(view);
      long lapse = Long.parseLong(agents.getReport());
      assertTrue(lapse >= MILLISECONDS.toNanos(SMALL),
          "waited the whole timeout: " + NANOSECONDS.toMillis(lapse) + " ms");
      assertEquals("timed-out", agents.getReport());
      assertEquals(0, view.notify(0, ALL), "no waiter left");
    }
  }

  // ---- wait: values and indices ----

  /**
   * wait/good-views.js: in an agent, on {@code new Int32Array(new SharedArrayBuffer(1024), 32,
   * 20)}; its in-bounds indices (-0, '-0', length - 1, and two objects coercing to 0) as the
   * integers they are.
   */
  @Test
  void goodViews() throws InterruptedException {
    try (Agents agents = new Agents()) {
      agents.start(() -> {
        WaitView view = new WaitView(RacyMemory.allocate(1_024), Width.INT32, 32, 20);
        view.set(0, 0);
        agents.report("A " + view.wait(0, 0, 0));
        agents.report("B " + view.wait(0, 37, 0));
        for (int index : new int[] {0, 0, view.length - 1, 0, 0}) {
          view.fillZero();
          view.store(index, 37);
          agents.report("C " + view.wait(index, 0, HUGE)); // no timeout: +∞
        }
        agents.report("done");
      });
      assertEquals("A timed-out", agents.getReport(), "0 == 0, timeout 0");
      assertEquals("B not-equal", agents.getReport(), "0 != 37");
      List<String> reports = new ArrayList<>();
      for (String report = agents.getReport(); !report.equals("done");
          report = agents.getReport()) {
        reports.add(report);
      }
      assertEquals(Collections.nCopies(5, "C not-equal"), reports, "37 at each index, not 0");
    }
  }

  /** wait/value-not-equal.js and wait/bigint/value-not-equal.js. */
  @ParameterizedTest
  @EnumSource(Width.class)
  void valueNotEqual(Width width) throws InterruptedException {
    int running = 1;
    long value = 42;
    WaitView view = array(width, 4);
    try (Agents agents = new Agents()) {
      agents.start(() -> {
        view.add(running, 1);
        agents.report(view.store(0, value));
        agents.report(view.wait(0, 0, HUGE)); // no timeout: +∞, but 42 != 0
      });
      waitUntil(view, running, 1);
      assertEquals("42", agents.getReport(), "Atomics.store returns 42");
      assertEquals("not-equal", agents.getReport());
    }
  }

  @Test
  void waitIndexValueNotEqual() throws InterruptedException { // wait/wait-index-value-not-equal.js
    int running = 1;
    WaitView i32a = array(Width.INT32, 4);
    try (Agents agents = new Agents()) {
      agents.start(() -> {
        i32a.add(running, 1);
        agents.report(i32a.wait(0, 44, SMALL));
        agents.report(i32a.wait(0, 251, SMALL)); // 251.4, as ToInt32 makes it
      });
      waitUntil(i32a, running, 1);
      assertEquals("not-equal", agents.getReport(), "0 != 44");
      assertEquals("not-equal", agents.getReport(), "0 != 251");
      assertEquals(0, i32a.notify(0, ALL), "no waiter");
    }
  }

  @Test
  void waitUndefinedIndexDefaultsToZero() throws InterruptedException {
    // wait/undefined-index-defaults-to-zero.js: the agent's index undefined is 0
    int running = 1;
    WaitView i32a = array(Width.INT32, 4);
    try (Agents agents = new Agents()) {
      agents.start(() -> {
        i32a.add(running, 1);
        agents.report(i32a.wait(0, 0, LONG));
      });
      waitUntil(i32a, running, 1);
      agents.untilAllWaiting();
      assertEquals(1, i32a.notify(0, ALL), "wakes the waiter at index 0");
      assertEquals(0, i32a.notify(0, ALL), "and then none");
      assertEquals("ok", agents.getReport());
    }
  }

  // ---- wait: the waiter list ----

  /**
   * wait/waiterlist-block-indexedposition-wake.js and its bigint/ form: waiters at indices 0 and
   * 2; notifies at 1 and 3 wake none, at 2 and 0 one each.
   */
  @ParameterizedTest
  @EnumSource(Width.class)
  void waiterlistBlockIndexedpositionWake(Width width) throws InterruptedException {
    int numAgent = 2;
    int running = 4;
    WaitView view = array(width, 5);
    try (Agents agents = new Agents()) {
      agents.start(() -> {
        view.add(running, 1);
        agents.report(view.wait(0, 0, HUGE)); // Infinity
      });
      agents.start(() -> {
        view.add(running, 1);
        agents.report(view.wait(2, 0, HUGE)); // Infinity
      });
      waitUntil(view, running, numAgent);
      assertEquals(0, view.notify(1, ALL), "no waiter at index 1");
      assertEquals(0, view.notify(3, ALL), "no waiter at index 3");
      assertEquals(1, notifyUntilWoken(() -> view.notify(2, ALL)), "the waiter at index 2");
      assertEquals("ok", agents.getReport());
      assertEquals(1, notifyUntilWoken(() -> view.notify(0, ALL)), "the waiter at index 0");
      assertEquals("ok", agents.getReport());
    }
  }

  /**
   * wait/waiterlist-order-of-operations-is-fifo.js and its bigint/ form: the agents take a lock in
   * turn to report and wait, and notifies of one wake them in the order they waited.
   */
  @ParameterizedTest
  @EnumSource(Width.class)
  void waiterlistOrderOfOperationsIsFifo(Width width) throws InterruptedException {
    int numAgent = 3;
    int waitIndex = 0;
    int running = 1;
    int lockIndex = 2;
    WaitView view = array(width, 4);
    try (Agents agents = new Agents()) {
      for (int i = 0; i < numAgent; i++) {
        int agentNum = i;
        agents.start(() -> {
          view.add(running, 1);
          spinUntil(() -> view.compareExchange(lockIndex, 0, 1) == 0, "agent " + agentNum
              + " takes the lock");
          agents.report(agentNum);
          String status = view.wait(waitIndex, 0, HUGE); // no timeout: +∞
          agents.report(status);
          agents.report(agentNum);
        });
      }
      waitUntil(view, running, numAgent);
      List<String> started = new ArrayList<>();
      for (int i = 0; i < numAgent; i++) {
        waitUntil(view, lockIndex, 1);
        started.add(agents.getReport());
        agents.untilWaiting(Integer.parseInt(started.get(i)));
        view.store(lockIndex, 0);
      }
      for (int i = 0; i < numAgent; i++) {
        assertEquals(1, notifyUntilWoken(() -> view.notify(waitIndex, 1)), "notify " + i);
        assertEquals("ok", agents.getReport(), "notify " + i);
        assertEquals(started.get(i), agents.getReport(), "the agent that waited in place " + i);
      }
    }
  }
}
