package dev.seqlock.benchmarks;

import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.shared.SharedSeqLockArray;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A diagnostic: where a shared file's latched field write of six longs spends its time. The same
 * write to a memory-mapped file (under {@code /dev/shm}) by the library ({@code library}: {@link
 * SharedSeqLockArray.Writer}'s beginWrite, six putLong, endWrite) and by hand, with no checks, over
 * each storage: Agrona's {@link UnsafeBuffer} ({@code agrona}, ComparisonBenchmark's {@code
 * AGRONA_LATCHED} baseline), the little-endian {@link LongBuffer} view the library uses ({@code
 * longBuffer}, with the version store the library's change scan adds), the byte-buffer view {@link
 * VarHandle} ({@code byteBufferVarHandle}), and a heap {@code long[]} ({@code heap}); then a write that
 * puts two of the six fields, which must carry the other four over from the copy readers read, by the
 * library and by hand on Agrona. Everything is inlined into the benchmark method, which ComparisonBenchmark's
 * harness (one call per design) does not do. Not part of the comparison report; compare within one run.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar WritePathBenchmark -f 3 -wi 3 -i 5 -w 1s -r 1s
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class WritePathBenchmark {
  /** Bytes before copy 0 (the sequence is the last word) and after copy 1, as the library pads. */
  private static final int PAD = 128;

  /** The sequence's byte offset: the word before copy 0. */
  private static final int SEQUENCE = PAD - Long.BYTES;

  /** Longs in the value: 48 bytes, as in the comparison report. */
  private static final int WORDS = 6;

  /** The byte offset of the version word the change scan reads, after copy 1 and its padding. */
  private static final int VERSION = PAD + 2 * WORDS * Long.BYTES + PAD;

  private static final VarHandle BUFFER_LONGS =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private UnsafeBuffer agrona = new UnsafeBuffer(new byte[0]);
  private LongBuffer longs = LongBuffer.allocate(0);
  private ByteBuffer bytes = ByteBuffer.allocate(0);
  private long[] heap = new long[0];
  private SharedSeqLockArray.@Nullable Writer<long[]> library;
  private @Nullable Path directory;

  /** The first field's next value. */
  private long next;

  /**
   * Maps the by-hand storages and creates the library's file, all in {@code /dev/shm} if it exists.
   *
   * @throws IOException if a file cannot be made
   */
  @Setup
  public void setUp() throws IOException {
    Path shm = Path.of("/dev/shm");
    Path made = Files.isDirectory(shm) ? Files.createTempDirectory(shm, "write-path-")
        : Files.createTempDirectory("write-path-");
    directory = made;
    int size = VERSION + Long.BYTES + PAD;
    agrona = new UnsafeBuffer(map(made.resolve("agrona"), size));
    bytes = map(made.resolve("bytes"), size).order(ByteOrder.LITTLE_ENDIAN);
    longs = map(made.resolve("longs"), size).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
    heap = new long[size / Long.BYTES];
    library = SharedSeqLockArray.Writer.openWriter(
        made.resolve("library"), ByteCodecs.ofLongArray(WORDS), 1, new long[WORDS]);
  }

  private static MappedByteBuffer map(Path file, int size) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      return channel.map(FileChannel.MapMode.READ_WRITE, 0, size); // outlives the channel
    }
  }

  /**
   * Closes the library's file and deletes the files (the mappings stay valid until collected).
   *
   * @throws IOException if a file cannot be deleted
   */
  @TearDown
  public void tearDown() throws IOException {
    if (library != null) {
      library.close();
    }
    Path made = directory;
    if (made != null) {
      for (String name : new String[] {"agrona", "bytes", "longs", "library"}) {
        Files.deleteIfExists(made.resolve(name));
      }
      Files.deleteIfExists(made);
    }
  }

  /** The byte offset of the copy version {@code version} is in (latched: copy (v >> 1) & 1). */
  private static int copyAt(long version) {
    return (version & 2) == 0 ? PAD : PAD + WORDS * Long.BYTES;
  }

  /** The library: beginWrite, six putLong, endWrite. */
  @Benchmark
  public void library() {
    SharedSeqLockArray.Writer<long[]> array = Objects.requireNonNull(library);
    long n = next++;
    long stamp = array.beginWrite(0);
    try {
      array.putLong(0, stamp, 0, n);
      array.putLong(0, stamp, 8, n + 1);
      array.putLong(0, stamp, 16, n + 2);
      array.putLong(0, stamp, 24, n + 3);
      array.putLong(0, stamp, 32, n + 4);
      array.putLong(0, stamp, 40, n + 5);
    } finally {
      array.endWrite(0, stamp);
    }
  }

  /** By hand on Agrona, as ComparisonBenchmark's latched Agrona baseline writes. */
  @Benchmark
  public void agrona() {
    UnsafeBuffer buffer = agrona;
    long n = next++;
    long s = buffer.getLong(SEQUENCE); // plain: only this writer stores it
    buffer.putLongOrdered(SEQUENCE, s + 1); // Release: a reader of s + 1 keeps copy(s)
    VarHandle.releaseFence(); // the odd store before the words
    int at = copyAt(s + 2);
    buffer.putLong(at, n);
    buffer.putLong(at + 8, n + 1);
    buffer.putLong(at + 16, n + 2);
    buffer.putLong(at + 24, n + 3);
    buffer.putLong(at + 32, n + 4);
    buffer.putLong(at + 40, n + 5);
    buffer.putLongOrdered(SEQUENCE, s + 2); // Release: every word first
  }

  /** By hand on the library's storage, a LongBuffer view, with the change scan's version store. */
  @Benchmark
  public void longBuffer() {
    LongBuffer buffer = longs;
    long n = next++;
    int sequence = SEQUENCE / Long.BYTES;
    long s = buffer.get(sequence); // plain: only this writer stores it
    VarHandle.releaseFence(); // with the store after it, Release
    buffer.put(sequence, s + 1);
    VarHandle.releaseFence(); // the odd store before the words
    int at = copyAt(s + 2) / Long.BYTES;
    buffer.put(at, n);
    buffer.put(at + 1, n + 1);
    buffer.put(at + 2, n + 2);
    buffer.put(at + 3, n + 3);
    buffer.put(at + 4, n + 4);
    buffer.put(at + 5, n + 5);
    VarHandle.releaseFence(); // with the store after it, Release: every word first
    buffer.put(sequence, s + 2);
    VarHandle.releaseFence(); // with the store after it, Release: the even store first
    buffer.put(VERSION / Long.BYTES, s + 2);
  }

  /** By hand through the byte-buffer view VarHandle, which has the access modes itself. */
  @Benchmark
  public void byteBufferVarHandle() {
    ByteBuffer buffer = bytes;
    long n = next++;
    long s = (long) BUFFER_LONGS.get(buffer, SEQUENCE); // plain: only this writer stores it
    BUFFER_LONGS.setRelease(buffer, SEQUENCE, s + 1);
    VarHandle.releaseFence(); // the odd store before the words
    int at = copyAt(s + 2);
    BUFFER_LONGS.set(buffer, at, n);
    BUFFER_LONGS.set(buffer, at + 8, n + 1);
    BUFFER_LONGS.set(buffer, at + 16, n + 2);
    BUFFER_LONGS.set(buffer, at + 24, n + 3);
    BUFFER_LONGS.set(buffer, at + 32, n + 4);
    BUFFER_LONGS.set(buffer, at + 40, n + 5);
    BUFFER_LONGS.setRelease(buffer, SEQUENCE, s + 2);
  }

  /** By hand on a heap long[]: the floor, no file. */
  @Benchmark
  public void heap() {
    long[] words = heap;
    long n = next++;
    int sequence = SEQUENCE / Long.BYTES;
    long s = words[sequence]; // plain: only this writer stores it
    VarHandle.releaseFence(); // with the store after it, Release
    words[sequence] = s + 1;
    VarHandle.releaseFence(); // the odd store before the words
    int at = copyAt(s + 2) / Long.BYTES;
    words[at] = n;
    words[at + 1] = n + 1;
    words[at + 2] = n + 2;
    words[at + 3] = n + 3;
    words[at + 4] = n + 4;
    words[at + 5] = n + 5;
    VarHandle.releaseFence(); // with the store after it, Release: every word first
    words[sequence] = s + 2;
  }

  /** The library putting two of the six fields: endWrite carries the other four over. */
  @Benchmark
  public void libraryTwoOfSix() {
    SharedSeqLockArray.Writer<long[]> array = Objects.requireNonNull(library);
    long n = next++;
    long stamp = array.beginWrite(0);
    try {
      array.putLong(0, stamp, 0, n);
      array.putLong(0, stamp, 8, n + 1);
    } finally {
      array.endWrite(0, stamp);
    }
  }

  /** By hand on Agrona, two of the six fields: the other four copied from the copy readers read. */
  @Benchmark
  public void agronaTwoOfSix() {
    UnsafeBuffer buffer = agrona;
    long n = next++;
    long s = buffer.getLong(SEQUENCE); // plain: only this writer stores it
    buffer.putLongOrdered(SEQUENCE, s + 1); // Release: a reader of s + 1 keeps copy(s)
    VarHandle.releaseFence(); // the odd store before the words
    int from = copyAt(s);
    int at = copyAt(s + 2);
    buffer.putLong(at, n);
    buffer.putLong(at + 8, n + 1);
    buffer.putLong(at + 16, buffer.getLong(from + 16));
    buffer.putLong(at + 24, buffer.getLong(from + 24));
    buffer.putLong(at + 32, buffer.getLong(from + 32));
    buffer.putLong(at + 40, buffer.getLong(from + 40));
    buffer.putLongOrdered(SEQUENCE, s + 2); // Release: every word first
  }
}
