package dev.seqlock.benchmarks.report;

import dev.seqlock.benchmarks.ComparisonBenchmark;
import dev.seqlock.benchmarks.PollBenchmark;
import dev.seqlock.benchmarks.report.ComparisonMarkdown.RunInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the reduced comparison suite and writes its report: {@code comparison.md} (tables and
 * targets), {@code comparison.png} (the chart) and the JMH CSV files they come from.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.seqlock.benchmarks.report.ComparisonReport [options]
 *   --out DIR       where to write (default docs/comparison)
 *   --readme FILE   also replace the table between README's comparison markers
 *   --smoke         one fork, one 100 ms iteration, and 16 B only in the second pass: checks the
 *                   suite and the report run, in ~1 min
 * }</pre>
 *
 * <p>The reduced suite: every design in every scenario at 48 bytes with 3 forks of 3 one-second
 * iterations after 2 half-second warm-ups, under {@code -prof gc}; then 16 and 256 bytes, no writer and
 * back-to-back, one fork; then {@code PollBenchmark} (a book of 1,024 symbols polled) as the first
 * pass, under {@code -prof gc}. About 27 minutes on a 2-core machine.
 */
public final class ComparisonReport {
  static final String MAIN_CSV = "comparison-48.csv";
  static final String SIZES_CSV = "comparison-sizes.csv";
  static final String POLL_CSV = "comparison-poll.csv";
  static final String MARKDOWN = "comparison.md";
  static final String CHART = "comparison.png";
  static final String README_BEGIN = "<!-- comparison-table:begin -->";
  static final String README_END = "<!-- comparison-table:end -->";

  private static final String BENCHMARK = ComparisonBenchmark.class.getName();
  private static final String POLL_BENCHMARK = PollBenchmark.class.getName();

  private ComparisonReport() {}

  /**
   * Runs the suite and writes the report.
   *
   * @param args the options above
   * @throws IOException if a file cannot be read or written
   * @throws RunnerException if JMH fails
   */
  public static void main(String[] args) throws IOException, RunnerException {
    System.setProperty("java.awt.headless", "true"); // the chart is drawn off-screen
    Options options = Options.parse(args, Path.of("docs", "comparison"));
    Path out = options.out();
    boolean smoke = options.smoke();
    Files.createDirectories(out);
    String runs = run(out, smoke);
    List<JmhCsv.Row> rows = new ArrayList<>(JmhCsv.read(out.resolve(MAIN_CSV)));
    rows.addAll(JmhCsv.read(out.resolve(SIZES_CSV)));
    rows.addAll(JmhCsv.read(out.resolve(POLL_CSV)));
    ComparisonResults results = new ComparisonResults(rows);
    RunInfo info = new RunInfo(machine(), jvm(),
        LocalDate.now(ZoneOffset.UTC).toString(), command(smoke), runs);
    Files.writeString(out.resolve(MARKDOWN), ComparisonMarkdown.render(results, info),
        StandardCharsets.UTF_8);
    ComparisonChart.writePng(results, "Reading a 48-byte value: " + info.machine() + ", "
        + info.jvm(), out.resolve(CHART));
    if (options.readme().isPresent()) {
      updateReadme(options.readme().get(), ComparisonMarkdown.mainTable(results), info);
    }
    System.out.println("wrote " + out.resolve(MARKDOWN) + " and " + out.resolve(CHART));
  }

