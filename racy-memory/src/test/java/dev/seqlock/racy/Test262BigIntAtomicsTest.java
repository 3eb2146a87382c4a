package dev.seqlock.racy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * test262's {@code test/built-ins/Atomics/<op>/bigint/good-views.js} for add, and,
 * compareExchange, exchange, load, or, store, sub and xor, and {@code
 * isLockFree/bigint/expected-return-value.js} (BSD licence; provenance in {@code
 * racy-memory/PROVENANCE.md}), transliterated over both BigInt typed-array types ({@code
 * testWithBigIntTypedArrayConstructors}). A {@link BigView} plays the {@code BigInt64Array} or
 * {@code BigUint64Array} over a RacyMemory as {@link Test262AtomicsTest.View} plays the others:
 * element reads and writes UNORDERED, {@code Atomics} SEQ_CST, 8 bytes each. BigInts are {@link
 * BigInteger}s, so a {@code BigUint64Array} reads {@code -5n} back as 2^64 - 5, as JavaScript does.
 */
class Test262BigIntAtomicsTest {
  /** The element types of {@code testWithBigIntTypedArrayConstructors}. */
  enum BigType {
    BIGINT64(TypedArray.Type.BIGINT64),
    BIGUINT64(TypedArray.Type.BIGUINT64);

    final TypedArray.Type elements;
    final boolean signed;

    BigType(TypedArray.Type elements) {
      this.elements = elements;
      this.signed = elements.signed;
    }

    /** The BigInt an element of these 8 bytes reads as. */
    BigInteger read(long bits) {
      return signed ? BigInteger.valueOf(bits) : new BigInteger(Long.toUnsignedString(bits));
    }

    /** ToBigInt64 or ToBigUint64 of a BigInt: its low 64 bits, read signed or unsigned. */
    BigInteger convert(BigInteger value) {
      return read(value.longValue());
    }
  }

  /** A BigInt literal: {@code n(-5)} is {@code -5n}. */
  private static BigInteger n(long value) {
    return BigInteger.valueOf(value);
  }

  /** {@code new TA(sab, byteOffset, length)}, TA a BigInt typed array: a TypedArray in BigInts. */
  static final class BigView {
    final BigType type;
    final TypedArray array;
    final int length;

    BigView(RacyMemory memory, BigType type, long byteOffset, int length) {
      this.type = type;
      this.array = new TypedArray(memory, type.elements, byteOffset, length);
      this.length = length;
    }

    /** {@code view[index]}. */
    BigInteger get(int index) {
      return type.read(array.get(index));
    }

    /** {@code view[index] = value}. */
    void set(int index, BigInteger value) {
      array.set(index, value.longValue());
    }

    /** {@code view.fill(0n)}. */
    void fillZero() {
      array.fillZero();
    }

    BigInteger load(int index) {
      return type.read(array.load(index));
    }

    /** {@code Atomics.store}: returns the BigInt given (ToBigInt), not the stored one. */
    BigInteger store(int index, BigInteger value) {
      array.store(index, value.longValue());
      return value;
    }

    BigInteger add(int index, BigInteger v) {
      return type.read(array.add(index, v.longValue()));
    }

    BigInteger sub(int index, BigInteger v) {
      return type.read(array.sub(index, v.longValue()));
    }

    BigInteger and(int index, BigInteger v) {
      return type.read(array.and(index, v.longValue()));
    }

    BigInteger or(int index, BigInteger v) {
      return type.read(array.or(index, v.longValue()));
    }

    BigInteger xor(int index, BigInteger v) {
      return type.read(array.xor(index, v.longValue()));
    }

    BigInteger exchange(int index, BigInteger v) {
      return type.read(array.exchange(index, v.longValue()));
    }

    BigInteger compareExchange(int index, BigInteger expected, BigInteger replacement) {
      return type.read(array.compareExchange(index, expected.longValue(), replacement.longValue()));
    }
  }

