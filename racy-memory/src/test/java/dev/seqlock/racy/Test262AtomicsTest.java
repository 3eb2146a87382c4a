package dev.seqlock.racy;

import static dev.seqlock.racy.RacyOrder.SEQ_CST;
import static dev.seqlock.racy.RacyOrder.UNORDERED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * test262's {@code test/built-ins/Atomics/<op>/good-views.js} for add, and, compareExchange,
 * exchange, load, or, store, sub and xor (BSD licence; provenance in {@code
 * racy-memory/PROVENANCE.md}), transliterated over every integer typed-array type they run on
 * ({@code nonClampedIntArrayConstructors}); the same operations' {@code expected-return-value.js}
 * on an {@code Int32Array}, and {@code isLockFree}'s {@code expected-return-value.js} and {@code
 * corner-cases.js}. A {@link View} plays the typed array over a RacyMemory, as
 * an engine's {@code Int8Array} … {@code Uint32Array} on a {@code SharedArrayBuffer} would: element
 * reads and writes UNORDERED, {@code Atomics} SEQ_CST, values converted as ToInt8 … ToUint32 do. A
 * JavaScript value the engine coerces first (an index such as {@code '-0'} or {@code 0.5}, a value
 * such as {@code Math.PI} or {@code "33"}) appears here as the integer it coerces to.
 */
class Test262AtomicsTest {
  /** The typed-array element types of {@code nonClampedIntArrayConstructors}. */
  enum Type {
    INT8(1, true),
    UINT8(1, false),
    INT16(2, true),
    UINT16(2, false),
    INT32(4, true),
    UINT32(4, false);

    final int size;
    final boolean signed;

    Type(int size, boolean signed) {
      this.size = size;
      this.signed = signed;
    }

    /** ToInt8 … ToUint32 of an integer: its low bits, read signed or unsigned. */
    long convert(long value) {
      int bits = 8 * size;
      long low = value & ((1L << bits) - 1);
      return signed && low >= 1L << (bits - 1) ? low - (1L << bits) : low;
    }
  }

  /** {@code new TA(sab, byteOffset, length)} over a RacyMemory. */
  static final class View {
    final RacyMemory memory;
    final Type type;
    final long byteOffset;
    final int length;

    View(RacyMemory memory, Type type, long byteOffset, int length) {
      this.memory = memory;
      this.type = type;
      this.byteOffset = byteOffset;
      this.length = length;
    }

    private long at(int index) {
      return byteOffset + (long) index * type.size;
    }

    /** {@code view[index]}. */
    long get(int index) {
      long at = at(index);
      return type.convert(switch (type.size) {
        case 1 -> memory.load8(at, UNORDERED);
        case 2 -> memory.load16(at, UNORDERED);
        default -> memory.load32(at, UNORDERED);
      });
    }

    /** {@code view[index] = value}. */
    void set(int index, long value) {
      long at = at(index);
      switch (type.size) {
        case 1 -> memory.store8(at, (byte) value, UNORDERED);
        case 2 -> memory.store16(at, (short) value, UNORDERED);
        default -> memory.store32(at, (int) value, UNORDERED);
      }
    }

    /** {@code view.fill(0)}. */
    void fillZero() {
      memory.fill(byteOffset, (long) length * type.size, (byte) 0);
    }

    long load(int index) {
      long at = at(index);
      return type.convert(switch (type.size) {
        case 1 -> memory.load8(at, SEQ_CST);
        case 2 -> memory.load16(at, SEQ_CST);
        default -> memory.load32(at, SEQ_CST);
      });
    }

    /** {@code Atomics.store}: returns the value given (ToIntegerOrInfinity), not the stored one. */
    long store(int index, long value) {
      long at = at(index);
      switch (type.size) {
        case 1 -> memory.store8(at, (byte) value, SEQ_CST);
        case 2 -> memory.store16(at, (short) value, SEQ_CST);
        default -> memory.store32(at, (int) value, SEQ_CST);
      }
      return value;
    }

    long add(int index, long v) {
      long at = at(index);
      return type.convert(switch (type.size) {
        case 1 -> memory.getAndAdd8(at, (byte) v);
        case 2 -> memory.getAndAdd16(at, (short) v);
        default -> memory.getAndAdd32(at, (int) v);
      });
    }

    long sub(int index, long v) {
      long at = at(index);
      return type.convert(switch (type.size) {
        case 1 -> memory.getAndSub8(at, (byte) v);
        case 2 -> memory.getAndSub16(at, (short) v);
        default -> memory.getAndSub32(at, (int) v);
      });
    }

