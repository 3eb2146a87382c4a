package dev.seqlock.racy;

import static dev.seqlock.racy.RacyOrder.SEQ_CST;
import static dev.seqlock.racy.RacyOrder.UNORDERED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link RacyMemory}'s single-threaded behaviour on every kind of memory ({@link Kind}): byte order,
 * sizes and alignments, bounds and alignment errors that change nothing, read-modify-write results,
 * growth and bulk copies; then waiting, and updates of mixed sizes racing on one word.
 */
class RacyMemoryTest {
  /** The memories: one segment, growable in 64 KiB segments (so accesses cross segments), grown. */
  enum Kind {
    FIXED(() -> RacyMemory.allocate(SIZE)),
    GROWABLE(() -> RacyMemory.allocate(SIZE, 1L << 22)),
    GROWN(() -> {
      RacyMemory memory = RacyMemory.allocate(16, 1L << 22);
      assertTrue(memory.grow(SIZE));
      return memory;
    });

    @SuppressWarnings("ImmutableEnumChecker") // a stateless lambda
    final Supplier<RacyMemory> make;

    Kind(Supplier<RacyMemory> make) {
      this.make = make;
    }
  }

  /** Three 64 KiB segments of a growable memory and a few bytes more. */
  static final long SIZE = 3 * 65_536 + 24;

