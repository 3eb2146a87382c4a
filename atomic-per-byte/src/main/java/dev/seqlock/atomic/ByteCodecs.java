package dev.seqlock.atomic;

import java.lang.invoke.MethodHandles;
import java.util.Objects;

/**
 * Ready-made {@link ByteCodec}s: every primitive type, fixed-length primitive arrays, bounded ASCII
 * strings and records.
 *
 * <p>All codecs write little-endian (see {@link ByteImage}) and are immutable and thread-safe. Array
 * codecs have a fixed length: encoding an array of another length is an
 * {@link IllegalArgumentException}. The primitive codecs are singletons; every other factory returns a
 * new codec.
 */
public final class ByteCodecs {
  private ByteCodecs() {}

  private static final ByteCodec<Boolean> BOOLEAN =
      new Fixed<>("boolean", 1, (v, t, o) -> t.putBoolean(o, v), ByteImage::getBoolean);
  private static final ByteCodec<Byte> BYTE =
      new Fixed<>("byte", Byte.BYTES, (v, t, o) -> t.putByte(o, v), ByteImage::getByte);
  private static final ByteCodec<Short> SHORT =
      new Fixed<>("short", Short.BYTES, (v, t, o) -> t.putShort(o, v), ByteImage::getShort);
  private static final ByteCodec<Character> CHAR =
      new Fixed<>("char", Character.BYTES, (v, t, o) -> t.putChar(o, v), ByteImage::getChar);
  private static final ByteCodec<Integer> INT =
      new Fixed<>("int", Integer.BYTES, (v, t, o) -> t.putInt(o, v), ByteImage::getInt);
  private static final ByteCodec<Long> LONG =
      new Fixed<>("long", Long.BYTES, (v, t, o) -> t.putLong(o, v), ByteImage::getLong);
  private static final ByteCodec<Float> FLOAT =
      new Fixed<>("float", Float.BYTES, (v, t, o) -> t.putFloat(o, v), ByteImage::getFloat);
  private static final ByteCodec<Double> DOUBLE =
      new Fixed<>("double", Double.BYTES, (v, t, o) -> t.putDouble(o, v), ByteImage::getDouble);

  /**
   * A {@code boolean} as one byte, {@code 1} or {@code 0}.
   *
   * @return the codec
   */
  public static ByteCodec<Boolean> ofBoolean() {
    return BOOLEAN;
  }

  /**
   * A {@code byte} as one byte.
   *
   * @return the codec
   */
  public static ByteCodec<Byte> ofByte() {
    return BYTE;
  }

  /**
   * A {@code short} as 2 bytes.
   *
   * @return the codec
   */
  public static ByteCodec<Short> ofShort() {
    return SHORT;
  }

  /**
   * A {@code char} as 2 bytes.
   *
   * @return the codec
   */
  public static ByteCodec<Character> ofChar() {
    return CHAR;
  }

  /**
   * An {@code int} as 4 bytes.
   *
   * @return the codec
   */
  public static ByteCodec<Integer> ofInt() {
    return INT;
  }

  /**
   * A {@code long} as 8 bytes.
   *
   * @return the codec
   */
  public static ByteCodec<Long> ofLong() {
    return LONG;
  }

  /**
   * A {@code float} as its 4 raw IEEE 754 bytes.
   *
   * @return the codec
   */
  public static ByteCodec<Float> ofFloat() {
    return FLOAT;
  }

  /**
   * A {@code double} as its 8 raw IEEE 754 bytes.
   *
   * @return the codec
   */
  public static ByteCodec<Double> ofDouble() {
    return DOUBLE;
  }

  /**
   * A {@code boolean[]} of exactly {@code length} elements, one byte each.
   *
   * @param length the array length, zero or more
   * @return the codec
   * @throws IllegalArgumentException if {@code length} is negative or the size overflows
   */
  public static ByteCodec<boolean[]> ofBooleanArray(int length) {
    return new Fixed<>(
        "boolean[" + length + "]",
        arraySize(length, 1),
        (v, t, o) -> {
          checkLength(v.length, length);
          for (int i = 0; i < length; i++) {
            t.putBoolean(o + i, v[i]);
          }
        },
        (s, o) -> {
          boolean[] v = new boolean[length];
          for (int i = 0; i < length; i++) {
            v[i] = s.getBoolean(o + i);
          }
          return v;
        });
  }

