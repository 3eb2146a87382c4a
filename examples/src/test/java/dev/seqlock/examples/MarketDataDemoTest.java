package dev.seqlock.examples;

import dev.seqlock.SeqLock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.atomic.ByteImage;
import dev.seqlock.atomic.MaybeTorn;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The demo's pieces: the quote layout, the checks and the allocation-free loops. */
class MarketDataDemoTest {
  @Test
  void quoteOffsetsAreTheRecordCodecsLayout() {
    Quote quote = new Quote(1, 2, 3, 4, 5, 6, 7);
    MaybeTorn<Quote> holder = MaybeTorn.of(Quote.CODEC, quote);
    ByteImage bytes = holder.bytes();

    assertEquals(Quote.BYTES, Quote.CODEC.byteSize());
    assertEquals(1, bytes.getLong(Quote.BID_PRICE));
    assertEquals(2, bytes.getLong(Quote.ASK_PRICE));
    assertEquals(3, bytes.getInt(Quote.BID_SIZE));
    assertEquals(4, bytes.getInt(Quote.ASK_SIZE));
    assertEquals(5, bytes.getLong(Quote.TIMESTAMP));
    assertEquals(6, bytes.getLong(Quote.SEQUENCE));
    assertEquals(7, bytes.getLong(Quote.CHECKSUM));
  }

  @Test
  void checksumCatchesAQuoteMixedFromTwoUpdates() {
    MaybeTorn<Quote> older = MaybeTorn.allocate(Quote.CODEC);
    MaybeTorn<Quote> newer = MaybeTorn.allocate(Quote.CODEC);
    Quote.encode(older.bytes(), 7, 100_00, 100_02, 300, 500, 1_000, 41);
    Quote.encode(newer.bytes(), 7, 100_01, 100_03, 300, 500, 2_000, 42);
    assertTrue(Quote.checksumMatches(older.bytes(), 7));
    assertTrue(Quote.checksumMatches(newer.bytes(), 7));

    older.bytes().putLong(Quote.SEQUENCE, newer.bytes().getLong(Quote.SEQUENCE)); // one word newer
    assertFalse(Quote.checksumMatches(older.bytes(), 7), "a torn quote fails");
    assertFalse(Quote.checksumMatches(newer.bytes(), 8), "another symbol's quote fails");
  }

  @Test
  void decodedQuoteHasTheEncodedFields() {
    MaybeTorn<Quote> holder = MaybeTorn.allocate(Quote.CODEC);
    Quote.encode(holder.bytes(), 3, 100_00, 100_02, 300, 500, 1_000, 41);
    Quote quote = holder.assumeUntorn();
    assertEquals(Quote.checksum(3, 100_00, 100_02, 300, 500, 1_000, 41), quote.checksum());
    assertEquals(41, quote.sequence());
  }

  @ParameterizedTest(name = "{0} ns -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 | 0 ns",
        "4723 | 4,723 ns",
        "16249 | 16.2 us",
        "1467400 | 1.47 ms",
        "12300000 | 12.30 ms",
        "164200000 | 164 ms",
      })
  void latenciesArePrintedInReadableUnits(long nanos, String printed) {
    assertEquals(printed, Demo.nanos(nanos));
  }

  @Test
  void feedAndReaderLoopsAllocateNothing() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(
        threads instanceof com.sun.management.ThreadMXBean hotSpot
            && hotSpot.isThreadAllocatedMemorySupported(),
        "this JVM cannot count the bytes a thread allocates");
    com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
    counter.setThreadAllocatedMemoryEnabled(true);

    QuoteBook book = new SeqLockBook(64);
    AtomicBoolean running = new AtomicBoolean(true);
    MarketDataDemo.Feed feed = new MarketDataDemo.Feed(book, 0, running);
    feed.open();
    MarketDataDemo.QuoteReader reader = new MarketDataDemo.QuoteReader(book, running);
    reader.open();
    for (int i = 0; i < 100_000; i++) { // warm up: until C2 has compiled (and settled) both loops
      feed.publishNext();
      reader.pollRound();
    }
    long before = counter.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 100_000; i++) {
      feed.publishNext();
      reader.pollRound();
    }
    long allocated = counter.getCurrentThreadAllocatedBytes() - before;

    // 100,000 updates and 6,400,000 polls: one allocation per call would be megabytes.
    assertTrue(allocated < 4_096, "allocated " + allocated + " bytes");
    assertEquals(0, reader.torn);
    assertEquals(0, reader.sequenceErrors);
    assertTrue(reader.reads >= 100_000, "every update was read: " + reader.reads);
    assertEquals(100_000, reader.latency.getTotalCount() - 100_000);
  }

  @Test
  void aRepublishedQuoteIsAnErrorUnlessAllowedAndAResumedFeedContinuesTheSequence() {
    for (boolean allowed : new boolean[] {false, true}) {
      QuoteBook book = new SeqLockBook(1);
      AtomicBoolean running = new AtomicBoolean(true);
      MarketDataDemo.Feed feed = new MarketDataDemo.Feed(book, 0, running);
      feed.open();
      MarketDataDemo.QuoteReader reader = new MarketDataDemo.QuoteReader(book, running);
      if (allowed) {
        reader.allowRepublished();
      }
      reader.open();
      MaybeTorn<Quote> last = MaybeTorn.allocate(Quote.CODEC);
      book.newReader().readIfNewer(0, SeqLock.NOTHING_SEEN, last);

      book.publish(0, last); // the same quote under a new version, as a shared file's repair does
      reader.pollRound();
      assertEquals(allowed ? 0 : 1, reader.sequenceErrors);
      assertEquals(allowed ? 1 : 0, reader.republished);

      MarketDataDemo.Feed next = new MarketDataDemo.Feed(book, 0, running);
      next.resume(0, last.bytes()); // a new feed taking over
      next.publishNext();
      reader.pollRound();
      assertEquals(allowed ? 0 : 1, reader.sequenceErrors, "the resumed feed's sequence went on");
      assertEquals(0, reader.conflated);
      assertEquals(0, reader.torn);
    }
  }
}
