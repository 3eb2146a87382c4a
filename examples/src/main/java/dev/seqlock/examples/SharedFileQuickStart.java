package dev.seqlock.examples;

import dev.seqlock.SeqLock;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.shared.SharedSeqLockArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The SharedSeqLockArray snippet shown in README.md: a writer and a reader of one file, which in a
 * real system are two processes. The lines between the snippet markers are copied verbatim into
 * README; {@code QuickStartTest} fails if the two drift apart.
 */
public final class SharedFileQuickStart {
  private SharedFileQuickStart() {}

  /** A top-of-book quote: 16 bytes packed. */
  public record Quote(long bid, long ask) {}

  /**
   * Creates {@code file} with 1,024 slots, writes slot 42 and reads it back through a reader.
   *
   * @param file where the file goes; it must not exist, or be a file of this codec and length
   * @return the quote the reader read
   * @throws IOException if the file cannot be made or opened
   */
  public static Quote run(Path file) throws IOException {
    // README-SNIPPET-START
    ByteCodec<Quote> codec = ByteCodecs.ofRecord(Quote.class);
    // the feed process: creates the file, or takes it over from a feed that died
    try (SharedSeqLockArray.Writer<Quote> book =
        SharedSeqLockArray.Writer.openWriter(file, codec, 1024, new Quote(0, 0))) {
      book.write(42, new Quote(100_25, 100_27));

      // any number of reader processes (here, the same one): the file is mapped read-only
      try (SharedSeqLockArray<Quote> reader = SharedSeqLockArray.openReader(file, codec)) {
        MaybeTorn<Quote> mine = MaybeTorn.allocate(codec);
        long seen = reader.readIfNewer(42, SeqLock.NOTHING_SEEN, mine); // allocates nothing
        System.out.println("version " + seen + ": " + mine.assumeUntorn()
            + ", writer " + reader.writerState()); // version 2: Quote[bid=10025, ask=10027], writer ACTIVE
        return mine.assumeUntorn();
      }
    }
    // README-SNIPPET-END
  }

  /**
   * Runs the snippet on a file in a new temporary directory, then removes both.
   *
   * @param args ignored
   * @throws IOException if the file cannot be made or opened
   */
  public static void main(String[] args) throws IOException {
    Path directory = Files.createTempDirectory("seqlock-quickstart-");
    Path file = directory.resolve("book.seqlock");
    try {
      run(file);
    } finally {
      Files.deleteIfExists(file);
      Files.delete(directory);
    }
  }
}
