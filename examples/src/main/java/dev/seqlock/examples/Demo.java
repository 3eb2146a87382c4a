package dev.seqlock.examples;

import dev.seqlock.examples.MarketDataDemo.BookResult;
import dev.seqlock.examples.MarketDataDemo.Latency;
import dev.seqlock.examples.MarketDataDemo.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The market-data demo that README's Quick start runs ({@code java -jar
 * examples/target/seqlock-examples.jar}): a feed thread publishes quotes for many symbols into a
 * {@link dev.seqlock.SeqLockArray}, reader threads poll them (a {@code changedSlots} scan, then
 * {@code readIfNewer} for the symbols that changed) and check every quote; {@code --compare} runs
 * the same workload over a {@code StampedLock} and a
 * {@code ReentrantReadWriteLock} book as well. {@code --help} lists the options.
 *
 * <p>Exit codes: 0 when every quote read passed every check, 1 when one did not (a torn quote, a bid
 * above the ask, a sequence number going back), 2 for a bad command line.
 */
public final class Demo {
  /** Exit code: every check passed, or help was printed. */
  static final int OK = 0;
  /** Exit code: a quote failed a check. */
  static final int CHECK_FAILED = 1;
  /** Exit code: the command line was not understood. */
  static final int USAGE = 2;

  static final int MAX_SECONDS = 86_400;
  static final int MAX_SYMBOLS = 100_000;
  static final int MAX_READERS = 256;
  static final long MAX_RATE = 1_000_000_000;

  private Demo() {}

  /**
   * The command line. picocli writes the fields reflectively; each starts at its default, so none is
   * ever null.
   */
  @Command(
      name = "java -jar examples/target/seqlock-examples.jar",
      sortOptions = false,
      sortSynopsis = false,
      usageHelpAutoWidth = true,
      description = {
        "Market-data demo of dev.seqlock: one feed thread publishes quotes (bid/ask price and size,"
            + " exchange timestamp, per-symbol sequence number, checksum) into a"
            + " SeqLockArray.singleWriter book whose writer never pauses; reader threads poll every"
            + " symbol (one changedSlots scan, then readIfNewer for the symbols that changed; the"
            + " lock books of --compare: readIfNewer per symbol) and check every quote they read."
            + " Prints progress once a second, then a summary with"
            + " publish-to-read latency percentiles.",
        ""
      })
  static final class Options implements CheckedOptions {
    @Option(
        names = "--seconds",
        paramLabel = "N",
        description = "How long to run, per book (default: ${DEFAULT-VALUE}).")
    int seconds = 10;

    @Option(
        names = "--symbols",
        paramLabel = "N",
        description = "Number of symbols in the book (default: ${DEFAULT-VALUE}).")
    int symbols = 1_000;

    @Option(
        names = "--readers",
        paramLabel = "N",
        description =
            "Number of reader threads (default: processors - 1, at least 1; here ${DEFAULT-VALUE}).")
    int readers = defaultReaders();

    @Option(
        names = "--rate",
        paramLabel = "N",
        description =
            "Updates per second published by the feed thread, over all symbols; 0 = as fast as"
                + " possible (default: ${DEFAULT-VALUE}).")
    long rate = 1_000_000;

    @Option(
        names = "--compare",
        description =
            "Run the same workload over a StampedLock book (optimistic read, falling back to the"
                + " read lock) and a ReentrantReadWriteLock book too, one after the other, and"
                + " print the three side by side.")
    boolean compare;

    @Option(
        names = "--processes",
        description =
            "Run the feed in a child process that writes a SharedSeqLockArray in a memory-mapped"
                + " file, read by this process; midway, kill the feed (SIGKILL), show the quotes"
                + " still readable, and start a new feed process that takes the file over. For two"
                + " terminals instead: 'feed --file F' and 'read --file F' (each with --help).")
    boolean processes;

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Print this help and exit.")
    boolean help;

    @Override
    public boolean helpRequested() {
      return help;
    }

