package dev.seqlock.atomic;

import static dev.seqlock.atomic.Fixtures.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteImageTest {
  /** Three words: every width fits at some offset that spans two of them. */
  private static final int SIZE = 24;

  /** The byte every position of {@link #background()} holds before a put. */
  private static byte backgroundByte(int index) {
    return (byte) (0xC0 + index);
  }

  private static ByteImage background() {
    ByteImage image = ByteImage.allocate(SIZE);
    for (int i = 0; i < SIZE; i++) {
      image.putByte(i, backgroundByte(i));
    }
    return image;
  }

  /**
   * Asserts that {@code image} holds {@code value}'s low {@code width} bytes little-endian at
   * {@code offset} and the background everywhere else.
   */
  private static void assertWrittenLittleEndian(ByteImage image, int offset, int width, long value) {
    for (int i = 0; i < SIZE; i++) {
      byte expected =
          i >= offset && i < offset + width
              ? (byte) (value >>> (8 * (i - offset)))
              : backgroundByte(i);
      assertEquals(expected, image.getByte(i), "byte " + i);
    }
  }

  private static IntStream offsetsFor(int width) {
    return IntStream.rangeClosed(0, SIZE - width);
  }

  static IntStream byteOffsets() {
    return offsetsFor(1);
  }

  static IntStream shortOffsets() {
    return offsetsFor(2);
  }

  static IntStream intOffsets() {
    return offsetsFor(4);
  }

  static IntStream longOffsets() {
    return offsetsFor(8);
  }

  // ---- allocate, byteSize ----

  @Test
  void shouldAllocateTheRequestedNumberOfZeroBytes() {
    ByteImage image = ByteImage.allocate(13);

    assertEquals(13, image.byteSize());
    assertArrayEquals(new byte[13], image.toByteArray());
  }

  @Test
  void shouldAllocateAnEmptyImage() {
    ByteImage image = ByteImage.allocate(0);

    assertEquals(0, image.byteSize());
    assertArrayEquals(new byte[0], image.toByteArray());
  }

  @Test
  void shouldRejectANegativeSize() {
    assertThrowsMentioning(IllegalArgumentException.class, () -> ByteImage.allocate(-1), "-1");
  }

  // ---- byte and boolean ----

  @ParameterizedTest
  @MethodSource("byteOffsets")
  void shouldPutAndGetAByteAtEveryOffsetLeavingNeighboursAlone(int offset) {
    ByteImage image = background();

    image.putByte(offset, (byte) 0x5A);

    assertEquals((byte) 0x5A, image.getByte(offset));
    assertWrittenLittleEndian(image, offset, 1, 0x5A);
  }

  @Test
  void shouldReadBytesSigned() {
    ByteImage image = ByteImage.allocate(1);

    image.putByte(0, (byte) 0xFF);

    assertEquals(-1, image.getByte(0));
  }

  @ParameterizedTest
  @MethodSource("byteOffsets")
  void shouldWriteTrueAsOneAndFalseAsZero(int offset) {
    ByteImage image = background();

    image.putBoolean(offset, true);
    assertWrittenLittleEndian(image, offset, 1, 1);
    assertTrue(image.getBoolean(offset));

    image.putBoolean(offset, false);
    assertWrittenLittleEndian(image, offset, 1, 0);
    assertFalse(image.getBoolean(offset));
  }

  @ParameterizedTest
  @ValueSource(bytes = {1, 2, 0x7F, (byte) 0x80, (byte) 0xFF})
  void shouldReadAnyNonZeroByteAsTrue(byte value) {
    ByteImage image = ByteImage.allocate(3);

    image.putByte(1, value);

    assertTrue(image.getBoolean(1));
    assertFalse(image.getBoolean(0));
  }

  // ---- short and char ----

  @ParameterizedTest
  @MethodSource("shortOffsets")
  void shouldPutAndGetAShortLittleEndianAtEveryOffset(int offset) {
    ByteImage image = background();

    image.putShort(offset, (short) 0x8192);

    assertEquals((short) 0x8192, image.getShort(offset));
    assertWrittenLittleEndian(image, offset, 2, 0x8192);
  }

  @ParameterizedTest
  @MethodSource("shortOffsets")
  void shouldPutAndGetACharLittleEndianAtEveryOffset(int offset) {
    ByteImage image = background();

    image.putChar(offset, '\uA1B2');

    assertEquals('\uA1B2', image.getChar(offset));
    assertWrittenLittleEndian(image, offset, 2, 0xA1B2);
  }

  @Test
  void shouldReadShortsSignedAndCharsUnsigned() {
    ByteImage image = ByteImage.allocate(2);

    image.putShort(0, (short) -2);

    assertEquals((short) -2, image.getShort(0));
    assertEquals('\uFFFE', image.getChar(0));
  }

  @Test
  void shouldReadAShortSpanningTwoWords() {
    ByteImage image = Fixtures.imageOf(new byte[] {0, 0, 0, 0, 0, 0, 0, 0x34, 0x12, 0});

    assertEquals((short) 0x1234, image.getShort(7));
    assertEquals('\u1234', image.getChar(7));
  }

  // ---- int and float ----

  @Test
  void shouldLayOutAnIntLeastSignificantByteFirst() {
    ByteImage image = ByteImage.allocate(8);

    image.putInt(3, 0x11223344);

    assertArrayEquals(new byte[] {0, 0, 0, 0x44, 0x33, 0x22, 0x11, 0}, image.toByteArray());
  }

  @ParameterizedTest
  @MethodSource("intOffsets")
  void shouldPutAndGetAnIntLittleEndianAtEveryOffset(int offset) {
    ByteImage image = background();

    image.putInt(offset, 0x8899AABB);

    assertEquals(0x8899AABB, image.getInt(offset));
    assertWrittenLittleEndian(image, offset, 4, 0x8899AABBL);
  }

  @Test
  void shouldReadAnIntSpanningTwoWords() {
    ByteImage image = Fixtures.imageOf(new byte[] {0, 0, 0, 0, 0, 0, 0x01, 0x02, 0x03, 0x04, 0});

    assertEquals(0x04030201, image.getInt(6));
  }

  @ParameterizedTest
  @MethodSource("intOffsets")
  void shouldPutAndGetAFloatAsItsLittleEndianBitsAtEveryOffset(int offset) {
    ByteImage image = background();

    image.putFloat(offset, -1.5f);

    assertEquals(-1.5f, image.getFloat(offset));
    assertWrittenLittleEndian(image, offset, 4, Float.floatToRawIntBits(-1.5f));
  }

  @Test
  void shouldPreserveTheRawBitsOfAFloatNaN() {
    int nanBits = 0x7FC1_2345; // a quiet NaN with a payload that floatToIntBits would canonicalise
    ByteImage image = ByteImage.allocate(9);

    image.putFloat(5, Float.intBitsToFloat(nanBits));

    assertEquals(nanBits, image.getInt(5));
    assertEquals(nanBits, Float.floatToRawIntBits(image.getFloat(5)));
  }

  // ---- long and double ----

  @Test
  void shouldLayOutALongSpanningTwoWordsLeastSignificantByteFirst() {
    ByteImage image = ByteImage.allocate(16);

    image.putLong(5, 0x1122334455667788L);

    assertArrayEquals(
        new byte[] {0, 0, 0, 0, 0, (byte) 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0, 0, 0},
        image.toByteArray());
  }

  @ParameterizedTest
  @MethodSource("longOffsets")
  void shouldPutAndGetALongLittleEndianAtEveryOffset(int offset) {
    ByteImage image = background();

    image.putLong(offset, 0x8877665544332211L);

    assertEquals(0x8877665544332211L, image.getLong(offset));
    assertWrittenLittleEndian(image, offset, 8, 0x8877665544332211L);
  }

  @Test
  void shouldReadALongSpanningTwoWords() {
    byte[] bytes = new byte[16];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i + 1);
    }
    ByteImage image = Fixtures.imageOf(bytes);

    assertEquals(0x0C0B0A0908070605L, image.getLong(4));
  }

  @ParameterizedTest
  @MethodSource("longOffsets")
  void shouldPutAndGetADoubleAsItsLittleEndianBitsAtEveryOffset(int offset) {
    ByteImage image = background();

    image.putDouble(offset, Math.PI);

    assertEquals(Math.PI, image.getDouble(offset));
    assertWrittenLittleEndian(image, offset, 8, Double.doubleToRawLongBits(Math.PI));
  }

  @Test
  void shouldPreserveTheRawBitsOfADoubleNaN() {
    long nanBits = 0x7FF8_0000_DEAD_BEEFL; // a quiet NaN with a payload
    ByteImage image = ByteImage.allocate(16);

    image.putDouble(3, Double.longBitsToDouble(nanBits));

    assertEquals(nanBits, image.getLong(3));
    assertEquals(nanBits, Double.doubleToRawLongBits(image.getDouble(3)));
  }

  // ---- bounds of the typed accessors ----

  static Stream<Arguments> outOfBoundsAccesses() {
    return Stream.of(
        Arguments.of("getByte(-1)", (Consumer<ByteImage>) image -> image.getByte(-1)),
        Arguments.of("getByte(size)", (Consumer<ByteImage>) image -> image.getByte(SIZE)),
        Arguments.of("putByte(-1)", (Consumer<ByteImage>) image -> image.putByte(-1, (byte) 1)),
        Arguments.of("putByte(size)", (Consumer<ByteImage>) image -> image.putByte(SIZE, (byte) 1)),
        Arguments.of("getBoolean(size)", (Consumer<ByteImage>) image -> image.getBoolean(SIZE)),
        Arguments.of(
            "putBoolean(size)", (Consumer<ByteImage>) image -> image.putBoolean(SIZE, true)),
        Arguments.of("getShort(size-1)", (Consumer<ByteImage>) image -> image.getShort(SIZE - 1)),
        Arguments.of(
            "putShort(size-1)",
            (Consumer<ByteImage>) image -> image.putShort(SIZE - 1, (short) -1)),
        Arguments.of("getChar(-1)", (Consumer<ByteImage>) image -> image.getChar(-1)),
        Arguments.of(
            "putChar(size-1)", (Consumer<ByteImage>) image -> image.putChar(SIZE - 1, '\uFFFF')),
        Arguments.of("getInt(size-3)", (Consumer<ByteImage>) image -> image.getInt(SIZE - 3)),
        Arguments.of("putInt(size-3)", (Consumer<ByteImage>) image -> image.putInt(SIZE - 3, -1)),
        Arguments.of("putInt(-1)", (Consumer<ByteImage>) image -> image.putInt(-1, -1)),
        Arguments.of("getFloat(size-3)", (Consumer<ByteImage>) image -> image.getFloat(SIZE - 3)),
        Arguments.of(
            "putFloat(size-3)", (Consumer<ByteImage>) image -> image.putFloat(SIZE - 3, 1f)),
        Arguments.of("getLong(size-7)", (Consumer<ByteImage>) image -> image.getLong(SIZE - 7)),
        Arguments.of(
            "putLong(size-7)", (Consumer<ByteImage>) image -> image.putLong(SIZE - 7, -1L)),
        Arguments.of(
            "putLong(MIN_VALUE)",
            (Consumer<ByteImage>) image -> image.putLong(Integer.MIN_VALUE, -1L)),
        Arguments.of(
            "getDouble(size-7)", (Consumer<ByteImage>) image -> image.getDouble(SIZE - 7)),
        Arguments.of(
            "putDouble(size-7)", (Consumer<ByteImage>) image -> image.putDouble(SIZE - 7, 1.0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfBoundsAccesses")
  void shouldRejectAnAccessReachingOutsideTheImageWithoutWriting(
      String description, Consumer<ByteImage> access) {
    ByteImage image = background();

    assertThrows(IndexOutOfBoundsException.class, () -> access.accept(image), description);

    assertArrayEquals(background().toByteArray(), image.toByteArray());
  }

  @Test
  void shouldRejectEveryOffsetOfAnAccessLongerThanTheImage() {
    ByteImage four = ByteImage.allocate(4);
    assertThrows(IndexOutOfBoundsException.class, () -> four.getLong(0));
    assertThrows(IndexOutOfBoundsException.class, () -> four.putLong(0, -1L));
    assertThrows(IndexOutOfBoundsException.class, () -> four.getLong(Integer.MAX_VALUE));
    four.putInt(0, -1); // exactly the image
    assertEquals(-1, four.getInt(0));

    ByteImage empty = ByteImage.allocate(0);
    IndexOutOfBoundsException e =
        assertThrows(IndexOutOfBoundsException.class, () -> empty.getByte(0));
    assertEquals("Range [0, 0 + 1) out of bounds for length 0", e.getMessage());
  }

  // ---- getBytes and putBytes ----

  @Test
  void shouldCopyARangeOutIntoTheDestinationRange() {
    ByteImage image = background();
    byte[] destination = new byte[10];

    image.getBytes(6, destination, 2, 5);

    assertArrayEquals(
        new byte[] {
          0, 0, backgroundByte(6), backgroundByte(7), backgroundByte(8), backgroundByte(9),
          backgroundByte(10), 0, 0, 0
        },
        destination);
  }

  @Test
  void shouldCopyARangeInLeavingTheRestOfTheImageAlone() {
    ByteImage image = background();

    image.putBytes(6, new byte[] {9, 1, 2, 3, 9}, 1, 3);

    byte[] expected = background().toByteArray();
    expected[6] = 1;
    expected[7] = 2;
    expected[8] = 3;
    assertArrayEquals(expected, image.toByteArray());
  }

  @Test
  void shouldCopyNothingForZeroLength() {
    ByteImage image = background();
    byte[] destination = new byte[2];

    image.getBytes(SIZE, destination, 2, 0);
    image.putBytes(SIZE, new byte[0], 0, 0);

    assertArrayEquals(new byte[2], destination);
    assertArrayEquals(background().toByteArray(), image.toByteArray());
  }

  @ParameterizedTest(name = "offset={0}, destinationOffset={1}, length={2}")
  @MethodSource("badRanges")
  void shouldRejectGetBytesOutOfBoundsCopyingNothing(int offset, int otherOffset, int length) {
    ByteImage image = background();
    byte[] destination = new byte[8];

    assertThrows(
        IndexOutOfBoundsException.class,
        () -> image.getBytes(offset, destination, otherOffset, length));

    assertArrayEquals(new byte[8], destination);
  }

  @ParameterizedTest(name = "offset={0}, sourceOffset={1}, length={2}")
  @MethodSource("badRanges")
  void shouldRejectPutBytesOutOfBoundsWritingNothing(int offset, int otherOffset, int length) {
    ByteImage image = background();
    byte[] source = Fixtures.pattern(8, 1);

    assertThrows(
        IndexOutOfBoundsException.class, () -> image.putBytes(offset, source, otherOffset, length));

    assertArrayEquals(background().toByteArray(), image.toByteArray());
  }

  /** Ranges of an image of {@link #SIZE} bytes and an array of 8 bytes, one of them out of bounds. */
  static Stream<Arguments> badRanges() {
    return Stream.of(
        Arguments.of(-1, 0, 4), // image offset negative
        Arguments.of(SIZE - 3, 0, 4), // image range runs past the end
        Arguments.of(0, -1, 4), // array offset negative
        Arguments.of(0, 5, 4), // array range runs past the end
        Arguments.of(0, 0, -1)); // negative length
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectANullDestinationNamingIt() {
    ByteImage image = background();

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> image.getBytes(0, null, 0, 1));

    assertEquals("destination", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectANullSourceOfPutBytesNamingIt() {
    ByteImage image = background();

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> image.putBytes(0, null, 0, 1));

    assertEquals("source", e.getMessage());
    assertArrayEquals(background().toByteArray(), image.toByteArray());
  }

  // ---- toByteArray, copyFrom, clear, contentEquals, toString ----

  @Test
  void shouldReturnAnIndependentCopyFromToByteArray() {
    ByteImage image = background();

    byte[] copy = image.toByteArray();
    copy[0] = 0;

    assertEquals(backgroundByte(0), image.getByte(0));
    assertNotSame(copy, image.toByteArray());
  }

  @Test
  void shouldCopyAllBytesFromAnImageOfTheSameSize() {
    ByteImage image = ByteImage.allocate(SIZE);

    image.copyFrom(background());

    assertArrayEquals(background().toByteArray(), image.toByteArray());
  }

  @Test
  void shouldRejectCopyFromAnImageOfAnotherSizeCopyingNothing() {
    ByteImage image = background();
    ByteImage other = ByteImage.allocate(SIZE - 1);

    assertThrowsMentioning(
        IllegalArgumentException.class, () -> image.copyFrom(other), String.valueOf(SIZE - 1));
    assertArrayEquals(background().toByteArray(), image.toByteArray());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectCopyFromNullNamingTheParameter() {
    ByteImage image = background();

    NullPointerException e = assertThrows(NullPointerException.class, () -> image.copyFrom(null));

    assertEquals("source", e.getMessage());
  }

  @Test
  void shouldSetEveryByteToZeroOnClear() {
    ByteImage image = background();

    image.clear();

    assertArrayEquals(new byte[SIZE], image.toByteArray());
  }

  @Test
  void shouldFindImagesWithTheSameBytesContentEqual() {
    assertTrue(background().contentEquals(background()));
  }

  @Test
  void shouldFindImagesDifferingInOneByteNotContentEqual() {
    ByteImage other = background();
    other.putByte(SIZE - 1, (byte) 0);

    assertFalse(background().contentEquals(other));
  }

  @Test
  void shouldFindImagesOfDifferentSizesNotContentEqualEvenIfAllZero() {
    assertFalse(ByteImage.allocate(7).contentEquals(ByteImage.allocate(8)));
    assertFalse(ByteImage.allocate(8).contentEquals(ByteImage.allocate(7)));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectContentEqualsNullNamingTheParameter() {
    ByteImage image = background();

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> image.contentEquals(null));

    assertEquals("other", e.getMessage());
  }

  @Test
  void shouldShowSizeAndHexBytesGroupedByWord() {
    byte[] bytes = new byte[10];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 0x11);
    }
    bytes[9] = (byte) 0xAB;

    assertEquals(
        "ByteImage[10 bytes: 0011223344556677 88ab]", Fixtures.imageOf(bytes).toString());
  }

  @Test
  void shouldShowOnlyTheSizeOfImagesOverSixtyFourBytes() {
    assertEquals("ByteImage[65 bytes]", ByteImage.allocate(65).toString());
    assertTrue(ByteImage.allocate(64).toString().startsWith("ByteImage[64 bytes: 0000"));
  }
}
