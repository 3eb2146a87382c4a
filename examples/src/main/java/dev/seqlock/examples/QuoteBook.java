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
     * The read attempts this reader had to redo because a write was in progress or interfered; read
     * only by the thread that reads.
     *
     * @return the count
     */
    long retries();
  }
}
