package dev.seqlock.examples;

import dev.seqlock.SeqLock;
import dev.seqlock.SeqLockArray;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import java.util.Arrays;

/**
 * {@link SeqLockArray}: one sequence-locked value per slot, here a top of book per symbol. A feed
 * thread writes symbols while a reader thread polls them all with {@code readIfNewer}, reusing one
 * holder, and sees each symbol's versions only go up.
 */
public final class SeqLockArrayExample {
  private SeqLockArrayExample() {}

  /**
   * A top of book: 24 bytes packed.
   *
   * @param bid the best bid, in cents
   * @param ask the best ask, in cents
   * @param sequence the symbol's update number
   */
  public record Quote(long bid, long ask, long sequence) {}

  /**
   * What the reader saw.
   *
   * @param reads new quotes the reader read
   * @param lastOfSymbol0 the last quote of symbol 0, read after the feed had finished
   * @param versionOfSymbol0 its version
   */
  public record Seen(long reads, Quote lastOfSymbol0, long versionOfSymbol0) {}

  /**
   * Runs a feed thread writing {@code updates} quotes round-robin over 8 symbols and polls them on the
   * calling thread until the feed is done.
   *
   * @param updates how many quotes the feed writes
   * @return what the reader saw
   * @throws InterruptedException if interrupted while waiting for the feed thread
   */
  public static Seen run(int updates) throws InterruptedException {
    int symbols = 8;
    SeqLockArray<Quote> book =
        SeqLockArray.singleWriter(ByteCodecs.ofRecord(Quote.class), symbols, new Quote(0, 0, 0));

    Thread feed =
        new Thread(
            () -> { // the feed: the only writer
              for (int i = 1; i <= updates; i++) {
                int symbol = i % symbols;
                long bid = 100_00L + i % 50;
                book.write(symbol, new Quote(bid, bid + 2, i));
              }
            },
            "feed");
    feed.start();

    MaybeTorn<Quote> mine = MaybeTorn.allocate(book.codec()); // one holder, reused for every read
    long[] seen = new long[symbols];
    Arrays.fill(seen, SeqLock.NOTHING_SEEN);
    long reads = 0;
    while (feed.isAlive()) {
      for (int symbol = 0; symbol < symbols; symbol++) {
        long version = book.readIfNewer(symbol, seen[symbol], mine);
        if (version != seen[symbol]) {
          if (version < seen[symbol]) {
            throw new AssertionError("a version went back");
          }
          seen[symbol] = version;
          reads++;
          // A snapshot is never torn: the raw fields agree with each other.
          if (mine.bytes().getLong(8) - mine.bytes().getLong(0) != 2 && version != 0) {
            throw new AssertionError("torn snapshot: " + mine);
          }
        }
      }
    }
    feed.join();
    long version = book.readInto(0, mine);
    return new Seen(reads, mine.assumeUntorn(), version);
  }

  /**
   * Runs the example and prints what the reader saw.
   *
   * @param args ignored
   * @throws InterruptedException if interrupted while waiting for the feed thread
   */
  public static void main(String[] args) throws InterruptedException {
    Seen seen = run(200_000);
    System.out.printf(
        "reader polled %,d new quotes; symbol 0 is now %s at version %,d%n",
        seen.reads(), seen.lastOfSymbol0(), seen.versionOfSymbol0());
  }
}