    long and(int index, long v) {
      long at = at(index);
      return type.convert(switch (type.size) {
        case 1 -> memory.getAndAnd8(at, (byte) v);
        case 2 -> memory.getAndAnd16(at, (short) v);
        default -> memory.getAndAnd32(at, (int) v);
      });
    }

    long or(int index, long v) {
      long at = at(index);
      return type.convert(switch (type.size) {
        case 1 -> memory.getAndOr8(at, (byte) v);
        case 2 -> memory.getAndOr16(at, (short) v);
        default -> memory.getAndOr32(at, (int) v);
      });
    }

    long xor(int index, long v) {
      long at = at(index);
      return type.convert(switch (type.size) {
        case 1 -> memory.getAndXor8(at, (byte) v);
        case 2 -> memory.getAndXor16(at, (short) v);
        default -> memory.getAndXor32(at, (int) v);
      });
    }

    long exchange(int index, long v) {
      long at = at(index);
      return type.convert(switch (type.size) {
        case 1 -> memory.getAndSet8(at, (byte) v);
        case 2 -> memory.getAndSet16(at, (short) v);
        default -> memory.getAndSet32(at, (int) v);
      });
    }

    long compareExchange(int index, long expected, long replacement) {
      long at = at(index);
      return type.convert(switch (type.size) {
        case 1 -> memory.compareAndExchange8(at, (byte) expected, (byte) replacement);
        case 2 -> memory.compareAndExchange16(at, (short) expected, (short) replacement);
        default -> memory.compareAndExchange32(at, (int) expected, (int) replacement);
      });
    }
  }

  /** {@code new TA(new SharedArrayBuffer(1024), 32, 20)}: non-zero byte offset, as every file. */
  private static View view(Type type) {
    return new View(RacyMemory.allocate(1_024), type, 32, 20);
  }

  /**
   * {@code testWithAtomicsInBoundsIndices}: its eleven index generators coerce (ToIndex) to 0, ten
   * of them, or to {@code view.length - 1}.
   */
  private static int[] inBoundsIndices(View view) {
    return new int[] {0, 0, 0, 0, 0, 0, 0, 0, view.length - 1, 0, 0};
  }

  /** The end of every file: store 37 at each in-bounds index, then the operation returns 37. */
  private interface AtIndex {
    long apply(View view, int index);
  }

  private static void returns37AtEveryInBoundsIndex(View view, AtIndex operation) {
    for (int index : inBoundsIndices(view)) {
      view.fillZero();
      view.store(index, 37);
      assertEquals(37, operation.apply(view, index), "index " + index);
    }
  }

  @ParameterizedTest
  @EnumSource(Type.class)
  void addGoodViews(Type type) { // add/good-views.js
    View view = view(type);
    view.set(8, 0);
    assertEquals(0, view.add(8, 10));
    assertEquals(10, view.get(8));
    assertEquals(10, view.add(8, -5));
    assertEquals(5, view.get(8));
    for (long value : new long[] {-5, 12345, 123456789}) {
      view.set(3, value);
      assertEquals(type.convert(value), view.add(3, 0), "control[0] = " + value);
    }
    returns37AtEveryInBoundsIndex(view, (v, i) -> v.add(i, 0));
  }

  @ParameterizedTest
  @EnumSource(Type.class)
  void subGoodViews(Type type) { // sub/good-views.js
    View view = view(type);
    view.set(8, 100);
    assertEquals(100, view.sub(8, 10));
    assertEquals(90, view.get(8));
    assertEquals(90, view.sub(8, -5));
    assertEquals(95, view.get(8));
    for (long value : new long[] {-5, 12345, 123456789}) {
      view.set(3, value);
      assertEquals(type.convert(value), view.sub(3, 0), "control[0] = " + value);
    }
    returns37AtEveryInBoundsIndex(view, (v, i) -> v.sub(i, 0));
  }

  /** and, or and xor/good-views.js: 0x33333333 with 0x55555555, then with 0xF0F0F0F0. */
  private interface Bitwise {
    long apply(View view, int index, long operand);
  }

  private static void bitwiseGoodViews(Type type, Bitwise operation, long first, long second,
      boolean zeroAfter) {
    View view = view(type);
    view.set(8, 0x33333333);
    assertEquals(type.convert(0x33333333), operation.apply(view, 8, 0x55555555L));
    assertEquals(type.convert(first), view.get(8));
    assertEquals(type.convert(first), operation.apply(view, 8, 0xF0F0F0F0L));
    assertEquals(type.convert(second), view.get(8));
    for (long value : new long[] {-5, 12345, 123456789}) {
      view.set(3, value);
      assertEquals(type.convert(value), operation.apply(view, 3, 0), "control[0] = " + value);
      assertEquals(zeroAfter ? 0 : type.convert(value), view.get(3));
    }
    returns37AtEveryInBoundsIndex(view, (v, i) -> operation.apply(v, i, 0));
  }

