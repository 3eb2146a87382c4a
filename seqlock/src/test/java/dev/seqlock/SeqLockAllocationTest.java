package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seqlock.Fixtures.Primitives;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documented steady-state allocation of readInto, tryReadInto, readIfNewer, the optimistic field
 * reads, writeFrom, write and the field writes is
 * nothing: measured with the per-thread allocation counter of HotSpot, single-threaded, after a warm-up that
 * lets the JIT compile the paths and the method handles of the record codec link.
 */
class SeqLockAllocationTest {
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

  /** A lock and the holders and value one thread keeps reusing, as a real caller would. */
  static final class Subject<T> {
    final SeqLock<T> lock;
    final T value;
    final MaybeTorn<T> source;
    final MaybeTorn<T> destination;
    long lastSeen = SeqLock.NOTHING_SEEN;
    long sink;

    Subject(Variant variant, Value<T> value) {
      this.lock = variant.of(value.codec(), value.sample());
      this.value = value.sample();
      this.source = MaybeTorn.of(value.codec(), value.sample());
      this.destination = MaybeTorn.allocate(value.codec());
    }

    void readInto() {
      lock.readInto(destination);
    }

    void tryReadInto() {
      lock.tryReadInto(destination);
    }

    /** Nothing written since the last call: returns at once. */
    void readIfNewerUnchanged() {
      lastSeen = lock.readIfNewer(lastSeen, destination);
    }

    /** A write before every call, so that every call copies (the write must not allocate either). */
    void readIfNewerChanged() {
      lock.writeFrom(source);
      lastSeen = lock.readIfNewer(lastSeen, destination);
    }

    void writeFrom() {
      lock.writeFrom(source);
    }

    /** Field reads of every size (the first word; an int, a short and a byte at the end), validated. */
    void optimisticRead() {
      long stamp = lock.tryOptimisticRead();
      int size = lock.codec().byteSize();
      sink += lock.getLong(stamp, 0) + lock.getInt(stamp, size - Integer.BYTES)
          + lock.getShort(stamp, size - Short.BYTES) + lock.getByte(stamp, size - 1);
      if (!lock.validate(stamp)) {
        throw new AssertionError("no writer, yet validation failed");
      }
    }

    void write() {
      lock.write(value);
    }

    /** A field write of every size (as optimisticRead's), published as one version. */
    void fieldWrite() {
      long stamp = lock.beginWrite();
      int size = lock.codec().byteSize();
      try {
        lock.putLong(stamp, 0, sink++);
        lock.putInt(stamp, size - Integer.BYTES, (int) sink);
        lock.putShort(stamp, size - Short.BYTES, (short) sink);
        lock.putByte(stamp, size - 1, (byte) sink);
      } finally {
        lock.endWrite(stamp);
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

  static Stream<Arguments> variantsAndValues() {
    long[] longs = Fixtures.equalLongs(3);
    Value<Primitives> record =
        new Value<>(
            "primitive-only record",
            ByteCodecs.ofRecord(Primitives.class),
            new Primitives(1L, 2.5, 3, 4.5f, (short) 5, 'x', (byte) 7, true));
    Value<long[]> array = new Value<>("long[25]", Fixtures.LONGS, longs);
    return Arrays.stream(Variant.values())
        .flatMap(variant -> Stream.of(Arguments.of(variant, record), Arguments.of(variant, array)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndValues")
  void readIntoAllocatesNothing(Variant variant, Value<?> value) {
    assertAllocatesNothing(new Subject<>(variant, value), Subject::readInto, "readInto");
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndValues")
  void tryReadIntoAllocatesNothing(Variant variant, Value<?> value) {
    assertAllocatesNothing(new Subject<>(variant, value), Subject::tryReadInto, "tryReadInto");
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndValues")
  void readIfNewerAllocatesNothingWhenTheValueChanged(Variant variant, Value<?> value) {
    assertAllocatesNothing(
        new Subject<>(variant, value), Subject::readIfNewerChanged, "writeFrom + readIfNewer");
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndValues")
  void readIfNewerAllocatesNothingWhenTheValueIsUnchanged(Variant variant, Value<?> value) {
    assertAllocatesNothing(
        new Subject<>(variant, value), Subject::readIfNewerUnchanged, "readIfNewer (unchanged)");
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndValues")
  void optimisticFieldReadsAllocateNothing(Variant variant, Value<?> value) {
    assertAllocatesNothing(new Subject<>(variant, value), Subject::optimisticRead,
        "tryOptimisticRead + getLong/Int/Short/Byte + validate");
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndValues")
  void writeFromAllocatesNothing(Variant variant, Value<?> value) {
    assertAllocatesNothing(new Subject<>(variant, value), Subject::writeFrom, "writeFrom");
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndValues")
  void writeAllocatesNothing(Variant variant, Value<?> value) {
    assertAllocatesNothing(new Subject<>(variant, value), Subject::write, "write");
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndValues")
  void fieldWritesAllocateNothing(Variant variant, Value<?> value) {
    assertAllocatesNothing(new Subject<>(variant, value), Subject::fieldWrite,
        "beginWrite + putLong/Int/Short/Byte + endWrite");
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
