package dev.seqlock.jcstress.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The gate's reading of jcstress' console output, on output in the format of jcstress 0.16's real runs
 * (blocks and summary lines copied from them, trimmed to a few tests): a wrong reading would let a
 * run that proves nothing pass the gate.
 */
class JcstressGateTest {
  private static final String CREATE = "dev.seqlock.jcstress.SeqLockSnapshots.Create";
  private static final String TWO_WRITERS = "dev.seqlock.jcstress.SeqLockUpdates.TwoWriters";
  private static final String PLAIN = "dev.seqlock.jcstress.negative.BrokenSeqLock.PlainSequence";
  private static final String LATCH =
      "dev.seqlock.jcstress.negative.OverTolerantLatch.ToleranceOfThree";

  private static final String BIASED =
      "unified [-XX:+UseBiasedLocking, -XX:-TieredCompilation] fork #1";
  private static final String UNBIASED =
      "unified [-XX:-UseBiasedLocking, -XX:-TieredCompilation] fork #1";

  /** A block printed while the tests run: one test in one configuration. */
  private static String block(String status, String test, String flags, String rows) {
    return block(status, test, "unified across all actors", flags, rows);
  }

  private static String block(
      String status, String test, String compilation, String flags, String rows) {
    return """

        .......... [%s] %s

          Scheduling class:
            writer: package group 0, core group 0
            reader: package group 0, core group 1

          CPU allocation:\s
            writer: CPU #0 (package #0, core #0, thread #0)
            reader: CPU #1 (package #0, core #1, thread #1)

          Compilation: %s

          JVM args: [%s]
          Fork: #1

             RESULT    SAMPLES     FREQ       EXPECT  DESCRIPTION
        %s
        """
        .formatted(status, test, compilation, flags, rows);
  }

  private static final String CREATE_ROWS =
      """
         .*[Tt].*          0    0.00%    Forbidden  Torn snapshot: bytes of both values.
              NNNNN  2,138,489   50.36%   Acceptable  Each read saw the old or the new value.
              NNNNn        113   <0.01%  Interesting  A write interfered with the first optimistic att...
      """;

  private static final String PLAIN_ROWS =
      """
             G    459,257    7.49%  Acceptable  Gave up after bounded attempts.
             T     18,077    0.29%   Forbidden  Kept a torn snapshot: the protocol is broken.
      """;

  private static final String LATCH_ROWS =
      """
             T      3,406    0.29%   Forbidden  Kept a torn read: the tolerance is too large.
             V          0    0.00%    Forbidden  Kept a read whose bytes are not its version's.
      """;

  private static final String LATCH_PASSED_ROWS =
      """
             T          0    0.00%    Forbidden  Kept a torn read: the tolerance is too large.
             R     12,000    0.29%  Interesting  Rejected a read two writes overlapped.
      """;

  /** A positive run: Create hit its race in one configuration of two; TwoWriters passed quietly. */
  private static List<String> positiveOutput() {
    String text =
        "(Results: 4 planned; 1 passed, 0 failed, 0 soft errs, 0 hard errs)\n"
            + block("OK", CREATE, "-XX:+UseBiasedLocking, -XX:-TieredCompilation", CREATE_ROWS)
            + "(Results: 4 planned; 4 passed, 0 failed, 0 soft errs, 0 hard errs)\n"
            + """

            RUN RESULTS:
              Interesting tests: 1 matching test results.

            .......... [OK] dev.seqlock.jcstress.SeqLockSnapshots.Create

              Results across all configurations:

                 RESULT    SAMPLES     FREQ       EXPECT  DESCRIPTION
              NNNNN  2,138,489   50.36%   Acceptable  Each read saw the old or the new value.
              NNNNn        113   <0.01%  Interesting  A write interfered with the first optimistic att...

              Failed tests: No matches.

              Error tests: No matches.

              All remaining tests: 1 matching test results. Use -v to print them.
            """;
    return List.of(text.split("\n", -1));
  }

  /** A negative run: PlainSequence caught in both configurations, the latch in one. */
  private static List<String> negativeOutput(boolean latchCaught) {
    String text =
        block("FAILED", PLAIN, "-XX:+UseBiasedLocking, -XX:-TieredCompilation", PLAIN_ROWS)
            + block("FAILED", PLAIN, "-XX:-UseBiasedLocking, -XX:-TieredCompilation", PLAIN_ROWS)
            + block(
                latchCaught ? "FAILED" : "OK",
                LATCH,
                "-XX:-UseBiasedLocking, -XX:-TieredCompilation, -XX:StressSeed=698615428",
                latchCaught ? LATCH_ROWS : LATCH_PASSED_ROWS)
            + "(Results: 4 planned; 1 passed, 3 failed, 0 soft errs, 0 hard errs)\n"
            + "\nRUN RESULTS:\n"
            + (latchCaught
                ? "  Interesting tests: No matches.\n"
                : "  Interesting tests: 1 matching test results.\n\n...... [OK] " + LATCH + "\n")
            + "\n  Failed tests: "
            + (latchCaught ? "2" : "1")
            + " matching test results.\n\n...... [FAILED] "
            + PLAIN
            + "\n\n  Results across all configurations:\n\n  RESULT    SAMPLES     FREQ      EXPECT"
            + "  DESCRIPTION\n"
            + PLAIN_ROWS.replace("18,077", "36,154")
            + (latchCaught
                ? "\n...... [FAILED] " + LATCH + "\n\n  Results across all configurations:\n\n"
                    + LATCH_ROWS
                : "")
            + "\n  Error tests: No matches.\n\n  All remaining tests: No matches.\n";
    return List.of(text.split("\n", -1));
  }

