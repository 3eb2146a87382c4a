package dev.seqlock.benchmarks.designs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The seqlock users write today for values shared between processes: the single-copy protocol by
 * hand over Agrona's {@link UnsafeBuffer} on a memory-mapped file (under {@code /dev/shm} where there
 * is one), laid out as the library lays out one slot (padding, the sequence in the word before the
 * value, padding), read by copying the words out. Volatile sequence reads, ordered (release) stores,
 * VarHandle fences, UnsafeBuffer's default bounds checks; no crash recovery, writer exclusion,
 * format check or starvation protection: what {@code SHARED_FILE} is compared against. One writer
 * thread only. {@link AgronaFieldSeqLock} reads the words in place instead.
 */
class AgronaSeqLock extends SharedValue {
  /*
   * Algorithmic notes: the argument is SeqLockEngine's (module dev.seqlock) for its single-copy
   * protocol, with Agrona's accesses for the modes: getLongVolatile for the Acquire and Opaque
   * reads of the sequence (a plain load on x86, as they are), putLongOrdered for the Release stores.
   */

  /** Bytes before the value (its last word is the sequence) and after it, as the library's PAD. */
  static final int PAD = 128;

  /** The sequence's offset: the word before the value. */
  static final int SEQUENCE = PAD - Long.BYTES;

  final UnsafeBuffer buffer;

  AgronaSeqLock(int words) {
    super(words);
    this.buffer = new UnsafeBuffer(map(PAD + words * Long.BYTES + PAD));
  }

  /** A new file of {@code bytes} zero bytes, mapped read-write and removed at once. */
  static java.nio.MappedByteBuffer map(int bytes) {
    try {
      Path shm = Path.of("/dev/shm");
      Path file = Files.isDirectory(shm)
          ? Files.createTempFile(shm, "seqlock-bench-agrona-", ".map")
          : Files.createTempFile("seqlock-bench-agrona-", ".map");
      try (FileChannel channel =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        return channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
      } finally {
        Files.delete(file); // the mapping lives on with the buffer
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public long read(ThreadSide side) {
    long[] copy = side.scratch;
    UnsafeBuffer buffer = this.buffer;
    for (boolean first = true; ; first = false) {
      long s1 = buffer.getLongVolatile(SEQUENCE); // Acquire (and more): the copy stays after it
      if ((s1 & 1) == 0) {
        for (int i = 0; i < copy.length; i++) {
          copy[i] = buffer.getLong(PAD + i * Long.BYTES);
        }
        VarHandle.acquireFence(); // the copy's reads stay before the validating read
        if (buffer.getLongVolatile(SEQUENCE) == s1) {
          return sum(copy);
        }
      }
      if (first) {
        side.retries++;
      }
      Thread.onSpinWait();
    }
  }

  @Override
  public final void write(ThreadSide side, long n) {
    UnsafeBuffer buffer = this.buffer;
    long s = buffer.getLong(SEQUENCE); // plain: only this writer stores it
    buffer.putLongOrdered(SEQUENCE, s + 1); // odd; kept before the data by the release fence
    VarHandle.releaseFence(); // the odd store and earlier stores stay before the words
    putFields(buffer, PAD, words, n);
    buffer.putLongOrdered(SEQUENCE, s + 2); // even; every word stored before it
  }

  /** Stores {@code n, n + 1, …} into the {@code words} longs of {@code buffer} from byte {@code at}. */
  static void putFields(UnsafeBuffer buffer, int at, int words, long n) {
    switch (words) { // named fields at constant offsets, as record writers write them
      case 2 -> {
        buffer.putLong(at, n);
        buffer.putLong(at + 8, n + 1);
      }
      case 6 -> {
        buffer.putLong(at, n);
        buffer.putLong(at + 8, n + 1);
        buffer.putLong(at + 16, n + 2);
        buffer.putLong(at + 24, n + 3);
        buffer.putLong(at + 32, n + 4);
        buffer.putLong(at + 40, n + 5);
      }
      default -> {
        for (int i = 0; i < words; i++) {
          buffer.putLong(at + i * Long.BYTES, n + i);
        }
      }
    }
  }
}
