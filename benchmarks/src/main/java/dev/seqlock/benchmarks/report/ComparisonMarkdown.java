package dev.seqlock.benchmarks.report;

import static dev.seqlock.benchmarks.report.ComparisonResults.Measure.ALLOCATION;
import static dev.seqlock.benchmarks.report.ComparisonResults.Measure.READ;
import static dev.seqlock.benchmarks.report.ComparisonResults.Measure.WRITE;
import static dev.seqlock.benchmarks.report.ComparisonResults.Scenario.BACK_TO_BACK;
import static dev.seqlock.benchmarks.report.ComparisonResults.Scenario.NO_WRITER;
import static dev.seqlock.benchmarks.report.ComparisonResults.Scenario.PACED;
import static dev.seqlock.benchmarks.report.ComparisonResults.Scenario.WRITER_ALONE;

import dev.seqlock.benchmarks.designs.Design;
import dev.seqlock.benchmarks.report.ComparisonResults.Measure;
import dev.seqlock.benchmarks.report.ComparisonResults.Poll;
import dev.seqlock.benchmarks.report.ComparisonResults.Scenario;
import dev.seqlock.benchmarks.report.ComparisonResults.Score;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The comparison's markdown: the 48-byte table, the targets, and the other sizes. */
public final class ComparisonMarkdown {
  /** The sizes of the size table, in bytes. */
  static final int[] SIZES = {16, 48, 256};

  private ComparisonMarkdown() {}

  /**
   * Where and how the numbers were measured.
   *
   * @param machine the CPU and core count
   * @param jvm the JVM's name and version
   * @param date when the run finished
   * @param command the command that produced the report
   * @param runs forks, iterations and their times
   */
  public record RunInfo(String machine, String jvm, String date, String command, String runs) {}

  /**
   * The main table alone (48 bytes, every design and scenario): what README embeds.
   *
   * @param results the run's results
   * @return the markdown table
   */
  public static String mainTable(ComparisonResults results) {
    int size = ComparisonTargets.SIZE;
    StringBuilder out = new StringBuilder();
    out.append("| design | no writer: read | paced: read | paced: retried | back-to-back: read "
        + "| back-to-back: write | back-to-back: retried | write, no reader | B/read | B/write |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Design design : Design.values()) {
      out.append("| ").append(design.label())
          .append(" | ").append(cell(results.get(NO_WRITER, READ, design, size)))
          .append(" | ").append(cell(results.get(PACED, READ, design, size)))
          .append(" | ").append(percent(results.retryRate(PACED, design, size)))
          .append(" | ").append(cell(results.get(BACK_TO_BACK, READ, design, size)))
          .append(" | ").append(cell(results.get(BACK_TO_BACK, WRITE, design, size)))
          .append(" | ").append(percent(results.retryRate(BACK_TO_BACK, design, size)))
          .append(" | ").append(cell(results.get(WRITER_ALONE, WRITE, design, size)))
          .append(" | ").append(bytes(results.get(NO_WRITER, ALLOCATION, design, size)))
          .append(" | ").append(bytes(results.get(WRITER_ALONE, ALLOCATION, design, size)))
          .append(" |\n");
    }
    return out.toString();
  }

