package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;

/**
 * Sequence locks whose words are in a direct buffer, for the jcstress suites: the storage a
 * memory-mapped file gives, which the library's public factories do not offer yet. This class is
 * test support, not part of the library: it lives in the jcstress module (never installed), in the
 * library's package so that it can call the package-private constructor, as the unit tests'
 * {@code Variant} does. It works on the class path, where jcstress runs.
 */
public final class DirectSeqLocks {
  private DirectSeqLocks() {}

  /**
   * {@link SeqLock#latched(ByteCodec, Object)} over direct buffers.
   *
   * @param codec the codec of the value
   * @param initial the initial value
   * @param <T> the type of the value
   * @return the lock
   */
  public static <T> SeqLock<T> latched(ByteCodec<T> codec, T initial) {
    SeqLock.checkArguments(codec, initial, Backoff.defaults());
    return new SeqLock<>(
        codec, SeqLockEngine.directWords(codec, 1, initial, true), true, Backoff.defaults());
  }

  /**
   * {@link SeqLock#singleWriter(ByteCodec, Object)} over a direct buffer.
   *
   * @param codec the codec of the value
   * @param initial the initial value
   * @param <T> the type of the value
   * @return the lock
   */
  public static <T> SeqLock<T> singleWriter(ByteCodec<T> codec, T initial) {
    SeqLock.checkArguments(codec, initial, Backoff.defaults());
    return new SeqLock<>(
        codec, SeqLockEngine.directWords(codec, 1, initial, false), false, Backoff.defaults());
  }
}
