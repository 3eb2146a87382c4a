package dev.seqlock.internal;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.shared.SharedSeqLockArray;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The door from {@code dev.seqlock.shared}, the public API of shared files, to their implementation
 * in {@code dev.seqlock}, which must live beside the protocol it extends (its classes are
 * package-private there). This package is not exported: nothing outside the module sees it.
 * {@code dev.seqlock}'s implementation registers itself when its class is initialised, which {@link
 * #opener()} triggers.
 */
public final class SharedFiles {
  private SharedFiles() {}

  /** What {@code dev.seqlock} implements: the two ways to open a file, arguments already checked. */
  public interface Opener {
    /**
     * {@link SharedSeqLockArray#openReader}, arguments checked.
     *
     * @param file the file
     * @param codec the codec
     * @param <T> the type of the values
     * @return the reader
     * @throws IOException as {@link SharedSeqLockArray#openReader} documents
     */
    <T> SharedSeqLockArray<T> openReader(Path file, ByteCodec<T> codec) throws IOException;

    /**
     * {@link SharedSeqLockArray.Writer#openWriter}, arguments checked.
     *
     * @param file the file
     * @param codec the codec
     * @param length the number of slots, not negative
     * @param initial the initial value of a new file's slots
     * @param <T> the type of the values
     * @return the writer
     * @throws IOException as {@link SharedSeqLockArray.Writer#openWriter} documents
     */
    <T> SharedSeqLockArray.Writer<T> openWriter(Path file, ByteCodec<T> codec, int length, T initial)
        throws IOException;
  }

  /** The class whose initialisation registers the opener. */
  private static final String IMPLEMENTATION = "dev.seqlock.SeqLockFile";

  private static volatile @Nullable Opener opener;

  /**
   * Registers the implementation; called once, by its class initialiser.
   *
   * @param implementation the opener
   */
  public static void register(Opener implementation) {
    opener = implementation;
  }

  /**
   * Returns the implementation, initialising its class first if needed.
   *
   * @return the opener
   */
  public static Opener opener() {
    Opener registered = opener;
    if (registered == null) {
      try {
        Class.forName(IMPLEMENTATION, true, SharedFiles.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("module dev.seqlock is missing " + IMPLEMENTATION, e);
      }
      registered = opener;
      if (registered == null) {
        throw new IllegalStateException(IMPLEMENTATION + " did not register itself");
      }
    }
    return registered;
  }
}
