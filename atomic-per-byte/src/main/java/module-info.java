/**
 * Tearable atomic loads and stores of a whole value's bytes: {@link dev.seqlock.atomic.AtomicPerByte},
 * {@link dev.seqlock.atomic.AtomicPerByteArray} and {@link dev.seqlock.atomic.AtomicBytes}, the Java
 * counterparts of Rust RFC 3301 ({@code AtomicPerByte<T>}) and C++ P1478 (byte-wise atomic memcpy).
 */
module dev.seqlock.atomic {
  requires static transitive org.jspecify;

  exports dev.seqlock.atomic;
}
