package dev.seqlock.examples;

import dev.seqlock.SeqLock;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;

/**
 * The SeqLock snippet shown in README.md. The lines between the snippet markers are copied verbatim
 * into README; {@code QuickStartTest} fails if the two drift apart.
 */
public final class SeqLockQuickStart {
  private SeqLockQuickStart() {}

  /** A top-of-book quote: 32 bytes packed. */
  public record Quote(long bid, long ask, long bidSize, long askSize) {}

  /**
   * Publishes one quote, polls it, then moves its bid in place, as a feed thread and a strategy
   * thread would.
   *
   * @return the quote the poller read
   */
  public static Quote run() {
    // README-SNIPPET-START
    SeqLock<Quote> book =
        SeqLock.singleWriter(ByteCodecs.ofRecord(Quote.class), new Quote(0, 0, 0, 0));

    // Where the fields live in the record's packed layout (in real code: static finals).
    int bidAt = ByteCodecs.offsetOf(book.codec(), "bid"); // 0
    int askAt = ByteCodecs.offsetOf(book.codec(), "ask"); // 8

    // Feed thread (the only writer): no allocation, no atomic read-modify-write.
    book.write(new Quote(100_25, 100_27, 500, 300));

    // Strategy thread: poll without allocating; a snapshot is never torn.
    MaybeTorn<Quote> mine = MaybeTorn.allocate(book.codec());
    long seen = SeqLock.NOTHING_SEEN;
    long version = book.readIfNewer(seen, mine);
    if (version != seen) {
      seen = version;
      long spread = mine.bytes().getLong(askAt) - mine.bytes().getLong(bidAt); // raw fields, or:
      Quote quote = mine.assumeUntorn(); // decode: safe, the snapshot is consistent
      System.out.println(quote + ", spread " + spread + ", version " + seen);
    }

    // Or read only the fields you need, in place (StampedLock style: no copy, no holder).
    long stamp = book.tryOptimisticRead();
    long bid = book.getLong(stamp, bidAt);
    long ask = book.getLong(stamp, askAt);
    if (book.validate(stamp)) { // only now are bid and ask known to come from one quote
      System.out.println("mid " + (bid + ask) / 2);
    }

    // Feed thread again: write only the fields that change, in place (no record, no holder).
    long writing = book.beginWrite();
    try {
      book.putLong(writing, bidAt, 100_26); // the bid moves; ask and sizes keep their values
    } finally {
      book.endWrite(writing); // always: until then readers are told a write is in progress
    }
    // README-SNIPPET-END
    return book.read();
  }

  /**
   * Runs the snippet and prints what it read.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println(run());
  }
}
