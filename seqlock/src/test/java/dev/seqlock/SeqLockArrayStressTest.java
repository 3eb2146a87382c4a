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
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One writer thread writing back to back to the slots of a {@link SeqLockArray} in a pseudo-random
 * order, one reader thread reading pseudo-random slots as fast as it can (the machine this runs on
 * may have two cores). As in {@link SeqLockStressTest}, the checks are on what the reader sees, never
 * on timings, and the floors on counts fail only if a side stops making progress.
 *
 * <p>Every value written names its slot: the {@code c}-th write of slot {@code s} writes counter
 * {@code c * SLOTS + s}, so a snapshot of slot {@code s} at version {@code v > 0} must hold counter
 * {@code (v / 2) * SLOTS + s}; a torn snapshot fails the value's own check, and one that took words
 * of a neighbouring slot, or the version of one slot with the data of another, fails this one.
 */
class SeqLockArrayStressTest {
  private static final Duration STRESS_TIME = Duration.ofMillis(800);
  private static final Duration PROGRESS_TIME = Duration.ofMillis(500);

  /** Slots of the arrays under stress. */
  private static final int SLOTS = 4;

  /** Reads that readInto and readIfNewer must each at least complete in a stress run. */
  private static final long MIN_READS_PER_METHOD = 250;

  /** Reads the reader must at least complete in a stress run (four methods). */
  private static final long MIN_READS = 1_000;

  /** Times the reader must at least see a newer version of a slot than its last of that slot. */
  private static final long MIN_VERSION_ADVANCES = 10;

  /** Writes the writer must at least complete, in every slot, in a run. */
  private static final long MIN_WRITES_PER_SLOT = 250;

