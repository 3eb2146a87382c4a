package dev.seqlock.atomic;

/**
 * Describes a value of type {@code T} as a fixed number of bytes, so that it can be copied byte-wise
 * by {@link AtomicPerByte}.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>{@link #byteSize()} is constant for the codec's lifetime.
 *   <li>{@link #encode} writes exactly the bytes {@code [offset, offset + byteSize())} of the target
 *       and nothing else; {@link #decode} reads only those bytes. Offsets let codecs nest: a record
 *       codec places each component's codec at the component's offset.
 *   <li>{@code decode(encode(v))} equals {@code v}.
 *   <li>Codecs are immutable and safe to use from any number of threads at once.
 *   <li>{@link #decode} may be handed bytes that no single {@link #encode} wrote (a caller broke the
 *       promise of {@link MaybeTorn#assumeUntorn()}); it may then return a meaningless value or throw
 *       an unchecked exception, but must not loop forever or corrupt other state.
 * </ul>
 *
 * <p>{@link ByteCodecs} has codecs for primitives, fixed-length arrays, bounded ASCII strings and
 * records.
 *
 * @param <T> the type of values described
 */
public interface ByteCodec<T> {
  /**
   * Returns the number of bytes of every encoded value.
   *
   * @return the encoded size in bytes, zero or more
   */
  int byteSize();

  /**
   * Writes {@code value}'s bytes into {@code target} at {@code offset}.
   *
   * @param value the value to encode
   * @param target the image to write into
   * @param offset the offset of the first byte to write
   * @throws IllegalArgumentException if {@code value} cannot be represented (for example an array of
   *     the wrong length)
   * @throws NullPointerException if {@code value} or a part of it that the codec requires is null
   * @throws IndexOutOfBoundsException if the bytes do not fit into {@code target} at {@code offset}
   */
  void encode(T value, ByteImage target, int offset);

  /**
   * Reads a value from {@code source}'s bytes at {@code offset}.
   *
   * @param source the image to read from
   * @param offset the offset of the first byte to read
   * @return the decoded value
   * @throws IndexOutOfBoundsException if the bytes do not lie within {@code source} at {@code offset}
   * @throws IllegalStateException if the bytes are not a valid encoding (possible only if they are torn
   *     or were not written by this codec)
   */
  T decode(ByteImage source, int offset);

  /**
   * Returns a description of what the bytes mean, the same in every JVM that runs this codec's code:
   * two codecs with equal layouts encode and decode the same values as the same bytes. Storage that
   * outlives a process records it (a {@code SharedSeqLockArray} file, in module {@code dev.seqlock})
   * and refuses a codec whose layout differs, even when the sizes agree.
   *
   * <p>The codecs of {@link ByteCodecs} describe themselves: a type ({@code "long"}), an array's
   * element type and length ({@code "int[4]"}), a string's capacity ({@code "ascii[16]"}), a record's
   * components with their names, types and offsets, an enum's constants. This default describes the
   * size only, so a codec that does not override it agrees with any other codec of its size; override
   * it (with a description that does not change from run to run, not a class name of a lambda) to
   * have such storage tell your codecs apart.
   *
   * @return the layout's description
   */
  default String layout() {
    return byteSize() + " bytes";
  }
}