  /**
   * A {@code byte[]} of exactly {@code length} elements.
   *
   * @param length the array length, zero or more
   * @return the codec
   * @throws IllegalArgumentException if {@code length} is negative
   */
  public static ByteCodec<byte[]> ofByteArray(int length) {
    return new Fixed<>(
        "byte[" + length + "]",
        arraySize(length, 1),
        (v, t, o) -> {
          checkLength(v.length, length);
          t.putBytes(o, v, 0, length);
        },
        (s, o) -> {
          byte[] v = new byte[length];
          s.getBytes(o, v, 0, length);
          return v;
        });
  }

  /**
   * A {@code short[]} of exactly {@code length} elements, 2 bytes each.
   *
   * @param length the array length, zero or more
   * @return the codec
   * @throws IllegalArgumentException if {@code length} is negative or the size overflows
   */
  public static ByteCodec<short[]> ofShortArray(int length) {
    return new Fixed<>(
        "short[" + length + "]",
        arraySize(length, Short.BYTES),
        (v, t, o) -> {
          checkLength(v.length, length);
          for (int i = 0; i < length; i++) {
            t.putShort(o + i * Short.BYTES, v[i]);
          }
        },
        (s, o) -> {
          short[] v = new short[length];
          for (int i = 0; i < length; i++) {
            v[i] = s.getShort(o + i * Short.BYTES);
          }
          return v;
        });
  }

  /**
   * A {@code char[]} of exactly {@code length} elements, 2 bytes each.
   *
   * @param length the array length, zero or more
   * @return the codec
   * @throws IllegalArgumentException if {@code length} is negative or the size overflows
   */
  public static ByteCodec<char[]> ofCharArray(int length) {
    return new Fixed<>(
        "char[" + length + "]",
        arraySize(length, Character.BYTES),
        (v, t, o) -> {
          checkLength(v.length, length);
          for (int i = 0; i < length; i++) {
            t.putChar(o + i * Character.BYTES, v[i]);
          }
        },
        (s, o) -> {
          char[] v = new char[length];
          for (int i = 0; i < length; i++) {
            v[i] = s.getChar(o + i * Character.BYTES);
          }
          return v;
        });
  }

  /**
   * An {@code int[]} of exactly {@code length} elements, 4 bytes each.
   *
   * @param length the array length, zero or more
   * @return the codec
   * @throws IllegalArgumentException if {@code length} is negative or the size overflows
   */
  public static ByteCodec<int[]> ofIntArray(int length) {
    return new Fixed<>(
        "int[" + length + "]",
        arraySize(length, Integer.BYTES),
        (v, t, o) -> {
          checkLength(v.length, length);
          for (int i = 0; i < length; i++) {
            t.putInt(o + i * Integer.BYTES, v[i]);
          }
        },
        (s, o) -> {
          int[] v = new int[length];
          for (int i = 0; i < length; i++) {
            v[i] = s.getInt(o + i * Integer.BYTES);
          }
          return v;
        });
  }

  /**
   * A {@code long[]} of exactly {@code length} elements, 8 bytes each.
   *
   * @param length the array length, zero or more
   * @return the codec
   * @throws IllegalArgumentException if {@code length} is negative or the size overflows
   */
  public static ByteCodec<long[]> ofLongArray(int length) {
    return new Fixed<>(
        "long[" + length + "]",
        arraySize(length, Long.BYTES),
        (v, t, o) -> {
          checkLength(v.length, length);
          for (int i = 0; i < length; i++) {
            t.putLong(o + i * Long.BYTES, v[i]);
          }
        },
        (s, o) -> {
          long[] v = new long[length];
          for (int i = 0; i < length; i++) {
            v[i] = s.getLong(o + i * Long.BYTES);
          }
          return v;
        });
  }

  /**
   * A {@code float[]} of exactly {@code length} elements, 4 raw IEEE 754 bytes each.
   *
   * @param length the array length, zero or more
   * @return the codec
   * @throws IllegalArgumentException if {@code length} is negative or the size overflows
   */
  public static ByteCodec<float[]> ofFloatArray(int length) {
    return new Fixed<>(
        "float[" + length + "]",
        arraySize(length, Float.BYTES),
        (v, t, o) -> {
          checkLength(v.length, length);
          for (int i = 0; i < length; i++) {
            t.putFloat(o + i * Float.BYTES, v[i]);
          }
        },
        (s, o) -> {
          float[] v = new float[length];
          for (int i = 0; i < length; i++) {
            v[i] = s.getFloat(o + i * Float.BYTES);
          }
          return v;
        });
  }

