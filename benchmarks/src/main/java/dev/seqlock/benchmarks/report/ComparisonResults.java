package dev.seqlock.benchmarks.report;

import dev.seqlock.benchmarks.designs.Design;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The results of {@code ComparisonBenchmark} runs, looked up by scenario, what was measured, design and
 * value size, and of a {@code PollBenchmark} run, looked up by method.
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

  /** PollBenchmark's methods: a round over a book of 1,024 symbols, nothing changed, ns per symbol. */
  public enum Poll {
    /** A StampedLock per symbol, polled as its Point pattern reads: the baseline. */
    STAMPED_LOCK("stampedLock", "StampedLock, per symbol"),
    /** {@code SeqLockArray.latched}, {@code readIfNewer} per symbol. */
    READ_IF_NEWER("readIfNewer", "SeqLockArray.latched, readIfNewer per symbol"),
    /** {@code SeqLockArray.latched}, one {@code changedSlots} scan. */
    CHANGED_SLOTS("changedSlots", "SeqLockArray.latched, changedSlots"),
    /** {@code SharedSeqLockArray}, one {@code changedSlots} scan by a reader handle. */
    CHANGED_SLOTS_SHARED_FILE("changedSlotsSharedFile", "SharedSeqLockArray, changedSlots"),
    /** The floor of a poll per symbol: one Acquire load from each symbol's own line. */
    ACQUIRE_LOAD_PER_SLOT("acquireLoadPerSlot", "floor: an Acquire load per symbol"),
    /** The floor of a scan: a plain loop over packed versions. */
    PACKED_LOOP("packedLoop", "floor: a loop over packed versions");

    private final String method;
    private final String label;

    Poll(String method, String label) {
      this.method = method;
      this.label = label;
    }

    /**
     * The benchmark method.
     *
     * @return e.g. {@code changedSlots}
     */
    public String method() {
      return method;
    }

    /**
     * The way of polling, in reports.
     *
     * @return e.g. {@code SeqLockArray.latched, changedSlots}
     */
    public String label() {
      return label;
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
   * Indexes the rows of one or more JMH CSV files of {@code ComparisonBenchmark} and {@code
   * PollBenchmark}.
   *
   * @param rows the rows
   */
  public ComparisonResults(List<JmhCsv.Row> rows) {
    for (JmhCsv.Row row : rows) {
      String design = row.param("design");
      String size = row.param("size");
      String key = design.isEmpty() && size.isEmpty()
          ? pollKey(row.group(), row.label()) // PollBenchmark has no parameters
          : key(row.group(), row.label(), design, size);
      scores.put(key, new Score(row.score(), row.error()));
    }
  }

  private static String pollKey(String method, String label) {
    return "poll|" + method + '|' + label;
  }

  /**
   * One PollBenchmark result.
   *
   * @param poll the method
   * @param allocation whether bytes allocated per symbol ({@code -prof gc}) rather than ns per symbol
   * @return the score, or null if the runs did not measure it
   */
  public @Nullable Score get(Poll poll, boolean allocation) {
    return scores.get(pollKey(poll.method(), allocation ? "gc.alloc.rate.norm" : ""));
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
