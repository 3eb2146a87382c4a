package dev.seqlock.atomic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hot paths documented as allocation-free allocate nothing: measured with the per-thread
 * allocation counter of HotSpot's {@code com.sun.management.ThreadMXBean}
 * ({@code getCurrentThreadAllocatedBytes}).
 */
class AllocationTest {
  private static final int WARM_UP_CALLS = 20_000;
  private static final int MEASURED_CALLS = 100_000;

  /**
   * Allowed slack for the whole measured run, not per call. The counter is exact for this thread's
   * TLAB allocations, but reading it, a safepoint or a deoptimisation in the measured window may
   * account a few bytes to the thread; any per-call allocation would show up as at least 16 bytes x
   * 100,000 calls = 1.6 MB, far above this.
   */
  private static final long SLACK_BYTES = 1024;

  private static final ByteCodec<long[]> CODEC = ByteCodecs.ofLongArray(5);

  /**
   * Returns a handle of type {@code ()long} that reads {@code getCurrentThreadAllocatedBytes()} of
   * {@code (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()}, or aborts the test
   * if this JVM cannot count the bytes a thread allocates. The tests compile patched into module
   * {@code dev.seqlock.atomic}, which does not read {@code java.management} or
   * {@code jdk.management}, so both are reached reflectively; at run time the tests are on the class
   * path and can use them. The handle is invoked exactly, so reading the counter boxes nothing.
   */
  private static MethodHandle allocationCounter() {
    try {
      Object threads =
          Class.forName("java.lang.management.ManagementFactory")
              .getMethod("getThreadMXBean")
              .invoke(null);
      Class<?> hotSpotThreads = Class.forName("com.sun.management.ThreadMXBean");
      if (!hotSpotThreads.isInstance(threads)
          || !Boolean.TRUE.equals(
              hotSpotThreads.getMethod("isThreadAllocatedMemorySupported").invoke(threads))) {
        return Assumptions.abort("this JVM cannot count the bytes a thread allocates");
      }
      hotSpotThreads
          .getMethod("setThreadAllocatedMemoryEnabled", boolean.class)
          .invoke(threads, true);
      return MethodHandles.publicLookup()
          .findVirtual(
              hotSpotThreads, "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class))
          .bindTo(threads);
    } catch (ReflectiveOperationException e) {
      return Assumptions.abort("no com.sun.management.ThreadMXBean: " + e);
    }
  }

  private static long allocatedBytes(MethodHandle counter) {
    try {
      return (long) counter.invokeExact();
    } catch (Throwable e) {
      throw new AssertionError("reading the allocation counter failed", e);
    }
  }

  private static AtomicPerByte<long[]> heapValue() {
    return new AtomicPerByte<>(CODEC, new long[] {1, 2, 3, 4, 5});
  }

  private static AtomicPerByte<long[]> bufferValue() {
    return AtomicPerByte.wrap(ByteBuffer.allocateDirect(AtomicPerByte.storageSize(CODEC)), 0, CODEC);
  }

  private static AtomicPerByteArray<long[]> heapArray() {
    return AtomicPerByteArray.create(CODEC, 4, new long[5]);
  }

  private static AtomicPerByteArray<long[]> bufferArray() {
    return AtomicPerByteArray.wrap(
        ByteBuffer.allocateDirect(AtomicPerByteArray.storageSize(CODEC, 4)), 0, CODEC, 4);
  }

  private static Arguments loadInto(String name, AtomicPerByte<long[]> value, MemoryOrder order) {
    MaybeTorn<long[]> holder = MaybeTorn.allocate(CODEC);
    return Arguments.of(name, (Runnable) () -> value.loadInto(holder, order));
  }

  private static Arguments storeFrom(String name, AtomicPerByte<long[]> value, MemoryOrder order) {
    MaybeTorn<long[]> holder = MaybeTorn.of(CODEC, new long[] {5, 4, 3, 2, 1});
    return Arguments.of(name, (Runnable) () -> value.storeFrom(holder, order));
  }

  private static Arguments elementLoadInto(
      String name, AtomicPerByteArray<long[]> array, MemoryOrder order) {
    MaybeTorn<long[]> holder = MaybeTorn.allocate(CODEC);
    return Arguments.of(name, (Runnable) () -> array.loadInto(2, holder, order));
  }

  private static Arguments elementStoreFrom(
      String name, AtomicPerByteArray<long[]> array, MemoryOrder order) {
    MaybeTorn<long[]> holder = MaybeTorn.of(CODEC, new long[] {5, 4, 3, 2, 1});
    return Arguments.of(name, (Runnable) () -> array.storeFrom(1, holder, order));
  }

  static Stream<Arguments> allocationFreeOperations() {
    byte[] sharedArray = new byte[64];
    ByteBuffer sharedDirect = ByteBuffer.allocateDirect(64);
    ByteBuffer sharedHeap = ByteBuffer.allocate(64);
    byte[] privateArray = Fixtures.pattern(64, 3);
    List<MaybeTorn<long[]>> holders = List.of(MaybeTorn.allocate(CODEC), MaybeTorn.allocate(CODEC));
    AtomicPerByteArray<long[]> rangeArray = heapArray();
    return Stream.of(
        loadInto("AtomicPerByte.loadInto heap RELAXED", heapValue(), MemoryOrder.RELAXED),
        loadInto("AtomicPerByte.loadInto heap ACQUIRE", heapValue(), MemoryOrder.ACQUIRE),
        storeFrom("AtomicPerByte.storeFrom heap RELAXED", heapValue(), MemoryOrder.RELAXED),
        storeFrom("AtomicPerByte.storeFrom heap RELEASE", heapValue(), MemoryOrder.RELEASE),
        loadInto("AtomicPerByte.loadInto direct RELAXED", bufferValue(), MemoryOrder.RELAXED),
        loadInto("AtomicPerByte.loadInto direct ACQUIRE", bufferValue(), MemoryOrder.ACQUIRE),
        storeFrom("AtomicPerByte.storeFrom direct RELAXED", bufferValue(), MemoryOrder.RELAXED),
        storeFrom("AtomicPerByte.storeFrom direct RELEASE", bufferValue(), MemoryOrder.RELEASE),
        elementLoadInto("AtomicPerByteArray.loadInto heap ACQUIRE", heapArray(), MemoryOrder.ACQUIRE),
        elementStoreFrom(
            "AtomicPerByteArray.storeFrom heap RELEASE", heapArray(), MemoryOrder.RELEASE),
        elementLoadInto(
            "AtomicPerByteArray.loadInto direct RELAXED", bufferArray(), MemoryOrder.RELAXED),
        elementStoreFrom(
            "AtomicPerByteArray.storeFrom direct RELAXED", bufferArray(), MemoryOrder.RELAXED),
        Arguments.of(
            "AtomicPerByteArray.loadRange List.of ACQUIRE",
            (Runnable) () -> rangeArray.loadRange(1, holders, MemoryOrder.ACQUIRE)),
        Arguments.of(
            "AtomicPerByteArray.storeRangeFrom List.of RELEASE",
            (Runnable) () -> rangeArray.storeRangeFrom(2, holders, MemoryOrder.RELEASE)),
        Arguments.of(
            "AtomicBytes.load byte[]",
            (Runnable)
                () -> AtomicBytes.load(sharedArray, 8, privateArray, 0, 48, MemoryOrder.ACQUIRE)),
        Arguments.of(
            "AtomicBytes.load direct ByteBuffer",
            (Runnable)
                () -> AtomicBytes.load(sharedDirect, 8, privateArray, 0, 48, MemoryOrder.RELAXED)),
        Arguments.of(
            "AtomicBytes.load heap ByteBuffer",
            (Runnable)
                () -> AtomicBytes.load(sharedHeap, 8, privateArray, 0, 48, MemoryOrder.ACQUIRE)),
        Arguments.of(
            "AtomicBytes.store byte[]",
            (Runnable)
                () -> AtomicBytes.store(privateArray, 0, sharedArray, 3, 48, MemoryOrder.RELEASE)),
        Arguments.of(
            "AtomicBytes.store direct ByteBuffer",
            (Runnable)
                () -> AtomicBytes.store(privateArray, 0, sharedDirect, 3, 48, MemoryOrder.RELAXED)),
        Arguments.of(
            "AtomicBytes.store heap ByteBuffer",
            (Runnable)
                () -> AtomicBytes.store(privateArray, 0, sharedHeap, 3, 48, MemoryOrder.RELEASE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allocationFreeOperations")
  void shouldAllocateNothingPerCall(String name, Runnable operation) {
    MethodHandle counter = allocationCounter();
    for (int i = 0; i < WARM_UP_CALLS; i++) {
      operation.run();
    }
    allocatedBytes(counter); // the first reading links the handle's invocation

    long before = allocatedBytes(counter);
    for (int i = 0; i < MEASURED_CALLS; i++) {
      operation.run();
    }
    long allocated = allocatedBytes(counter) - before;

    assertTrue(
        allocated < SLACK_BYTES,
        () -> name + " allocated " + allocated + " bytes in " + MEASURED_CALLS + " calls");
  }
}
