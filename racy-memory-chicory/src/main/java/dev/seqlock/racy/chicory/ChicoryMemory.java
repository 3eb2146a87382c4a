package dev.seqlock.racy.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import dev.seqlock.racy.RacyMemory;
import dev.seqlock.racy.RacyOrder;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RacyMemory} as the linear memory of the <a href="https://chicory.dev">Chicory</a>
 * WebAssembly runtime, shared by the instances that import it, one per thread, and by the Java code
 * that holds the {@link RacyMemory}.
 *
 * <pre>{@code
 * ChicoryMemory memory = ChicoryMemory.allocate(new MemoryLimits(1, 16, true));
 * ImportValues imports = ImportValues.builder()
 *     .addMemory(new ImportMemory("env", "memory", memory)).build();
 * // one Instance per thread, all importing the same memory
 * Instance instance = Instance.builder(module).withImportValues(imports).build();
 * }</pre>
 *
 * <p>What it gives a module over Chicory's own memories: loads and stores that never tear when
 * aligned; bulk copies, fills and data-segment initialisation that are safe while other threads use
 * the memory; growth that never moves the bytes under a concurrent access; atomic instructions of
 * different sizes on overlapping bytes (an {@code i32.atomic.rmw.add} at 16 and an {@code
 * i32.atomic.rmw8.add_u} at 17) that are atomic with respect to each other; and {@code
 * memory.atomic.wait32/64} and {@code memory.atomic.notify} that wake waiters in FIFO order and never
 * wake one spuriously.
 *
 * <p><b>What Chicory's interface cannot take.</b> Chicory 1.5's {@link Memory} has no atomic
 * operations: its interpreter and its compiler run every atomic instruction as {@code synchronized
 * (memory.lock(address)) { read; write }}, and call {@link #waitOn} and {@link #notify} inside that
 * monitor. So the module's atomic instructions are made atomic by the monitor that {@link #lock}
 * returns, not by {@link RacyMemory}'s lock-free read-modify-writes, and its waiters wait on that
 * monitor, not in {@link RacyMemory#wait32}'s queue. Java code that must be atomic with the module's
 * atomics, or ordered with them, takes the same monitor ({@code synchronized (memory.lock(offset))})
 * and uses this class's accessors, and wakes the module's waiters with {@link #notify}; {@link
 * RacyMemory}'s own SEQ_CST accesses, read-modify-writes, waits and notifies are atomic and ordered
 * among themselves but not with the module's. And a plain (non-atomic) store of the module racing
 * one of its atomic read-modify-writes of the same bytes may be overwritten by it, where hardware
 * read-modify-writes would keep it: a data race, whose result WebAssembly leaves loosely defined.
 *
 * <p>Data segments: like Chicory's own memories, this one keeps the data segments of the instance
 * initialised on it last, so modules sharing it that use {@code memory.init} or {@code data.drop}
 * must have the same data segments.
 */
public final class ChicoryMemory implements Memory {
  /*
   * Algorithmic notes
   *
   * Atomic instructions. Chicory runs each one inside synchronized (lock(address)). lock maps an
   * address to one of STRIPES monitors by its 8-byte word ((address >>> 3) mod STRIPES; words
   * 8 * STRIPES bytes apart share one, which costs contention, not correctness): an atomic access is
   * aligned to its size, at most 8, so it lies inside one 8-byte word, and two atomic accesses that
   * overlap are in the same word and take the same monitor. Chicory's own memories key the monitor
   * by the exact address, so an i32 read-modify-write at 16 and an i8 one at 17 run at once and one
   * can overwrite the other's update. Every atomic access is then inside a critical section; the
   * critical sections are totally ordered by their monitors' synchronization order, consistently
   * with program order (JLS 17.4.4), and a read inside one sees the last write to its bytes in an
   * earlier critical section of the same monitor (that write happens-before it; a later one cannot
   * be seen, because the read happens-before it). So the module's atomic instructions, of every size,
   * are sequentially consistent with each other, which is what WebAssembly asks of them. The reads and
   * writes inside are UNORDERED accesses of the RacyMemory: aligned, they never tear, so a plain
   * (non-atomic) load racing them reads either value, as WebAssembly allows. A plain store racing a
   * read-modify-write is outside every critical section, so it can land between the read and the
   * write and be overwritten (the class javadoc). Accesses outside the monitors, Java's SEQ_CST
   * accesses of the RacyMemory included, have no happens-before edge with the critical sections.
   *
   * Waiting. Chicory calls waitOn holding lock(address), so a waiter can only let other threads in
   * by Object.wait on that monitor: the waiters are queued per stripe, under the stripe's monitor
   * (waitOn and notify also synchronize on it themselves, reentrantly, for callers that do not). The
   * waiter compares the value and enqueues itself in one critical section, and a notify runs in
   * another one of the same monitor: either the notify comes first, and then the store it follows in
   * program order happens-before the comparison, which fails (NOT_EQUAL), or the waiter is queued
   * and the notify finds it. notify marks waiters of its address as woken in FIFO order and then
   * wakes every thread waiting on the monitor; a waiter returns OK only when marked (no spurious
   * wake-ups), TIMED_OUT after removing itself, and removes itself if interrupted. This is a second
   * waiter queue beside RacyMemory's, because Chicory's monitor must be released while waiting and
   * RacyMemory's queue cannot release it.
   *
   * Length. pages() is the RacyMemory's byteLength (an Acquire load) over the page size; grow runs
   * under growLock so that it can return the size before its own growth.
   */

  private static final int STRIPES = 64; // a power of two
  private static final int NOT_EQUAL = 1;
  private static final int TIMED_OUT = 2;
  private static final int OK = 0;

  private final RacyMemory memory;
  private final int initialPages;
  private final int maximumPages;
  private final boolean shared;
  private final Stripe[] stripes = new Stripe[STRIPES];
  private final Object growLock = new Object();
  /** Volatile: set by the thread that instantiates a module, read by those that run it. */
  private volatile DataSegment @Nullable [] dataSegments;

  private ChicoryMemory(RacyMemory memory, int initialPages, int maximumPages, boolean shared) {
    this.memory = memory;
    this.initialPages = initialPages;
    this.maximumPages = maximumPages;
    this.shared = shared;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe();
    }
  }

  /**
   * A zeroed memory of {@code limits.initialPages()} pages that grows up to {@code
   * limits.maximumPages()} (at most {@link Memory#RUNTIME_MAX_PAGES}), shared if the limits say so.
   * Fits {@code Instance.Builder.withMemoryFactory(ChicoryMemory::allocate)} for a module that
   * defines its memory.
   *
   * @param limits the module's memory limits
   * @return the memory
   */
  public static ChicoryMemory allocate(MemoryLimits limits) {
    int maximum = Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
    int initial = limits.initialPages();
    if (initial > maximum) {
      throw new IllegalArgumentException("limits.initialPages() must be at most " + maximum
          + " (the maximum, and Chicory's RUNTIME_MAX_PAGES): " + initial);
    }
    return new ChicoryMemory(
        RacyMemory.allocate((long) initial * PAGE_SIZE, (long) maximum * PAGE_SIZE),
        initial, maximum, limits.shared());
  }

  /**
   * A shared memory over {@code memory}'s bytes: its pages now are its initial pages, its maximum
   * its maximum. Java code keeps using {@code memory} while modules run on it.
   *
   * @param memory the bytes, a whole number of 64 KiB pages, at most {@link
   *     Memory#RUNTIME_MAX_PAGES} of them now
   * @return the memory
   * @throws IllegalArgumentException if {@code memory}'s length or maximum is not a whole number of
   *     pages, or its length is over {@link Memory#RUNTIME_MAX_PAGES} pages
   */
  public static ChicoryMemory wrap(RacyMemory memory) {
    long length = memory.byteLength();
    long max = memory.maxByteLength();
    if (length % PAGE_SIZE != 0 || max % PAGE_SIZE != 0) {
      throw new IllegalArgumentException("memory's byteLength and maxByteLength must be multiples of "
          + PAGE_SIZE + ": " + length + ", " + max);
    }
    if (length / PAGE_SIZE > RUNTIME_MAX_PAGES) {
      throw new IllegalArgumentException("memory must be at most " + RUNTIME_MAX_PAGES
          + " pages (Chicory's RUNTIME_MAX_PAGES): " + length / PAGE_SIZE);
    }
    int maximum = (int) Math.min(max / PAGE_SIZE, RUNTIME_MAX_PAGES);
    return new ChicoryMemory(memory, (int) (length / PAGE_SIZE), maximum, true);
  }

  /**
   * The bytes, for Java code sharing them with the module.
   *
   * @return the memory this one reads and writes
   */
  public RacyMemory racyMemory() {
    return memory;
  }

  // ---- size ----

  @Override
  public int pages() {
    return (int) (memory.byteLength() / PAGE_SIZE);
  }

  @Override
  public int grow(int size) {
    synchronized (growLock) {
      int previous = pages();
      long wanted = (long) previous + size;
      if (size < 0 || wanted > maximumPages || !memory.grow(wanted * PAGE_SIZE)) {
        return -1;
      }
      return previous;
    }
  }

  @Override
  public int initialPages() {
    return initialPages;
  }

  @Override
  public int maximumPages() {
    return maximumPages;
  }

  @Override
  public boolean shared() {
    return shared;
  }

  // ---- atomics: the monitor, waiting and notifying ----

  /**
   * The monitor Chicory's atomic instructions at {@code address} run under: one of 64, chosen by the
   * 8-byte word holding {@code address}, so atomics that overlap share it (the class notes).
   */
  @Override
  public Object lock(int address) {
    return stripes[(address >>> 3) & (STRIPES - 1)];
  }

  @Override
  public int waitOn(int address, int expected, long timeout) {
    checkWaitable(address, Integer.BYTES);
    Stripe stripe = (Stripe) lock(address);
    synchronized (stripe) { // reentrant: Chicory already holds it
      if (readInt(address) != expected) {
        return NOT_EQUAL;
      }
      return stripe.await(address, timeout);
    }
  }

  @Override
  public int waitOn(int address, long expected, long timeout) {
    checkWaitable(address, Long.BYTES);
    Stripe stripe = (Stripe) lock(address);
    synchronized (stripe) { // reentrant: Chicory already holds it
      if (readLong(address) != expected) {
        return NOT_EQUAL;
      }
      return stripe.await(address, timeout);
    }
  }

  private void checkWaitable(int address, int size) {
    if (!shared) {
      throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }
    checkBounds(address, size);
  }

  /**
   * Wakes, in the order they began waiting, up to {@code count} threads waiting at {@code address}
   * (all of them if {@code count} is negative: WebAssembly's count is unsigned). Traps, as
   * WebAssembly asks, if {@code address} is not a multiple of 4 (Chicory's interpreter does not
   * check it) or outside the memory.
   */
  @Override
  public int notify(int address, int count) {
    if ((address & 3) != 0) {
      throw new InvalidException("unaligned atomic"); // Chicory's exception for the other atomics
    }
    checkBounds(address, Integer.BYTES);
    Stripe stripe = (Stripe) lock(address);
    synchronized (stripe) { // reentrant: Chicory already holds it
      return stripe.wake(address, count < 0 ? Integer.MAX_VALUE : count);
    }
  }

  /** One monitor and the queue of the threads waiting under it. */
  private static final class Stripe {
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    /** Called holding this monitor, after the value compared equal. */
    int await(int address, long timeoutNanos) {
      Waiter waiter = new Waiter(address);
      waiters.addLast(waiter);
      long deadline = System.nanoTime() + timeoutNanos;
      try {
        while (!waiter.woken) {
          if (timeoutNanos < 0) {
            wait();
          } else {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
              waiters.remove(waiter);
              return TIMED_OUT;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
          }
        }
        return OK;
      } catch (InterruptedException e) {
        if (waiter.woken) {
          Thread.currentThread().interrupt();
          return OK; // notified before the interrupt: the wake-up is not lost
        }
        waiters.remove(waiter);
        Thread.currentThread().interrupt();
        throw new ChicoryInterruptedException("Thread interrupted");
      }
    }

    /** Called holding this monitor. */
    int wake(int address, int count) {
      int woken = 0;
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext() && woken < count; ) {
        Waiter waiter = it.next();
        if (waiter.address == address) {
          waiter.woken = true;
          it.remove();
          woken++;
        }
      }
      if (woken > 0) {
        notifyAll(); // the others see woken still false and wait again
      }
      return woken;
    }
  }

  private static final class Waiter {
    final int address;
    boolean woken; // guarded by the stripe's monitor

    Waiter(int address) {
      this.address = address;
    }
  }

  // ---- data segments ----

  @Override
  public void initialize(Instance instance, DataSegment[] dataSegments) {
    this.dataSegments = dataSegments;
    if (dataSegments == null) {
      return;
    }
    for (DataSegment segment : dataSegments) {
      if (segment instanceof ActiveDataSegment active) {
        byte[] data = active.data();
        long offset = constant(instance, active.offsetInstructions());
        long length = memory.byteLength();
        if (offset < 0 || offset > length - data.length) {
          throw new UninstantiableException("out of bounds memory access: data segment of "
              + data.length + " bytes at " + offset + ", memory of " + length + " bytes");
        }
        memory.copyFrom(data, 0, offset, data.length);
      } else if (!(segment instanceof PassiveDataSegment)) {
        throw new ChicoryException("Data segment should be active or passive: " + segment);
      }
    }
  }

  /** A data segment's offset: a constant or an imported global, as Chicory evaluates them. */
  private static long constant(Instance instance, Iterable<Instruction> expression) {
    long value = 0;
    for (Instruction instruction : expression) {
      value = switch (instruction.opcode()) {
        case I32_CONST -> (int) instruction.operand(0);
        case I64_CONST -> instruction.operand(0);
        case GLOBAL_GET -> (int) instance.global((int) instruction.operand(0)).getValue();
        case END -> value;
        default -> throw new UninstantiableException(
            "unsupported instruction in a data segment's offset: " + instruction);
      };
    }
    return value;
  }

  @Override
  public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
    DataSegment[] segments = dataSegments;
    if (segments == null) {
      throw new WasmRuntimeException("out of bounds memory access: no data segment " + segmentId);
    }
    write(dest, segments[segmentId].data(), offset, size);
  }

  @Override
  public void drop(int segment) {
    DataSegment[] segments = dataSegments;
    if (segments != null) {
      segments[segment] = PassiveDataSegment.EMPTY;
    }
  }

  // ---- bulk ----

  @Override
  public void write(int addr, byte[] data, int offset, int size) {
    try {
      memory.copyFrom(data, offset, addr, size);
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw outOfBounds(addr, size, e);
    }
  }

  @Override
  public byte[] readBytes(int addr, int len) {
    checkBounds(addr, len);
    byte[] bytes = new byte[len];
    try {
      memory.copyTo(addr, bytes, 0, len);
    } catch (IndexOutOfBoundsException e) {
      throw outOfBounds(addr, len, e);
    }
    return bytes;
  }

  @Override
  public void copy(int dest, int src, int size) {
    try {
      memory.copyWithin(dest, src, size);
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) { // a length of 2^31 or more
      throw outOfBounds(Math.max(dest, src), size, e);
    }
  }

  @Override
  public void fill(byte value, int fromIndex, int toIndex) {
    try {
      memory.fill(fromIndex, (long) toIndex - fromIndex, value);
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw outOfBounds(fromIndex, toIndex - fromIndex, e);
    }
  }

  @Override
  public void zero() {
    memory.fill(0, memory.byteLength(), (byte) 0);
  }

  // ---- loads and stores: UNORDERED accesses of the RacyMemory ----

  @Override
  public byte read(int addr) {
    try {
      return memory.load8(addr, RacyOrder.UNORDERED);
    } catch (IndexOutOfBoundsException e) {
      throw outOfBounds(addr, 1, e);
    }
  }

  @Override
  public void writeByte(int addr, byte data) {
    try {
      memory.store8(addr, data, RacyOrder.UNORDERED);
    } catch (IndexOutOfBoundsException e) {
      throw outOfBounds(addr, 1, e);
    }
  }

  @Override
  public short readShort(int addr) {
    try {
      return memory.load16(addr, RacyOrder.UNORDERED);
    } catch (IndexOutOfBoundsException e) {
      throw outOfBounds(addr, 2, e);
    }
  }

  @Override
  public long readU16(int addr) {
    return readShort(addr) & 0xFFFFL;
  }

  @Override
  public void writeShort(int addr, short data) {
    try {
      memory.store16(addr, data, RacyOrder.UNORDERED);
    } catch (IndexOutOfBoundsException e) {
      throw outOfBounds(addr, 2, e);
    }
  }

  @Override
  public int readInt(int addr) {
    try {
      return memory.load32(addr, RacyOrder.UNORDERED);
    } catch (IndexOutOfBoundsException e) {
      throw outOfBounds(addr, 4, e);
    }
  }

  @Override
  public void writeI32(int addr, int data) {
    try {
      memory.store32(addr, data, RacyOrder.UNORDERED);
    } catch (IndexOutOfBoundsException e) {
      throw outOfBounds(addr, 4, e);
    }
  }

  @Override
  public long readLong(int addr) {
    try {
      return memory.load64(addr, RacyOrder.UNORDERED);
    } catch (IndexOutOfBoundsException e) {
      throw outOfBounds(addr, 8, e);
    }
  }

  @Override
  public void writeLong(int addr, long data) {
    try {
      memory.store64(addr, data, RacyOrder.UNORDERED);
    } catch (IndexOutOfBoundsException e) {
      throw outOfBounds(addr, 8, e);
    }
  }

  @Override
  public long readF32(int addr) {
    return readInt(addr);
  }

  @Override
  public float readFloat(int addr) {
    return Float.intBitsToFloat(readInt(addr));
  }

  @Override
  public void writeF32(int addr, float data) {
    writeI32(addr, Float.floatToRawIntBits(data));
  }

  @Override
  public long readF64(int addr) {
    return readLong(addr);
  }

  @Override
  public double readDouble(int addr) {
    return Double.longBitsToDouble(readLong(addr));
  }

  @Override
  public void writeF64(int addr, double data) {
    writeLong(addr, Double.doubleToRawLongBits(data));
  }

  // ---- bounds ----

  private void checkBounds(int addr, int size) {
    long length = memory.byteLength();
    if (addr < 0 || size < 0 || addr > length - size) {
      throw outOfBounds(addr, size, null);
    }
  }

  /** Chicory's trap for an access outside the memory (the spec tests match its message). */
  private WasmRuntimeException outOfBounds(long addr, long size, @Nullable RuntimeException cause) {
    String message = "out of bounds memory access: attempted to access address: " + addr
        + " but limit is: " + memory.byteLength() + " and size: " + size;
    return cause == null ? new WasmRuntimeException(message)
        : new WasmRuntimeException(message, cause);
  }

  @Override
  public String toString() {
    return "ChicoryMemory[" + pages() + " pages of " + maximumPages + (shared ? ", shared]" : "]");
  }
}
