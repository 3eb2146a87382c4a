package dev.seqlock.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DemoTest {
  @Test
  void demoLoadsManyCopiesAndNeverDecodesAWrongQuote() throws InterruptedException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Demo.Result result;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      result = Demo.run(TimeUnit.MILLISECONDS.toNanos(500), out);
    }
    assertTrue(result.loads() > 1000, "the reader made progress: " + result);
    assertTrue(result.stores() > 1000, "the writer made progress: " + result);
    assertEquals(0, result.tornWords(), "a checksum-consistent copy decoded wrongly: " + result);
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("torn copies detected"));
  }
}
