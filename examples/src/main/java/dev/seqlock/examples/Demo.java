package dev.seqlock.examples;

import dev.seqlock.atomic.AtomicPerByte;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.ByteImage;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.atomic.MemoryOrder;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A short demo of why a byte-wise atomic load returns a {@link MaybeTorn}: one thread stores quotes
 * back to back, another loads them and checks each copy's checksum. Torn copies (a mixture of two
 * quotes) do happen, are detected from the raw bytes, and are never decoded. Each 8-byte word of a
 * copy, though, always comes whole from one store.
 *
 * <p>Usage: {@code java -jar examples/target/seqlock-examples.jar [seconds]} (default 2).
 */
public final class Demo {
  private Demo() {}

  /** A quote whose last field is a checksum of the others. 48 bytes, six 8-byte words. */
  record Quote(long bid, long ask, long bidSize, long askSize, long sequence, long checksum) {
    static Quote of(long sequence) {
      long bid = 100_000 + (sequence % 1000);
      long ask = bid + 1 + (sequence % 3);
      long bidSize = 100 * (1 + sequence % 7);
      long askSize = 100 * (1 + sequence % 5);
      return new Quote(bid, ask, bidSize, askSize, sequence,
          checksum(bid, ask, bidSize, askSize, sequence));
    }

    static long checksum(long bid, long ask, long bidSize, long askSize, long sequence) {
      return (bid * 31 + ask) * 31 + bidSize * 7 + askSize * 3 + sequence * 0x9E3779B97F4A7C15L;
    }
  }

  /** What one run observed. */
  record Result(long stores, long loads, long torn, long tornWords) {}

  /**
   * Runs the demo for {@code seconds} seconds and prints a summary.
   *
   * @param args optional: the number of seconds (default 2)
   * @throws InterruptedException if interrupted while waiting for the writer
   */
  public static void main(String[] args) throws InterruptedException {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 2;
    Result result = run(TimeUnit.SECONDS.toNanos(seconds), System.out);
    if (result.tornWords() != 0) {
      System.exit(1);
    }
  }

  /**
   * Runs the writer and the reader for {@code nanos} nanoseconds.
   *
   * @param nanos how long to run
   * @param out where to print the summary
   * @return the counts observed
   * @throws InterruptedException if interrupted while waiting for the writer
   */
  static Result run(long nanos, PrintStream out) throws InterruptedException {
    ByteCodec<Quote> codec = ByteCodecs.ofRecord(Quote.class);
    AtomicPerByte<Quote> shared = new AtomicPerByte<>(codec, Quote.of(0));
    AtomicBoolean running = new AtomicBoolean(true);
    long[] stores = new long[1];
    Thread writer = new Thread(() -> {
      MaybeTorn<Quote> next = MaybeTorn.allocate(codec);
      long sequence = 0;
      while (running.get()) {
        next.set(Quote.of(++sequence));
        shared.storeFrom(next, MemoryOrder.RELEASE);
      }
      stores[0] = sequence;
    }, "writer");
    writer.start();

    MaybeTorn<Quote> copy = MaybeTorn.allocate(codec);
    long loads = 0;
    long torn = 0;
    long tornWords = 0;
    long deadline = System.nanoTime() + nanos;
    while (System.nanoTime() < deadline) {
      shared.loadInto(copy, MemoryOrder.ACQUIRE);
      loads++;
      ByteImage bytes = copy.bytes();
      long sequence = bytes.getLong(32);
      if (bytes.getLong(40) != Quote.checksum(
          bytes.getLong(0), bytes.getLong(8), bytes.getLong(16), bytes.getLong(24), sequence)) {
        torn++; // a mixture of two quotes: detected from the raw bytes, never decoded
      } else {
        Quote quote = copy.assumeUntorn(); // consistent: safe to decode
        if (!quote.equals(Quote.of(quote.sequence()))) {
          tornWords++;
        }
      }
    }
    running.set(false);
    writer.join();
    out.printf("AtomicPerByte demo: 1 writer storing 48-byte quotes back to back, 1 reader loading%n");
    out.printf("  stores: %,d  loads: %,d%n", stores[0], loads);
    out.printf("  torn copies detected by checksum (never decoded): %,d (%.2f%%)%n",
        torn, loads == 0 ? 0.0 : 100.0 * torn / loads);
    out.printf("  consistent copies that decoded to a wrong quote: %,d%n", tornWords);
    out.printf("A SeqLock (module seqlock) turns this into reads that are never torn.%n");
    return new Result(stores[0], loads, torn, tornWords);
  }
}
