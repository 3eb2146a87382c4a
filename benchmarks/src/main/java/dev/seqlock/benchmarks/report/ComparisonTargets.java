package dev.seqlock.benchmarks.report;

import static dev.seqlock.benchmarks.designs.Design.AGRONA_FIELDS;
import static dev.seqlock.benchmarks.designs.Design.AGRONA_LATCHED;
import static dev.seqlock.benchmarks.designs.Design.AGRONA_SEQLOCK;
import static dev.seqlock.benchmarks.designs.Design.HAND_WRITTEN_FIELDS;
import static dev.seqlock.benchmarks.designs.Design.HAND_WRITTEN_LATCHED_FIELDS;
import static dev.seqlock.benchmarks.designs.Design.HAND_WRITTEN_SEQLOCK;
import static dev.seqlock.benchmarks.designs.Design.POLL_LATCHED;
import static dev.seqlock.benchmarks.designs.Design.POLL_SHARED_FILE;
import static dev.seqlock.benchmarks.designs.Design.SEQLOCK_CREATE;
import static dev.seqlock.benchmarks.designs.Design.SEQLOCK_LATCHED;
import static dev.seqlock.benchmarks.designs.Design.SEQLOCK_LATCHED_FIELDS;
import static dev.seqlock.benchmarks.designs.Design.SEQLOCK_LATCHED_SINGLE_WRITER_FIELDS;
import static dev.seqlock.benchmarks.designs.Design.SEQLOCK_OPTIMISTIC;
import static dev.seqlock.benchmarks.designs.Design.SEQLOCK_SINGLE_WRITER;
import static dev.seqlock.benchmarks.designs.Design.SEQLOCK_SINGLE_WRITER_FIELDS;
import static dev.seqlock.benchmarks.designs.Design.SEQLOCK_SINGLE_WRITER_NEVER_FIELDS;
import static dev.seqlock.benchmarks.designs.Design.SHARED_FILE;
import static dev.seqlock.benchmarks.designs.Design.SHARED_FILE_FIELDS;
import static dev.seqlock.benchmarks.designs.Design.STAMPED_LOCK;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The performance targets of the project's issues, checked against one run's 48-byte and poll
 * results: each a ratio of two means measured in the same run, or an allocation figure.
 */
public final class ComparisonTargets {
  /** The value size the targets are stated for. */
  public static final int SIZE = 48;

  /**
   * Allocation below this many bytes per operation counts as none: JMH's own bookkeeping spreads a
   * few bytes over millions of operations, while any real allocation is at least one 16-byte object.
   */
  public static final double NO_ALLOCATION_BYTES = 1.0;

  /** A verdict's {@link Verdict#byHand} where nothing written by hand applies. */
  static final String NONE = "–";

  private ComparisonTargets() {}

  /**
   * One target's outcome.
   *
   * @param target what was asked
   * @param measured what was measured (ratio or bytes), or "not measured"
   * @param met true if met, false if missed, null if not measured
   * @param byHand the same ratio for the protocol written out by hand in the same run (which design,
   *     against which baseline), so that a miss the protocol itself makes is told from one the
   *     library adds; "–" where the baseline is itself written by hand or there is no such design
   */
  public record Verdict(String target, String measured, @Nullable Boolean met, String byHand) {
    /**
     * The outcome as a word.
     *
     * @return {@code met}, {@code MISSED} or {@code not measured}
     */
    public String outcome() {
      return met == null ? "not measured" : met ? "met" : "MISSED";
    }
  }

