package dev.seqlock.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.seqlock.benchmarks.report.JmhCsv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a JMH CSV result file ({@code -rf csv}) into a markdown table: one row per value of the
 * benchmark's first parameter, one column per benchmark method, each cell the score with its error
 * and its ratio to a baseline method of the same run.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.seqlock.benchmarks.RatioTable
 * results.csv arraycopyBaseline}.
 */
public final class RatioTable {
  private RatioTable() {}

  /** One JMH result row. */
  record Row(String method, String parameter, double score, double error, String unit) {}

  /**
   * Prints the table for a CSV file and a baseline method name.
   *
   * @param args the CSV file and the baseline's method name
   * @throws IOException if the file cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: RatioTable <jmh-results.csv> <baselineMethod>");
      System.exit(2);
    }
    List<Row> rows = parse(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8));
    print(rows, args[1], System.out);
  }

  /** The rows of JMH's CSV, each with its method name and the value of its first parameter. */
  static List<Row> parse(List<String> lines) {
    List<Row> rows = new ArrayList<>();
    for (JmhCsv.Row row : JmhCsv.parse(lines)) {
      String parameter = row.params().values().stream().findFirst().orElse("");
      rows.add(new Row(row.benchmark(), parameter, row.score(), row.error(), row.unit()));
    }
    return rows;
  }

  static void print(List<Row> rows, String baseline, PrintStream out) {
    Map<String, Map<String, Row>> byParameter = new TreeMap<>(RatioTable::compareParameters);
    Map<String, Boolean> methods = new LinkedHashMap<>();
    for (Row row : rows) {
      byParameter.computeIfAbsent(row.parameter(), k -> new LinkedHashMap<>()).put(row.method(), row);
      methods.put(row.method(), true);
    }
    String unit = rows.isEmpty() ? "" : rows.get(0).unit();
    StringBuilder header = new StringBuilder("| param |");
    StringBuilder rule = new StringBuilder("| ---: |");
    for (String method : methods.keySet()) {
      header.append(' ').append(method).append(" |");
      rule.append(" ---: |");
    }
    out.println(header);
    out.println(rule);
    for (Map.Entry<String, Map<String, Row>> entry : byParameter.entrySet()) {
      Row base = entry.getValue().get(baseline);
      StringBuilder line = new StringBuilder("| ").append(entry.getKey()).append(" |");
      for (String method : methods.keySet()) {
        Row row = entry.getValue().get(method);
        if (row == null) {
          line.append(" – |");
          continue;
        }
        line.append(String.format(Locale.ROOT, " %.1f ± %.1f", row.score(), row.error()));
        if (base != null) {
          line.append(String.format(Locale.ROOT, " (%.2fx)", row.score() / base.score()));
        }
        line.append(" |");
      }
      out.println(line);
    }
    out.println();
    out.println("Scores in " + unit + " (mean ± 99.9% error); (Nx) = ratio to " + baseline
        + " in the same run.");
  }

  private static int compareParameters(String a, String b) {
    try {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }
}
