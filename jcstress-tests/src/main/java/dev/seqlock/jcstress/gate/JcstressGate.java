package dev.seqlock.jcstress.gate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * The CI gate of the jcstress suite: runs the real tests, then the negative control, each in its own
 * {@code java -jar jcstress.jar} subprocess with the same mode, and fails unless both runs end as they
 * must.
 *
 * <p>Usage: {@code java -cp jcstress.jar dev.seqlock.jcstress.gate.JcstressGate <jar> <mode>}. Reports go
 * to {@code jcstress-results/positive} and {@code jcstress-results/negative} next to the jar.
 *
 * <p>Why a gate and not just {@code java -jar jcstress.jar}: jcstress exits 0 when a test cannot be
 * scheduled ("No scheduling is possible", 3+ actors on 2 CPUs), when the filter matches nothing
 * ("FATAL: No matching tests."), and when an interesting outcome never shows up. So the gate checks,
 * for the positive run: exit status 0, neither sentence in the output, and exactly as many tests
 * reported in the run summary as the jar holds ({@link #EXPECTED_POSITIVE_TESTS}), and an interesting
 * outcome, the evidence that the race window was hit, from every test in {@link #MUST_HIT_RACE}. For the negative
 * controls (a deliberately broken copy, a deliberately broken seqlock, optimistic field reads
 * kept without validation and a latched reader that tolerates one write too many, {@code
 * dev.seqlock.jcstress.negative}), whose failure is the expected result: a non-zero exit status, every
 * control reported {@code [FAILED]}, and FORBIDDEN outcomes observed. A mode too weak to catch the control fails the gate.
 */
public final class JcstressGate {
  /** Every test of the suite except the negative controls. */
  static final String POSITIVE_FILTER = "^dev\\.seqlock\\.jcstress\\.(?!negative\\.)";

  /** The negative controls only. */
  static final String NEGATIVE_FILTER = "^dev\\.seqlock\\.jcstress\\.negative\\.";

  /**
   * How many positive tests the jar must hold. Guards against a test silently dropped (say, an
   * annotation lost); change it when tests are added or removed on purpose.
   */
  static final int EXPECTED_POSITIVE_TESTS = 13;

  /** How many negative controls the jar must hold. */
  static final int EXPECTED_NEGATIVE_TESTS = 4;

  /**
   * Tests that must report an interesting outcome in every run: for them it is the evidence that the
   * race window was hit (a write interfered with an optimistic read, which was then retried), without
   * which their FORBIDDEN outcomes would prove nothing.
   */
  static final Set<String> MUST_HIT_RACE =
      Set.of(
          "dev.seqlock.jcstress.SeqLockSnapshots.Create",
          "dev.seqlock.jcstress.SeqLockSnapshots.SingleWriter",
          "dev.seqlock.jcstress.SeqLockSnapshots.Latched",
          "dev.seqlock.jcstress.SeqLockArraySlot.Create",
          "dev.seqlock.jcstress.SeqLockArraySlot.Latched",
          "dev.seqlock.jcstress.SeqLockOptimisticReads");

  private static final String NO_SCHEDULING = "No scheduling is possible";
  private static final String NO_MATCHING = "FATAL: No matching tests";

  /** A category line of jcstress' "RUN RESULTS:" summary, e.g. "  Failed tests: No matches.". */
  private static final Pattern CATEGORY =
      Pattern.compile(
          "^\\s*(Interesting tests|Failed tests|Error tests|All remaining tests):"
              + " (?:No matches\\.|(\\d+) matching test results\\..*)$");

  /** A test line of the summary, e.g. ".......... [FAILED] dev.seqlock.jcstress.X.Y". */
  private static final Pattern TEST_LINE =
      Pattern.compile("^\\.*\\s*\\[([A-Z_ -]+)\\]\\s+(\\S+)\\s*$");

  /** A row of a result table, e.g. "  TOO   1,234   0.01%   Forbidden  Torn word: ...". */
  private static final Pattern RESULT_ROW =
      Pattern.compile(
          "^\\s*(.+?)\\s+([\\d,]+)\\s+\\S+\\s+(Acceptable|Interesting|Forbidden)\\s+(.*)$");

  private JcstressGate() {}

  /**
   * Runs the gate and exits with its status: 0 if both runs ended as they must, 1 otherwise.
   *
   * @param args the jcstress jar and the mode ({@code sanity}, {@code quick}, {@code default},
   *     {@code tough}, {@code stress})
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** The gate itself; returns the exit status. */
  static int run(String[] args) {
    if (args.length != 2 || args[1].isBlank()) {
      System.out.println("usage: JcstressGate <jcstress.jar> <mode>");
      return 2;
    }
    Path jar = Path.of(args[0]).toAbsolutePath();
    String mode = args[1];
    if (!Files.isRegularFile(jar)) {
      return fail("no jar at " + jar);
    }
    Path results = jar.resolveSibling("jcstress-results");
    long start = System.nanoTime();

    Set<String> positives = testsMatching(POSITIVE_FILTER);
    Set<String> negatives = testsMatching(NEGATIVE_FILTER);
    if (positives.size() != EXPECTED_POSITIVE_TESTS || negatives.size() != EXPECTED_NEGATIVE_TESTS) {
      return fail(
          "the jar holds "
              + positives.size()
              + " positive tests and "
              + negatives.size()
              + " negative controls, expected "
              + EXPECTED_POSITIVE_TESTS
              + " and "
              + EXPECTED_NEGATIVE_TESTS
              + " (update JcstressGate if tests were added or removed on purpose): "
              + positives
              + " "
              + negatives);
    }

    // Step 1: the real tests must all run and all pass.
    Run positive = Run.of(jar, mode, POSITIVE_FILTER, results.resolve("positive"));
    @Nullable String problem = positive.schedulingProblem();
    if (problem == null && positive.exitCode != 0) {
      problem =
          "jcstress exited with "
              + positive.exitCode
              + "; failed: "
              + positive.names("Failed tests")
              + ", errors: "
              + positive.names("Error tests");
    }
    if (problem == null && positive.testsRun() != positives.size()) {
      problem =
          positive.testsRun() + " of " + positives.size() + " selected tests reported in the summary";
    }
    if (problem == null && !positives.containsAll(positive.reportedNames())) {
      problem = "unexpected tests in the summary: " + positive.reportedNames();
    }
    if (problem == null && !positive.names("Interesting tests").containsAll(MUST_HIT_RACE)) {
      Set<String> missed = new TreeSet<>(MUST_HIT_RACE);
      missed.removeAll(positive.names("Interesting tests"));
      problem = "the race window was never hit (no interesting outcome) in: " + missed;
    }
    verdict(
        1,
        "positive suite",
        mode,
        positive,
        problem,
        positive.testsRun()
            + "/"
            + positives.size()
            + " tests ran and passed, exit 0 ("
            + positive.names("Interesting tests").size()
            + " with interesting outcomes: "
            + positive.names("Interesting tests")
            + ")");
    if (problem != null) {
      return fail("positive suite: " + problem);
    }

    // Step 2: the negative control must run and FAIL with a forbidden outcome.
    Run negative = Run.of(jar, mode, NEGATIVE_FILTER, results.resolve("negative"));
    problem = negative.schedulingProblem();
    long forbidden = negative.forbiddenSamples();
    if (problem == null && negative.exitCode == 0) {
      problem =
          "the broken controls PASSED (exit 0): mode '"
              + mode
              + "' cannot catch them on this machine";
    }
    if (problem == null && !negative.names("Failed tests").containsAll(negatives)) {
      problem =
          "exit "
              + negative.exitCode
              + " but the control is not reported [FAILED] (failed: "
              + negative.names("Failed tests")
              + ", errors: "
              + negative.names("Error tests")
              + ")";
    }
    if (problem == null && forbidden <= 0) {
      problem = "the control failed, but no FORBIDDEN outcome with samples was found in the report";
    }
    verdict(
        2,
        "negative control",
        mode,
        negative,
        problem,
        "failed as expected (exit "
            + negative.exitCode
            + "), FORBIDDEN outcomes observed "
            + String.format("%,d", forbidden)
            + " times in "
            + negative.forbidden.size()
            + " distinct results; most frequent: "
            + negative.forbiddenResults(3));
    if (problem != null) {
      return fail("negative control: " + problem);
    }

    System.out.println(
        "JCSTRESS GATE: PASS (mode " + mode + ", total " + format(System.nanoTime() - start) + ")");
    return 0;
  }

  private static void verdict(
      int step, String what, String mode, Run run, @Nullable String problem, String success) {
    System.out.println(
        "JCSTRESS GATE ["
            + step
            + "/2] "
            + what
            + " (-m "
            + mode
            + ", "
            + format(run.nanos)
            + "): "
            + (problem == null ? "PASS: " + success : "FAIL: " + problem));
  }

  private static int fail(String message) {
    System.out.println("JCSTRESS GATE: FAIL: " + message);
    return 1;
  }

  /**
   * The tests whose names the filter finds, as jcstress' -t does, in the TestList of this class' own
   * class path: the gate runs from the jar it tests.
   */
  private static Set<String> testsMatching(String filter) {
    Pattern pattern = Pattern.compile(filter);
    Set<String> names = new TreeSet<>();
    for (String name : TestList.tests()) {
      if (pattern.matcher(name).find()) {
        names.add(name);
      }
    }
    return names;
  }

  private static String format(long nanos) {
    Duration d = Duration.ofNanos(nanos);
    return d.toMinutes() + "m" + String.format("%02d", d.toSecondsPart()) + "s";
  }

  /** One jcstress subprocess: its exit code, its output, and what its summary says. */
  private static final class Run {
    final int exitCode;
    final long nanos;
    final List<String> output;

    /** Test names listed per summary category. */
    final Map<String, Set<String>> listed = new TreeMap<>();

    /** The count each summary category states. */
    final Map<String, Integer> counts = new TreeMap<>();

    /** Samples per forbidden result ("Test result (description)") of the tests that failed. */
    final Map<String, Long> forbidden = new TreeMap<>();

    private Run(int exitCode, long nanos, List<String> output) {
      this.exitCode = exitCode;
      this.nanos = nanos;
      this.output = output;
      parseSummary();
    }

    static Run of(Path jar, String mode, String filter, Path resultDir) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command =
          List.of(java, "-jar", jar.toString(), "-m", mode, "-t", filter, "-r", resultDir.toString());
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
        return new Run(exit, System.nanoTime() - start, lines);
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

    /** Reads the "RUN RESULTS:" summary: categories, their counts, their tests and result rows. */
    private void parseSummary() {
      int start = output.lastIndexOf("RUN RESULTS:");
      if (start < 0) {
        return;
      }
      String category = null;
      Set<String> names = new TreeSet<>();
      String test = null;
      for (String line : output.subList(start + 1, output.size())) {
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

    /** Why the run cannot be trusted at all, or null. */
    @Nullable String schedulingProblem() {
      for (String line : output) {
        if (line.contains(NO_SCHEDULING)) {
          return "jcstress could not schedule some tests (\"" + line.trim() + "\")";
        }
        if (line.contains(NO_MATCHING)) {
          return "jcstress found no matching tests (\"" + line.trim() + "\")";
        }
      }
      if (!output.contains("RUN RESULTS:")) {
        return "no \"RUN RESULTS:\" summary in the output (exit " + exitCode + ")";
      }
      return null;
    }

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
  }
}
