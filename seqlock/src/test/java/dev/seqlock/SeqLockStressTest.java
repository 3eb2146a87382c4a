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
 * One writer thread writing back to back, one reader thread reading as fast as it can (the machine
 * this runs on may have two cores). The checks are on what the reader sees, never on timings; the
 * floors on counts are orders of magnitude below what a working lock achieves, so they fail only if
 * a side stops making progress.
 */
class SeqLockStressTest {
  private static final Duration STRESS_TIME = Duration.ofMillis(1_500);
  private static final Duration PROGRESS_TIME = Duration.ofMillis(700);

  /** Reads that every read method must at least complete in a stress run. */
  private static final long MIN_READS_PER_METHOD = 250;

  /** Reads the reader must at least complete in a stress run (four methods). */
  private static final long MIN_READS = 1_000;

  /**
   * Times the reader must at least see a newer version than its last: it is not stuck on an old
   * snapshot. Low, because on a loaded two-core machine the two threads may mostly take turns.
   */
  private static final long MIN_VERSION_ADVANCES = 10;

  /** Writes the writer must at least complete in a run: starving readers must not stop it. */
  private static final long MIN_WRITES = 1_000;

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
  void everySnapshotBesideABackToBackWriterIsConsistentWithAnEvenNeverDecreasingVersion(
      Variant variant, Kind<?> kind) throws InterruptedException {
    stress(variant, kind);
  }

  private static <T> void stress(Variant variant, Kind<T> kind) throws InterruptedException {
    SeqLock<T> lock = variant.of(kind.codec(), kind.value(0));
    Race race = new Race();
    long[] writes = new long[1];
    ReaderCounts counts = new ReaderCounts();
    race.start("writer", () -> writes[0] = writeBackToBack(race, lock, kind));
    race.start("reader", () -> readAndCheck(race, lock, kind, counts));

    race.stopAfter(STRESS_TIME);

    System.out.printf(
        "stress %s, %s: %d writes; read() %d, readInto %d, readIfNewer %d (%d unchanged), tryRead %d"
            + " (%d null); a newer version seen %d times%n",
        variant, kind, writes[0], counts.reads, counts.readIntos, counts.readIfNewers,
        counts.readIfNewerUnchanged, counts.tryReads, counts.tryReadFailures, counts.versionAdvances);
    assertTrue(counts.total() > MIN_READS, () -> "reader completed only " + counts.total());
    assertTrue(counts.reads > MIN_READS_PER_METHOD, () -> "read() completed " + counts.reads);
    assertTrue(counts.readIntos > MIN_READS_PER_METHOD, () -> "readInto completed " + counts.readIntos);
    assertTrue(
        counts.readIfNewers > MIN_READS_PER_METHOD, () -> "readIfNewer completed " + counts.readIfNewers);
    assertTrue(writes[0] > MIN_WRITES, () -> "writer completed only " + writes[0]);
    assertTrue(
        counts.versionAdvances > MIN_VERSION_ADVANCES,
        () -> "the reader saw a newer version only " + counts.versionAdvances + " times");
    assertEquals(2 * writes[0], lock.version(), "two version steps per write");
    assertEquals(writes[0], kind.counter(lock.read()), "the last write is the value");
  }

  /**
   * Writes counters 1, 2, 3, ... back to back, cycling through write, writeFrom and update; returns
   * how many it wrote. The update function checks that it is given the previous write's value.
   */
  private static <T> long writeBackToBack(Race race, SeqLock<T> lock, Kind<T> kind) {
    MaybeTorn<T> source = MaybeTorn.allocate(kind.codec());
    long n = 0;
    while (race.running()) {
      n++;
      T value = kind.value(n);
      switch ((int) (n % 3)) {
        case 0 -> lock.write(value);
        case 1 -> {
          source.set(value);
          lock.writeFrom(source);
        }
        default -> {
          long previous = n - 1;
          lock.update(
              current -> {
                if (kind.counter(current) != previous) {
                  fail("update was given counter " + kind.counter(current) + ", not " + previous);
                }
                return value;
              });
        }
      }
    }
    return n;
  }

