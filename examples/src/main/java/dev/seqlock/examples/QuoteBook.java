package dev.seqlock.examples;

import dev.seqlock.SeqLock;
import dev.seqlock.atomic.MaybeTorn;

/**
 * A book of the latest {@link Quote} per symbol, written by one feed thread and polled by reader
 * threads: the one interface the market-data demo runs over, so that {@code --compare} can run the
 * same workload over {@link SeqLockBook}, {@link StampedLockBook} and {@link ReadWriteLockBook}.
 *
 * <p>Every symbol has a version, as a {@link dev.seqlock.SeqLockArray} slot does: 0 for the initial
 * (all-zero) quote, then 2 more per {@link #publish}.
 */
interface QuoteBook {
  /**
   * A short name for tables.
   *
   * @return the name
   */
  String name();

  /**
   * One line on how the book is guarded.
   *
   * @return the description
   */
  String description();

  /**
   * The number of symbols, {@code 0 .. symbols() - 1}.
   *
   * @return the number of symbols
   */
  int symbols();

  /**
   * Publishes {@code quote} as {@code symbol}'s latest. Only the feed thread calls this (one writer).
   *
   * @param symbol the symbol
   * @param quote the bytes of the quote; the caller may reuse the holder when this returns
   */
  void publish(int symbol, MaybeTorn<Quote> quote);

  /**
   * A handle for one reader thread; not thread-safe.
   *
   * @return a new reader
   */
  Reader newReader();

  /** One reader thread's access to the book. */
  interface Reader {
    /**
     * If {@code symbol}'s version differs from {@code lastSeen}, copies a consistent quote into
     * {@code into} and returns its version; otherwise returns {@code lastSeen}, leaving {@code into}
     * alone. Allocates nothing in steady state.
     *
     * @param symbol the symbol
     * @param lastSeen the version this reader saw last, or {@link SeqLock#NOTHING_SEEN}
     * @param into the holder to fill
     * @return the version now in {@code into}
     */
    long readIfNewer(int symbol, long lastSeen, MaybeTorn<Quote> into);

    /**
     * For a poll of every symbol at once: writes into {@code into} (one element per symbol) the
     * symbols whose version differs from {@code lastSeen[symbol]}, in order, and returns how many, or
     * returns -1 if this book has no such scan, and the caller polls each symbol with {@link
     * #readIfNewer} instead. Allocates nothing.
     *
     * @param lastSeen per symbol, the version this reader saw last
     * @param into where to write the symbols that changed; as long as {@code lastSeen}
     * @return how many symbols changed, or -1
     */
    default int changedSymbols(long[] lastSeen, int[] into) {
      return -1; // a lock per symbol: nothing to scan but the symbols themselves
    }

    /**
     * The read attempts this reader had to redo because a write was in progress or interfered; read
     * only by the thread that reads.
     *
     * @return the count
     */
    long retries();
  }
}
