package dev.seqlock;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.internal.SharedFiles;
import dev.seqlock.shared.IncompatibleFileException;
import dev.seqlock.shared.SharedSeqLockArray;
import dev.seqlock.shared.WriterState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The file of a {@link SharedSeqLockArray}: its format, its creation, the writer role as an
 * operating-system lock, and the channels this JVM has open. One instance is one open handle's side
 * of the file; {@link MappedSeqLockArray} is the same handle's side of the protocol.
 */
final class SeqLockFile {
  /*
   * Algorithmic notes
   *
   * Format (little-endian, as the slots are):
   *
   *   offset  size  field
   *   0       8     magic: the bytes "SEQLOCK" and 0x1A
   *   8       4     format version (FORMAT_VERSION)
   *   12      4     header size: where the slots start; a multiple of 64
   *   16      4     value size: the codec's byteSize
   *   20      4     length: the number of slots
   *   24      4     copies of each value: 2 (the latched protocol)
   *   28      4     stride: words from one slot's sequence to the next one's
   *   32      8     the slots' bytes (SlotWords.byteSize)
   *   40      8     file size: header size + the slots' bytes
   *   48      4     layout bytes: the length of the codec's layout in UTF-8
   *   52      4     checksum: CRC32C of the whole header, this field taken as 0
   *   56      8     versions offset: where the published versions start, a multiple of 64
   *   64      n     the codec's layout (ByteCodec.layout), UTF-8, then zeros to the header size
   *
   * and then the slots, SlotWords' layout with two copies, at the header size: 8-byte aligned,
   * since a mapping starts on a page. After the slots' bytes (whose last PAD words separate them),
   * at the versions offset, one word per slot holds its published version for the change scan
   * (SeqLockEngine's notes, Change scan), packed, 0 when made, and the file ends there. Version 1,
   * the format before the change scan, had no versions (its field 56 was 0); it is refused, by
   * its version. The header never changes after creation, so it is read with
   * the channel (no mapping of a file that may be too short) and checked field by field, in the
   * order IncompatibleFileException's message reports: magic, version, header checksum, value size,
   * length (a writer's), codec layout, slot layout, file size.
   *
   * Creation. A new file is written whole under a temporary name in the same directory (header and
   * every slot at version 0 holding the initial value), then hard-linked to its name, which fails if
   * the name exists: the name appears atomically, only ever for a complete file, and of processes
   * racing to create it exactly one links, the others open the winner's file (a rename would replace
   * a file another process may already have mapped and locked). The temporary name is removed in any
   * case; a process killed while creating leaves only a temporary file, never a half-made one under
   * the name.
   *
   * Writer role. A writer holds two exclusive POSIX locks on bytes of the header: ROLE (which only
   * writers ever try to take, so failing to take it means another writer holds it) and PRESENCE,
   * which readers probe with a shared lock to answer writerState. A candidate takes ROLE first, then
   * PRESENCE, retrying for up to PRESENCE_WAIT, since a reader's probe holds it for microseconds: a
   * probe never makes a writer fail, and a writer never waits for another writer. The OS releases the
   * locks when the process ends, however it ends, and only then: none of the dead writer's stores is
   * still to come when the next writer takes the role, which completes the writes it abandoned
   * (SeqLockEngine.completeAbandonedWrite) before any write of its own. A stopped (SIGSTOP) writer
   * keeps its locks: readers carry on (latched reads never wait), and no one else can write.
   *
   * Channels. POSIX locks belong to the process and the file, and closing any descriptor of the file
   * releases all of them; and interrupting a thread inside a channel operation closes the channel.
   * So each file this JVM has open has one entry here (OPEN, keyed by the file's identity), whose
   * channels stay open until its last handle closes, and every channel operation (open, lock,
   * probe, map, release, close) runs on one daemon thread of this class (IO), which no caller can
   * interrupt: a caller interrupted while waiting for it waits on and keeps its interrupt. The entry
   * map is confined to that thread, so it needs no lock. Within the JVM, a second writer of the same
   * file is refused by the entry before the OS is asked (fcntl locks do not exclude their own
   * process).
   *
   * Mapping. Each handle maps the whole file (a reader read-only) and never unmaps it: Java 17 frees
   * a mapping only when its buffer is unreachable, so a thread still reading through a closed handle
   * reads mapped memory (close only stops new calls and gives the role up).
   */