  /**
   * A report command's options: {@code --out DIR}, {@code --readme FILE}, {@code --smoke}.
   *
   * @param out where to write
   * @param readme the README whose generated section to replace, if any
   * @param smoke whether to run briefly, only to check that the suite and the report run
   */
  record Options(Path out, Optional<Path> readme, boolean smoke) {
    static Options parse(String[] args, Path defaultOut) {
      Path out = defaultOut;
      Optional<Path> readme = Optional.empty();
      boolean smoke = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--out" -> out = Path.of(value(args, ++i, "--out"));
          case "--readme" -> readme = Optional.of(Path.of(value(args, ++i, "--readme")));
          case "--smoke" -> smoke = true;
          default -> throw new IllegalArgumentException("unknown option " + args[i]
              + "; options: --out DIR, --readme FILE, --smoke");
        }
      }
      return new Options(out, readme, smoke);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }

  /** Runs both passes into {@code out}'s CSV files; returns a description of the runs. */
  private static String run(Path out, boolean smoke) throws RunnerException {
    int forks = smoke ? 1 : 3;
    new Runner(options(smoke, forks)
        .include(BENCHMARK + "\\.")
        .param("size", "48")
        .addProfiler(GCProfiler.class)
        .result(out.resolve(MAIN_CSV).toString())
        .build()).run();
    new Runner(options(smoke, 1)
        .include(BENCHMARK + "\\.(noWriter|backToBack)$")
        .param("size", smoke ? new String[] {"16"} : new String[] {"16", "256"}) // smoke: CI time
        .result(out.resolve(SIZES_CSV).toString())
        .build()).run();
    new Runner(options(smoke, forks)
        .include(POLL_BENCHMARK + "\\.")
        .addProfiler(GCProfiler.class)
        .result(out.resolve(POLL_CSV).toString())
        .build()).run();
    return smoke ? "smoke run (1 fork, one 100 ms iteration: not a measurement)"
        : String.format(Locale.ROOT, "48 B: %d forks × 3 × 1 s after 2 × 0.5 s warm-up; "
            + "16 and 256 B: 1 fork; polls: %d forks", forks, forks);
  }

  private static ChainedOptionsBuilder options(boolean smoke, int forks) {
    ChainedOptionsBuilder options = new OptionsBuilder().forks(forks)
        .resultFormat(ResultFormatType.CSV).shouldFailOnError(true);
    if (smoke) {
      return options.warmupIterations(0).measurementIterations(1)
          .measurementTime(TimeValue.milliseconds(100));
    }
    return options.warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
        .measurementIterations(3).measurementTime(TimeValue.seconds(1));
  }

  private static String command(boolean smoke) {
    return "java -cp benchmarks/target/benchmarks.jar " + ComparisonReport.class.getName()
        + (smoke ? " --smoke" : "");
  }

  /** The CPU model and the processors this JVM may use. */
  static String machine() {
    String cpu = "unknown CPU";
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.isReadable(cpuinfo)) {
      try (Stream<String> lines = Files.lines(cpuinfo)) {
        cpu = lines.filter(line -> line.startsWith("model name")).findFirst()
            .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse(cpu);
      } catch (IOException e) {
        // keep "unknown CPU": the report is still valid without the model name
      }
    }
    return cpu + ", " + Runtime.getRuntime().availableProcessors() + " CPUs";
  }

  /** The JVM the forks ran on (JMH forks the JVM it runs in). */
  static String jvm() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
  }

  /** Replaces the text between README's comparison markers by the table and its provenance. */
  static void updateReadme(Path readme, String table, RunInfo info) throws IOException {
    replaceSection(readme, README_BEGIN, README_END, table + "\n" + provenance(info) + "\n");
  }

  /** Where, on what and how a report's numbers were measured, as one line. */
  static String provenance(RunInfo info) {
    return info.machine() + "; " + info.jvm() + "; " + info.date() + "; " + info.runs() + ".";
  }

  /**
   * Replaces the text between two markers of a file (a generated section of README).
   *
   * @param file the file
   * @param begin the marker before the section
   * @param end the marker after it
   * @param content the new section, between the markers
   * @throws IOException if the file cannot be read or written
   * @throws IllegalArgumentException if the file lacks the markers
   */
  static void replaceSection(Path file, String begin, String end, String content)
      throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(file + " has no " + begin + " … " + end
          + " section to replace");
    }
    Files.writeString(file, text.substring(0, from) + begin + "\n" + content + text.substring(to),
        StandardCharsets.UTF_8);
  }
}
