package dev.seqlock.atomic;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.function.Executable;

/** Codecs, storage kinds and byte patterns shared by the tests of this package. */
final class Fixtures {
  private Fixtures() {}

  /** Where an {@link AtomicPerByte} or {@link AtomicPerByteArray} under test keeps its bytes. */
  enum Storage {
    /** A {@code long[]} on the heap, from {@code uninit}. */
    HEAP {
      @Override
      <T> AtomicPerByte<T> value(ByteCodec<T> codec) {
        return AtomicPerByte.uninit(codec);
      }

      @Override
      <T> AtomicPerByteArray<T> array(ByteCodec<T> codec, int length) {
        return AtomicPerByteArray.uninit(codec, length);
      }
    },
    /** A direct buffer, wrapped at offset 8. */
    DIRECT_BUFFER {
      @Override
      <T> AtomicPerByte<T> value(ByteCodec<T> codec) {
        return AtomicPerByte.wrap(
            ByteBuffer.allocateDirect(AtomicPerByte.storageSize(codec) + 16), 8, codec);
      }

      @Override
      <T> AtomicPerByteArray<T> array(ByteCodec<T> codec, int length) {
        return AtomicPerByteArray.wrap(
            ByteBuffer.allocateDirect(AtomicPerByteArray.storageSize(codec, length) + 16),
            8,
            codec,
            length);
      }
    };

    /** A new all-zero value of {@code codec} in this kind of storage. */
    abstract <T> AtomicPerByte<T> value(ByteCodec<T> codec);

    /** A new all-zero array of {@code length} elements of {@code codec} in this kind of storage. */
    abstract <T> AtomicPerByteArray<T> array(ByteCodec<T> codec, int length);
  }

  /**
   * A 16-byte codec of {@code long[2]} whose {@code encode} writes the first element and then throws:
   * a codec that fails half-way through.
   */
  static final class HalfWritingCodec implements ByteCodec<long[]> {
    @Override
    public int byteSize() {
      return 16;
    }

    @Override
    public void encode(long[] value, ByteImage target, int offset) {
      target.putLong(offset, value[0]);
      throw new IllegalArgumentException("half-writing codec fails after the first word");
    }

    @Override
    public long[] decode(ByteImage source, int offset) {
      return new long[] {source.getLong(offset), source.getLong(offset + 8)};
    }

    @Override
    public String toString() {
      return "half-writing";
    }
  }

  /** A 4-byte codec of {@code Integer} whose {@code decode} always throws; for "never decodes" tests. */
  static final class UndecodableCodec implements ByteCodec<Integer> {
    @Override
    public int byteSize() {
      return Integer.BYTES;
    }

    @Override
    public void encode(Integer value, ByteImage target, int offset) {
      target.putInt(offset, value);
    }

    @Override
    public Integer decode(ByteImage source, int offset) {
      throw new IllegalStateException("decode must not be called");
    }

    @Override
    public String toString() {
      return "undecodable";
    }
  }

  /** {@code size} bytes that differ from their neighbours and from those of other seeds. */
  static byte[] pattern(int size, int seed) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (seed * 31 + i * 7 + 1);
    }
    return bytes;
  }

  /** An image holding {@code bytes}. */
  static ByteImage imageOf(byte[] bytes) {
    ByteImage image = ByteImage.allocate(bytes.length);
    image.putBytes(0, bytes, 0, bytes.length);
    return image;
  }

  /** The current bytes of {@code value}, loaded with ACQUIRE. */
  static byte[] bytesOf(AtomicPerByte<?> value) {
    return value.load(MemoryOrder.ACQUIRE).bytes().toByteArray();
  }

  /** The current bytes of element {@code index} of {@code array}, loaded with ACQUIRE. */
  static byte[] bytesOf(AtomicPerByteArray<?> array, int index) {
    return array.load(index, MemoryOrder.ACQUIRE).bytes().toByteArray();
  }

  /** The current bytes of every element of {@code array}, one row per element. */
  static byte[][] allBytesOf(AtomicPerByteArray<?> array) {
    byte[][] rows = new byte[array.length()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = bytesOf(array, i);
    }
    return rows;
  }

  /**
   * Asserts that {@code call} throws {@code type} with a message containing every one of
   * {@code fragments}, and returns the exception.
   */
  static <X extends Throwable> X assertThrowsMentioning(
      Class<X> type, Executable call, String... fragments) {
    X thrown = assertThrows(type, call);
    String message = String.valueOf(thrown.getMessage());
    for (String fragment : fragments) {
      assertTrue(
          message.contains(fragment), () -> "message \"" + message + "\" lacks \"" + fragment + "\"");
    }
    return thrown;
  }
}
