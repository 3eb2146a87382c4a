package dev.seqlock.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The demo's command line: help, and clear errors with exit code 2 for anything it cannot use. */
class CommandLineTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      return Demo.run(args, o, e);
    }
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpPrintsEveryOptionAndExitsZero() {
    assertEquals(Demo.OK, run("--help"));
    for (String option : new String[] {"--seconds", "--symbols", "--readers", "--rate", "--compare"}) {
      assertTrue(out().contains(option), option + " missing from:\n" + out());
    }
    assertTrue(out().contains("Usage:"), out());
    assertEquals("", err());
  }

  @Test
  void shortHelpWorksToo() {
    assertEquals(Demo.OK, run("-h"));
    assertTrue(out().contains("Usage:"), out());
  }

  @Test
  void unknownOptionIsNamedAndExitsTwo() {
    assertEquals(Demo.USAGE, run("--frobnicate"));
    assertTrue(err().contains("Unknown option: '--frobnicate'"), err());
    assertEquals("", out());
  }

  @Test
  void strayArgumentIsRejected() {
    assertEquals(Demo.USAGE, run("5"));
    assertTrue(err().contains("'5'"), err());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "--seconds, 0",
    "--seconds, -1",
    "--seconds, 86401",
    "--seconds, ten",
    "--seconds, 1.5",
    "--symbols, 0",
    "--symbols, 100001",
    "--symbols, many",
    "--readers, 0",
    "--readers, -2",
    "--readers, 257",
    "--rate, -1",
    "--rate, 1e6",
    "--rate, 1000000001",
  })
  void badValueNamesTheOptionAndExitsTwo(String option, String value) {
    assertEquals(Demo.USAGE, run(option, value));
    assertTrue(err().contains("'" + option + "'"), "the message names " + option + ": " + err());
    assertTrue(err().contains(value), "the message shows the value: " + err());
    assertEquals("", out(), "nothing runs");
  }

  @Test
  void missingValueNamesTheOption() {
    assertEquals(Demo.USAGE, run("--symbols"));
    assertTrue(err().contains("--symbols"), err());
  }

  @Test
  void defaultReadersLeaveOneProcessorForTheFeed() {
    int processors = Runtime.getRuntime().availableProcessors();
    assertEquals(Math.max(1, processors - 1), Demo.defaultReaders());
  }
}