  /**
   * Checks every target: the seqlock targets of issue 22 (polls, field reads, copying reads, writers,
   * allocation), then the shared file's (issue 21). The earlier SeqLock targets, which issue 22
   * withdrew, are no longer checked; the tables still show those figures.
   *
   * @param results the run's results
   * @return one verdict per target and design it applies to
   */
  public static List<Verdict> check(ComparisonResults results) {
    List<Verdict> verdicts = new ArrayList<>();
    verdicts.add(poll(results, Poll.CHANGED_SLOTS, 0.25));
    verdicts.add(poll(results, Poll.READ_IF_NEWER, 0.75));
    for (Design fields : List.of(SEQLOCK_OPTIMISTIC, SEQLOCK_SINGLE_WRITER_FIELDS,
        SEQLOCK_SINGLE_WRITER_NEVER_FIELDS, SEQLOCK_LATCHED_FIELDS,
        SEQLOCK_LATCHED_SINGLE_WRITER_FIELDS)) {
      verdicts.add(ratio(results, "no writer: " + fields.label() + " read ≤ 1.1 × "
              + "StampedLock's optimistic read", NO_WRITER, READ, fields, STAMPED_LOCK, 1.1,
          byHand(fields), STAMPED_LOCK));
    }
    for (Design copying : List.of(SEQLOCK_CREATE, SEQLOCK_SINGLE_WRITER, SEQLOCK_LATCHED)) {
      verdicts.add(ratio(results, "no writer: " + copying.label() + " read ≤ 1.25 × "
              + HAND_WRITTEN_SEQLOCK.label() + " read",
          NO_WRITER, READ, copying, HAND_WRITTEN_SEQLOCK, 1.25));
    }
    // the writers that never pause for readers: the "writer never paused"
    for (Design neverPaused : List.of(SEQLOCK_SINGLE_WRITER_NEVER_FIELDS, SEQLOCK_LATCHED_FIELDS,
        SEQLOCK_LATCHED_SINGLE_WRITER_FIELDS)) {
      verdicts.add(ratio(results, "back-to-back writer: " + neverPaused.label()
              + " writer ≤ 0.5 × StampedLock's writer",
          BACK_TO_BACK, WRITE, neverPaused, STAMPED_LOCK, 0.5, byHand(neverPaused), STAMPED_LOCK));
    }
    for (Design latched : List.of(SEQLOCK_LATCHED_FIELDS, SEQLOCK_LATCHED_SINGLE_WRITER_FIELDS)) {
      verdicts.add(ratio(results, "back-to-back writer: " + latched.label()
              + " reader ≤ StampedLock's reader", BACK_TO_BACK, READ, latched, STAMPED_LOCK, 1.0,
          HAND_WRITTEN_LATCHED_FIELDS, STAMPED_LOCK));
    }
    for (Design single : List.of(SEQLOCK_SINGLE_WRITER_FIELDS, SEQLOCK_SINGLE_WRITER_NEVER_FIELDS)) {
      verdicts.add(ratio(results, "no reader: " + single.label() + " write ≤ 0.5 × StampedLock's"
          + " write", WRITER_ALONE, WRITE, single, STAMPED_LOCK, 0.5, byHand(single), STAMPED_LOCK));
    }
    for (Design seqLock : seqLocks()) {
      verdicts.add(allocation(results, seqLock.label() + ": 0 B per read", NO_WRITER, seqLock));
      verdicts.add(allocation(results, seqLock.label() + ": 0 B per write", WRITER_ALONE, seqLock));
    }
    verdicts.add(allocation(results, POLL_LATCHED.label() + ": 0 B per poll", NO_WRITER,
        POLL_LATCHED));
    for (Poll poll : List.of(Poll.READ_IF_NEWER, Poll.CHANGED_SLOTS, Poll.CHANGED_SLOTS_SHARED_FILE)) {
      verdicts.add(pollAllocation(results, poll));
    }
    sharedFile(results, verdicts);
    return verdicts;
  }

