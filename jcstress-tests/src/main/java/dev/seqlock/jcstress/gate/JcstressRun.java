package dev.seqlock.jcstress.gate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One {@code java -jar jcstress.jar} subprocess and what its console output says: the exit status, the
 * "RUN RESULTS:" summary (categories, their tests, the forbidden results of failed tests), and, per
 * test, the JVM configurations in which it showed an interesting or a forbidden outcome.
 *
 * <p>jcstress prints a result block (test, compilation mode, JVM arguments, result table) for every
 * configuration of a test that failed or showed an interesting outcome, and none for a plain pass; the
 * per-configuration evidence comes from those blocks, the number of configurations per test from the
 * progress line ("Results: N planned").
 */
final class JcstressRun {
  private static final String NO_SCHEDULING = "No scheduling is possible";
  private static final String NO_MATCHING = "FATAL: No matching tests";
  private static final String SUMMARY = "RUN RESULTS:";

  /** A category line of the summary, e.g. "  Failed tests: No matches.". */
  private static final Pattern CATEGORY =
      Pattern.compile(
          "^\\s*(Interesting tests|Failed tests|Error tests|All remaining tests):"
              + " (?:No matches\\.|(\\d+) matching test results\\..*)$");

  /** A test line, e.g. ".......... [FAILED] dev.seqlock.jcstress.X.Y" (the dots vary in number). */
  private static final Pattern TEST_LINE =
      Pattern.compile("^\\.*\\s*\\[([A-Z_ -]+)\\]\\s+(\\S+)\\s*$");

  /** A row of a result table, e.g. "  TOO   1,234   0.01%   Forbidden  Torn word: ...". */
  private static final Pattern RESULT_ROW =
      Pattern.compile(
          "^\\s*(.+?)\\s+([\\d,]+)\\s+\\S+\\s+(Acceptable|Interesting|Forbidden)\\s+(.*)$");

  /** The progress line, e.g. "(Results: 34 planned; 24 passed, 8 failed, 0 soft errs, 0 hard errs)". */
  private static final Pattern PROGRESS =
      Pattern.compile(
          "^\\(Results: (\\d+) planned; (\\d+) passed, (\\d+) failed, (\\d+) soft errs,"
              + " (\\d+) hard errs\\)$");

  /** An actor's compilation in a split block, e.g. "    reader: C2". */
  private static final Pattern ACTOR_MODE = Pattern.compile("^\\s+(\\w+): (Interpreter|C1|C2)\\s*$");

  /** The random seed jcstress or the gate adds to the stress flags: not part of a configuration. */
  private static final Pattern STRESS_SEED = Pattern.compile(",? ?-XX:StressSeed=\\d+");

  final int exitCode;
  final long nanos;
  final List<String> output;

  /** Test names listed per summary category. */
  private final Map<String, Set<String>> listed = new TreeMap<>();

  /** The count each summary category states. */
  private final Map<String, Integer> counts = new TreeMap<>();

  /** Samples per forbidden result ("Test result (description)") of the tests that failed. */
  final Map<String, Long> forbidden = new TreeMap<>();

  /** Per test, the configurations whose block showed an interesting outcome. */
  private final Map<String, Set<String>> interestingIn = new TreeMap<>();

  /** Per test, the configurations whose block showed a forbidden outcome. */
  private final Map<String, Set<String>> forbiddenIn = new TreeMap<>();

  /** Every configuration seen in a block, in order of appearance. */
  private final Set<String> configurations = new LinkedHashSet<>();

  /** The last progress line's counts: planned, passed, failed, soft errors, hard errors. */
  private int planned;
  private int passed;
  private int failed;
  private int softErrors;
  private int hardErrors;

  JcstressRun(int exitCode, long nanos, List<String> output) {
    this.exitCode = exitCode;
    this.nanos = nanos;
    this.output = output;
    int summary = output.lastIndexOf(SUMMARY);
    parseBlocks(summary < 0 ? output : output.subList(0, summary));
    if (summary >= 0) {
      parseSummary(output.subList(summary + 1, output.size()));
    }
  }

