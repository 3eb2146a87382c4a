package dev.seqlock.atomic;

import static dev.seqlock.atomic.Fixtures.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ByteCodecs#ofRecord}: the derived record codecs. */
class RecordCodecTest {
  enum Color {
    RED,
    GREEN,
    BLUE
  }

  record Sample(byte b, int i, short s, long l, boolean z, char c, float f, double d) {}

  record Tagged(Color color, byte after) {}

  record Wide(TwoHundredFiftySevenConstants value, byte after) {}

  record Point(int x, int y) {}

  record Segment(Point from, Point to, byte tag) {}

  record Deep(Segment segment, Tagged tagged, long last) {}

  record Empty() {}

  record Positive(int value) {
    Positive {
      if (value < 0) {
        throw new IllegalArgumentException("negative: " + value);
      }
    }
  }

  record Node(int value, Node next) {}

  record Bad(String name) {}

  record BoxedLong(Long value) {}

  record AnyObject(Object value) {}

  record Box<T>(T value) {}

  @SuppressWarnings("ArrayRecordComponent") // an unsupported component type is the point
  record WithArray(int[] values) {}

  private record Secret(long code, Color color) {}

  private static byte[] encode(ByteCodec<?> codec, Object value) {
    return encodeUnchecked(codec, value).toByteArray();
  }

  @SuppressWarnings("unchecked") // each test passes a value of the codec's type
  private static <T> ByteImage encodeUnchecked(ByteCodec<T> codec, Object value) {
    ByteImage image = ByteImage.allocate(codec.byteSize());
    codec.encode((T) value, image, 0);
    return image;
  }

  private static <T> T roundTrip(ByteCodec<T> codec, T value) {
    ByteImage image = ByteImage.allocate(codec.byteSize());
    codec.encode(value, image, 0);
    return codec.decode(image, 0);
  }