  static {
    SharedFiles.register(new Opener());
  }

  /** The file's first 8 bytes, "SEQLOCK" and 0x1A, as a little-endian long. */
  static final long MAGIC = 0x1A4B434F4C514553L;

  /** The format this class writes and reads. */
  static final int FORMAT_VERSION = 2;

  /** Copies of each value: always two, so that a writer killed mid-write leaves every slot readable. */
  static final int COPIES = 2;

  /** The header's fields before the layout; the header size is a multiple of this too. */
  static final int FIXED_HEADER = 64;

  private static final int AT_VERSION = 8;
  private static final int AT_HEADER_SIZE = 12;
  private static final int AT_VALUE_SIZE = 16;
  private static final int AT_LENGTH = 20;
  private static final int AT_COPIES = 24;
  private static final int AT_STRIDE = 28;
  private static final int AT_SLOT_BYTES = 32;
  private static final int AT_FILE_SIZE = 40;
  private static final int AT_LAYOUT_BYTES = 48;
  private static final int AT_CHECKSUM = 52;
  private static final int AT_VERSIONS = 56;

  /** The bytes a writer locks: ROLE only writers try; PRESENCE readers probe (the notes). */
  static final long ROLE_LOCK = 0;

  static final long PRESENCE_LOCK = 1;

  /** How long a new writer retries PRESENCE while readers' probes hold it. */
  private static final long PRESENCE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** The open files of this JVM, by identity; confined to the IO thread (the notes). */
  private static final Map<Object, OpenFile> OPEN = new HashMap<>();

