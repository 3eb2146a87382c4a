package dev.seqlock.benchmarks;

import dev.seqlock.atomic.AtomicBytes;
import dev.seqlock.atomic.AtomicPerByte;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.atomic.MemoryOrder;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one byte-wise atomic copy of {@code size} bytes, uncontended, next to
 * {@link System#arraycopy} of the same bytes ({@code arraycopyBaseline}) and a per-word
 * {@code getOpaque}/{@code setOpaque} loop (the strategy the copy engine avoids). Report ratios
 * against the baseline of the same run.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar CopyBenchmark -f 3 -wi 3 -i 5 -w 1s -r 1s
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class CopyBenchmark {
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

  /** Bytes copied per operation. */
  @Param({"8", "64", "512", "4096"})
  public int size;

  private long[] sharedWords = new long[0];
  private long[] privateWords = new long[0];
  private byte[] sharedBytes = new byte[0];
  private byte[] privateBytes = new byte[0];
  private AtomicPerByte<long[]> heap = AtomicPerByte.uninit(ByteCodecs.ofLongArray(0));
  private AtomicPerByte<long[]> direct = AtomicPerByte.uninit(ByteCodecs.ofLongArray(0));
  private MaybeTorn<long[]> holder = MaybeTorn.allocate(ByteCodecs.ofLongArray(0));

  /** Allocates shared and private storage of {@code size} bytes. */
  @Setup
  public void setUp() {
    int words = size / Long.BYTES;
    ByteCodec<long[]> codec = ByteCodecs.ofLongArray(words);
    sharedWords = new long[words];
    privateWords = new long[words];
    sharedBytes = new byte[size];
    privateBytes = new byte[size];
    heap = new AtomicPerByte<>(codec, new long[words]);
    direct = AtomicPerByte.wrap(ByteBuffer.allocateDirect(size), 0, codec);
    holder = MaybeTorn.allocate(codec);
  }

  /** The baseline: a plain {@code long[]} copy of the same bytes. */
  @Benchmark
  public long[] arraycopyBaseline() {
    System.arraycopy(sharedWords, 0, privateWords, 0, privateWords.length);
    return privateWords;
  }

  /** What per-word Opaque access costs: the strategy the copy engine does not use. */
  @Benchmark
  public long[] opaqueLoopLoad() {
    long[] from = sharedWords;
    long[] to = privateWords;
    for (int i = 0; i < to.length; i++) {
      to[i] = (long) LONGS.getOpaque(from, i);
    }
    return to;
  }

  /** {@code loadInto} with ACQUIRE, heap storage. */
  @Benchmark
  public MaybeTorn<long[]> loadAcquire() {
    heap.loadInto(holder, MemoryOrder.ACQUIRE);
    return holder;
  }

  /** {@code loadInto} with RELAXED, heap storage. */
  @Benchmark
  public MaybeTorn<long[]> loadRelaxed() {
    heap.loadInto(holder, MemoryOrder.RELAXED);
    return holder;
  }

  /** {@code storeFrom} with RELEASE, heap storage. */
  @Benchmark
  public AtomicPerByte<long[]> storeRelease() {
    heap.storeFrom(holder, MemoryOrder.RELEASE);
    return heap;
  }

  /** {@code storeFrom} with RELAXED, heap storage. */
  @Benchmark
  public AtomicPerByte<long[]> storeRelaxed() {
    heap.storeFrom(holder, MemoryOrder.RELAXED);
    return heap;
  }

  /** {@code loadInto} with ACQUIRE from a direct buffer. */
  @Benchmark
  public MaybeTorn<long[]> loadAcquireDirect() {
    direct.loadInto(holder, MemoryOrder.ACQUIRE);
    return holder;
  }

  /** {@code storeFrom} with RELEASE into a direct buffer. */
  @Benchmark
  public AtomicPerByte<long[]> storeReleaseDirect() {
    direct.storeFrom(holder, MemoryOrder.RELEASE);
    return direct;
  }

  /** P1478's load on a {@code byte[]} with ACQUIRE. */
  @Benchmark
  public byte[] atomicBytesLoadAcquire() {
    AtomicBytes.load(sharedBytes, 0, privateBytes, 0, size, MemoryOrder.ACQUIRE);
    return privateBytes;
  }

  /** P1478's store on a {@code byte[]} with RELEASE. */
  @Benchmark
  public byte[] atomicBytesStoreRelease() {
    AtomicBytes.store(privateBytes, 0, sharedBytes, 0, size, MemoryOrder.RELEASE);
    return sharedBytes;
  }
}