  /** The book's poll by {@code poll}, per symbol, at most {@code bound} times StampedLock's. */
  private static Verdict poll(ComparisonResults results, Poll poll, double bound) {
    String target = String.format(Locale.ROOT, "book of 1,024 symbols, nothing new: %s ≤ %s × "
        + "StampedLock's poll, per symbol", poll.label(), bound);
    Score score = results.get(poll, false);
    Score base = results.get(Poll.STAMPED_LOCK, false);
    if (score == null || base == null) {
      return new Verdict(target, "not measured", null, NONE);
    }
    double ratio = score.score() / base.score();
    // the floor of the same way of polling, one loop by hand
    Score floor = results.get(
        poll == Poll.READ_IF_NEWER ? Poll.ACQUIRE_LOAD_PER_SLOT : Poll.PACKED_LOOP, false);
    String byHand = floor == null ? "not measured" : String.format(Locale.ROOT, "%.2fx (%s)",
        floor.score() / base.score(),
        poll == Poll.READ_IF_NEWER ? Poll.ACQUIRE_LOAD_PER_SLOT.label() : Poll.PACKED_LOOP.label());
    return new Verdict(target, String.format(Locale.ROOT, "%.2fx (%.2f vs %.2f ns)", ratio,
        score.score(), base.score()), ratio <= bound, byHand);
  }

  private static Verdict pollAllocation(ComparisonResults results, Poll poll) {
    String target = "book of 1,024 symbols: " + poll.label() + ": 0 B per round";
    Score perSymbol = results.get(poll, true);
    if (perSymbol == null) {
      return new Verdict(target, "not measured", null, NONE);
    }
    double perRound = perSymbol.score() * 1_024; // the benchmark reports per symbol
    return new Verdict(target, String.format(Locale.ROOT, "%.3f B/round", perRound),
        perRound < NO_ALLOCATION_BYTES, NONE);
  }

  /**
   * The shared file's targets (issue 21): its reads (copying, field by field, and polls by
   * readIfNewer) at most 1.25 times the heap's latched reads of the same value, and its reads and writes at most 1.2 times those of the seqlock users write by
   * hand over Agrona's UnsafeBuffer on a mapped file; no allocation. Its writes are also set against
   * the latched protocol by hand on Agrona, the baseline with the same crash tolerance.
   */
  private static void sharedFile(ComparisonResults results, List<Verdict> verdicts) {
    // by hand, the mapped file's premium over the heap for the same single-copy protocol
    verdicts.add(ratio(results, "no writer: " + SHARED_FILE.label() + " read ≤ 1.25 × "
            + SEQLOCK_LATCHED.label() + " read", NO_WRITER, READ, SHARED_FILE, SEQLOCK_LATCHED,
        1.25, AGRONA_SEQLOCK, HAND_WRITTEN_SEQLOCK));
    verdicts.add(ratio(results, "no writer: " + SHARED_FILE_FIELDS.label() + " read ≤ 1.25 × "
            + SEQLOCK_LATCHED_FIELDS.label() + " read",
        NO_WRITER, READ, SHARED_FILE_FIELDS, SEQLOCK_LATCHED_FIELDS, 1.25, AGRONA_FIELDS,
        HAND_WRITTEN_FIELDS));
    verdicts.add(ratio(results, "no writer: " + POLL_SHARED_FILE.label() + " (nothing new) ≤ 1.25 × "
        + POLL_LATCHED.label(), NO_WRITER, READ, POLL_SHARED_FILE, POLL_LATCHED, 1.25));
    verdicts.add(ratio(results, "paced writer: " + POLL_SHARED_FILE.label() + " reader ≤ 1.25 × "
        + POLL_LATCHED.label() + " reader", PACED, READ, POLL_SHARED_FILE, POLL_LATCHED, 1.25));
    for (Design[] pair : new Design[][] {{SHARED_FILE, AGRONA_SEQLOCK},
        {SHARED_FILE_FIELDS, AGRONA_FIELDS}}) {
      verdicts.add(ratio(results, "no writer: " + pair[0].label() + " read ≤ 1.2 × "
          + pair[1].label() + " read", NO_WRITER, READ, pair[0], pair[1], 1.2));
      verdicts.add(ratio(results, "no reader: " + pair[0].label() + " write ≤ 1.2 × "
          + pair[1].label() + " write", WRITER_ALONE, WRITE, pair[0], pair[1], 1.2));
    }
    // the single-copy baseline cannot survive a crash mid-write; the latched one, which can,
    // is what the shared file's writes are fairly set against (its two copies cost the write)
    for (Design shared : List.of(SHARED_FILE, SHARED_FILE_FIELDS)) {
      verdicts.add(ratio(results, "no reader: " + shared.label() + " write ≤ 1.2 × "
          + AGRONA_LATCHED.label() + " write", WRITER_ALONE, WRITE, shared, AGRONA_LATCHED, 1.2));
    }
    for (Design shared : List.of(SHARED_FILE, SHARED_FILE_FIELDS)) {
      verdicts.add(allocation(results, shared.label() + ": 0 B per read", NO_WRITER, shared));
      verdicts.add(allocation(results, shared.label() + ": 0 B per write", WRITER_ALONE, shared));
    }
  }