  /** The thread every channel operation runs on; started on demand, ends when idle. */
  private static final ThreadPoolExecutor IO =
      new ThreadPoolExecutor(
          0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), SeqLockFile::newIoThread);

  /**
   * Run after a new file is written under its temporary name and before it is linked into place:
   * for the process tests, which kill a writer there. Null outside them.
   */
  static volatile @Nullable Runnable afterTemporaryFile;

  /** The file as it was named when opened. */
  final Path path;

  /** This JVM's entry for the file. */
  private final OpenFile open;

  /** Whether this handle holds the writer role. */
  private final boolean writer;

  /** Whether this handle is closed; IO thread only. */
  private boolean closed;

  private SeqLockFile(Path path, OpenFile open, boolean writer) {
    this.path = path;
    this.open = open;
    this.writer = writer;
  }

  // ---- the format ----

  /** A header's fields (the notes' table). */
  record Header(
      int headerSize,
      int valueSize,
      int length,
      int copies,
      int strideWords,
      long slotBytes,
      long versionsAt,
      long fileSize,
      String layout) {

    /** The header of a file of {@code length} slots of {@code codec}'s values. */
    static Header of(ByteCodec<?> codec, int length) {
      int layoutBytes = codec.layout().getBytes(UTF_8).length;
      long headerSize = roundUp((long) FIXED_HEADER + layoutBytes);
      long slotBytes = SlotWords.byteSize(codec, length, COPIES);
      long versionsAt = roundUp(headerSize + slotBytes);
      long fileSize = versionsAt + (long) length * Long.BYTES;
      if (fileSize > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("length " + length + " of " + codec.byteSize()
            + "-byte values needs a file of " + fileSize + " bytes; one mapping holds at most "
            + Integer.MAX_VALUE);
      }
      return new Header(
          (int) headerSize,
          codec.byteSize(),
          length,
          COPIES,
          SlotWords.strideWords(codec, COPIES),
          slotBytes,
          versionsAt,
          fileSize,
          codec.layout());
    }

    /** The published versions in {@code map}, a mapping of the whole file, as a long view. */
    LongBuffer versions(ByteBuffer map) {
      return map.slice((int) versionsAt, length * Long.BYTES)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asLongBuffer();
    }

    private static long roundUp(long bytes) {
      return (bytes + FIXED_HEADER - 1) / FIXED_HEADER * FIXED_HEADER;
    }

    /** The header's bytes, checksum included. */
    ByteBuffer encode() {
      byte[] layoutBytes = layout.getBytes(UTF_8);
      ByteBuffer header = ByteBuffer.allocate(headerSize).order(ByteOrder.LITTLE_ENDIAN);
      header.putLong(0, MAGIC);
      header.putInt(AT_VERSION, FORMAT_VERSION);
      header.putInt(AT_HEADER_SIZE, headerSize);
      header.putInt(AT_VALUE_SIZE, valueSize);
      header.putInt(AT_LENGTH, length);
      header.putInt(AT_COPIES, copies);
      header.putInt(AT_STRIDE, strideWords);
      header.putLong(AT_SLOT_BYTES, slotBytes);
      header.putLong(AT_VERSIONS, versionsAt);
      header.putLong(AT_FILE_SIZE, fileSize);
      header.putInt(AT_LAYOUT_BYTES, layoutBytes.length);
      header.put(FIXED_HEADER, layoutBytes);
      header.putInt(AT_CHECKSUM, checksum(header));
      return header;
    }

    /** CRC32C of {@code header} with its checksum field taken as 0. */
    private static int checksum(ByteBuffer header) {
      ByteBuffer copy = ByteBuffer.allocate(header.capacity());
      copy.put(0, header, 0, header.capacity());
      copy.putInt(AT_CHECKSUM, 0);
      CRC32C crc = new CRC32C();
      crc.update(copy);
      return (int) crc.getValue();
    }

    /**
     * Reads and checks the header of the file open in {@code channel}, as far as it can without a
     * codec: magic, version, header size, checksum.
     */
    static Header read(FileChannel channel, Path path) throws IOException {
      long size = channel.size();
      if (size == 0) {
        throw new IncompatibleFileException(
            path, "the file is empty: not a seqlock file (a writer never finished making it?)");
      }
      if (size < FIXED_HEADER) {
        throw new IncompatibleFileException(path, "the file is " + size
            + " bytes, shorter than a seqlock file's " + FIXED_HEADER + "-byte header");
      }
      ByteBuffer fixed = readFully(channel, FIXED_HEADER);
      long magic = fixed.getLong(0);
      if (magic != MAGIC) {
        throw new IncompatibleFileException(path, String.format(
            "magic number: the file starts with 0x%016x, a seqlock file with 0x%016x"
                + " (not a seqlock file)", Long.reverseBytes(magic), Long.reverseBytes(MAGIC)));
      }
      int version = fixed.getInt(AT_VERSION);
      if (version != FORMAT_VERSION) {
        throw new IncompatibleFileException(path, "format version: the file's is " + version
            + ", this library reads version " + FORMAT_VERSION);
      }
      int headerSize = fixed.getInt(AT_HEADER_SIZE);
      int layoutBytes = fixed.getInt(AT_LAYOUT_BYTES);
      if (headerSize < FIXED_HEADER || headerSize % FIXED_HEADER != 0 || layoutBytes < 0
          || layoutBytes > headerSize - FIXED_HEADER) {
        throw new IncompatibleFileException(path, "header checksum: the header is corrupt (header"
            + " size " + headerSize + ", layout of " + layoutBytes + " bytes)");
      }
      if (headerSize > size) {
        throw new IncompatibleFileException(path, "file size: the file is " + size
            + " bytes, shorter than its " + headerSize + "-byte header");
      }
      ByteBuffer header = readFully(channel, headerSize);
      int stored = header.getInt(AT_CHECKSUM);
      int computed = checksum(header);
      if (stored != computed) {
        throw new IncompatibleFileException(path, String.format(
            "header checksum: 0x%08x stored, 0x%08x computed: the header is corrupt",
            stored, computed));
      }
      byte[] layout = new byte[layoutBytes];
      header.get(FIXED_HEADER, layout);
      return new Header(
          headerSize,
          header.getInt(AT_VALUE_SIZE),
          header.getInt(AT_LENGTH),
          header.getInt(AT_COPIES),
          header.getInt(AT_STRIDE),
          header.getLong(AT_SLOT_BYTES),
          header.getLong(AT_VERSIONS),
          header.getLong(AT_FILE_SIZE),
          new String(layout, UTF_8));
    }

    private static ByteBuffer readFully(FileChannel channel, int bytes) throws IOException {
      ByteBuffer buffer = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, buffer.position()) < 0) {
          throw new IOException("the file ended while reading its header");
        }
      }
      return buffer.clear();
    }

    /**
     * Throws unless a file with this header, {@code size} bytes long, holds {@code codec}'s values
     * ({@code length} of them, if not negative) in this library's slot layout.
     */
    void check(ByteCodec<?> codec, int length, long size, Path path) throws IOException {
      if (valueSize != codec.byteSize()) {
        throw new IncompatibleFileException(path, "value size: the file's values are " + valueSize
            + " bytes, the codec's " + codec.byteSize());
      }
      if (length >= 0 && this.length != length) {
        throw new IncompatibleFileException(path, "length: the file has " + this.length
            + " slots, " + length + " were asked for");
      }
      if (!layout.equals(codec.layout())) {
        throw new IncompatibleFileException(path, "codec layout: the file's values are "
            + layout + ", the codec's " + codec.layout());
      }
      Header expected = of(codec, this.length);
      if (!equals(expected)) {
        throw new IncompatibleFileException(path, "slot layout: the file's slots are "
            + strideWords + " words apart with " + copies + " copies in " + slotBytes
            + " bytes from byte " + headerSize + ", versions from byte " + versionsAt
            + ", this library's " + expected.strideWords + " words with " + expected.copies
            + " copies in " + expected.slotBytes + " bytes from byte " + expected.headerSize
            + ", versions from byte " + expected.versionsAt);
      }
      if (size < fileSize) {
        throw new IncompatibleFileException(path, "file size: the file is " + size
            + " bytes, shorter than the " + fileSize + " its header says (truncated?)");
      }
    }
  }

  // ---- opening ----

  /** SharedSeqLockArray's factories, registered with the door (SharedFiles). */
  private static final class Opener implements SharedFiles.Opener {
    @Override
    public <T> SharedSeqLockArray<T> openReader(Path file, ByteCodec<T> codec)
        throws IOException {
      return onIoThread(() -> reader(file, codec));
    }

    @Override
    public <T> SharedSeqLockArray.Writer<T> openWriter(
        Path file, ByteCodec<T> codec, int length, T initial) throws IOException {
      Header header = Header.of(codec, length); // too large: throws here, before any file exists
      MaybeTorn<T> value = MaybeTorn.of(codec, initial); // a codec that rejects it: throws here
      return onIoThread(() -> writer(file, codec, header, value));
    }
  }

  private static <T> MappedSeqLockArray<T> reader(Path path, ByteCodec<T> codec)
      throws IOException {
    Object key = key(path);
    OpenFile open = OPEN.get(key);
    boolean added = open == null;
    if (open == null) {
      open = new OpenFile(key, FileChannel.open(path, READ));
    }
    try {
      FileChannel channel = open.channel();
      Header header = Header.read(channel, path);
      header.check(codec, -1, channel.size(), path);
      MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, header.fileSize());
      SlotWords<T> words =
          SlotWords.inBuffer(map, header.headerSize(), codec, header.length(), COPIES);
      SeqLockFile file = new SeqLockFile(path, open, false);
      MappedSeqLockArray<T> reader =
          new MappedSeqLockArray<>(file, codec, header.length(), words, header.versions(map),
              readerRole());
      open.handles++;
      OPEN.put(key, open);
      return reader;
    } catch (IOException | RuntimeException | Error e) {
      if (added) {
        open.closeChannels();
      }
      throw e;
    }
  }

  private static WriterRole readerRole() {
    return new WriterRole.ReadOnly(Backoff.defaults());
  }

  private static <T> MappedSeqLockArray.Writing<T> writer(
      Path path, ByteCodec<T> codec, Header expected, MaybeTorn<T> initial) throws IOException {
    if (Files.notExists(path, LinkOption.NOFOLLOW_LINKS)) {
      create(path, codec, expected, initial);
    }
    Object key = key(path);
    OpenFile open = OPEN.get(key);
    if (open != null && open.writer) {
      throw new IllegalStateException(
          path + ": the writer role is held by another handle in this JVM");
    }
    boolean added = open == null;
    if (open == null) {
      open = new OpenFile(key, null);
    }
    try {
      FileChannel channel = open.writeChannel(path);
      FileLock role = channel.tryLock(ROLE_LOCK, 1, false);
      if (role == null) {
        throw new IllegalStateException(path + ": another process holds the writer role");
      }
      FileLock presence = null;
      try {
        presence = lockPresence(channel, path);
        Header header = Header.read(channel, path);
        header.check(codec, expected.length(), channel.size(), path);
        MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, header.fileSize());
        SlotWords<T> words =
            SlotWords.inBuffer(map, header.headerSize(), codec, header.length(), COPIES);
        SeqLockFile file = new SeqLockFile(path, open, true);
        MappedSeqLockArray.Writing<T> writer = new MappedSeqLockArray.Writing<>(
            file, codec, header.length(), words, header.versions(map),
            WriterRole.of(false, header.length(),
                COPIES == 2, WriterPause.NEVER, Backoff.defaults()));
        writer.completeAbandonedWrites();
        open.writer = true;
        open.role = role;
        open.presence = presence;
        open.handles++;
        OPEN.put(key, open);
        return writer;
      } catch (IOException | RuntimeException | Error e) {
        if (presence != null) {
          presence.release();
        }
        role.release();
        throw e;
      }
    } catch (IOException | RuntimeException | Error e) {
      if (added) {
        open.closeChannels();
      }
      throw e;
    }
  }

  /** Takes PRESENCE, retrying while readers' probes hold it (the notes). */
  private static FileLock lockPresence(FileChannel channel, Path path) throws IOException {
    long deadline = System.nanoTime() + PRESENCE_WAIT_NANOS;
    for (int attempt = 0; ; attempt++) {
      FileLock presence = channel.tryLock(PRESENCE_LOCK, 1, false);
      if (presence != null) {
        return presence;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(path + ": the writer role is free, but a reader's"
            + " writerState probe held the file's presence lock for over "
            + TimeUnit.NANOSECONDS.toMillis(PRESENCE_WAIT_NANOS) + " ms (a stopped process?)");
      }
      Thread.onSpinWait();
      if (attempt > 100) {
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt(); // the IO thread is never interrupted; keep it so
        }
      }
    }
  }

  /** Writes a complete new file beside {@code path} and links it into place (the notes). */
  private static <T> void create(Path path, ByteCodec<T> codec, Header header, MaybeTorn<T> initial)
      throws IOException {
    Path directory = path.toAbsolutePath().getParent();
    Path temporary = Files.createTempFile(directory, "." + path.getFileName() + ".", ".creating");
    try {
      try (FileChannel channel = FileChannel.open(temporary, READ, WRITE)) {
        MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, header.fileSize());
        SlotWords.inBuffer(map, header.headerSize(), codec, header.length(), COPIES, initial);
        map.put(0, header.encode(), 0, header.headerSize());
      }
      Runnable hook = afterTemporaryFile;
      if (hook != null) {
        hook.run();
      }
      try {
        Files.createLink(path, temporary);
      } catch (FileAlreadyExistsException e) {
        // another process created it first: open theirs
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** The file's identity, the same for every name of it (dev and inode on Unix). */
  private static Object key(Path path) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    if (attributes.isDirectory()) {
      throw new IncompatibleFileException(path, "a directory, not a seqlock file");
    }
    if (!attributes.isRegularFile()) {
      throw new IncompatibleFileException(path, "not a regular file, so not a seqlock file");
    }
    Object key = attributes.fileKey();
    return key != null ? key : path.toRealPath();
  }

  // ---- a handle's operations ----

  /** {@link SharedSeqLockArray#writerState}. */
  WriterState writerState() {
    try {
      return onIoThread(() -> {
        if (open.writer) {
          return WriterState.ACTIVE;
        }
        FileLock probe = open.channel().tryLock(PRESENCE_LOCK, 1, true);
        if (probe == null) {
          return WriterState.ACTIVE;
        }
        probe.release();
        return WriterState.NONE;
      });
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot query the writer's lock", e);
    }
  }

  /** Closes this handle's side of the file: gives the role up, closes channels with the last. */
  void close() {
    try {
      onIoThread(() -> {
        if (closed) {
          return false;
        }
        closed = true;
        if (writer) {
          open.writer = false;
          open.releaseRole();
        }
        if (--open.handles == 0) {
          OPEN.remove(open.key);
          open.closeChannels();
        }
        return true;
      });
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot close", e);
    }
  }

  /** This JVM's state of one file: channels and the writer's locks. IO thread only. */
  private static final class OpenFile {
    final Object key;
    private @Nullable FileChannel readChannel;
    private @Nullable FileChannel writeChannel;
    int handles;
    boolean writer;
    @Nullable FileLock role;
    @Nullable FileLock presence;

    OpenFile(Object key, @Nullable FileChannel readChannel) {
      this.key = key;
      this.readChannel = readChannel;
    }

    /** A channel that can read the file. */
    FileChannel channel() {
      FileChannel channel = writeChannel != null ? writeChannel : readChannel;
      if (channel == null) {
        throw new IllegalStateException("no channel"); // every entry is made with one
      }
      return channel;
    }

    /** The channel that reads and writes, opened on first use and kept with the entry. */
    FileChannel writeChannel(Path path) throws IOException {
      FileChannel channel = writeChannel;
      if (channel == null) {
        channel = FileChannel.open(path, READ, WRITE);
        writeChannel = channel;
      }
      return channel;
    }

    void releaseRole() throws IOException {
      FileLock p = presence;
      FileLock r = role;
      presence = null;
      role = null;
      if (p != null) {
        p.release();
      }
      if (r != null) {
        r.release();
      }
    }

    /** Closes every channel (which releases this process's locks on the file). */
    void closeChannels() throws IOException {
      try {
        if (readChannel != null) {
          readChannel.close();
        }
      } finally {
        if (writeChannel != null) {
          writeChannel.close();
        }
      }
    }
  }

  // ---- the IO thread ----

  /** A channel operation, run on the IO thread. */
  @FunctionalInterface
  private interface IoTask<V> {
    V run() throws IOException;
  }

  private static Thread newIoThread(Runnable task) {
    Thread thread = new Thread(task, "dev.seqlock shared-file I/O");
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Runs {@code task} on the IO thread and returns its result, waiting however often the caller is
   * interrupted (and keeping the interrupt): the task's channels and locks are this JVM's, so it
   * must not be abandoned halfway.
   */
  private static <V> V onIoThread(IoTask<V> task) throws IOException {
    Future<V> result = IO.submit(task::run);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return result.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          throw rethrow(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static IOException rethrow(@Nullable Throwable cause) {
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof RuntimeException unchecked) {
      throw unchecked;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IOException(cause);
  }
}
