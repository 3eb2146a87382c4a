package dev.seqlock.atomic;

import java.util.Objects;

/**
 * A fixed-size, mutable image of a value's bytes: the private, thread-confined side of a byte-wise
 * atomic copy.
 *
 * <p>Multi-byte values are read and written <b>little-endian</b> at any byte offset (aligned or not):
 * byte {@code offset} holds the least significant eight bits. {@code float} and {@code double} are stored
 * as their raw IEEE 754 bits ({@link Float#floatToRawIntBits}), so NaN payloads survive a round trip;
 * {@code boolean} is one byte, {@code 1} for {@code true} and {@code 0} for {@code false} (any non-zero
 * byte reads as {@code true}).
 *
 * <p>A {@code ByteImage} is not thread-safe; it is meant to be owned by one thread at a time, typically
 * inside a {@link MaybeTorn}. Every access is bounds-checked and throws
 * {@link IndexOutOfBoundsException} without writing anything if any byte it would touch lies outside
 * {@code [0, byteSize())}.
 */
public final class ByteImage {
  /*
   * Implementation notes (no concurrency here: an image is thread-confined).
   *
   * The bytes live in a long[] of ceil(byteSize / 8) words, byte i at bits 8 * (i % 8) of word i / 8.
   * That makes the image directly copyable, word by word, to and from the shared words of
   * AtomicPerByte, whose tearing granularity is the 8-byte word. Bytes of the last word beyond
   * byteSize are padding: no method of this class writes them, but a load from a wrapped buffer
   * copies whatever the memory holds there, so they are not always zero and contentEquals ignores
   * them.
   */


  private final long[] words;
  private final int byteSize;

  private ByteImage(int byteSize) {
    this.byteSize = byteSize;
    this.words = new long[wordCount(byteSize)];
  }

  /**
   * Allocates an image of {@code byteSize} zero bytes.
   *
   * @param byteSize the number of bytes, zero or more
   * @return a new image whose bytes are all zero
   * @throws IllegalArgumentException if {@code byteSize} is negative
   */
  public static ByteImage allocate(int byteSize) {
    if (byteSize < 0) {
      throw new IllegalArgumentException("byteSize must not be negative: " + byteSize);
    }
    return new ByteImage(byteSize);
  }

  /** The number of 8-byte words that hold {@code byteSize} bytes. */
  static int wordCount(int byteSize) {
    return (int) ((byteSize + 7L) >>> 3);
  }

  /** The backing words, for the word-wise copies of this package. */
  long[] words() {
    return words;
  }

  /**
   * Returns the number of bytes in this image.
   *
   * @return the size in bytes
   */
  public int byteSize() {
    return byteSize;
  }

  /**
   * Reads one byte.
   *
   * @param offset the byte offset
   * @return the byte at {@code offset}
   * @throws IndexOutOfBoundsException if {@code offset} is outside the image
   */
  public byte getByte(int offset) {
    return (byte) bits(offset, 1);
  }

  /**
   * Writes one byte.
   *
   * @param offset the byte offset
   * @param value the byte to write
   * @throws IndexOutOfBoundsException if {@code offset} is outside the image
   */
  public void putByte(int offset, byte value) {
    putBits(offset, 1, value);
  }

  /**
   * Reads a {@code boolean} from one byte: any non-zero byte is {@code true}.
   *
   * @param offset the byte offset
   * @return whether the byte at {@code offset} is non-zero
   * @throws IndexOutOfBoundsException if {@code offset} is outside the image
   */
  public boolean getBoolean(int offset) {
    return bits(offset, 1) != 0;
  }

  /**
   * Writes a {@code boolean} as one byte, {@code 1} or {@code 0}.
   *
   * @param offset the byte offset
   * @param value the value to write
   * @throws IndexOutOfBoundsException if {@code offset} is outside the image
   */
  public void putBoolean(int offset, boolean value) {
    putBits(offset, 1, value ? 1 : 0);
  }

  /**
   * Reads a little-endian {@code short}.
   *
   * @param offset the offset of its first byte
   * @return the value
   * @throws IndexOutOfBoundsException if any of its 2 bytes is outside the image
   */
  public short getShort(int offset) {
    return (short) bits(offset, Short.BYTES);
  }

  /**
   * Writes a little-endian {@code short}.
   *
   * @param offset the offset of its first byte
   * @param value the value to write
   * @throws IndexOutOfBoundsException if any of its 2 bytes is outside the image
   */
  public void putShort(int offset, short value) {
    putBits(offset, Short.BYTES, value);
  }

  /**
   * Reads a little-endian {@code char}.
   *
   * @param offset the offset of its first byte
   * @return the value
   * @throws IndexOutOfBoundsException if any of its 2 bytes is outside the image
   */
  public char getChar(int offset) {
    return (char) bits(offset, Character.BYTES);
  }

