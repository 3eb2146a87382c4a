package dev.seqlock.examples;

import dev.seqlock.SeqLock;
import dev.seqlock.atomic.ByteImage;
import dev.seqlock.atomic.MaybeTorn;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * The market-data workload behind {@link Demo}: one feed thread publishes {@link Quote}s into a
 * {@link QuoteBook}, reader threads poll every symbol (one scan of the book where it has one, {@link
 * QuoteBook.Reader#changedSymbols}, else {@link QuoteBook.Reader#readIfNewer} per symbol) and check
 * every quote they read. Neither hot loop allocates: the feed encodes into one reused holder,
 * each reader reads into its own holder through the {@code ByteImage} getters and records latency in
 * its own {@link Histogram}, and the counters the main thread prints once a second are published with
 * {@link AtomicLong#lazySet} (a release store; no fence on x86).
 */
final class MarketDataDemo {
  /** Latencies above this are recorded as this (one minute): keeps the histograms fixed-size. */
  static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private MarketDataDemo() {}

  /**
   * What to run.
   *
   * @param duration how long to run one book
   * @param symbols the number of symbols
   * @param readers the number of reader threads
   * @param rate updates per second in total, or 0 for as fast as the feed thread can publish
   */
  record Settings(Duration duration, int symbols, int readers, long rate) {}

  /**
   * Publish-to-read latency percentiles, in nanoseconds, of the quotes readers read.
   *
   * @param count the number of quotes measured
   * @param p50 the median
   * @param p90 the 90th percentile
   * @param p99 the 99th percentile
   * @param p999 the 99.9th percentile
   * @param max the largest
   */
  record Latency(long count, long p50, long p90, long p99, long p999, long max) {
    static Latency of(Histogram histogram) {
      return new Latency(
          histogram.getTotalCount(),
          histogram.getValueAtPercentile(50),
          histogram.getValueAtPercentile(90),
          histogram.getValueAtPercentile(99),
          histogram.getValueAtPercentile(99.9),
          histogram.getMaxValue());
    }
  }

  /**
   * What one run over one book observed, summed over its reader threads.
   *
   * @param book the book's name
   * @param description how the book is guarded
   * @param nanos how long the feed and the readers ran
   * @param updates quotes the feed published (not counting one opening quote per symbol)
   * @param polls {@code readIfNewer} calls
   * @param reads polls that returned a new quote; every one was checked
   * @param retries read attempts redone because a write was in progress or interfered
   * @param torn quotes whose checksum did not match: mixtures of two updates
   * @param crossed quotes with a bid above the ask
   * @param sequenceErrors quotes whose sequence number was not above the last one read for the symbol
   * @param conflated updates a reader never saw because a newer quote replaced them first
   * @param latency publish-to-read latency of the new quotes read
   * @param writeLatency the feed thread's time per update, from taking the quote's timestamp to the
   *     end of its write into the book (none recorded when the feed ran in another process)
   */
  record BookResult(
      String book,
      String description,
      long nanos,
      long updates,
      long polls,
      long reads,
      long retries,
      long torn,
      long crossed,
      long sequenceErrors,
      long conflated,
      Latency latency,
      Latency writeLatency) {

    /** Polls that found no new quote. */
    long emptyPolls() {
      return polls - reads;
    }

    /** {@code count} per second of this run. */
    long perSecond(long count) {
      return nanos <= 0 ? 0 : Math.round(count * (double) SECOND / nanos);
    }

    /** True if every quote read passed every check. */
    boolean allChecksPassed() {
      return torn == 0 && crossed == 0 && sequenceErrors == 0;
    }
  }

  /**
   * Runs the workload over {@code book} for {@code settings.duration()}, printing a progress line to
   * {@code out} about once a second.
   *
   * @return the counts and latencies observed
   * @throws InterruptedException if interrupted; the threads are stopped first
   * @throws IllegalStateException if the feed or a reader thread failed
   */
  static BookResult run(QuoteBook book, Settings settings, PrintStream out)
      throws InterruptedException {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    Feed feed = new Feed(book, settings.rate(), running);
    feed.open(); // one quote per symbol before any reader starts
    List<QuoteReader> readers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    threads.add(thread("feed", feed, running, failure));
    for (int i = 1; i <= settings.readers(); i++) {
      QuoteReader reader = new QuoteReader(book, running);
      readers.add(reader);
      threads.add(thread("reader-" + i, reader, running, failure));
    }

    long start = System.nanoTime();
    long stop = start;
    try {
      threads.forEach(Thread::start);
      long end = start + settings.duration().toNanos();
      long nextReport = start + SECOND;
      Progress last = new Progress(start, 0, 0, 0, 0, 0);
      while (running.get()) {
        long now = System.nanoTime();
        long wake = Math.min(nextReport, end);
        if (now < wake) {
          TimeUnit.NANOSECONDS.sleep(wake - now);
          continue;
        }
        if (now >= nextReport) {
          Progress current = Progress.sample(now, feed, readers);
          out.println(current.lineSince(last, start));
          last = current;
          nextReport += SECOND;
        }
        if (now >= end) {
          break;
        }
      }
    } finally {
      running.set(false);
      stop = System.nanoTime();
      for (Thread thread : threads) {
        thread.join();
      }
    }
    Throwable failed = failure.get();
    if (failed != null) {
      throw new IllegalStateException("a demo thread failed: " + failed, failed);
    }

    // The threads have ended: join() makes all they wrote visible here.
    return result(book, stop - start, feed.updates, feed.writeLatency, readers);
  }

  /**
   * The totals of {@code readers}, whose threads have ended (their join makes what they wrote
   * visible to the caller), over {@code nanos}, with {@code updates} published in {@code writes}'
   * times (the feed's thread has ended too, or recorded nothing here).
   */
  static BookResult result(
      QuoteBook book, long nanos, long updates, Histogram writes, List<QuoteReader> readers) {
    Histogram latency = new Histogram(MAX_LATENCY_NANOS, 3);
    long polls = 0;
    long reads = 0;
    long retries = 0;
    long torn = 0;
    long crossed = 0;
    long sequenceErrors = 0;
    long conflated = 0;
    for (QuoteReader reader : readers) {
      latency.add(reader.latency);
      polls += reader.polls;
      reads += reader.reads;
      retries += reader.book.retries();
      torn += reader.torn;
      crossed += reader.crossed;
      sequenceErrors += reader.sequenceErrors;
      conflated += reader.conflated;
    }
    return new BookResult(
        book.name(),
        book.description(),
        nanos,
        updates,
        polls,
        reads,
        retries,
        torn,
        crossed,
        sequenceErrors,
        conflated,
        Latency.of(latency),
        Latency.of(writes));
  }

  static Thread thread(
      String name,
      Runnable loop,
      AtomicBoolean running,
      AtomicReference<@Nullable Throwable> failure) {
    Thread thread =
        new Thread(
            () -> {
              try {
                loop.run();
              } catch (Throwable t) { // reported by run() after join
                failure.compareAndSet(null, t);
                running.set(false);
              }
            },
            name);
    thread.setDaemon(true);
    return thread;
  }

  /** Totals the main thread sampled at {@code nanos}. */
  private record Progress(long nanos, long updates, long polls, long reads, long retries, long torn) {
    static Progress sample(long nanos, Feed feed, List<QuoteReader> readers) {
      long polls = 0;
      long reads = 0;
      long retries = 0;
      long torn = 0;
      for (QuoteReader reader : readers) {
        polls += reader.pollsShared.get();
        reads += reader.readsShared.get();
        retries += reader.retriesShared.get();
        torn += reader.tornShared.get();
      }
      return new Progress(nanos, feed.updatesShared.get(), polls, reads, retries, torn);
    }

    String lineSince(Progress last, long start) {
      double seconds = (nanos - last.nanos) / (double) SECOND;
      return String.format(
          Locale.ROOT,
          "  %4.0f s  updates/s %,12d  reads/s %,12d  empty polls/s %,12d  retries %,d  torn %,d",
          (nanos - start) / (double) SECOND,
          Math.round((updates - last.updates) / seconds),
          Math.round((reads - last.reads) / seconds),
          Math.round(((polls - reads) - (last.polls - last.reads)) / seconds),
          retries - last.retries,
          torn);
    }
  }

  /**
   * The feed thread: publishes a random walk of quotes for random symbols, paced to the rate. Only
   * this thread (and, before it starts, {@link #open} on the main thread) writes the book.
   */
  static final class Feed implements Runnable {
    private final QuoteBook book;
    private final long rate;
    private final AtomicBoolean running;
    private final MaybeTorn<Quote> staging = MaybeTorn.allocate(Quote.CODEC);
    private final long[] mid;
    private final long[] sequence;
    private long random = 0x9E3779B97F4A7C15L;
    /** Updates published by {@link #run}; read by the main thread after join. */
    long updates;
    /** Each update's time on this thread (encode and write), recorded by {@link #run}; after join. */
    final Histogram writeLatency = new Histogram(MAX_LATENCY_NANOS, 3);
    /** {@link #updates}, published for the progress line. */
    final AtomicLong updatesShared = new AtomicLong();

    Feed(QuoteBook book, long rate, AtomicBoolean running) {
      this.book = book;
      this.rate = rate;
      this.running = running;
      int symbols = book.symbols();
      mid = new long[symbols];
      sequence = new long[symbols];
      for (int s = 0; s < symbols; s++) {
        mid[s] = 100_00 + (s * 7919L) % 900_00; // prices in cents: 100.00 to 999.99
      }
    }

    /**
     * Continues {@code symbol} from {@code quote}, the last quote a previous feed published for it:
     * the next quote moves from its price and takes the next sequence number (a feed process taking
     * over a file another feed wrote).
     */
    void resume(int symbol, ByteImage quote) {
      sequence[symbol] = quote.getLong(Quote.SEQUENCE);
      mid[symbol] = quote.getLong(Quote.BID_PRICE);
    }

    /** Publishes every symbol's first quote (sequence 1). */
    void open() {
      for (int s = 0; s < mid.length; s++) {
        publish(s, nextRandom());
      }
    }

    @Override
    public void run() {
      double nanosPerUpdate = rate == 0 ? 0 : SECOND / (double) rate;
      long start = System.nanoTime();
      while (running.get()) {
        if (rate != 0 && !waitUntil(start + (long) (updates * nanosPerUpdate))) {
          break;
        }
        publishNext();
      }
    }

    /** Publishes one update of a random symbol and records its time; allocates nothing. */
    void publishNext() {
      long r = nextRandom();
      long stamp = publish((int) (((r >>> 32) * mid.length) >>> 32), r); // uniform in [0, symbols)
      writeLatency.recordValue(Math.max(0, Math.min(System.nanoTime() - stamp, MAX_LATENCY_NANOS)));
      updates++;
      updatesShared.lazySet(updates);
    }

    /** Spins (parks while far from it) until {@code due}; false if stopped meanwhile. */
    private boolean waitUntil(long due) {
      while (true) {
        long left = due - System.nanoTime();
        if (left <= 0) {
          return true;
        }
        if (!running.get()) {
          return false;
        }
        if (left > 200_000) {
          LockSupport.parkNanos(left - 100_000);
        } else {
          Thread.onSpinWait();
        }
      }
    }

    /** Publishes the next quote of {@code symbol}; returns its timestamp, taken before encoding. */
    private long publish(int symbol, long r) {
      long m = Math.max(1_00, mid[symbol] + (r & 3) - 1 - ((r >>> 2) & 1)); // step -2 .. +2 cents
      mid[symbol] = m;
      long ask = m + 1 + ((r >>> 8) & 3); // spread 1 to 4 cents: bid < ask
      int bidSize = 100 * (int) (1 + ((r >>> 16) & 63));
      int askSize = 100 * (int) (1 + ((r >>> 24) & 63));
      long stamp = System.nanoTime();
      Quote.encode(staging.bytes(), symbol, m, ask, bidSize, askSize, stamp, ++sequence[symbol]);
      book.publish(symbol, staging);
      return stamp;
    }

    /** xorshift64*: cheap, allocation-free, good enough to pick symbols and price moves. */
    private long nextRandom() {
      long x = random;
      x ^= x >>> 12;
      x ^= x << 25;
      x ^= x >>> 27;
      random = x;
      return x * 0x2545F4914F6CDD1DL;
    }
  }

  /**
   * A reader thread: polls every symbol, by one scan of the book where the book has one ({@link
   * QuoteBook.Reader#changedSymbols}) or else symbol by symbol with {@code readIfNewer}, and checks
   * every new quote.
   * The counters are this thread's own; the main thread reads them after join, and their
   * {@code *Shared} copies (lazySet once per round) for the progress line.
   */
  static final class QuoteReader implements Runnable {
    final QuoteBook.Reader book;
    private final int symbols;
    private final AtomicBoolean running;
    private final MaybeTorn<Quote> holder = MaybeTorn.allocate(Quote.CODEC);
    private final long[] lastVersion;
    private final long[] lastSequence;
    private final int[] changed;
    final Histogram latency = new Histogram(MAX_LATENCY_NANOS, 3);
    long polls;
    long reads;
    long torn;
    long crossed;
    long sequenceErrors;
    long conflated;
    /** Quotes read again under a new version (see {@link #allowRepublished}); else counted as errors. */
    long republished;
    private boolean republishedAllowed;
    final AtomicLong pollsShared = new AtomicLong();
    final AtomicLong readsShared = new AtomicLong();
    final AtomicLong retriesShared = new AtomicLong();
    final AtomicLong tornShared = new AtomicLong();

    QuoteReader(QuoteBook book, AtomicBoolean running) {
      this.book = book.newReader();
      this.symbols = book.symbols();
      this.running = running;
      this.lastVersion = new long[symbols];
      this.lastSequence = new long[symbols];
      this.changed = new int[symbols];
    }

    /**
     * Accepts a quote whose sequence number equals the last one read for its symbol: a shared file's
     * new writer completes the write a killed one abandoned by publishing the last complete quote
     * again, under a new version. Still an error in a book that never republishes.
     */
    void allowRepublished() {
      republishedAllowed = true;
    }

    @Override
    public void run() {
      open();
      while (running.get()) {
        pollRound();
      }
    }

    /** Reads every symbol's current quote: the starting point; no latency is recorded for it. */
    void open() {
      for (int s = 0; s < symbols; s++) {
        lastVersion[s] = book.readIfNewer(s, SeqLock.NOTHING_SEEN, holder);
        polls++;
        reads++;
        check(s, 0);
      }
      share();
    }

    /** Polls every symbol once; allocates nothing. */
    void pollRound() {
      int count = book.changedSymbols(lastVersion, changed);
      if (count < 0) {
        for (int s = 0; s < symbols; s++) {
          readIfNewer(s);
        }
      } else {
        polls += symbols - count; // the scan polled every symbol; readIfNewer counts the changed
        for (int k = 0; k < count; k++) {
          readIfNewer(changed[k]);
        }
      }
      share();
    }

    /** Polls {@code symbol}: reads and checks its quote if its version changed. */
    private void readIfNewer(int symbol) {
      long seen = lastVersion[symbol];
      long version = book.readIfNewer(symbol, seen, holder);
      polls++;
      if (version != seen) {
        long now = System.nanoTime();
        lastVersion[symbol] = version;
        reads++;
        check(symbol, now);
      }
    }

    /** Checks the quote in the holder; records its latency unless {@code now} is 0. */
    private void check(int symbol, long now) {
      ByteImage quote = holder.bytes();
      if (!Quote.checksumMatches(quote, symbol)) {
        torn++; // a mixture of two updates (or another symbol's quote): its fields mean nothing
        return;
      }
      if (quote.getLong(Quote.BID_PRICE) > quote.getLong(Quote.ASK_PRICE)) {
        crossed++;
      }
      long sequence = quote.getLong(Quote.SEQUENCE);
      long previous = lastSequence[symbol];
      if (sequence == previous && republishedAllowed) {
        republished++;
      } else if (sequence <= previous) {
        sequenceErrors++;
      } else {
        if (now != 0) {
          conflated += sequence - previous - 1;
        }
        lastSequence[symbol] = sequence;
      }
      if (now != 0) {
        long nanos = now - quote.getLong(Quote.TIMESTAMP);
        latency.recordValue(Math.max(0, Math.min(nanos, MAX_LATENCY_NANOS)));
      }
    }

    private void share() {
      pollsShared.lazySet(polls);
      readsShared.lazySet(reads);
      retriesShared.lazySet(book.retries());
      tornShared.lazySet(torn);
    }
  }
}
