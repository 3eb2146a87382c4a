package dev.seqlock.examples;

import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.examples.MarketDataDemo.BookResult;
import dev.seqlock.examples.MarketDataDemo.Feed;
import dev.seqlock.examples.MarketDataDemo.QuoteReader;
import dev.seqlock.examples.MarketDataDemo.Settings;
import dev.seqlock.shared.SharedSeqLockArray;
import dev.seqlock.shared.WriterState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * The market-data demo across processes: {@code --processes} runs a feed in a child JVM that writes
 * a {@link SharedSeqLockArray} of quotes while reader threads of this JVM check every quote; midway
 * it kills the feed with SIGKILL, shows the quotes still readable and the writer {@code NONE}, starts
 * a new feed process that takes the file over, and ends with the usual summary. {@code feed --file F}
 * and {@code read --file F} run the two sides by hand, in two terminals.
 *
 * <p>Publish-to-read latency compares the feed's {@code System.nanoTime()} with the reader's, which
 * on Linux is the same clock (CLOCK_MONOTONIC) in every process of the machine.
 */
final class ProcessDemo {
  private ProcessDemo() {}

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  /** How long to wait for a feed process to start or stop. */
  private static final long PATIENCE_SECONDS = 60;

  // ---- --processes ----

  /**
   * Runs {@code settings}' workload with the feed in child processes, killing the first midway.
   *
   * @return what the readers observed, the updates being both feeds' reported counts
   */
  static BookResult run(Settings settings, PrintStream out) throws IOException, InterruptedException {
    Path shm = Path.of("/dev/shm");
    Path directory = Files.isDirectory(shm)
        ? Files.createTempDirectory(shm, "seqlock-demo-")
        : Files.createTempDirectory("seqlock-demo-");
    Path file = directory.resolve("book.seqlock");
    List<FeedProcess> feeds = new ArrayList<>();
    try {
      FeedProcess first = FeedProcess.start(file, settings);
      feeds.add(first);
      out.printf(Locale.ROOT, "feed process %d writes %s%n", first.pid(), file);
      try (SharedSeqLockArray<Quote> shared = SharedSeqLockArray.openReader(file, Quote.CODEC)) {
        Readers readers = new Readers(SharedBook.reading(shared), settings.readers());
        long start = System.nanoTime();
        readers.start();
        try {
          long half = settings.duration().toNanos() / 2;
          readers.report(start, start + half, shared, out);

          first.kill();
          WriterState state = awaitWriterState(shared, WriterState.NONE);
          int readable = readableQuotes(shared);
          out.printf(Locale.ROOT, "feed process %d killed (SIGKILL) mid-stream: writer %s; %,d of %,d"
              + " quotes readable at their last version; the readers go on%n",
              first.pid(), state, readable, shared.length());
          long resumed = System.nanoTime() + SECOND;
          readers.report(start, resumed, shared, out);

          FeedProcess second = FeedProcess.start(file, settings);
          feeds.add(second);
          out.printf(Locale.ROOT, "feed process %d took the file over: writer %s; it completed what"
              + " the killed feed left half-written, and versions continue%n",
              second.pid(), shared.writerState());
          readers.report(start, start + settings.duration().toNanos() + SECOND, shared, out);
          long stop = readers.stop();
          long updates = first.updates() + second.stop();
          return readers.result(SharedBook.reading(shared), stop - start, updates);
        } finally {
          readers.halt(); // on a failure too: no reader thread outlives the run
        }
      }
    } finally {
      for (FeedProcess feed : feeds) {
        feed.kill();
      }
      try (Stream<Path> paths = Files.walk(directory)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  private static WriterState awaitWriterState(SharedSeqLockArray<?> shared, WriterState state)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
    WriterState now;
    while ((now = shared.writerState()) != state && System.nanoTime() - deadline < 0) {
      Thread.sleep(1);
    }
    return now;
  }

  /** How many symbols' quotes read whole (checksum matching) right now. */
  private static int readableQuotes(SharedSeqLockArray<Quote> shared) {
    MaybeTorn<Quote> holder = MaybeTorn.allocate(Quote.CODEC);
    int readable = 0;
    for (int s = 0; s < shared.length(); s++) {
      shared.readInto(s, holder);
      if (Quote.checksumMatches(holder.bytes(), s)) {
        readable++;
      }
    }
    return readable;
  }

  /** A feed child process: {@code Demo feed --file F}, its output pumped into lines. */
  private static final class FeedProcess {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final AtomicLong updates = new AtomicLong();

    private FeedProcess(Process process) {
      this.process = process;
      Thread pump = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("updates ")) {
              updates.set(Long.parseLong(line.substring("updates ".length())));
            }
            lines.add(line);
          }
        } catch (IOException | NumberFormatException e) {
          // the process is gone, or said something else: its last count stands
        }
      }, "feed " + process.pid() + " output");
      pump.setDaemon(true);
      pump.start();
    }

    /** Starts a feed process for {@code file} and waits until it holds the writer role. */
    static FeedProcess start(Path file, Settings settings) throws IOException, InterruptedException {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      ProcessBuilder builder = new ProcessBuilder(
          java.toString(), "-cp", System.getProperty("java.class.path"), Demo.class.getName(),
          "feed", "--file", file.toString(), "--symbols", Integer.toString(settings.symbols()),
          "--rate", Long.toString(settings.rate()));
      builder.redirectError(ProcessBuilder.Redirect.INHERIT);
      FeedProcess feed = new FeedProcess(builder.start());
      String line = feed.lines.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
      if (!"ready".equals(line)) {
        feed.kill();
        throw new IllegalStateException("the feed process did not start: " + line);
      }
      return feed;
    }

    long pid() {
      return process.pid();
    }

    /** Its last reported count of updates. */
    long updates() {
      return updates.get();
    }

    /** Asks the feed to stop (its standard input ends) and returns its final count. */
    long stop() throws IOException, InterruptedException {
      process.getOutputStream().close();
      if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
        kill();
      }
      Thread.sleep(50); // the pump's last line
      return updates();
    }

    /** SIGKILL, then waits until the process is gone (so the OS released its lock). */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }
  }

  /** The reader threads over one book, their progress lines and their result. */
  private static final class Readers {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    private final List<QuoteReader> readers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private long lastNanos;
    private long lastReads;
    private long lastPolls;

    Readers(QuoteBook book, int count) {
      for (int i = 1; i <= count; i++) {
        QuoteReader reader = new QuoteReader(book, running);
        reader.allowRepublished(); // a new feed republishes what the killed one left half-written
        readers.add(reader);
        threads.add(MarketDataDemo.thread("reader-" + i, reader, running, failure));
      }
    }

    void start() {
      lastNanos = System.nanoTime();
      threads.forEach(Thread::start);
    }

    /** Prints a progress line a second until {@code until}. */
    void report(long start, long until, SharedSeqLockArray<?> shared, PrintStream out)
        throws InterruptedException {
      while (running.get()) {
        long now = System.nanoTime();
        if (now - until >= 0) {
          return;
        }
        TimeUnit.NANOSECONDS.sleep(Math.min(SECOND, until - now));
        long nanos = System.nanoTime();
        long reads = 0;
        long polls = 0;
        long torn = 0;
        for (QuoteReader reader : readers) {
          reads += reader.readsShared.get();
          polls += reader.pollsShared.get();
          torn += reader.tornShared.get();
        }
        double seconds = (nanos - lastNanos) / (double) SECOND;
        out.printf(Locale.ROOT, "  %5.1f s  reads/s %,12d  empty polls/s %,12d  torn %,d  writer %s%n",
            (nanos - start) / (double) SECOND,
            Math.round((reads - lastReads) / seconds),
            Math.round(((polls - reads) - (lastPolls - lastReads)) / seconds),
            torn,
            shared.writerState());
        lastNanos = nanos;
        lastReads = reads;
        lastPolls = polls;
      }
      Throwable failed = failure.get();
      if (failed != null) {
        throw new IllegalStateException("a reader failed: " + failed, failed);
      }
    }

    /** Stops the readers and returns when they stopped. */
    long stop() throws InterruptedException {
      running.set(false);
      long stop = System.nanoTime();
      for (Thread thread : threads) {
        thread.join();
      }
      Throwable failed = failure.get();
      if (failed != null) {
        throw new IllegalStateException("a reader failed: " + failed, failed);
      }
      return stop;
    }

    /** Stops the readers, whatever happened, and waits for them (bounded); no report. */
    void halt() throws InterruptedException {
      running.set(false);
      for (Thread thread : threads) {
        thread.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
      }
    }

    /** The readers' totals, after {@link #stop}. */
    BookResult result(QuoteBook book, long nanos, long updates) {
      // the feed's write times stay in its process: none here
      return MarketDataDemo.result(book, nanos, updates,
          new Histogram(MarketDataDemo.MAX_LATENCY_NANOS, 3), readers);
    }
  }

  // ---- feed --file F ----

  /**
   * The feed side: opens {@code file} for writing (creating it with {@code symbols} slots if
   * missing, taking it over otherwise), prints {@code ready}, publishes at {@code rate} until its
   * standard input ends or {@code seconds} pass (0: until killed), printing {@code updates N} once a
   * second and at the end.
   */
  static void feed(Path file, int symbols, long rate, int seconds, InputStream in, PrintStream out)
      throws IOException, InterruptedException {
    try (SharedSeqLockArray.Writer<Quote> writer = SharedSeqLockArray.Writer.openWriter(
        file, Quote.CODEC, symbols, new Quote(0, 0, 0, 0, 0, 0, 0))) {
      AtomicBoolean running = new AtomicBoolean(true);
      Feed feed = new Feed(SharedBook.writing(writer), rate, running);
      MaybeTorn<Quote> last = MaybeTorn.allocate(Quote.CODEC);
      boolean fresh = true;
      for (int s = 0; s < symbols; s++) {
        writer.readInto(s, last);
        if (last.bytes().getLong(Quote.SEQUENCE) != 0) {
          feed.resume(s, last.bytes()); // a previous feed's quote: continue from it
          fresh = false;
        }
      }
      if (fresh) {
        feed.open(); // one quote per symbol before readers look
      }
      Thread stdin = new Thread(() -> {
        try {
          while (in.read() >= 0) {
            // nothing is sent; wait for the end
          }
        } catch (IOException e) {
          // the same as the end
        }
        running.set(false);
      }, "stdin watcher");
      stdin.setDaemon(true);
      stdin.start();
      AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
      Thread thread = MarketDataDemo.thread("feed", feed, running, failure);
      thread.start();
      say(out, "ready");
      long end = seconds == 0 ? Long.MAX_VALUE : System.nanoTime() + seconds * SECOND;
      while (running.get() && System.nanoTime() - end < 0) {
        TimeUnit.MILLISECONDS.sleep(Math.min(1_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        say(out, "updates " + feed.updatesShared.get());
      }
      running.set(false);
      thread.join();
      say(out, "updates " + feed.updates);
      Throwable failed = failure.get();
      if (failed != null) {
        throw new IllegalStateException("the feed failed: " + failed, failed);
      }
    }
  }

  private static void say(PrintStream out, String line) {
    out.println(line);
    out.flush();
  }

  // ---- read --file F ----

  /** The reader side: reads {@code file} for {@code seconds} with {@code count} reader threads. */
  static BookResult read(Path file, int seconds, int count, PrintStream out)
      throws IOException, InterruptedException {
    try (SharedSeqLockArray<Quote> shared = SharedSeqLockArray.openReader(file, Quote.CODEC)) {
      out.printf(Locale.ROOT, "reading %,d symbols of %s; writer %s%n",
          shared.length(), file, shared.writerState());
      Readers readers = new Readers(SharedBook.reading(shared), count);
      long start = System.nanoTime();
      readers.start();
      try {
        readers.report(start, start + seconds * SECOND, shared, out);
        long stop = readers.stop();
        return readers.result(SharedBook.reading(shared), stop - start, 0);
      } finally {
        readers.halt(); // on a failure too: no reader thread outlives the run
      }
    }
  }
}
