package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** Writes made from threads other than the test's own. */
final class WriterThreads {
  /** Long enough for any write on a loaded machine; only a hung write takes longer. */
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  private WriterThreads() {}

  /**
   * Writes {@code value} to {@code subject} from another thread (JUnit's preemptive-timeout thread),
   * failing if the write does not complete within {@link #TIMEOUT}: a writer role or lock left held
   * would make it hang (or, on a single-writer value under {@code -ea}, throw).
   */
  static void writeFromAnotherThread(Subject<Long> subject, long value) {
    assertTimeoutPreemptively(
        TIMEOUT,
        () -> subject.write(value),
        () -> "a write to slot " + subject.slot() + " from another thread did not complete");
  }

  /**
   * A thread that is inside an {@link SeqLock#update} function of a {@code SeqLock<Long>} (or a
   * {@link SeqLockArray#update} function of one slot of a {@code SeqLockArray<Long>}, or the update
   * function of a {@link Subject}), holding the writer role until {@link #finish()}; its update adds 1.
   */
  static final class HeldWriter {
    private final CountDownLatch inside = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    /** {@code update} runs an update with the function it is given. */
    private HeldWriter(Consumer<UnaryOperator<Long>> update) {
      thread =
          new Thread(
              () -> {
                try {
                  update.accept(
                      v -> {
                        inside.countDown();
                        awaitRelease();
                        return v + 1;
                      });
                } catch (Throwable t) {
                  failure.set(t);
                }
              },
              "held writer");
      thread.setDaemon(true);
    }

    /** Starts a writer of slot {@code slot} and returns once it is inside its update function. */
    static HeldWriter enter(SeqLockArray<Long> array, int slot) throws InterruptedException {
      return start(new HeldWriter(function -> array.update(slot, function)));
    }

    /** Starts a writer of {@code subject} and returns once it is inside its update function. */
    static HeldWriter enter(Subject<Long> subject) throws InterruptedException {
      return start(new HeldWriter(subject::update));
    }

    private static HeldWriter start(HeldWriter writer) throws InterruptedException {
      writer.thread.start();
      assertTrue(
          writer.inside.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
          "the writer did not enter its update function");
      return writer;
    }

    private void awaitRelease() {
      try {
        if (!release.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError("the held writer was never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("the held writer was interrupted", e);
      }
    }

    /** Lets the update function return and waits for the update to complete, rethrowing its failure. */
    void finish() throws InterruptedException {
      release.countDown();
      thread.join(TIMEOUT.toMillis());
      if (thread.isAlive()) {
        fail("the held writer did not finish its update");
      }
      Throwable t = failure.get();
      if (t != null) {
        fail("the held writer's update failed: " + t, t);
      }
    }
  }
}
