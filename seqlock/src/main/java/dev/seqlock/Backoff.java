package dev.seqlock;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * How a thread waits when it cannot proceed at once: a reader that found a write in progress or a
 * torn snapshot, or a writer that found the writer lock taken. A wait first spins with
 * {@link Thread#onSpinWait()}, then yields with {@link Thread#yield()}, then parks with
 * {@link LockSupport#parkNanos(long)} for a time that doubles from 1 µs up to a bound.
 *
 * <p>Nothing here holds a monitor, so a virtual thread that reaches the park phase unmounts and frees
 * its carrier; {@link #forVirtualThreads()} gets there after a handful of spins. A {@code Backoff} is
 * immutable and may be shared by any number of locks and threads.
 */
public final class Backoff {
  private static final long MIN_PARK_NANOS = 1_000;
  private static final Backoff DEFAULT = new Backoff(128, 16, 100_000);
  private static final Backoff VIRTUAL = new Backoff(16, 0, 100_000);

  private final int spins;
  private final int yields;
  private final long maxParkNanos;

  private Backoff(int spins, int yields, long maxParkNanos) {
    this.spins = spins;
    this.yields = yields;
    this.maxParkNanos = maxParkNanos;
  }

  /**
   * The default: 128 spins, 16 yields, then parks of up to 100 µs. Suits platform threads that read
   * far more often than a write takes.
   *
   * @return the default backoff
   */
  public static Backoff defaults() {
    return DEFAULT;
  }

  /**
   * 16 spins, no yields, then parks of up to 100 µs: a virtual thread gives its carrier back after a
   * few hundred nanoseconds of waiting.
   *
   * @return a backoff for virtual threads
   */
  public static Backoff forVirtualThreads() {
    return VIRTUAL;
  }

  /**
   * A backoff with the given bounds.
   *
   * @param spins how many waits spin before any yields, zero or more
   * @param yields how many waits then yield before parking starts, zero or more
   * @param maxPark the longest single park; parks start at 1 µs (or {@code maxPark} if shorter) and
   *     double up to it; durations over one day are treated as one day
   * @return the backoff
   * @throws NullPointerException if {@code maxPark} is null
   * @throws IllegalArgumentException if {@code spins} or {@code yields} is negative, or {@code maxPark}
   *     is not positive
   */
  public static Backoff of(int spins, int yields, Duration maxPark) {
    Objects.requireNonNull(maxPark, "maxPark");
    if (spins < 0) {
      throw new IllegalArgumentException("spins must not be negative: " + spins);
    }
    if (yields < 0) {
      throw new IllegalArgumentException("yields must not be negative: " + yields);
    }
    if (maxPark.isNegative() || maxPark.isZero()) {
      throw new IllegalArgumentException("maxPark must be positive: " + maxPark);
    }
    long nanos = maxPark.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1).toNanos()
        : maxPark.toNanos();
    return new Backoff(spins, yields, Math.max(1, nanos));
  }

  /**
   * Returns the number of spinning waits.
   *
   * @return the spins
   */
  public int spins() {
    return spins;
  }

  /**
   * Returns the number of yielding waits after the spins.
   *
   * @return the yields
   */
  public int yields() {
    return yields;
  }

  /**
   * Returns the longest single park.
   *
   * @return the bound of one park
   */
  public Duration maxPark() {
    return Duration.ofNanos(maxParkNanos);
  }

  /**
   * Waits once, the {@code attempt}-th time in a row (from 0): spin, yield or park by the bounds.
   *
   * @param attempt how many times the caller has waited already in this operation
   */
  @SuppressWarnings("ThreadPriorityCheck") // yielding is the documented middle phase of the wait
  void await(int attempt) {
    if (attempt < spins) {
      Thread.onSpinWait();
    } else if (attempt - spins < yields) {
      Thread.yield();
    } else {
      int doublings = Math.min(attempt - spins - yields, 20); // 1 µs << 20 > any sensible bound
      LockSupport.parkNanos(Math.min(maxParkNanos, MIN_PARK_NANOS << doublings));
    }
  }

  /**
   * Describes the bounds.
   *
   * @return the spins, yields and longest park
   */
  @Override
  public String toString() {
    return "Backoff[spins=" + spins + ", yields=" + yields + ", maxPark=" + maxPark() + "]";
  }
}
