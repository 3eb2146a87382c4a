package dev.seqlock.atomic;

import java.util.Objects;

/**
 * The bytes of a value of type {@code T} that may be torn: the result of a byte-wise atomic load that
 * may have raced with a store, so that some bytes come from one value and some from another. The Java
 * counterpart of the {@code MaybeUninit<T>} that Rust's {@code AtomicPerByte::load} returns.
 *
 * <p>The raw bytes are always safe to read through {@link #bytes()}. Turning them into a {@code T} with
 * {@link #assumeUntorn()} is the caller's promise that no race tore them: typically a sequence lock
 * has confirmed that no store overlapped the load. A {@code MaybeTorn} is reusable: allocate one per
 * reader thread and load into it again and again with {@link AtomicPerByte#loadInto}, which allocates
 * nothing. It is not thread-safe.
 *
 * @param <T> the type of the value the bytes encode
 */
public final class MaybeTorn<T> {
  private final ByteCodec<T> codec;
  private final ByteImage bytes;

  private MaybeTorn(ByteCodec<T> codec) {
    this.codec = codec;
    this.bytes = ByteImage.allocate(codec.byteSize());
  }

  /**
   * Allocates a holder of {@code codec.byteSize()} zero bytes.
   *
   * @param codec the codec of the values this holder will hold
   * @param <T> the type of those values
   * @return a new holder
   * @throws NullPointerException if {@code codec} is null
   */
  public static <T> MaybeTorn<T> allocate(ByteCodec<T> codec) {
    return new MaybeTorn<>(Objects.requireNonNull(codec, "codec"));
  }

  /**
   * Allocates a holder and encodes {@code value} into it: a ready source for
   * {@link AtomicPerByte#storeFrom}.
   *
   * @param codec the codec of the value
   * @param value the value to encode
   * @param <T> the type of the value
   * @return a new holder of {@code value}'s bytes
   * @throws NullPointerException if {@code codec} or {@code value} is null
   */
  public static <T> MaybeTorn<T> of(ByteCodec<T> codec, T value) {
    MaybeTorn<T> holder = allocate(codec);
    holder.set(value);
    return holder;
  }

  /**
   * Returns the codec of the value these bytes encode.
   *
   * @return the codec
   */
  public ByteCodec<T> codec() {
    return codec;
  }

  /**
   * Returns the bytes themselves (not a copy). Reading them is always safe, torn or not; writing them
   * changes what {@link #assumeUntorn()} decodes and what {@link AtomicPerByte#storeFrom} stores.
   *
   * @return the mutable image of {@code codec().byteSize()} bytes
   */
  public ByteImage bytes() {
    return bytes;
  }

  /**
   * Returns the number of bytes held, {@code codec().byteSize()}.
   *
   * @return the size in bytes
   */
  public int byteSize() {
    return bytes.byteSize();
  }

  /**
   * Encodes {@code value} into these bytes, replacing them. If the codec throws, the bytes may be
   * partly overwritten (they are this thread's own; no shared memory is involved).
   *
   * @param value the value to encode
   * @throws NullPointerException if {@code value} is null
   */
  public void set(T value) {
    codec.encode(Objects.requireNonNull(value, "value"), bytes, 0);
  }

  /**
   * Decodes the bytes into a value: the caller's promise that no race tore them, as Rust's
   * {@code MaybeUninit::assume_init}. If the promise is broken the result is whatever the codec makes
   * of the mixture (each byte is still one some store wrote), or an exception from the codec.
   *
   * @return the decoded value
   * @throws IllegalStateException if the codec finds the bytes invalid (only possible if they are torn)
   */
  public T assumeUntorn() {
    return codec.decode(bytes, 0);
  }

  /**
   * Throws unless this holder has {@code expected} bytes; {@code parameter} names it in the message.
   */
  void checkByteSize(int expected, String parameter) {
    if (bytes.byteSize() != expected) {
      throw new IllegalArgumentException(
          parameter + " holds " + bytes.byteSize() + " bytes, the shared value has " + expected);
    }
  }

  /**
   * Describes this holder without decoding it.
   *
   * @return the codec and the raw bytes
   */
  @Override
  public String toString() {
    return "MaybeTorn[codec=" + codec + ", " + bytes + "]";
  }
}
