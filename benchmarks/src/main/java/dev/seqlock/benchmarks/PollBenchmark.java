package dev.seqlock.benchmarks;

import dev.seqlock.SeqLockArray;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.shared.SharedSeqLockArray;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A poller's round over a book of {@link #SLOTS} symbols in which nothing changed, in nanoseconds
 * per slot, no writer: what a market-data reader pays between updates. The reference is a {@link
 * StampedLock} per symbol polled as its Point pattern reads (optimistic stamp, the version field,
 * validate), the demo's {@code StampedLockBook}; beside it a {@link SeqLockArray#latched} book polled
 * slot by slot with {@code readIfNewer}, the same book scanned with {@link SeqLockArray#changedSlots},
 * a {@link SharedSeqLockArray} book in a memory-mapped file scanned by a reader handle, and the floor
 * of each way: one Acquire load per slot from the slots' own lines, and a plain loop over packed
 * versions. Report ratios against {@code stampedLock} of the same run; {@code ComparisonReport} runs
 * it as its poll pass.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar PollBenchmark -f 3 -wi 3 -i 5 -w 1s -r 1s
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class PollBenchmark {
  /** Symbols in the book, as in the targets. */
  static final int SLOTS = 1_024;

  private static final ByteCodec<long[]> SIX_LONGS = ByteCodecs.ofLongArray(6);
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

  /** A symbol guarded by its own StampedLock: its version (a poll reads nothing else). */
  private static final class Stamped {
    final StampedLock lock = new StampedLock();
    long version;
  }

  private final Stamped[] stamped = new Stamped[SLOTS];
  private final SeqLockArray<long[]> book = SeqLockArray.latched(SIX_LONGS, SLOTS, new long[6]);
  private final long[] seen = new long[SLOTS];
  private final int[] changed = new int[64];
  private final MaybeTorn<long[]> holder = MaybeTorn.allocate(SIX_LONGS);

  /** The floors: versions in the slots' own lines (stride of a latched slot) and packed. */
  private final long[] strided = new long[SLOTS * 16];

  private final long[] packed = new long[SLOTS];

  /** The shared file's writer (which wrote it) and a reader handle (which scans); null until set up. */
  private SharedSeqLockArray.@Nullable Writer<long[]> fileWriter;

  private @Nullable SharedSeqLockArray<long[]> fileReader;
  private @Nullable Path file;

  /**
   * Every symbol written once (version 2), and seen at that version; the shared file the same, in a
   * temporary file (under /dev/shm where there is one).
   *
   * @throws IOException if the file cannot be made
   */
  @Setup
  public void setUp() throws IOException {
    Path shm = Path.of("/dev/shm");
    Path made = Files.isDirectory(shm) ? Files.createTempFile(shm, "poll-", ".seqlock")
        : Files.createTempFile("poll-", ".seqlock");
    Files.delete(made); // the writer creates it
    file = made;
    SharedSeqLockArray.Writer<long[]> writer =
        SharedSeqLockArray.Writer.openWriter(made, SIX_LONGS, SLOTS, new long[6]);
    fileWriter = writer;
    fileReader = SharedSeqLockArray.openReader(made, SIX_LONGS);
    for (int i = 0; i < SLOTS; i++) {
      stamped[i] = new Stamped();
      stamped[i].version = 2;
      book.write(i, new long[] {i, i, i, i, i, i});
      writer.write(i, new long[] {i, i, i, i, i, i});
      seen[i] = book.version(i);
      strided[i * 16] = 2;
      packed[i] = 2;
    }
  }

  /**
   * Closes and deletes the shared file.
   *
   * @throws IOException if it cannot be deleted
   */
  @TearDown
  public void tearDown() throws IOException {
    if (fileReader != null) {
      fileReader.close();
    }
    if (fileWriter != null) {
      fileWriter.close();
    }
    if (file != null) {
      Files.deleteIfExists(file);
    }
  }

  /** StampedLock's poll per symbol: the optimistic stamp, the version, validate. */
  @Benchmark
  @OperationsPerInvocation(SLOTS)
  public long stampedLock() {
    long newer = 0;
    for (int i = 0; i < SLOTS; i++) {
      Stamped s = stamped[i];
      long stamp = s.lock.tryOptimisticRead();
      long version = s.version;
      if (!s.lock.validate(stamp) || version != seen[i]) {
        newer++; // never here: nothing changes
      }
    }
    return newer;
  }

  /** readIfNewer per slot, nothing new: the library's poll of one slot. */
  @Benchmark
  @OperationsPerInvocation(SLOTS)
  public long readIfNewer() {
    long sum = 0;
    for (int i = 0; i < SLOTS; i++) {
      sum += book.readIfNewer(i, seen[i], holder);
    }
    return sum;
  }

  /** One changedSlots over the book, nothing new: the library's poll of many slots. */
  @Benchmark
  @OperationsPerInvocation(SLOTS)
  public int changedSlots() {
    return book.changedSlots(seen, changed);
  }

  /** One changedSlots over the shared file's book, by a reader handle, nothing new. */
  @Benchmark
  @OperationsPerInvocation(SLOTS)
  public int changedSlotsSharedFile() {
    return Objects.requireNonNull(fileReader).changedSlots(seen, changed);
  }

  /** The floor of a poll per slot: one Acquire load from each slot's own line, one compare. */
  @Benchmark
  @OperationsPerInvocation(SLOTS)
  public long acquireLoadPerSlot() {
    long newer = 0;
    for (int i = 0; i < SLOTS; i++) {
      if ((long) LONGS.getAcquire(strided, i * 16) != seen[i]) {
        newer++;
      }
    }
    return newer;
  }

  /** The floor of a scan: a plain loop over packed versions. */
  @Benchmark
  @OperationsPerInvocation(SLOTS)
  public long packedLoop() {
    long newer = 0;
    for (int i = 0; i < SLOTS; i++) {
      if (packed[i] != seen[i]) {
        newer++;
      }
    }
    return newer;
  }
}
