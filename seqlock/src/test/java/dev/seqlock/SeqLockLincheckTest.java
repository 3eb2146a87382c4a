package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linearizability of every variant of both facades, checked by Lincheck against {@link Spec}, a plain
 * sequential class holding two values, each with its version: two {@link SeqLock}s, or the two slots
 * of a {@link SeqLockArray} ({@link Facade}). Every operation takes a generated index, so scenarios
 * put operations on the same value and on different ones side by side: a write to one must be
 * invisible to the other (its value, its version, {@code readIfNewer}'s "nothing new", and
 * {@code tryRead}, which may fail only if a write to its own value overlapped it).
 *
 * <p>What this proves, and what it does not. Lincheck runs small concurrent scenarios (a few
 * operations per thread between a sequential prefix and suffix) and checks that every outcome is one
 * that some sequential order of the same operations, consistent with their real-time order, gives on
 * {@link Spec}.
 *
 * <ul>
 *   <li>Model checking explores interleavings deterministically, assuming <em>sequential
 *       consistency</em>: it checks the protocol's logic, never the fences or access modes. It
 *       switches threads only before the shared accesses it instruments: in practice the sequences
 *       and writer words ({@link SlotWords}, {@link WriterRole}), the counters below, and the plain
 *       element accesses to the values' words. It therefore checks the odd/even protocol as such,
 *       {@code version()}, writer serialisation, the single-writer role, the latch's choice of copy,
 *       the starving reader's fallback, {@code tryRead}, {@code readIfNewer} and the values'
 *       independence. The values here are two words, which AtomicPerByteArray copies with
 *       straight-line element accesses, so the checker can switch threads in the middle of a
 *       reader's copy (a copy by {@code System.arraycopy}, for longer values, would be one step):
 *       that is how it catches a mutant that accepts every even first read, skipping the second
 *       sequence read (single-copy variants: a reader returns one word of a field write and one of
 *       the value before it).
 *   <li>Stress testing runs the same kind of scenarios on real threads under the real memory model,
 *       where copies do race with writes: it caught that mutant too, but by chance, not every run.
 * </ul>
 *
 * <p>The fences and access modes, argued in {@link SeqLockEngine}'s notes, are tested by jcstress
 * (module jcstress-tests), not here.
 *
 * <p>The value is a two-long record whose halves every write keeps in step ({@code second ==
 * ~first}), so a snapshot mixing two writes equals no value the specification can produce. The
 * single-writer variant promises that writes to one value never overlap, while different values may
 * be written at the same time; Lincheck's non-parallel groups express exactly that when each value
 * has its own writing operations ({@code write0}/{@code update0} in group {@code slot0}, and so on);
 * the other variants take the index as a parameter and let any two writers meet.
 */
class SeqLockLincheckTest {
  /*
   * Sizes: modest (each invocation makes two values and generates an index per operation), so that
   * the checks take well under a minute together on a two-core machine, several seconds of which are
   * Lincheck starting up. Model checking explores up to MC_INVOCATIONS interleavings of each of
   * MC_ITERATIONS scenarios (three threads of two operations, so two writers and a reader can meet);
   * stress testing runs each of STRESS_ITERATIONS scenarios STRESS_INVOCATIONS times on two real
   * threads.
   */
  private static final int MC_ITERATIONS = 6;
  private static final int MC_INVOCATIONS = 120;
  private static final int STRESS_ITERATIONS = 15;
  private static final int STRESS_INVOCATIONS = 150;

  /** Values under test: two, so that operations meet on the same value and on different ones. */
  static final int SLOTS = 2;

