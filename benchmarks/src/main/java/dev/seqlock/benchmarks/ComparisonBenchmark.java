package dev.seqlock.benchmarks;

import dev.seqlock.benchmarks.designs.Design;
import dev.seqlock.benchmarks.designs.SharedValue;
import dev.seqlock.benchmarks.designs.ThreadSide;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The designs a reader of shared data chooses between ({@link Design}), on the same value of
 * {@code size} bytes (six longs for 48), in four scenarios:
 *
 * <ul>
 *   <li>{@code noWriter}: one reader, nothing writes. With {@code -prof gc}, its
 *       {@code gc.alloc.rate.norm} is the allocation per read.
 *   <li>{@code writerAlone}: one writer, nothing reads: the uncontended write, and with
 *       {@code -prof gc} the allocation per write.
 *   <li>{@code paced}: one reader beside one writer that burns {@link #PACE_TOKENS} of
 *       {@link Blackhole#consumeCPU} before each write, as a feed that publishes between other work
 *       (the writer's score is the pause plus the write).
 *   <li>{@code backToBack}: one reader beside one writer writing as fast as it can.
 * </ul>
 *
 * <p>Never more than two threads: this is a 2-core machine's benchmark. JMH reports the reader and the
 * writer of a group separately ({@code backToBack:backToBackReader}, …) and, as {@code :reads} and
 * {@code :retries}, how many reads there were and how many of them found their first optimistic
 * attempt invalidated by a write (seqlocks and StampedLock; always 0 for the others).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar ComparisonBenchmark -p size=48 -prof gc
 * java -cp benchmarks/target/benchmarks.jar dev.seqlock.benchmarks.report.ComparisonReport
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
// Agrona's UnsafeBuffer (AGRONA_* designs) reaches jdk.internal.misc.Unsafe, which Java 17 exports
// only on request
@Fork(value = 3, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
public class ComparisonBenchmark {
  /** The paced writer's pause before each write, in {@link Blackhole#consumeCPU} tokens. */
  public static final long PACE_TOKENS = 1_000;

  /** The value shared by a group's threads. */
  @State(Scope.Group)
  public static class Shared {
    /** The design under test. */
    @Param({
      "SEQLOCK_CREATE",
      "SEQLOCK_OPTIMISTIC",
      "SEQLOCK_SINGLE_WRITER_FIELDS",
      "SEQLOCK_SINGLE_WRITER_NEVER_FIELDS",
      "SEQLOCK_SINGLE_WRITER",
      "SEQLOCK_LATCHED",
      "SEQLOCK_LATCHED_FIELDS",
      "SEQLOCK_LATCHED_SINGLE_WRITER_FIELDS",
      "SHARED_FILE",
      "SHARED_FILE_FIELDS",
      "POLL_LATCHED",
      "POLL_SHARED_FILE",
      "AGRONA_SEQLOCK",
      "AGRONA_FIELDS",
      "AGRONA_LATCHED",
      "HAND_WRITTEN_SEQLOCK",
      "HAND_WRITTEN_FIELDS",
      "HAND_WRITTEN_LATCHED_FIELDS",
      "STAMPED_LOCK",
      "READ_WRITE_LOCK",
      "REENTRANT_LOCK",
      "SYNCHRONIZED",
      "COPY_ON_WRITE"
    })
    public Design design = Design.SEQLOCK_CREATE;

    /** The value's size in bytes, a multiple of 8. */
    @Param({"16", "48", "256"})
    public int size = 48;

    SharedValue value = Design.SEQLOCK_CREATE.create(6);

    /** Creates the shared value. */
    @Setup(Level.Trial)
    public void setUp() {
      value = design.create(size / Long.BYTES);
    }
  }

  /** The reading thread: its holder and its counts, reported by JMH as {@code reads}, {@code retries}. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Reader {
    /** Reads completed in the iteration. */
    public long reads;

    /** Reads in the iteration whose first optimistic attempt failed. */
    public long retries;

    ThreadSide side = new ThreadSide(1);

    /** Allocates the holder for the shared value's size. */
    @Setup(Level.Trial)
    public void setUp(Shared shared) {
      side = new ThreadSide(shared.size / Long.BYTES);
    }

    /** Zeroes the counts: JMH sums them per iteration. */
    @Setup(Level.Iteration)
    public void reset() {
      reads = 0;
      side.retries = 0;
      retries = 0;
    }

    long read(SharedValue value) {
      long sum = value.read(side);
      reads++;
      retries = side.retries;
      return sum;
    }
  }

  /** The writing thread: its holder and the next value's first word. */
  @State(Scope.Thread)
  public static class Writer {
    ThreadSide side = new ThreadSide(1);
    long next;

    /** Allocates the holder for the shared value's size. */
    @Setup(Level.Trial)
    public void setUp(Shared shared) {
      side = new ThreadSide(shared.size / Long.BYTES);
    }

    void write(SharedValue value) {
      value.write(side, ++next);
    }
  }

  /** No writer: one read. */
  @Benchmark
  @Group("noWriter")
  public long noWriterReader(Shared shared, Reader reader) {
    return reader.read(shared.value);
  }

  /** No reader: one write. */
  @Benchmark
  @Group("writerAlone")
  public void writerAloneWriter(Shared shared, Writer writer) {
    writer.write(shared.value);
  }

  /** Paced writer: the reader. */
  @Benchmark
  @Group("paced")
  @GroupThreads(1)
  public long pacedReader(Shared shared, Reader reader) {
    return reader.read(shared.value);
  }

  /** Paced writer: a pause, then one write. */
  @Benchmark
  @Group("paced")
  @GroupThreads(1)
  public void pacedWriter(Shared shared, Writer writer) {
    Blackhole.consumeCPU(PACE_TOKENS);
    writer.write(shared.value);
  }

  /** Back-to-back writer: the reader. */
  @Benchmark
  @Group("backToBack")
  @GroupThreads(1)
  public long backToBackReader(Shared shared, Reader reader) {
    return reader.read(shared.value);
  }

  /** Back-to-back writer: one write. */
  @Benchmark
  @Group("backToBack")
  @GroupThreads(1)
  public void backToBackWriter(Shared shared, Writer writer) {
    writer.write(shared.value);
  }
}
