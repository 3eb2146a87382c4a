package dev.seqlock.examples;

import dev.seqlock.SeqLockArray;
import dev.seqlock.atomic.MaybeTorn;

/**
 * The book as one {@link SeqLockArray#singleWriter} slot per symbol: readers never write shared
 * memory, and the feed thread writes without atomic read-modify-writes. A reader that finds a write in
 * progress retries inside {@link SeqLockArray#readIfNewer}; the array does not count those retries, so
 * {@link Reader#retries()} is {@code -1}.
 */
final class SeqLockBook implements QuoteBook {
  private final SeqLockArray<Quote> quotes;

  SeqLockBook(int symbols) {
    this.quotes =
        SeqLockArray.singleWriter(Quote.CODEC, symbols, new Quote(0, 0, 0, 0, 0, 0, 0));
  }

  @Override
  public String name() {
    return "SeqLockArray";
  }

  @Override
  public String description() {
    return "SeqLockArray.singleWriter, one slot per symbol";
  }

  @Override
  public int symbols() {
    return quotes.length();
  }

  @Override
  public void publish(int symbol, MaybeTorn<Quote> quote) {
    quotes.writeFrom(symbol, quote);
  }

  @Override
  public Reader newReader() {
    return new Reader() {
      @Override
      public long readIfNewer(int symbol, long lastSeen, MaybeTorn<Quote> into) {
        return quotes.readIfNewer(symbol, lastSeen, into);
      }

      @Override
      public long retries() {
        return -1; // SeqLockArray retries inside readIfNewer and does not say how often
      }
    };
  }
}
