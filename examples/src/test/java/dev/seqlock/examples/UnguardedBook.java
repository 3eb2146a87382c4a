package dev.seqlock.examples;

import dev.seqlock.atomic.ByteImage;
import dev.seqlock.atomic.MaybeTorn;

/**
 * Negative control: a book with no synchronisation at all, so readers copy quotes while the feed
 * overwrites them. The demo's checks must see torn quotes here, or they could not see them anywhere.
 */
final class UnguardedBook implements QuoteBook {
  private final ByteImage[] quotes;
  private final long[] versions;

  UnguardedBook(int symbols) {
    quotes = new ByteImage[symbols];
    versions = new long[symbols];
    for (int i = 0; i < symbols; i++) {
      quotes[i] = ByteImage.allocate(Quote.BYTES);
    }
  }

  @Override
  public String name() {
    return "unguarded";
  }

  @Override
  public String description() {
    return "no synchronisation (negative control)";
  }

  @Override
  public int symbols() {
    return quotes.length;
  }

  @Override
  public void publish(int symbol, MaybeTorn<Quote> quote) {
    versions[symbol] += 2; // racy on purpose
    quotes[symbol].copyFrom(quote.bytes()); // racy on purpose
  }

  @Override
  public Reader newReader() {
    return new Reader() {
      @Override
      public long readIfNewer(int symbol, long lastSeen, MaybeTorn<Quote> into) {
        long version = versions[symbol]; // racy on purpose
        if (version != lastSeen) {
          into.bytes().copyFrom(quotes[symbol]); // racy on purpose: may mix two quotes
        }
        return version;
      }

      @Override
      public long retries() {
        return 0; // never redoes a read: that is the bug
      }
    };
  }
}
