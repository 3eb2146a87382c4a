package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Sequence locks whose words are in a memory-mapped file, for the jcstress suites: the storage of a
 * SharedSeqLockArray, which maps a whole file per handle, too heavy for a jcstress state. This class is
 * test support, not part of the library: it lives in the jcstress module (never installed), in the
 * library's package so that it can call the package-private constructor, as the unit tests'
 * {@code Variant} does. It works on the class path, where jcstress runs.
 */
public final class MappedSeqLocks {
  private MappedSeqLocks() {}

  /**
   * A latched lock with a single writer, the protocol and role of a SharedSeqLockArray writer's slot,
   * whose words are in a memory-mapped file (under /dev/shm where there is one): the same engine, on
   * the memory a SharedSeqLockArray maps. The files are mapped in chunks shared by many locks, each
   * file removed as soon as it is mapped (its memory lives until the chunk's buffer is unreachable).
   *
   * @param codec the codec of the value
   * @param initial the initial value
   * @param <T> the type of the value
   * @return the lock
   */
  public static <T> SeqLock<T> latchedInMappedFile(ByteCodec<T> codec, T initial) {
    SeqLock.checkArguments(codec, initial, Backoff.defaults());
    int bytes = (int) SlotWords.byteSize(codec, 1, 2);
    SlotWords<T> words =
        SlotWords.inBuffer(mapped(bytes), 0, codec, 1, 2, MaybeTorn.of(codec, initial));
    return new SeqLock<>(codec, words, false, WriterPause.NEVER, Backoff.defaults());
  }

  /**
   * A latched array with a single writer whose slots and change-scan versions are in a memory-mapped
   * file, as a SharedSeqLockArray writer's are: the same engine, scanning versions in mapped memory.
   *
   * @param codec the codec of the values
   * @param length the number of slots
   * @param initial the initial value of every slot
   * @param <T> the type of the values
   * @return the array
   */
  public static <T> SeqLockArray<T> latchedArrayInMappedFile(
      ByteCodec<T> codec, int length, T initial) {
    SeqLock.checkArguments(codec, initial, Backoff.defaults());
    int bytes = (int) SlotWords.byteSize(codec, length, 2);
    SlotWords<T> words =
        SlotWords.inBuffer(mapped(bytes), 0, codec, length, 2, MaybeTorn.of(codec, initial));
    LongBuffer versions =
        mapped(length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer(); // zeros
    return new SeqLockArray<>(codec, length, words, false, WriterPause.NEVER, Backoff.defaults(),
        versions);
  }

  /** Bytes of one mapped file, shared by the locks made from it. */
  private static final int CHUNK = 1 << 22;

  private static @org.jspecify.annotations.Nullable MappedByteBuffer chunk;
  private static int used = CHUNK;

  /** {@code bytes} of mapped memory no other lock uses, 64-byte aligned. */
  private static synchronized ByteBuffer mapped(int bytes) {
    MappedByteBuffer current = chunk;
    if (current == null || used + bytes > CHUNK) {
      current = newChunk();
      chunk = current;
      used = 0;
    }
    ByteBuffer slice = current.slice(used, bytes);
    used += (bytes + 63) & ~63;
    return slice;
  }

  private static MappedByteBuffer newChunk() {
    Path shm = Path.of("/dev/shm");
    try {
      Path file = Files.isDirectory(shm)
          ? Files.createTempFile(shm, "seqlock-jcstress-", ".map")
          : Files.createTempFile("seqlock-jcstress-", ".map");
      try (FileChannel channel =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        return channel.map(FileChannel.MapMode.READ_WRITE, 0, CHUNK);
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
