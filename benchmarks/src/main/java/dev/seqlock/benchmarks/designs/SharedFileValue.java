package dev.seqlock.benchmarks.designs;

import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.shared.SharedSeqLockArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Slot 0 of a {@link SharedSeqLockArray} in a memory-mapped file (under {@code /dev/shm} where there
 * is one), read by one {@code tryReadInto} and a {@code readInto} if that failed, written by {@code
 * writeFrom}: the {@link SeqLockValue} of a file, to set beside {@code SEQLOCK_LATCHED} (its protocol
 * on the heap). The file is removed when the JVM exits.
 */
final class SharedFileValue extends SharedValue {
  private final SharedSeqLockArray.Writer<long[]> array;

  SharedFileValue(int words) {
    super(words);
    this.array = openFile(words);
  }

  /** A new file of one slot of {@code words} longs, removed at exit, and its writer. */
  static SharedSeqLockArray.Writer<long[]> openFile(int words) {
    try {
      Path shm = Path.of("/dev/shm");
      Path directory = Files.isDirectory(shm)
          ? Files.createTempDirectory(shm, "seqlock-bench-")
          : Files.createTempDirectory("seqlock-bench-");
      Path file = directory.resolve("value");
      directory.toFile().deleteOnExit();
      file.toFile().deleteOnExit(); // deleted first: registered last
      return SharedSeqLockArray.Writer.openWriter(
          file, ByteCodecs.ofLongArray(words), 1, new long[words]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public long read(ThreadSide side) {
    if (array.tryReadInto(0, side.holder) < 0) {
      side.retries++;
      array.readInto(0, side.holder);
    }
    return sum(side.holder.bytes(), words);
  }

  @Override
  public void write(ThreadSide side, long n) {
    array.writeFrom(0, fill(side.holder, words, n));
  }
}