  /** The last offset of the first 64 KiB segment: an access there crosses into the next one. */
  static final long SEAM = 65_536 - 1;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void valuesAreLittleEndianAtEverySizeAndOrder(Kind kind) {
    RacyMemory memory = kind.make.get();
    memory.store64(8, 0x0706050403020100L, SEQ_CST);
    assertEquals(0x03020100, memory.load32(8, SEQ_CST));
    assertEquals(0x07060504, memory.load32(12, UNORDERED));
    assertEquals((short) 0x0706, memory.load16(14, SEQ_CST));
    assertEquals((byte) 0x05, memory.load8(13, SEQ_CST));
    assertEquals(0x04030201, memory.load32(9, UNORDERED), "misaligned, unordered");
    memory.store16(3, (short) 0xBEEF, UNORDERED);
    assertEquals((byte) 0xEF, memory.load8(3, UNORDERED));
    assertEquals((byte) 0xBE, memory.load8(4, UNORDERED));
    assertArrayEquals(new byte[] {0, 0, 0, (byte) 0xEF, (byte) 0xBE, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7},
        java.util.Arrays.copyOf(memory.toByteArray(), 16));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void misalignedUnorderedAccessesWorkAcrossASegmentsEnd(Kind kind) {
    RacyMemory memory = kind.make.get();
    for (int size : new int[] {2, 4, 8}) {
      for (long offset = SEAM - size + 2; offset <= SEAM; offset++) {
        long value = 0x8877665544332211L;
        switch (size) {
          case 2 -> memory.store16(offset, (short) value, UNORDERED);
          case 4 -> memory.store32(offset, (int) value, UNORDERED);
          default -> memory.store64(offset, value, UNORDERED);
        }
        for (int k = 0; k < size; k++) {
          assertEquals((byte) (value >>> (8 * k)), memory.load8(offset + k, UNORDERED),
              size + " bytes at " + offset + ", byte " + k);
        }
        long read = switch (size) {
          case 2 -> memory.load16(offset, UNORDERED) & 0xFFFFL;
          case 4 -> memory.load32(offset, UNORDERED) & 0xFFFF_FFFFL;
          default -> memory.load64(offset, UNORDERED);
        };
        assertEquals(size == 8 ? value : value & ((1L << (8 * size)) - 1), read);
      }
    }
  }

  /** Every access that must fail, and the exception it must throw. */
  enum BadAccess {
    LOAD_PAST_END(m -> m.load32(SIZE - 3, UNORDERED), IndexOutOfBoundsException.class),
    LOAD_NEGATIVE(m -> m.load8(-1, UNORDERED), IndexOutOfBoundsException.class),
    STORE_PAST_END(m -> m.store64(SIZE - 7, -1L, UNORDERED), IndexOutOfBoundsException.class),
    STORE_FAR_PAST_END(m -> m.store64(Long.MAX_VALUE, -1L, UNORDERED),
        IndexOutOfBoundsException.class),
    LOAD_AT_2_POW_32(m -> m.load32(1L << 32, UNORDERED), IndexOutOfBoundsException.class),
    STORE_AT_2_POW_32(m -> m.store16(1L << 32, (short) -1, UNORDERED),
        IndexOutOfBoundsException.class),
    STORE8_AT_2_POW_32_PLUS_1(m -> m.store8((1L << 32) + 1, (byte) -1, UNORDERED),
        IndexOutOfBoundsException.class),
    SEQ_CST_STORE_UNALIGNED(m -> m.store32(2, -1, SEQ_CST), UnalignedAtomicException.class),
    SEQ_CST_STORE16_UNALIGNED(m -> m.store16(1, (short) -1, SEQ_CST),
        UnalignedAtomicException.class),
    SEQ_CST_LOAD_UNALIGNED(m -> m.load64(4, SEQ_CST), UnalignedAtomicException.class),
    SEQ_CST_LOAD_PAST_END(m -> m.load32(SIZE, SEQ_CST), IndexOutOfBoundsException.class),
    SEQ_CST_STORE_PAST_END(m -> m.store64(SIZE, -1L, SEQ_CST), IndexOutOfBoundsException.class),
    SEQ_CST_STORE16_PAST_END(m -> m.store16(SIZE, (short) -1, SEQ_CST),
        IndexOutOfBoundsException.class),
    SEQ_CST_LOAD_UNALIGNED_PAST_END(m -> m.load32(SIZE - 2, SEQ_CST), // the alignment trap first
        UnalignedAtomicException.class),
    SEQ_CST_LOAD_AT_2_POW_32(m -> m.load64(1L << 32, SEQ_CST), IndexOutOfBoundsException.class),
    SEQ_CST_STORE_AT_2_POW_32(m -> m.store32(1L << 32, -1, SEQ_CST),
        IndexOutOfBoundsException.class),
    SEQ_CST_LOAD_NEGATIVE(m -> m.load64(-8, SEQ_CST), IndexOutOfBoundsException.class),
    ADD_UNALIGNED(m -> m.getAndAdd64(4, 1), UnalignedAtomicException.class),
    ADD16_UNALIGNED(m -> m.getAndAdd16(3, (short) 1), UnalignedAtomicException.class),
    CMPXCHG16_UNALIGNED(m -> m.compareAndExchange16(5, (short) 0, (short) 1),
        UnalignedAtomicException.class),
    ADD_PAST_END(m -> m.getAndAdd32(SIZE, 1), IndexOutOfBoundsException.class),
    XCHG8_PAST_END(m -> m.getAndSet8(SIZE, (byte) 1), IndexOutOfBoundsException.class),
    WAIT_UNALIGNED(m -> m.wait32(2, 0, 0), UnalignedAtomicException.class),
    NOTIFY_PAST_END(m -> m.notify(SIZE, 1), IndexOutOfBoundsException.class),
    FILL_PAST_END(m -> m.fill(SIZE - 2, 3, (byte) 1), IndexOutOfBoundsException.class),
    COPY_WITHIN_PAST_END(m -> m.copyWithin(SIZE - 2, 0, 3), IndexOutOfBoundsException.class),
    COPY_FROM_PAST_END(m -> m.copyFrom(new byte[4], 0, SIZE - 3, 4),
        IndexOutOfBoundsException.class),
    COPY_FROM_PAST_ARRAY(m -> m.copyFrom(new byte[4], 1, 0, 4), IndexOutOfBoundsException.class),
    NEGATIVE_LENGTH(m -> m.fill(0, -1, (byte) 1), IllegalArgumentException.class),
    NULL_ORDER(m -> m.store8(0, (byte) 1, nullOrder()), NullPointerException.class);

    @SuppressWarnings("ImmutableEnumChecker") // a stateless lambda
    final java.util.function.Consumer<RacyMemory> access;

    final Class<? extends Exception> exception;

    /** What the message must say: this class's own messages, never the JDK's. */
    final String messagePart;

    BadAccess(java.util.function.Consumer<RacyMemory> access, Class<? extends Exception> exception) {
      this.access = access;
      this.exception = exception;
      boolean ownBounds = exception == IndexOutOfBoundsException.class
          && !name().startsWith("COPY_FROM"); // the array's bounds: Objects.checkFromIndexSize's
      this.messagePart = ownBounds ? "must be in [0, " : "";
    }
  }

  /**
   * A fixed memory whose length is not a multiple of 8: its segment is allocated in whole words, so
   * the accesses past the length but inside the segment must still be refused, on the fast path as
   * on the checked one, and change nothing; the last whole-size places still work.
   */
  @Test
  void aFixedMemoryOfAnOddLengthRefusesAccessesPastItsLength() {
    RacyMemory memory = RacyMemory.allocate(12);
    List<Executable> past = List.of(
        () -> memory.load64(8, SEQ_CST),
        () -> memory.load64(8, UNORDERED),
        () -> memory.store64(8, -1L, SEQ_CST),
        () -> memory.store32(12, -1, SEQ_CST),
        () -> memory.load32(12, UNORDERED),
        () -> memory.store16(12, (short) -1, SEQ_CST),
        () -> memory.load8(12, SEQ_CST));
    for (Executable access : past) {
      IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, access);
      assertTrue(String.valueOf(e.getMessage()).contains("must be in [0, "), e.getMessage());
    }
    assertArrayEquals(new byte[12], memory.toByteArray());
    memory.store32(8, 0x0403_0201, SEQ_CST);
    memory.store16(10, (short) 0x0605, SEQ_CST); // bytes 10-11 now 5 and 6
    assertEquals(0x0605_0201, memory.load32(8, SEQ_CST));
    assertEquals(0x0605_0201_0000_0000L, memory.load64(4, UNORDERED));
  }

