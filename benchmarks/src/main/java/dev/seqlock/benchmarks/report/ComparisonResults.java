package dev.seqlock.benchmarks.report;

import dev.seqlock.benchmarks.designs.Design;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The results of {@code ComparisonBenchmark} runs, looked up by scenario, what was measured, design and
 * value size.
 */
public final class ComparisonResults {
  /** The scenarios, by their JMH group names. */
  public enum Scenario {
    /** One reader, no writer. */
    NO_WRITER("noWriter", "no writer"),
    /** One writer, no reader. */
    WRITER_ALONE("writerAlone", "write, no reader"),
    /** A reader beside a writer that pauses before each write. */
    PACED("paced", "paced writer"),
    /** A reader beside a writer writing back to back. */
    BACK_TO_BACK("backToBack", "back-to-back writer");

    private final String group;
    private final String label;

    Scenario(String group, String label) {
      this.group = group;
      this.label = label;
    }

    /**
     * The JMH group name.
     *
     * @return e.g. {@code backToBack}
     */
    public String group() {
      return group;
    }

    /**
     * The scenario's name in reports.
     *
     * @return e.g. {@code back-to-back writer}
     */
    public String label() {
      return label;
    }
  }

  /** What a result measures within its scenario. */
  public enum Measure {
    /** The reader's time per read, ns. */
    READ,
    /** The writer's time per write (with the paced writer's pause), ns. */
    WRITE,
    /** Reads in the run (JMH's {@code reads} counter). */
    READS,
    /** Reads whose first optimistic attempt failed ({@code retries} counter). */
    RETRIES,
    /** Bytes allocated per operation ({@code -prof gc}'s {@code gc.alloc.rate.norm}). */
    ALLOCATION;

    /** The JMH label of this measure's result in {@code scenario}, or "" for the primary result. */
    String label(Scenario scenario) {
      return switch (this) {
        case READ -> scenario == Scenario.NO_WRITER ? "" : scenario.group() + "Reader";
        case WRITE -> scenario == Scenario.WRITER_ALONE ? "" : scenario.group() + "Writer";
        case READS -> "reads";
        case RETRIES -> "retries";
        case ALLOCATION -> "gc.alloc.rate.norm";
      };
    }
  }

  /**
   * A score and its 99.9 % error (NaN if JMH had too few samples for one).
   *
   * @param score the mean
   * @param error the half-width of the 99.9 % confidence interval
   */
  public record Score(double score, double error) {}

  private final Map<String, Score> scores = new HashMap<>();

  /**
   * Indexes the rows of one or more JMH CSV files of {@code ComparisonBenchmark}.
   *
   * @param rows the rows; other benchmarks' rows are ignored
   */
  public ComparisonResults(List<JmhCsv.Row> rows) {
    for (JmhCsv.Row row : rows) {
      String design = row.param("design");
      String size = row.param("size");
      if (design.isEmpty() || size.isEmpty()) {
        continue;
      }
      scores.put(key(row.group(), row.label(), design, size), new Score(row.score(), row.error()));
    }
  }

  private static String key(String group, String label, String design, String size) {
    return group + '|' + label + '|' + design + '|' + size;
  }

  /**
   * One result.
   *
   * @param scenario the scenario
   * @param measure what was measured
   * @param design the design
   * @param size the value's size in bytes
   * @return the score, or null if the runs did not measure it
   */
  public @Nullable Score get(Scenario scenario, Measure measure, Design design, int size) {
    return scores.get(
        key(scenario.group(), measure.label(scenario), design.name(), Integer.toString(size)));
  }

  /**
   * The fraction of reads whose first optimistic attempt failed.
   *
   * @param scenario the scenario
   * @param design the design
   * @param size the value's size in bytes
   * @return retries / reads, or NaN if not measured
   */
  public double retryRate(Scenario scenario, Design design, int size) {
    Score reads = get(scenario, Measure.READS, design, size);
    Score retries = get(scenario, Measure.RETRIES, design, size);
    if (reads == null || retries == null || reads.score() == 0) {
      return Double.NaN;
    }
    return retries.score() / reads.score();
  }
}
