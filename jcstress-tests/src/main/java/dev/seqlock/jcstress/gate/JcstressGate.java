package dev.seqlock.jcstress.gate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * The CI gate of the jcstress suite: runs the real tests, then the negative controls, each in its own
 * {@code java -jar jcstress.jar} subprocess, in each of a few chosen JVM configurations, and fails
 * unless every run ends as it must.
 *
 * <p>Usage: {@code java -cp jcstress.jar dev.seqlock.jcstress.gate.JcstressGate <jar> <mode>
 * <ci|full>}. Reports go to {@code jcstress-results/<configuration>/positive} and {@code .../negative}
 * next to the jar.
 *
 * <p>Why a gate and not just {@code java -jar jcstress.jar}: jcstress exits 0 when a test cannot be
 * scheduled ("No scheduling is possible", 3+ actors on 2 CPUs), when the filter matches nothing
 * ("FATAL: No matching tests."), when a test is skipped, and when an interesting outcome never shows
 * up. So the gate checks, for every run: neither sentence in the output, every planned result in, no
 * skipped test and no error, and every result block compiled as its configuration asks; for each
 * positive run: exit status 0, exactly as many tests reported in the run summary as the jar holds
 * ({@link #EXPECTED_POSITIVE_TESTS}), and an interesting outcome, the evidence that the race window
 * was hit, from every test in {@link #MUST_HIT_RACE}. For each run
 * of the negative controls (a deliberately broken copy, a deliberately broken seqlock, optimistic field
 * reads kept without validation, a latched reader that tolerates one write too many, a change
 * scan told of a write before it completes, RacyMemory's litmus tests and the WebAssembly threads
 * litmus files with unordered accesses, and a waiter list that loses wake-ups,
 * {@code dev.seqlock.jcstress.negative}), whose failure is the expected result: a non-zero exit status, every
 * control reported {@code [FAILED]}, and FORBIDDEN outcomes observed. A configuration too weak to
 * catch the controls fails the gate. After each run the gate prints, per test, the results (JVM
 * configuration and fork) in which it showed an interesting (positive) or forbidden (negative)
 * outcome.
 *
 * <h2>Which configurations run</h2>
 *
 * <p>{@code ci} (what {@code mvn verify} runs) runs the suite in two configurations, each through
 * jcstress' {@code -sc false -jvmArgs <flags>}, which compiles all actors alike with those flags:
 * {@link #C2} ({@code -XX:-TieredCompilation}: the actors run interpreted, then C2-compiled) and
 * {@link #C2_STRESS} (the same with C2's scheduling, value-numbering and constant-propagation
 * randomisers, jcstress' own stress flags, seeded afresh for each run). On JDK 17 jcstress runs each
 * twice, with and without biased locking: no test here takes a monitor, so that is a second fork of
 * the same configuration. {@code full} runs jcstress' own matrix instead: in {@code quick} mode on JDK
 * 17 with 2 CPUs, 28 results per test (interpreter, C1 or C2 per actor in all 9 combinations, the 5 of
 * them with a C2 actor again under the stress flags, each with and without biased locking; more forks
 * in the longer modes).
 *
 * <p>Evidence (2026-12-06, this project's 2-CPU CI machine, OpenJDK 17.0.15, {@code quick} mode):
 *
 * <ul>
 *   <li>Two {@code full} runs: every must-hit test showed its interesting outcome in 28 of 28 results
 *       in both. {@code UnvalidatedFieldReads} was caught in 28 and 28, {@code BrokenWordCopy} in 28
 *       and 27, {@code OverTolerantLatch} in 27 and 23 (missed mostly beside an interpreted reader).
 *       {@code BrokenSeqLock}, whose plain sequence only a compiler folds, in 18 and 20: never without
 *       a C2 actor, and in the second run in every combination with one.
 *   <li>{@code C2} and {@code C2-stress}, four runs of each: every must-hit race hit and every control
 *       caught in both forks of every run.
 *   <li>Tiered compilation, unified ({@code -XX:+TieredCompilation}), one run: {@code
 *       OverTolerantLatch} was caught in one fork of two, so it was not chosen.
 * </ul>
 *
 * <p>So the bugs these tests exist for show where C2 compiles the actors, and the two C2
 * configurations keep the power at a small part of the cost (README gives the times). What they
 * leave out is the interpreter and C1 timing the actors differently, which no control needs; run
 * {@code full} ({@code mvn verify -Pjcstress-full}, README) before a release and after changing any
 * fence, access mode or ordering in the library.
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
  static final int EXPECTED_POSITIVE_TESTS = 19;

  /** How many negative controls the jar must hold. */
  static final int EXPECTED_NEGATIVE_TESTS = 8;

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
          "dev.seqlock.jcstress.SeqLockSnapshots.LatchedSingleWriter",
          "dev.seqlock.jcstress.SeqLockSnapshots.LatchedInMappedFile",
          "dev.seqlock.jcstress.SeqLockArraySlot.Create",
          "dev.seqlock.jcstress.SeqLockArraySlot.Latched",
          "dev.seqlock.jcstress.SeqLockOptimisticReads",
          "dev.seqlock.jcstress.ChangeScan",
          "dev.seqlock.jcstress.RacyMemoryLitmus",
          "dev.seqlock.jcstress.RacyMemoryWaitNotify",
          "dev.seqlock.jcstress.WastThreadsLitmus");

  /**
   * One JVM configuration, run through jcstress' {@code -sc false -jvmArgs <flags>} (unified
   * compilation, these flags only), or, with no flags, jcstress' own matrix.
   *
   * @param name the name in the gate's output and report directory
   * @param jvmFlags the JVM flags, space-separated; empty for jcstress' matrix
   * @param seeded whether each run adds a fresh {@code -XX:StressSeed}, printed with every result
   *     block so that a failure can be reproduced
   */
  record Configuration(String name, String jvmFlags, boolean seeded) {
    /** The jcstress options selecting this configuration, with a fresh seed if it is seeded. */
    List<String> options() {
      if (jvmFlags.isEmpty()) {
        return List.of();
      }
      String seed =
          seeded ? " -XX:StressSeed=" + ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE) : "";
      return List.of("-sc", "false", "-jvmArgs", jvmFlags + seed);
    }
  }

  /** C2 only: the actors run interpreted, then C2-compiled; no C1. */
  static final Configuration C2 = new Configuration("C2", "-XX:-TieredCompilation", false);

  /**
   * C2 with its randomisers: jcstress 0.16's stress flags on JDK 17 with C2 alone (its {@code
   * C2_ONLY_STRESS_JVM_FLAGS}).
   */
  static final Configuration C2_STRESS =
      new Configuration(
          "C2-stress",
          "-XX:-TieredCompilation -XX:+UnlockDiagnosticVMOptions -XX:+StressLCM -XX:+StressGCM"
              + " -XX:+StressIGVN -XX:+StressCCP",
          true);

  /** jcstress' own matrix of configurations (28 per test on JDK 17 with 2 CPUs in quick mode). */
  static final Configuration FULL = new Configuration("full", "", false);

  private JcstressGate() {}

  /**
   * Runs the gate and exits with its status: 0 if every run ended as it must, 1 otherwise, 2 on bad
   * arguments.
   *
   * @param args the jcstress jar, the mode ({@code sanity}, {@code quick}, {@code default}, {@code
   *     tough}, {@code stress}) and the configurations ({@code ci} or {@code full})
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** The configurations a name selects; null for an unknown name. */
  static @Nullable List<Configuration> configurations(String name) {
    return switch (name) {
      case "ci" -> List.of(C2, C2_STRESS);
      case "full" -> List.of(FULL);
      default -> null;
    };
  }

  /** The gate itself; returns the exit status. */
  static int run(String[] args) {
    @Nullable List<Configuration> configurations = args.length == 3 ? configurations(args[2]) : null;
    if (configurations == null || args[1].isBlank()) {
      System.out.println("usage: JcstressGate <jcstress.jar> <mode> <ci|full>");
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

    List<String> passed = new ArrayList<>();
    for (Configuration configuration : configurations) {
      Path dir = results.resolve(configuration.name());

      // The real tests must all run and all pass, and hit the races they exist for.
      JcstressRun positive =
          JcstressRun.of(jar, options(mode, configuration, POSITIVE_FILTER), dir.resolve("positive"));
      @Nullable String problem = positiveProblem(positive, configuration, positives, MUST_HIT_RACE);
      verdict(
          configuration,
          "positive suite",
          mode,
          positive,
          problem,
          positive.testsRun()
              + "/"
              + positives.size()
              + " tests ran and passed, exit 0 ("
              + positive.names("Interesting tests").size()
              + " with interesting outcomes)");
      evidence(positive, positives, false);
      if (problem != null) {
        return fail(configuration.name() + ", positive suite: " + problem);
      }

      // The negative controls must run and FAIL with forbidden outcomes.
      JcstressRun negative =
          JcstressRun.of(jar, options(mode, configuration, NEGATIVE_FILTER), dir.resolve("negative"));
      problem = negativeProblem(negative, configuration, negatives);
      verdict(
          configuration,
          "negative controls",
          mode,
          negative,
          problem,
          "failed as expected (exit "
              + negative.exitCode
              + "), FORBIDDEN outcomes observed "
              + String.format("%,d", negative.forbiddenSamples())
              + " times in "
              + negative.forbidden.size()
              + " distinct results; most frequent: "
              + negative.forbiddenResults(3));
      evidence(negative, negatives, true);
      if (problem != null) {
        return fail(configuration.name() + ", negative controls: " + problem);
      }
      passed.add(configuration.name() + " " + format(positive.nanos + negative.nanos));
    }

    System.out.println(
        "JCSTRESS GATE: PASS (mode "
            + mode
            + ", configurations "
            + passed
            + ", total "
            + format(System.nanoTime() - start)
            + ")");
    return 0;
  }

  private static List<String> options(String mode, Configuration configuration, String filter) {
    List<String> all = new ArrayList<>(List.of("-m", mode));
    all.addAll(configuration.options());
    all.addAll(List.of("-t", filter));
    return all;
  }

  /** Why a run of either kind cannot be trusted, or null. */
  private static @Nullable String runProblem(JcstressRun run, Configuration configuration) {
    @Nullable String problem = run.runProblem();
    return problem != null ? problem : configurationProblem(run, configuration);
  }

  /**
   * Why the run did not run in the configuration asked for, or null: every result block of a chosen
   * configuration must be compiled unified (one mode for all actors) with its flags.
   */
  static @Nullable String configurationProblem(JcstressRun run, Configuration configuration) {
    if (configuration.jvmFlags().isEmpty()) {
      return null;
    }
    List<String> flags = List.of(configuration.jvmFlags().split(" "));
    for (String seen : run.configurations()) {
      boolean all = flags.stream().allMatch(f -> seen.contains(f + ",") || seen.contains(f + "]"));
      if (!seen.startsWith("unified ") || !all) {
        return "a result block ran in "
            + seen
            + ", not in "
            + configuration.name()
            + " (unified, "
            + flags
            + ")";
      }
    }
    return null;
  }

  /**
   * Why the positive run fails the gate, or null; {@code mustHit}: the tests required to show an
   * interesting outcome.
   */
  static @Nullable String positiveProblem(
      JcstressRun run, Configuration configuration, Set<String> positives, Set<String> mustHit) {
    @Nullable String problem = runProblem(run, configuration);
    if (problem == null && run.exitCode != 0) {
      problem =
          "jcstress exited with "
              + run.exitCode
              + "; failed: "
              + run.names("Failed tests")
              + ", errors: "
              + run.names("Error tests");
    }
    if (problem == null && run.testsRun() != positives.size()) {
      problem = run.testsRun() + " of " + positives.size() + " selected tests reported in the summary";
    }
    if (problem == null && !positives.containsAll(run.reportedNames())) {
      problem = "unexpected tests in the summary: " + run.reportedNames();
    }
    if (problem == null && !run.names("Interesting tests").containsAll(mustHit)) {
      Set<String> missed = new TreeSet<>(mustHit);
      missed.removeAll(run.names("Interesting tests"));
      problem = "the race window was never hit (no interesting outcome) in: " + missed;
    }
    return problem;
  }

  /** Why the negative run fails the gate, or null. */
  static @Nullable String negativeProblem(
      JcstressRun run, Configuration configuration, Set<String> negatives) {
    @Nullable String problem = runProblem(run, configuration);
    if (problem == null && run.exitCode == 0) {
      problem =
          "the broken controls PASSED (exit 0): configuration "
              + configuration.name()
              + " cannot catch them on this machine";
    }
    if (problem == null && run.testsRun() != negatives.size()) {
      problem = run.testsRun() + " of " + negatives.size() + " controls reported in the summary";
    }
    if (problem == null && !run.names("Failed tests").containsAll(negatives)) {
      Set<String> missed = new TreeSet<>(negatives);
      missed.removeAll(run.names("Failed tests"));
      problem =
          "exit "
              + run.exitCode
              + " but not every control is reported [FAILED]: not caught "
              + missed
              + " (errors: "
              + run.names("Error tests")
              + ")";
    }
    if (problem == null && run.forbiddenSamples() <= 0) {
      problem = "the controls failed, but no FORBIDDEN outcome with samples was found in the report";
    }
    return problem;
  }

  private static void verdict(
      Configuration configuration,
      String what,
      String mode,
      JcstressRun run,
      @Nullable String problem,
      String success) {
    System.out.println(
        "JCSTRESS GATE ["
            + configuration.name()
            + "] "
            + what
            + " (-m "
            + mode
            + ", "
            + format(run.nanos)
            + "): "
            + (problem == null ? "PASS: " + success : "FAIL: " + problem));
  }

  /**
   * Prints, per test, in how many of the run's results (JVM configurations and forks) it showed an
   * interesting outcome (positive tests; for a must-hit test, the race was hit) or a forbidden one
   * (controls: the bug was caught), and, for must-hit tests and controls, which results did not.
   */
  private static void evidence(JcstressRun run, Set<String> tests, boolean controls) {
    int total = run.configurationsPerTest();
    for (String test : tests) {
      Set<String> seen = controls ? run.forbiddenIn(test) : run.interestingIn(test);
      boolean required = controls || MUST_HIT_RACE.contains(test);
      Set<String> missing = new TreeSet<>(run.configurations());
      missing.removeAll(seen);
      System.out.println(
          "JCSTRESS GATE evidence: "
              + test.substring("dev.seqlock.jcstress.".length())
              + (controls ? ": caught in " : required ? ": race hit in " : ": interesting outcome in ")
              + seen.size()
              + "/"
              + total
              + " results (configuration and fork)"
              + (required && seen.size() < total && !missing.isEmpty() ? "; not in " + missing : ""));
    }
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
}
