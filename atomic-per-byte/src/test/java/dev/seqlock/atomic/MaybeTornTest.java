package dev.seqlock.atomic;

import static dev.seqlock.atomic.Fixtures.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MaybeTornTest {
  @Test
  void shouldAllocateZeroBytesOfTheCodecsSize() {
    ByteCodec<long[]> codec = ByteCodecs.ofLongArray(3);

    MaybeTorn<long[]> holder = MaybeTorn.allocate(codec);

    assertSame(codec, holder.codec());
    assertEquals(24, holder.byteSize());
    assertEquals(24, holder.bytes().byteSize());
    assertArrayEquals(new byte[24], holder.bytes().toByteArray());
  }

  @Test
  void shouldAllocateAFreshHolderEveryTime() {
    assertNotSame(
        MaybeTorn.allocate(ByteCodecs.ofInt()).bytes(), MaybeTorn.allocate(ByteCodecs.ofInt()).bytes());
  }

  @Test
  void shouldHoldTheEncodedBytesOfTheValueItWasCreatedWith() {
    MaybeTorn<Integer> holder = MaybeTorn.of(ByteCodecs.ofInt(), 0x11223344);

    assertArrayEquals(new byte[] {0x44, 0x33, 0x22, 0x11}, holder.bytes().toByteArray());
    assertEquals(0x11223344, holder.assumeUntorn());
  }

  @Test
  void shouldReplaceTheBytesOnSet() {
    MaybeTorn<String> holder = MaybeTorn.of(ByteCodecs.ofAsciiString(4), "abcd");

    holder.set("x");

    assertEquals("x", holder.assumeUntorn());
    assertArrayEquals(new byte[] {1, 0, 'x', 0, 0, 0}, holder.bytes().toByteArray());
  }

  @Test
  void shouldExposeItsOwnBytesNotACopy() {
    MaybeTorn<Integer> holder = MaybeTorn.of(ByteCodecs.ofInt(), 1);

    holder.bytes().putInt(0, 99);

    assertSame(holder.bytes(), holder.bytes());
    assertEquals(99, holder.assumeUntorn());
  }

  @Test
  void shouldPassTheCodecsRefusalOfInvalidBytesThrough() {
    MaybeTorn<String> holder = MaybeTorn.allocate(ByteCodecs.ofAsciiString(2));
    holder.bytes().putChar(0, (char) 3);

    assertThrowsMentioning(IllegalStateException.class, holder::assumeUntorn, "length 3");
  }

  @Test
  void shouldDescribeItselfWithoutDecoding() {
    MaybeTorn<Integer> holder = MaybeTorn.of(new Fixtures.UndecodableCodec(), 0x0A0B0C0D);

    assertEquals("MaybeTorn[codec=undecodable, ByteImage[4 bytes: 0d0c0b0a]]", holder.toString());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectANullCodecOnAllocateNamingIt() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> MaybeTorn.allocate(null));

    assertEquals("codec", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectANullCodecOnOfNamingIt() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> MaybeTorn.of(null, 1));

    assertEquals("codec", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectANullValueOnOfNamingIt() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> MaybeTorn.of(ByteCodecs.ofInt(), null));

    assertEquals("value", e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void shouldRejectANullValueOnSetKeepingTheBytes() {
    MaybeTorn<Integer> holder = MaybeTorn.of(ByteCodecs.ofInt(), 7);

    NullPointerException e = assertThrows(NullPointerException.class, () -> holder.set(null));

    assertEquals("value", e.getMessage());
    assertEquals(7, holder.assumeUntorn());
  }

  @Test
  void shouldPassTheCodecsRejectionOfAValueThroughOnSet() {
    MaybeTorn<int[]> holder = MaybeTorn.allocate(ByteCodecs.ofIntArray(2));

    assertThrows(IllegalArgumentException.class, () -> holder.set(new int[3]));
  }
}