  @Test
  void readsTheSummaryAndThePerConfigurationBlocks() {
    JcstressRun run = new JcstressRun(0, 1, positiveOutput());

    assertNull(run.runProblem());
    assertEquals(Set.of(CREATE), run.names("Interesting tests"));
    assertEquals(2, run.testsRun());
    assertEquals(2, run.configurationsPerTest());
    assertEquals(Set.of(BIASED), run.interestingIn(CREATE));
    assertEquals(Set.of(), run.interestingIn(TWO_WRITERS));
    assertEquals(Set.of(), run.forbiddenIn(CREATE), "a forbidden row with 0 samples is no outcome");
  }

  @Test
  void aPositiveRunPassesOnlyIfEveryMustHitTestWasInteresting() {
    JcstressRun run = new JcstressRun(0, 1, positiveOutput());
    Set<String> positives = Set.of(CREATE, TWO_WRITERS);

    assertNull(JcstressGate.positiveProblem(run, JcstressGate.C2, positives, Set.of(CREATE)));
    String missed =
        JcstressGate.positiveProblem(run, JcstressGate.C2, positives, Set.of(CREATE, TWO_WRITERS));
    assertNotNull(missed);
    assertTrue(missed.contains("never hit") && missed.contains(TWO_WRITERS), missed);
  }

  @Test
  void aPositiveRunFailsOnANonZeroExitOrAMissingTest() {
    Set<String> positives = Set.of(CREATE, TWO_WRITERS);
    String failed =
        JcstressGate.positiveProblem(
            new JcstressRun(1, 1, positiveOutput()), JcstressGate.C2, positives, Set.of());
    assertNotNull(failed);
    assertTrue(failed.contains("exited with 1"), failed);

    Set<String> three = Set.of(CREATE, TWO_WRITERS, "dev.seqlock.jcstress.SeqLockUpdates.Other");
    String missing =
        JcstressGate.positiveProblem(
            new JcstressRun(0, 1, positiveOutput()), JcstressGate.C2, three, Set.of());
    assertNotNull(missing);
    assertTrue(missing.contains("2 of 3 selected tests"), missing);
  }

  @Test
  void aRunThatCouldNotScheduleOrSummariseIsNeverTrusted() {
    List<String> unscheduled = new ArrayList<>(positiveOutput());
    unscheduled.add(0, "  No scheduling is possible, these tests would not run: X");
    assertNotNull(new JcstressRun(0, 1, unscheduled).runProblem());

    List<String> noSummary = positiveOutput().subList(0, 5);
    String problem = new JcstressRun(0, 1, noSummary).runProblem();
    assertNotNull(problem);
    assertTrue(problem.contains("RUN RESULTS"), problem);
  }

  @Test
  void aNegativeRunPassesOnlyIfEveryControlWasCaught() {
    Set<String> controls = Set.of(PLAIN, LATCH);
    JcstressRun caught = new JcstressRun(1, 1, negativeOutput(true));
    assertNull(JcstressGate.negativeProblem(caught, JcstressGate.C2, controls));
    assertEquals(Set.of(BIASED, UNBIASED), caught.forbiddenIn(PLAIN));
    assertEquals(
        Set.of(UNBIASED), caught.forbiddenIn(LATCH), "the stress seed is not part of a configuration");
    assertEquals(36_154 + 3_406, caught.forbiddenSamples());

    JcstressRun latchMissed = new JcstressRun(1, 1, negativeOutput(false));
    String problem = JcstressGate.negativeProblem(latchMissed, JcstressGate.C2, controls);
    assertNotNull(problem);
    assertTrue(problem.contains("not caught [" + LATCH + "]"), problem);
    assertEquals(Set.of(), latchMissed.forbiddenIn(LATCH));
  }

  @Test
  void aNegativeRunThatExitedZeroMeansTheConfigurationCannotCatchTheControls() {
    String problem =
        JcstressGate.negativeProblem(
            new JcstressRun(0, 1, negativeOutput(true)), JcstressGate.C2, Set.of(PLAIN, LATCH));
    assertNotNull(problem);
    assertTrue(problem.contains("PASSED (exit 0)") && problem.contains("C2"), problem);
  }

