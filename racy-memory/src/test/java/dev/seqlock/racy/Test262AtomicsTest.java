package dev.seqlock.racy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * test262's {@code test/built-ins/Atomics/<op>/good-views.js} for add, and, compareExchange,
 * exchange, load, or, store, sub and xor (BSD licence; provenance in {@code
 * racy-memory/PROVENANCE.md}), transliterated over every integer typed-array type they run on
 * ({@code nonClampedIntArrayConstructors}); the same operations' {@code expected-return-value.js}
 * on an {@code Int32Array}, and {@code isLockFree}'s {@code expected-return-value.js} and {@code
 * corner-cases.js}. A {@link TypedArray} plays the typed array over a RacyMemory, as
 * an engine's {@code Int8Array} … {@code Uint32Array} on a {@code SharedArrayBuffer} would: element
 * reads and writes UNORDERED, {@code Atomics} SEQ_CST, values converted as ToInt8 … ToUint32 do. A
 * JavaScript value the engine coerces first (an index such as {@code '-0'} or {@code 0.5}, a value
 * such as {@code Math.PI} or {@code "33"}) appears here as the integer it coerces to.
 */
class Test262AtomicsTest {
  /** The typed-array element types of {@code nonClampedIntArrayConstructors}: Int8 … Uint32. */
  static Stream<TypedArray.Type> nonClampedIntTypes() {
    return Stream.of(TypedArray.Type.values()).filter(type -> type.size < Long.BYTES);
  }

  /** {@code new TA(new SharedArrayBuffer(1024), 32, 20)}: non-zero byte offset, as every file. */
  private static TypedArray view(TypedArray.Type type) {
    return new TypedArray(RacyMemory.allocate(1_024), type, 32, 20);
  }

  /**
   * {@code testWithAtomicsInBoundsIndices}: its eleven index generators coerce (ToIndex) to 0, ten
   * of them, or to {@code view.length - 1}.
   */
  private static int[] inBoundsIndices(TypedArray view) {
    return new int[] {0, 0, 0, 0, 0, 0, 0, 0, view.length - 1, 0, 0};
  }

  /** The end of every file: store 37 at each in-bounds index, then the operation returns 37. */
  private interface AtIndex {
    long apply(TypedArray view, int index);
  }

  private static void returns37AtEveryInBoundsIndex(TypedArray view, AtIndex operation) {
    for (int index : inBoundsIndices(view)) {
      view.fillZero();
      view.store(index, 37);
      assertEquals(37, operation.apply(view, index), "index " + index);
    }
  }

