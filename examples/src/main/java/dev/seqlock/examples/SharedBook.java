package dev.seqlock.examples;

import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.shared.SharedSeqLockArray;
import org.jspecify.annotations.Nullable;

/**
 * The book as a {@link SharedSeqLockArray} in a memory-mapped file, one slot per symbol: the feed
 * process holds the {@linkplain SharedSeqLockArray.Writer writer}, readers in this or other processes
 * map the file read-only. Readers poll with one {@code changedSlots} scan of the file's packed
 * versions, then {@code readIfNewer} for the symbols that changed: the latched protocol never makes
 * them wait for the feed, even a stopped or dead one. Retries are not counted (the library retries
 * inside {@code readIfNewer}).
 */
final class SharedBook implements QuoteBook {
  private final SharedSeqLockArray<Quote> quotes;
  private final SharedSeqLockArray.@Nullable Writer<Quote> writer;

  private SharedBook(SharedSeqLockArray<Quote> quotes, SharedSeqLockArray.@Nullable Writer<Quote> writer) {
    this.quotes = quotes;
    this.writer = writer;
  }

  /** The feed's book: publishes into the file. */
  static SharedBook writing(SharedSeqLockArray.Writer<Quote> writer) {
    return new SharedBook(writer, writer);
  }

  /** A reader's book: reads the file another process writes; {@link #publish} throws. */
  static SharedBook reading(SharedSeqLockArray<Quote> reader) {
    return new SharedBook(reader, null);
  }

  @Override
  public String name() {
    return "SharedSeqLockArray";
  }

  @Override
  public String description() {
    return "SharedSeqLockArray in a memory-mapped file, one slot per symbol, written by a feed process";
  }

  @Override
  public int symbols() {
    return quotes.length();
  }

  @Override
  public void publish(int symbol, MaybeTorn<Quote> quote) {
    SharedSeqLockArray.Writer<Quote> feed = writer;
    if (feed == null) {
      throw new IllegalStateException("a reader's book does not publish");
    }
    feed.writeFrom(symbol, quote);
  }

  @Override
  public Reader newReader() {
    return new Reader() {
      @Override
      public long readIfNewer(int symbol, long lastSeen, MaybeTorn<Quote> into) {
        return quotes.readIfNewer(symbol, lastSeen, into);
      }

      @Override
      public int changedSymbols(long[] lastSeen, int[] into) {
        return quotes.changedSlots(lastSeen, into);
      }

      @Override
      public long retries() {
        return 0;
      }
    };
  }
}
