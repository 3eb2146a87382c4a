package dev.seqlock.benchmarks.designs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every design the benchmark compares really shares a consistent value: otherwise its numbers lie. */
class DesignTest {
  /** The sum of n, n + 1, …, n + words - 1: what a consistent read of write n returns. */
  private static long sumOf(long n, int words) {
    return words * n + (long) words * (words - 1) / 2;
  }

  @ParameterizedTest
  @EnumSource(Design.class)
  void aReadReturnsTheLastWrite(Design design) {
    for (int words : new int[] {2, 6, 32}) {
      SharedValue value = design.create(words);
      ThreadSide side = new ThreadSide(words);
      assertEquals(0, value.read(side), "initial value");
      value.write(side, 10);
      assertEquals(sumOf(10, words), value.read(side), design + ", " + words + " words");
      assertEquals(0, side.retries, "no retries without a concurrent writer");
    }
  }

  @ParameterizedTest
  @EnumSource(Design.class)
  void readsBesideABackToBackWriterAreConsistent(Design design) throws InterruptedException {
    int words = 6;
    SharedValue value = design.create(words);
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      ThreadSide side = new ThreadSide(words);
      for (long n = 1; !stop.get(); n++) {
        value.write(side, n);
      }
    });
    writer.start();
    ThreadSide side = new ThreadSide(words);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
    long reads = 0;
    try {
      while (System.nanoTime() - deadline < 0) {
        long sum = value.read(side);
        // the initial zeros, or a consistent n..n+5, which sums to 6n + 15: a torn one almost never does
        assertTrue(sum == 0 || (sum - sumOf(0, words)) % words == 0,
            design + ": torn read, sum " + sum);
        reads++;
      }
    } finally {
      stop.set(true);
      writer.join();
    }
    assertTrue(reads > 0, "the reader completed reads");
    assertTrue(side.retries <= reads, "retries count reads, not attempts");
  }
}
