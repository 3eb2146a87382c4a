package dev.seqlock.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.examples.MarketDataDemo.BookResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo across processes, run for real with child JVMs. */
class ProcessDemoTest {
  @SuppressWarnings("NullAway.Init") // set by JUnit before each test
  @TempDir
  Path directory;

  @Test
  void theFeedIsKilledMidwayReplacedByANewFeedProcessAndNoQuoteIsTorn() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Demo.Outcome outcome;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      outcome = Demo.execute(
          new String[] {"--processes", "--seconds", "2", "--symbols", "100", "--rate", "50000"}, o, e);
    }
    String text = out.toString(StandardCharsets.UTF_8);

    assertEquals(Demo.OK, outcome.exitCode(), err.toString(StandardCharsets.UTF_8) + text);
    BookResult result = outcome.results().get(0);
    assertEquals(0, result.torn(), text);
    assertEquals(0, result.sequenceErrors(), text);
    assertTrue(result.reads() > 1_000, text);
    assertTrue(result.latency().count() > 0, text);
    assertTrue(text.contains("killed (SIGKILL) mid-stream: writer NONE; 100 of 100 quotes readable"),
        text);
    assertTrue(text.contains("took the file over: writer ACTIVE"), text);
    assertTrue(text.contains("torn quotes: 0"), text);
  }

  @Test
  void aFeedProcessAndTheReadCommandShareAFile() throws IOException, InterruptedException {
    Path file = directory.resolve("book.seqlock");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process feed = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        Demo.class.getName(), "feed", "--file", file.toString(), "--symbols", "50", "--rate",
        "20000", "--seconds", "30")
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try {
      byte[] ready = new byte["ready".length()];
      assertEquals(ready.length, feed.getInputStream().readNBytes(ready, 0, ready.length));
      assertEquals("ready", new String(ready, StandardCharsets.US_ASCII));

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Demo.Outcome outcome;
      try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
        outcome = Demo.execute(
            new String[] {"read", "--file", file.toString(), "--seconds", "1", "--readers", "1"},
            o, o);
      }
      String text = out.toString(StandardCharsets.UTF_8);
      assertEquals(Demo.OK, outcome.exitCode(), text);
      assertTrue(text.contains("reading 50 symbols of " + file + "; writer ACTIVE"), text);
      assertEquals(0, outcome.results().get(0).torn(), text);
      assertTrue(outcome.results().get(0).reads() > 100, text);
    } finally {
      feed.destroyForcibly();
      feed.waitFor(60, TimeUnit.SECONDS);
    }
  }
}
