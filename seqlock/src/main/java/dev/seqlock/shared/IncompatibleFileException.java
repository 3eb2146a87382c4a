package dev.seqlock.shared;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not a {@link SharedSeqLockArray} file this codec and library can use: its message
 * names the file and what differs (magic number, format version, header checksum, value size,
 * length, codec layout, slot layout or file size). Opening such a file changes nothing in it.
 */
public final class IncompatibleFileException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The file refused. */
  private final String file;

  /**
   * Creates the exception for {@code file}.
   *
   * @param file the file that was refused
   * @param reason what differs, as a phrase: {@code "value size: the file's values are 48 bytes,
   *     the codec's 40"}
   */
  public IncompatibleFileException(Path file, String reason) {
    super(file + ": " + reason);
    this.file = file.toString();
  }

  /**
   * Returns the file that was refused, as it was named when opening it.
   *
   * @return the file's path
   */
  public String file() {
    return file;
  }
}
