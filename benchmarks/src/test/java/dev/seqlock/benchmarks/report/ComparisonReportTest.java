package dev.seqlock.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.benchmarks.designs.Design;
import dev.seqlock.benchmarks.report.ComparisonMarkdown.RunInfo;
import dev.seqlock.benchmarks.report.ComparisonResults.Measure;
import dev.seqlock.benchmarks.report.ComparisonResults.Scenario;
import dev.seqlock.benchmarks.report.ComparisonTargets.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's parsing, target verdicts, tables, chart and README update, on a hand-made CSV. */
class ComparisonReportTest {
  private static final String HEADER =
      "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
          + "\"Param: design\",\"Param: size\"";
  private static final String PREFIX = "dev.seqlock.benchmarks.ComparisonBenchmark.";

  private static String row(String benchmark, double score, String design, int size) {
    return String.format(Locale.ROOT, "\"%s%s\",\"avgt\",1,9,%f,%f,\"ns/op\",%s,%d",
        PREFIX, benchmark, score, score / 10, design, size);
  }

  /** A small run: SeqLock.create and the baselines it is compared with. */
  private static List<String> csv() {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    lines.add(row("noWriter", 5.0, "SEQLOCK_CREATE", 48));
    lines.add(row("noWriter", 6.0, "STAMPED_LOCK", 48));
    lines.add(row("noWriter", 3.0, "COPY_ON_WRITE", 48));
    lines.add(row("noWriter:\u00b7gc.alloc.rate.norm", 0.0004, "SEQLOCK_CREATE", 48));
    lines.add(row("writerAlone:gc.alloc.rate.norm", 80, "SEQLOCK_CREATE", 48));
    lines.add(row("backToBack", 50.0, "SEQLOCK_CREATE", 48));
    lines.add(row("backToBack:backToBackReader", 40.0, "SEQLOCK_CREATE", 48));
    lines.add(row("backToBack:backToBackWriter", 60.0, "SEQLOCK_CREATE", 48));
    lines.add(row("backToBack:reads", 1000, "SEQLOCK_CREATE", 48));
    lines.add(row("backToBack:retries", 250, "SEQLOCK_CREATE", 48));
    lines.add(row("backToBack:backToBackReader", 25.0, "STAMPED_LOCK", 48));
    lines.add(row("backToBack:backToBackWriter", 100.0, "STAMPED_LOCK", 48));
    lines.add(row("noWriter", 9.0, "SEQLOCK_CREATE", 256));
    lines.add(row("noWriter", 4.5, "HAND_WRITTEN_SEQLOCK", 48));
    lines.add(row("backToBack:backToBackWriter", 60.0, "SEQLOCK_LATCHED_FIELDS", 48));
    lines.add(row("noWriter", 3.0, "HAND_WRITTEN_FIELDS", 48));
    lines.add(row("noWriter", 7.5, "AGRONA_FIELDS", 48));
    lines.add("\"" + PREFIX + "noWriter\",\"avgt\",1,1,7.5,NaN,\"ns/op\",STAMPED_LOCK,256");
    return lines;
  }

  private static double score(ComparisonResults results, Scenario scenario, Measure measure,
      Design design, int size) {
    ComparisonResults.Score score = results.get(scenario, measure, design, size);
    if (score == null) {
      throw new AssertionError("not found: " + scenario + " " + measure + " " + design + " " + size);
    }
    return score.score();
  }

  /** A PollBenchmark run: its CSV has no parameter columns. */
  private static List<String> pollCsv() {
    String prefix = "\"dev.seqlock.benchmarks.PollBenchmark.";
    return List.of(
        "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\"",
        prefix + "stampedLock\",\"avgt\",1,9,2.0,0.2,\"ns/op\"",
        prefix + "readIfNewer\",\"avgt\",1,9,2.0,0.2,\"ns/op\"",
        prefix + "changedSlots\",\"avgt\",1,9,0.1,0.01,\"ns/op\"",
        prefix + "acquireLoadPerSlot\",\"avgt\",1,9,1.0,0.1,\"ns/op\"",
        prefix + "changedSlots:\u00b7gc.alloc.rate.norm\",\"avgt\",1,9,0.0001,0.0,\"B/op\"");
  }

  private static ComparisonResults results() {
    List<JmhCsv.Row> rows = new ArrayList<>(JmhCsv.parse(csv()));
    rows.addAll(JmhCsv.parse(pollCsv()));
    return new ComparisonResults(rows);
  }

