package dev.seqlock.examples;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.ByteImage;
import dev.seqlock.atomic.MaybeTorn;

/**
 * {@link MaybeTorn}: the bytes of a value that a racing load may have torn. The raw bytes can always
 * be read; {@link MaybeTorn#assumeUntorn()} decodes them on the caller's word that nothing tore them.
 * This example builds a torn copy by hand (the first word of one quote, the rest of another, which is
 * what a load racing a store can return), shows that the raw bytes reveal it through a checksum, and
 * decodes only the copy that passes.
 */
public final class MaybeTornExample {
  private MaybeTornExample() {}

  /**
   * A quote whose last field checks the others: 32 bytes, four 8-byte words.
   *
   * @param bid the best bid, in cents
   * @param ask the best ask, in cents
   * @param sequence the update number
   * @param check {@code bid * 31 + ask * 17 + sequence}
   */
  public record Quote(long bid, long ask, long sequence, long check) {
    /**
     * A quote with its check.
     *
     * @param bid the best bid
     * @param ask the best ask
     * @param sequence the update number
     * @return the quote
     */
    public static Quote of(long bid, long ask, long sequence) {
      return new Quote(bid, ask, sequence, bid * 31 + ask * 17 + sequence);
    }
  }

  /** Reads the fields from the raw bytes (never decoding) and tells whether they are consistent. */
  static boolean consistent(MaybeTorn<Quote> copy) {
    ByteImage bytes = copy.bytes(); // always safe to read, torn or not
    long bid = bytes.getLong(0);
    long ask = bytes.getLong(8);
    long sequence = bytes.getLong(16);
    return bytes.getLong(24) == bid * 31 + ask * 17 + sequence;
  }

  /**
   * Makes a whole copy and a torn one and checks both.
   *
   * @return the decoded whole copy
   */
  public static Quote run() {
    ByteCodec<Quote> codec = ByteCodecs.ofRecord(Quote.class);
    Quote older = Quote.of(100_25, 100_27, 1);
    Quote newer = Quote.of(100_30, 100_31, 2);

    MaybeTorn<Quote> whole = MaybeTorn.of(codec, newer); // as a load that raced with nothing
    MaybeTorn<Quote> torn = MaybeTorn.of(codec, older);
    torn.bytes().putLong(0, whole.bytes().getLong(0)); // word 0 from the newer store, 1..3 older

    if (consistent(torn)) {
      throw new AssertionError("the checksum should reveal the torn copy: " + torn);
    }
    if (!consistent(whole)) {
      throw new AssertionError("the whole copy should pass: " + whole);
    }
    System.out.println("torn copy, raw bytes: " + torn.bytes() + " -> rejected, never decoded");
    Quote quote = whole.assumeUntorn(); // safe: nothing tore this copy
    whole.set(older); // a holder is reusable: set (or loadInto) overwrites it in place
    return quote;
  }

  /**
   * Runs the example and prints the copy that passed.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("whole copy decoded: " + run());
  }
}
