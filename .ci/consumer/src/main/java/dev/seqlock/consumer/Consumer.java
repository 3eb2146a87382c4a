package dev.seqlock.consumer;

import dev.seqlock.SeqLock;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import java.lang.invoke.MethodHandles;

/**
 * Uses the installed library as a user would: a write and reads of a {@code SeqLock}, on the class
 * path or the module path. Exits 1 if anything is off, including the path it was meant to run on.
 */
public final class Consumer {
  private Consumer() {}

  /** A quote, in a package the module does not export: its codec is derived through a lookup. */
  record Quote(long bid, long ask) {}

  /**
   * Runs the check.
   *
   * @param args {@code class-path} or {@code module-path}: where this run must find the library
   */
  public static void main(String[] args) {
    if (args.length != 1 || !(args[0].equals("class-path") || args[0].equals("module-path"))) {
      System.err.println("usage: Consumer class-path|module-path");
      System.exit(2);
    }
    boolean modular = args[0].equals("module-path");
    Module library = SeqLock.class.getModule();
    if (library.isNamed() != modular || Consumer.class.getModule().isNamed() != modular) {
      fail("expected to run on the " + args[0] + ", but the library's module is " + library);
    }

    ByteCodec<Quote> codec = ByteCodecs.ofRecord(Quote.class, MethodHandles.lookup());
    SeqLock<Quote> book = SeqLock.singleWriter(codec, new Quote(0, 0));
    book.write(new Quote(100_25, 100_27));

    MaybeTorn<Quote> holder = MaybeTorn.allocate(codec);
    long version = book.readIfNewer(SeqLock.NOTHING_SEEN, holder);
    Quote read = book.read();
    Quote written = new Quote(100_25, 100_27);
    if (!read.equals(written) || !holder.assumeUntorn().equals(written)) {
      fail("read " + read + " and " + holder.assumeUntorn() + " after writing " + written);
    }
    System.out.println(
        "consumer check on the "
            + args[0]
            + ": wrote and read "
            + read
            + " (version "
            + version
            + ") through "
            + (modular ? "module " + library.getName() : "the class path"));
  }

  private static void fail(String message) {
    System.err.println("consumer check FAILED: " + message);
    System.exit(1);
  }
}
