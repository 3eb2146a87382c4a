package dev.seqlock.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JMH's CSV result format ({@code -rf csv}): one {@link Row} per primary or secondary result, with the
 * benchmark's parameters by name.
 */
public final class JmhCsv {
  private static final int FIXED_COLUMNS = 7;
  private static final String PARAM_PREFIX = "Param: ";

  private JmhCsv() {}

  /**
   * One result line.
   *
   * @param benchmark the benchmark's simple name with its group and secondary label, e.g.
   *     {@code backToBack:backToBackReader} or {@code noWriter:gc.alloc.rate.norm}
   * @param score the score
   * @param error the 99.9 % error, NaN when JMH had too few samples
   * @param unit the score's unit
   * @param params the parameter values by parameter name, in the CSV's column order
   */
  public record Row(
      String benchmark, double score, double error, String unit, Map<String, String> params) {
    /** Copies the parameters, keeping their order (the CSV's column order). */
    public Row {
      params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * The method or group name: {@link #benchmark()} up to the first {@code ':'}.
     *
     * @return the group (for a group's results) or method name
     */
    public String group() {
      int colon = benchmark.indexOf(':');
      return colon < 0 ? benchmark : benchmark.substring(0, colon);
    }

    /**
     * The secondary label: {@link #benchmark()} after the first {@code ':'}, without JMH's {@code ·}
     * prefix of profiler results; empty for a primary result.
     *
     * @return the label, e.g. {@code backToBackReader}, {@code retries} or {@code gc.alloc.rate.norm}
     */
    public String label() {
      int colon = benchmark.indexOf(':');
      return colon < 0 ? "" : benchmark.substring(colon + 1).replace("\u00b7", "");
    }

    /**
     * A parameter's value.
     *
     * @param name the parameter's name
     * @return its value, or the empty string if the benchmark has no such parameter
     */
    public String param(String name) {
      return params.getOrDefault(name, "");
    }
  }

  /**
   * Reads a CSV file.
   *
   * @param file the file JMH wrote
   * @return its rows, in file order
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if it is not JMH's CSV format
   */
  public static List<Row> read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /**
   * Parses the lines of a CSV file: a header {@code Benchmark,Mode,Threads,Samples,Score,Score Error
   * (99.9%),Unit[,Param: name…]}, then one line per result.
   *
   * @param lines the file's lines
   * @return the rows, in order
   * @throws IllegalArgumentException if the header is not JMH's
   */
  public static List<Row> parse(List<String> lines) {
    if (lines.isEmpty() || !split(lines.get(0)).get(0).equals("Benchmark")) {
      throw new IllegalArgumentException("not a JMH CSV file: the first line must start with Benchmark");
    }
    List<String> header = split(lines.get(0));
    List<Row> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      List<String> cells = split(line);
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = FIXED_COLUMNS; i < header.size() && i < cells.size(); i++) {
        params.put(header.get(i).replace(PARAM_PREFIX, ""), cells.get(i));
      }
      String benchmark = cells.get(0);
      String simpleName = benchmark.substring(simpleNameStart(benchmark));
      rows.add(new Row(simpleName, number(cells.get(4)), number(cells.get(5)), cells.get(6), params));
    }
    return rows;
  }

  /** Where the simple name starts: after the last '.' before the secondary label's ':'. */
  private static int simpleNameStart(String benchmark) {
    int colon = benchmark.indexOf(':');
    String qualified = colon < 0 ? benchmark : benchmark.substring(0, colon);
    int dot = qualified.lastIndexOf('.');
    // the method is after the class: "pkg.Class.method"; keep "method[:label]"
    return dot + 1;
  }

  private static double number(String cell) {
    return cell.isEmpty() || cell.equals("NaN") ? Double.NaN : Double.parseDouble(cell);
  }

  /** Splits one CSV line; quotes group cells (JMH never puts quotes inside cells). */
  static List<String> split(String line) {
    Objects.requireNonNull(line, "line");
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