  /** {@code new TA(new SharedArrayBuffer(1024), 32, 20)}, as every file. */
  private static BigView view(BigType type) {
    return new BigView(RacyMemory.allocate(1_024), type, 32, 20);
  }

  /**
   * {@code testWithAtomicsInBoundsIndices}: its eleven index generators coerce (ToIndex) to 0, ten
   * of them, or to {@code view.length - 1}.
   */
  private static int[] inBoundsIndices(BigView view) {
    return new int[] {0, 0, 0, 0, 0, 0, 0, 0, view.length - 1, 0, 0};
  }

  /** The end of every file: store 37n at each in-bounds index, then the operation returns 37n. */
  private interface AtIndex {
    BigInteger apply(BigView view, int index);
  }

  private static void returns37AtEveryInBoundsIndex(BigView view, AtIndex operation) {
    for (int index : inBoundsIndices(view)) {
      view.fillZero();
      view.store(index, n(37));
      assertEquals(n(37), operation.apply(view, index), "index " + index);
    }
  }

  /** The values every file writes to {@code view[3]} and reads back through the operation. */
  private static final long[] CONTROLS = {-5, 12345, 123456789};

  @ParameterizedTest
  @EnumSource(BigType.class)
  void addGoodViews(BigType type) { // add/bigint/good-views.js
    BigView view = view(type);
    view.set(8, n(0));
    assertEquals(n(0), view.add(8, n(10)));
    assertEquals(n(10), view.get(8));
    assertEquals(n(10), view.add(8, n(-5)));
    assertEquals(n(5), view.get(8), "10n + -5n, also modulo 2^64");
    for (long value : CONTROLS) {
      view.set(3, n(value));
      assertEquals(type.convert(n(value)), view.add(3, n(0)), "control[0] = " + value + "n");
    }
    returns37AtEveryInBoundsIndex(view, (v, i) -> v.add(i, n(0)));
  }

  @ParameterizedTest
  @EnumSource(BigType.class)
  void subGoodViews(BigType type) { // sub/bigint/good-views.js
    BigView view = view(type);
    view.set(8, n(100));
    assertEquals(n(100), view.sub(8, n(10)));
    assertEquals(n(90), view.get(8));
    assertEquals(n(90), view.sub(8, n(-5)));
    assertEquals(n(95), view.get(8), "90n - -5n, also modulo 2^64");
    for (long value : CONTROLS) {
      view.set(3, n(value));
      assertEquals(type.convert(n(value)), view.sub(3, n(0)), "control[0] = " + value + "n");
    }
    returns37AtEveryInBoundsIndex(view, (v, i) -> v.sub(i, n(0)));
  }

  /** and, or and xor/bigint/good-views.js: 0x33333333n with 0x55555555n, then 0xF0F0F0F0n. */
  private interface Bitwise {
    BigInteger apply(BigView view, int index, BigInteger operand);
  }

  private static void bitwiseGoodViews(BigType type, Bitwise operation, long first, long second,
      boolean zeroAfter) {
    BigView view = view(type);
    view.set(8, n(0x33333333));
    assertEquals(n(0x33333333), operation.apply(view, 8, n(0x55555555)));
    assertEquals(n(first), view.get(8));
    assertEquals(n(first), operation.apply(view, 8, n(0xF0F0F0F0L)));
    assertEquals(n(second), view.get(8));
    for (long value : CONTROLS) {
      view.set(3, n(value));
      BigInteger control = type.convert(n(value));
      assertEquals(control, operation.apply(view, 3, n(0)), "control[0] = " + value + "n");
      assertEquals(zeroAfter ? n(0) : control, view.get(3), "view[3] after, from " + value + "n");
    }
    returns37AtEveryInBoundsIndex(view, (v, i) -> operation.apply(v, i, n(0)));
  }

  @ParameterizedTest
  @EnumSource(BigType.class)
  void andGoodViews(BigType type) { // and/bigint/good-views.js
    bitwiseGoodViews(type, BigView::and, 0x11111111, 0x10101010, true);
  }