  private static ByteBuffer littleEndian(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  // ---- layout ----

  @Test
  void shouldPackPrimitiveComponentsInDeclarationOrderWithoutPadding() {
    ByteCodec<Sample> codec = ByteCodecs.ofRecord(Sample.class);
    Sample sample =
        new Sample((byte) -3, 0x11223344, (short) 0x5566, 0x0102030405060708L, true, '\u789A',
            1.25f, -2.5);

    byte[] expected =
        littleEndian(30)
            .put((byte) -3) // b at 0
            .putInt(0x11223344) // i at 1
            .putShort((short) 0x5566) // s at 5
            .putLong(0x0102030405060708L) // l at 7
            .put((byte) 1) // z at 15
            .putChar('\u789A') // c at 16
            .putFloat(1.25f) // f at 18
            .putDouble(-2.5) // d at 22
            .array();
    assertEquals(30, codec.byteSize());
    assertArrayEquals(expected, encode(codec, sample));
  }

  @Test
  void shouldEncodeARecordAtAnOffsetWithoutTouchingNeighbours() {
    ByteCodec<Point> codec = ByteCodecs.ofRecord(Point.class);
    ByteImage image = ByteImage.allocate(11);
    image.putByte(0, (byte) 0x77);
    image.putByte(10, (byte) 0x77);

    codec.encode(new Point(0x01020304, -1), image, 2);

    assertArrayEquals(
        new byte[] {0x77, 0, 4, 3, 2, 1, -1, -1, -1, -1, 0x77}, image.toByteArray());
    assertEquals(new Point(0x01020304, -1), codec.decode(image, 2));
  }

  @Test
  void shouldRoundTripARecordOfEveryPrimitiveKind() {
    ByteCodec<Sample> codec = ByteCodecs.ofRecord(Sample.class);
    Sample sample =
        new Sample(Byte.MIN_VALUE, Integer.MAX_VALUE, Short.MIN_VALUE, Long.MIN_VALUE, true,
            Character.MAX_VALUE, Float.NaN, Double.NEGATIVE_INFINITY);

    assertEquals(sample, roundTrip(codec, sample));
  }

  @Test
  void shouldEncodeAnEnumOfUpTo256ConstantsAsAOneByteOrdinal() {
    ByteCodec<Tagged> codec = ByteCodecs.ofRecord(Tagged.class);

    assertEquals(2, codec.byteSize());
    assertArrayEquals(new byte[] {2, 7}, encode(codec, new Tagged(Color.BLUE, (byte) 7)));
    assertEquals(new Tagged(Color.GREEN, (byte) 7), roundTrip(codec, new Tagged(Color.GREEN, (byte) 7)));
  }

  @Test
  void shouldEncodeAnEnumOfMoreThan256ConstantsAsATwoByteOrdinal() {
    ByteCodec<Wide> codec = ByteCodecs.ofRecord(Wide.class);
    Wide last = new Wide(TwoHundredFiftySevenConstants.C256, (byte) 7);

    assertEquals(3, codec.byteSize());
    assertArrayEquals(new byte[] {0, 1, 7}, encode(codec, last));
    assertEquals(last, roundTrip(codec, last));
  }

  @Test
  void shouldRefuseToDecodeAOneByteOrdinalOutOfRangeNamingTheComponent() {
    ByteCodec<Tagged> codec = ByteCodecs.ofRecord(Tagged.class);
    ByteImage image = Fixtures.imageOf(new byte[] {3, 0});

    assertThrowsMentioning(
        IllegalStateException.class, () -> codec.decode(image, 0), "ordinal 3", "Tagged.color");
  }

  @Test
  void shouldReadAOneByteOrdinalUnsigned() {
    ByteCodec<Tagged> codec = ByteCodecs.ofRecord(Tagged.class);
    ByteImage image = Fixtures.imageOf(new byte[] {(byte) 0xFF, 0});

    assertThrowsMentioning(IllegalStateException.class, () -> codec.decode(image, 0), "ordinal 255");
  }

  @Test
  void shouldRefuseToDecodeATwoByteOrdinalOutOfRange() {
    ByteCodec<Wide> codec = ByteCodecs.ofRecord(Wide.class);
    ByteImage image = Fixtures.imageOf(new byte[] {1, 1, 0});

    assertThrowsMentioning(
        IllegalStateException.class, () -> codec.decode(image, 0), "ordinal 257", "Wide.value");
  }

  @Test
  void shouldLayOutANestedRecordInlineInDeclarationOrder() {
    ByteCodec<Segment> codec = ByteCodecs.ofRecord(Segment.class);
    Segment segment = new Segment(new Point(1, 2), new Point(3, -4), (byte) 5);

    byte[] expected = littleEndian(17).putInt(1).putInt(2).putInt(3).putInt(-4).put((byte) 5).array();
    assertEquals(17, codec.byteSize());
    assertArrayEquals(expected, encode(codec, segment));
    assertEquals(segment, roundTrip(codec, segment));
  }

  @Test
  void shouldRoundTripRecordsNestedSeveralLevelsDeep() {
    ByteCodec<Deep> codec = ByteCodecs.ofRecord(Deep.class);
    Deep deep =
        new Deep(
            new Segment(new Point(-1, 2), new Point(3, 4), (byte) -5),
            new Tagged(Color.RED, (byte) 9),
            Long.MAX_VALUE);

    assertEquals(17 + 2 + 8, codec.byteSize());
    assertEquals(deep, roundTrip(codec, deep));
  }

  @Test
  void shouldEncodeAnEmptyRecordAsNoBytes() {
    ByteCodec<Empty> codec = ByteCodecs.ofRecord(Empty.class);

    assertEquals(0, codec.byteSize());
    assertEquals(new Empty(), roundTrip(codec, new Empty()));
  }

  /** Point's shape under other names: a reader's copy of the record in another package. */
  record PointCopy(int x, int y) {}

  /** Point's size and types, other names. */
  record Pair(int a, int b) {}

  /** Tagged with the enum's constants in another order. */
  enum Shade {
    BLUE,
    GREEN,
    RED
  }

  record ShadeTagged(Shade color, byte after) {}

  @Test
  void shouldDescribeItsLayoutByComponentNamesTypesAndOffsets() {
    assertEquals(
        "(b byte @0, i int @1, s short @5, l long @7, z boolean @15, c char @16, f float @18,"
            + " d double @22)",
        ByteCodecs.ofRecord(Sample.class).layout());
    assertEquals(
        "(segment (from (x int @0, y int @4) @0, to (x int @0, y int @4) @8, tag byte @16) @0,"
            + " tagged (color enum{RED,GREEN,BLUE} u8 @0, after byte @1) @17, last long @19)",
        ByteCodecs.ofRecord(Deep.class).layout());
    assertEquals("()", ByteCodecs.ofRecord(Empty.class).layout());
  }

  @Test
  void layoutsAgreeForTheSameShapeAndDifferForOtherNamesOrConstantOrder() {
    String point = ByteCodecs.ofRecord(Point.class).layout();

    assertEquals(point, ByteCodecs.ofRecord(PointCopy.class).layout());
    assertNotEquals(point, ByteCodecs.ofRecord(Pair.class).layout());
    assertNotEquals(
        ByteCodecs.ofRecord(Tagged.class).layout(), ByteCodecs.ofRecord(ShadeTagged.class).layout());
  }

  @Test
  void anEnumOfVeryManyConstantsIsDescribedByItsCountAndAHashOfItsNames() {
    String layout = ByteCodecs.ofRecord(Wide.class).layout();

    assertTrue(layout.startsWith("(value enum{257 constants, hash "), layout);
    assertTrue(layout.endsWith("} u16 @0, after byte @2)"), layout);
  }

  @Test
  void shouldDescribeItselfByRecordNameAndSize() {
    assertEquals("record Segment[17 bytes]", ByteCodecs.ofRecord(Segment.class).toString());
  }

  @Test
  void shouldPassAnExceptionOfTheCanonicalConstructorThroughOnDecode() {
    ByteCodec<Positive> codec = ByteCodecs.ofRecord(Positive.class);
    ByteImage image = ByteImage.allocate(4);
    image.putInt(0, -1);

    assertThrowsMentioning(IllegalArgumentException.class, () -> codec.decode(image, 0), "negative: -1");
  }

  // ---- access ----

  @Test
  void shouldDeriveACodecForAPrivateRecordThroughALookup() {
    ByteCodec<Secret> codec = ByteCodecs.ofRecord(Secret.class, MethodHandles.lookup());
    Secret secret = new Secret(42L, Color.GREEN);

    assertEquals(9, codec.byteSize());
    assertEquals(secret, roundTrip(codec, secret));
  }

  @Test
  void shouldDeriveACodecForAPrivateRecordOnTheClassPathWithoutALookup() {
    ByteCodec<Secret> codec = ByteCodecs.ofRecord(Secret.class);
    Secret secret = new Secret(-42L, Color.BLUE);

    assertEquals(secret, roundTrip(codec, secret));
  }

  @Test
  void shouldRejectALookupWithoutAccessToTheRecord() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> ByteCodecs.ofRecord(Secret.class, MethodHandles.publicLookup()),
        "Secret",
        "not accessible");
  }

  // ---- rejected types ----

  static Stream<Arguments> unsupportedComponents() {
    return Stream.of(
        Arguments.of(Bad.class, "Bad.name", "java.lang.String"),
        Arguments.of(BoxedLong.class, "BoxedLong.value", "java.lang.Long"),
        Arguments.of(AnyObject.class, "AnyObject.value", "java.lang.Object"),
        Arguments.of(Box.class, "Box.value", "java.lang.Object"),
        Arguments.of(WithArray.class, "WithArray.values", "int[]"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("unsupportedComponents")
  void shouldRejectAnUnsupportedComponentTypeNamingTheComponent(
      Class<? extends Record> type, String component, String typeName) {
    assertThrowsMentioning(
        IllegalArgumentException.class, () -> ByteCodecs.ofRecord(type), component, typeName);
  }

  @Test
  void shouldRejectAClassThatIsNotARecord() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> ByteCodecs.ofRecord(Record.class),
        "java.lang.Record",
        "not a record");
  }

  @Test
  void shouldRejectARecordThatContainsItself() {
    assertThrowsMentioning(
        IllegalArgumentException.class, () -> ByteCodecs.ofRecord(Node.class), "contains itself");
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectANullTypeNamingIt() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> ByteCodecs.ofRecord(null));

    assertEquals("type", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectANullTypeWithALookupNamingIt() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> ByteCodecs.ofRecord(null, MethodHandles.lookup()));

    assertEquals("type", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectANullLookupNamingIt() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> ByteCodecs.ofRecord(Point.class, null));

    assertEquals("lookup", e.getMessage());
  }

  // ---- rejected values ----

  @Test
  @SuppressWarnings("NullAway") // builds a record with a null component on purpose
  void shouldRejectANullEnumComponentNamingIt() {
    ByteCodec<Tagged> codec = ByteCodecs.ofRecord(Tagged.class);
    Tagged tagged = new Tagged(null, (byte) 1);

    assertThrowsMentioning(
        NullPointerException.class,
        () -> codec.encode(tagged, ByteImage.allocate(2), 0),
        "Tagged.color");
  }

  @Test
  @SuppressWarnings("NullAway") // builds a record with a null component on purpose
  void shouldRejectANullRecordComponentNamingIt() {
    ByteCodec<Segment> codec = ByteCodecs.ofRecord(Segment.class);
    Segment segment = new Segment(new Point(1, 2), null, (byte) 1);

    assertThrowsMentioning(
        NullPointerException.class,
        () -> codec.encode(segment, ByteImage.allocate(17), 0),
        "Segment.to");
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectANullValueNamingIt() {
    ByteCodec<Point> codec = ByteCodecs.ofRecord(Point.class);

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> codec.encode(null, ByteImage.allocate(8), 0));

    assertEquals("value", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectANullTargetNamingIt() {
    ByteCodec<Point> codec = ByteCodecs.ofRecord(Point.class);

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> codec.encode(new Point(1, 2), null, 0));

    assertEquals("target", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectANullSourceNamingIt() {
    ByteCodec<Point> codec = ByteCodecs.ofRecord(Point.class);

    NullPointerException e = assertThrows(NullPointerException.class, () -> codec.decode(null, 0));

    assertEquals("source", e.getMessage());
  }

  @Test
  void shouldRejectEncodingPastTheEndOfTheTargetWritingNothing() {
    ByteCodec<Point> codec = ByteCodecs.ofRecord(Point.class);
    ByteImage image = ByteImage.allocate(8);

    assertThrows(IndexOutOfBoundsException.class, () -> codec.encode(new Point(1, 2), image, 1));

    assertArrayEquals(new byte[8], image.toByteArray());
  }

  @Test
  void shouldRejectDecodingPastTheEndOfTheSource() {
    ByteCodec<Point> codec = ByteCodecs.ofRecord(Point.class);

    assertThrows(IndexOutOfBoundsException.class, () -> codec.decode(ByteImage.allocate(8), -1));
  }

  /**
   * offsetOf names the offset where the codec really encodes each component: read back through
   * ByteImage at that offset, every component of an encoded record is its value (so the offsets follow
   * the codec, not a second copy of the layout rules).
   */
  @Test
  void offsetOfEveryComponentIsWhereTheCodecEncodesIt() {
    ByteCodec<Sample> codec = ByteCodecs.ofRecord(Sample.class);
    Sample sample = new Sample((byte) -7, 0x1234_5678, (short) -300, 0x0102_0304_0506_0708L, true,
        '\u20AC', -1.5f, Math.PI);
    ByteImage image = encodeUnchecked(codec, sample);

    assertEquals(sample.b(), image.getByte(ByteCodecs.offsetOf(codec, "b")));
    assertEquals(sample.i(), image.getInt(ByteCodecs.offsetOf(codec, "i")));
    assertEquals(sample.s(), image.getShort(ByteCodecs.offsetOf(codec, "s")));
    assertEquals(sample.l(), image.getLong(ByteCodecs.offsetOf(codec, "l")));
    assertEquals(sample.z(), image.getBoolean(ByteCodecs.offsetOf(codec, "z")));
    assertEquals(sample.c(), image.getChar(ByteCodecs.offsetOf(codec, "c")));
    assertEquals(sample.f(), image.getFloat(ByteCodecs.offsetOf(codec, "f")));
    assertEquals(sample.d(), image.getDouble(ByteCodecs.offsetOf(codec, "d")));
    assertArrayEquals(new int[] {0, 1, 5, 7, 15, 16, 18, 22},
        Stream.of("b", "i", "s", "l", "z", "c", "f", "d")
            .mapToInt(name -> ByteCodecs.offsetOf(codec, name)).toArray(),
        "the packed layout ofRecord documents");
  }

  @Test
  void offsetOfANestedComponentFollowsItsPathFromTheOuterRecord() {
    ByteCodec<Deep> codec = ByteCodecs.ofRecord(Deep.class);
    Deep deep = new Deep(new Segment(new Point(1, 2), new Point(3, 4), (byte) 5),
        new Tagged(Color.BLUE, (byte) 6), 7L);
    ByteImage image = encodeUnchecked(codec, deep);

    assertEquals(0, ByteCodecs.offsetOf(codec, "segment"));
    assertEquals(8, ByteCodecs.offsetOf(codec, "segment.to"));
    assertEquals(4, image.getInt(ByteCodecs.offsetOf(codec, "segment.to.y")));
    assertEquals(5, image.getByte(ByteCodecs.offsetOf(codec, "segment.tag")));
    assertEquals(2, image.getByte(ByteCodecs.offsetOf(codec, "tagged.color")), "BLUE's ordinal");
    assertEquals(6, image.getByte(ByteCodecs.offsetOf(codec, "tagged.after")));
    assertEquals(7L, image.getLong(ByteCodecs.offsetOf(codec, "last")));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void offsetOfRejectsWhatNoComponentIsNamingThePathAndTheChoices() {
    ByteCodec<Deep> codec = ByteCodecs.ofRecord(Deep.class);

    assertThrowsMentioning(IllegalArgumentException.class,
        () -> ByteCodecs.offsetOf(codec, "segmnt"), "component \"segmnt\"", "record Deep",
        "no component \"segmnt\"", "its components: segment, tagged, last");
    assertThrowsMentioning(IllegalArgumentException.class,
        () -> ByteCodecs.offsetOf(codec, "segment.to.z"), "component \"segment.to.z\"",
        "record Point", "no component \"z\"", "its components: x, y");
    assertThrowsMentioning(IllegalArgumentException.class,
        () -> ByteCodecs.offsetOf(codec, "segment.tag.bits"), "Segment.tag is not a record",
        "no component \"bits\"");
    assertThrowsMentioning(IllegalArgumentException.class,
        () -> ByteCodecs.offsetOf(codec, "tagged.color.ordinal"), "Tagged.color is not a record");
    for (String empty : new String[] {"", ".last", "segment.", "segment..to"}) {
      assertThrowsMentioning(IllegalArgumentException.class,
          () -> ByteCodecs.offsetOf(codec, empty), "component \"" + empty + "\" has an empty name",
          "joined by single dots");
    }
    assertThrowsMentioning(IllegalArgumentException.class,
        () -> ByteCodecs.offsetOf(ByteCodecs.ofRecord(Empty.class), "any"), "record Empty",
        "(it has none)");
    assertThrowsMentioning(IllegalArgumentException.class,
        () -> ByteCodecs.offsetOf(ByteCodecs.ofLong(), "value"), "recordCodec",
        "ByteCodecs.ofRecord");
    assertThrowsMentioning(NullPointerException.class,
        () -> ByteCodecs.offsetOf(null, "last"), "recordCodec");
    assertThrowsMentioning(NullPointerException.class,
        () -> ByteCodecs.offsetOf(codec, null), "component");
  }

}
