package dev.seqlock.racy;

/**
 * A {@link RacyOrder#SEQ_CST SEQ_CST} access, read-modify-write or wait at an offset that is not a
 * multiple of its size: WebAssembly's "unaligned atomic" trap. Nothing was read or written.
 */
public final class UnalignedAtomicException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception naming the access.
   *
   * @param offset the offset asked for
   * @param size the access's size in bytes
   */
  public UnalignedAtomicException(long offset, int size) {
    super("unaligned atomic: offset " + offset + " of a " + size + "-byte atomic access must be a"
        + " multiple of " + size);
  }
}
