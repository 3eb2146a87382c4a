package dev.seqlock;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Threads that run side by side until told to stop or until they finish; the first exception or
 * assertion failure of any of them stops all and is rethrown to the test thread.
 */
final class Race {
  /** How long a thread may take to finish once told to stop before the test calls it hung. */
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
  private final List<Thread> threads = new ArrayList<>();

  /** Starts {@code body} on a new daemon thread named {@code name}. */
  void start(String name, Runnable body) {
    Thread thread =
        new Thread(
            () -> {
              try {
                body.run();
              } catch (Throwable t) {
                failure.compareAndSet(null, t);
                stop.set(true);
              }
            },
            name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  /** Whether the threads should keep going: no one has failed and the time is not up. */
  boolean running() {
    return !stop.get();
  }

  /** Lets the threads run for {@code duration} (less if one fails), stops them and joins them. */
  void stopAfter(Duration duration) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    while (running() && System.nanoTime() - deadline < 0) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    stop.set(true);
    join();
  }

  /** Waits for every thread to finish, fails if one hangs, rethrows the first failure. */
  void join() throws InterruptedException {
    for (Thread thread : threads) {
      thread.join(JOIN_TIMEOUT.toMillis());
      if (thread.isAlive()) {
        stop.set(true);
        fail(
            thread.getName() + " did not finish within " + JOIN_TIMEOUT + "; it is at "
                + Arrays.toString(thread.getStackTrace()));
      }
    }
    Throwable first = failure.get();
    if (first != null) {
      fail("a racing thread failed: " + first, first);
    }
  }
}
