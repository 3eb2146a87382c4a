package dev.seqlock.examples;

import dev.seqlock.atomic.AtomicPerByte;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.atomic.MemoryOrder;

/**
 * The usage snippet shown in README.md. The lines between the snippet markers are copied verbatim into
 * README; {@code QuickStartTest} fails if the two drift apart.
 */
public final class QuickStart {
  private QuickStart() {}

  /** A top-of-book quote: 24 bytes packed. */
  public record Quote(long bid, long ask, long sequence) {}

  /**
   * Stores one quote and loads it back, as a writer and a reader thread would.
   *
   * @return the quote read back
   */
  public static Quote run() {
    // README-SNIPPET-START
    ByteCodec<Quote> codec = ByteCodecs.ofRecord(Quote.class); // 24 bytes, packed
    AtomicPerByte<Quote> shared = new AtomicPerByte<>(codec, new Quote(0, 0, 0));

    // Writer: every byte is stored atomically; RELEASE orders earlier writes before it.
    shared.store(new Quote(100_25, 100_27, 1), MemoryOrder.RELEASE);

    // Reader: reuse one MaybeTorn per thread; loadInto allocates nothing.
    MaybeTorn<Quote> copy = MaybeTorn.allocate(codec);
    shared.loadInto(copy, MemoryOrder.ACQUIRE);
    long bid = copy.bytes().getLong(0); // raw bytes are always safe to read
    // Decode only when nothing can have torn the copy (here: no writer is running;
    // with concurrent writers, SeqLock tells you).
    Quote quote = copy.assumeUntorn();
    // README-SNIPPET-END
    if (bid != quote.bid()) {
      throw new AssertionError("raw bytes and decoded value disagree");
    }
    return quote;
  }

  /**
   * Runs the snippet and prints what it read.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println(run());
  }
}
