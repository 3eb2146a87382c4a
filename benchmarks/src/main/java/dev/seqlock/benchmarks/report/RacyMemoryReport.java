package dev.seqlock.benchmarks.report;

import dev.seqlock.benchmarks.RacyMemoryBenchmark;
import dev.seqlock.benchmarks.report.ComparisonMarkdown.RunInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link RacyMemoryBenchmark} under {@code -prof gc} and writes its report: {@code
 * racy-memory.md} (each access beside its JDK baseline, the ratio, issue 23's target and the bytes
 * allocated per call) and the JMH CSV file it comes from.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.seqlock.benchmarks.report.RacyMemoryReport [options]
 *   --out DIR       where to write (default docs/racy-memory)
 *   --readme FILE   also replace the table between README's racy-memory markers
 *   --smoke         one fork, one 100 ms iteration: checks the suite and the report run
 * }</pre>
 *
 * <p>3 forks of 5 one-second iterations after 3 one-second warm-ups: about 5 minutes on a 2-core
 * machine.
 */
public final class RacyMemoryReport {
  static final String CSV = "racy-memory.csv";
  static final String MARKDOWN = "racy-memory.md";
  static final String README_BEGIN = "<!-- racy-memory-table:begin -->";
  static final String README_END = "<!-- racy-memory-table:end -->";

  /** One row of the table: a RacyMemory access, the access it is measured against, the target. */
  enum Access {
    UNORDERED_LOAD32("UNORDERED `load32`", "unorderedLoad32", "direct `ByteBuffer.getInt`",
        "byteBufferGetInt", 1.2),
    UNORDERED_STORE32("UNORDERED `store32`", "unorderedStore32", "direct `ByteBuffer.putInt`",
        "byteBufferPutInt", 1.2),
    SEQ_CST_LOAD32("SEQ_CST `load32`", "seqCstLoad32", "`VarHandle.getVolatile`",
        "varHandleGetVolatile", 1.2),
    GET_AND_ADD32("`getAndAdd32`", "getAndAdd32", "`VarHandle.getAndAdd`", "varHandleGetAndAdd",
        1.2),
    GET_AND_ADD8("`getAndAdd8`", "getAndAdd8", "RacyMemory `getAndAdd32`", "getAndAdd32", 2.0),
    COPY_WITHIN_4K("`copyWithin`, 4 KiB", "copyWithin4k", "`ByteBuffer.put(ByteBuffer)`",
        "byteBufferPut4k", 1.5);

    final String label;
    final String method;
    final String baselineLabel;
    final String baselineMethod;
    final double target;

    Access(String label, String method, String baselineLabel, String baselineMethod,
        double target) {
      this.label = label;
      this.method = method;
      this.baselineLabel = baselineLabel;
      this.baselineMethod = baselineMethod;
      this.target = target;
    }
  }

  private RacyMemoryReport() {}

  /**
   * Runs the benchmark and writes the report.
   *
   * @param args the options above
   * @throws IOException if a file cannot be read or written
   * @throws RunnerException if JMH fails
   */
  public static void main(String[] args) throws IOException, RunnerException {
    ComparisonReport.Options parsed = ComparisonReport.Options.parse(args, Path.of("docs", "racy-memory"));
    Path out = parsed.out();
    boolean smoke = parsed.smoke();
    Files.createDirectories(out);
    OptionsBuilder options = new OptionsBuilder();
    options.include(RacyMemoryBenchmark.class.getName() + "\\.")
        .addProfiler(GCProfiler.class)
        .resultFormat(ResultFormatType.CSV)
        .result(out.resolve(CSV).toString())
        .shouldFailOnError(true);
    if (smoke) {
      options.forks(1).warmupIterations(0).measurementIterations(1)
          .measurementTime(TimeValue.milliseconds(100));
    }
    new Runner(options.build()).run();
    String runs = smoke ? "smoke run (1 fork, one 100 ms iteration: not a measurement)"
        : "3 forks × 5 × 1 s after 3 × 1 s warm-up, -prof gc";
    RunInfo info = new RunInfo(ComparisonReport.machine(), ComparisonReport.jvm(),
        LocalDate.now(ZoneOffset.UTC).toString(),
        "java -cp benchmarks/target/benchmarks.jar " + RacyMemoryReport.class.getName()
            + (smoke ? " --smoke" : ""), runs);
    List<JmhCsv.Row> rows = JmhCsv.read(out.resolve(CSV));
    Files.writeString(out.resolve(MARKDOWN), render(rows, info), StandardCharsets.UTF_8);
    if (parsed.readme().isPresent()) {
      ComparisonReport.replaceSection(parsed.readme().get(), README_BEGIN, README_END,
          table(rows) + "\n" + ComparisonReport.provenance(info) + "\n");
    }
    System.out.println("wrote " + out.resolve(MARKDOWN));
  }

