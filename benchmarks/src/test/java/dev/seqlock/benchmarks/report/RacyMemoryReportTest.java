package dev.seqlock.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.benchmarks.report.ComparisonMarkdown.RunInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** RacyMemoryReport's table: ratios, verdicts, allocation and missing rows, on a hand-made CSV. */
class RacyMemoryReportTest {
  private static final String PREFIX = "dev.seqlock.benchmarks.RacyMemoryBenchmark.";

  private static String row(String benchmark, double score) {
    return String.format(Locale.ROOT, "\"%s%s\",\"avgt\",1,15,%f,%f,\"ns/op\"",
        PREFIX, benchmark, score, score / 10);
  }

  private static List<JmhCsv.Row> rows() {
    List<String> lines = new ArrayList<>();
    lines.add("\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\"");
    lines.add(row("unorderedLoad32", 1.1));
    lines.add(row("byteBufferGetInt", 1.0));
    lines.add(row("unorderedStore32", 1.5));
    lines.add(row("byteBufferPutInt", 1.0));
    lines.add(row("unorderedStore32:\u00b7gc.alloc.rate.norm", 0.0001));
    lines.add(row("getAndAdd32", 6.0));
    lines.add(row("getAndAdd8", 11.0));
    lines.add(row("varHandleGetAndAdd", 5.0));
    return JmhCsv.parse(lines);
  }

  private static String line(String table, String label) {
    return table.lines().filter(l -> l.startsWith("| " + label + " |")).findFirst().orElseThrow();
  }

  @Test
  void eachAccessIsSetAgainstItsBaselineAndTarget() {
    String table = RacyMemoryReport.table(rows());

    assertEquals("| UNORDERED `load32` | 1.10 ± 0.11 | direct `ByteBuffer.getInt` | 1.00 ± 0.10 "
        + "| 1.10x | ≤ 1.2x | met | – |", line(table, "UNORDERED `load32`"));
    assertEquals("| UNORDERED `store32` | 1.50 ± 0.15 | direct `ByteBuffer.putInt` | 1.00 ± 0.10 "
        + "| 1.50x | ≤ 1.2x | missed | 0 |", line(table, "UNORDERED `store32`"));
    assertTrue(line(table, "`getAndAdd8`").contains("| RacyMemory `getAndAdd32` | 6.00 ± 0.60 "
        + "| 1.83x | ≤ 2.0x | met |"), table);
    assertTrue(line(table, "`getAndAdd32`").contains("| 1.20x | ≤ 1.2x | met |"), table);
    assertTrue(line(table, "SEQ_CST `load32`").contains("| – | – | ≤ 1.2x | not run |"), table);
  }

  @Test
  void theReportNamesItsCommandAndRun() {
    String report = RacyMemoryReport.render(rows(),
        new RunInfo("cpu, 2 CPUs", "jvm 17", "2026-12-07", "java … RacyMemoryReport", "3 forks"));
    assertTrue(report.contains("Produced by `java … RacyMemoryReport`."), report);
    assertTrue(report.contains("cpu, 2 CPUs; jvm 17; 2026-12-07; 3 forks."), report);
    assertTrue(report.contains("| `varHandleGetAndAdd` | 5.00 ± 0.50 |"), "every score: " + report);
  }
}
