package dev.seqlock.atomic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random values survive a round trip through every built-in codec and through derived record codecs:
 * encoded at a random offset, decoded, re-encoded to the same bytes, and stored into and loaded from
 * an {@link AtomicPerByte}.
 */
class CodecRoundTripPropertyTest {
  enum Suit {
    CLUBS,
    DIAMONDS,
    HEARTS,
    SPADES
  }

  record Inner(short s, char c, Suit suit) {}

  record AllKinds(
      boolean z, byte b, short s, char c, int i, long l, float f, double d, Suit suit, Inner inner) {}

  /**
   * Encodes {@code value} at {@code offset} into an image whose other bytes are a pattern, checks that
   * the pattern survives and that decoding and re-encoding gives the same bytes, then stores the value
   * into an {@link AtomicPerByte} and loads it back. Returns the two decoded values, first from the
   * image, then from the shared value.
   */
  private static <T> Decoded<T> roundTrip(ByteCodec<T> codec, T value, int offset) {
    int size = codec.byteSize();
    byte[] background = Fixtures.pattern(offset + size + 3, offset);
    ByteImage image = Fixtures.imageOf(background);

    codec.encode(value, image, offset);
    T decoded = codec.decode(image, offset);

    byte[] bytes = image.toByteArray();
    for (int i = 0; i < bytes.length; i++) {
      if (i < offset || i >= offset + size) {
        assertEquals(background[i], bytes[i], "byte " + i + " outside the encoding changed");
      }
    }
    ByteImage reencoded = Fixtures.imageOf(background);
    codec.encode(decoded, reencoded, offset);
    assertArrayEquals(bytes, reencoded.toByteArray(), "re-encoding the decoded value");

    AtomicPerByte<T> shared = AtomicPerByte.uninit(codec);
    shared.store(value, MemoryOrder.RELEASE);
    MaybeTorn<T> loaded = shared.load(MemoryOrder.ACQUIRE);
    assertArrayEquals(
        Arrays.copyOfRange(bytes, offset, offset + size),
        loaded.bytes().toByteArray(),
        "bytes loaded from a shared value");
    return new Decoded<>(decoded, loaded.assumeUntorn());
  }

  /** A value decoded from a private image and one decoded after a trip through shared memory. */
  private record Decoded<T>(T fromImage, T fromShared) {}

  // ---- primitives ----

  @Property
  void booleansRoundTrip(@ForAll boolean value, @ForAll @IntRange(max = 9) int offset) {
    Decoded<Boolean> decoded = roundTrip(ByteCodecs.ofBoolean(), value, offset);

    assertEquals(value, decoded.fromImage());
    assertEquals(value, decoded.fromShared());
  }

  @Property
  void bytesRoundTrip(@ForAll byte value, @ForAll @IntRange(max = 9) int offset) {
    Decoded<Byte> decoded = roundTrip(ByteCodecs.ofByte(), value, offset);

    assertEquals(value, decoded.fromImage());
    assertEquals(value, decoded.fromShared());
  }

  @Property
  void shortsRoundTrip(@ForAll short value, @ForAll @IntRange(max = 9) int offset) {
    Decoded<Short> decoded = roundTrip(ByteCodecs.ofShort(), value, offset);

    assertEquals(value, decoded.fromImage());
    assertEquals(value, decoded.fromShared());
  }

  @Property
  void charsRoundTrip(@ForAll char value, @ForAll @IntRange(max = 9) int offset) {
    Decoded<Character> decoded = roundTrip(ByteCodecs.ofChar(), value, offset);

    assertEquals(value, decoded.fromImage());
    assertEquals(value, decoded.fromShared());
  }

  @Property
  void intsRoundTrip(@ForAll int value, @ForAll @IntRange(max = 9) int offset) {
    Decoded<Integer> decoded = roundTrip(ByteCodecs.ofInt(), value, offset);

    assertEquals(value, decoded.fromImage());
    assertEquals(value, decoded.fromShared());
  }