  /**
   * Runs jcstress on {@code jar} with {@code arguments}, its reports in {@code resultDir} (emptied
   * first), echoing its output.
   */
  static JcstressRun of(Path jar, List<String> arguments, Path resultDir) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
    command.addAll(arguments);
    command.addAll(List.of("-r", resultDir.toString()));
    System.out.println("JCSTRESS GATE: running " + String.join(" ", command));
    long start = System.nanoTime();
    try {
      deleteRecursively(resultDir);
      Files.createDirectories(resultDir);
      Process process =
          new ProcessBuilder(command)
              .directory(resultDir.toFile()) // jcstress' binary result file lands there too
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      List<String> lines = new ArrayList<>();
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          System.out.println(line);
          lines.add(line);
        }
      }
      int exit = process.waitFor();
      return new JcstressRun(exit, System.nanoTime() - start, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run jcstress: " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running jcstress", e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Reads the per-configuration result blocks printed while the tests ran. */
  private void parseBlocks(List<String> lines) {
    @Nullable String test = null;
    @Nullable String flags = null;
    @Nullable String configuration = null;
    StringBuilder compilation = new StringBuilder();
    boolean inCompilation = false;
    for (String line : lines) {
      Matcher p = PROGRESS.matcher(line);
      if (p.matches()) {
        planned = Integer.parseInt(p.group(1));
        passed = Integer.parseInt(p.group(2));
        failed = Integer.parseInt(p.group(3));
        softErrors = Integer.parseInt(p.group(4));
        hardErrors = Integer.parseInt(p.group(5));
        continue;
      }
      Matcher t = TEST_LINE.matcher(line);
      if (t.matches()) {
        test = t.group(2);
        flags = null;
        configuration = null;
        compilation.setLength(0);
        inCompilation = false;
        continue;
      }
      if (test == null) {
        continue;
      }
      String trimmed = line.trim();
      if (trimmed.startsWith("Compilation:")) {
        String mode = trimmed.substring("Compilation:".length()).trim();
        inCompilation = mode.equals("split");
        compilation.append(inCompilation ? "split" : "unified");
        continue;
      }
      Matcher actor = ACTOR_MODE.matcher(line);
      if (inCompilation && actor.matches()) {
        compilation.append(' ').append(actor.group(1)).append(':').append(actor.group(2));
        continue;
      }
      inCompilation = false;
      if (trimmed.startsWith("JVM args:")) {
        flags = STRESS_SEED.matcher(trimmed.substring("JVM args:".length()).trim()).replaceAll("");
        continue;
      }
      if (trimmed.startsWith("Fork: ") && flags != null) {
        // One result: the block's rows follow.
        configuration = compilation + " " + flags + " fork " + trimmed.substring("Fork: ".length());
        configurations.add(configuration);
        continue;
      }
      Matcher row = RESULT_ROW.matcher(line);
      if (configuration != null && row.matches()) {
        long samples = Long.parseLong(row.group(2).replace(",", ""));
        if (samples > 0 && row.group(3).equals("Interesting")) {
          interestingIn.computeIfAbsent(test, k -> new TreeSet<>()).add(configuration);
        } else if (samples > 0 && row.group(3).equals("Forbidden")) {
          forbiddenIn.computeIfAbsent(test, k -> new TreeSet<>()).add(configuration);
        }
      }
    }
  }

  /** Reads the "RUN RESULTS:" summary: categories, their counts, their tests and result rows. */
  private void parseSummary(List<String> lines) {
    String category = null;
    Set<String> names = new TreeSet<>();
    String test = null;
    for (String line : lines) {
      Matcher c = CATEGORY.matcher(line);
      if (c.matches()) {
        category = c.group(1);
        test = null;
        counts.put(category, c.group(2) == null ? 0 : Integer.parseInt(c.group(2)));
        names = new TreeSet<>();
        listed.put(category, names);
        continue;
      }
      if (category == null) {
        continue;
      }
      Matcher t = TEST_LINE.matcher(line);
      if (t.matches()) {
        test = t.group(2);
        names.add(test);
        continue;
      }
      Matcher row = RESULT_ROW.matcher(line);
      if (test != null && category.equals("Failed tests") && row.matches()) {
        long samples = Long.parseLong(row.group(2).replace(",", ""));
        if (row.group(3).equals("Forbidden") && samples > 0) {
          String key =
              test.substring(test.lastIndexOf('.') + 1)
                  + " "
                  + row.group(1).trim()
                  + " ("
                  + row.group(4).trim()
                  + ")";
          forbidden.merge(key, samples, Long::sum);
        }
      }
    }
  }

  /**
   * Why the run cannot be trusted at all, or null: tests left unscheduled or unmatched, no summary,
   * results missing, or tests that ended in an error or were skipped (jcstress exits 0 on a skipped
   * test, and its summary counts it among the remaining tests).
   */
  @Nullable String runProblem() {
    for (String line : output) {
      if (line.contains(NO_SCHEDULING)) {
        return "jcstress could not schedule some tests (\"" + line.trim() + "\")";
      }
      if (line.contains(NO_MATCHING)) {
        return "jcstress found no matching tests (\"" + line.trim() + "\")";
      }
    }
    if (!output.contains(SUMMARY)) {
      return "no \"" + SUMMARY + "\" summary in the output (exit " + exitCode + ")";
    }
    if (softErrors != 0 || hardErrors != 0 || passed + failed != planned || planned == 0) {
      return "results: "
          + planned
          + " planned, "
          + passed
          + " passed, "
          + failed
          + " failed, "
          + softErrors
          + " soft errors (skipped tests), "
          + hardErrors
          + " hard errors";
    }
    return null;
  }

  /** The tests the summary lists under {@code category} ("Interesting tests", "Failed tests"...). */
  Set<String> names(String category) {
    return listed.getOrDefault(category, Set.of());
  }

  /** Every test named in the summary. */
  Set<String> reportedNames() {
    Set<String> all = new TreeSet<>();
    listed.values().forEach(all::addAll);
    return all;
  }

  /**
   * How many tests the summary accounts for: those listed under the first three categories (a test
   * can be both interesting and failed) plus the count of "All remaining tests", which lists only
   * tests not listed before.
   */
  int testsRun() {
    Set<String> listedBefore = new TreeSet<>();
    listedBefore.addAll(names("Interesting tests"));
    listedBefore.addAll(names("Failed tests"));
    listedBefore.addAll(names("Error tests"));
    return listedBefore.size() + counts.getOrDefault("All remaining tests", 0);
  }

  long forbiddenSamples() {
    return forbidden.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The {@code limit} forbidden results seen most often, with their sample counts. */
  String forbiddenResults(int limit) {
    return forbidden.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(limit)
        .map(e -> e.getKey() + " = " + String.format("%,d", e.getValue()))
        .collect(Collectors.joining("; "));
  }

  /**
   * How many results (JVM configurations times forks) each test has: planned results over the tests
   * reported.
   */
  int configurationsPerTest() {
    int tests = testsRun();
    return tests == 0 ? 0 : planned / tests;
  }

  /** The results (configuration and fork) in which {@code test} showed an interesting outcome. */
  Set<String> interestingIn(String test) {
    return interestingIn.getOrDefault(test, Set.of());
  }

  /** The results (configuration and fork) in which {@code test} showed a forbidden outcome. */
  Set<String> forbiddenIn(String test) {
    return forbiddenIn.getOrDefault(test, Set.of());
  }

  /** Every result (configuration and fork) named in a result block. */
  Set<String> configurations() {
    return configurations;
  }
}
