package dev.seqlock.benchmarks;

import dev.seqlock.racy.RacyMemory;
import dev.seqlock.racy.RacyOrder;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link RacyMemory}'s accesses, single-threaded, each beside the JDK access it should cost about as
 * much as: an UNORDERED 32-bit load or store beside a direct {@link ByteBuffer}'s {@code getInt} or
 * {@code putInt}; a SEQ_CST load and {@code getAndAdd32} beside a {@link VarHandle} volatile get and
 * {@code getAndAdd} on a direct buffer (the memory RacyMemory keeps its bytes in); {@code getAndAdd8} beside {@code getAndAdd32}; a 4 KiB
 * {@code copyWithin} beside {@code ByteBuffer.put(ByteBuffer)} within one direct buffer. Each call
 * moves to the next aligned offset of a 64 KiB memory, so nothing is hoisted. Report ratios within
 * one run.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar RacyMemoryBenchmark -f 3 -wi 3 -i 5 -w 500ms -r 1s
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class RacyMemoryBenchmark {
  private static final int BYTES = 1 << 16;
  private static final int COPY = 4_096;
  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final RacyMemory memory = RacyMemory.allocate(BYTES);

  /**
   * A growable memory of the same 64 KiB (one segment), as a WebAssembly memory with a maximum above
   * its size is: its accesses read the length and the segment table, where a fixed one's need not.
   */
  private final RacyMemory growable = RacyMemory.allocate(BYTES, 16 * BYTES);
  private final ByteBuffer direct = ByteBuffer.allocateDirect(BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private final ByteBuffer copySource = direct.slice(0, COPY);
  private final ByteBuffer copyTarget = direct.slice(2 * COPY, COPY);
  private int next;

  /** The next 4-byte aligned offset, round the 64 KiB. */
  private int offset() {
    next = (next + 4) & (BYTES - 4);
    return next;
  }

  /** An UNORDERED 32-bit load. */
  @Benchmark
  public int unorderedLoad32() {
    return memory.load32(offset(), RacyOrder.UNORDERED);
  }

  /** The baseline of unorderedLoad32: a direct ByteBuffer's getInt. */
  @Benchmark
  public int byteBufferGetInt() {
    return direct.getInt(offset());
  }

  /** An UNORDERED 32-bit store. */
  @Benchmark
  public void unorderedStore32() {
    memory.store32(offset(), next, RacyOrder.UNORDERED);
  }

  /** The baseline of unorderedStore32: a direct ByteBuffer's putInt. */
  @Benchmark
  public void byteBufferPutInt() {
    direct.putInt(offset(), next);
  }

  /**
   * Not a baseline: the VarHandle plain set that an UNORDERED store is, on the same buffer, to tell
   * the VarHandle's cost from RacyMemory's own.
   */
  @Benchmark
  public void varHandleSet() {
    INT.set(direct, offset(), next);
  }

  /** A SEQ_CST 32-bit load. */
  @Benchmark
  public int seqCstLoad32() {
    return memory.load32(offset(), RacyOrder.SEQ_CST);
  }

  /** Not a target: an UNORDERED 32-bit load of a growable memory, to set beside unorderedLoad32. */
  @Benchmark
  public int unorderedLoad32Growable() {
    return growable.load32(offset(), RacyOrder.UNORDERED);
  }

  /** Not a target: an UNORDERED 32-bit store to a growable memory. */
  @Benchmark
  public void unorderedStore32Growable() {
    growable.store32(offset(), next, RacyOrder.UNORDERED);
  }

  /** Not a target: a SEQ_CST 32-bit load of a growable memory, to set beside seqCstLoad32. */
  @Benchmark
  public int seqCstLoad32Growable() {
    return growable.load32(offset(), RacyOrder.SEQ_CST);
  }

  /** The baseline of seqCstLoad32: a VarHandle volatile get of a direct buffer's int. */
  @Benchmark
  public int varHandleGetVolatile() {
    return (int) INT.getVolatile(direct, offset());
  }

  /** A 32-bit getAndAdd. */
  @Benchmark
  public int getAndAdd32() {
    return memory.getAndAdd32(offset(), 1);
  }

  /** The baseline of getAndAdd32: a VarHandle getAndAdd of a direct buffer's int. */
  @Benchmark
  public int varHandleGetAndAdd() {
    return (int) INT.getAndAdd(direct, offset(), 1);
  }

  /** An 8-bit getAndAdd (set against getAndAdd32). */
  @Benchmark
  public byte getAndAdd8() {
    return memory.getAndAdd8(offset() + 1, (byte) 1);
  }

  /** A 4 KiB copyWithin. */
  @Benchmark
  public void copyWithin4k() {
    memory.copyWithin(2 * COPY, 0, COPY);
  }

  /** The baseline of copyWithin4k: ByteBuffer.put(ByteBuffer) between two views of one buffer. */
  @Benchmark
  public ByteBuffer byteBufferPut4k() {
    copySource.clear();
    copyTarget.clear();
    return copyTarget.put(copySource);
  }
}
