package dev.seqlock.atomic;

import static dev.seqlock.atomic.Fixtures.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteCodecsTest {
  /** Where the tests encode: not word-aligned, so every codec is checked at an odd offset. */
  private static final int AT = 3;

  /** Encodes {@code value} at {@link #AT} into an image with one spare byte on each side. */
  private static <T> ByteImage encodeAt(ByteCodec<T> codec, T value) {
    ByteImage image = ByteImage.allocate(AT + codec.byteSize() + 1);
    image.putByte(AT - 1, (byte) 0x5A);
    image.putByte(AT + codec.byteSize(), (byte) 0x5A);
    codec.encode(value, image, AT);
    return image;
  }

  /** The bytes {@code fill} writes to a little-endian buffer, framed as {@link #encodeAt} frames. */
  private static byte[] expectedAt(int size, Consumer<ByteBuffer> fill) {
    ByteBuffer buffer = ByteBuffer.allocate(AT + size + 1).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(AT - 1, (byte) 0x5A).put(AT + size, (byte) 0x5A).position(AT);
    fill.accept(buffer);
    assertEquals(AT + size, buffer.position(), "expected bytes fill the codec's size");
    return buffer.array();
  }

  // ---- primitives ----

  @Test
  void shouldEncodeBooleanAsOneOrZero() {
    ByteCodec<Boolean> codec = ByteCodecs.ofBoolean();

    assertEquals(1, codec.byteSize());
    assertArrayEquals(expectedAt(1, b -> b.put((byte) 1)), encodeAt(codec, true).toByteArray());
    assertArrayEquals(expectedAt(1, b -> b.put((byte) 0)), encodeAt(codec, false).toByteArray());
    assertEquals(true, codec.decode(encodeAt(codec, true), AT));
    assertEquals(false, codec.decode(encodeAt(codec, false), AT));
  }

  @Test
  void shouldEncodeByteAsItself() {
    ByteCodec<Byte> codec = ByteCodecs.ofByte();

    assertEquals(1, codec.byteSize());
    assertArrayEquals(
        expectedAt(1, b -> b.put((byte) -7)), encodeAt(codec, (byte) -7).toByteArray());
    assertEquals((byte) -7, codec.decode(encodeAt(codec, (byte) -7), AT));
  }

  @Test
  void shouldEncodeShortAsTwoLittleEndianBytes() {
    ByteCodec<Short> codec = ByteCodecs.ofShort();

    assertEquals(2, codec.byteSize());
    assertArrayEquals(
        expectedAt(2, b -> b.putShort((short) 0x8123)),
        encodeAt(codec, (short) 0x8123).toByteArray());
    assertEquals((short) 0x8123, codec.decode(encodeAt(codec, (short) 0x8123), AT));
  }

  @Test
  void shouldEncodeCharAsTwoLittleEndianBytes() {
    ByteCodec<Character> codec = ByteCodecs.ofChar();

    assertEquals(2, codec.byteSize());
    assertArrayEquals(expectedAt(2, b -> b.putChar('\uBEEF')), encodeAt(codec, '\uBEEF').toByteArray());
    assertEquals('\uBEEF', codec.decode(encodeAt(codec, '\uBEEF'), AT));
  }

  @Test
  void shouldEncodeIntAsFourLittleEndianBytes() {
    ByteCodec<Integer> codec = ByteCodecs.ofInt();

    assertEquals(4, codec.byteSize());
    assertArrayEquals(
        expectedAt(4, b -> b.putInt(0x11223344)), encodeAt(codec, 0x11223344).toByteArray());
    assertEquals(0x11223344, codec.decode(encodeAt(codec, 0x11223344), AT));
  }

  @Test
  void shouldEncodeLongAsEightLittleEndianBytes() {
    ByteCodec<Long> codec = ByteCodecs.ofLong();

    assertEquals(8, codec.byteSize());
    assertArrayEquals(
        expectedAt(8, b -> b.putLong(0x8877665544332211L)),
        encodeAt(codec, 0x8877665544332211L).toByteArray());
    assertEquals(0x8877665544332211L, codec.decode(encodeAt(codec, 0x8877665544332211L), AT));
  }

  @Test
  void shouldEncodeFloatAsItsRawBits() {
    ByteCodec<Float> codec = ByteCodecs.ofFloat();
    float nan = Float.intBitsToFloat(0x7FC0_0ABC);

    assertEquals(4, codec.byteSize());
    assertArrayEquals(
        expectedAt(4, b -> b.putInt(0x7FC0_0ABC)), encodeAt(codec, nan).toByteArray());
    assertEquals(0x7FC0_0ABC, Float.floatToRawIntBits(codec.decode(encodeAt(codec, nan), AT)));
    assertEquals(-2.25f, codec.decode(encodeAt(codec, -2.25f), AT));
  }

  @Test
  void shouldEncodeDoubleAsItsRawBits() {
    ByteCodec<Double> codec = ByteCodecs.ofDouble();
    double nan = Double.longBitsToDouble(0xFFF8_0000_0000_1234L);

    assertEquals(8, codec.byteSize());
    assertArrayEquals(
        expectedAt(8, b -> b.putLong(0xFFF8_0000_0000_1234L)), encodeAt(codec, nan).toByteArray());
    assertEquals(
        0xFFF8_0000_0000_1234L, Double.doubleToRawLongBits(codec.decode(encodeAt(codec, nan), AT)));
    assertEquals(-0.0, codec.decode(encodeAt(codec, -0.0), AT));
  }

  @Test
  void shouldReturnTheSamePrimitiveCodecEveryTime() {
    assertSame(ByteCodecs.ofBoolean(), ByteCodecs.ofBoolean());
    assertSame(ByteCodecs.ofByte(), ByteCodecs.ofByte());
    assertSame(ByteCodecs.ofShort(), ByteCodecs.ofShort());
    assertSame(ByteCodecs.ofChar(), ByteCodecs.ofChar());
    assertSame(ByteCodecs.ofInt(), ByteCodecs.ofInt());
    assertSame(ByteCodecs.ofLong(), ByteCodecs.ofLong());
    assertSame(ByteCodecs.ofFloat(), ByteCodecs.ofFloat());
    assertSame(ByteCodecs.ofDouble(), ByteCodecs.ofDouble());
  }

  @Test
  void shouldNamePrimitiveCodecsByTheirType() {
    assertEquals("boolean", ByteCodecs.ofBoolean().toString());
    assertEquals("byte", ByteCodecs.ofByte().toString());
    assertEquals("short", ByteCodecs.ofShort().toString());
    assertEquals("char", ByteCodecs.ofChar().toString());
    assertEquals("int", ByteCodecs.ofInt().toString());
    assertEquals("long", ByteCodecs.ofLong().toString());
    assertEquals("float", ByteCodecs.ofFloat().toString());
    assertEquals("double", ByteCodecs.ofDouble().toString());
  }

  static Stream<Arguments> layouts() {
    return Stream.of(
        Arguments.of(ByteCodecs.ofBoolean(), "boolean"),
        Arguments.of(ByteCodecs.ofChar(), "char"),
        Arguments.of(ByteCodecs.ofLong(), "long"),
        Arguments.of(ByteCodecs.ofDouble(), "double"),
        Arguments.of(ByteCodecs.ofIntArray(4), "int[4]"),
        Arguments.of(ByteCodecs.ofFloatArray(4), "float[4]"),
        Arguments.of(ByteCodecs.ofByteArray(18), "byte[18]"),
        Arguments.of(ByteCodecs.ofAsciiString(16), "ascii[16]"));
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void shouldDescribeItsLayoutByTypeAndLength(ByteCodec<?> codec, String layout) {
    assertEquals(layout, codec.layout());
  }

  @Test
  void aCodecThatDoesNotDescribeItsLayoutDescribesItsSize() {
    ByteCodec<Integer> custom =
        new ByteCodec<>() {
          @Override
          public int byteSize() {
            return 4;
          }

          @Override
          public void encode(Integer value, ByteImage target, int offset) {
            target.putInt(offset, value);
          }

          @Override
          public Integer decode(ByteImage source, int offset) {
            return source.getInt(offset);
          }
        };

    assertEquals("4 bytes", custom.layout());
  }

  // ---- fixed-length arrays ----

  @Test
  void shouldEncodeBooleanArrayOneByteEach() {
    ByteCodec<boolean[]> codec = ByteCodecs.ofBooleanArray(3);
    boolean[] value = {true, false, true};

    assertEquals(3, codec.byteSize());
    assertEquals("boolean[3]", codec.toString());
    assertArrayEquals(
        expectedAt(3, b -> b.put((byte) 1).put((byte) 0).put((byte) 1)),
        encodeAt(codec, value).toByteArray());
    assertArrayEquals(value, codec.decode(encodeAt(codec, value), AT));
  }

  @Test
  void shouldEncodeByteArrayAsItsBytes() {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(4);
    byte[] value = {1, -2, 3, -4};

    assertEquals(4, codec.byteSize());
    assertEquals("byte[4]", codec.toString());
    assertArrayEquals(expectedAt(4, b -> b.put(value)), encodeAt(codec, value).toByteArray());
    assertArrayEquals(value, codec.decode(encodeAt(codec, value), AT));
  }

  @Test
  void shouldEncodeShortArrayTwoLittleEndianBytesEach() {
    ByteCodec<short[]> codec = ByteCodecs.ofShortArray(3);
    short[] value = {1, -2, 0x1234};

    assertEquals(6, codec.byteSize());
    assertEquals("short[3]", codec.toString());
    assertArrayEquals(
        expectedAt(6, b -> b.putShort((short) 1).putShort((short) -2).putShort((short) 0x1234)),
        encodeAt(codec, value).toByteArray());
    assertArrayEquals(value, codec.decode(encodeAt(codec, value), AT));
  }

  @Test
  void shouldEncodeCharArrayTwoLittleEndianBytesEach() {
    ByteCodec<char[]> codec = ByteCodecs.ofCharArray(2);
    char[] value = {'a', '\uFFFE'};

    assertEquals(4, codec.byteSize());
    assertEquals("char[2]", codec.toString());
    assertArrayEquals(
        expectedAt(4, b -> b.putChar('a').putChar('\uFFFE')), encodeAt(codec, value).toByteArray());
    assertArrayEquals(value, codec.decode(encodeAt(codec, value), AT));
  }

  @Test
  void shouldEncodeIntArrayFourLittleEndianBytesEach() {
    ByteCodec<int[]> codec = ByteCodecs.ofIntArray(3);
    int[] value = {1, -2, 0x11223344};

    assertEquals(12, codec.byteSize());
    assertEquals("int[3]", codec.toString());
    assertArrayEquals(
        expectedAt(12, b -> b.putInt(1).putInt(-2).putInt(0x11223344)),
        encodeAt(codec, value).toByteArray());
    assertArrayEquals(value, codec.decode(encodeAt(codec, value), AT));
  }

  @Test
  void shouldEncodeLongArrayEightLittleEndianBytesEach() {
    ByteCodec<long[]> codec = ByteCodecs.ofLongArray(2);
    long[] value = {-1L, 0x0102030405060708L};

    assertEquals(16, codec.byteSize());
    assertEquals("long[2]", codec.toString());
    assertArrayEquals(
        expectedAt(16, b -> b.putLong(-1L).putLong(0x0102030405060708L)),
        encodeAt(codec, value).toByteArray());
    assertArrayEquals(value, codec.decode(encodeAt(codec, value), AT));
  }

  @Test
  void shouldEncodeFloatArrayAsRawBitsEach() {
    ByteCodec<float[]> codec = ByteCodecs.ofFloatArray(2);
    float[] value = {1.5f, Float.intBitsToFloat(0x7FC0_0001)};

    assertEquals(8, codec.byteSize());
    assertEquals("float[2]", codec.toString());
    assertArrayEquals(
        expectedAt(8, b -> b.putFloat(1.5f).putInt(0x7FC0_0001)),
        encodeAt(codec, value).toByteArray());
    float[] decoded = codec.decode(encodeAt(codec, value), AT);
    assertEquals(1.5f, decoded[0]);
    assertEquals(0x7FC0_0001, Float.floatToRawIntBits(decoded[1]));
  }

  @Test
  void shouldEncodeDoubleArrayAsRawBitsEach() {
    ByteCodec<double[]> codec = ByteCodecs.ofDoubleArray(2);
    double[] value = {-0.5, Double.longBitsToDouble(0x7FF8_0000_0000_0001L)};

    assertEquals(16, codec.byteSize());
    assertEquals("double[2]", codec.toString());
    assertArrayEquals(
        expectedAt(16, b -> b.putDouble(-0.5).putLong(0x7FF8_0000_0000_0001L)),
        encodeAt(codec, value).toByteArray());
    double[] decoded = codec.decode(encodeAt(codec, value), AT);
    assertEquals(-0.5, decoded[0]);
    assertEquals(0x7FF8_0000_0000_0001L, Double.doubleToRawLongBits(decoded[1]));
  }

  @Test
  void shouldEncodeEmptyArraysAsNoBytes() {
    ByteCodec<int[]> codec = ByteCodecs.ofIntArray(0);
    ByteImage image = ByteImage.allocate(0);

    codec.encode(new int[0], image, 0);

    assertEquals(0, codec.byteSize());
    assertArrayEquals(new int[0], codec.decode(image, 0));
  }

  @Test
  void shouldReturnANewArrayCodecEveryTime() {
    assertNotSame(ByteCodecs.ofIntArray(2), ByteCodecs.ofIntArray(2));
  }

  /** A value one element too long for each array codec of length 2. */
  static Stream<Arguments> arraysOfTheWrongLength() {
    return Stream.of(
        Arguments.of(ByteCodecs.ofBooleanArray(2), new boolean[3]),
        Arguments.of(ByteCodecs.ofByteArray(2), new byte[3]),
        Arguments.of(ByteCodecs.ofShortArray(2), new short[3]),
        Arguments.of(ByteCodecs.ofCharArray(2), new char[3]),
        Arguments.of(ByteCodecs.ofIntArray(2), new int[3]),
        Arguments.of(ByteCodecs.ofLongArray(2), new long[3]),
        Arguments.of(ByteCodecs.ofFloatArray(2), new float[3]),
        Arguments.of(ByteCodecs.ofDoubleArray(2), new double[3]),
        Arguments.of(ByteCodecs.ofIntArray(2), new int[1]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arraysOfTheWrongLength")
  void shouldRejectAnArrayOfAnotherLengthWritingNothing(ByteCodec<Object> codec, Object value) {
    ByteImage image = ByteImage.allocate(codec.byteSize());

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> codec.encode(value, image, 0),
        "length " + Array.getLength(value),
        "fixed length is 2");

    assertArrayEquals(new byte[codec.byteSize()], image.toByteArray());
  }

  static Stream<Arguments> arrayFactories() {
    return Stream.of(
        Arguments.of("ofBooleanArray", (IntFunction<ByteCodec<?>>) ByteCodecs::ofBooleanArray),
        Arguments.of("ofByteArray", (IntFunction<ByteCodec<?>>) ByteCodecs::ofByteArray),
        Arguments.of("ofShortArray", (IntFunction<ByteCodec<?>>) ByteCodecs::ofShortArray),
        Arguments.of("ofCharArray", (IntFunction<ByteCodec<?>>) ByteCodecs::ofCharArray),
        Arguments.of("ofIntArray", (IntFunction<ByteCodec<?>>) ByteCodecs::ofIntArray),
        Arguments.of("ofLongArray", (IntFunction<ByteCodec<?>>) ByteCodecs::ofLongArray),
        Arguments.of("ofFloatArray", (IntFunction<ByteCodec<?>>) ByteCodecs::ofFloatArray),
        Arguments.of("ofDoubleArray", (IntFunction<ByteCodec<?>>) ByteCodecs::ofDoubleArray));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arrayFactories")
  void shouldRejectANegativeArrayLength(String name, IntFunction<ByteCodec<?>> factory) {
    assertThrowsMentioning(IllegalArgumentException.class, () -> factory.apply(-1), "-1");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arrayFactories")
  void shouldRejectAnArrayLengthWhoseByteSizeOverflows(
      String name, IntFunction<ByteCodec<?>> factory) {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> factory.apply(Integer.MAX_VALUE),
        String.valueOf(Integer.MAX_VALUE));
  }

  // ---- ASCII strings ----

  @Test
  void shouldLayOutAnAsciiStringAsLengthThenCharactersThenZeros() {
    ByteCodec<String> codec = ByteCodecs.ofAsciiString(5);

    assertEquals(7, codec.byteSize());
    assertEquals("ascii[5]", codec.toString());
    assertArrayEquals(
        expectedAt(7, b -> b.putChar((char) 2).put((byte) 'h').put((byte) 'i').put(new byte[3])),
        encodeAt(codec, "hi").toByteArray());
  }

  @Test
  void shouldDecodeAnEncodedAsciiString() {
    ByteCodec<String> codec = ByteCodecs.ofAsciiString(8);

    assertEquals("a\u0000\u007F z", codec.decode(encodeAt(codec, "a\u0000\u007F z"), AT));
  }

  @Test
  void shouldEncodeTheEmptyStringAndAStringFillingTheCapacity() {
    ByteCodec<String> codec = ByteCodecs.ofAsciiString(3);

    assertEquals("", codec.decode(encodeAt(codec, ""), AT));
    assertEquals("abc", codec.decode(encodeAt(codec, "abc"), AT));
  }

  @Test
  void shouldGiveEqualStringsEqualBytesWhateverTheImageHeldBefore() {
    ByteCodec<String> codec = ByteCodecs.ofAsciiString(6);
    ByteImage reused = ByteImage.allocate(codec.byteSize());
    codec.encode("longer", reused, 0);

    codec.encode("ab", reused, 0);

    ByteImage fresh = ByteImage.allocate(codec.byteSize());
    codec.encode(new String(new char[] {'a', 'b'}), fresh, 0);
    assertArrayEquals(fresh.toByteArray(), reused.toByteArray());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, ByteCodecs.MAX_ASCII_CAPACITY})
  void shouldAcceptCapacitiesFromZeroToTheMaximum(int capacity) {
    assertEquals(capacity + 2, ByteCodecs.ofAsciiString(capacity).byteSize());
  }

  @Test
  void shouldLimitTheCapacityToAnUnsignedShort() {
    assertEquals(0xFFFF, ByteCodecs.MAX_ASCII_CAPACITY);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, ByteCodecs.MAX_ASCII_CAPACITY + 1, Integer.MIN_VALUE})
  void shouldRejectACapacityOutOfRange(int capacity) {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> ByteCodecs.ofAsciiString(capacity),
        String.valueOf(capacity));
  }

  @Test
  void shouldRejectAStringLongerThanTheCapacityWritingNothing() {
    ByteCodec<String> codec = ByteCodecs.ofAsciiString(3);
    ByteImage image = ByteImage.allocate(codec.byteSize());

    assertThrowsMentioning(
        IllegalArgumentException.class, () -> codec.encode("abcd", image, 0), "4", "capacity 3");

    assertArrayEquals(new byte[codec.byteSize()], image.toByteArray());
  }

  @ParameterizedTest
  @ValueSource(strings = {"caf\u00E9", "\u0080", "ok\u20AC"})
  void shouldRejectANonAsciiCharacterWritingNothing(String value) {
    ByteCodec<String> codec = ByteCodecs.ofAsciiString(8);
    ByteImage image = ByteImage.allocate(codec.byteSize());

    assertThrowsMentioning(
        IllegalArgumentException.class, () -> codec.encode(value, image, 0), "not ASCII");

    assertArrayEquals(new byte[codec.byteSize()], image.toByteArray());
  }

  @Test
  void shouldNameTheNonAsciiCharacterAndItsPosition() {
    ByteCodec<String> codec = ByteCodecs.ofAsciiString(8);

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> codec.encode("caf\u00E9", ByteImage.allocate(codec.byteSize()), 0),
        "character 3",
        "U+00E9");
  }

  @Test
  void shouldRefuseToDecodeALengthOverTheCapacity() {
    ByteCodec<String> codec = ByteCodecs.ofAsciiString(3);
    ByteImage image = ByteImage.allocate(codec.byteSize());
    image.putChar(0, (char) 4);

    assertThrowsMentioning(
        IllegalStateException.class, () -> codec.decode(image, 0), "length 4", "capacity 3");
  }

  @Test
  void shouldRefuseToDecodeAByteOverOneHundredTwentySeven() {
    ByteCodec<String> codec = ByteCodecs.ofAsciiString(3);
    ByteImage image = ByteImage.allocate(codec.byteSize());
    image.putChar(0, (char) 2);
    image.putByte(2, (byte) 'a');
    image.putByte(3, (byte) 0x80);

    assertThrowsMentioning(
        IllegalStateException.class, () -> codec.decode(image, 0), "byte 128", "character 1");
  }

  // ---- arguments every built-in codec checks ----

  static Stream<ByteCodec<?>> builtInCodecs() {
    return Stream.of(
        ByteCodecs.ofBoolean(),
        ByteCodecs.ofByte(),
        ByteCodecs.ofShort(),
        ByteCodecs.ofChar(),
        ByteCodecs.ofInt(),
        ByteCodecs.ofLong(),
        ByteCodecs.ofFloat(),
        ByteCodecs.ofDouble(),
        ByteCodecs.ofBooleanArray(3),
        ByteCodecs.ofByteArray(3),
        ByteCodecs.ofShortArray(3),
        ByteCodecs.ofCharArray(3),
        ByteCodecs.ofIntArray(3),
        ByteCodecs.ofLongArray(3),
        ByteCodecs.ofFloatArray(3),
        ByteCodecs.ofDoubleArray(3),
        ByteCodecs.ofAsciiString(3));
  }

  /** Decodes an all-zero value of {@code codec}: a valid value of every built-in codec. */
  private static <T> T zeroValue(ByteCodec<T> codec) {
    return codec.decode(ByteImage.allocate(codec.byteSize()), 0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builtInCodecs")
  void shouldRejectEncodingPastTheEndOfTheTarget(ByteCodec<?> codec) {
    assertEncodeOutOfBounds(codec, 1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builtInCodecs")
  void shouldRejectEncodingAtANegativeOffset(ByteCodec<?> codec) {
    assertEncodeOutOfBounds(codec, -1);
  }

  private static <T> void assertEncodeOutOfBounds(ByteCodec<T> codec, int offset) {
    T value = zeroValue(codec);
    ByteImage target = ByteImage.allocate(codec.byteSize());

    assertThrows(IndexOutOfBoundsException.class, () -> codec.encode(value, target, offset));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builtInCodecs")
  void shouldRejectDecodingPastTheEndOfTheSource(ByteCodec<?> codec) {
    ByteImage source = ByteImage.allocate(codec.byteSize());

    assertThrows(IndexOutOfBoundsException.class, () -> codec.decode(source, 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builtInCodecs")
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectANullValueNamingIt(ByteCodec<?> codec) {
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> codec.encode(null, ByteImage.allocate(codec.byteSize()), 0));

    assertEquals("value", e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builtInCodecs")
  void shouldRejectANullTargetNamingIt(ByteCodec<?> codec) {
    assertNullTargetRejected(codec);
  }

  @SuppressWarnings("NullAway") // passes null on purpose
  private static <T> void assertNullTargetRejected(ByteCodec<T> codec) {
    T value = zeroValue(codec);

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> codec.encode(value, null, 0));

    assertEquals("target", e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("builtInCodecs")
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectANullSourceNamingIt(ByteCodec<?> codec) {
    NullPointerException e = assertThrows(NullPointerException.class, () -> codec.decode(null, 0));

    assertEquals("source", e.getMessage());
  }
}