  @Test
  void csvRowsKeepGroupLabelAndParameters() {
    List<JmhCsv.Row> rows = JmhCsv.parse(csv());
    JmhCsv.Row reader = rows.get(6);
    assertEquals("backToBack", reader.group());
    assertEquals("backToBackReader", reader.label());
    assertEquals("SEQLOCK_CREATE", reader.param("design"));
    assertEquals("48", reader.param("size"));
    assertEquals("", reader.param("missing"));
    assertEquals("gc.alloc.rate.norm", rows.get(3).label(), "profiler prefix dropped");
    assertEquals("", rows.get(0).label(), "primary result");
    assertTrue(Double.isNaN(rows.get(rows.size() - 1).error()), "NaN error");
    assertEquals(List.of("design", "size"), new ArrayList<>(reader.params().keySet()), "column order");
  }

  @Test
  void aFileThatIsNotJmhCsvIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JmhCsv.parse(List.of("a,b,c", "1,2,3")));
    assertTrue(String.valueOf(e.getMessage()).contains("not a JMH CSV file"), e.getMessage());
  }

  @Test
  void resultsAreFoundByScenarioMeasureDesignAndSize() {
    ComparisonResults results = results();
    assertEquals(5.0, score(results, Scenario.NO_WRITER, Measure.READ, Design.SEQLOCK_CREATE, 48));
    assertEquals(40.0,
        score(results, Scenario.BACK_TO_BACK, Measure.READ, Design.SEQLOCK_CREATE, 48));
    assertEquals(60.0,
        score(results, Scenario.BACK_TO_BACK, Measure.WRITE, Design.SEQLOCK_CREATE, 48));
    assertEquals(9.0, score(results, Scenario.NO_WRITER, Measure.READ, Design.SEQLOCK_CREATE, 256));
    assertNull(results.get(Scenario.PACED, Measure.READ, Design.SEQLOCK_CREATE, 48));
    assertEquals(0.25, results.retryRate(Scenario.BACK_TO_BACK, Design.SEQLOCK_CREATE, 48), 1e-9);
    assertTrue(Double.isNaN(results.retryRate(Scenario.PACED, Design.SEQLOCK_CREATE, 48)));
  }

  private static Verdict verdict(String target) {
    return ComparisonTargets.check(results()).stream().filter(v -> v.target().equals(target))
        .findFirst().orElseThrow(() -> new AssertionError("no target " + target));
  }

  @Test
  void targetsAreRatiosOfMeansInTheRun() {
    Verdict copying = verdict("no writer: SeqLock.create read ≤ 1.25 × hand-written seqlock read");
    assertEquals(true, copying.met(), copying.measured()); // 5 vs 4.5
    assertTrue(copying.measured().startsWith("1.11x (5.0 vs 4.5 ns)"), copying.measured());
    Verdict writer = verdict("back-to-back writer: SeqLock.latched, field reads/writes writer ≤ 0.5 ×"
        + " StampedLock's writer");
    assertEquals(false, writer.met(), writer.measured()); // 60 vs 100
    assertEquals("MISSED", writer.outcome());
    Verdict notRun = verdict("no writer: SeqLock.latched, field reads/writes read ≤ 1.1 × "
        + "StampedLock's optimistic read");
    assertNull(notRun.met());
    assertEquals("not measured", notRun.outcome());
  }

  @Test
  void eachTargetShowsTheSameRatioForTheProtocolByHand() {
    assertEquals("0.50x (hand-written seqlock, field reads/writes)",
        verdict("no writer: SeqLock.create, field reads/writes read ≤ 1.1 × StampedLock's"
            + " optimistic read").byHand());
    // the shared file against the heap: the mapped file's premium by hand, another pair of designs
    assertEquals("2.50x (hand-written seqlock on Agrona UnsafeBuffer, mapped file, field reads/writes"
            + " vs hand-written seqlock, field reads/writes)",
        verdict("no writer: SharedSeqLockArray, field reads/writes read ≤ 1.25 × SeqLock.latched,"
            + " field reads/writes read").byHand());
    assertEquals("not measured", verdict("back-to-back writer: SeqLock.latched, field reads/writes"
        + " writer ≤ 0.5 × StampedLock's writer").byHand(), "no latched design by hand in the run");
    assertEquals(ComparisonTargets.NONE,
        verdict("no writer: SeqLock.create read ≤ 1.25 × hand-written seqlock read").byHand(),
        "the baseline is written by hand");
    assertEquals("0.50x (floor: an Acquire load per symbol)", verdict("book of 1,024 symbols, nothing"
        + " new: SeqLockArray.latched, readIfNewer per symbol ≤ 0.75 × StampedLock's poll, per"
        + " symbol").byHand());
  }

  @Test
  void pollTargetsAreRatiosToStampedLocksPollInThePollRun() {
    Verdict scan = verdict("book of 1,024 symbols, nothing new: SeqLockArray.latched, changedSlots"
        + " ≤ 0.25 × StampedLock's poll, per symbol");
    assertEquals(true, scan.met(), scan.measured());
    assertEquals("0.05x (0.10 vs 2.00 ns)", scan.measured());
    Verdict perSymbol = verdict("book of 1,024 symbols, nothing new: SeqLockArray.latched,"
        + " readIfNewer per symbol ≤ 0.75 × StampedLock's poll, per symbol");
    assertEquals(false, perSymbol.met(), perSymbol.measured());
    Verdict allocation = verdict("book of 1,024 symbols: SeqLockArray.latched, changedSlots: 0 B per"
        + " round");
    assertEquals(true, allocation.met(), allocation.measured()); // 0.0001 B per symbol
    assertEquals("0.102 B/round", allocation.measured());
    assertNull(verdict("book of 1,024 symbols: SharedSeqLockArray, changedSlots: 0 B per round")
        .met());
  }

  @Test
  void allocationBelowOneBytePerOperationIsNone() {
    assertEquals(true, verdict("SeqLock.create: 0 B per read").met());
    Verdict write = verdict("SeqLock.create: 0 B per write");
    assertEquals(false, write.met());
    assertEquals("80.000 B/op", write.measured());
  }

  @Test
  void theMainTableHasOneRowPerDesign() {
    List<String> lines = ComparisonMarkdown.mainTable(results()).lines().toList();
    assertEquals(2 + Design.values().length, lines.size());
    String create = lines.get(2);
    assertTrue(create.startsWith("| SeqLock.create | 5.0 ± 0.5 | – | – | 40.0 ± 4.0 | 60.0 ± 6.0 "
        + "| 25.0 % |"), create);
    assertTrue(create.endsWith("| 0 | 80 |"), create);
    String render = ComparisonMarkdown.render(results(),
        new RunInfo("a machine", "a JVM", "a day", "a command", "some runs"));
    assertTrue(render.contains("Machine: a machine. JVM: a JVM."), render);
    assertTrue(render.contains("| no writer: SeqLock.create read ≤ 1.25 × hand-written seqlock read | "
        + "1.11x (5.0 vs 4.5 ns) | – | met |"), render);
    assertTrue(render.contains("| SeqLockArray.latched, changedSlots | 0.10 ± 0.01 | 0.05x | 0 |"),
        render);
    assertTrue(render.contains("| StampedLock, per symbol | 2.00 ± 0.20 | 1.00x | – |"), render);
    assertTrue(render.contains("| StampedLock | – | 6.0 ± 0.6 | 7.5 | – | 25.0 ± 2.5 | – |"), render);
  }

  @Test
  void theChartIsAPng(@TempDir Path dir) throws IOException {
    Path png = dir.resolve("chart.png");
    ComparisonChart.writePng(results(), "test", png);
    byte[] signature = Arrays.copyOf(Files.readAllBytes(png), 4);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, signature);
  }

  @Test
  void noReadsNoChart(@TempDir Path dir) {
    ComparisonResults empty = new ComparisonResults(JmhCsv.parse(List.of(HEADER)));
    assertThrows(IllegalArgumentException.class,
        () -> ComparisonChart.writePng(empty, "test", dir.resolve("chart.png")));
  }

  @Test
  void readmeSectionBetweenTheMarkersIsReplaced(@TempDir Path dir) throws IOException {
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, "before\n" + ComparisonReport.README_BEGIN + "\nold table\n"
        + ComparisonReport.README_END + "\nafter\n", StandardCharsets.UTF_8);
    ComparisonReport.updateReadme(readme, "| new | table |\n",
        new RunInfo("m", "j", "d", "c", "r"));
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    assertEquals("before\n" + ComparisonReport.README_BEGIN + "\n| new | table |\n\nm; j; d; r.\n"
        + ComparisonReport.README_END + "\nafter\n", text);
  }

  @Test
  void aReadmeWithoutMarkersIsLeftAlone(@TempDir Path dir) throws IOException {
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, "no markers\n", StandardCharsets.UTF_8);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ComparisonReport.updateReadme(readme, "t", new RunInfo("m", "j", "d", "c", "r")));
    assertTrue(String.valueOf(e.getMessage()).contains(ComparisonReport.README_BEGIN), e.getMessage());
    assertEquals("no markers\n", Files.readString(readme, StandardCharsets.UTF_8));
  }
}