  /**
   * The whole report: where and how it was measured, then the table.
   *
   * @param rows the run's CSV rows
   * @param info the run
   * @return the markdown
   */
  static String render(List<JmhCsv.Row> rows, RunInfo info) {
    return "# RacyMemory beside the JDK's accesses\n\n"
        + "Each access single-threaded on a 64 KiB memory, moving to the next aligned offset at each"
        + " call, beside the JDK access it should cost about as much as, in the same run. Produced by"
        + " `" + info.command() + "`.\n\n"
        + ComparisonReport.provenance(info) + "\n\n"
        + table(rows) + "\nEvery benchmark of the run, the diagnostic ones included (`varHandleSet`: the"
        + " VarHandle plain set an UNORDERED store is, on the baseline's buffer; `...Growable`: the"
        + " same accesses on a growable memory of the same size, one 64 KiB segment, which reads its"
        + " length and segment table on every access):\n\n"
        + scores(rows);
  }

  /** Every primary result: benchmark, ns/call. */
  private static String scores(List<JmhCsv.Row> rows) {
    StringBuilder out = new StringBuilder("| benchmark | ns/call |\n| --- | ---: |\n");
    for (JmhCsv.Row row : rows) {
      if (row.label().isEmpty()) {
        out.append("| `").append(row.group()).append("` | ").append(nanos(row)).append(" |\n");
      }
    }
    return out.toString();
  }

  /**
   * The table: one row per {@link Access}.
   *
   * @param rows the run's CSV rows
   * @return the markdown table
   */
  static String table(List<JmhCsv.Row> rows) {
    Map<String, JmhCsv.Row> scores = new HashMap<>();
    Map<String, Double> allocation = new HashMap<>();
    for (JmhCsv.Row row : rows) {
      if (row.label().isEmpty()) {
        scores.put(row.group(), row);
      } else if (row.label().equals("gc.alloc.rate.norm")) {
        allocation.put(row.group(), row.score());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("| access | ns/call | baseline | ns/call | ratio | target | verdict | B/call |\n");
    out.append("| --- | ---: | --- | ---: | ---: | ---: | --- | ---: |\n");
    for (Access access : Access.values()) {
      JmhCsv.Row mine = scores.get(access.method);
      JmhCsv.Row base = scores.get(access.baselineMethod);
      double ratio = mine == null || base == null ? Double.NaN : mine.score() / base.score();
      out.append("| ").append(access.label)
          .append(" | ").append(nanos(mine))
          .append(" | ").append(access.baselineLabel)
          .append(" | ").append(nanos(base))
          .append(" | ").append(Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2fx", ratio))
          .append(" | ").append(String.format(Locale.ROOT, "≤ %.1fx", access.target))
          .append(" | ").append(Double.isNaN(ratio) ? "not run" : ratio <= access.target ? "met" : "missed")
          .append(" | ").append(bytes(allocation.get(access.method)))
          .append(" |\n");
    }
    return out.toString();
  }

  private static String nanos(JmhCsv.@Nullable Row row) {
    if (row == null) {
      return "–";
    }
    return Double.isNaN(row.error()) ? String.format(Locale.ROOT, "%.2f", row.score())
        : String.format(Locale.ROOT, "%.2f ± %.2f", row.score(), row.error());
  }

  private static String bytes(@Nullable Double perCall) {
    return perCall == null ? "–" : String.format(Locale.ROOT, "%.0f", perCall);
  }
}