  /**
   * Writes a little-endian {@code char}.
   *
   * @param offset the offset of its first byte
   * @param value the value to write
   * @throws IndexOutOfBoundsException if any of its 2 bytes is outside the image
   */
  public void putChar(int offset, char value) {
    putBits(offset, Character.BYTES, value);
  }

  /**
   * Reads a little-endian {@code int}.
   *
   * @param offset the offset of its first byte
   * @return the value
   * @throws IndexOutOfBoundsException if any of its 4 bytes is outside the image
   */
  public int getInt(int offset) {
    return (int) bits(offset, Integer.BYTES);
  }

  /**
   * Writes a little-endian {@code int}.
   *
   * @param offset the offset of its first byte
   * @param value the value to write
   * @throws IndexOutOfBoundsException if any of its 4 bytes is outside the image
   */
  public void putInt(int offset, int value) {
    putBits(offset, Integer.BYTES, value);
  }

  /**
   * Reads a little-endian {@code long}.
   *
   * @param offset the offset of its first byte
   * @return the value
   * @throws IndexOutOfBoundsException if any of its 8 bytes is outside the image
   */
  public long getLong(int offset) {
    checkPart(offset, Long.BYTES);
    if ((offset & 7) == 0) {
      return words[offset >>> 3]; // aligned: one word, no shifting (the common case for records)
    }
    return uncheckedBits(offset, Long.BYTES);
  }

  /**
   * Writes a little-endian {@code long}.
   *
   * @param offset the offset of its first byte
   * @param value the value to write
   * @throws IndexOutOfBoundsException if any of its 8 bytes is outside the image
   */
  public void putLong(int offset, long value) {
    checkPart(offset, Long.BYTES);
    if ((offset & 7) == 0) {
      words[offset >>> 3] = value; // aligned: one word, no masking
    } else {
      uncheckedPutBits(offset, Long.BYTES, value);
    }
  }

  /**
   * Reads a {@code float} from its little-endian raw IEEE 754 bits.
   *
   * @param offset the offset of its first byte
   * @return the value
   * @throws IndexOutOfBoundsException if any of its 4 bytes is outside the image
   */
  public float getFloat(int offset) {
    return Float.intBitsToFloat(getInt(offset));
  }

  /**
   * Writes a {@code float} as its little-endian raw IEEE 754 bits.
   *
   * @param offset the offset of its first byte
   * @param value the value to write
   * @throws IndexOutOfBoundsException if any of its 4 bytes is outside the image
   */
  public void putFloat(int offset, float value) {
    putInt(offset, Float.floatToRawIntBits(value));
  }

  /**
   * Reads a {@code double} from its little-endian raw IEEE 754 bits.
   *
   * @param offset the offset of its first byte
   * @return the value
   * @throws IndexOutOfBoundsException if any of its 8 bytes is outside the image
   */
  public double getDouble(int offset) {
    return Double.longBitsToDouble(getLong(offset));
  }

  /**
   * Writes a {@code double} as its little-endian raw IEEE 754 bits.
   *
   * @param offset the offset of its first byte
   * @param value the value to write
   * @throws IndexOutOfBoundsException if any of its 8 bytes is outside the image
   */
  public void putDouble(int offset, double value) {
    putLong(offset, Double.doubleToRawLongBits(value));
  }

  /**
   * Copies {@code length} bytes of this image, starting at {@code offset}, into {@code destination}.
   *
   * @param offset the first byte of this image to copy
   * @param destination the array to copy into
   * @param destinationOffset the index in {@code destination} of the first byte written
   * @param length the number of bytes
   * @throws NullPointerException if {@code destination} is null
   * @throws IndexOutOfBoundsException if either range is out of bounds; nothing is copied then
   */
  public void getBytes(int offset, byte[] destination, int destinationOffset, int length) {
    Objects.requireNonNull(destination, "destination");
    Objects.checkFromIndexSize(offset, length, byteSize);
    Objects.checkFromIndexSize(destinationOffset, length, destination.length);
    for (int i = 0; i < length; i++) {
      destination[destinationOffset + i] = (byte) uncheckedBits(offset + i, 1);
    }
  }

  /**
   * Copies {@code length} bytes from {@code source} into this image, starting at {@code offset}.
   *
   * @param offset the first byte of this image to write
   * @param source the array to copy from
   * @param sourceOffset the index in {@code source} of the first byte read
   * @param length the number of bytes
   * @throws NullPointerException if {@code source} is null
   * @throws IndexOutOfBoundsException if either range is out of bounds; nothing is copied then
   */
  public void putBytes(int offset, byte[] source, int sourceOffset, int length) {
    Objects.requireNonNull(source, "source");
    Objects.checkFromIndexSize(offset, length, byteSize);
    Objects.checkFromIndexSize(sourceOffset, length, source.length);
    for (int i = 0; i < length; i++) {
      uncheckedPutBits(offset + i, 1, source[sourceOffset + i]);
    }
  }

