package dev.seqlock.racy;

import static dev.seqlock.racy.RacyOrder.SEQ_CST;
import static dev.seqlock.racy.RacyOrder.UNORDERED;

/**
 * {@code new TA(sab, byteOffset, length)} over a {@link RacyMemory}, for the tests transliterated
 * from test262: an element read and written as JavaScript does ({@code view[i]}), and the {@code
 * Atomics} operations on it. Values are {@code long}s: an integer element's value, or a BigInt
 * element's 64 bits (the BigInt tests read them signed or unsigned).
 */
class TypedArray {
  /** The integer typed-array element types. */
  enum Type {
    INT8(1, true),
    UINT8(1, false),
    INT16(2, true),
    UINT16(2, false),
    INT32(4, true),
    UINT32(4, false),
    BIGINT64(8, true),
    BIGUINT64(8, false);

    final int size;
    final boolean signed;

    Type(int size, boolean signed) {
      this.size = size;
      this.signed = signed;
    }

    /**
     * ToInt8 … ToUint32 of an integer: its low bits, read signed or unsigned; for the 64-bit types
     * the bits themselves.
     */
    long convert(long value) {
      if (size == Long.BYTES) {
        return value;
      }
      int bits = 8 * size;
      long low = value & ((1L << bits) - 1);
      return signed && low >= 1L << (bits - 1) ? low - (1L << bits) : low;
    }
  }

  final RacyMemory memory;
  final Type type;
  final long byteOffset;
  final int length;

  TypedArray(RacyMemory memory, Type type, long byteOffset, int length) {
    this.memory = memory;
    this.type = type;
    this.byteOffset = byteOffset;
    this.length = length;
  }

  final long at(int index) {
    return byteOffset + (long) index * type.size;
  }

  /** {@code view[index]}. */
  final long get(int index) {
    long at = at(index);
    return type.convert(switch (type.size) {
      case 1 -> memory.load8(at, UNORDERED);
      case 2 -> memory.load16(at, UNORDERED);
      case 4 -> memory.load32(at, UNORDERED);
      default -> memory.load64(at, UNORDERED);
    });
  }

  /** {@code view[index] = value}. */
  final void set(int index, long value) {
    long at = at(index);
    switch (type.size) {
      case 1 -> memory.store8(at, (byte) value, UNORDERED);
      case 2 -> memory.store16(at, (short) value, UNORDERED);
      case 4 -> memory.store32(at, (int) value, UNORDERED);
      default -> memory.store64(at, value, UNORDERED);
    }
  }

  /** {@code view.fill(0)}. */
  final void fillZero() {
    memory.fill(byteOffset, (long) length * type.size, (byte) 0);
  }

  final long load(int index) {
    long at = at(index);
    return type.convert(switch (type.size) {
      case 1 -> memory.load8(at, SEQ_CST);
      case 2 -> memory.load16(at, SEQ_CST);
      case 4 -> memory.load32(at, SEQ_CST);
      default -> memory.load64(at, SEQ_CST);
    });
  }

  /** {@code Atomics.store}: returns the value given (ToIntegerOrInfinity), not the stored one. */
  final long store(int index, long value) {
    long at = at(index);
    switch (type.size) {
      case 1 -> memory.store8(at, (byte) value, SEQ_CST);
      case 2 -> memory.store16(at, (short) value, SEQ_CST);
      case 4 -> memory.store32(at, (int) value, SEQ_CST);
      default -> memory.store64(at, value, SEQ_CST);
    }
    return value;
  }

  final long add(int index, long v) {
    long at = at(index);
    return type.convert(switch (type.size) {
      case 1 -> memory.getAndAdd8(at, (byte) v);
      case 2 -> memory.getAndAdd16(at, (short) v);
      case 4 -> memory.getAndAdd32(at, (int) v);
      default -> memory.getAndAdd64(at, v);
    });
  }

  final long sub(int index, long v) {
    long at = at(index);
    return type.convert(switch (type.size) {
      case 1 -> memory.getAndSub8(at, (byte) v);
      case 2 -> memory.getAndSub16(at, (short) v);
      case 4 -> memory.getAndSub32(at, (int) v);
      default -> memory.getAndSub64(at, v);
    });
  }

  final long and(int index, long v) {
    long at = at(index);
    return type.convert(switch (type.size) {
      case 1 -> memory.getAndAnd8(at, (byte) v);
      case 2 -> memory.getAndAnd16(at, (short) v);
      case 4 -> memory.getAndAnd32(at, (int) v);
      default -> memory.getAndAnd64(at, v);
    });
  }

  final long or(int index, long v) {
    long at = at(index);
    return type.convert(switch (type.size) {
      case 1 -> memory.getAndOr8(at, (byte) v);
      case 2 -> memory.getAndOr16(at, (short) v);
      case 4 -> memory.getAndOr32(at, (int) v);
      default -> memory.getAndOr64(at, v);
    });
  }

  final long xor(int index, long v) {
    long at = at(index);
    return type.convert(switch (type.size) {
      case 1 -> memory.getAndXor8(at, (byte) v);
      case 2 -> memory.getAndXor16(at, (short) v);
      case 4 -> memory.getAndXor32(at, (int) v);
      default -> memory.getAndXor64(at, v);
    });
  }

  final long exchange(int index, long v) {
    long at = at(index);
    return type.convert(switch (type.size) {
      case 1 -> memory.getAndSet8(at, (byte) v);
      case 2 -> memory.getAndSet16(at, (short) v);
      case 4 -> memory.getAndSet32(at, (int) v);
      default -> memory.getAndSet64(at, v);
    });
  }

  final long compareExchange(int index, long expected, long replacement) {
    long at = at(index);
    return type.convert(switch (type.size) {
      case 1 -> memory.compareAndExchange8(at, (byte) expected, (byte) replacement);
      case 2 -> memory.compareAndExchange16(at, (short) expected, (short) replacement);
      case 4 -> memory.compareAndExchange32(at, (int) expected, (int) replacement);
      default -> memory.compareAndExchange64(at, expected, replacement);
    });
  }
}