  /**
   * Heap storage only: Lincheck's model checker rejects byte-buffer view VarHandles ("Unsupported
   * VarHandle type"), and the protocol's logic, what it checks, is the same code on both storages;
   * the buffer storage runs under {@link #linearizableUnderStress}.
   */
  static Stream<Arguments> everyFacadeAndHeapVariant() {
    return Facade.everyFacadeAndVariantWhere(
        variant -> !variant.inBuffer() && variant != Variant.SINGLE_WRITER_NEVER_PAUSES);
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("everyFacadeAndHeapVariant")
  void linearizableUnderModelChecking(Facade facade, Variant variant) {
    new ModelCheckingOptions()
        .iterations(MC_ITERATIONS)
        .invocationsPerIteration(MC_INVOCATIONS)
        .threads(3)
        .actorsPerThread(2)
        .actorsBefore(2)
        .actorsAfter(1)
        .sequentialSpecification(Spec.class)
        .check(operationsOf(facade, variant));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("checkedFacadesAndVariants")
  void linearizableUnderStress(Facade facade, Variant variant) {
    new StressOptions()
        .iterations(STRESS_ITERATIONS)
        .invocationsPerIteration(STRESS_INVOCATIONS)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(2)
        .actorsAfter(1)
        .sequentialSpecification(Spec.class)
        .check(operationsOf(facade, variant));
  }

  /**
   * Why SINGLE_WRITER_NEVER_PAUSES is not checked here: its protocol is SINGLE_WRITER's, which is;
   * the two differ in progress only (whether the writer pauses for starving readers), which Lincheck
   * does not check.
   */
  private static final String NOT_CHECKED = "same protocol as SINGLE_WRITER, which is checked";

  static Stream<Arguments> checkedFacadesAndVariants() {
    return Facade.everyFacadeAndVariantWhere(v -> v != Variant.SINGLE_WRITER_NEVER_PAUSES);
  }

  /** The Lincheck test class of {@code facade} and {@code variant}: fresh values per invocation. */
  private static Class<? extends Operations> operationsOf(Facade facade, Variant variant) {
    return switch (facade) {
      case LOCK -> switch (variant) {
        case CREATE -> LockCreate.class;
        case SINGLE_WRITER -> LockSingleWriter.class;
        case SINGLE_WRITER_NEVER_PAUSES -> throw new IllegalArgumentException(NOT_CHECKED);
        case LATCHED -> LockLatched.class;
        case LATCHED_SINGLE_WRITER -> LockLatchedSingleWriter.class;
        case CREATE_IN_BUFFER -> LockCreateInBuffer.class;
        case SINGLE_WRITER_IN_BUFFER -> LockSingleWriterInBuffer.class;
        case LATCHED_IN_BUFFER -> LockLatchedInBuffer.class;
      };
      case ARRAY_SLOT -> switch (variant) {
        case CREATE -> ArrayCreate.class;
        case SINGLE_WRITER -> ArraySingleWriter.class;
        case SINGLE_WRITER_NEVER_PAUSES -> throw new IllegalArgumentException(NOT_CHECKED);
        case LATCHED -> ArrayLatched.class;
        case LATCHED_SINGLE_WRITER -> ArrayLatchedSingleWriter.class;
        case CREATE_IN_BUFFER -> ArrayCreateInBuffer.class;
        case SINGLE_WRITER_IN_BUFFER -> ArraySingleWriterInBuffer.class;
        case LATCHED_IN_BUFFER -> ArrayLatchedInBuffer.class;
      };
    };
  }

  /** The value under test: two longs that every write keeps in step. */
  public record Pair(long first, long second) {
    /** The value a {@code write(v)} writes. */
    static Pair of(long value) {
      return new Pair(value, ~value);
    }

    /** The value an update computes from this one: both halves move, still in step. */
    Pair next() {
      return new Pair(first + 1, second - 1);
    }
  }

  static final ByteCodec<Pair> CODEC = ByteCodecs.ofRecord(Pair.class);

  /** The value every lock (and the specification) starts with, at version 0. */
  static final Pair INITIAL = Pair.of(0);

  /** What {@code readIfNewer} saw: the version it returned, and the value if that version is new. */
  public record Newer(long version, @Nullable Pair value) {}

  /**
   * What {@code tryRead} returned, for Lincheck. The specification cannot say when a single attempt
   * fails: that depends on whether a write overlapped the call (for the latched variant, interfered
   * with it), which is not a property of the sequential state. So a failed attempt is the sentinel
   * {@link #MISSED}, which {@link #equals} makes equal to every result: Lincheck accepts it whatever
   * value the specification expected, while a snapshot must still be exactly the value at some
   * linearization point. (This equality is deliberately not transitive; Lincheck only ever compares
   * an actual result with an expected one, and the hash code is constant to stay consistent with
   * it.) That a failed attempt really had a write overlapping it is checked separately, in
   * {@link Operations#tryRead(int)}.
   */
  public static final class TryRead {
    static final TryRead MISSED = new TryRead(null);

    private final @Nullable Pair value;

    private TryRead(@Nullable Pair value) {
      this.value = value;
    }

    static TryRead of(Pair value) {
      return new TryRead(value);
    }

    @Override
    public boolean equals(@Nullable Object other) {
      if (!(other instanceof TryRead that)) {
        return false;
      }
      return value == null || that.value == null || value.equals(that.value);
    }

    @Override
    public int hashCode() {
      return 0; // MISSED equals every TryRead, so all must hash alike
    }

    @Override
    public String toString() {
      return value == null ? "missed" : value.toString();
    }
  }

  /**
   * The sequential specification: per slot, the value and its version, which grows by 2 per write of
   * that slot. Lincheck calls its methods by the operations' names and parameter types and compares
   * the results; equal states let it merge the paths that reach them.
   */
  public static final class Spec {
    private final Pair[] values = {INITIAL, INITIAL};
    private final long[] versions = new long[SLOTS];

    /** The state before any operation. */
    public Spec() {}

    public Pair read(int slot) {
      return values[slot];
    }

    public TryRead tryRead(int slot) {
      return TryRead.of(values[slot]);
    }

    public TryRead optimisticRead(int slot) {
      return TryRead.of(values[slot]);
    }

    public long version(int slot) {
      return versions[slot];
    }

    public Newer readIfNewer(int slot, int seen) {
      long lastSeen = lastSeenVersion(seen);
      return versions[slot] == lastSeen
          ? new Newer(lastSeen, null)
          : new Newer(versions[slot], values[slot]);
    }

    public void write(int slot, int newValue) {
      values[slot] = Pair.of(newValue);
      versions[slot] += 2;
    }

    public Pair update(int slot) {
      values[slot] = values[slot].next();
      versions[slot] += 2;
      return values[slot];
    }

    public void write0(int newValue) {
      write(0, newValue);
    }

    /** A field write of both halves of a slot: the same new value and version as {@link #write}. */
    public void fieldWrite(int slot, int newValue) {
      write(slot, newValue);
    }

    public void fieldWrite0(int newValue) {
      write(0, newValue);
    }

    public void fieldWrite1(int newValue) {
      write(1, newValue);
    }

    public void write1(int newValue) {
      write(1, newValue);
    }

    public Pair update0() {
      return update(0);
    }

    public Pair update1() {
      return update(1);
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Spec that
          && Arrays.equals(values, that.values)
          && Arrays.equals(versions, that.versions);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(values) + Arrays.hashCode(versions);
    }
  }

  /** {@code readIfNewer}'s last seen version from a generated {@code -1..2}: -1, 0, 2 or 4. */
  static long lastSeenVersion(int seen) {
    return seen < 0 ? SeqLock.NOTHING_SEEN : 2L * seen;
  }

  /**
   * The operations on the two values: the reading ones here, the writing ones in the writers'
   * subclasses (so that the single-writer one can give each value's writers a non-parallel group of
   * their own).
   */
  public abstract static class Operations {
    private final List<Subject<Pair>> slots;

    /** Per slot, writes begun and writes ended, to tell whether a write overlapped a failed tryRead. */
    private final AtomicIntegerArray writesBegun = new AtomicIntegerArray(SLOTS);

    private final AtomicIntegerArray writesEnded = new AtomicIntegerArray(SLOTS);

    Operations(Facade facade, Variant variant) {
      this.slots = switch (facade) {
        case LOCK -> List.of(
            new Subject.OfLock<>(variant.of(CODEC, INITIAL)),
            new Subject.OfLock<>(variant.of(CODEC, INITIAL)));
        case ARRAY_SLOT -> Subject.everySlot(variant.array(CODEC, SLOTS, INITIAL));
      };
    }

    @Operation
    public Pair read(@Param(gen = IntGen.class, conf = "0:1") int slot) {
      return slots.get(slot).read();
    }

    /**
     * One attempt. A failure is acceptable only if a write to the same slot overlapped the attempt:
     * if every write of that slot begun by the end of the call had already ended at its start, none
     * overlapped it, and the failure is reported as an exception, which no specification result
     * equals. Writes to the other slot do not count: they must not make this one fail.
     */
    @Operation
    public TryRead tryRead(@Param(gen = IntGen.class, conf = "0:1") int slot) {
      int endedBefore = writesEnded.get(slot);
      Pair value = slots.get(slot).tryRead();
      int begunAfter = writesBegun.get(slot);
      if (value != null) {
        return TryRead.of(value);
      }
      if (begunAfter == endedBefore) {
        throw new IllegalStateException(
            "tryRead of slot " + slot + " failed although no write of that slot overlapped it");
      }
      return TryRead.MISSED;
    }

    /**
     * Optimistic field reads of both halves of a slot under one stamp; a failed validation is
     * acceptable only if a write of that slot overlapped the reads, as for {@link #tryRead(int)}.
     */
    @Operation
    public TryRead optimisticRead(@Param(gen = IntGen.class, conf = "0:1") int slot) {
      int endedBefore = writesEnded.get(slot);
      long stamp = slots.get(slot).tryOptimisticRead();
      long first = slots.get(slot).getLong(stamp, 0);
      long second = slots.get(slot).getLong(stamp, Long.BYTES);
      boolean valid = slots.get(slot).validate(stamp);
      int begunAfter = writesBegun.get(slot);
      if (valid) {
        return TryRead.of(new Pair(first, second));
      }
      if (begunAfter == endedBefore) {
        throw new IllegalStateException("validate of slot " + slot
            + " failed although no write of that slot overlapped the reads");
      }
      return TryRead.MISSED;
    }

    @Operation
    public long version(@Param(gen = IntGen.class, conf = "0:1") int slot) {
      return slots.get(slot).version();
    }

    /**
     * {@code readIfNewer}, with the destination's value reported only when the returned version
     * differs from the last seen one: when they are equal the caller keeps the value it already had
     * for that version (whether or not the destination was refilled with that same version).
     */
    @Operation
    public Newer readIfNewer(
        @Param(gen = IntGen.class, conf = "0:1") int slot,
        @Param(gen = IntGen.class, conf = "-1:2") int seen) {
      long lastSeen = lastSeenVersion(seen);
      MaybeTorn<Pair> destination = MaybeTorn.allocate(CODEC);
      long version = slots.get(slot).readIfNewer(lastSeen, destination);
      return version == lastSeen
          ? new Newer(lastSeen, null)
          : new Newer(version, destination.assumeUntorn());
    }

    final void doWrite(int slot, int value) {
      writesBegun.incrementAndGet(slot);
      try {
        slots.get(slot).write(Pair.of(value));
      } finally {
        writesEnded.incrementAndGet(slot);
      }
    }

    /** Both halves of {@code Pair.of(value)} put in place in slot {@code slot}, in one field write. */
    final void doFieldWrite(int slot, int value) {
      writesBegun.incrementAndGet(slot);
      try {
        Pair pair = Pair.of(value);
        long stamp = slots.get(slot).beginWrite();
        try {
          slots.get(slot).putLong(stamp, 0, pair.first());
          slots.get(slot).putLong(stamp, Long.BYTES, pair.second());
        } finally {
          slots.get(slot).endWrite(stamp);
        }
      } finally {
        writesEnded.incrementAndGet(slot);
      }
    }

    final Pair doUpdate(int slot) {
      writesBegun.incrementAndGet(slot);
      try {
        return slots.get(slot).update(Pair::next);
      } finally {
        writesEnded.incrementAndGet(slot);
      }
    }
  }

  /** Writers of any value from any thread, concurrently: {@code create} and {@code latched}. */
  public abstract static class AnyWriterOperations extends Operations {
    AnyWriterOperations(Facade facade, Variant variant) {
      super(facade, variant);
    }

    @Operation
    public void write(
        @Param(gen = IntGen.class, conf = "0:1") int slot,
        @Param(gen = IntGen.class, conf = "1:4") int value) {
      doWrite(slot, value);
    }

    @Operation
    public void fieldWrite(
        @Param(gen = IntGen.class, conf = "0:1") int slot,
        @Param(gen = IntGen.class, conf = "1:4") int value) {
      doFieldWrite(slot, value);
    }

    @Operation
    public Pair update(@Param(gen = IntGen.class, conf = "0:1") int slot) {
      return doUpdate(slot);
    }
  }

  /**
   * {@code singleWriter}: each value's writing operations in a non-parallel group of their own, so
   * writes of one value never overlap and writes of different values may.
   */
  public abstract static class SingleWriterOperations extends Operations {
    SingleWriterOperations(Facade facade, Variant variant) {
      super(facade, variant);
    }

    @Operation(nonParallelGroup = "slot0")
    public void write0(@Param(gen = IntGen.class, conf = "1:4") int value) {
      doWrite(0, value);
    }

    @Operation(nonParallelGroup = "slot0")
    public void fieldWrite0(@Param(gen = IntGen.class, conf = "1:4") int value) {
      doFieldWrite(0, value);
    }

    @Operation(nonParallelGroup = "slot0")
    public Pair update0() {
      return doUpdate(0);
    }

    @Operation(nonParallelGroup = "slot1")
    public void write1(@Param(gen = IntGen.class, conf = "1:4") int value) {
      doWrite(1, value);
    }

    @Operation(nonParallelGroup = "slot1")
    public void fieldWrite1(@Param(gen = IntGen.class, conf = "1:4") int value) {
      doFieldWrite(1, value);
    }

    @Operation(nonParallelGroup = "slot1")
    public Pair update1() {
      return doUpdate(1);
    }
  }

  /** {@link Variant#CREATE}, two locks. */
  public static final class LockCreate extends AnyWriterOperations {
    /** Fresh values. */
    public LockCreate() {
      super(Facade.LOCK, Variant.CREATE);
    }
  }

  /** {@link Variant#SINGLE_WRITER}, two locks. */
  public static final class LockSingleWriter extends SingleWriterOperations {
    /** Fresh values. */
    public LockSingleWriter() {
      super(Facade.LOCK, Variant.SINGLE_WRITER);
    }
  }

  /** {@link Variant#LATCHED}, two locks. */
  public static final class LockLatched extends AnyWriterOperations {
    /** Fresh values. */
    public LockLatched() {
      super(Facade.LOCK, Variant.LATCHED);
    }
  }

  /** {@link Variant#LATCHED_SINGLE_WRITER}, two locks. */
  public static final class LockLatchedSingleWriter extends SingleWriterOperations {
    /** Fresh values. */
    public LockLatchedSingleWriter() {
      super(Facade.LOCK, Variant.LATCHED_SINGLE_WRITER);
    }
  }

  /** {@link Variant#CREATE_IN_BUFFER}, two locks. */
  public static final class LockCreateInBuffer extends AnyWriterOperations {
    /** Fresh values. */
    public LockCreateInBuffer() {
      super(Facade.LOCK, Variant.CREATE_IN_BUFFER);
    }
  }

  /** {@link Variant#SINGLE_WRITER_IN_BUFFER}, two locks. */
  public static final class LockSingleWriterInBuffer extends SingleWriterOperations {
    /** Fresh values. */
    public LockSingleWriterInBuffer() {
      super(Facade.LOCK, Variant.SINGLE_WRITER_IN_BUFFER);
    }
  }

  /** {@link Variant#LATCHED_IN_BUFFER}, two locks. */
  public static final class LockLatchedInBuffer extends AnyWriterOperations {
    /** Fresh values. */
    public LockLatchedInBuffer() {
      super(Facade.LOCK, Variant.LATCHED_IN_BUFFER);
    }
  }

  /** {@link Variant#CREATE}, a two-slot array. */
  public static final class ArrayCreate extends AnyWriterOperations {
    /** Fresh values. */
    public ArrayCreate() {
      super(Facade.ARRAY_SLOT, Variant.CREATE);
    }
  }

  /** {@link Variant#SINGLE_WRITER}, a two-slot array. */
  public static final class ArraySingleWriter extends SingleWriterOperations {
    /** Fresh values. */
    public ArraySingleWriter() {
      super(Facade.ARRAY_SLOT, Variant.SINGLE_WRITER);
    }
  }

  /** {@link Variant#LATCHED}, a two-slot array. */
  public static final class ArrayLatched extends AnyWriterOperations {
    /** Fresh values. */
    public ArrayLatched() {
      super(Facade.ARRAY_SLOT, Variant.LATCHED);
    }
  }

  /** {@link Variant#LATCHED_SINGLE_WRITER}, a two-slot array. */
  public static final class ArrayLatchedSingleWriter extends SingleWriterOperations {
    /** Fresh values. */
    public ArrayLatchedSingleWriter() {
      super(Facade.ARRAY_SLOT, Variant.LATCHED_SINGLE_WRITER);
    }
  }

  /** {@link Variant#CREATE_IN_BUFFER}, a two-slot array. */
  public static final class ArrayCreateInBuffer extends AnyWriterOperations {
    /** Fresh values. */
    public ArrayCreateInBuffer() {
      super(Facade.ARRAY_SLOT, Variant.CREATE_IN_BUFFER);
    }
  }

  /** {@link Variant#SINGLE_WRITER_IN_BUFFER}, a two-slot array. */
  public static final class ArraySingleWriterInBuffer extends SingleWriterOperations {
    /** Fresh values. */
    public ArraySingleWriterInBuffer() {
      super(Facade.ARRAY_SLOT, Variant.SINGLE_WRITER_IN_BUFFER);
    }
  }

  /** {@link Variant#LATCHED_IN_BUFFER}, a two-slot array. */
  public static final class ArrayLatchedInBuffer extends AnyWriterOperations {
    /** Fresh values. */
    public ArrayLatchedInBuffer() {
      super(Facade.ARRAY_SLOT, Variant.LATCHED_IN_BUFFER);
    }
  }
}