    @Override
    public @Nullable String problem() {
      if (seconds < 1 || seconds > MAX_SECONDS) {
        return outOfRange("--seconds", seconds, 1, MAX_SECONDS);
      }
      if (symbols < 1 || symbols > MAX_SYMBOLS) {
        return outOfRange("--symbols", symbols, 1, MAX_SYMBOLS);
      }
      if (readers < 1 || readers > MAX_READERS) {
        return outOfRange("--readers", readers, 1, MAX_READERS);
      }
      if (rate < 0 || rate > MAX_RATE) {
        return outOfRange("--rate", rate, 0, MAX_RATE);
      }
      return null;
    }

    Settings settings() {
      return new Settings(Duration.ofSeconds(seconds), symbols, readers, rate);
    }

    static String outOfRange(String option, long value, long min, long max) {
      return String.format(
          Locale.ROOT,
          "Invalid value for option '%s': %d is out of range; it must be from %,d to %,d.",
          option,
          value,
          min,
          max);
    }
  }

  /** {@code feed --file F}: the feed side of a shared file, for two terminals. */
  @Command(
      name = "java -jar examples/target/seqlock-examples.jar feed",
      sortOptions = false,
      description = {
        "Publishes quotes into a SharedSeqLockArray in a memory-mapped file, creating it if missing"
            + " or taking over from the feed that wrote it last, until killed (or --seconds pass)."
            + " Prints 'ready', then 'updates N' once a second.",
        ""
      })
  static final class FeedOptions implements CheckedOptions {
    @Option(names = "--file", paramLabel = "F", required = true, description = "The file.")
    String file = "";

    @Option(names = "--symbols", paramLabel = "N",
        description = "Number of symbols of a new file (default: ${DEFAULT-VALUE}).")
    int symbols = 1_000;

    @Option(names = "--rate", paramLabel = "N",
        description = "Updates per second; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    long rate = 1_000_000;

    @Option(names = "--seconds", paramLabel = "N",
        description = "How long to run; 0 = until killed (default: ${DEFAULT-VALUE}).")
    int seconds = 0;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;

    @Override
    public boolean helpRequested() {
      return help;
    }

    @Override
    public @Nullable String problem() {
      if (symbols < 1 || symbols > MAX_SYMBOLS) {
        return Options.outOfRange("--symbols", symbols, 1, MAX_SYMBOLS);
      }
      if (rate < 0 || rate > MAX_RATE) {
        return Options.outOfRange("--rate", rate, 0, MAX_RATE);
      }
      if (seconds < 0 || seconds > MAX_SECONDS) {
        return Options.outOfRange("--seconds", seconds, 0, MAX_SECONDS);
      }
      return null;
    }
  }

  /** {@code read --file F}: the reader side of a shared file, for two terminals. */
  @Command(
      name = "java -jar examples/target/seqlock-examples.jar read",
      sortOptions = false,
      description = {
        "Reads and checks every quote of a SharedSeqLockArray file that a feed process writes,"
            + " then prints the summary with publish-to-read latency percentiles.",
        ""
      })
  static final class ReadOptions implements CheckedOptions {
    @Option(names = "--file", paramLabel = "F", required = true, description = "The file.")
    String file = "";

    @Option(names = "--seconds", paramLabel = "N",
        description = "How long to read (default: ${DEFAULT-VALUE}).")
    int seconds = 10;

    @Option(names = "--readers", paramLabel = "N",
        description = "Number of reader threads (default: ${DEFAULT-VALUE}).")
    int readers = defaultReaders();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;

    @Override
    public boolean helpRequested() {
      return help;
    }

    @Override
    public @Nullable String problem() {
      if (seconds < 1 || seconds > MAX_SECONDS) {
        return Options.outOfRange("--seconds", seconds, 1, MAX_SECONDS);
      }
      if (readers < 1 || readers > MAX_READERS) {
        return Options.outOfRange("--readers", readers, 1, MAX_READERS);
      }
      return null;
    }
  }

  /** One reader thread per processor left after the feed thread's, at least one. */
  static int defaultReaders() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
  }

