package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.seqlock.Fixtures.Kind;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One writer thread writing back to back, one reader thread reading as fast as it can (the machine
 * this runs on may have two cores), on a {@link SeqLock} or a {@link SeqLockArray} ({@link Facade}) of
 * every {@link Variant}: on an array the writer writes its slots in a pseudo-random order and the
 * reader reads pseudo-random slots, so that writes to one slot race reads of its neighbours. The checks
 * are on what the reader sees, never on timings; the floors on counts are orders of magnitude below
 * what a working lock achieves, so they fail only if a side stops making progress.
 *
 * <p>Every value written names its slot: the {@code c}-th write of slot {@code s} of {@code n} (a
 * lock's one value is slot 0 of 1) writes counter {@code c * n + s}, so a snapshot of slot {@code s}
 * at version {@code v > 0} must hold counter {@code (v / 2) * n + s}; a torn snapshot fails the
 * value's own check, and one that took words of a neighbouring slot, or the version of one slot with
 * the data of another, fails this one.
 */
class ReadWriteStressTest {
  /** Slots of the arrays under stress. */
  private static final int ARRAY_SLOTS = 4;

  /** Reads that read(), readInto and readIfNewer must each at least complete in a stress run. */
  private static final long MIN_READS_PER_METHOD = 250;

  /** Reads the reader must at least complete in a stress run (four methods). */
  private static final long MIN_READS = 1_000;

  /**
   * Times the reader must at least see a newer version of a value than its last of that value: it is
   * not stuck on an old snapshot. Low, because on a loaded two-core machine the two threads may mostly
   * take turns.
   */
  private static final long MIN_VERSION_ADVANCES = 10;

  /**
   * Writes the writer must at least complete in a run, shared between the values: starving readers
   * must not stop it, nor leave any slot unwritten. Each of {@code n} values must be written more than
   * {@code MIN_WRITES / n} times.
   */
  private static final long MIN_WRITES = 1_000;

  /** How long a stress run lasts: a lock's, and an array's, whose slots share the writer. */
  private static Duration stressTime(Facade facade) {
    return switch (facade) {
      case LOCK -> Duration.ofMillis(1_500);
      case ARRAY_SLOT -> Duration.ofMillis(800);
    };
  }

  /** How long a progress run lasts. */
  private static Duration progressTime(Facade facade) {
    return switch (facade) {
      case LOCK -> Duration.ofMillis(700);
      case ARRAY_SLOT -> Duration.ofMillis(500);
    };
  }

  static Stream<Arguments> facadesVariantsAndValues() {
    return Facade.everyFacadeVariantAndOther(
        variant -> true,
        List.of(Fixtures.SIX_LONGS_WITH_CHECKSUM, Fixtures.TWENTY_FIVE_EQUAL_LONGS));
  }

  /** What the reader of a stress run counted; written by the reader, read after it is joined. */
  static final class ReaderCounts {
    long reads;
    long readIntos;
    long readIfNewers;
    long readIfNewerUnchanged;
    long tryReads;
    long tryReadFailures;
    long versionAdvances;

    long total() {
      return reads + readIntos + readIfNewers + tryReads + tryReadFailures;
    }
  }

  @ParameterizedTest(name = "{0}, {1}, {2}")
  @MethodSource("facadesVariantsAndValues")
  void everySnapshotOfEveryValueIsConsistentWithAnEvenNeverDecreasingVersionOfThatValue(
      Facade facade, Variant variant, Kind<?> kind) throws InterruptedException {
    stress(facade, variant, kind);
  }

  /** The values under stress: a lock's one value, or every slot of an array of {@link #ARRAY_SLOTS}. */
  private static <T> List<Subject<T>> valuesUnderStress(
      Facade facade, Variant variant, Kind<T> kind) {
    return switch (facade) {
      case LOCK -> facade.of(variant, kind.codec(), kind.value(0)).everyValue();
      case ARRAY_SLOT ->
          Subject.everySlot(variant.array(kind.codec(), ARRAY_SLOTS, kind.value(0)));
    };
  }

  /**
   * The counter the {@code c}-th write of slot {@code slot} of {@code slots} writes; 0 (the initial
   * value) for c = 0.
   */
  static long counterOf(int slot, int slots, long c) {
    return c == 0 ? 0 : c * slots + slot;
  }

  private static <T> void stress(Facade facade, Variant variant, Kind<T> kind)
      throws InterruptedException {
    List<Subject<T>> values = valuesUnderStress(facade, variant, kind);
    int slots = values.size();
    Race race = new Race();
    long[] writes = new long[slots];
    ReaderCounts counts = new ReaderCounts();
    race.start("writer", () -> writeBackToBack(race, values, kind, writes));
    race.start("reader", () -> readAndCheck(race, values, kind, counts));

    race.stopAfter(stressTime(facade));

    System.out.printf(
        "stress %s, %s, %s: writes per value %s; read() %d, readInto %d, readIfNewer %d (%d"
            + " unchanged), tryRead %d (%d null); a newer version seen %d times%n",
        facade, variant, kind, Arrays.toString(writes), counts.reads, counts.readIntos,
        counts.readIfNewers, counts.readIfNewerUnchanged, counts.tryReads, counts.tryReadFailures,
        counts.versionAdvances);
    assertTrue(counts.total() > MIN_READS, () -> "reader completed only " + counts.total());
    assertTrue(counts.reads > MIN_READS_PER_METHOD, () -> "read() completed " + counts.reads);
    assertTrue(counts.readIntos > MIN_READS_PER_METHOD, () -> "readInto completed " + counts.readIntos);
    assertTrue(
        counts.readIfNewers > MIN_READS_PER_METHOD, () -> "readIfNewer completed " + counts.readIfNewers);
    assertTrue(
        counts.versionAdvances > MIN_VERSION_ADVANCES,
        () -> "the reader saw a newer version only " + counts.versionAdvances + " times");
    for (int slot = 0; slot < slots; slot++) {
      long n = writes[slot];
      int s = slot;
      assertTrue(
          n > MIN_WRITES / slots, () -> "slot " + s + " was written only " + n + " times");
      assertEquals(
          2 * n, values.get(slot).version(), "two version steps per write of slot " + slot);
      assertEquals(
          counterOf(slot, slots, n),
          kind.counter(values.get(slot).read()),
          "the last write is slot " + slot + "'s value");
    }
  }

  /**
   * Writes each value its counters in turn (see the class comment), choosing the value
   * pseudo-randomly and cycling through write, writeFrom and update; counts the writes per value in
   * {@code writes}. The update function checks that it is given the value's previous value.
   */
  private static <T> void writeBackToBack(
      Race race, List<Subject<T>> values, Kind<T> kind, long[] writes) {
    int slots = values.size();
    MaybeTorn<T> source = MaybeTorn.allocate(kind.codec());
    long random = 0x9E3779B97F4A7C15L;
    for (long n = 0; race.running(); n++) {
      random = xorShift(random);
      int slot = (int) ((random >>> 32) % slots);
      Subject<T> target = values.get(slot);
      long c = ++writes[slot];
      T value = kind.value(counterOf(slot, slots, c));
      switch ((int) (n % 3)) {
        case 0 -> target.write(value);
        case 1 -> {
          source.set(value);
          target.writeFrom(source);
        }
        default -> {
          long previous = counterOf(slot, slots, c - 1);
          target.update(
              current -> {
                if (kind.counter(current) != previous) {
                  fail(
                      "update of slot " + slot + " was given counter " + kind.counter(current)
                          + ", not " + previous);
                }
                return value;
              });
        }
      }
    }
  }

  /**
   * Reads pseudo-random values in turn with read(), readInto, readIfNewer and tryRead, and checks
   * every result: consistent (the kind's check), holding the counter its slot and version call for,
   * versions even and, per value, never decreasing across all four methods; readIfNewer (one holder
   * and last version per value) either returning its last version with the holder untouched or a
   * greater version.
   */
  private static <T> void readAndCheck(
      Race race, List<Subject<T>> values, Kind<T> kind, ReaderCounts counts) {
    int slots = values.size();
    MaybeTorn<T> into = MaybeTorn.allocate(kind.codec());
    @SuppressWarnings("unchecked") // holders of the codec's T
    MaybeTorn<T>[] polled = (MaybeTorn<T>[]) new MaybeTorn<?>[slots];
    long[] lastPolled = new long[slots];
    long[] lastVersion = new long[slots];
    for (int slot = 0; slot < slots; slot++) {
      polled[slot] = MaybeTorn.allocate(kind.codec());
      lastPolled[slot] = SeqLock.NOTHING_SEEN;
    }
    long random = 0xD1B54A32D192ED03L;
    for (long i = 0; race.running(); i++) {
      random = xorShift(random);
      int slot = (int) ((random >>> 32) % slots);
      Subject<T> source = values.get(slot);
      switch ((int) (i & 3)) {
        case 0 -> {
          long version = versionOf(slot, slots, kind.counter(source.read()));
          checkNotBefore(slot, version, lastVersion[slot], "read()");
          lastVersion[slot] = advance(counts, lastVersion[slot], version);
          counts.reads++;
        }
        case 1 -> {
          long version = source.readInto(into);
          checkNotBefore(slot, version, lastVersion[slot], "readInto");
          checkHolds(kind, slot, slots, into, version, "readInto");
          lastVersion[slot] = advance(counts, lastVersion[slot], version);
          counts.readIntos++;
        }
        case 2 -> {
          long version = source.readIfNewer(lastPolled[slot], polled[slot]);
          checkNotBefore(slot, version, lastVersion[slot], "readIfNewer");
          if (version == lastPolled[slot]) {
            counts.readIfNewerUnchanged++; // the holder must still hold lastPolled's value
          } else if (version < lastPolled[slot]) {
            fail("readIfNewer of slot " + slot + " returned " + version + " after " + lastPolled[slot]);
          }
          checkHolds(kind, slot, slots, polled[slot], version, "readIfNewer");
          lastPolled[slot] = version;
          lastVersion[slot] = advance(counts, lastVersion[slot], version);
          counts.readIfNewers++;
        }
        default -> {
          T value = source.tryRead();
          if (value == null) {
            counts.tryReadFailures++;
          } else {
            long version = versionOf(slot, slots, kind.counter(value));
            checkNotBefore(slot, version, lastVersion[slot], "tryRead");
            lastVersion[slot] = advance(counts, lastVersion[slot], version);
            counts.tryReads++;
          }
        }
      }
    }
  }

  /** The version at which slot {@code slot} holds {@code counter}; fails if no write of it did. */
  private static long versionOf(int slot, int slots, long counter) {
    if (counter == 0) {
      return 0;
    }
    if (counter % slots != slot) {
      fail("slot " + slot + " holds counter " + counter + ", written to slot " + counter % slots);
    }
    return 2 * (counter / slots);
  }

  /** Counts a snapshot newer than the last one; returns the new last version. */
  private static long advance(ReaderCounts counts, long lastVersion, long version) {
    if (version > lastVersion) {
      counts.versionAdvances++;
    }
    return version;
  }

  private static void checkNotBefore(int slot, long version, long lastVersion, String method) {
    if ((version & 1) != 0) {
      fail(method + " of slot " + slot + " returned odd version " + version);
    }
    if (version < lastVersion) {
      fail(method + " of slot " + slot + " returned version " + version + " after " + lastVersion);
    }
  }

  private static <T> void checkHolds(
      Kind<T> kind, int slot, int slots, MaybeTorn<T> holder, long version, String method) {
    long counter = kind.counter(holder.assumeUntorn());
    if (counter != counterOf(slot, slots, version / 2)) {
      fail(method + " of slot " + slot + " returned version " + version + " with counter " + counter);
    }
  }

  private static long xorShift(long x) {
    x ^= x << 13;
    x ^= x >>> 7;
    x ^= x << 17;
    return x;
  }

  /** 4 KiB: the longest copy, so the widest window for a write to overlap a read. */
  private static final int BIG_LENGTH = 512;

  /**
   * Beside a writer that publishes one of two pre-encoded 4 KiB values back to back to a lock, or to
   * slot 1 of three (no encoding between writes: the shortest gap), reads of the value keep
   * completing: optimistic attempts almost always overlap a write, so the reader must get through the
   * value's starving-reader path. The neighbouring slots are read too, and must keep their initial
   * value. Every variant whose reads are promised to complete there (Variant's
   * readsCompleteBesideABackToBackWriter: latched, and writers that pause for starving readers)
   * gets the back-to-back writer; the others (one copy, a writer that never pauses: its reader
   * completes only in a gap between writes, WriterPause.NEVER's javadoc) a writer that leaves
   * GAP_NANOS between writes, a few times a read's length. A latched reader or one whose writer
   * never pauses must not announce itself, so no write finds one announced.
   */
  @ParameterizedTest
  @MethodSource("everyFacadeAndVariant")
  void readKeepsCompletingBesideABackToBackOrPacedWriterOfALargeValue(
      Facade facade, Variant variant) throws InterruptedException {
    ByteCodec<long[]> codec = ByteCodecs.ofLongArray(BIG_LENGTH);
    long[] ones = new long[BIG_LENGTH];
    long[] twos = new long[BIG_LENGTH];
    Arrays.fill(ones, 1);
    Arrays.fill(twos, 2);
    MaybeTorn<long[]> first = MaybeTorn.of(codec, ones);
    MaybeTorn<long[]> second = MaybeTorn.of(codec, twos);
    Subject<long[]> subject = facade.of(variant, codec, new long[BIG_LENGTH]);
    List<Subject<long[]>> values = subject.everyValue();
    List<Subject<long[]>> neighbours = subject.neighbours();
    WriterRole role = subject.engine().role;
    int slot = subject.slot();
    Race race = new Race();
    long[] writes = new long[2]; // writes, writes that found a reader of the value announced as starving
    long[] reads = new long[3]; // reads of the value, longest in nanoseconds, reads of other slots
    race.start(
        "writer",
        () -> {
          boolean paced = !variant.readsCompleteBesideABackToBackWriter();
          while (race.running()) {
            if (role.hasStarvingReaders(slot)) {
              writes[1]++;
            }
            subject.writeFrom((writes[0]++ & 1) == 0 ? first : second);
            if (paced) {
              long until = System.nanoTime() + GAP_NANOS;
              while (System.nanoTime() - until < 0) {
                Thread.onSpinWait(); // a gap the reader can complete in
              }
            }
          }
        });
    race.start(
        "reader",
        () -> {
          while (race.running()) {
            long start = System.nanoTime();
            long[] value = subject.read();
            reads[1] = Math.max(reads[1], System.nanoTime() - start);
            for (long element : value) {
              if (element != value[0]) {
                fail("torn read: " + element + " beside " + value[0]);
              }
            }
            reads[0]++;
            if ((reads[0] & 15) == 0) {
              for (Subject<long[]> neighbour : neighbours) {
                long[] untouched = neighbour.read();
                for (long element : untouched) {
                  if (element != 0) {
                    fail(
                        "slot " + values.indexOf(neighbour) + " holds " + element
                            + ", written only to slot " + slot);
                  }
                }
                reads[2]++;
              }
            }
          }
        });

    race.stopAfter(progressTime(facade));

    System.out.printf(
        "progress %s, %s: %d reads of slot %d (longest %d µs) and %d of others beside %d writes, %d"
            + " of which found a starving reader%n",
        facade, variant, reads[0], slot, reads[1] / 1_000, reads[2], writes[0], writes[1]);
    assertTrue(reads[0] > MIN_READS, () -> "read() completed only " + reads[0] + " times");
    assertTrue(writes[0] > MIN_WRITES, () -> "the writer completed only " + writes[0] + " writes");
    if (!variant.writerPauses()) {
      assertEquals(0, writes[1], "a reader announced itself starving to a writer that never pauses");
    }
  }

  /** The paced writer's gap between writes: a 4 KiB read takes about a microsecond here. */
  private static final long GAP_NANOS = 20_000;

  static Stream<Arguments> everyFacadeAndVariant() {
    return Facade.everyFacadeAndVariantWhere(variant -> true);
  }
}