  /**
   * A {@code double[]} of exactly {@code length} elements, 8 raw IEEE 754 bytes each.
   *
   * @param length the array length, zero or more
   * @return the codec
   * @throws IllegalArgumentException if {@code length} is negative or the size overflows
   */
  public static ByteCodec<double[]> ofDoubleArray(int length) {
    return new Fixed<>(
        "double[" + length + "]",
        arraySize(length, Double.BYTES),
        (v, t, o) -> {
          checkLength(v.length, length);
          for (int i = 0; i < length; i++) {
            t.putDouble(o + i * Double.BYTES, v[i]);
          }
        },
        (s, o) -> {
          double[] v = new double[length];
          for (int i = 0; i < length; i++) {
            v[i] = s.getDouble(o + i * Double.BYTES);
          }
          return v;
        });
  }

  /** The largest capacity of {@link #ofAsciiString}: its length prefix is an unsigned 16-bit number. */
  public static final int MAX_ASCII_CAPACITY = 0xFFFF;

  /**
   * A string of at most {@code capacity} ASCII characters (code points 0 to 127). Layout: the length as
   * an unsigned 2-byte number, then one byte per character, then zero bytes up to the capacity;
   * {@code byteSize() == 2 + capacity}. Equal strings have equal bytes.
   *
   * @param capacity the most characters a value may have, 0 to {@value #MAX_ASCII_CAPACITY}
   * @return the codec; its {@code encode} rejects longer strings and non-ASCII characters with an
   *     {@link IllegalArgumentException}, and its {@code decode} throws {@link IllegalStateException}
   *     for a length over the capacity or a byte over 127 (torn or foreign bytes)
   * @throws IllegalArgumentException if {@code capacity} is out of range
   */
  public static ByteCodec<String> ofAsciiString(int capacity) {
    if (capacity < 0 || capacity > MAX_ASCII_CAPACITY) {
      throw new IllegalArgumentException(
          "capacity must be 0 to " + MAX_ASCII_CAPACITY + ": " + capacity);
    }
    return new Fixed<>(
        "ascii[" + capacity + "]",
        Character.BYTES + capacity,
        (v, t, o) -> {
          int length = v.length();
          if (length > capacity) {
            throw new IllegalArgumentException(
                "string of " + length + " characters exceeds the capacity " + capacity);
          }
          for (int i = 0; i < length; i++) {
            if (v.charAt(i) > 127) {
              throw new IllegalArgumentException(
                  "character " + i + " (U+" + String.format("%04X", (int) v.charAt(i))
                      + ") is not ASCII");
            }
          }
          t.putChar(o, (char) length);
          for (int i = 0; i < capacity; i++) {
            t.putByte(o + Character.BYTES + i, i < length ? (byte) v.charAt(i) : 0);
          }
        },
        (s, o) -> {
          int length = s.getChar(o);
          if (length > capacity) {
            throw new IllegalStateException(
                "decoded length " + length + " exceeds the capacity " + capacity
                    + ": the bytes are torn or not this codec's");
          }
          char[] chars = new char[length];
          for (int i = 0; i < length; i++) {
            byte b = s.getByte(o + Character.BYTES + i);
            if (b < 0) {
              throw new IllegalStateException(
                  "decoded byte " + (b & 0xFF) + " at character " + i
                      + " is not ASCII: the bytes are torn or not this codec's");
            }
            chars[i] = (char) b;
          }
          return new String(chars);
        });
  }

  /**
   * Derives a codec for a record whose components are primitives, enums or records of the same kind,
   * nested to any depth. The record, its accessors and its canonical constructor must be accessible to
   * this module: public records of exported packages, any record on the class path, or records of a
   * package opened to {@code dev.seqlock.atomic}; otherwise use {@link #ofRecord(Class,
   * MethodHandles.Lookup)}.
   *
   * <p>Layout: components in declaration order, packed with no padding: {@code boolean} and
   * {@code byte} 1 byte, {@code short} and {@code char} 2, {@code int} and {@code float} 4,
   * {@code long} and {@code double} 8, an enum its ordinal as an unsigned number of 1 byte (up to 256
   * constants), 2 bytes (up to 65,536) or 4 bytes, a nested record its own packed layout. Enum and
   * record components must not be null when encoding.
   *
   * @param type the record class
   * @param <R> the record type
   * @return the codec
   * @throws NullPointerException if {@code type} is null
   * @throws IllegalArgumentException if {@code type} is not a record, a component has any other type
   *     (the message names it), a record contains itself, or the record is not accessible
   */
  public static <R extends Record> ByteCodec<R> ofRecord(Class<R> type) {
    Objects.requireNonNull(type, "type");
    return RecordCodec.derive(type, null);
  }