  /**
   * What a run did: its exit code and, unless the command line was bad or asked for help, one result
   * per book run.
   *
   * @param exitCode {@link #OK}, {@link #CHECK_FAILED} or {@link #USAGE}
   * @param results the books' results, in the order they ran
   */
  record Outcome(int exitCode, List<BookResult> results) {}

  /**
   * Runs the demo with the command line {@code args} and exits with {@link #run}'s exit code.
   *
   * @param args the command line; {@code --help} lists it
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the demo with the command line {@code args}.
   *
   * @param args the command line
   * @param out where the help, the progress and the summary go
   * @param err where errors go
   * @return the exit code: {@link #OK}, {@link #CHECK_FAILED} or {@link #USAGE}
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return execute(args, out, err).exitCode();
  }

  /**
   * Runs the demo with the command line {@code args} and returns what it observed.
   *
   * @param args the command line
   * @param out where the help, the progress and the summary go
   * @param err where errors go
   * @return the exit code and the results
   */
  static Outcome execute(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 0 && args[0].equals("feed")) {
      return feed(Arrays.copyOfRange(args, 1, args.length), out, err);
    }
    if (args.length > 0 && args[0].equals("read")) {
      return read(Arrays.copyOfRange(args, 1, args.length), out, err);
    }
    Options options = new Options();
    Outcome stop = parse(options, args, out, err);
    if (stop != null) {
      return stop;
    }

    Settings settings = options.settings();
    if (options.processes) {
      return processes(settings, out, err);
    }
    List<IntFunction<QuoteBook>> books = new ArrayList<>();
    books.add(SeqLockBook::new);
    if (options.compare) {
      books.add(StampedLockBook::new);
      books.add(ReadWriteLockBook::new);
    }
    printHeader(settings, options.compare, out);
    List<BookResult> results = new ArrayList<>();
    try {
      for (IntFunction<QuoteBook> factory : books) {
        QuoteBook book = factory.apply(settings.symbols());
        out.printf(Locale.ROOT, "%n%s: %s%n", book.name(), book.description());
        BookResult result = MarketDataDemo.run(book, settings, out);
        printSummary(result, out);
        results.add(result);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("Interrupted.");
      return new Outcome(CHECK_FAILED, List.copyOf(results));
    }
    if (results.size() > 1) {
      printComparison(results, out);
    }
    boolean passed = results.stream().allMatch(BookResult::allChecksPassed);
    out.flush();
    if (!passed) {
      err.println("FAILED: a quote failed a check (torn, crossed, or its sequence number went back).");
    }
    return new Outcome(passed ? OK : CHECK_FAILED, List.copyOf(results));
  }

