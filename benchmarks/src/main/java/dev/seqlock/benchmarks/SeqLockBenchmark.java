package dev.seqlock.benchmarks;

import dev.seqlock.SeqLock;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.ByteImage;
import dev.seqlock.atomic.MaybeTorn;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 48-byte quote (six longs) shared through each {@link SeqLock} variant and through a
 * {@link StampedLock} guarding six plain fields (the JDK's optimistic-read "Point" pattern, falling back
 * to the read lock). Readers return the sum of the six longs, so both sides touch every field.
 *
 * <p>{@code uncontended*}: one reader thread, no writer; {@code uncontendedFloor} is the copying
 * read's protocol hand-written on bare arrays, the floor the SeqLock reads are measured against. {@code *BackToBack} groups: one writer writing
 * as fast as it can and one reader (two threads: the most this 2-core machine runs without
 * oversubscription); JMH reports the reader's and the writer's cost separately.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar SeqLockBenchmark -f 3 -wi 3 -i 5 -w 1s -r 1s
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class SeqLockBenchmark {
  /** The quote: six longs, 48 bytes packed. */
  public record Quote(long bid, long ask, long bidSize, long askSize, long time, long sequence) {}

  static final ByteCodec<Quote> CODEC = ByteCodecs.ofRecord(Quote.class);
  static final Quote ZERO = new Quote(0, 0, 0, 0, 0, 0);

  /** The shared locks, one per design. */
  @State(Scope.Group)
  public static class Shared {
    final SeqLock<Quote> create = SeqLock.create(CODEC, ZERO);
    final SeqLock<Quote> singleWriter = SeqLock.singleWriter(CODEC, ZERO);
    final SeqLock<Quote> latched = SeqLock.latched(CODEC, ZERO);
    final StampedQuote stamped = new StampedQuote();
  }

  /** Per-thread holders: readers and writers allocate nothing. */
  @State(Scope.Thread)
  public static class Local {
    final MaybeTorn<Quote> holder = MaybeTorn.allocate(CODEC);
    long counter;

    /** Encodes the next quote into {@link #holder} without allocating. */
    MaybeTorn<Quote> next() {
      long n = ++counter;
      ByteImage bytes = holder.bytes();
      for (int i = 0; i < 6; i++) {
        bytes.putLong(i * Long.BYTES, n + i);
      }
      return holder;
    }
  }

  /** Six plain fields under a StampedLock, read optimistically as StampedLock's javadoc shows. */
  static final class StampedQuote {
    private final StampedLock lock = new StampedLock();
    private long bid;
    private long ask;
    private long bidSize;
    private long askSize;
    private long time;
    private long sequence;

    long sum() {
      long stamp = lock.tryOptimisticRead();
      long sum = bid + ask + bidSize + askSize + time + sequence;
      if (!lock.validate(stamp)) {
        stamp = lock.readLock();
        try {
          sum = bid + ask + bidSize + askSize + time + sequence;
        } finally {
          lock.unlockRead(stamp);
        }
      }
      return sum;
    }

    void write(long n) {
      long stamp = lock.writeLock();
      try {
        bid = n;
        ask = n + 1;
        bidSize = n + 2;
        askSize = n + 3;
        time = n + 4;
        sequence = n + 5;
      } finally {
        lock.unlockWrite(stamp);
      }
    }
  }

  static long sum(MaybeTorn<Quote> holder) {
    ByteImage bytes = holder.bytes();
    long sum = 0;
    for (int i = 0; i < 6; i++) {
      sum += bytes.getLong(i * Long.BYTES);
    }
    return sum;
  }

  /** Uncontended: StampedLock's optimistic read of six fields (the baseline). */
  @Benchmark
  @Group("uncontendedStamped")
  public long uncontendedStampedRead(Shared shared) {
    return shared.stamped.sum();
  }

  /**
   * The protocol of a copying read written out by hand on bare arrays, without the library's layers,
   * checks and codecs: a floor for what any {@code readInto} of six words can cost in this harness.
   */
  @State(Scope.Thread)
  public static class Floor {
    static final VarHandle SEQUENCE = MethodHandles.arrayElementVarHandle(long[].class);
    final long[] sequence = new long[1];
    final long[] data = {1, 2, 3, 4, 5, 6};
    final long[] holder = new long[6];
  }

  /** Uncontended: the hand-written floor of a copying read (see {@link Floor}). */
  @Benchmark
  @Group("uncontendedFloor")
  public long uncontendedFloorRead(Floor floor) {
    long s1 = (long) Floor.SEQUENCE.getAcquire(floor.sequence, 0); // Acquire: copy stays after it
    if ((s1 & 1) != 0) {
      return -1;
    }
    long[] d = floor.holder;
    long[] s = floor.data;
    d[0] = s[0];
    d[1] = s[1];
    d[2] = s[2];
    d[3] = s[3];
    d[4] = s[4];
    d[5] = s[5];
    VarHandle.acquireFence(); // the copy's reads stay before the validating read
    long s2 = (long) Floor.SEQUENCE.getOpaque(floor.sequence, 0); // Opaque: coherent with s1
    if (s1 != s2) {
      return -1;
    }
    return d[0] + d[1] + d[2] + d[3] + d[4] + d[5];
  }

  /** Uncontended: {@code SeqLock.create} readInto. */
  @Benchmark
  @Group("uncontendedCreate")
  public long uncontendedCreateRead(Shared shared, Local local) {
    shared.create.readInto(local.holder);
    return sum(local.holder);
  }

  /** Uncontended: {@code SeqLock.singleWriter} readInto. */
  @Benchmark
  @Group("uncontendedSingleWriter")
  public long uncontendedSingleWriterRead(Shared shared, Local local) {
    shared.singleWriter.readInto(local.holder);
    return sum(local.holder);
  }

  /** Uncontended: {@code SeqLock.latched} readInto. */
  @Benchmark
  @Group("uncontendedLatched")
  public long uncontendedLatchedRead(Shared shared, Local local) {
    shared.latched.readInto(local.holder);
    return sum(local.holder);
  }

  /** Back-to-back writer: StampedLock reader. */
  @Benchmark
  @Group("stampedBackToBack")
  @GroupThreads(1)
  public long stampedReader(Shared shared) {
    return shared.stamped.sum();
  }

  /** Back-to-back writer: StampedLock writer. */
  @Benchmark
  @Group("stampedBackToBack")
  @GroupThreads(1)
  public void stampedWriter(Shared shared, Local local) {
    shared.stamped.write(++local.counter);
  }

  /** Back-to-back writer: {@code SeqLock.create} reader. */
  @Benchmark
  @Group("createBackToBack")
  @GroupThreads(1)
  public long createReader(Shared shared, Local local) {
    shared.create.readInto(local.holder);
    return sum(local.holder);
  }

  /** Back-to-back writer: {@code SeqLock.create} writer. */
  @Benchmark
  @Group("createBackToBack")
  @GroupThreads(1)
  public void createWriter(Shared shared, Local local) {
    shared.create.writeFrom(local.next());
  }

  /** Back-to-back writer: {@code SeqLock.singleWriter} reader. */
  @Benchmark
  @Group("singleWriterBackToBack")
  @GroupThreads(1)
  public long singleWriterReader(Shared shared, Local local) {
    shared.singleWriter.readInto(local.holder);
    return sum(local.holder);
  }

  /** Back-to-back writer: {@code SeqLock.singleWriter} writer. */
  @Benchmark
  @Group("singleWriterBackToBack")
  @GroupThreads(1)
  public void singleWriterWriter(Shared shared, Local local) {
    shared.singleWriter.writeFrom(local.next());
  }

  /** Back-to-back writer: {@code SeqLock.latched} reader. */
  @Benchmark
  @Group("latchedBackToBack")
  @GroupThreads(1)
  public long latchedReader(Shared shared, Local local) {
    shared.latched.readInto(local.holder);
    return sum(local.holder);
  }

  /** Back-to-back writer: {@code SeqLock.latched} writer. */
  @Benchmark
  @Group("latchedBackToBack")
  @GroupThreads(1)
  public void latchedWriter(Shared shared, Local local) {
    shared.latched.writeFrom(local.next());
  }
}