  static Stream<Arguments> variantsAndValues() {
    return Arrays.stream(Variant.values())
        .flatMap(
            variant ->
                Stream.of(
                    Arguments.of(variant, Fixtures.SIX_LONGS_WITH_CHECKSUM),
                    Arguments.of(variant, Fixtures.TWENTY_FIVE_EQUAL_LONGS)));
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

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("variantsAndValues")
  void everySnapshotOfEverySlotIsConsistentWithAnEvenNeverDecreasingVersionOfThatSlot(
      Variant variant, Kind<?> kind) throws InterruptedException {
    stress(variant, kind);
  }

  /** The counter the {@code c}-th write of slot {@code slot} writes; 0 (the initial value) for c = 0. */
  static long counterOf(int slot, long c) {
    return c == 0 ? 0 : c * SLOTS + slot;
  }

  private static <T> void stress(Variant variant, Kind<T> kind) throws InterruptedException {
    SeqLockArray<T> array = variant.array(kind.codec(), SLOTS, kind.value(0));
    Race race = new Race();
    long[] writes = new long[SLOTS];
    ReaderCounts counts = new ReaderCounts();
    race.start("writer", () -> writeBackToBack(race, array, kind, writes));
    race.start("reader", () -> readAndCheck(race, array, kind, counts));

    race.stopAfter(STRESS_TIME);

    System.out.printf(
        "array stress %s, %s: writes per slot %s; read() %d, readInto %d, readIfNewer %d (%d"
            + " unchanged), tryRead %d (%d null); a newer version seen %d times%n",
        variant, kind, Arrays.toString(writes), counts.reads, counts.readIntos, counts.readIfNewers,
        counts.readIfNewerUnchanged, counts.tryReads, counts.tryReadFailures, counts.versionAdvances);
    assertTrue(counts.total() > MIN_READS, () -> "reader completed only " + counts.total());
    assertTrue(counts.readIntos > MIN_READS_PER_METHOD, () -> "readInto completed " + counts.readIntos);
    assertTrue(
        counts.readIfNewers > MIN_READS_PER_METHOD, () -> "readIfNewer completed " + counts.readIfNewers);
    assertTrue(
        counts.versionAdvances > MIN_VERSION_ADVANCES,
        () -> "the reader saw a newer version only " + counts.versionAdvances + " times");
    for (int slot = 0; slot < SLOTS; slot++) {
      long n = writes[slot];
      int s = slot;
      assertTrue(n > MIN_WRITES_PER_SLOT, () -> "slot " + s + " was written only " + n + " times");
      assertEquals(2 * n, array.version(slot), "two version steps per write of slot " + slot);
      assertEquals(
          counterOf(slot, n), kind.counter(array.read(slot)), "the last write is slot " + slot);
    }
  }

  /**
   * Writes each slot its counters in turn (see the class comment), choosing the slot pseudo-randomly
   * and cycling through write, writeFrom and update; counts the writes per slot in {@code writes}. The
   * update function checks that it is given the slot's previous value.
   */
  private static <T> void writeBackToBack(
      Race race, SeqLockArray<T> array, Kind<T> kind, long[] writes) {
    MaybeTorn<T> source = MaybeTorn.allocate(kind.codec());
    long random = 0x9E3779B97F4A7C15L;
    for (long n = 0; race.running(); n++) {
      random = xorShift(random);
      int slot = (int) ((random >>> 32) % SLOTS);
      long c = ++writes[slot];
      T value = kind.value(counterOf(slot, c));
      switch ((int) (n % 3)) {
        case 0 -> array.write(slot, value);
        case 1 -> {
          source.set(value);
          array.writeFrom(slot, source);
        }
        default -> {
          long previous = counterOf(slot, c - 1);
          array.update(
              slot,
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
   * Reads pseudo-random slots in turn with read(), readInto, readIfNewer and tryRead, and checks every
   * result: consistent (the kind's check), holding the counter its slot and version call for,
   * versions even and, per slot, never decreasing across all four methods; readIfNewer (one holder
   * and last version per slot) either returning its last version with the holder untouched or a
   * greater version.
   */
  private static <T> void readAndCheck(
      Race race, SeqLockArray<T> array, Kind<T> kind, ReaderCounts counts) {
    MaybeTorn<T> into = MaybeTorn.allocate(kind.codec());
    @SuppressWarnings("unchecked") // holders of the codec's T
    MaybeTorn<T>[] polled = (MaybeTorn<T>[]) new MaybeTorn<?>[SLOTS];
    long[] lastPolled = new long[SLOTS];
    long[] lastVersion = new long[SLOTS];
    for (int slot = 0; slot < SLOTS; slot++) {
      polled[slot] = MaybeTorn.allocate(kind.codec());
      lastPolled[slot] = SeqLock.NOTHING_SEEN;
    }
    long random = 0xD1B54A32D192ED03L;
    for (long i = 0; race.running(); i++) {
      random = xorShift(random);
      int slot = (int) ((random >>> 32) % SLOTS);
      switch ((int) (i & 3)) {
        case 0 -> {
          long version = versionOf(slot, kind.counter(array.read(slot)));
          checkNotBefore(slot, version, lastVersion[slot], "read()");
          lastVersion[slot] = advance(counts, lastVersion[slot], version);
          counts.reads++;
        }
        case 1 -> {
          long version = array.readInto(slot, into);
          checkNotBefore(slot, version, lastVersion[slot], "readInto");
          checkHolds(kind, slot, into, version, "readInto");
          lastVersion[slot] = advance(counts, lastVersion[slot], version);
          counts.readIntos++;
        }
        case 2 -> {
          long version = array.readIfNewer(slot, lastPolled[slot], polled[slot]);
          checkNotBefore(slot, version, lastVersion[slot], "readIfNewer");
          if (version == lastPolled[slot]) {
            counts.readIfNewerUnchanged++; // the holder must still hold lastPolled's value
          } else if (version < lastPolled[slot]) {
            fail("readIfNewer of slot " + slot + " returned " + version + " after " + lastPolled[slot]);
          }
          checkHolds(kind, slot, polled[slot], version, "readIfNewer");
          lastPolled[slot] = version;
          lastVersion[slot] = advance(counts, lastVersion[slot], version);
          counts.readIfNewers++;
        }
        default -> {
          T value = array.tryRead(slot);
          if (value == null) {
            counts.tryReadFailures++;
          } else {
            long version = versionOf(slot, kind.counter(value));
            checkNotBefore(slot, version, lastVersion[slot], "tryRead");
            lastVersion[slot] = advance(counts, lastVersion[slot], version);
            counts.tryReads++;
          }
        }
      }
    }
  }

  /** The version at which slot {@code slot} holds {@code counter}; fails if no write of it did. */
  private static long versionOf(int slot, long counter) {
    if (counter == 0) {
      return 0;
    }
    if (counter % SLOTS != slot) {
      fail("slot " + slot + " holds counter " + counter + ", written to slot " + counter % SLOTS);
    }
    return 2 * (counter / SLOTS);
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
      Kind<T> kind, int slot, MaybeTorn<T> holder, long version, String method) {
    long counter = kind.counter(holder.assumeUntorn());
    if (counter != counterOf(slot, version / 2)) {
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
   * Beside a writer that publishes one of two pre-encoded 4 KiB values back to back to slot 1 of
   * three (no encoding between writes: the shortest gap), reads of slot 1 keep completing: optimistic
   * attempts almost always overlap a write, so the reader must get through that slot's
   * starving-reader path. The neighbouring slots are read too, and must keep their initial value.
   */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void readKeepsCompletingBesideABackToBackWriterOfALargeValueInItsSlot(Variant variant)
      throws InterruptedException {
    ByteCodec<long[]> codec = ByteCodecs.ofLongArray(BIG_LENGTH);
    long[] ones = new long[BIG_LENGTH];
    long[] twos = new long[BIG_LENGTH];
    Arrays.fill(ones, 1);
    Arrays.fill(twos, 2);
    MaybeTorn<long[]> first = MaybeTorn.of(codec, ones);
    MaybeTorn<long[]> second = MaybeTorn.of(codec, twos);
    SeqLockArray<long[]> array = variant.array(codec, 3, new long[BIG_LENGTH]);
    WriterRole role = array.role;
    Race race = new Race();
    long[] writes = new long[2]; // writes, writes that found a reader of slot 1 announced as starving
    long[] reads = new long[3]; // reads of slot 1, longest in nanoseconds, reads of other slots
    race.start(
        "writer",
        () -> {
          while (race.running()) {
            if (role.hasStarvingReaders(1)) {
              writes[1]++;
            }
            array.writeFrom(1, (writes[0]++ & 1) == 0 ? first : second);
          }
        });
    race.start(
        "reader",
        () -> {
          while (race.running()) {
            long start = System.nanoTime();
            long[] value = array.read(1);
            reads[1] = Math.max(reads[1], System.nanoTime() - start);
            for (long element : value) {
              if (element != value[0]) {
                fail("torn read: " + element + " beside " + value[0]);
              }
            }
            reads[0]++;
            if ((reads[0] & 15) == 0) {
              for (int other : new int[] {0, 2}) {
                long[] untouched = array.read(other);
                for (long element : untouched) {
                  if (element != 0) {
                    fail("slot " + other + " holds " + element + ", written only to slot 1");
                  }
                }
                reads[2]++;
              }
            }
          }
        });

    race.stopAfter(PROGRESS_TIME);

    System.out.printf(
        "array progress %s: %d reads of slot 1 (longest %d µs) and %d of others beside %d writes, %d"
            + " of which found a starving reader%n",
        variant, reads[0], reads[1] / 1_000, reads[2], writes[0], writes[1]);
    assertTrue(reads[0] > MIN_READS, () -> "read(1) completed only " + reads[0] + " times");
    assertTrue(writes[0] > MIN_READS, () -> "the writer completed only " + writes[0] + " writes");
  }
}