  @Property
  void longsRoundTrip(@ForAll long value, @ForAll @IntRange(max = 9) int offset) {
    Decoded<Long> decoded = roundTrip(ByteCodecs.ofLong(), value, offset);

    assertEquals(value, decoded.fromImage());
    assertEquals(value, decoded.fromShared());
  }

  @Property
  void floatsRoundTripWithTheirRawBits(@ForAll int bits, @ForAll @IntRange(max = 9) int offset) {
    Decoded<Float> decoded = roundTrip(ByteCodecs.ofFloat(), Float.intBitsToFloat(bits), offset);

    assertEquals(bits, Float.floatToRawIntBits(decoded.fromImage()));
    assertEquals(bits, Float.floatToRawIntBits(decoded.fromShared()));
  }

  @Property
  void doublesRoundTripWithTheirRawBits(@ForAll long bits, @ForAll @IntRange(max = 9) int offset) {
    Decoded<Double> decoded = roundTrip(ByteCodecs.ofDouble(), Double.longBitsToDouble(bits), offset);

    assertEquals(bits, Double.doubleToRawLongBits(decoded.fromImage()));
    assertEquals(bits, Double.doubleToRawLongBits(decoded.fromShared()));
  }

  // ---- arrays, lengths 0 to 20 ----

  @Property
  void booleanArraysRoundTrip(
      @ForAll @Size(max = 20) boolean[] values, @ForAll @IntRange(max = 9) int offset) {
    Decoded<boolean[]> decoded = roundTrip(ByteCodecs.ofBooleanArray(values.length), values, offset);

    assertArrayEquals(values, decoded.fromImage());
    assertArrayEquals(values, decoded.fromShared());
  }

  @Property
  void byteArraysRoundTrip(
      @ForAll @Size(max = 20) byte[] values, @ForAll @IntRange(max = 9) int offset) {
    Decoded<byte[]> decoded = roundTrip(ByteCodecs.ofByteArray(values.length), values, offset);

    assertArrayEquals(values, decoded.fromImage());
    assertArrayEquals(values, decoded.fromShared());
  }

  @Property
  void shortArraysRoundTrip(
      @ForAll @Size(max = 20) short[] values, @ForAll @IntRange(max = 9) int offset) {
    Decoded<short[]> decoded = roundTrip(ByteCodecs.ofShortArray(values.length), values, offset);

    assertArrayEquals(values, decoded.fromImage());
    assertArrayEquals(values, decoded.fromShared());
  }

  @Property
  void charArraysRoundTrip(
      @ForAll @Size(max = 20) char[] values, @ForAll @IntRange(max = 9) int offset) {
    Decoded<char[]> decoded = roundTrip(ByteCodecs.ofCharArray(values.length), values, offset);

    assertArrayEquals(values, decoded.fromImage());
    assertArrayEquals(values, decoded.fromShared());
  }

  @Property
  void intArraysRoundTrip(
      @ForAll @Size(max = 20) int[] values, @ForAll @IntRange(max = 9) int offset) {
    Decoded<int[]> decoded = roundTrip(ByteCodecs.ofIntArray(values.length), values, offset);

    assertArrayEquals(values, decoded.fromImage());
    assertArrayEquals(values, decoded.fromShared());
  }

  @Property
  void longArraysRoundTrip(
      @ForAll @Size(max = 20) long[] values, @ForAll @IntRange(max = 9) int offset) {
    Decoded<long[]> decoded = roundTrip(ByteCodecs.ofLongArray(values.length), values, offset);

    assertArrayEquals(values, decoded.fromImage());
    assertArrayEquals(values, decoded.fromShared());
  }