  private static List<Design> seqLocks() {
    List<Design> seqLocks = new ArrayList<>();
    for (Design design : Design.values()) {
      if (design.isLibrarySeqLock()) {
        seqLocks.add(design);
      }
    }
    return seqLocks;
  }

  /** The protocol of a library design of field reads and writes, written out by hand. */
  private static Design byHand(Design fields) {
    return fields == SEQLOCK_LATCHED_FIELDS || fields == SEQLOCK_LATCHED_SINGLE_WRITER_FIELDS
        ? HAND_WRITTEN_LATCHED_FIELDS : HAND_WRITTEN_FIELDS;
  }

  private static Verdict ratio(ComparisonResults results, String target, Scenario scenario,
      Measure measure, Design design, Design baseline, double bound) {
    return ratio(results, target, scenario, measure, design, baseline, bound, null, null);
  }

  /**
   * {@code design}'s score at most {@code bound} times {@code baseline}'s, with {@code byHand}'s
   * ratio to {@code byHandBaseline} in the same run beside it (none if null).
   */
  private static Verdict ratio(ComparisonResults results, String target, Scenario scenario,
      Measure measure, Design design, Design baseline, double bound, @Nullable Design byHand,
      @Nullable Design byHandBaseline) {
    Score score = results.get(scenario, measure, design, SIZE);
    Score base = results.get(scenario, measure, baseline, SIZE);
    String byHandRatio = NONE;
    if (byHand != null && byHandBaseline != null) {
      Score hand = results.get(scenario, measure, byHand, SIZE);
      Score handBase = results.get(scenario, measure, byHandBaseline, SIZE);
      byHandRatio = hand == null || handBase == null ? "not measured"
          : String.format(Locale.ROOT, "%.2fx (%s%s)", hand.score() / handBase.score(),
              byHand.label(), byHandBaseline == baseline ? "" : " vs " + byHandBaseline.label());
    }
    if (score == null || base == null) {
      return new Verdict(target, "not measured", null, byHandRatio);
    }
    double ratio = score.score() / base.score();
    String measured = String.format(Locale.ROOT, "%.2fx (%s vs %s ns)", ratio,
        ComparisonMarkdown.number(score.score()), ComparisonMarkdown.number(base.score()));
    return new Verdict(target, measured, ratio <= bound, byHandRatio);
  }

  private static Verdict allocation(ComparisonResults results, String target, Scenario scenario,
      Design design) {
    Score bytes = results.get(scenario, ALLOCATION, design, SIZE);
    if (bytes == null) {
      return new Verdict(target, "not measured", null, NONE);
    }
    return new Verdict(target, String.format(Locale.ROOT, "%.3f B/op", bytes.score()),
        bytes.score() < NO_ALLOCATION_BYTES, NONE);
  }
}
