package dev.seqlock;

import static dev.seqlock.SeqLockLincheckTest.CODEC;
import static dev.seqlock.SeqLockLincheckTest.INITIAL;
import static dev.seqlock.SeqLockLincheckTest.lastSeenVersion;

import dev.seqlock.SeqLockLincheckTest.Newer;
import dev.seqlock.SeqLockLincheckTest.Pair;
import dev.seqlock.SeqLockLincheckTest.TryRead;
import dev.seqlock.atomic.MaybeTorn;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Linearizability of every variant of {@link SeqLockArray}, checked by Lincheck against {@link Spec}:
 * a plain sequential class holding two slots, each with its value and version. The array has two
 * slots and every operation takes a generated slot index, so scenarios put operations on the same
 * slot and on different slots side by side: a write to one slot must be invisible to the other (its
 * value, its version, {@code readIfNewer}'s "nothing new", and {@code tryRead}, which may fail only if
 * a write to its own slot overlapped it).
 *
 * <p>What model checking and stress testing prove, and what they do not, is as described in {@link
 * SeqLockLincheckTest}: the model checker assumes sequential consistency and switches threads only
 * at the instrumented shared accesses (here the sequences and the words of {@link WriterRole}, and
 * the write counters below), so it checks the protocol's logic per slot and the slots'
 * independence, not the fences; stress testing runs the scenarios on real threads.
 *
 * <p>The single-writer variant promises that writes to one slot never overlap, while different slots
 * may be written at the same time. Lincheck's non-parallel groups express exactly that when each slot
 * has its own writing operations: {@code write0}/{@code update0} in group {@code slot0},
 * {@code write1}/{@code update1} in group {@code slot1}; the other variants take the slot as a
 * parameter and let any two writers meet.
 */
class SeqLockArrayLincheckTest {
  /*
   * Sizes: below the single-slot test's (each invocation here costs more: two slots, more operations,
   * a slot parameter), so that these six checks take about 20 s together on an idle two-core machine
   * (several seconds of which are Lincheck starting up) and stay under a minute on a loaded one. They
   * still caught two mutants tried by hand: a single-copy reader whose tryRead fails while the other
   * slot is being written, and a latch that reads the copy being written. Model checking explores up
   * to MC_INVOCATIONS interleavings of each of MC_ITERATIONS scenarios (three threads of two
   * operations, so two writers and a reader can meet); stress testing runs each of STRESS_ITERATIONS
   * scenarios STRESS_INVOCATIONS times on two real threads.
   */
  private static final int MC_ITERATIONS = 6;
  private static final int MC_INVOCATIONS = 120;
  private static final int STRESS_ITERATIONS = 15;
  private static final int STRESS_INVOCATIONS = 150;

  /** Slots of the array: two, so that operations meet on the same slot and on different ones. */
  static final int SLOTS = 2;

