package dev.seqlock.atomic;

import static dev.seqlock.atomic.Fixtures.assertThrowsMentioning;
import static dev.seqlock.atomic.Fixtures.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class AtomicBytesTest {
  private static final int SHARED_SIZE = 32;
  private static final int PRIVATE_SIZE = 16;

  /** The kinds of buffer the buffer overloads accept for loads. */
  enum BufferKind {
    DIRECT(true, false),
    HEAP(false, false),
    READ_ONLY_DIRECT(true, true),
    READ_ONLY_HEAP(false, true);

    private final boolean direct;
    private final boolean readOnly;

    BufferKind(boolean direct, boolean readOnly) {
      this.direct = direct;
      this.readOnly = readOnly;
    }

    /** A buffer of this kind holding {@code content}, position 0 and limit at its end. */
    ByteBuffer holding(byte[] content) {
      ByteBuffer buffer =
          direct ? ByteBuffer.allocateDirect(content.length) : ByteBuffer.allocate(content.length);
      buffer.put(0, content);
      return readOnly ? buffer.asReadOnlyBuffer() : buffer;
    }
  }

  private static byte[] sharedContent() {
    return pattern(SHARED_SIZE, 1);
  }

  private static byte[] privateContent() {
    return pattern(PRIVATE_SIZE, 2);
  }

  /** All {@code capacity()} bytes of {@code buffer}, whatever its limit. */
  private static byte[] contents(ByteBuffer buffer) {
    ByteBuffer whole = buffer.duplicate().clear();
    byte[] bytes = new byte[whole.capacity()];
    whole.get(0, bytes);
    return bytes;
  }

  /** {@code target} with {@code length} bytes of {@code source} from {@code from} copied to {@code to}. */
  private static byte[] copied(byte[] source, int from, byte[] target, int to, int length) {
    byte[] result = target.clone();
    System.arraycopy(source, from, result, to, length);
    return result;
  }

  static Stream<Arguments> kindsAndLoadOrders() {
    return Arrays.stream(BufferKind.values())
        .flatMap(
            kind ->
                Stream.of(MemoryOrder.RELAXED, MemoryOrder.ACQUIRE)
                    .map(order -> Arguments.of(kind, order)));
  }

  static Stream<Arguments> writableKindsAndStoreOrders() {
    return Stream.of(BufferKind.DIRECT, BufferKind.HEAP)
        .flatMap(
            kind ->
                Stream.of(MemoryOrder.RELAXED, MemoryOrder.RELEASE)
                    .map(order -> Arguments.of(kind, order)));
  }

  /** Ranges over a 32-byte shared side and a 16-byte private side, each with one bound broken. */
  static Stream<Arguments> badRanges() {
    return Stream.of(
        Arguments.of(-1, 0, 4), // shared offset negative
        Arguments.of(SHARED_SIZE - 3, 0, 4), // shared range past the end
        Arguments.of(0, -1, 4), // private offset negative
        Arguments.of(0, PRIVATE_SIZE - 3, 4), // private range past the end
        Arguments.of(0, 0, -1), // negative length
        Arguments.of(Integer.MAX_VALUE, 0, 1)); // overflowing end
  }

  // ---- load from byte[] ----

  @ParameterizedTest
  @EnumSource(value = MemoryOrder.class, names = {"RELAXED", "ACQUIRE"})
  void shouldLoadARangeOfAnArrayIntoTheDestinationRange(MemoryOrder order) {
    byte[] shared = sharedContent();
    byte[] destination = privateContent();

    AtomicBytes.load(shared, 5, destination, 3, 9, order);

    assertArrayEquals(copied(sharedContent(), 5, privateContent(), 3, 9), destination);
    assertArrayEquals(sharedContent(), shared);
  }

  @ParameterizedTest
  @EnumSource(value = MemoryOrder.class, names = {"RELEASE", "ACQ_REL", "SEQ_CST"})
  void shouldRejectLoadFromAnArrayWithAnOrderNotAllowedForLoadsCopyingNothing(MemoryOrder order) {
    byte[] destination = privateContent();

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicBytes.load(sharedContent(), 0, destination, 0, 4, order),
        "load",
        order.name());

    assertArrayEquals(privateContent(), destination);
  }

  @ParameterizedTest(name = "offset={0}, destinationOffset={1}, length={2}")
  @MethodSource("badRanges")
  void shouldRejectLoadFromAnArrayOutOfBoundsCopyingNothing(
      int offset, int destinationOffset, int length) {
    byte[] destination = privateContent();

    assertThrows(
        IndexOutOfBoundsException.class,
        () ->
            AtomicBytes.load(
                sharedContent(), offset, destination, destinationOffset, length, MemoryOrder.ACQUIRE));

    assertArrayEquals(privateContent(), destination);
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectLoadFromANullArrayNamingIt() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> AtomicBytes.load((byte[]) null, 0, new byte[1], 0, 1, MemoryOrder.ACQUIRE));

    assertEquals("shared", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectLoadFromAnArrayIntoANullDestinationNamingIt() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> AtomicBytes.load(sharedContent(), 0, null, 0, 1, MemoryOrder.ACQUIRE));

    assertEquals("destination", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectLoadFromAnArrayWithANullOrderCopyingNothing() {
    byte[] destination = privateContent();

    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> AtomicBytes.load(sharedContent(), 0, destination, 0, 4, null));

    assertEquals("order", e.getMessage());
    assertArrayEquals(privateContent(), destination);
  }

  // ---- load from ByteBuffer ----

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("kindsAndLoadOrders")
  void shouldLoadARangeOfABufferIntoTheDestinationRange(BufferKind kind, MemoryOrder order) {
    ByteBuffer shared = kind.holding(sharedContent());
    shared.position(7).limit(30);
    byte[] destination = privateContent();

    AtomicBytes.load(shared, 2, destination, 4, 12, order);

    assertArrayEquals(copied(sharedContent(), 2, privateContent(), 4, 12), destination);
    assertEquals(7, shared.position());
    assertEquals(30, shared.limit());
  }

  @ParameterizedTest
  @EnumSource(value = MemoryOrder.class, names = {"RELEASE", "ACQ_REL", "SEQ_CST"})
  void shouldRejectLoadFromABufferWithAnOrderNotAllowedForLoadsCopyingNothing(MemoryOrder order) {
    ByteBuffer shared = BufferKind.DIRECT.holding(sharedContent());
    byte[] destination = privateContent();

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicBytes.load(shared, 0, destination, 0, 4, order),
        "load",
        order.name());

    assertArrayEquals(privateContent(), destination);
  }

  @ParameterizedTest(name = "offset={0}, destinationOffset={1}, length={2}")
  @MethodSource("badRanges")
  void shouldRejectLoadFromABufferOutOfBoundsCopyingNothing(
      int offset, int destinationOffset, int length) {
    ByteBuffer shared = BufferKind.DIRECT.holding(sharedContent());
    byte[] destination = privateContent();

    assertThrows(
        IndexOutOfBoundsException.class,
        () ->
            AtomicBytes.load(shared, offset, destination, destinationOffset, length, MemoryOrder.ACQUIRE));

    assertArrayEquals(privateContent(), destination);
  }

  @Test
  void shouldRejectLoadingPastTheLimitOfABufferEvenWithinItsCapacity() {
    ByteBuffer shared = BufferKind.HEAP.holding(sharedContent());
    shared.limit(8);
    byte[] destination = privateContent();

    assertThrows(
        IndexOutOfBoundsException.class,
        () -> AtomicBytes.load(shared, 4, destination, 0, 5, MemoryOrder.ACQUIRE));

    assertArrayEquals(privateContent(), destination);
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectLoadFromANullBufferNamingIt() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> AtomicBytes.load((ByteBuffer) null, 0, new byte[1], 0, 1, MemoryOrder.ACQUIRE));

    assertEquals("shared", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectLoadFromABufferIntoANullDestinationNamingIt() {
    ByteBuffer shared = BufferKind.DIRECT.holding(sharedContent());

    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> AtomicBytes.load(shared, 0, null, 0, 1, MemoryOrder.ACQUIRE));

    assertEquals("destination", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectLoadFromABufferWithANullOrderCopyingNothing() {
    ByteBuffer shared = BufferKind.DIRECT.holding(sharedContent());
    byte[] destination = privateContent();

    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> AtomicBytes.load(shared, 0, destination, 0, 4, null));

    assertEquals("order", e.getMessage());
    assertArrayEquals(privateContent(), destination);
  }

  // ---- store into byte[] ----

  @ParameterizedTest
  @EnumSource(value = MemoryOrder.class, names = {"RELAXED", "RELEASE"})
  void shouldStoreARangeIntoTheSharedArrayRangeOnly(MemoryOrder order) {
    byte[] source = privateContent();
    byte[] shared = sharedContent();

    AtomicBytes.store(source, 1, shared, 20, 12, order);

    assertArrayEquals(copied(privateContent(), 1, sharedContent(), 20, 12), shared);
    assertArrayEquals(privateContent(), source);
  }

  @ParameterizedTest
  @EnumSource(value = MemoryOrder.class, names = {"ACQUIRE", "ACQ_REL", "SEQ_CST"})
  void shouldRejectStoreIntoAnArrayWithAnOrderNotAllowedForStoresWritingNothing(MemoryOrder order) {
    byte[] shared = sharedContent();

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicBytes.store(privateContent(), 0, shared, 0, 4, order),
        "store",
        order.name());

    assertArrayEquals(sharedContent(), shared);
  }

  @ParameterizedTest(name = "offset={0}, sourceOffset={1}, length={2}")
  @MethodSource("badRanges")
  void shouldRejectStoreIntoAnArrayOutOfBoundsWritingNothing(
      int offset, int sourceOffset, int length) {
    byte[] shared = sharedContent();

    assertThrows(
        IndexOutOfBoundsException.class,
        () ->
            AtomicBytes.store(privateContent(), sourceOffset, shared, offset, length, MemoryOrder.RELEASE));

    assertArrayEquals(sharedContent(), shared);
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectStoreFromANullSourceNamingIt() {
    byte[] shared = sharedContent();

    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> AtomicBytes.store(null, 0, shared, 0, 1, MemoryOrder.RELEASE));

    assertEquals("source", e.getMessage());
    assertArrayEquals(sharedContent(), shared);
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectStoreIntoANullArrayNamingIt() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> AtomicBytes.store(privateContent(), 0, (byte[]) null, 0, 1, MemoryOrder.RELEASE));

    assertEquals("shared", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectStoreIntoAnArrayWithANullOrderWritingNothing() {
    byte[] shared = sharedContent();

    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> AtomicBytes.store(privateContent(), 0, shared, 0, 4, null));

    assertEquals("order", e.getMessage());
    assertArrayEquals(sharedContent(), shared);
  }

  // ---- store into ByteBuffer ----

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("writableKindsAndStoreOrders")
  void shouldStoreARangeIntoTheSharedBufferRangeOnly(BufferKind kind, MemoryOrder order) {
    ByteBuffer shared = kind.holding(sharedContent());
    shared.position(3).limit(31);

    AtomicBytes.store(privateContent(), 4, shared, 17, 10, order);

    assertArrayEquals(copied(privateContent(), 4, sharedContent(), 17, 10), contents(shared));
    assertEquals(3, shared.position());
    assertEquals(31, shared.limit());
  }

  @ParameterizedTest
  @EnumSource(value = BufferKind.class, names = {"READ_ONLY_DIRECT", "READ_ONLY_HEAP"})
  void shouldRejectStoreIntoAReadOnlyBufferWritingNothing(BufferKind kind) {
    ByteBuffer shared = kind.holding(sharedContent());

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicBytes.store(privateContent(), 0, shared, 0, 4, MemoryOrder.RELEASE),
        "read-only");

    assertArrayEquals(sharedContent(), contents(shared));
  }

  @ParameterizedTest
  @EnumSource(value = MemoryOrder.class, names = {"ACQUIRE", "ACQ_REL", "SEQ_CST"})
  void shouldRejectStoreIntoABufferWithAnOrderNotAllowedForStoresWritingNothing(MemoryOrder order) {
    ByteBuffer shared = BufferKind.DIRECT.holding(sharedContent());

    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> AtomicBytes.store(privateContent(), 0, shared, 0, 4, order),
        "store",
        order.name());

    assertArrayEquals(sharedContent(), contents(shared));
  }

  @ParameterizedTest(name = "offset={0}, sourceOffset={1}, length={2}")
  @MethodSource("badRanges")
  void shouldRejectStoreIntoABufferOutOfBoundsWritingNothing(
      int offset, int sourceOffset, int length) {
    ByteBuffer shared = BufferKind.DIRECT.holding(sharedContent());

    assertThrows(
        IndexOutOfBoundsException.class,
        () ->
            AtomicBytes.store(privateContent(), sourceOffset, shared, offset, length, MemoryOrder.RELEASE));

    assertArrayEquals(sharedContent(), contents(shared));
  }

  @Test
  void shouldRejectStoringPastTheLimitOfABufferEvenWithinItsCapacity() {
    ByteBuffer shared = BufferKind.DIRECT.holding(sharedContent());
    shared.limit(8);

    assertThrows(
        IndexOutOfBoundsException.class,
        () -> AtomicBytes.store(privateContent(), 0, shared, 4, 5, MemoryOrder.RELEASE));

    assertArrayEquals(sharedContent(), contents(shared));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectStoreFromANullSourceIntoABufferNamingIt() {
    ByteBuffer shared = BufferKind.DIRECT.holding(sharedContent());

    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> AtomicBytes.store(null, 0, shared, 0, 1, MemoryOrder.RELEASE));

    assertEquals("source", e.getMessage());
    assertArrayEquals(sharedContent(), contents(shared));
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectStoreIntoANullBufferNamingIt() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () ->
                AtomicBytes.store(privateContent(), 0, (ByteBuffer) null, 0, 1, MemoryOrder.RELEASE));

    assertEquals("shared", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectStoreIntoABufferWithANullOrderWritingNothing() {
    ByteBuffer shared = BufferKind.DIRECT.holding(sharedContent());

    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> AtomicBytes.store(privateContent(), 0, shared, 0, 4, null));

    assertEquals("order", e.getMessage());
    assertArrayEquals(sharedContent(), contents(shared));
  }

  // ---- empty copies ----

  @Test
  void shouldCopyNothingForZeroLengthAtTheEnds() {
    byte[] sharedArray = sharedContent();
    ByteBuffer sharedBuffer = BufferKind.DIRECT.holding(sharedContent());
    byte[] destination = privateContent();

    AtomicBytes.load(sharedArray, SHARED_SIZE, destination, PRIVATE_SIZE, 0, MemoryOrder.ACQUIRE);
    AtomicBytes.load(sharedBuffer, SHARED_SIZE, destination, PRIVATE_SIZE, 0, MemoryOrder.RELAXED);
    AtomicBytes.store(destination, PRIVATE_SIZE, sharedArray, SHARED_SIZE, 0, MemoryOrder.RELEASE);
    AtomicBytes.store(destination, PRIVATE_SIZE, sharedBuffer, SHARED_SIZE, 0, MemoryOrder.RELAXED);

    assertArrayEquals(privateContent(), destination);
    assertArrayEquals(sharedContent(), sharedArray);
    assertArrayEquals(sharedContent(), contents(sharedBuffer));
  }
}