  /** {@code --processes}: the feed in child processes, killed and replaced midway. */
  private static Outcome processes(Settings settings, PrintStream out, PrintStream err) {
    out.printf(
        Locale.ROOT,
        "Market-data demo across processes: a feed process publishes 48-byte quotes for %,d symbols"
            + " at %s%ninto a SharedSeqLockArray file; %d reader thread(s) here poll and check every"
            + " quote. %d s; %d processors.%n",
        settings.symbols(),
        settings.rate() == 0
            ? "full speed"
            : String.format(Locale.ROOT, "%,d updates/s", settings.rate()),
        settings.readers(),
        settings.duration().toSeconds(),
        Runtime.getRuntime().availableProcessors());
    try {
      BookResult result = ProcessDemo.run(settings, out);
      out.printf(Locale.ROOT, "%n%s: %s%n", result.book(), result.description());
      printSummary(result, out);
      return finish(List.of(result), out, err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("Interrupted.");
      return new Outcome(CHECK_FAILED, List.of());
    } catch (IOException e) {
      err.println("The shared file failed: " + e);
      return new Outcome(CHECK_FAILED, List.of());
    }
  }

  /** {@code feed --file F}. */
  private static Outcome feed(String[] args, PrintStream out, PrintStream err) {
    FeedOptions options = new FeedOptions();
    Outcome stop = parse(options, args, out, err);
    if (stop != null) {
      return stop;
    }
    try {
      ProcessDemo.feed(
          Path.of(options.file), options.symbols, options.rate, options.seconds, System.in, out);
      return new Outcome(OK, List.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("Interrupted.");
      return new Outcome(CHECK_FAILED, List.of());
    } catch (IOException | IllegalStateException e) {
      err.println("feed: " + e.getMessage());
      return new Outcome(CHECK_FAILED, List.of());
    }
  }

  /** {@code read --file F}. */
  private static Outcome read(String[] args, PrintStream out, PrintStream err) {
    ReadOptions options = new ReadOptions();
    Outcome stop = parse(options, args, out, err);
    if (stop != null) {
      return stop;
    }
    try {
      BookResult result =
          ProcessDemo.read(Path.of(options.file), options.seconds, options.readers, out);
      printSummary(result, out);
      return finish(List.of(result), out, err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("Interrupted.");
      return new Outcome(CHECK_FAILED, List.of());
    } catch (IOException e) {
      err.println("read: " + e.getMessage());
      return new Outcome(CHECK_FAILED, List.of());
    }
  }

  /** A command's options, as picocli fills them in. */
  private interface CheckedOptions {
    /** Whether {@code --help} was given. */
    boolean helpRequested();

    /** The first option out of range, as a message naming it, or null if all are fine. */
    @Nullable String problem();
  }

  /**
   * Parses {@code args} into {@code options}: returns the outcome to stop with (the usage printed
   * for {@code --help}, or a bad command line reported), or null to run the command.
   */
  private static @Nullable Outcome parse(
      CheckedOptions options, String[] args, PrintStream out, PrintStream err) {
    CommandLine commandLine = new CommandLine(options);
    try {
      commandLine.parseArgs(args);
    } catch (ParameterException e) {
      err.println(e.getMessage());
      UnmatchedArgumentException.printSuggestions(e, err);
      err.println("Run with --help for the options.");
      return new Outcome(USAGE, List.of());
    }
    if (options.helpRequested()) {
      commandLine.usage(out, CommandLine.Help.Ansi.OFF);
      return new Outcome(OK, List.of());
    }
    String problem = options.problem();
    if (problem != null) {
      err.println(problem);
      err.println("Run with --help for the options.");
      return new Outcome(USAGE, List.of());
    }
    return null;
  }

  /** The exit outcome of finished runs: every check passed, or FAILED on {@code err}. */
  private static Outcome finish(List<BookResult> results, PrintStream out, PrintStream err) {
    boolean passed = results.stream().allMatch(BookResult::allChecksPassed);
    out.flush();
    if (!passed) {
      err.println("FAILED: a quote failed a check (torn, crossed, or its sequence number went back).");
    }
    return new Outcome(passed ? OK : CHECK_FAILED, List.copyOf(results));
  }

  private static void printHeader(Settings settings, boolean compare, PrintStream out) {
    boolean one = settings.readers() == 1;
    out.printf(
        Locale.ROOT,
        "Market-data demo: 1 feed thread publishes 48-byte quotes for %,d symbols at %s;%n"
            + "%d reader thread%s poll%s every symbol and check%s every new quote"
            + " (checksum, bid <= ask,%nsequence never going back). %d s%s; %d processors.%n",
        settings.symbols(),
        settings.rate() == 0
            ? "full speed"
            : String.format(Locale.ROOT, "%,d updates/s", settings.rate()),
        settings.readers(),
        one ? "" : "s",
        one ? "s" : "",
        one ? "s" : "",
        settings.duration().toSeconds(),
        compare ? " per book" : "",
        Runtime.getRuntime().availableProcessors());
    out.printf(
        "reads = polls that returned a new quote; empty polls = polls that found nothing new (the%n"
            + "SeqLockArray book's readers poll all symbols with one changedSlots scan, then read the%n"
            + "ones that changed; a lock book's poll each symbol with readIfNewer);%n"
            + "retries = read attempts redone because a write was in progress or interfered.%n");
  }

  static void printSummary(BookResult r, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "%s summary (%.1f s):%n",
        r.book(),
        r.nanos() / 1e9);
    out.printf(Locale.ROOT, "  updates:      %,15d  (%,d/s)%n", r.updates(), r.perSecond(r.updates()));
    out.printf(
        Locale.ROOT,
        "  reads:        %,15d  (%,d/s), in %,d polls; %,d polls found nothing new%n",
        r.reads(),
        r.perSecond(r.reads()),
        r.polls(),
        r.emptyPolls());
    out.printf(Locale.ROOT, "  retries:      %,15d%n", r.retries());
    out.printf(
        Locale.ROOT,
        "  conflated:    %,15d  updates replaced by a newer quote before a reader polled them%n",
        r.conflated());
    out.printf(Locale.ROOT, "  torn quotes: %,d%n", r.torn());
    out.printf(Locale.ROOT, "  crossed quotes (bid > ask): %,d%n", r.crossed());
    out.printf(Locale.ROOT, "  sequence numbers going back: %,d%n", r.sequenceErrors());
    printLatency(out, "publish-to-read latency", "quotes", r.latency());
    if (r.writeLatency().count() > 0) { // none when the feed ran in another process
      printLatency(out, "feed write latency", "updates", r.writeLatency());
    }
  }

  private static void printLatency(PrintStream out, String what, String of, Latency l) {
    out.printf(
        Locale.ROOT,
        "  %s (%,d %s): p50 %s, p90 %s, p99 %s, p99.9 %s, max %s%n",
        what,
        l.count(),
        of,
        nanos(l.p50()),
        nanos(l.p90()),
        nanos(l.p99()),
        nanos(l.p999()),
        nanos(l.max()));
  }

  private static void printComparison(List<BookResult> results, PrintStream out) {
    out.printf("%nSide by side:%n");
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-24s", ""));
    for (BookResult r : results) {
      header.append(String.format(Locale.ROOT, "%24s", r.book()));
    }
    out.println(header);
    countRow(out, results, "updates/s", r -> r.perSecond(r.updates()));
    countRow(out, results, "reads/s", r -> r.perSecond(r.reads()));
    countRow(out, results, "empty polls/s", r -> r.perSecond(r.emptyPolls()));
    countRow(out, results, "retries", BookResult::retries);
    countRow(out, results, "torn quotes", BookResult::torn);
    textRow(out, results, "latency p50", r -> nanos(r.latency().p50()));
    textRow(out, results, "latency p90", r -> nanos(r.latency().p90()));
    textRow(out, results, "latency p99", r -> nanos(r.latency().p99()));
    textRow(out, results, "latency p99.9", r -> nanos(r.latency().p999()));
    textRow(out, results, "latency max", r -> nanos(r.latency().max()));
    textRow(out, results, "feed write p50", r -> nanos(r.writeLatency().p50()));
    textRow(out, results, "feed write p99", r -> nanos(r.writeLatency().p99()));
    textRow(out, results, "feed write p99.9", r -> nanos(r.writeLatency().p999()));
    textRow(out, results, "feed write max", r -> nanos(r.writeLatency().max()));
  }

  /** A row of counts. */
  private static void countRow(
      PrintStream out, List<BookResult> results, String label, ToLongFunction<BookResult> count) {
    textRow(
        out,
        results,
        label,
        r -> String.format(Locale.ROOT, "%,d", count.applyAsLong(r)));
  }

  private static void textRow(
      PrintStream out, List<BookResult> results, String label, Function<BookResult, String> cell) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-24s", label));
    for (BookResult r : results) {
      line.append(String.format(Locale.ROOT, "%24s", cell.apply(r)));
    }
    out.println(line);
  }

  /** A duration in ns, us or ms, with three or four significant digits. */
  static String nanos(long nanos) {
    if (nanos < 10_000) {
      return String.format(Locale.ROOT, "%,d ns", nanos);
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
    }
    if (nanos < 100_000_000) {
      return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%,.0f ms", nanos / 1e6);
  }
}
