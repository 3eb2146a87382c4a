package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seqlock.Fixtures.Primitives;
import dev.seqlock.SeqLockAllocationTest.Value;
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
 * The documented steady-state allocation of {@link SeqLockArray}'s readInto, tryReadInto, readIfNewer,
 * the optimistic field reads, the field writes,
 * writeFrom and write is nothing, as {@link SeqLockAllocationTest} measures it for {@link SeqLock}: HotSpot's
 * per-thread allocation counter, single-threaded, after a warm-up. Every call moves to the next slot,
 * so the index check and the per-slot state (staging holder, sequence, writer words) are on the measured path.
 */
class SeqLockArrayAllocationTest {
  private static final int WARM_UP_CALLS = 200_000;
  private static final int CALLS = 100_000;

  /** Slots of the arrays measured. */
  private static final int SLOTS = 4;

  /** Allowed bytes for all {@link #CALLS} calls together; see {@link SeqLockAllocationTest}. */
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

  /** An array and the holders and value one thread keeps reusing, as a real caller would. */
  static final class Subject<T> {
    final SeqLockArray<T> array;
    final T value;
    final MaybeTorn<T> source;
    final MaybeTorn<T> destination;
    final long[] lastSeen = new long[SLOTS];
    int slot;
    long sink;

    Subject(Variant variant, Value<T> value) {
      this.array = variant.array(value.codec(), SLOTS, value.sample());
      this.value = value.sample();
      this.source = MaybeTorn.of(value.codec(), value.sample());
      this.destination = MaybeTorn.allocate(value.codec());
      Arrays.fill(lastSeen, SeqLock.NOTHING_SEEN);
    }

    /** The slot of this call: the next one, round the array. */
    private int nextSlot() {
      slot = (slot + 1) % SLOTS;
      return slot;
    }

    void readInto() {
      array.readInto(nextSlot(), destination);
    }

    void tryReadInto() {
      array.tryReadInto(nextSlot(), destination);
    }

    /** Field reads of every size of the next slot (the first word; an int, a short, a byte at the end). */
    void optimisticRead() {
      int i = nextSlot();
      long stamp = array.tryOptimisticRead(i);
      int size = array.codec().byteSize();
      sink += array.getLong(i, stamp, 0) + array.getInt(i, stamp, size - Integer.BYTES)
          + array.getShort(i, stamp, size - Short.BYTES) + array.getByte(i, stamp, size - 1);
      if (!array.validate(i, stamp)) {
        throw new AssertionError("no writer, yet validation failed");
      }
    }

    /** A field write of every size of the next slot (as optimisticRead's). */
    void fieldWrite() {
      int i = nextSlot();
      long stamp = array.beginWrite(i);
      int size = array.codec().byteSize();
      try {
        array.putLong(i, stamp, 0, sink++);
        array.putInt(i, stamp, size - Integer.BYTES, (int) sink);
        array.putShort(i, stamp, size - Short.BYTES, (short) sink);
        array.putByte(i, stamp, size - 1, (byte) sink);
      } finally {
        array.endWrite(i, stamp);
      }
    }

    /** Nothing written since the last call on the slot: returns at once. */
    void readIfNewerUnchanged() {
      int i = nextSlot();
      lastSeen[i] = array.readIfNewer(i, lastSeen[i], destination);
    }

    /** A write before every call, so that every call copies (the write must not allocate either). */
    void readIfNewerChanged() {
      int i = nextSlot();
      array.writeFrom(i, source);
      lastSeen[i] = array.readIfNewer(i, lastSeen[i], destination);
    }

    void writeFrom() {
      array.writeFrom(nextSlot(), source);
    }

    void write() {
      array.write(nextSlot(), value);
    }
  }

  static Stream<Arguments> variantsAndValues() {
    Value<Primitives> record =
        new Value<>(
            "primitive-only record",
            ByteCodecs.ofRecord(Primitives.class),
            new Primitives(1L, 2.5, 3, 4.5f, (short) 5, 'x', (byte) 7, true));
    Value<long[]> array = new Value<>("long[25]", Fixtures.LONGS, Fixtures.equalLongs(3));
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
  void optimisticFieldReadsAllocateNothing(Variant variant, Value<?> value) {
    assertAllocatesNothing(new Subject<>(variant, value), Subject::optimisticRead,
        "tryOptimisticRead + getLong/Int/Short/Byte + validate");
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndValues")
  void fieldWritesAllocateNothing(Variant variant, Value<?> value) {
    assertAllocatesNothing(new Subject<>(variant, value), Subject::fieldWrite,
        "beginWrite + putLong/Int/Short/Byte + endWrite");
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndValues")
  void readIfNewerAllocatesNothingWhenTheSlotChanged(Variant variant, Value<?> value) {
    assertAllocatesNothing(
        new Subject<>(variant, value), Subject::readIfNewerChanged, "writeFrom + readIfNewer");
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndValues")
  void readIfNewerAllocatesNothingWhenTheSlotIsUnchanged(Variant variant, Value<?> value) {
    assertAllocatesNothing(
        new Subject<>(variant, value), Subject::readIfNewerUnchanged, "readIfNewer (unchanged)");
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