  /**
   * Returns a new array holding a copy of all bytes of this image.
   *
   * @return the bytes, {@code byteSize()} of them
   */
  public byte[] toByteArray() {
    byte[] bytes = new byte[byteSize];
    getBytes(0, bytes, 0, byteSize);
    return bytes;
  }

  /**
   * Overwrites this image with the bytes of {@code source}, which must have the same size.
   *
   * @param source the image to copy
   * @throws NullPointerException if {@code source} is null
   * @throws IllegalArgumentException if the sizes differ; nothing is copied then
   */
  public void copyFrom(ByteImage source) {
    Objects.requireNonNull(source, "source");
    if (source.byteSize != byteSize) {
      throw new IllegalArgumentException(
          "source has " + source.byteSize + " bytes, this image has " + byteSize);
    }
    System.arraycopy(source.words, 0, words, 0, words.length);
  }

  /** Sets every byte of this image to zero. */
  public void clear() {
    java.util.Arrays.fill(words, 0L);
  }

  /**
   * Tells whether {@code other} has the same size and the same bytes as this image.
   *
   * @param other the image to compare with
   * @return {@code true} if both images hold the same bytes
   * @throws NullPointerException if {@code other} is null
   */
  public boolean contentEquals(ByteImage other) {
    Objects.requireNonNull(other, "other");
    if (other.byteSize != byteSize) {
      return false;
    }
    int fullWords = byteSize >>> 3;
    if (!java.util.Arrays.equals(words, 0, fullWords, other.words, 0, fullWords)) {
      return false;
    }
    int tailBytes = byteSize & 7; // the last word's padding may differ: see the notes above
    long tailMask = (1L << (tailBytes << 3)) - 1;
    return tailBytes == 0 || ((words[fullWords] ^ other.words[fullWords]) & tailMask) == 0;
  }

  /**
   * Returns the size and, for images of up to 64 bytes, the bytes in hexadecimal, lowest offset first.
   *
   * @return a description of this image
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("ByteImage[").append(byteSize).append(" bytes");
    if (byteSize <= 64) {
      text.append(':');
      for (int i = 0; i < byteSize; i++) {
        text.append(i % 8 == 0 ? " " : "").append(String.format("%02x", uncheckedBits(i, 1)));
      }
    }
    return text.append(']').toString();
  }

  private long bits(int offset, int size) {
    checkPart(offset, size);
    return uncheckedBits(offset, size);
  }

  private void putBits(int offset, int size, long value) {
    checkPart(offset, size);
    uncheckedPutBits(offset, size, value);
  }

  /**
   * Throws unless the {@code size} (1 to 8) bytes at {@code offset} lie within the image, with
   * {@link Objects#checkFromIndexSize}'s message. The check is two plain compares. An image is what
   * callers read in loops (repeated groups, a value summed or decoded word by word), and there C2
   * optimises these two compares better than {@link Objects#checkIndex} against {@code byteSize -
   * size + 1} (with or without a handler around it to set the message): loops of {@code getLong} at
   * {@code i * 8} measured clearly faster. At a few constant offsets C2 merges the checkIndex checks
   * into one, and this form costs next to nothing more there.
   */
  private void checkPart(int offset, int size) {
    if (offset < 0 || offset > byteSize - size) { // no overflow: 0 <= byteSize, size <= 8
      throw new IndexOutOfBoundsException(
          "Range [" + offset + ", " + offset + " + " + size + ") out of bounds for length " + byteSize);
    }
  }

  /** The {@code size} (1 to 8) bytes at {@code offset}, little-endian, zero-extended. */
  private long uncheckedBits(int offset, int size) {
    int word = offset >>> 3;
    int shift = (offset & 7) << 3;
    int bitsInFirstWord = 64 - shift;
    long value = words[word] >>> shift;
    if (size << 3 > bitsInFirstWord) { // spans two words; then shift > 0, so bitsInFirstWord < 64
      value |= words[word + 1] << bitsInFirstWord;
    }
    return size == Long.BYTES ? value : value & ((1L << (size << 3)) - 1);
  }

  private void uncheckedPutBits(int offset, int size, long value) {
    int word = offset >>> 3;
    int shift = (offset & 7) << 3;
    int bitsInFirstWord = 64 - shift;
    long mask = size == Long.BYTES ? -1L : (1L << (size << 3)) - 1;
    long bits = value & mask;
    words[word] = (words[word] & ~(mask << shift)) | (bits << shift);
    if (size << 3 > bitsInFirstWord) {
      words[word + 1] = (words[word + 1] & ~(mask >>> bitsInFirstWord)) | (bits >>> bitsInFirstWord);
    }
  }
}