  /**
   * Reads in turn with read(), readInto, readIfNewer and tryRead, and checks every result: consistent
   * (the kind's check), holding counter {@code version / 2}, versions even and never decreasing across
   * all four methods, readIfNewer either returning its last version with the destination untouched
   * or a greater version.
   */
  private static <T> void readAndCheck(Race race, SeqLock<T> lock, Kind<T> kind, ReaderCounts counts) {
    MaybeTorn<T> into = MaybeTorn.allocate(kind.codec());
    MaybeTorn<T> polled = MaybeTorn.allocate(kind.codec());
    long lastVersion = 0;
    long lastPolled = SeqLock.NOTHING_SEEN;
    for (long i = 0; race.running(); i++) {
      switch ((int) (i & 3)) {
        case 0 -> {
          long version = 2 * kind.counter(lock.read());
          checkNotBefore(version, lastVersion, "read()");
          lastVersion = advance(counts, lastVersion, version);
          counts.reads++;
        }
        case 1 -> {
          long version = lock.readInto(into);
          checkNotBefore(version, lastVersion, "readInto");
          checkHolds(kind, into, version, "readInto");
          lastVersion = advance(counts, lastVersion, version);
          counts.readIntos++;
        }
        case 2 -> {
          long version = lock.readIfNewer(lastPolled, polled);
          checkNotBefore(version, lastVersion, "readIfNewer");
          if (version == lastPolled) {
            counts.readIfNewerUnchanged++; // the destination must still hold lastPolled's value
          } else if (version < lastPolled) {
            fail("readIfNewer returned " + version + " after " + lastPolled);
          }
          checkHolds(kind, polled, version, "readIfNewer");
          lastPolled = version;
          lastVersion = advance(counts, lastVersion, version);
          counts.readIfNewers++;
        }
        default -> {
          T value = lock.tryRead();
          if (value == null) {
            counts.tryReadFailures++;
          } else {
            long version = 2 * kind.counter(value);
            checkNotBefore(version, lastVersion, "tryRead");
            lastVersion = advance(counts, lastVersion, version);
            counts.tryReads++;
          }
        }
      }
    }
  }

  /** Counts a snapshot newer than the last one; returns the new last version. */
  private static long advance(ReaderCounts counts, long lastVersion, long version) {
    if (version > lastVersion) {
      counts.versionAdvances++;
    }
    return version;
  }

  private static void checkNotBefore(long version, long lastVersion, String method) {
    if ((version & 1) != 0) {
      fail(method + " returned odd version " + version);
    }
    if (version < lastVersion) {
      fail(method + " returned version " + version + " after version " + lastVersion);
    }
  }

  private static <T> void checkHolds(Kind<T> kind, MaybeTorn<T> holder, long version, String method) {
    long counter = kind.counter(holder.assumeUntorn());
    if (counter != version / 2) {
      fail(method + " returned version " + version + " with counter " + counter);
    }
  }

  /** 4 KiB: the longest copy, so the widest window for a write to overlap a read. */
  private static final int BIG_LENGTH = 512;

  /**
   * Beside a writer that publishes one of two pre-encoded 4 KiB values back to back (no encoding
   * between writes: the shortest gap), read() keeps completing: optimistic attempts almost always
   * overlap a write, so the reader must get through the starving-reader path.
   */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void readKeepsCompletingBesideABackToBackWriterOfALargeValue(Variant variant)
      throws InterruptedException {
    ByteCodec<long[]> codec = ByteCodecs.ofLongArray(BIG_LENGTH);
    long[] ones = new long[BIG_LENGTH];
    long[] twos = new long[BIG_LENGTH];
    Arrays.fill(ones, 1);
    Arrays.fill(twos, 2);
    MaybeTorn<long[]> first = MaybeTorn.of(codec, ones);
    MaybeTorn<long[]> second = MaybeTorn.of(codec, twos);
    SeqLock<long[]> lock = variant.of(codec, new long[BIG_LENGTH]);
    Race race = new Race();
    long[] writes = new long[2]; // writes, writes that found a reader announced as starving
    long[] reads = new long[2]; // reads, longest read in nanoseconds
    race.start(
        "writer",
        () -> {
          while (race.running()) {
            if (lock.role.hasStarvingReaders(0)) {
              writes[1]++;
            }
            lock.writeFrom((writes[0]++ & 1) == 0 ? first : second);
          }
        });
    race.start(
        "reader",
        () -> {
          while (race.running()) {
            long start = System.nanoTime();
            long[] value = lock.read();
            reads[1] = Math.max(reads[1], System.nanoTime() - start);
            for (long element : value) {
              if (element != value[0]) {
                fail("torn read: " + element + " beside " + value[0]);
              }
            }
            reads[0]++;
          }
        });

    race.stopAfter(PROGRESS_TIME);

    System.out.printf(
        "progress %s: %d reads (longest %d µs) beside %d writes, %d of which found a starving reader%n",
        variant, reads[0], reads[1] / 1_000, writes[0], writes[1]);
    assertTrue(reads[0] > MIN_READS, () -> "read() completed only " + reads[0] + " times");
    assertTrue(writes[0] > MIN_WRITES, () -> "the writer completed only " + writes[0] + " writes");
  }
}