  @ParameterizedTest
  @EnumSource(Type.class)
  void andGoodViews(Type type) { // and/good-views.js
    bitwiseGoodViews(type, View::and, 0x11111111, 0x10101010, true);
  }

  @ParameterizedTest
  @EnumSource(Type.class)
  void orGoodViews(Type type) { // or/good-views.js
    bitwiseGoodViews(type, View::or, 0x77777777, 0xF7F7F7F7L, false);
  }

  @ParameterizedTest
  @EnumSource(Type.class)
  void xorGoodViews(Type type) { // xor/good-views.js
    bitwiseGoodViews(type, View::xor, 0x66666666, 0x96969696L, false);
  }

  @ParameterizedTest
  @EnumSource(Type.class)
  void compareExchangeGoodViews(Type type) { // compareExchange/good-views.js
    View view = view(type);
    view.set(8, 0);
    assertEquals(0, view.compareExchange(8, 0, 10));
    assertEquals(10, view.get(8));
    view.set(8, 0);
    assertEquals(0, view.compareExchange(8, 1, 10));
    assertEquals(0, view.get(8));
    view.set(8, 0);
    assertEquals(0, view.compareExchange(8, 0, -5));
    assertEquals(type.convert(-5), view.get(8));
    for (long value : new long[] {-5, 12345, 123456789}) {
      view.set(3, value);
      assertEquals(type.convert(value), view.compareExchange(3, value, 0), "control[0] = " + value);
      assertEquals(0, view.get(3));
    }
    returns37AtEveryInBoundsIndex(view, (v, i) -> v.compareExchange(i, 37, 0));
  }

  @ParameterizedTest
  @EnumSource(Type.class)
  void exchangeGoodViews(Type type) { // exchange/good-views.js
    View view = view(type);
    view.set(8, 0);
    assertEquals(0, view.exchange(8, 10));
    assertEquals(10, view.get(8));
    assertEquals(10, view.exchange(8, -5));
    assertEquals(type.convert(-5), view.get(8));
    for (long value : new long[] {-5, 12345, 123456789}) {
      view.set(3, value);
      assertEquals(type.convert(value), view.exchange(3, 0), "control[0] = " + value);
    }
    returns37AtEveryInBoundsIndex(view, (v, i) -> v.exchange(i, 0));
  }

  @ParameterizedTest
  @EnumSource(Type.class)
  void loadGoodViews(Type type) { // load/good-views.js
    View view = view(type);
    for (long value : new long[] {-5, 12345, 123456789}) {
      view.set(3, value);
      assertEquals(type.convert(value), view.load(3), "control[0] = " + value);
    }
    returns37AtEveryInBoundsIndex(view, View::load);
  }

  @ParameterizedTest
  @EnumSource(Type.class)
  void storeGoodViews(Type type) { // store/good-views.js
    View view = view(type);
    // 10, -5, 12345, 123456789, Math.PI, "33", {valueOf: () => 33}, undefined, as ToIntegerOrInfinity
    for (long value : new long[] {10, -5, 12345, 123456789, 3, 33, 33, 0}) {
      assertEquals(value, view.store(3, value), "Atomics.store returns ToInteger(val)");
      assertEquals(type.convert(value), view.get(3), "control[0] = " + value);
    }
    returns37AtEveryInBoundsIndex(view, View::load);
  }

  // ---- <op>/expected-return-value.js: an Int32Array over a 16-byte SharedArrayBuffer ----

  /** {@code new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * 4))}. */
  private static View int32Array() {
    return new View(RacyMemory.allocate(16), Type.INT32, 0, 4);
  }

  /** The bit pattern most of these files store: 0x01008081. */
  private static final long UPDATE = 0b0000_0001_0000_0000_1000_0000_1000_0001;

  /** The second operand of and, or and xor: 0x01FF80FF. */
  private static final long OPERAND = 0b0000_0001_1111_1111_1000_0000_1111_1111;

  @Test
  void addExpectedReturnValue() { // add/expected-return-value.js
    View i32a = int32Array();
    assertEquals(0, i32a.add(0, UPDATE), "add returns the old value, 0");
    assertEquals(UPDATE, i32a.get(0), "and leaves the sum");
  }

  @Test
  void andExpectedReturnValue() { // and/expected-return-value.js
    View i32a = int32Array();
    i32a.set(0, UPDATE);
    assertEquals(UPDATE, i32a.and(0, OPERAND), "and returns the old value");
    assertEquals(0b0000_0001_0000_0000_1000_0000_1000_0001, i32a.get(0), "UPDATE & OPERAND");
  }

