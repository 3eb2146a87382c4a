package dev.seqlock.examples;

import dev.seqlock.Backoff;
import dev.seqlock.SeqLockArray;
import dev.seqlock.WriterPause;
import dev.seqlock.atomic.MaybeTorn;

/**
 * The book as one {@link SeqLockArray#singleWriter} slot per symbol whose writer never pauses
 * ({@link WriterPause#NEVER}): readers never write shared memory, and the feed thread never waits for
 * them and writes without atomic read-modify-writes. A reader finds the symbols that changed with one
 * {@link SeqLockArray#changedSlots} scan of the whole book and, for each, makes single attempts
 * with {@link SeqLockArray#tryReadInto}, counting each failed one as a retry; after {@link
 * #ATTEMPTS} failures in a row it lets {@link SeqLockArray#readIfNewer} finish the read, which
 * retries as the array's backoff says, in the gaps between the feed's writes to the symbol (counted
 * as one more retry).
 */
final class SeqLockBook implements QuoteBook {
  /** Single attempts before a reader hands the read to {@code readIfNewer}. */
  static final int ATTEMPTS = 4;

  private final SeqLockArray<Quote> quotes;

  SeqLockBook(int symbols) {
    this.quotes =
        SeqLockArray.singleWriter(Quote.CODEC, symbols, new Quote(0, 0, 0, 0, 0, 0, 0),
            Backoff.defaults(), WriterPause.NEVER);
  }

  @Override
  public String name() {
    return "SeqLockArray";
  }

  @Override
  public String description() {
    return "SeqLockArray.singleWriter (writer never pauses), one slot per symbol";
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
      private long retries;

      @Override
      public long readIfNewer(int symbol, long lastSeen, MaybeTorn<Quote> into) {
        if (quotes.version(symbol) == lastSeen) {
          return lastSeen; // nothing new: into stays untouched
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
          long version = quotes.tryReadInto(symbol, into);
          if (version >= 0) {
            return version; // a consistent snapshot; into may be decoded
          }
          retries++; // a write was in progress or interfered; into may be torn, so read again
          Thread.onSpinWait();
        }
        retries++;
        return quotes.readIfNewer(symbol, lastSeen, into); // retries; the writer never waits
      }

      @Override
      public int changedSymbols(long[] lastSeen, int[] into) {
        return quotes.changedSlots(lastSeen, into); // reads no symbol's own cache line
      }

      @Override
      public long retries() {
        return retries;
      }
    };
  }
}