  @ParameterizedTest
  @EnumSource(BigType.class)
  void orGoodViews(BigType type) { // or/bigint/good-views.js
    bitwiseGoodViews(type, BigView::or, 0x77777777, 0xF7F7F7F7L, false);
  }

  @ParameterizedTest
  @EnumSource(BigType.class)
  void xorGoodViews(BigType type) { // xor/bigint/good-views.js
    bitwiseGoodViews(type, BigView::xor, 0x66666666, 0x96969696L, false);
  }

  @ParameterizedTest
  @EnumSource(BigType.class)
  void compareExchangeGoodViews(BigType type) { // compareExchange/bigint/good-views.js
    BigView view = view(type);
    view.set(8, n(0));
    assertEquals(n(0), view.compareExchange(8, n(0), n(10)));
    assertEquals(n(10), view.get(8), "0n matched: replaced");
    view.set(8, n(0));
    assertEquals(n(0), view.compareExchange(8, n(1), n(10)));
    assertEquals(n(0), view.get(8), "1n did not match: kept");
    view.set(8, n(0));
    assertEquals(n(0), view.compareExchange(8, n(0), n(-5)));
    assertEquals(type.convert(n(-5)), view.get(8));
    for (long value : CONTROLS) {
      view.set(3, n(value));
      assertEquals(type.convert(n(value)), view.compareExchange(3, n(value), n(0)),
          "control[0] = " + value + "n");
      assertEquals(n(0), view.get(3), "replaced, from " + value + "n");
    }
    returns37AtEveryInBoundsIndex(view, (v, i) -> v.compareExchange(i, n(37), n(0)));
  }

  @ParameterizedTest
  @EnumSource(BigType.class)
  void exchangeGoodViews(BigType type) { // exchange/bigint/good-views.js
    BigView view = view(type);
    view.set(8, n(0));
    assertEquals(n(0), view.exchange(8, n(10)));
    assertEquals(n(10), view.get(8));
    assertEquals(n(10), view.exchange(8, n(-5)));
    assertEquals(type.convert(n(-5)), view.get(8));
    for (long value : CONTROLS) {
      view.set(3, n(value));
      assertEquals(type.convert(n(value)), view.exchange(3, n(0)), "control[0] = " + value + "n");
    }
    returns37AtEveryInBoundsIndex(view, (v, i) -> v.exchange(i, n(0)));
  }

  @ParameterizedTest
  @EnumSource(BigType.class)
  void loadGoodViews(BigType type) { // load/bigint/good-views.js
    BigView view = view(type);
    for (long value : CONTROLS) {
      view.set(3, n(value));
      assertEquals(type.convert(n(value)), view.load(3), "control[0] = " + value + "n");
    }
    returns37AtEveryInBoundsIndex(view, BigView::load);
  }

  @ParameterizedTest
  @EnumSource(BigType.class)
  void storeGoodViews(BigType type) { // store/bigint/good-views.js
    BigView view = view(type);
    // 10n, -5n, 12345n, 123456789n, BigInt('33'), {valueOf: () => 33n}, as ToBigInt makes them
    for (long value : new long[] {10, -5, 12345, 123456789, 33, 33}) {
      assertEquals(n(value), view.store(3, n(value)), "Atomics.store returns BigInt(val)");
      assertEquals(type.convert(n(value)), view.get(3), "control[0] = " + value + "n");
    }
    returns37AtEveryInBoundsIndex(view, BigView::load);
  }

  /**
   * isLockFree/bigint/expected-return-value.js: for the element size of each BigInt type (8), the
   * answer does not change once observed.
   */
  @ParameterizedTest
  @EnumSource(BigType.class)
  void isLockFreeExpectedReturnValue(BigType type) {
    boolean observed = RacyMemory.isLockFree(Long.BYTES);
    assertEquals(observed, RacyMemory.isLockFree(Long.BYTES), type + ".BYTES_PER_ELEMENT");
  }
}