  @Test
  void compareExchangeExpectedReturnValue() { // compareExchange/expected-return-value.js
    View i32a = int32Array();
    i32a.set(0, UPDATE);
    assertEquals(UPDATE, i32a.compareExchange(0, UPDATE, 0), "the value found, which matched");
    assertEquals(0, i32a.get(0), "replaced by 0");
  }

  @Test
  void exchangeExpectedReturnValue() { // exchange/expected-return-value.js
    View i32a = int32Array();
    assertEquals(0, i32a.exchange(0, UPDATE), "exchange returns the old value, 0");
    assertEquals(UPDATE, i32a.get(0), "and leaves the new one");
  }

  @Test
  void loadExpectedReturnValue() { // load/expected-return-value.js
    View i32a = int32Array();
    assertEquals(0, i32a.load(0), "a new memory reads 0");
    i32a.set(0, UPDATE);
    assertEquals(UPDATE, i32a.load(0), "load reads what the element write wrote");
  }

  @Test
  void orExpectedReturnValue() { // or/expected-return-value.js
    View i32a = int32Array();
    i32a.set(0, UPDATE);
    assertEquals(UPDATE, i32a.or(0, OPERAND), "or returns the old value");
    assertEquals(0b0000_0001_1111_1111_1000_0000_1111_1111, i32a.get(0), "UPDATE | OPERAND");
  }

  @Test
  void storeExpectedReturnValue() { // store/expected-return-value.js
    View i32a = int32Array();
    assertEquals(UPDATE, i32a.store(0, UPDATE), "store returns the value stored");
    assertEquals(UPDATE, i32a.get(0), "which the element now holds");
  }

  @Test
  void subExpectedReturnValue() { // sub/expected-return-value.js
    View i32a = int32Array();
    i32a.set(0, UPDATE);
    assertEquals(UPDATE, i32a.sub(0, UPDATE), "sub returns the old value");
    assertEquals(0, i32a.get(0), "UPDATE - UPDATE");
  }

  @Test
  void xorExpectedReturnValue() { // xor/expected-return-value.js
    View i32a = int32Array();
    i32a.set(0, UPDATE);
    assertEquals(UPDATE, i32a.xor(0, OPERAND), "xor returns the old value");
    assertEquals(0b0000_0000_1111_1111_0000_0000_0111_1110, i32a.get(0), "UPDATE ^ OPERAND");
  }

  // ---- isLockFree ----

  /**
   * isLockFree/expected-return-value.js. The specification (Atomics.isLockFree) answers true for 4,
   * the agent's fixed [[IsLockFree1]], [[IsLockFree2]] and [[IsLockFree8]] for 1, 2 and 8 (any
   * booleans, never changing once observed), and false for every other size.
   */
  @Test
  void isLockFreeExpectedReturnValue() {
    boolean one = RacyMemory.isLockFree(1);
    assertEquals(one, RacyMemory.isLockFree(1), "size 1 answers the same again");
    boolean two = RacyMemory.isLockFree(2);
    assertEquals(two, RacyMemory.isLockFree(2), "size 2 answers the same again");
    assertTrue(RacyMemory.isLockFree(4), "size 4 must be lock-free");
    boolean eight = RacyMemory.isLockFree(8);
    assertEquals(eight, RacyMemory.isLockFree(8), "size 8 answers the same again");
    for (int size = 0; size < 12; size++) {
      if (size != 1 && size != 2 && size != 4 && size != 8) {
        assertFalse(RacyMemory.isLockFree(size), "size " + size);
      }
    }
    assertEquals(one, RacyMemory.isLockFree(1), "size 1, after the others");
    assertEquals(two, RacyMemory.isLockFree(2), "size 2, after the others");
    assertEquals(eight, RacyMemory.isLockFree(8), "size 8, after the others");
    for (int size : new int[] {3, 5, 6, 7, 9, 10, 11, 12}) { // the file's list after its loop
      assertFalse(RacyMemory.isLockFree(size), "size " + size);
    }
    assertTrue(RacyMemory.isLockFree(4), "size 4, again");
  }

  /**
   * isLockFree/corner-cases.js: the sizes it hides from constant folding (NaN, -1, 3.14, 0) as the
   * integers ToIntegerOrInfinity makes of them (0, -1, 3, 0); its comparisons of a string, a
   * boolean or an object with the integer it coerces to are the engine's coercion.
   */
  @Test
  void isLockFreeCornerCases() {
    for (int size : new int[] {0, -1, 3, 0}) {
      assertFalse(RacyMemory.isLockFree(size), "size " + size);
    }
  }
}
