package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seqlock.Fixtures.Primitives;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.shared.SharedSeqLockArray;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documented steady-state allocation of readInto, tryReadInto, readIfNewer, changedSlots, the
 * optimistic field reads, writeFrom, write and the field writes is nothing, on a {@link SeqLock} and on a
 * {@link SeqLockArray} ({@link Facade}) of every {@link Variant}: measured with the per-thread
 * allocation counter of HotSpot, single-threaded, after a warm-up that lets the JIT compile the paths
 * and the method handles of the record codec link. On an array every call moves to the next slot, so
 * the index check and the per-slot state (staging holder, sequence, writer words) are on the measured
 * path.
 */
class ZeroAllocationTest {
  private static final int WARM_UP_CALLS = 200_000;
  private static final int CALLS = 100_000;

  /**
   * Allowed bytes for all {@link #CALLS} calls together. The counter is exact for this thread, but
   * the measurement itself may allocate a little (the first query of the bean, a deoptimisation that
   * rematerialises a scalar-replaced object), never per call: one allocation per call, even of an
   * empty object, would be 1.6 MB.
   */
  private static final long SLACK_BYTES = 1_024;

  /** HotSpot's per-thread allocation counter, or the test is skipped. */
  private static com.sun.management.ThreadMXBean allocationCounter() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(
        bean instanceof com.sun.management.ThreadMXBean,
        "no per-thread allocation counter on this JVM");
    com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(counter.isThreadAllocatedMemorySupported(), "allocation counter not supported");
    if (!counter.isThreadAllocatedMemoryEnabled()) {
      counter.setThreadAllocatedMemoryEnabled(true);
    }
    return counter;
  }

  /**
   * A lock or array and the holders and value one thread keeps reusing, as a real caller would. Each
   * call goes to the next value of the lock or array, round it: the lock's one value every time, or
   * the array's slots in turn.
   */
  static final class Caller<T> {
    final List<Subject<T>> values;
    final T value;
    final MaybeTorn<T> source;
    final MaybeTorn<T> destination;
    final long[] lastSeen;
    int next;
    long sink;

    Caller(Facade facade, Variant variant, Value<T> value) {
      this.values = facade.of(variant, value.codec(), value.sample()).everyValue();
      this.value = value.sample();
      this.source = MaybeTorn.of(value.codec(), value.sample());
      this.destination = MaybeTorn.allocate(value.codec());
      this.lastSeen = new long[values.size()];
      Arrays.fill(lastSeen, SeqLock.NOTHING_SEEN);
    }

    /** The index of this call's value: the next one, round the lock or array. */
    private int nextIndex() {
      next = (next + 1) % values.size();
      return next;
    }

    void readInto() {
      values.get(nextIndex()).readInto(destination);
    }

    void tryReadInto() {
      values.get(nextIndex()).tryReadInto(destination);
    }

    /** Nothing written since the last call on the value: returns at once. */
    void readIfNewerUnchanged() {
      int i = nextIndex();
      lastSeen[i] = values.get(i).readIfNewer(lastSeen[i], destination);
    }

    /** A write before every call, so that every call copies (the write must not allocate either). */
    void readIfNewerChanged() {
      int i = nextIndex();
      Subject<T> target = values.get(i);
      target.writeFrom(source);
      lastSeen[i] = target.readIfNewer(lastSeen[i], destination);
    }

    void writeFrom() {
      values.get(nextIndex()).writeFrom(source);
    }

    /** Field reads of every size (the first word; an int, a short and a byte at the end), validated. */
    void optimisticRead() {
      Subject<T> target = values.get(nextIndex());
      long stamp = target.tryOptimisticRead();
      int size = target.codec().byteSize();
      sink += target.getLong(stamp, 0) + target.getInt(stamp, size - Integer.BYTES)
          + target.getShort(stamp, size - Short.BYTES) + target.getByte(stamp, size - 1);
      if (!target.validate(stamp)) {
        throw new AssertionError("no writer, yet validation failed");
      }
    }

    void write() {
      values.get(nextIndex()).write(value);
    }

    /** A field write of every size (as optimisticRead's), published as one version. */
    void fieldWrite() {
      Subject<T> target = values.get(nextIndex());
      long stamp = target.beginWrite();
      int size = target.codec().byteSize();
      try {
        target.putLong(stamp, 0, sink++);
        target.putInt(stamp, size - Integer.BYTES, (int) sink);
        target.putShort(stamp, size - Short.BYTES, (short) sink);
        target.putByte(stamp, size - 1, (byte) sink);
      } finally {
        target.endWrite(stamp);
      }
    }
  }

  /** A value kind: codec and a sample value, built once. */
  record Value<T>(String name, ByteCodec<T> codec, T sample) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> facadesVariantsAndValues() {
    Value<Primitives> record =
        new Value<>(
            "primitive-only record",
            ByteCodecs.ofRecord(Primitives.class),
            new Primitives(1L, 2.5, 3, 4.5f, (short) 5, 'x', (byte) 7, true));
    Value<long[]> array = new Value<>("long[25]", Fixtures.LONGS, Fixtures.equalLongs(3));
    return Facade.everyFacadeVariantAndOther(variant -> true, List.of(record, array));
  }

  @ParameterizedTest(name = "{0}, {1}, {2}")
  @MethodSource("facadesVariantsAndValues")
  void readIntoAllocatesNothing(Facade facade, Variant variant, Value<?> value) {
    assertAllocatesNothing(new Caller<>(facade, variant, value), Caller::readInto, "readInto");
  }

  @ParameterizedTest(name = "{0}, {1}, {2}")
  @MethodSource("facadesVariantsAndValues")
  void tryReadIntoAllocatesNothing(Facade facade, Variant variant, Value<?> value) {
    assertAllocatesNothing(new Caller<>(facade, variant, value), Caller::tryReadInto, "tryReadInto");
  }

  @ParameterizedTest(name = "{0}, {1}, {2}")
  @MethodSource("facadesVariantsAndValues")
  void readIfNewerAllocatesNothingWhenTheValueChanged(
      Facade facade, Variant variant, Value<?> value) {
    assertAllocatesNothing(
        new Caller<>(facade, variant, value), Caller::readIfNewerChanged, "writeFrom + readIfNewer");
  }

  @ParameterizedTest(name = "{0}, {1}, {2}")
  @MethodSource("facadesVariantsAndValues")
  void readIfNewerAllocatesNothingWhenTheValueIsUnchanged(
      Facade facade, Variant variant, Value<?> value) {
    assertAllocatesNothing(
        new Caller<>(facade, variant, value), Caller::readIfNewerUnchanged, "readIfNewer (unchanged)");
  }

  @ParameterizedTest(name = "{0}, {1}, {2}")
  @MethodSource("facadesVariantsAndValues")
  void optimisticFieldReadsAllocateNothing(Facade facade, Variant variant, Value<?> value) {
    assertAllocatesNothing(new Caller<>(facade, variant, value), Caller::optimisticRead,
        "tryOptimisticRead + getLong/Int/Short/Byte + validate");
  }

  @ParameterizedTest(name = "{0}, {1}, {2}")
  @MethodSource("facadesVariantsAndValues")
  void writeFromAllocatesNothing(Facade facade, Variant variant, Value<?> value) {
    assertAllocatesNothing(new Caller<>(facade, variant, value), Caller::writeFrom, "writeFrom");
  }

  @ParameterizedTest(name = "{0}, {1}, {2}")
  @MethodSource("facadesVariantsAndValues")
  void writeAllocatesNothing(Facade facade, Variant variant, Value<?> value) {
    assertAllocatesNothing(new Caller<>(facade, variant, value), Caller::write, "write");
  }

  @ParameterizedTest(name = "{0}, {1}, {2}")
  @MethodSource("facadesVariantsAndValues")
  void fieldWritesAllocateNothing(Facade facade, Variant variant, Value<?> value) {
    assertAllocatesNothing(new Caller<>(facade, variant, value), Caller::fieldWrite,
        "beginWrite + putLong/Int/Short/Byte + endWrite");
  }

  /** Over chunks of a scan of buffer versions, with two slots changed: their indices are written. */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void changedSlotsAllocatesNothing(Variant variant) {
    int length = 2 * SeqLockEngine.SCAN_CHUNK + 9;
    SeqLockArray<Long> array = variant.array(ByteCodecs.ofLong(), length, 0L);
    array.write(3, 1L);
    array.write(length - 1, 1L);
    long[] seen = new long[length];
    int[] into = new int[4];
    assertAllocatesNothing(array, a -> a.changedSlots(seen, into), "changedSlots");
  }

  @Test
  void changedSlotsOfASharedFileAllocatesNothing(@TempDir Path directory) throws IOException {
    int length = 2 * SeqLockEngine.SCAN_CHUNK + 9;
    Path file = directory.resolve("scan.seqlock");
    try (SharedSeqLockArray.Writer<Long> writer =
            SharedSeqLockArray.Writer.openWriter(file, ByteCodecs.ofLong(), length, 0L);
        SharedSeqLockArray<Long> reader = SharedSeqLockArray.openReader(file, ByteCodecs.ofLong())) {
      writer.write(3, 1L);
      writer.write(length - 1, 1L);
      long[] seen = new long[length];
      int[] into = new int[4];
      assertAllocatesNothing(reader, r -> r.changedSlots(seen, into), "changedSlots of a file");
    }
  }

  private static <S> void assertAllocatesNothing(S subject, Consumer<S> call, String what) {
    com.sun.management.ThreadMXBean counter = allocationCounter();
    for (int i = 0; i < WARM_UP_CALLS; i++) {
      call.accept(subject);
    }
    long before = counter.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < CALLS; i++) {
      call.accept(subject);
    }
    long allocated = counter.getCurrentThreadAllocatedBytes() - before;

    assertTrue(
        allocated < SLACK_BYTES,
        () -> CALLS + " calls of " + what + " allocated " + allocated + " bytes");
  }
}