  @ParameterizedTest
  @MethodSource("nonClampedIntTypes")
  void addGoodViews(TypedArray.Type type) { // add/good-views.js
    TypedArray view = view(type);
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
  @MethodSource("nonClampedIntTypes")
  void subGoodViews(TypedArray.Type type) { // sub/good-views.js
    TypedArray view = view(type);
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
    long apply(TypedArray view, int index, long operand);
  }

  private static void bitwiseGoodViews(TypedArray.Type type, Bitwise operation, long first, long second,
      boolean zeroAfter) {
    TypedArray view = view(type);
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
  @MethodSource("nonClampedIntTypes")
  void andGoodViews(TypedArray.Type type) { // and/good-views.js
    bitwiseGoodViews(type, TypedArray::and, 0x11111111, 0x10101010, true);
  }

  @ParameterizedTest
  @MethodSource("nonClampedIntTypes")
  void orGoodViews(TypedArray.Type type) { // or/good-views.js
    bitwiseGoodViews(type, TypedArray::or, 0x77777777, 0xF7F7F7F7L, false);
  }

  @ParameterizedTest
  @MethodSource("nonClampedIntTypes")
  void xorGoodViews(TypedArray.Type type) { // xor/good-views.js
    bitwiseGoodViews(type, TypedArray::xor, 0x66666666, 0x96969696L, false);
  }

  @ParameterizedTest
  @MethodSource("nonClampedIntTypes")
  void compareExchangeGoodViews(TypedArray.Type type) { // compareExchange/good-views.js
    TypedArray view = view(type);
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
  @MethodSource("nonClampedIntTypes")
  void exchangeGoodViews(TypedArray.Type type) { // exchange/good-views.js
    TypedArray view = view(type);
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
  @MethodSource("nonClampedIntTypes")
  void loadGoodViews(TypedArray.Type type) { // load/good-views.js
    TypedArray view = view(type);
    for (long value : new long[] {-5, 12345, 123456789}) {
      view.set(3, value);
      assertEquals(type.convert(value), view.load(3), "control[0] = " + value);
    }
    returns37AtEveryInBoundsIndex(view, TypedArray::load);
  }

  @ParameterizedTest
  @MethodSource("nonClampedIntTypes")
  void storeGoodViews(TypedArray.Type type) { // store/good-views.js
    TypedArray view = view(type);
    // 10, -5, 12345, 123456789, Math.PI, "33", {valueOf: () => 33}, undefined, as ToIntegerOrInfinity
    for (long value : new long[] {10, -5, 12345, 123456789, 3, 33, 33, 0}) {
      assertEquals(value, view.store(3, value), "Atomics.store returns ToInteger(val)");
      assertEquals(type.convert(value), view.get(3), "control[0] = " + value);
    }
    returns37AtEveryInBoundsIndex(view, TypedArray::load);
  }

  // ---- <op>/expected-return-value.js: an Int32Array over a 16-byte SharedArrayBuffer ----

  /** {@code new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * 4))}. */
  private static TypedArray int32Array() {
    return new TypedArray(RacyMemory.allocate(16), TypedArray.Type.INT32, 0, 4);
  }

  /** The bit pattern most of these files store: 0x01008081. */
  private static final long UPDATE = 0b0000_0001_0000_0000_1000_0000_1000_0001;

  /** The second operand of and, or and xor: 0x01FF80FF. */
  private static final long OPERAND = 0b0000_0001_1111_1111_1000_0000_1111_1111;

  @Test
  void addExpectedReturnValue() { // add/expected-return-value.js
    TypedArray i32a = int32Array();
    assertEquals(0, i32a.add(0, UPDATE), "add returns the old value, 0");
    assertEquals(UPDATE, i32a.get(0), "and leaves the sum");
  }

  @Test
  void andExpectedReturnValue() { // and/expected-return-value.js
    TypedArray i32a = int32Array();
    i32a.set(0, UPDATE);
    assertEquals(UPDATE, i32a.and(0, OPERAND), "and returns the old value");
    assertEquals(0b0000_0001_0000_0000_1000_0000_1000_0001, i32a.get(0), "UPDATE & OPERAND");
  }

  @Test
  void compareExchangeExpectedReturnValue() { // compareExchange/expected-return-value.js
    TypedArray i32a = int32Array();
    i32a.set(0, UPDATE);
    assertEquals(UPDATE, i32a.compareExchange(0, UPDATE, 0), "the value found, which matched");
    assertEquals(0, i32a.get(0), "replaced by 0");
  }

  @Test
  void exchangeExpectedReturnValue() { // exchange/expected-return-value.js
    TypedArray i32a = int32Array();
    assertEquals(0, i32a.exchange(0, UPDATE), "exchange returns the old value, 0");
    assertEquals(UPDATE, i32a.get(0), "and leaves the new one");
  }

  @Test
  void loadExpectedReturnValue() { // load/expected-return-value.js
    TypedArray i32a = int32Array();
    assertEquals(0, i32a.load(0), "a new memory reads 0");
    i32a.set(0, UPDATE);
    assertEquals(UPDATE, i32a.load(0), "load reads what the element write wrote");
  }

  @Test
  void orExpectedReturnValue() { // or/expected-return-value.js
    TypedArray i32a = int32Array();
    i32a.set(0, UPDATE);
    assertEquals(UPDATE, i32a.or(0, OPERAND), "or returns the old value");
    assertEquals(0b0000_0001_1111_1111_1000_0000_1111_1111, i32a.get(0), "UPDATE | OPERAND");
  }

  @Test
  void storeExpectedReturnValue() { // store/expected-return-value.js
    TypedArray i32a = int32Array();
    assertEquals(UPDATE, i32a.store(0, UPDATE), "store returns the value stored");
    assertEquals(UPDATE, i32a.get(0), "which the element now holds");
  }

  @Test
  void subExpectedReturnValue() { // sub/expected-return-value.js
    TypedArray i32a = int32Array();
    i32a.set(0, UPDATE);
    assertEquals(UPDATE, i32a.sub(0, UPDATE), "sub returns the old value");
    assertEquals(0, i32a.get(0), "UPDATE - UPDATE");
  }

  @Test
  void xorExpectedReturnValue() { // xor/expected-return-value.js
    TypedArray i32a = int32Array();
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