  @Property
  void floatArraysRoundTripWithTheirRawBits(
      @ForAll @Size(max = 20) int[] bits, @ForAll @IntRange(max = 9) int offset) {
    float[] values = new float[bits.length];
    for (int i = 0; i < bits.length; i++) {
      values[i] = Float.intBitsToFloat(bits[i]);
    }

    Decoded<float[]> decoded = roundTrip(ByteCodecs.ofFloatArray(values.length), values, offset);

    for (int i = 0; i < bits.length; i++) {
      assertEquals(bits[i], Float.floatToRawIntBits(decoded.fromImage()[i]), "element " + i);
      assertEquals(bits[i], Float.floatToRawIntBits(decoded.fromShared()[i]), "element " + i);
    }
  }

  @Property
  void doubleArraysRoundTripWithTheirRawBits(
      @ForAll @Size(max = 20) long[] bits, @ForAll @IntRange(max = 9) int offset) {
    double[] values = new double[bits.length];
    for (int i = 0; i < bits.length; i++) {
      values[i] = Double.longBitsToDouble(bits[i]);
    }

    Decoded<double[]> decoded = roundTrip(ByteCodecs.ofDoubleArray(values.length), values, offset);

    for (int i = 0; i < bits.length; i++) {
      assertEquals(bits[i], Double.doubleToRawLongBits(decoded.fromImage()[i]), "element " + i);
      assertEquals(bits[i], Double.doubleToRawLongBits(decoded.fromShared()[i]), "element " + i);
    }
  }

  // ---- ASCII strings ----

  /** A capacity and a string of ASCII characters that fits it. */
  record AsciiCase(int capacity, String value) {}

  @Provide
  Arbitrary<AsciiCase> asciiCases() {
    return Arbitraries.integers()
        .between(0, 64)
        .flatMap(
            capacity ->
                Arbitraries.strings()
                    .ascii()
                    .ofMaxLength(capacity)
                    .map(value -> new AsciiCase(capacity, value)));
  }

  @Property
  void asciiStringsWithinTheCapacityRoundTrip(
      @ForAll("asciiCases") AsciiCase ascii, @ForAll @IntRange(max = 9) int offset) {
    Decoded<String> decoded =
        roundTrip(ByteCodecs.ofAsciiString(ascii.capacity()), ascii.value(), offset);

    assertEquals(ascii.value(), decoded.fromImage());
    assertEquals(ascii.value(), decoded.fromShared());
  }

  // ---- records ----

  @Provide
  Arbitrary<AllKinds> allKinds() {
    Arbitrary<Suit> suits = Arbitraries.of(Suit.class);
    Arbitrary<Inner> inners =
        Combinators.combine(Arbitraries.shorts(), Arbitraries.chars(), suits).as(Inner::new);
    return Combinators.combine(
            Arbitraries.of(true, false),
            Arbitraries.bytes(),
            Arbitraries.shorts(),
            Arbitraries.chars(),
            Arbitraries.integers(),
            Arbitraries.longs(),
            Arbitraries.integers().map(Float::intBitsToFloat),
            Arbitraries.longs().map(Double::longBitsToDouble))
        .flatAs(
            (z, b, s, c, i, l, f, d) ->
                Combinators.combine(suits, inners)
                    .as((suit, inner) -> new AllKinds(z, b, s, c, i, l, f, d, suit, inner)));
  }

  @Property
  void recordsOfEveryComponentKindRoundTrip(
      @ForAll("allKinds") AllKinds value, @ForAll @IntRange(max = 9) int offset) {
    ByteCodec<AllKinds> codec = ByteCodecs.ofRecord(AllKinds.class);

    Decoded<AllKinds> decoded = roundTrip(codec, value, offset);

    assertEquals(1 + 1 + 2 + 2 + 4 + 8 + 4 + 8 + 1 + (2 + 2 + 1), codec.byteSize());
    assertEquals(value, decoded.fromImage());
    assertEquals(value, decoded.fromShared());
    assertEquals(Float.floatToRawIntBits(value.f()), Float.floatToRawIntBits(decoded.fromShared().f()));
    assertEquals(
        Double.doubleToRawLongBits(value.d()), Double.doubleToRawLongBits(decoded.fromShared().d()));
  }
}
