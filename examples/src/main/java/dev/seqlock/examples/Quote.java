package dev.seqlock.examples;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.ByteImage;

/**
 * One symbol's top of book as the market-data demo publishes it: 48 bytes, six 8-byte words, in the
 * packed layout of {@link ByteCodecs#ofRecord}. Readers check every quote they read with
 * {@link #checksum}, which covers every other field and the symbol the quote belongs to, so a quote
 * mixed from two updates, or read from the wrong slot, fails it.
 *
 * <p>The demo's hot loops never build a {@code Quote}: the feed writes the fields into a reused
 * {@link dev.seqlock.atomic.MaybeTorn} with {@link #encode}, readers read them with the {@code ByteImage}
 * getters at the offsets below. The record and its codec define that layout (a test checks the
 * offsets against the codec), and {@link dev.seqlock.atomic.MaybeTorn#assumeUntorn()} decodes one when
 * a whole value is wanted.
 *
 * @param bidPrice the best bid, in ticks
 * @param askPrice the best ask, in ticks; never below {@code bidPrice} in a quote the feed publishes
 * @param bidSize the size at the bid
 * @param askSize the size at the ask
 * @param timestamp the exchange timestamp: {@link System#nanoTime()} when the feed published it
 * @param sequence the symbol's sequence number: 1 for its first quote, then one more per update
 * @param checksum {@link #checksum} of the symbol and the fields above
 */
record Quote(
    long bidPrice,
    long askPrice,
    int bidSize,
    int askSize,
    long timestamp,
    long sequence,
    long checksum) {

  /** The codec: the record's packed layout, {@value #BYTES} bytes. */
  static final ByteCodec<Quote> CODEC = ByteCodecs.ofRecord(Quote.class);

  /** Offset of {@link #bidPrice}. */
  static final int BID_PRICE = 0;
  /** Offset of {@link #askPrice}. */
  static final int ASK_PRICE = 8;
  /** Offset of {@link #bidSize}. */
  static final int BID_SIZE = 16;
  /** Offset of {@link #askSize}. */
  static final int ASK_SIZE = 20;
  /** Offset of {@link #timestamp}. */
  static final int TIMESTAMP = 24;
  /** Offset of {@link #sequence}. */
  static final int SEQUENCE = 32;
  /** Offset of {@link #checksum}. */
  static final int CHECKSUM = 40;
  /** Size of the encoded quote. */
  static final int BYTES = 48;

  /**
   * Writes a quote of {@code symbol} with a correct checksum into {@code target}; allocates nothing.
   */
  static void encode(
      ByteImage target,
      int symbol,
      long bidPrice,
      long askPrice,
      int bidSize,
      int askSize,
      long timestamp,
      long sequence) {
    target.putLong(BID_PRICE, bidPrice);
    target.putLong(ASK_PRICE, askPrice);
    target.putInt(BID_SIZE, bidSize);
    target.putInt(ASK_SIZE, askSize);
    target.putLong(TIMESTAMP, timestamp);
    target.putLong(SEQUENCE, sequence);
    target.putLong(
        CHECKSUM, checksum(symbol, bidPrice, askPrice, bidSize, askSize, timestamp, sequence));
  }

  /**
   * Tells whether {@code quote}'s checksum matches its other fields and {@code symbol}; allocates
   * nothing.
   */
  static boolean checksumMatches(ByteImage quote, int symbol) {
    return quote.getLong(CHECKSUM)
        == checksum(
            symbol,
            quote.getLong(BID_PRICE),
            quote.getLong(ASK_PRICE),
            quote.getInt(BID_SIZE),
            quote.getInt(ASK_SIZE),
            quote.getLong(TIMESTAMP),
            quote.getLong(SEQUENCE));
  }

  /** A 64-bit hash of the symbol and every field: SplitMix64's finaliser applied field by field. */
  static long checksum(
      int symbol,
      long bidPrice,
      long askPrice,
      int bidSize,
      int askSize,
      long timestamp,
      long sequence) {
    long h = mix(0x9E3779B97F4A7C15L ^ symbol);
    h = mix(h ^ bidPrice);
    h = mix(h ^ askPrice);
    h = mix(h ^ ((((long) bidSize) << 32) | (askSize & 0xFFFF_FFFFL)));
    h = mix(h ^ timestamp);
    return mix(h ^ sequence);
  }

  private static long mix(long x) {
    long z = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
