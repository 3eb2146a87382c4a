package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Linearizability of every variant's operations, checked by Lincheck against {@link Spec}, a plain
 * sequential class holding the value and its version.
 *
 * <p>What this proves, and what it does not. Lincheck runs small concurrent scenarios (a few
 * operations per thread between a sequential prefix and suffix) and checks that every outcome is one
 * that some sequential order of the same operations, consistent with their real-time order, gives on
 * {@link Spec}.
 *
 * <ul>
 *   <li>Model checking explores interleavings deterministically, assuming <em>sequential
 *       consistency</em>: it checks the protocol's logic, never the fences or access modes. It
 *       switches threads only before the shared accesses it instruments: in practice the sequence
 *       ({@link SlotWords}), the words of {@link WriterRole} (writer lock, starving readers)
 *       and the counters below, and the plain element accesses to the value's words. It therefore
 *       checks the odd/even protocol as such, {@code version()}, writer serialisation, the
 *       single-writer role, the latch's choice of copy, the starving reader's fallback, {@code tryRead}
 *       and {@code readIfNewer}. The values here are two words, which AtomicPerByteArray copies with
 *       straight-line element accesses, so the checker can switch threads in the middle of a reader's
 *       copy (a copy by {@code System.arraycopy}, for longer values, would be one step): that is how
 *       it catches a mutant that accepts every even first read, skipping the second sequence read
 *       (checked on 2026-11-23: the single-copy variants fail, a reader returning one word of a field
 *       write and one of the value before it; when copies were one {@code System.arraycopy}, the
 *       same mutant passed model checking).
 *   <li>Stress testing runs the same kind of scenarios on real threads under the real memory model,
 *       where copies do race with writes: it caught that mutant too, but by chance, not every run.
 * </ul>
 *
 * <p>The fences and access modes, argued in {@link SeqLock}'s notes, are tested by jcstress (module
 * jcstress-tests), not here.
 *
 * <p>The value is a two-long record whose halves every write keeps in step ({@code second ==
 * ~first}), so a snapshot mixing two writes equals no value the specification can produce.
 */
class SeqLockLincheckTest {
  /*
   * Sizes: modest, so that the six checks take about 20 to 40 s together on a two-core machine,
   * several seconds of which are Lincheck starting up. Model checking explores up to MC_INVOCATIONS
   * interleavings of each of MC_ITERATIONS scenarios (three threads of two operations, so two writers
   * and a reader can meet); stress testing runs each of STRESS_ITERATIONS scenarios
   * STRESS_INVOCATIONS times on two real threads.
   */
  private static final int MC_ITERATIONS = 8;
  private static final int MC_INVOCATIONS = 150;
  private static final int STRESS_ITERATIONS = 20;
  private static final int STRESS_INVOCATIONS = 200;

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