  @SuppressWarnings("NullAway") // the point: a null order must be refused
  private static RacyOrder nullOrder() {
    return null;
  }

  @ParameterizedTest
  @EnumSource(BadAccess.class)
  void aBadAccessThrowsItsExceptionAndChangesNothing(BadAccess bad) {
    for (Kind kind : Kind.values()) { // FIXED's fast path: UNORDERED, and aligned SEQ_CST of 2-8 bytes
      RacyMemory memory = kind.make.get();
      byte[] before = memory.toByteArray();

      Exception e = assertThrows(bad.exception, () -> bad.access.accept(memory), kind.name());

      String message = e.getMessage();
      assertTrue(message != null && message.contains(bad.messagePart), kind + ": " + message);
      assertArrayEquals(before, memory.toByteArray(), kind.name());
      assertEquals(SIZE, memory.byteLength(), kind.name());
    }
  }

  @Test
  void anUnalignedAtomicIsAnIllegalArgumentNamingOffsetAndSize() {
    UnalignedAtomicException e = assertThrows(UnalignedAtomicException.class,
        () -> RacyMemory.allocate(16).getAndAdd32(6, 1));
    assertEquals("unaligned atomic: offset 6 of a 4-byte atomic access must be a multiple of 4",
        e.getMessage());
    assertTrue(IllegalArgumentException.class.isInstance(e));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void readModifyWritesReturnTheOldValueAndLeaveTheirNeighboursAlone(Kind kind) {
    RacyMemory memory = kind.make.get();
    long base = 2 * 65_536 + 8; // in the third segment of the growable kinds
    for (int size : new int[] {1, 2, 4, 8}) {
      for (long at = base; at < base + 8; at += size) {
        memory.store64(base, 0x1111111111111111L, SEQ_CST);
        long before = switch (size) {
          case 1 -> memory.getAndAdd8(at, (byte) 0x42) & 0xFFL;
          case 2 -> memory.getAndAdd16(at, (short) 0x4242) & 0xFFFFL;
          case 4 -> memory.getAndAdd32(at, 0x42424242) & 0xFFFF_FFFFL;
          default -> memory.getAndAdd64(at, 0x4242424242424242L);
        };
        long field = size == 8 ? -1L : (1L << (8 * size)) - 1;
        assertEquals(0x1111111111111111L & field, before, size + " bytes at " + at);
        int shift = (int) (at - base) * 8;
        long expected = (0x1111111111111111L & ~(field << shift))
            | ((0x5353535353535353L & field) << shift);
        assertEquals(expected, memory.load64(base, SEQ_CST), size + " bytes at " + at);
      }
    }
  }

  /**
   * One read-modify-write of each kind at each size and at each place of its size in a word, on
   * 0x1111... with operand 0xCAFE...: the old value it returns and the whole word after it, so a
   * sub-word update that disturbs its neighbours fails too.
   */
  @Test
  void everyReadModifyWriteComputesItsOperationAndLeavesTheRestOfTheWord() {
    RacyMemory m = RacyMemory.allocate(64);
    long ones = 0x1111111111111111L;
    long cafe = 0xCAFEBABECAFEBABEL;
    List<String> failures = new ArrayList<>();
    for (int size : new int[] {1, 2, 4, 8}) {
      long field = size == 8 ? -1L : (1L << (8 * size)) - 1;
      long operand = cafe & field;
      long[] expected = {
        (ones + operand) & field,
        (ones - operand) & field,
        ones & operand & field,
        (ones | operand) & field,
        (ones ^ operand) & field,
        operand
      };
      for (int place = 0; place < 8; place += size) {
        for (int op = 0; op < expected.length; op++) {
          m.store64(8, ones, SEQ_CST);
          long old = rmw(m, op, size, 8 + place, operand);
          long word = m.load64(8, SEQ_CST);
          long want = (ones & ~(field << (8 * place))) | (expected[op] << (8 * place));
          if (old != (ones & field) || word != want) {
            failures.add(String.format("op %d, %d bytes at +%d: old %x, word %x, expected %x",
                op, size, place, old, word, want));
          }
        }
      }
    }
    assertEquals(List.of(), failures);
  }

  private static long rmw(RacyMemory m, int op, int size, long at, long operand) {
    return switch (size) {
      case 1 -> 0xFFL & switch (op) {
        case 0 -> m.getAndAdd8(at, (byte) operand);
        case 1 -> m.getAndSub8(at, (byte) operand);
        case 2 -> m.getAndAnd8(at, (byte) operand);
        case 3 -> m.getAndOr8(at, (byte) operand);
        case 4 -> m.getAndXor8(at, (byte) operand);
        default -> m.getAndSet8(at, (byte) operand);
      };
      case 2 -> 0xFFFFL & switch (op) {
        case 0 -> m.getAndAdd16(at, (short) operand);
        case 1 -> m.getAndSub16(at, (short) operand);
        case 2 -> m.getAndAnd16(at, (short) operand);
        case 3 -> m.getAndOr16(at, (short) operand);
        case 4 -> m.getAndXor16(at, (short) operand);
        default -> m.getAndSet16(at, (short) operand);
      };
      case 4 -> 0xFFFF_FFFFL & switch (op) {
        case 0 -> m.getAndAdd32(at, (int) operand);
        case 1 -> m.getAndSub32(at, (int) operand);
        case 2 -> m.getAndAnd32(at, (int) operand);
        case 3 -> m.getAndOr32(at, (int) operand);
        case 4 -> m.getAndXor32(at, (int) operand);
        default -> m.getAndSet32(at, (int) operand);
      };
      default -> switch (op) {
        case 0 -> m.getAndAdd64(at, operand);
        case 1 -> m.getAndSub64(at, operand);
        case 2 -> m.getAndAnd64(at, operand);
        case 3 -> m.getAndOr64(at, operand);
        case 4 -> m.getAndXor64(at, operand);
        default -> m.getAndSet64(at, operand);
      };
    };
  }

  @Test
  void compareAndExchangeReplacesOnlyTheExpectedValueAndReturnsWhatItFound() {
    RacyMemory m = RacyMemory.allocate(16);
    m.store64(0, 0x0807060504030201L, SEQ_CST);
    assertEquals((byte) 0x02, m.compareAndExchange8(1, (byte) 0x09, (byte) 0x77), "not expected");
    assertEquals((byte) 0x02, m.compareAndExchange8(1, (byte) 0x02, (byte) 0x77));
    assertEquals((short) 0x0403, m.compareAndExchange16(2, (short) 0, (short) 0x7777));
    assertEquals((short) 0x0403, m.compareAndExchange16(2, (short) 0x0403, (short) 0x6666));
    assertEquals((short) 0x0807, m.compareAndExchange16(6, (short) 0x0807, (short) 0x5555));
    assertEquals(0x55550605, m.compareAndExchange32(4, 0, 1));
    assertEquals(0x55550605, m.compareAndExchange32(4, 0x55550605, 0x44444444));
    assertEquals(0x4444444466667701L, m.compareAndExchange64(0, 0, 1));
    assertEquals(0x4444444466667701L, m.compareAndExchange64(0, 0x4444444466667701L, -1L));
    assertEquals(-1L, m.load64(0, SEQ_CST));
    m.store64(8, 0x1111111111111111L, SEQ_CST);
    assertEquals((byte) 0x11, m.compareAndExchange8(13, (byte) 0, (byte) 0x22), "fails");
    assertEquals((short) 0x1111, m.compareAndExchange16(14, (short) 0, (short) 0x2222), "fails");
    assertEquals(0x1111111111111111L, m.load64(8, SEQ_CST), "a failed exchange writes nothing");
    assertEquals((byte) 0x11, m.compareAndExchange8(15, (byte) 0x11, (byte) 0x99));
    assertEquals(0x9911111111111111L, m.load64(8, SEQ_CST), "only its byte");
  }

  @Test
  void growingKeepsTheBytesZeroesTheNewOnesAndNeverShrinksOrPassesTheMaximum() {
    RacyMemory m = RacyMemory.allocate(10, 200_000);
    assertThrows(IndexOutOfBoundsException.class, () -> m.load8(150_000, UNORDERED),
        "past the length, in a segment not allocated yet");
    m.store8(9, (byte) 7, UNORDERED);
    assertFalse(m.grow(9), "never shrinks");
    assertFalse(m.grow(200_001), "never past the maximum");
    assertEquals(10, m.byteLength());
    assertTrue(m.grow(10), "the same size: nothing to do");
    assertTrue(m.grow(150_000)); // across segments
    assertEquals(150_000, m.byteLength());
    assertEquals((byte) 7, m.load8(9, UNORDERED));
    assertEquals(0L, m.load64(149_992, SEQ_CST));
    m.store64(149_992, -1L, SEQ_CST);
    assertTrue(m.grow(200_000));
    assertEquals(-1L, m.load64(149_992, SEQ_CST));
    assertEquals("RacyMemory[200000 bytes]", m.toString());
    assertEquals("RacyMemory[10 bytes, up to 20]", RacyMemory.allocate(10, 20).toString());
    assertFalse(RacyMemory.allocate(8).grow(16), "a fixed memory never grows");
    assertThrows(IllegalArgumentException.class, () -> m.grow(-1));
  }

  @Test
  void allocationChecksItsArguments() {
    assertEquals("byteLength must be in [0, 1099511627776]: -1",
        assertThrows(IllegalArgumentException.class, () -> RacyMemory.allocate(-1)).getMessage());
    assertEquals("byteLength must be at most maxByteLength (8): 9",
        assertThrows(IllegalArgumentException.class, () -> RacyMemory.allocate(9, 8))
            .getMessage());
    assertEquals("maxByteLength must be in [0, 1099511627776]: 1099511627777",
        assertThrows(IllegalArgumentException.class,
            () -> RacyMemory.allocate(0, RacyMemory.MAX_BYTE_LENGTH + 1)).getMessage());
    assertEquals(0, RacyMemory.allocate(0).byteLength());
    assertArrayEquals(new byte[] {1, 2, 3}, RacyMemory.copyOf(new byte[] {1, 2, 3}).toByteArray());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void copyWithinIsOverlapSafeBothWaysAndAcrossSegments(Kind kind) {
    RacyMemory m = kind.make.get();
    int n = 1_000;
    long from = SEAM - 400;
    byte[] pattern = new byte[n];
    for (int i = 0; i < n; i++) {
      pattern[i] = (byte) (i * 7 + 1);
    }
    for (long to : new long[] {from + 3, from - 5, from + 70_000, 0}) {
      m.fill(0, SIZE, (byte) 0);
      m.copyFrom(pattern, 0, from, n);
      m.copyWithin(to, from, n);
      byte[] out = new byte[n];
      m.copyTo(to, out, 0, n);
      assertArrayEquals(pattern, out, "to " + to);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void fillAndCopiesCoverExactlyTheirRange(Kind kind) {
    RacyMemory m = kind.make.get();
    m.fill(SEAM - 2, 5, (byte) 9);
    byte[] out = new byte[9];
    m.copyTo(SEAM - 4, out, 0, 9);
    assertArrayEquals(new byte[] {0, 0, 9, 9, 9, 9, 9, 0, 0}, out);
    m.copyFrom(new byte[] {1, 2, 3, 4}, 1, SEAM, 2);
    assertEquals((byte) 2, m.load8(SEAM, UNORDERED));
    assertEquals((byte) 3, m.load8(SEAM + 1, UNORDERED));
    assertEquals((byte) 9, m.load8(SEAM + 2, UNORDERED));
  }

  // ---- waiting ----

  @Test
  void aWaitOnAnotherValueReturnsNotEqualAndATimeoutTimesOut() {
    RacyMemory m = RacyMemory.allocate(16);
    m.store32(4, 5, SEQ_CST);
    assertEquals(WaitResult.NOT_EQUAL, m.wait32(4, 6, -1));
    assertEquals(WaitResult.TIMED_OUT, m.wait32(4, 5, 0));
    long start = System.nanoTime();
    assertEquals(WaitResult.TIMED_OUT, m.wait64(8, 0, TimeUnit.MILLISECONDS.toNanos(20)));
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(20));
    assertEquals(0, m.notify(4, 1), "the timed-out waiters are gone");
    assertEquals(0, m.notify(8, -1));
  }

  /**
   * Starts a thread waiting at {@code offset} for value 0 ({@code wait64} if {@code wide}, else
   * {@code wait32}), forever; returns it once enqueued.
   */
  private static Thread waiter(RacyMemory m, long offset, boolean wide,
      AtomicReference<WaitResult> result, List<String> order, String name)
      throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    Thread thread = new Thread(() -> {
      started.countDown();
      WaitResult r = wide ? m.wait64(offset, 0, -1) : m.wait32(offset, 0, -1);
      synchronized (order) {
        order.add(name);
      }
      result.set(r);
    }, name);
    thread.setDaemon(true);
    thread.start();
    assertTrue(started.await(10, TimeUnit.SECONDS), name + " never started");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (thread.getState() != Thread.State.WAITING) { // parked in the wait
      assertTrue(System.nanoTime() < deadline, name + " never waited");
      Thread.onSpinWait();
    }
    return thread;
  }

  @Test
  void notifyWakesTheOldestWaiterFirstWhateverItsSizeAndReturnsHowManyItWoke()
      throws InterruptedException {
    RacyMemory m = RacyMemory.allocate(16);
    List<String> order = new ArrayList<>();
    List<AtomicReference<WaitResult>> results = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      AtomicReference<WaitResult> result = new AtomicReference<>();
      results.add(result);
      threads.add(waiter(m, 8, k == 1, result, order, "w" + k)); // w1 waits with wait64
    }
    assertEquals(0, m.notify(12, 5), "another offset: none");
    assertEquals(0, m.notify(8, 0), "a count of 0: none");

    for (int k = 0; k < 3; k++) {
      assertEquals(1, m.notify(8, 1));
      threads.get(k).join(10_000);
      assertFalse(threads.get(k).isAlive(), "w" + k + " woke");
      assertEquals(WaitResult.OK, results.get(k).get());
      for (int later = k + 1; later < 3; later++) {
        assertTrue(threads.get(later).isAlive(), "w" + later + " still waits after " + k);
      }
    }
    assertEquals(List.of("w0", "w1", "w2"), order);
    assertEquals(0, m.notify(8, -1), "none left");
  }

  @Test
  void anInterruptDoesNotEndAWaitAndIsKept() throws InterruptedException {
    RacyMemory m = RacyMemory.allocate(16);
    java.util.concurrent.atomic.AtomicBoolean woken = new java.util.concurrent.atomic.AtomicBoolean();
    CountDownLatch started = new CountDownLatch(1);
    Thread thread = new Thread(() -> {
      started.countDown();
      WaitResult r = m.wait32(0, 0, TimeUnit.SECONDS.toNanos(10));
      woken.set(r == WaitResult.OK && Thread.currentThread().isInterrupted());
    });
    thread.setDaemon(true);
    thread.start();
    assertTrue(started.await(10, TimeUnit.SECONDS), "the waiter never started");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (thread.getState() != Thread.State.TIMED_WAITING) {
      assertTrue(System.nanoTime() < deadline, "the waiter never waited");
      Thread.onSpinWait();
    }
    thread.interrupt();
    Thread.sleep(20);
    assertTrue(thread.isAlive(), "still waiting after the interrupt");
    assertEquals(1, m.notify(0, 1));
    thread.join(10_000);
    assertTrue(woken.get(), "notified, with the interrupt status kept");
  }

  @Test
  void aStoreThenNotifyNeverLeavesAWaiterAsleep() throws InterruptedException {
    RacyMemory m = RacyMemory.allocate(8);
    for (int round = 0; round < 2_000; round++) {
      m.store32(0, 0, SEQ_CST);
      CountDownLatch ready = new CountDownLatch(1);
      Thread thread = new Thread(() -> {
        ready.countDown(); // the store and notify below race this wait's read and enqueue
        while (m.load32(0, SEQ_CST) == 0) {
          m.wait32(0, 0, -1); // NOT_EQUAL or OK: either way the loop sees 1
        }
      });
      thread.setDaemon(true);
      thread.start();
      assertTrue(ready.await(10, TimeUnit.SECONDS), "the waiter never started");
      m.store32(0, 1, SEQ_CST);
      m.notify(0, -1);
      thread.join(10_000);
      assertFalse(thread.isAlive(), "a wake-up was lost in round " + round);
    }
  }

  // ---- races ----

  /**
   * Two threads update one 8-byte word with read-modify-writes of every size, side by side and
   * overlapping: one adds 1 to byte 0, to the 2 bytes at 2 and, by a 4-byte add at 4, to bytes 6-7;
   * the other adds 1 to byte 1, to the 2 bytes at 4 and, by an 8-byte add, to bytes 6-7. n is below
   * 2^15, so no count carries into another; a lost update, or a sub-word update that rewrites a
   * neighbour with a stale value, shows in the counts.
   */
  @Test
  void readModifyWritesOfEverySizeOnOneWordLoseNoUpdate() throws InterruptedException {
    RacyMemory m = RacyMemory.allocate(16);
    int n = 30_000;
    Thread first = new Thread(() -> {
      for (int i = 0; i < n; i++) {
        m.getAndAdd8(0, (byte) 1);
        m.getAndAdd16(2, (short) 1);
        m.getAndAdd32(4, 1 << 16);
      }
    });
    Thread second = new Thread(() -> {
      for (int i = 0; i < n; i++) {
        m.getAndAdd8(1, (byte) 1);
        m.getAndAdd16(4, (short) 1);
        m.getAndAdd64(0, 1L << 48);
      }
    });
    first.start();
    second.start();
    first.join(60_000);
    second.join(60_000);
    assertFalse(first.isAlive() || second.isAlive(), "the updaters did not finish");
    assertEquals((byte) n, m.load8(0, SEQ_CST));
    assertEquals((byte) n, m.load8(1, SEQ_CST));
    assertEquals((short) n, m.load16(2, SEQ_CST));
    assertEquals((short) n, m.load16(4, SEQ_CST));
    assertEquals((short) (2 * n), m.load16(6, SEQ_CST));
    assertEquals(0L, m.load64(8, SEQ_CST), "the next word untouched");
  }

  /**
   * A thread that reads the length a growing memory has reached and then touches its last byte never
   * fails: grow publishes the new segments before the length (Release), and accesses read the length
   * first (Acquire). With the length stored first, the reader can find a null segment.
   */
  @Test
  void anAccessUpToTheLengthJustGrownFindsItsSegment() throws InterruptedException {
    RacyMemory m = RacyMemory.allocate(8, 1L << 24); // 16 KiB segments
    AtomicReference<Throwable> failure = new AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean growing =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread reader = new Thread(() -> {
      try {
        while (growing.get()) {
          long length = m.byteLength();
          m.store8(length - 1, (byte) 1, UNORDERED);
          m.load64((length - 8) & ~7L, SEQ_CST);
        }
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    reader.start();
    for (long length = 8; length <= 1L << 24; length += 4_096) {
      assertTrue(m.grow(length));
    }
    growing.set(false);
    reader.join(60_000);
    assertFalse(reader.isAlive(), "the reader did not finish");
    assertEquals(null, failure.get());
  }

  /** README's snippet, line for line, with what its comments claim. */
  @Test
  void theReadmeSnippetDoesWhatItSays() {
    RacyMemory memory = RacyMemory.allocate(65_536, 16 * 65_536);   // zeroed; growable, as memory.grow
    memory.store32(0, 42, RacyOrder.UNORDERED);                     // i32.store: any alignment
    int old = memory.getAndAdd32(0, 1);                             // i32.atomic.rmw.add, Atomics.add
    byte b = memory.compareAndExchange8(1, (byte) 0, (byte) 7);     // every size overlaps soundly
    WaitResult r = memory.wait32(4, 0, 1_000_000);                  // Atomics.wait: TIMED_OUT after 1 ms

    assertEquals(42, old);
    assertEquals(0, b);
    assertEquals(WaitResult.TIMED_OUT, r);
    assertEquals(43 | 7 << 8, memory.load32(0, SEQ_CST));
    assertTrue(memory.grow(16 * 65_536));
  }

  @Test
  void isLockFreeForTheAtomicSizes() {
    assertTrue(RacyMemory.isLockFree(1));
    assertTrue(RacyMemory.isLockFree(2));
    assertTrue(RacyMemory.isLockFree(4));
    assertTrue(RacyMemory.isLockFree(8));
    assertFalse(RacyMemory.isLockFree(3));
    assertFalse(RacyMemory.isLockFree(16));
  }
}
