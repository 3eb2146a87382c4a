package dev.seqlock.examples;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.examples.Demo.Outcome;
import dev.seqlock.examples.MarketDataDemo.BookResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The market-data demo, run for real for a second or two per book. */
class DemoTest {
  /** Output and outcome of one {@link Demo#execute} call. */
  private record Run(Outcome outcome, String out, String err) {}

  static Run demo(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Outcome outcome;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      outcome = Demo.execute(args, o, e);
    }
    return new Run(
        outcome, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void assertCleanRun(BookResult result) {
    assertAll(
        result.book(),
        () -> assertEquals(0, result.torn(), "torn quotes: " + result),
        () -> assertEquals(0, result.crossed(), "crossed quotes: " + result),
        () -> assertEquals(0, result.sequenceErrors(), "sequence going back: " + result),
        () -> assertTrue(result.updates() > 1_000, "the feed published: " + result),
        () -> assertTrue(result.reads() > 1_000, "the readers read new quotes: " + result),
        () -> assertTrue(result.latency().count() > 0, "latency was recorded: " + result),
        () -> assertTrue(result.latency().p50() <= result.latency().max(), "percentiles: " + result),
        () -> assertEquals(result.updates(), result.writeLatency().count(),
            "every update's write time was recorded: " + result));
  }

  @Test
  void seqLockBookRunsForTwoSecondsWithoutATornQuote() {
    Run run = demo("--seconds", "2", "--symbols", "200");

    assertEquals(Demo.OK, run.outcome().exitCode(), run.err());
    List<BookResult> results = run.outcome().results();
    assertEquals(1, results.size());
    assertEquals("SeqLockArray", results.get(0).book());
    assertCleanRun(results.get(0));
    assertTrue(results.get(0).retries() >= 0, "SeqLockArray counts failed attempts");
    assertTrue(run.out().contains("torn quotes: 0"), run.out());
    assertTrue(run.out().contains("p99.9"), run.out());
    assertTrue(run.out().lines().anyMatch(line -> line.contains("updates/s")), run.out());
  }

  @Test
  void compareRunsTheLockBooksWithMoreReadersThanSpareProcessors() {
    Run run = demo("--compare", "--seconds", "1", "--symbols", "100", "--readers", "2");

    assertEquals(Demo.OK, run.outcome().exitCode(), run.err());
    List<BookResult> results = run.outcome().results();
    assertEquals(
        List.of("SeqLockArray", "StampedLock", "ReentrantReadWriteLock"),
        results.stream().map(BookResult::book).toList());
    results.forEach(DemoTest::assertCleanRun);
    assertTrue(results.get(1).retries() >= 0, "StampedLock counts its fallbacks");
    assertEquals(0, results.get(2).retries(), "a read-locked read is never redone");
    assertTrue(run.out().contains("Side by side"), run.out());
  }

  @Test
  void checksSeeTornQuotesInAnUnguardedBook() throws InterruptedException {
    MarketDataDemo.Settings settings =
        new MarketDataDemo.Settings(Duration.ofSeconds(1), 1, 1, 0); // one symbol, full speed
    ByteArrayOutputStream ignored = new ByteArrayOutputStream();
    BookResult result;
    // Up to ten one-second runs: on a loaded 2-core machine the reader may be descheduled for most
    // of one run and read too few quotes to meet a torn one. One torn quote in any run is the proof.
    int runs = 0;
    try (PrintStream out = new PrintStream(ignored, true, StandardCharsets.UTF_8)) {
      do {
        result = MarketDataDemo.run(new UnguardedBook(1), settings, out);
        runs++;
      } while (result.torn() == 0 && runs < 10);
    }

    assertTrue(
        result.torn() > 0,
        "the checksum catches quotes mixed from two updates (" + runs + " runs): " + result);
    assertFalse(result.allChecksPassed());
  }

  @Test
  void rateZeroPublishesAsFastAsPossible() {
    Run run = demo("--seconds", "1", "--symbols", "50", "--rate", "0");

    assertEquals(Demo.OK, run.outcome().exitCode(), run.err());
    assertCleanRun(run.outcome().results().get(0));
    assertTrue(run.out().contains("at full speed"), run.out());
  }
}