  @Test
  void theConfigurationsAreTheChosenOnesOrTheFullMatrix() {
    assertEquals(List.of(JcstressGate.C2, JcstressGate.C2_STRESS), JcstressGate.configurations("ci"));
    assertEquals(List.of(JcstressGate.FULL), JcstressGate.configurations("full"));
    assertNull(JcstressGate.configurations("fast"));
    assertEquals(2, JcstressGate.run(new String[] {"jcstress.jar", "quick", "fast"}));
  }

  @Test
  void theChosenConfigurationsRunUnifiedWithTheirFlags() {
    assertEquals(
        List.of("-sc", "false", "-jvmArgs", "-XX:-TieredCompilation"), JcstressGate.C2.options());
    List<String> stress = JcstressGate.C2_STRESS.options();
    assertEquals(List.of("-sc", "false", "-jvmArgs"), stress.subList(0, 3));
    assertTrue(
        stress.get(3).matches(
            "-XX:-TieredCompilation -XX:\\+UnlockDiagnosticVMOptions -XX:\\+StressLCM"
                + " -XX:\\+StressGCM -XX:\\+StressIGVN -XX:\\+StressCCP -XX:StressSeed=\\d+"),
        stress.get(3));
    assertEquals(List.of(), JcstressGate.FULL.options());
  }

  @Test
  void aRunInAnotherConfigurationThanTheOneAskedForFailsTheGate() {
    JcstressRun c2 = new JcstressRun(0, 1, positiveOutput());
    assertNull(JcstressGate.configurationProblem(c2, JcstressGate.C2));
    assertNotNull(JcstressGate.configurationProblem(c2, JcstressGate.C2_STRESS));
    assertNotNull(
        JcstressGate.positiveProblem(c2, JcstressGate.C2_STRESS, Set.of(CREATE, TWO_WRITERS), Set.of()),
        "the gate's verdict includes the configuration check");
    assertNull(JcstressGate.configurationProblem(c2, JcstressGate.FULL));

    String split =
        block(
                "OK",
                CREATE,
                "split\n    writer: C1\n    reader: C2",
                "-XX:-UseBiasedLocking, -XX:-TieredCompilation",
                CREATE_ROWS)
            + "(Results: 1 planned; 1 passed, 0 failed, 0 soft errs, 0 hard errs)\n";
    JcstressRun splitRun = new JcstressRun(0, 1, List.of(split.split("\n", -1)));
    assertEquals(
        Set.of("split writer:C1 reader:C2 [-XX:-UseBiasedLocking, -XX:-TieredCompilation] fork #1"),
        splitRun.interestingIn(CREATE));
    String problem = JcstressGate.configurationProblem(splitRun, JcstressGate.C2);
    assertNotNull(problem);
    assertTrue(problem.contains("split writer:C1 reader:C2"), problem);
  }

  @Test
  void skippedOrErroneousTestsAndUnmatchedFiltersMakeARunUntrustworthy() {
    List<String> skipped = new ArrayList<>(positiveOutput());
    skipped.replaceAll(
        line ->
            line.equals("(Results: 4 planned; 4 passed, 0 failed, 0 soft errs, 0 hard errs)")
                ? "(Results: 4 planned; 3 passed, 0 failed, 1 soft errs, 0 hard errs)"
                : line);
    String problem = new JcstressRun(0, 1, skipped).runProblem();
    assertNotNull(problem);
    assertTrue(problem.contains("1 soft errors"), problem);

    List<String> unmatched = new ArrayList<>(positiveOutput());
    unmatched.add(0, "FATAL: No matching tests.");
    assertNotNull(new JcstressRun(0, 1, unmatched).runProblem());
  }

  @Test
  void aPositiveRunNamingAnUnexpectedTestFailsTheGate() {
    // Create is listed in the summary but not selected (tests that pass quietly are only counted).
    Set<String> positives = Set.of(TWO_WRITERS, "dev.seqlock.jcstress.SeqLockUpdates.Other");
    String problem =
        JcstressGate.positiveProblem(
            new JcstressRun(0, 1, positiveOutput()), JcstressGate.C2, positives, Set.of());
    assertNotNull(problem);
    assertTrue(problem.contains("unexpected tests") && problem.contains(CREATE), problem);
  }

  @Test
  void aNegativeRunMissingAControlOrForbiddenSamplesFailsTheGate() {
    JcstressRun caught = new JcstressRun(1, 1, negativeOutput(true));
    String missing =
        JcstressGate.negativeProblem(
            caught, JcstressGate.C2, Set.of(PLAIN, LATCH, "dev.seqlock.jcstress.negative.Other"));
    assertNotNull(missing);
    assertTrue(missing.contains("2 of 3 controls"), missing);

    List<String> noSamples = new ArrayList<>(negativeOutput(true));
    noSamples.replaceAll(line -> line.replaceAll("(18,077|36,154|3,406)", "0"));
    String none =
        JcstressGate.negativeProblem(
            new JcstressRun(1, 1, noSamples), JcstressGate.C2, Set.of(PLAIN, LATCH));
    assertNotNull(none);
    assertTrue(none.contains("no FORBIDDEN outcome"), none);
  }
}