  /** The Lincheck test class of {@code variant}: a fresh instance (a fresh lock) per invocation. */
  private static Class<? extends LockOperations> operationsOf(Variant variant) {
    return switch (variant) {
      case CREATE -> CreateOperations.class;
      case SINGLE_WRITER -> SingleWriterOperations.class;
      case LATCHED -> LatchedOperations.class;
      case CREATE_IN_BUFFER -> CreateInBufferOperations.class;
      case SINGLE_WRITER_IN_BUFFER -> SingleWriterInBufferOperations.class;
      case LATCHED_IN_BUFFER -> LatchedInBufferOperations.class;
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
   * {@link LockOperations#tryRead()}.
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
   * The sequential specification: the value and its version, which grows by 2 per write. Lincheck
   * calls its methods by the operations' names and parameter types and compares the results; equal
   * states let it merge the paths that reach them.
   */
  public static final class Spec {
    private Pair value = INITIAL;
    private long version;

    /** The state before any operation. */
    public Spec() {}

    public Pair read() {
      return value;
    }

    public TryRead tryRead() {
      return TryRead.of(value);
    }

    public TryRead optimisticRead() {
      return TryRead.of(value);
    }

    public long version() {
      return version;
    }

    public Newer readIfNewer(int seen) {
      long lastSeen = lastSeenVersion(seen);
      return version == lastSeen ? new Newer(lastSeen, null) : new Newer(version, value);
    }

    public void write(int newValue) {
      value = Pair.of(newValue);
      version += 2;
    }

    /** A field write of both halves: the same new value and version as {@link #write}. */
    public void fieldWrite(int newValue) {
      write(newValue);
    }

    public Pair update() {
      value = value.next();
      version += 2;
      return value;
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Spec that && value.equals(that.value) && version == that.version;
    }

    @Override
    public int hashCode() {
      return Objects.hash(value, version);
    }
  }

  /** {@code readIfNewer}'s last seen version from a generated {@code -1..2}: -1, 0, 2 or 4. */
  static long lastSeenVersion(int seen) {
    return seen < 0 ? SeqLock.NOTHING_SEEN : 2L * seen;
  }

  /**
   * The operations of one lock: the reading ones here, the writing ones in each variant's subclass
   * (so that the single-writer one can put them in one non-parallel group).
   */
  public abstract static class LockOperations {
    private final SeqLock<Pair> lock;

    /** Writes begun and writes ended, to tell whether a write overlapped a failed tryRead. */
    private final AtomicInteger writesBegun = new AtomicInteger();

    private final AtomicInteger writesEnded = new AtomicInteger();

    LockOperations(Variant variant) {
      this.lock = variant.of(CODEC, INITIAL);
    }

    @Operation
    public Pair read() {
      return lock.read();
    }

    /**
     * One attempt. A failure is acceptable only if a write overlapped the attempt: if every write
     * begun by the end of the call had already ended at its start, none overlapped it, and the
     * failure is reported as an exception, which no specification result equals.
     */
    @Operation
    public TryRead tryRead() {
      int endedBefore = writesEnded.get();
      Pair value = lock.tryRead();
      int begunAfter = writesBegun.get();
      if (value != null) {
        return TryRead.of(value);
      }
      if (begunAfter == endedBefore) {
        throw new IllegalStateException("tryRead failed although no write overlapped it");
      }
      return TryRead.MISSED;
    }

    /**
     * Optimistic field reads of both halves under one stamp. A failed validation is acceptable only if
     * a write overlapped the reads, as for {@link #tryRead()}; a validated pair must be a value of the
     * specification at some point during the call.
     */
    @Operation
    public TryRead optimisticRead() {
      int endedBefore = writesEnded.get();
      long stamp = lock.tryOptimisticRead();
      long first = lock.getLong(stamp, 0);
      long second = lock.getLong(stamp, Long.BYTES);
      boolean valid = lock.validate(stamp);
      int begunAfter = writesBegun.get();
      if (valid) {
        return TryRead.of(new Pair(first, second));
      }
      if (begunAfter == endedBefore) {
        throw new IllegalStateException("validate failed although no write overlapped the reads");
      }
      return TryRead.MISSED;
    }

    @Operation
    public long version() {
      return lock.version();
    }

    /**
     * {@code readIfNewer}, with the destination's value reported only when the returned version
     * differs from the last seen one: when they are equal the caller keeps the value it already had
     * for that version (whether or not the destination was refilled with that same version).
     */
    @Operation
    public Newer readIfNewer(@Param(gen = IntGen.class, conf = "-1:2") int seen) {
      long lastSeen = lastSeenVersion(seen);
      MaybeTorn<Pair> destination = MaybeTorn.allocate(CODEC);
      long version = lock.readIfNewer(lastSeen, destination);
      return version == lastSeen
          ? new Newer(lastSeen, null)
          : new Newer(version, destination.assumeUntorn());
    }

    final void doWrite(int value) {
      writesBegun.incrementAndGet();
      try {
        lock.write(Pair.of(value));
      } finally {
        writesEnded.incrementAndGet();
      }
    }

    /** Both halves of {@code Pair.of(value)} put in place, in one field write. */
    final void doFieldWrite(int value) {
      writesBegun.incrementAndGet();
      try {
        Pair pair = Pair.of(value);
        long stamp = lock.beginWrite();
        try {
          lock.putLong(stamp, 0, pair.first());
          lock.putLong(stamp, Long.BYTES, pair.second());
        } finally {
          lock.endWrite(stamp);
        }
      } finally {
        writesEnded.incrementAndGet();
      }
    }

    final Pair doUpdate() {
      writesBegun.incrementAndGet();
      try {
        return lock.update(Pair::next);
      } finally {
        writesEnded.incrementAndGet();
      }
    }
  }

  /** {@link SeqLock#create}: writers from any thread, concurrently. */
  public static class CreateOperations extends LockOperations {
    /** A fresh lock. */
    public CreateOperations() {
      this(Variant.CREATE);
    }

    CreateOperations(Variant variant) {
      super(variant);
    }

    @Operation
    public void write(@Param(gen = IntGen.class, conf = "1:4") int value) {
      doWrite(value);
    }

    @Operation
    public void fieldWrite(@Param(gen = IntGen.class, conf = "1:4") int value) {
      doFieldWrite(value);
    }

    @Operation
    public Pair update() {
      return doUpdate();
    }
  }

  /** {@link SeqLock#singleWriter}: every writing operation in one non-parallel group. */
  public static class SingleWriterOperations extends LockOperations {
    /** A fresh lock. */
    public SingleWriterOperations() {
      this(Variant.SINGLE_WRITER);
    }

    SingleWriterOperations(Variant variant) {
      super(variant);
    }

    @Operation(nonParallelGroup = "writers")
    public void write(@Param(gen = IntGen.class, conf = "1:4") int value) {
      doWrite(value);
    }

    @Operation(nonParallelGroup = "writers")
    public void fieldWrite(@Param(gen = IntGen.class, conf = "1:4") int value) {
      doFieldWrite(value);
    }

    @Operation(nonParallelGroup = "writers")
    public Pair update() {
      return doUpdate();
    }
  }

  /** {@link SeqLock#latched}: writers from any thread, concurrently. */
  public static class LatchedOperations extends LockOperations {
    /** A fresh lock. */
    public LatchedOperations() {
      this(Variant.LATCHED);
    }

    LatchedOperations(Variant variant) {
      super(variant);
    }

    @Operation
    public void write(@Param(gen = IntGen.class, conf = "1:4") int value) {
      doWrite(value);
    }

    @Operation
    public void fieldWrite(@Param(gen = IntGen.class, conf = "1:4") int value) {
      doFieldWrite(value);
    }

    @Operation
    public Pair update() {
      return doUpdate();
    }
  }

  /** {@link CreateOperations} over a direct buffer. */
  public static final class CreateInBufferOperations extends CreateOperations {
    /** A fresh lock. */
    public CreateInBufferOperations() {
      super(Variant.CREATE_IN_BUFFER);
    }
  }

  /** {@link SingleWriterOperations} over a direct buffer. */
  public static final class SingleWriterInBufferOperations extends SingleWriterOperations {
    /** A fresh lock. */
    public SingleWriterInBufferOperations() {
      super(Variant.SINGLE_WRITER_IN_BUFFER);
    }
  }

  /** {@link LatchedOperations} over a direct buffer. */
  public static final class LatchedInBufferOperations extends LatchedOperations {
    /** A fresh lock. */
    public LatchedInBufferOperations() {
      super(Variant.LATCHED_IN_BUFFER);
    }
  }
}
