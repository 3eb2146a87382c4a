package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seqlock.atomic.ByteCodecs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Waiting writers on virtual threads give their carrier back: the claim of {@link Backoff}. Runs on
 * JDK 21+ only (CI runs the unit tests on JDK 25 too); skipped on JDK 17, which has no virtual threads.
 *
 * <p>Scenario: one virtual thread holds the writer lock inside an {@code update} function until a
 * latch opens; more virtual threads than there are carriers queue for the lock; the latch is opened by
 * yet another virtual thread that starts after them. If the queued writers spun without parking they
 * would occupy every carrier (the scheduler's parallelism is the number of cores) and the opener could
 * never run: the test would time out.
 */
class SeqLockVirtualThreadTest {
  private static final int QUEUED_WRITERS = 4 * Runtime.getRuntime().availableProcessors();

  @ParameterizedTest
  @MethodSource("backoffs")
  void writersQueuedOnVirtualThreadsLetTheLockHolderFinish(Backoff backoff) throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
    SeqLock<Long> lock = SeqLock.create(ByteCodecs.ofLong(), 0L, backoff);
    CountDownLatch holderInside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);

    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          ExecutorService virtualThreads = newVirtualThreadPerTaskExecutor();
          try {
            List<Future<?>> tasks = new ArrayList<>();
            tasks.add(
                virtualThreads.submit(
                    () ->
                        lock.update(
                            x -> {
                              holderInside.countDown();
                              awaitUninterruptibly(release);
                              return x + 1;
                            })));
            holderInside.await();
            for (int i = 0; i < QUEUED_WRITERS; i++) {
              tasks.add(virtualThreads.submit(() -> lock.update(x -> x + 1)));
            }
            Thread.sleep(50); // let the queued writers reach their backoff
            tasks.add(virtualThreads.submit(release::countDown)); // needs a free carrier
            for (Future<?> task : tasks) {
              task.get(20, TimeUnit.SECONDS);
            }
          } finally {
            virtualThreads.shutdownNow();
          }
        });
    assertEquals(1L + QUEUED_WRITERS, lock.read());
  }

  static List<Backoff> backoffs() {
    return List.of(Backoff.forVirtualThreads(), Backoff.defaults());
  }

  /** {@code Executors.newVirtualThreadPerTaskExecutor()}, called reflectively: this compiles on 17. */
  private static ExecutorService newVirtualThreadPerTaskExecutor() throws ReflectiveOperationException {
    return (ExecutorService)
        Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