  /**
   * Derives a codec for a record as {@link #ofRecord(Class)} does, reaching its accessors and
   * constructor through {@code lookup}: pass {@code MethodHandles.lookup()} from code that can see a
   * private or module-internal record.
   *
   * @param type the record class
   * @param lookup a lookup with access to the record, its nested records and their members
   * @param <R> the record type
   * @return the codec
   * @throws NullPointerException if {@code type} or {@code lookup} is null
   * @throws IllegalArgumentException as for {@link #ofRecord(Class)}
   */
  public static <R extends Record> ByteCodec<R> ofRecord(Class<R> type, MethodHandles.Lookup lookup) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(lookup, "lookup");
    return RecordCodec.derive(type, lookup);
  }

  /**
   * Returns the byte offset of a record component in the layout of a codec {@link #ofRecord} derived:
   * the offset to give the field reads and writes that take one ({@code SeqLock.getLong(stamp,
   * offset)} and the others, {@link AtomicPerByteArray#loadLongUnordered} and the others,
   * {@link ByteImage#getLong}). Keep it in a {@code static final} field: the JIT then treats it as
   * the constant it is; a component reordered, or one before it resized, moves its offset with it,
   * and a component renamed or removed fails where the offset is taken, instead of a field read
   * silently returning other bytes.
   *
   * <pre>{@code
   * record Quote(long bid, long ask, int size, Side side) {}
   * static final ByteCodec<Quote> CODEC = ByteCodecs.ofRecord(Quote.class);
   * static final int ASK = ByteCodecs.offsetOf(CODEC, "ask");   // 8
   * static final int SIZE = ByteCodecs.offsetOf(CODEC, "size"); // 16
   * }</pre>
   *
   * <p>The offset says where the component starts, not how wide it is: read it with the accessor of
   * its size in the layout {@link #ofRecord} documents. An enum's ordinal is unsigned, in 1, 2 or 4
   * bytes: read it as {@code getByte(..) & 0xFF}, {@code getChar(..)} or
   * {@code getInt(..) & 0xFFFF_FFFFL}.
   *
   * @param recordCodec a codec returned by {@link #ofRecord(Class)} or
   *     {@link #ofRecord(Class, MethodHandles.Lookup)}
   * @param component the component's name; for a component of a nested record, the names from the
   *     outer record inwards joined by dots ({@code "quote.bid"})
   * @return the offset of the component's first byte in the codec's layout
   * @throws NullPointerException if {@code recordCodec} or {@code component} is null
   * @throws IllegalArgumentException if {@code recordCodec} was not derived by {@link #ofRecord},
   *     {@code component} has an empty name (empty, or a leading, trailing or double dot), a record on
   *     the path has no component of that name (the message lists the ones it has), or a name other
   *     than the last names a component that is not a record
   */
  public static int offsetOf(ByteCodec<?> recordCodec, String component) {
    Objects.requireNonNull(recordCodec, "recordCodec");
    Objects.requireNonNull(component, "component");
    if (!(recordCodec instanceof RecordCodec<?> record)) {
      throw new IllegalArgumentException(
          "recordCodec must be a codec ByteCodecs.ofRecord derived: " + recordCodec);
    }
    return record.offsetOf(component);
  }

  private static int arraySize(int length, int elementSize) {
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative: " + length);
    }
    long size = (long) length * elementSize;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("length " + length + " makes the codec too large");
    }
    return (int) size;
  }

  private static void checkLength(int actual, int expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(
          "array has length " + actual + ", the codec's fixed length is " + expected);
    }
  }

  /** Writes a value's bytes; the target range is already checked. */
  @FunctionalInterface
  private interface Encoder<T> {
    void encode(T value, ByteImage target, int offset);
  }

  /** Reads a value's bytes; the source range is already checked. */
  @FunctionalInterface
  private interface Decoder<T> {
    T decode(ByteImage source, int offset);
  }

  /** A codec of fixed size built from an encoder and a decoder, checking arguments once. */
  private static final class Fixed<T> implements ByteCodec<T> {
    private final String name;
    private final int byteSize;
    private final Encoder<T> encoder;
    private final Decoder<T> decoder;

    Fixed(String name, int byteSize, Encoder<T> encoder, Decoder<T> decoder) {
      this.name = name;
      this.byteSize = byteSize;
      this.encoder = encoder;
      this.decoder = decoder;
    }

    @Override
    public int byteSize() {
      return byteSize;
    }

    @Override
    public void encode(T value, ByteImage target, int offset) {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(target, "target");
      Objects.checkFromIndexSize(offset, byteSize, target.byteSize());
      encoder.encode(value, target, offset);
    }

    @Override
    public T decode(ByteImage source, int offset) {
      Objects.requireNonNull(source, "source");
      Objects.checkFromIndexSize(offset, byteSize, source.byteSize());
      return decoder.decode(source, offset);
    }

    @Override
    public String layout() {
      return name; // the type, and the length or capacity that fixes the size
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
