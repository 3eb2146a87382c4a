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

  private static ComparisonResults results() {
    return new ComparisonResults(JmhCsv.parse(csv()));
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
    Verdict stamped = verdict("no writer: SeqLock.create read ≤ StampedLock's optimistic read");
    assertEquals(true, stamped.met(), stamped.measured()); // 5 vs 6
    assertTrue(stamped.measured().startsWith("0.83x"), stamped.measured());
    Verdict cow = verdict("no writer: SeqLock.create read ≤ 1.5 × copy-on-write read");
    assertEquals(false, cow.met(), cow.measured()); // 5 vs 3: 1.67x
    assertEquals("MISSED", cow.outcome());
    Verdict reader = verdict("back-to-back writer: SeqLock.create reader ≤ 2 × StampedLock's reader");
    assertEquals(true, reader.met(), reader.measured()); // 40 vs 25: 1.6x
    Verdict writer =
        verdict("back-to-back writer: SeqLock.create writer ≤ 0.5 × StampedLock's writer");
    assertEquals(false, writer.met(), writer.measured()); // 60 vs 100
    Verdict notRun = verdict("paced writer: SeqLock.create reader ≤ StampedLock's reader");
    assertNull(notRun.met());
    assertEquals("not measured", notRun.outcome());
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
    assertTrue(render.contains("| no writer: SeqLock.create read ≤ StampedLock's optimistic read | "
        + "0.83x (5.0 vs 6.0 ns) | met |"), render);
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
