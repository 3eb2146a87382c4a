package dev.seqlock.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickStartTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();

  @Test
  void snippetRunsAndReadsWhatWasStored() {
    assertEquals(new QuickStart.Quote(100_25, 100_27, 1), QuickStart.run());
  }

  @Test
  void seqLockSnippetRunsAndPollsWhatWasWritten() {
    assertEquals(new SeqLockQuickStart.Quote(100_26, 100_27, 500, 300), SeqLockQuickStart.run());
  }

  @Test
  void sharedFileSnippetRunsAndReadsWhatWasWritten(@TempDir Path directory) throws IOException {
    assertEquals(
        new SharedFileQuickStart.Quote(100_25, 100_27),
        SharedFileQuickStart.run(directory.resolve("book.seqlock")));
  }

  @Test
  void readmeShowsTheCompiledSharedFileSnippetVerbatim() throws IOException {
    assertReadmeContainsSnippetOf("SharedFileQuickStart.java");
  }

  @Test
  void readmeShowsTheCompiledSnippetVerbatim() throws IOException {
    assertReadmeContainsSnippetOf("QuickStart.java");
  }

  @Test
  void readmeShowsTheCompiledSeqLockSnippetVerbatim() throws IOException {
    assertReadmeContainsSnippetOf("SeqLockQuickStart.java");
  }

  private static void assertReadmeContainsSnippetOf(String file) throws IOException {
    Path source = MODULE.resolve("src/main/java/dev/seqlock/examples/" + file);
    Path readme = MODULE.resolve("../README.md").normalize();
    String snippet = snippet(Files.readAllLines(source, StandardCharsets.UTF_8));
    String readmeText = Files.readString(readme, StandardCharsets.UTF_8);
    assertTrue(
        readmeText.contains(snippet),
        "README.md must contain the snippet of " + file + " exactly as compiled:\n" + snippet);
  }

  /** The lines between the markers, with the common indentation removed. */
  private static String snippet(List<String> lines) {
    int start = indexOf(lines, "// README-SNIPPET-START") + 1;
    int end = indexOf(lines, "// README-SNIPPET-END");
    List<String> body = lines.subList(start, end);
    int indent =
        body.stream()
            .filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
    return body.stream()
        .map(line -> line.isBlank() ? "" : line.substring(indent))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  private static int indexOf(List<String> lines, String marker) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(marker)) {
        return i;
      }
    }
    throw new AssertionError("marker not found: " + marker);
  }
}