  /**
   * The whole report.
   *
   * @param results the run's results
   * @param info where and how they were measured
   * @return the markdown document
   */
  public static String render(ComparisonResults results, RunInfo info) {
    StringBuilder out = new StringBuilder();
    out.append("# SeqLock next to the designs it replaces\n\n");
    out.append("Machine: ").append(info.machine()).append(". JVM: ").append(info.jvm())
        .append(". Run: ").append(info.date()).append(", ").append(info.runs()).append(".\n\n");
    out.append("Produced by `").append(info.command()).append("`. Absolute numbers vary by machine "
        + "(and by run on a shared virtual machine); compare designs within one run.\n\n");
    out.append("## A 48-byte value (six longs)\n\n");
    out.append("ns per operation (mean ± 99.9 % error). *read*: one consistent snapshot, summed. "
        + "*retried*: reads whose first optimistic attempt a write invalidated (seqlocks, "
        + "StampedLock). *paced*: the writer burns CPU before each write, so its time is mostly that "
        + "pause. *B/read*, *B/write*: bytes allocated per operation, measured without the other "
        + "side (`-prof gc`).\n\n");
    out.append(mainTable(results)).append('\n');
    out.append("## Polling a book of 1,024 symbols\n\n");
    out.append("`PollBenchmark`: one round over a book in which nothing changed, no writer, ns per "
        + "symbol (mean ± 99.9 % error), and as a ratio to StampedLock's poll in the same run.\n\n");
    out.append(pollTable(results)).append('\n');
    out.append("## Targets\n\n");
    out.append("Ratios of means in this run, at 48 bytes and for the book of 1,024 symbols. *By "
        + "hand*: the same ratio, in the same run, for the protocol written out by hand without the "
        + "library's layers and checks (against the design named after \"vs\" where that differs), "
        + "or for the floor of a poll: where it misses too, the protocol or the storage misses, not "
        + "the library.\n\n");
    out.append("| target | measured | by hand | outcome |\n| --- | --- | --- | --- |\n");
    for (ComparisonTargets.Verdict verdict : ComparisonTargets.check(results)) {
      out.append("| ").append(verdict.target()).append(" | ").append(verdict.measured())
          .append(" | ").append(verdict.byHand()).append(" | ").append(verdict.outcome())
          .append(" |\n");
    }
    out.append('\n');
    out.append("## Other sizes\n\n");
    out.append("Reader ns per read by value size.\n\n");
    out.append("| design |");
    appendSizeHeaders(out, "no writer");
    appendSizeHeaders(out, "back-to-back");
    out.append("\n| --- |");
    out.append(" ---: |".repeat(2 * SIZES.length)).append('\n');
    for (Design design : Design.values()) {
      out.append("| ").append(design.label()).append(" |");
      appendSizeCells(out, results, NO_WRITER, design);
      appendSizeCells(out, results, BACK_TO_BACK, design);
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * The poll table: each way of polling the book, ns per symbol, ratio to StampedLock's, and bytes
   * allocated per symbol.
   *
   * @param results the run's results
   * @return the markdown table
   */
  static String pollTable(ComparisonResults results) {
    StringBuilder out = new StringBuilder();
    out.append("| poll | ns per symbol | vs StampedLock | B per symbol |\n");
    out.append("| --- | ---: | ---: | ---: |\n");
    Score base = results.get(Poll.STAMPED_LOCK, false);
    for (Poll poll : Poll.values()) {
      Score score = results.get(poll, false);
      out.append("| ").append(poll.label())
          .append(" | ").append(score == null ? "–" : pollCell(score))
          .append(" | ").append(score == null || base == null ? "–"
              : String.format(Locale.ROOT, "%.2fx", score.score() / base.score()))
          .append(" | ").append(bytes(results.get(poll, true)))
          .append(" |\n");
    }
    return out.toString();
  }

  /** A poll's time per symbol, two decimals: the scans take a fraction of a nanosecond. */
  private static String pollCell(Score score) {
    return Double.isNaN(score.error()) ? String.format(Locale.ROOT, "%.2f", score.score())
        : String.format(Locale.ROOT, "%.2f ± %.2f", score.score(), score.error());
  }

  private static void appendSizeHeaders(StringBuilder out, String scenario) {
    for (int size : SIZES) {
      out.append(' ').append(scenario).append(", ").append(size).append(" B |");
    }
  }

  private static void appendSizeCells(
      StringBuilder out, ComparisonResults results, Scenario scenario, Design design) {
    for (int size : SIZES) {
      out.append(' ').append(cell(results.get(scenario, Measure.READ, design, size))).append(" |");
    }
  }

  /** A score with its error, or a dash if not measured. */
  static String cell(@Nullable Score score) {
    if (score == null) {
      return "–";
    }
    if (Double.isNaN(score.error())) {
      return number(score.score());
    }
    return number(score.score()) + " ± " + number(score.error());
  }

  /** A time in ns: one decimal below 100, none from there. */
  static String number(double value) {
    return value < 100 ? String.format(Locale.ROOT, "%.1f", value)
        : String.format(Locale.ROOT, "%,.0f", value);
  }

  private static String percent(double rate) {
    return Double.isNaN(rate) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * rate);
  }

  private static String bytes(@Nullable Score score) {
    if (score == null) {
      return "–";
    }
    return score.score() < ComparisonTargets.NO_ALLOCATION_BYTES ? "0"
        : String.format(Locale.ROOT, "%.0f", score.score());
  }
}
