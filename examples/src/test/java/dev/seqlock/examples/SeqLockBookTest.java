package dev.seqlock.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.SeqLock;
import dev.seqlock.atomic.MaybeTorn;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The SeqLock book's reader: what it returns and how it counts retries. */
class SeqLockBookTest {
  private static final int SYMBOL = 3;

  @Test
  void aReaderSeesNoRetriesWithoutAWriterAndLeavesTheHolderAloneWhenNothingIsNew() {
    SeqLockBook book = new SeqLockBook(5);
    MaybeTorn<Quote> quote = MaybeTorn.allocate(Quote.CODEC);
    Quote.encode(quote.bytes(), SYMBOL, 100_00, 100_02, 300, 500, 1_000, 1);
    book.publish(SYMBOL, quote);
    QuoteBook.Reader reader = book.newReader();
    MaybeTorn<Quote> into = MaybeTorn.allocate(Quote.CODEC);

    long version = reader.readIfNewer(SYMBOL, SeqLock.NOTHING_SEEN, into);
    Quote.encode(into.bytes(), SYMBOL, 1, 2, 3, 4, 5, 99); // a marker
    long again = reader.readIfNewer(SYMBOL, version, into);

    assertEquals(2, version);
    assertEquals(version, again, "nothing new");
    assertEquals(99, into.assumeUntorn().sequence(), "the holder was left alone");
    assertEquals(0, reader.retries());
  }

  /**
   * A feed thread publishing one symbol back to back makes the reader's single attempts fail now and
   * then: the reader counts them and still returns only consistent quotes.
   */
  @Test
  void aReaderNextToABackToBackWriterCountsFailedAttemptsAndReturnsOnlyConsistentQuotes()
      throws InterruptedException {
    SeqLockBook book = new SeqLockBook(5);
    MaybeTorn<Quote> opening = MaybeTorn.allocate(Quote.CODEC);
    Quote.encode(opening.bytes(), SYMBOL, 100_00, 100_02, 300, 500, 0, 0);
    book.publish(SYMBOL, opening); // the initial all-zero quote has no valid checksum
    AtomicBoolean running = new AtomicBoolean(true);
    Thread feed =
        new Thread(
            () -> {
              MaybeTorn<Quote> next = MaybeTorn.allocate(Quote.CODEC);
              for (long n = 1; running.get(); n++) {
                Quote.encode(next.bytes(), SYMBOL, 100_00 + n, 100_02 + n, 300, 500, n, n);
                book.publish(SYMBOL, next);
              }
            },
            "feed");
    feed.setDaemon(true);
    feed.start();
    QuoteBook.Reader reader = book.newReader();
    MaybeTorn<Quote> into = MaybeTorn.allocate(Quote.CODEC);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    long lastSeen = SeqLock.NOTHING_SEEN;
    long reads = 0;
    try {
      // Until some attempts failed and enough reads were made, or the deadline: a slow machine may
      // take a while to schedule the two threads against each other.
      while ((reader.retries() == 0 || reads < 10_000) && System.nanoTime() - deadline < 0) {
        long version = reader.readIfNewer(SYMBOL, lastSeen, into);
        if (version != lastSeen) {
          reads++;
          assertTrue(version > lastSeen, "versions never go back");
          assertTrue(Quote.checksumMatches(into.bytes(), SYMBOL), "a torn quote was returned");
          lastSeen = version;
        }
      }
    } finally {
      running.set(false);
      feed.join();
    }

    assertTrue(reader.retries() > 0, "no attempt failed in 20 s of a back-to-back writer");
    assertTrue(reads >= 10_000, "reads: " + reads);
  }
}
