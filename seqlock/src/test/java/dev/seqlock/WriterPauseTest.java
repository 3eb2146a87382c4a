package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The progress policies ({@link WriterPause}) of every variant: a writer pauses for a reader
 * announced as starving only under {@link WriterPause#FOR_STARVING_READERS}, and only under it does a
 * reader that keeps failing announce itself (with {@link WriterPause#NEVER} readers write nothing
 * shared). Whether readers complete beside a back-to-back writer under each policy is {@link
 * ReadWriteStressTest}'s.
 *
 * <p>The one timing comparison is the issue's: with a reader announced, a writer that never pauses
 * takes less than twice its time alone per write (the fastest of a few rounds each), and a pausing
 * writer takes at least half its pause per write; the two are three orders of magnitude apart.
 */
class WriterPauseTest {
  private static final ByteCodec<Long> LONG = ByteCodecs.ofLong();

  /** Writes per timed round; the fastest of ROUNDS rounds counts. */
  private static final int WRITES = 2_000;

  private static final int ROUNDS = 3;

  /** Writes before the rounds, so that all of them run compiled. */
  private static final int WARM_UP_WRITES = 50_000;

  @ParameterizedTest
  @MethodSource("dev.seqlock.Facade#everyFacadeAndVariant")
  void aWriterPausesForAStarvingReaderOnlyIfItsPolicySaysSo(Facade facade, Variant variant) {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    MaybeTorn<Long> value = MaybeTorn.of(LONG, 7L);
    WriterRole role = subject.engine().role;
    int slot = subject.slot();
    for (int i = 0; i < WARM_UP_WRITES; i++) {
      subject.writeFrom(value);
    }
    long alone = fastestNanosPerWrite(subject, value);
    role.starving(slot, 1); // what a reader of the slot that keeps failing does (readIntoAt)
    long beside;
    try {
      beside = fastestNanosPerWrite(subject, value);
    } finally {
      role.starving(slot, -1);
    }

    String times = beside + " ns per write with a reader announced, " + alone + " alone";
    if (variant.writerPauses()) {
      assertTrue(beside >= WriterRole.WRITER_PAUSE_NANOS / 2, "the writer did not pause: " + times);
    } else {
      assertTrue(beside < 2 * Math.max(alone, 1), "the writer paused: " + times);
    }
  }

  private static long fastestNanosPerWrite(Subject<Long> subject, MaybeTorn<Long> value) {
    long fastest = Long.MAX_VALUE;
    for (int round = 0; round < ROUNDS; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < WRITES; i++) {
        subject.writeFrom(value);
      }
      fastest = Math.min(fastest, (System.nanoTime() - start) / WRITES);
    }
    return fastest;
  }

  static Stream<Arguments> singleCopyVariants() {
    return Facade.everyFacadeAndVariantWhere(Variant::singleCopy);
  }

  /**
   * A reader of a single-copy value whose field write the test holds open fails every attempt: it
   * announces itself within a bounded time if its writer pauses for starving readers, and never
   * (while the test watches for 100 ms) if it does not; it completes once the write ends.
   */
  @ParameterizedTest
  @MethodSource("singleCopyVariants")
  void aReaderThatKeepsFailingAnnouncesItselfOnlyToAWriterThatPauses(
      Facade facade, Variant variant) throws InterruptedException {
    Subject<Long> subject = facade.of(variant, LONG, 0L);
    WriterRole role = subject.engine().role;
    int slot = subject.slot();
    long stamp = subject.beginWrite();
    subject.putLong(stamp, 0, 5L);
    long[] read = {-1};
    Thread reader = new Thread(() -> read[0] = subject.read(), "reader of a slot being written");
    reader.setDaemon(true);
    reader.start();
    boolean announced = false;
    long watch = variant.writerPauses()
        ? TimeUnit.SECONDS.toNanos(30)
        : TimeUnit.MILLISECONDS.toNanos(100);
    for (long start = System.nanoTime(); !announced && System.nanoTime() - start < watch; ) {
      announced = role.hasStarvingReaders(slot);
      Thread.onSpinWait();
    }
    subject.endWrite(stamp);
    reader.join(TimeUnit.SECONDS.toMillis(30));

    assertFalse(reader.isAlive(), "the read did not complete after the write ended");
    assertEquals(5L, read[0]);
    assertEquals(variant.writerPauses(), announced,
        variant + ": a reader that keeps failing " + (announced ? "announced" : "did not announce")
            + " itself");
    assertFalse(role.hasStarvingReaders(slot), "the reader withdrew its announcement");
  }
}
