package dev.seqlock.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Every example README links runs its main and prints something. */
@Isolated // swaps System.out
class ExamplesTest {
  /** A main method that may throw. */
  private interface Main {
    void run(String[] args) throws Exception;
  }

  private static String printedBy(Main main) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      main.run(new String[0]);
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void atomicPerByteQuickStartMainRuns() throws Exception {
    assertTrue(printedBy(QuickStart::main).contains("Quote[bid=10025"));
  }

  @Test
  void sharedFileQuickStartMainRuns() throws Exception {
    assertTrue(printedBy(SharedFileQuickStart::main)
        .contains("version 2: Quote[bid=10025, ask=10027], writer ACTIVE"));
  }

  @Test
  void seqLockQuickStartMainRuns() throws Exception {
    assertTrue(printedBy(SeqLockQuickStart::main).contains("version 2"));
  }

  @Test
  void seqLockArrayExampleMainRuns() throws Exception {
    assertTrue(printedBy(SeqLockArrayExample::main).contains("new quotes"));
  }

  @Test
  void seqLockArrayExampleReadsTheLastWriteOfEachSymbol() throws InterruptedException {
    SeqLockArrayExample.Seen seen = SeqLockArrayExample.run(80_000);
    assertTrue(seen.reads() > 0);
    assertEquals(80_000, seen.lastOfSymbol0().sequence(), "symbol 0's last write is update 80,000");
    assertEquals(2L * (80_000 / 8), seen.versionOfSymbol0(), "one version step per write");
  }

  @Test
  void maybeTornExampleMainRuns() throws Exception {
    String printed = printedBy(MaybeTornExample::main);
    assertTrue(printed.contains("rejected, never decoded"), printed);
    assertTrue(printed.contains("whole copy decoded"), printed);
  }

  @Test
  void maybeTornExampleDecodesOnlyTheWholeCopy() throws Exception {
    String printed = printedBy(args -> assertEquals(
        MaybeTornExample.Quote.of(100_30, 100_31, 2), MaybeTornExample.run()));
    assertFalse(printed.isEmpty());
  }
}