  /**
   * Heap storage only: Lincheck's model checker rejects byte-buffer view VarHandles ("Unsupported
   * VarHandle type"), and the protocol's logic, what it checks, is the same code on both storages;
   * the buffer storage runs under {@link #linearizableUnderStress}.
   */
  @ParameterizedTest
  @EnumSource(value = Variant.class, names = {"CREATE", "SINGLE_WRITER", "LATCHED"})
  void linearizableUnderModelChecking(Variant variant) {
    new ModelCheckingOptions()
        .iterations(MC_ITERATIONS)
        .invocationsPerIteration(MC_INVOCATIONS)
        .threads(3)
        .actorsPerThread(2)
        .actorsBefore(2)
        .actorsAfter(1)
        .sequentialSpecification(Spec.class)
        .check(operationsOf(variant));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void linearizableUnderStress(Variant variant) {
    new StressOptions()
        .iterations(STRESS_ITERATIONS)
        .invocationsPerIteration(STRESS_INVOCATIONS)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(2)
        .actorsAfter(1)
        .sequentialSpecification(Spec.class)
        .check(operationsOf(variant));
  }

  /** The Lincheck test class of {@code variant}: a fresh instance (a fresh array) per invocation. */
  private static Class<? extends ArrayOperations> operationsOf(Variant variant) {
    return switch (variant) {
      case CREATE -> CreateOperations.class;
      case SINGLE_WRITER -> SingleWriterOperations.class;
      case LATCHED -> LatchedOperations.class;
      case CREATE_IN_BUFFER -> CreateInBufferOperations.class;
      case SINGLE_WRITER_IN_BUFFER -> SingleWriterInBufferOperations.class;
      case LATCHED_IN_BUFFER -> LatchedInBufferOperations.class;
    };
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

  /**
   * The operations of one array: the reading ones here, the writing ones in each variant's subclass
   * (so that the single-writer one can give each slot's writers a non-parallel group of their own).
   */
  public abstract static class ArrayOperations {
    private final SeqLockArray<Pair> array;

    /** Per slot, writes begun and writes ended, to tell whether a write overlapped a failed tryRead. */
    private final AtomicIntegerArray writesBegun = new AtomicIntegerArray(SLOTS);

    private final AtomicIntegerArray writesEnded = new AtomicIntegerArray(SLOTS);

    ArrayOperations(Variant variant) {
      this.array = variant.array(CODEC, SLOTS, INITIAL);
    }

    @Operation
    public Pair read(@Param(gen = IntGen.class, conf = "0:1") int slot) {
      return array.read(slot);
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
      Pair value = array.tryRead(slot);
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
      long stamp = array.tryOptimisticRead(slot);
      long first = array.getLong(slot, stamp, 0);
      long second = array.getLong(slot, stamp, Long.BYTES);
      boolean valid = array.validate(slot, stamp);
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
      return array.version(slot);
    }

    /**
     * {@code readIfNewer}, with the destination's value reported only when the returned version
     * differs from the last seen one (see {@link SeqLockLincheckTest.LockOperations#readIfNewer}).
     */
    @Operation
    public Newer readIfNewer(
        @Param(gen = IntGen.class, conf = "0:1") int slot,
        @Param(gen = IntGen.class, conf = "-1:2") int seen) {
      long lastSeen = lastSeenVersion(seen);
      MaybeTorn<Pair> destination = MaybeTorn.allocate(CODEC);
      long version = array.readIfNewer(slot, lastSeen, destination);
      return version == lastSeen
          ? new Newer(lastSeen, null)
          : new Newer(version, destination.assumeUntorn());
    }

    final void doWrite(int slot, int value) {
      writesBegun.incrementAndGet(slot);
      try {
        array.write(slot, Pair.of(value));
      } finally {
        writesEnded.incrementAndGet(slot);
      }
    }

    /** Both halves of {@code Pair.of(value)} put in place in slot {@code slot}, in one field write. */
    final void doFieldWrite(int slot, int value) {
      writesBegun.incrementAndGet(slot);
      try {
        Pair pair = Pair.of(value);
        long stamp = array.beginWrite(slot);
        try {
          array.putLong(slot, stamp, 0, pair.first());
          array.putLong(slot, stamp, Long.BYTES, pair.second());
        } finally {
          array.endWrite(slot, stamp);
        }
      } finally {
        writesEnded.incrementAndGet(slot);
      }
    }

    final Pair doUpdate(int slot) {
      writesBegun.incrementAndGet(slot);
      try {
        return array.update(slot, Pair::next);
      } finally {
        writesEnded.incrementAndGet(slot);
      }
    }
  }

  /** {@link SeqLockArray#create}: writers of any slot from any thread, concurrently. */
  public static class CreateOperations extends ArrayOperations {
    /** A fresh array. */
    public CreateOperations() {
      this(Variant.CREATE);
    }

    CreateOperations(Variant variant) {
      super(variant);
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
   * {@link SeqLockArray#singleWriter}: each slot's writing operations in a non-parallel group of their
   * own, so writes of one slot never overlap and writes of different slots may.
   */
  public static class SingleWriterOperations extends ArrayOperations {
    /** A fresh array. */
    public SingleWriterOperations() {
      this(Variant.SINGLE_WRITER);
    }

    SingleWriterOperations(Variant variant) {
      super(variant);
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

  /** {@link SeqLockArray#latched}: writers of any slot from any thread, concurrently. */
  public static class LatchedOperations extends ArrayOperations {
    /** A fresh array. */
    public LatchedOperations() {
      this(Variant.LATCHED);
    }

    LatchedOperations(Variant variant) {
      super(variant);
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

  /** {@link CreateOperations} over a direct buffer. */
  public static final class CreateInBufferOperations extends CreateOperations {
    /** A fresh array. */
    public CreateInBufferOperations() {
      super(Variant.CREATE_IN_BUFFER);
    }
  }

  /** {@link SingleWriterOperations} over a direct buffer. */
  public static final class SingleWriterInBufferOperations extends SingleWriterOperations {
    /** A fresh array. */
    public SingleWriterInBufferOperations() {
      super(Variant.SINGLE_WRITER_IN_BUFFER);
    }
  }

  /** {@link LatchedOperations} over a direct buffer. */
  public static final class LatchedInBufferOperations extends LatchedOperations {
    /** A fresh array. */
    public LatchedInBufferOperations() {
      super(Variant.LATCHED_IN_BUFFER);
    }
  }
}
