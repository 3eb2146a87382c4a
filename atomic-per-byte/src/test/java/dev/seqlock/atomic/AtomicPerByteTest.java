package dev.seqlock.atomic;

import static dev.seqlock.atomic.Fixtures.assertThrowsMentioning;
import static dev.seqlock.atomic.Fixtures.bytesOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.atomic.Fixtures.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AtomicPerByteTest {
  /** Twelve bytes: one and a half words, so the value has padding in its last word. */
  private static final ByteCodec<int[]> CODEC = ByteCodecs.ofIntArray(3);

  private static final int[] FIRST = {1, 2, 3};
  private static final int[] SECOND = {0x11223344, -1, 0x7F};

  /** {@code values} as little-endian bytes. */
  private static byte[] littleEndian(int... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int value : values) {
      buffer.putInt(value);
    }
    return buffer.array();
  }

  /** A value of {@link #CODEC} in {@code storage} holding {@link #FIRST}. */
  private static AtomicPerByte<int[]> holdingFirst(Storage storage) {
    AtomicPerByte<int[]> value = storage.value(CODEC);
    value.store(FIRST, MemoryOrder.RELAXED);
    return value;
  }

  /** A holder of {@link #CODEC}'s size filled with a recognisable pattern. */
  private static MaybeTorn<int[]> patternHolder() {
    MaybeTorn<int[]> holder = MaybeTorn.allocate(CODEC);
    holder.bytes().putBytes(0, Fixtures.pattern(12, 9), 0, 12);
    return holder;
  }

  static Stream<Arguments> storagesAndAllowedOrders() {
    return Arrays.stream(Storage.values())
        .flatMap(
            storage ->
                Stream.of(MemoryOrder.RELAXED, MemoryOrder.RELEASE)
                    .flatMap(
                        store ->
                            Stream.of(MemoryOrder.RELAXED, MemoryOrder.ACQUIRE)
                                .map(load -> Arguments.of(storage, store, load))));
  }

  static Stream<Arguments> storagesAndLoadRejectedOrders() {
    return Arrays.stream(Storage.values())
        .flatMap(
            storage ->
                Stream.of(MemoryOrder.RELEASE, MemoryOrder.ACQ_REL, MemoryOrder.SEQ_CST)
                    .map(order -> Arguments.of(storage, order)));
  }

  static Stream<Arguments> storagesAndStoreRejectedOrders() {
    return Arrays.stream(Storage.values())
        .flatMap(
            storage ->
                Stream.of(MemoryOrder.ACQUIRE, MemoryOrder.ACQ_REL, MemoryOrder.SEQ_CST)
                    .map(order -> Arguments.of(storage, order)));
  }

  // ---- construction ----

  @Test
  void shouldHoldTheInitialValueGivenToTheConstructor() {
    AtomicPerByte<int[]> value = new AtomicPerByte<>(CODEC, FIRST);

    assertArrayEquals(littleEndian(FIRST), bytesOf(value));
    assertArrayEquals(FIRST, value.load(MemoryOrder.ACQUIRE).assumeUntorn());
  }

  @Test
  void shouldCopyTheInitialValueRatherThanKeepIt() {
    int[] initial = {1, 2, 3};
    AtomicPerByte<int[]> value = new AtomicPerByte<>(CODEC, initial);

    initial[0] = 100;

    assertArrayEquals(littleEndian(FIRST), bytesOf(value));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectANullCodecInTheConstructorNamingIt() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> new AtomicPerByte<>(null, FIRST));

    assertEquals("codec", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectANullInitialValueNamingIt() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> new AtomicPerByte<>(CODEC, null));

    assertEquals("initialValue", e.getMessage());
  }

  @Test
  void shouldRejectAnInitialValueTheCodecCannotEncode() {
    assertThrowsMentioning(
        IllegalArgumentException.class, () -> new AtomicPerByte<>(CODEC, new int[2]), "length 2");
  }

  @Test
  void shouldStartAllZeroWhenUninitialised() {
    AtomicPerByte<int[]> value = AtomicPerByte.uninit(CODEC);

    assertArrayEquals(new byte[12], bytesOf(value));
    assertArrayEquals(new int[3], value.load(MemoryOrder.RELAXED).assumeUntorn());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectANullCodecInUninitNamingIt() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> AtomicPerByte.uninit(null));

    assertEquals("codec", e.getMessage());
  }

  static Stream<Arguments> storageSizes() {
    return Stream.of(
        Arguments.of(ByteCodecs.ofByteArray(0), 0),
        Arguments.of(ByteCodecs.ofByte(), 8),
        Arguments.of(ByteCodecs.ofInt(), 8),
        Arguments.of(ByteCodecs.ofLong(), 8),
        Arguments.of(ByteCodecs.ofIntArray(3), 16),
        Arguments.of(ByteCodecs.ofLongArray(2), 16),
        Arguments.of(ByteCodecs.ofAsciiString(15), 24));
  }

  @ParameterizedTest(name = "{0} needs {1} bytes")
  @MethodSource("storageSizes")
  void shouldRoundTheStorageSizeUpToWholeWords(ByteCodec<?> codec, int expected) {
    assertEquals(expected, AtomicPerByte.storageSize(codec));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectANullCodecInStorageSizeNamingIt() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> AtomicPerByte.storageSize(null));

    assertEquals("codec", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void shouldReportItsCodecAndByteSize(Storage storage) {
    AtomicPerByte<int[]> value = storage.value(CODEC);

    assertSame(CODEC, value.codec());
    assertEquals(12, value.byteSize());
  }

  // ---- round trips ----

  @ParameterizedTest(name = "{0}: store {1}, load {2}")
  @MethodSource("storagesAndAllowedOrders")
  void shouldLoadWhatWasStored(Storage storage, MemoryOrder storeOrder, MemoryOrder loadOrder) {
    AtomicPerByte<int[]> value = holdingFirst(storage);

    value.store(SECOND, storeOrder);
    MaybeTorn<int[]> loaded = value.load(loadOrder);

    assertArrayEquals(SECOND, loaded.assumeUntorn());
    assertArrayEquals(littleEndian(SECOND), loaded.bytes().toByteArray());
    assertSame(CODEC, loaded.codec());
  }

  @ParameterizedTest(name = "{0}: storeFrom {1}, loadInto {2}")
  @MethodSource("storagesAndAllowedOrders")
  void shouldLoadIntoAHolderWhatWasStoredFromAHolder(
      Storage storage, MemoryOrder storeOrder, MemoryOrder loadOrder) {
    AtomicPerByte<int[]> value = holdingFirst(storage);
    MaybeTorn<int[]> destination = patternHolder();

    value.storeFrom(MaybeTorn.of(CODEC, SECOND), storeOrder);
    value.loadInto(destination, loadOrder);

    assertArrayEquals(SECOND, destination.assumeUntorn());
    assertArrayEquals(littleEndian(SECOND), destination.bytes().toByteArray());
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void shouldReturnANewPrivateHolderFromEveryLoad(Storage storage) {
    AtomicPerByte<int[]> value = holdingFirst(storage);
    MaybeTorn<int[]> first = value.load(MemoryOrder.RELAXED);

    first.bytes().clear();

    assertNotSame(first, value.load(MemoryOrder.RELAXED));
    assertArrayEquals(littleEndian(FIRST), bytesOf(value));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void shouldCopyAStoredValueRatherThanKeepIt(Storage storage) {
    AtomicPerByte<int[]> value = storage.value(CODEC);
    int[] stored = {1, 2, 3};
    value.store(stored, MemoryOrder.RELEASE);

    stored[1] = 100;

    assertArrayEquals(littleEndian(FIRST), bytesOf(value));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void shouldCopyTheSourceHolderRatherThanKeepIt(Storage storage) {
    AtomicPerByte<int[]> value = storage.value(CODEC);
    MaybeTorn<int[]> source = MaybeTorn.of(CODEC, FIRST);
    value.storeFrom(source, MemoryOrder.RELEASE);

    source.set(SECOND);

    assertArrayEquals(littleEndian(FIRST), bytesOf(value));
  }

  // ---- rejected orders ----

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("storagesAndLoadRejectedOrders")
  void shouldRejectLoadWithAnOrderNotAllowedForLoads(Storage storage, MemoryOrder order) {
    AtomicPerByte<int[]> value = holdingFirst(storage);

    assertThrowsMentioning(
        IllegalArgumentException.class, () -> value.load(order), "load", order.name());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("storagesAndLoadRejectedOrders")
  void shouldRejectLoadIntoWithAnOrderNotAllowedForLoadsLeavingTheDestination(
      Storage storage, MemoryOrder order) {
    AtomicPerByte<int[]> value = holdingFirst(storage);
    MaybeTorn<int[]> destination = patternHolder();

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> value.loadInto(destination, order),
        "loadInto",
        order.name());

    assertArrayEquals(patternHolder().bytes().toByteArray(), destination.bytes().toByteArray());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("storagesAndStoreRejectedOrders")
  void shouldRejectStoreWithAnOrderNotAllowedForStoresWritingNothing(
      Storage storage, MemoryOrder order) {
    AtomicPerByte<int[]> value = holdingFirst(storage);

    assertThrowsMentioning(
        IllegalArgumentException.class, () -> value.store(SECOND, order), "store", order.name());

    assertArrayEquals(littleEndian(FIRST), bytesOf(value));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("storagesAndStoreRejectedOrders")
  void shouldRejectStoreFromWithAnOrderNotAllowedForStoresWritingNothing(
      Storage storage, MemoryOrder order) {
    AtomicPerByte<int[]> value = holdingFirst(storage);
    MaybeTorn<int[]> source = MaybeTorn.of(CODEC, SECOND);

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> value.storeFrom(source, order),
        "storeFrom",
        order.name());

    assertArrayEquals(littleEndian(FIRST), bytesOf(value));
  }

  // ---- rejected nulls and sizes ----

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectLoadWithANullOrderNamingIt() {
    AtomicPerByte<int[]> value = holdingFirst(Storage.HEAP);

    NullPointerException e = assertThrows(NullPointerException.class, () -> value.load(null));

    assertEquals("order", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectLoadIntoANullDestinationNamingIt() {
    AtomicPerByte<int[]> value = holdingFirst(Storage.HEAP);

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> value.loadInto(null, MemoryOrder.ACQUIRE));

    assertEquals("destination", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectLoadIntoWithANullOrderLeavingTheDestination() {
    AtomicPerByte<int[]> value = holdingFirst(Storage.HEAP);
    MaybeTorn<int[]> destination = patternHolder();

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> value.loadInto(destination, null));

    assertEquals("order", e.getMessage());
    assertArrayEquals(patternHolder().bytes().toByteArray(), destination.bytes().toByteArray());
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void shouldRejectLoadIntoAHolderOfAnotherSizeLeavingIt(Storage storage) {
    AtomicPerByte<int[]> value = holdingFirst(storage);
    MaybeTorn<int[]> destination = MaybeTorn.of(ByteCodecs.ofIntArray(4), new int[] {9, 9, 9, 9});

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> value.loadInto(destination, MemoryOrder.ACQUIRE),
        "destination",
        "16");

    assertArrayEquals(new int[] {9, 9, 9, 9}, destination.assumeUntorn());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectStoringANullValueWritingNothing() {
    AtomicPerByte<int[]> value = holdingFirst(Storage.HEAP);

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> value.store(null, MemoryOrder.RELEASE));

    assertEquals("value", e.getMessage());
    assertArrayEquals(littleEndian(FIRST), bytesOf(value));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectStoreWithANullOrderWritingNothing() {
    AtomicPerByte<int[]> value = holdingFirst(Storage.HEAP);

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> value.store(SECOND, null));

    assertEquals("order", e.getMessage());
    assertArrayEquals(littleEndian(FIRST), bytesOf(value));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectStoreFromANullSourceNamingIt() {
    AtomicPerByte<int[]> value = holdingFirst(Storage.HEAP);

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> value.storeFrom(null, MemoryOrder.RELAXED));

    assertEquals("source", e.getMessage());
    assertArrayEquals(littleEndian(FIRST), bytesOf(value));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectStoreFromWithANullOrderWritingNothing() {
    AtomicPerByte<int[]> value = holdingFirst(Storage.HEAP);
    MaybeTorn<int[]> source = MaybeTorn.of(CODEC, SECOND);

    NullPointerException e =
        assertThrows(NullPointerException.class, () -> value.storeFrom(source, null));

    assertEquals("order", e.getMessage());
    assertArrayEquals(littleEndian(FIRST), bytesOf(value));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void shouldRejectStoreFromAHolderOfAnotherSizeWritingNothing(Storage storage) {
    AtomicPerByte<int[]> value = holdingFirst(storage);
    MaybeTorn<int[]> source = MaybeTorn.of(ByteCodecs.ofIntArray(2), new int[] {9, 9});

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> value.storeFrom(source, MemoryOrder.RELEASE),
        "source",
        "8");

    assertArrayEquals(littleEndian(FIRST), bytesOf(value));
  }

  // ---- codecs that throw while encoding ----

  @ParameterizedTest
  @EnumSource(Storage.class)
  void shouldWriteNothingWhenTheCodecRejectsAnArrayOfTheWrongLength(Storage storage) {
    AtomicPerByte<long[]> value = storage.value(ByteCodecs.ofLongArray(2));
    value.store(new long[] {1, 2}, MemoryOrder.RELEASE);

    assertThrows(
        IllegalArgumentException.class,
        () -> value.store(new long[] {7, 8, 9}, MemoryOrder.RELEASE));

    assertArrayEquals(new long[] {1, 2}, value.load(MemoryOrder.ACQUIRE).assumeUntorn());
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void shouldWriteNothingWhenTheCodecRejectsANonAsciiString(Storage storage) {
    AtomicPerByte<String> value = storage.value(ByteCodecs.ofAsciiString(6));
    value.store("plain", MemoryOrder.RELEASE);
    byte[] before = bytesOf(value);

    assertThrows(
        IllegalArgumentException.class, () -> value.store("na\u00EFve", MemoryOrder.RELEASE));

    assertArrayEquals(before, bytesOf(value));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void shouldWriteNothingWhenTheCodecRejectsATooLongString(Storage storage) {
    AtomicPerByte<String> value = storage.value(ByteCodecs.ofAsciiString(6));
    value.store("plain", MemoryOrder.RELEASE);
    byte[] before = bytesOf(value);

    assertThrows(
        IllegalArgumentException.class, () -> value.store("too long", MemoryOrder.RELEASE));

    assertArrayEquals(before, bytesOf(value));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void shouldWriteNothingWhenTheCodecThrowsHalfWayThroughEncoding(Storage storage) {
    AtomicPerByte<long[]> value = storage.value(new Fixtures.HalfWritingCodec());

    assertThrows(
        IllegalArgumentException.class,
        () -> value.store(new long[] {-1, -1}, MemoryOrder.RELEASE));

    assertArrayEquals(new byte[16], bytesOf(value));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  @SuppressWarnings("NullAway") // builds a record with a null component on purpose
  void shouldWriteNothingWhenARecordHasANullComponent(Storage storage) {
    AtomicPerByte<RecordCodecTest.Tagged> value =
        storage.value(ByteCodecs.ofRecord(RecordCodecTest.Tagged.class));
    value.store(new RecordCodecTest.Tagged(RecordCodecTest.Color.GREEN, (byte) 5), MemoryOrder.RELEASE);

    assertThrows(
        NullPointerException.class,
        () -> value.store(new RecordCodecTest.Tagged(null, (byte) 6), MemoryOrder.RELEASE));

    assertArrayEquals(new byte[] {1, 5}, bytesOf(value));
  }

  // ---- toString ----

  @Test
  void shouldDescribeItselfWithoutLoadingOrDecoding() {
    AtomicPerByte<Integer> value = new AtomicPerByte<>(new Fixtures.UndecodableCodec(), 5);

    assertEquals("AtomicPerByte[codec=undecodable, byteSize=4, heap]", value.toString());
  }

  @Test
  void shouldDescribeWhereInTheBufferItLives() {
    AtomicPerByte<Integer> value =
        AtomicPerByte.wrap(ByteBuffer.allocateDirect(32), 16, new Fixtures.UndecodableCodec());

    assertEquals("AtomicPerByte[codec=undecodable, byteSize=4, buffer at offset 16]", value.toString());
  }

  // ---- wrap ----

  /** A direct buffer of 40 bytes, all 0x5A. */
  private static ByteBuffer filledBuffer() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(40);
    for (int i = 0; i < buffer.capacity(); i++) {
      buffer.put(i, (byte) 0x5A);
    }
    return buffer;
  }

  private static byte[] contents(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.capacity()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = buffer.get(i);
    }
    return bytes;
  }

  @Test
  void shouldWrapTheBytesTheBufferAlreadyHolds() {
    ByteBuffer buffer = filledBuffer();
    buffer.put(8, littleEndian(SECOND));

    AtomicPerByte<int[]> value = AtomicPerByte.wrap(buffer, 8, CODEC);

    assertArrayEquals(SECOND, value.load(MemoryOrder.ACQUIRE).assumeUntorn());
  }

  @Test
  void shouldStoreLittleEndianIntoItsWordsOfTheBufferOnly() {
    ByteBuffer buffer = filledBuffer();
    AtomicPerByte<int[]> value = AtomicPerByte.wrap(buffer, 8, CODEC);

    value.store(SECOND, MemoryOrder.RELEASE);

    byte[] expected = contents(filledBuffer());
    System.arraycopy(littleEndian(SECOND), 0, expected, 8, 12);
    Arrays.fill(expected, 20, 24, (byte) 0); // the padding of the value's last word
    assertArrayEquals(expected, contents(buffer));
  }

  @Test
  void shouldLeaveTheBuffersPositionLimitAndOrderAlone() {
    ByteBuffer buffer = filledBuffer();
    buffer.position(3).limit(33);
    buffer.order(ByteOrder.BIG_ENDIAN);

    AtomicPerByte<int[]> value = AtomicPerByte.wrap(buffer, 8, CODEC);
    value.store(SECOND, MemoryOrder.RELEASE);
    value.load(MemoryOrder.ACQUIRE);

    assertEquals(3, buffer.position());
    assertEquals(33, buffer.limit());
    assertEquals(ByteOrder.BIG_ENDIAN, buffer.order());
  }

  @Test
  void shouldLoadAValueEqualToTheStoredOneWhateverTheWrappedPaddingHolds() {
    ByteBuffer buffer = filledBuffer(); // bytes 20 to 23, the padding of the value's last word, are 0x5A
    buffer.put(8, littleEndian(SECOND));
    AtomicPerByte<int[]> value = AtomicPerByte.wrap(buffer, 8, CODEC);

    MaybeTorn<int[]> loaded = value.load(MemoryOrder.ACQUIRE);

    assertTrue(loaded.bytes().contentEquals(MaybeTorn.of(CODEC, SECOND).bytes()));
    assertTrue(MaybeTorn.of(CODEC, SECOND).bytes().contentEquals(loaded.bytes()));
  }

  @Test
  void shouldShareStoresBetweenTwoValuesWrappingTheSameBytes() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(32);
    AtomicPerByte<int[]> writer = AtomicPerByte.wrap(buffer, 16, CODEC);
    AtomicPerByte<int[]> reader = AtomicPerByte.wrap(buffer.duplicate(), 16, CODEC);

    writer.store(SECOND, MemoryOrder.RELEASE);

    assertArrayEquals(SECOND, reader.load(MemoryOrder.ACQUIRE).assumeUntorn());
  }

  @Test
  void shouldShareStoresBetweenTwoMappingsOfTheSameFileRegion(@TempDir Path directory)
      throws IOException {
    Path file = directory.resolve("shared.bin");
    try (FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      MappedByteBuffer first = channel.map(FileChannel.MapMode.READ_WRITE, 0, 64);
      MappedByteBuffer second = channel.map(FileChannel.MapMode.READ_WRITE, 0, 64);
      AtomicPerByte<int[]> writer = AtomicPerByte.wrap(first, 24, CODEC);
      AtomicPerByte<int[]> reader = AtomicPerByte.wrap(second, 24, CODEC);

      writer.store(SECOND, MemoryOrder.RELEASE);
      assertArrayEquals(SECOND, reader.load(MemoryOrder.ACQUIRE).assumeUntorn());

      reader.storeFrom(MaybeTorn.of(CODEC, FIRST), MemoryOrder.RELAXED);
      assertArrayEquals(FIRST, writer.load(MemoryOrder.RELAXED).assumeUntorn());
    }
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectWrappingANullBufferNamingIt() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> AtomicPerByte.wrap(null, 0, CODEC));

    assertEquals("buffer", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectWrappingWithANullCodecNamingIt() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> AtomicPerByte.wrap(ByteBuffer.allocateDirect(16), 0, null));

    assertEquals("codec", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(names = {"RELAXED", "RELEASE"})
  void aReadOnlyBufferLoadsAndEveryStoreThrowsWritingNothing(MemoryOrder storeOrder) {
    ByteBuffer buffer = filledBuffer();
    buffer.put(8, littleEndian(SECOND));
    byte[] before = contents(buffer);
    AtomicPerByte<int[]> value = AtomicPerByte.wrap(buffer.asReadOnlyBuffer(), 8, CODEC);

    assertArrayEquals(SECOND, value.load(MemoryOrder.ACQUIRE).assumeUntorn());
    assertThrows(ReadOnlyBufferException.class, () -> value.store(FIRST, storeOrder));
    assertThrows(
        ReadOnlyBufferException.class,
        () -> value.storeFrom(MaybeTorn.of(CODEC, FIRST), storeOrder));
    assertArrayEquals(before, contents(buffer));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4, 7, 12})
  void shouldRejectAnOffsetThatIsNotAMultipleOfEight(int offset) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(40);

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByte.wrap(buffer, offset, CODEC),
        "offset " + offset,
        "not a multiple of 8");
  }

  @Test
  void shouldRejectAHeapBuffer() {
    ByteBuffer heap = ByteBuffer.allocate(40);

    assertThrowsMentioning(
        IllegalArgumentException.class, () -> AtomicPerByte.wrap(heap, 8, CODEC), "not direct");
  }

  @Test
  void shouldRejectAnOffsetWhoseMemoryIsNotWordAligned() {
    ByteBuffer misaligned = filledBuffer().slice(3, 32);

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicPerByte.wrap(misaligned, 8, CODEC),
        "not 8-byte aligned");
  }

  @ParameterizedTest
  @ValueSource(ints = {-8, 32, 40, Integer.MIN_VALUE})
  void shouldRejectAnOffsetWhoseBytesDoNotFitTheBuffer(int offset) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(40); // 16 bytes needed: offset 24 is the last

    assertThrows(IndexOutOfBoundsException.class, () -> AtomicPerByte.wrap(buffer, offset, CODEC));
  }

  @Test
  void shouldCheckTheRangeAgainstTheLimitNotTheCapacity() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(64).limit(24);

    assertEquals(12, AtomicPerByte.wrap(buffer, 8, CODEC).byteSize());
    assertThrows(IndexOutOfBoundsException.class, () -> AtomicPerByte.wrap(buffer, 16, CODEC));
  }
}
