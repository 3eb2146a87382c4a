package dev.seqlock;

import static dev.seqlock.Fixtures.CHECKED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.Fixtures.Checked;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.shared.IncompatibleFileException;
import dev.seqlock.shared.SharedSeqLockArray;
import dev.seqlock.shared.WriterState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SharedSeqLockArray} within one JVM: the file's format and its checks, the writer role between
 * handles, closing, and the completion of an abandoned write. Behaviour across processes, with real
 * kills, is the process tests'.
 */
class SharedSeqLockArrayTest {
  @SuppressWarnings("NullAway.Init") // set by JUnit before each test
  @TempDir
  Path directory;

  /** The exception's message, never null. */
  static String message(Throwable e) {
    return String.valueOf(e.getMessage());
  }

  private static final int COUNTER = ByteCodecs.offsetOf(CHECKED, "counter");
  private static final int CHECKSUM = ByteCodecs.offsetOf(CHECKED, "checksum");

  private Path file() {
    return directory.resolve("quotes.seqlock");
  }

  private SharedSeqLockArray.Writer<Checked> writer(int length) throws IOException {
    return SharedSeqLockArray.Writer.openWriter(file(), CHECKED, length, Checked.of(0));
  }

  @Test
  void aWriterCreatesTheFileAndReadersInThisJvmSeeItsWrites() throws IOException {
    try (SharedSeqLockArray.Writer<Checked> writer = writer(4);
        SharedSeqLockArray<Checked> reader = SharedSeqLockArray.openReader(file(), CHECKED)) {
      assertEquals(4, reader.length());
      assertEquals(Checked.of(0), reader.read(3));
      assertEquals(0, reader.version(3));

      writer.write(3, Checked.of(7));

      assertEquals(Checked.of(7), reader.read(3));
      assertEquals(2, reader.version(3));
      assertEquals(Checked.of(0), reader.read(2)); // its neighbour untouched
      MaybeTorn<Checked> holder = MaybeTorn.allocate(CHECKED);
      assertEquals(2, reader.readIfNewer(3, SharedSeqLockArrayTest.NOTHING, holder));
      assertEquals(Checked.of(7), holder.assumeUntorn());
      assertEquals(2, reader.readIfNewer(3, 2, MaybeTorn.allocate(CHECKED)));
      assertEquals(2, reader.tryReadInto(3, holder));
    }
  }

  private static final long NOTHING = SeqLock.NOTHING_SEEN;

  @Test
  void fieldWritesPublishInPlaceAndFieldReadsValidate() throws IOException {
    try (SharedSeqLockArray.Writer<Checked> writer = writer(2);
        SharedSeqLockArray<Checked> reader = SharedSeqLockArray.openReader(file(), CHECKED)) {
      Checked next = Checked.of(5);
      long stamp = writer.beginWrite(1);
      writer.putLong(1, stamp, COUNTER, next.counter());
      writer.putLong(1, stamp, ByteCodecs.offsetOf(CHECKED, "square"), next.square());
      writer.putLong(1, stamp, ByteCodecs.offsetOf(CHECKED, "inverted"), next.inverted());
      writer.putLong(1, stamp, ByteCodecs.offsetOf(CHECKED, "rotated"), next.rotated());
      writer.putLong(1, stamp, ByteCodecs.offsetOf(CHECKED, "mixed"), next.mixed());
      writer.putLong(1, stamp, CHECKSUM, next.checksum());
      assertEquals(0, reader.version(1)); // not yet published
      writer.endWrite(1, stamp);

      long read = reader.tryOptimisticRead(1);
      long counter = reader.getLong(1, read, COUNTER);
      long checksum = reader.getLong(1, read, CHECKSUM);
      assertTrue(reader.validate(1, read));
      assertEquals(5, counter);
      assertEquals(next.checksum(), checksum);
      assertEquals(Checked.of(5), reader.read(1));
    }
  }

  @Test
  void reopeningKeepsEveryValueAndVersion() throws IOException {
    try (SharedSeqLockArray.Writer<Checked> writer = writer(3)) {
      writer.write(0, Checked.of(1));
      writer.write(0, Checked.of(2));
      writer.write(2, Checked.of(3));
    }
    try (SharedSeqLockArray.Writer<Checked> writer =
        SharedSeqLockArray.Writer.openWriter(file(), CHECKED, 3, Checked.of(99))) {
      assertEquals(Checked.of(2), writer.read(0));
      assertEquals(4, writer.version(0));
      assertEquals(Checked.of(3), writer.read(2));
      writer.write(0, Checked.of(4));
      assertEquals(6, writer.version(0)); // versions continue upward
    }
  }

  @Test
  void theWriterStateIsActiveWhileAWriterIsOpenAndNoneAfter() throws IOException {
    writer(1).close();
    try (SharedSeqLockArray<Checked> reader = SharedSeqLockArray.openReader(file(), CHECKED)) {
      assertEquals(WriterState.NONE, reader.writerState());
      try (SharedSeqLockArray.Writer<Checked> writer = writer(1)) {
        assertEquals(WriterState.ACTIVE, reader.writerState());
        assertEquals(WriterState.ACTIVE, writer.writerState());
      }
      assertEquals(WriterState.NONE, reader.writerState());
    }
  }

  @Test
  void aSecondWriterInThisJvmIsRefusedNamingTheFileAndTheFirstKeepsWriting() throws IOException {
    try (SharedSeqLockArray.Writer<Checked> writer = writer(1)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer(1));
      assertTrue(message(e).contains(file().toString()), message(e));
      assertTrue(message(e).contains("another handle in this JVM"), message(e));

      writer.write(0, Checked.of(1));
      assertEquals(Checked.of(1), writer.read(0));
      assertEquals(WriterState.ACTIVE, writer.writerState());
    }
  }

  @Test
  void aSecondThreadWritingASlotWhileAWriteIsInProgressIsRefusedUnderAssertions() throws Exception {
    Assumptions.assumeTrue(Variant.ASSERTIONS_ENABLED, "the single-writer check is an assertion");
    try (SharedSeqLockArray.Writer<Checked> writer = writer(2)) {
      long stamp = writer.beginWrite(0);
      AtomicReference<Throwable> second = new AtomicReference<>();
      Thread other = new Thread(() -> {
        try {
          writer.write(0, Checked.of(9));
        } catch (Throwable e) {
          second.set(e);
        }
      });
      other.start();
      other.join(10_000);
      writer.endWrite(0, stamp);

      IllegalStateException refused = assertInstanceOf(IllegalStateException.class, second.get());
      assertTrue(message(refused).contains("second writer"), message(refused));
      assertEquals(Checked.of(0), writer.read(0)); // the refused write changed nothing
      assertEquals(2, writer.version(0));
      writer.write(1, Checked.of(1)); // other slots are free
    }
  }

  @Test
  void aWriterOpenedFromAnInterruptedThreadWorksAndKeepsTheInterrupt() throws IOException {
    Thread.currentThread().interrupt();
    try (SharedSeqLockArray.Writer<Checked> writer = writer(1);
        SharedSeqLockArray<Checked> reader = SharedSeqLockArray.openReader(file(), CHECKED)) {
      assertTrue(Thread.currentThread().isInterrupted());
      writer.write(0, Checked.of(1));
      assertEquals(WriterState.ACTIVE, reader.writerState());
      assertTrue(Thread.interrupted()); // and clears it for the next test
      assertEquals(Checked.of(1), reader.read(0));
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aNewWriterCompletesAWriteItsPredecessorAbandonedAndVersionsKeepGrowing() throws IOException {
    SharedSeqLockArray.Writer<Checked> first = writer(2);
    first.write(1, Checked.of(1)); // version 2
    long stamp = first.beginWrite(1);
    first.putLong(1, stamp, COUNTER, 12345); // half a write, never ended
    first.close(); // the role goes as a dead process's would; the sequence stays odd

    try (SharedSeqLockArray<Checked> reader = SharedSeqLockArray.openReader(file(), CHECKED)) {
      assertEquals(Checked.of(1), reader.read(1)); // the last complete version, from the other copy
      assertEquals(2, reader.version(1));
      try (SharedSeqLockArray.Writer<Checked> second = writer(2)) {
        assertEquals(Checked.of(1), reader.read(1));
        assertEquals(4, reader.version(1)); // completed as version 4, holding version 2's value
        second.write(1, Checked.of(2));
        assertEquals(6, reader.version(1));
        assertEquals(Checked.of(2), reader.read(1));
        assertEquals(0, reader.version(0)); // a complete slot is left as it was
      }
    }
  }

  @Test
  void aNewWriterPublishesTheVersionsItsPredecessorDiedBeforePublishingForTheChangeScan()
      throws IOException {
    int length = 2 * SeqLockEngine.SCAN_CHUNK + 1;
    try (SharedSeqLockArray.Writer<Checked> first = writer(length)) {
      first.write(1, Checked.of(1)); // version 2
      first.write(length - 1, Checked.of(1));
      first.write(length - 1, Checked.of(2)); // version 4
    }
    // as if the writer had died after each slot's last even store, before storing its version
    byte[] bytes = Files.readAllBytes(file());
    ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int versions = (int) header.getLong(56);
    header.putLong(versions + 8, 0).putLong(versions + 8 * (length - 1), 2);
    Files.write(file(), bytes);
    long[] seen = new long[length]; // every slot seen at version 0
    int[] into = new int[4];

    try (SharedSeqLockArray<Checked> reader = SharedSeqLockArray.openReader(file(), CHECKED)) {
      assertEquals(1, reader.changedSlots(seen, into), "slot 1's write is not reported yet");
      assertEquals(length - 1, into[0]);
      try (SharedSeqLockArray.Writer<Checked> second = writer(length)) {
        assertEquals(2, reader.changedSlots(seen, into), "the new writer published both");
        assertArrayEquals(new int[] {1, length - 1}, java.util.Arrays.copyOf(into, 2));
        seen[1] = 2;
        seen[length - 1] = 4;
        assertEquals(0, second.changedSlots(seen, into), "each at its slot's version");
      }
    }
  }

  /** Every call a closed handle must refuse. */
  enum Call {
    LENGTH(a -> a.length()),
    READ(a -> a.read(0)),
    READ_INTO(a -> a.readInto(0, MaybeTorn.allocate(CHECKED))),
    TRY_READ_INTO(a -> a.tryReadInto(0, MaybeTorn.allocate(CHECKED))),
    READ_IF_NEWER(a -> a.readIfNewer(0, NOTHING, MaybeTorn.allocate(CHECKED))),
    VERSION(a -> a.version(0)),
    CHANGED_SLOTS(a -> a.changedSlots(new long[1], new int[1])),
    TRY_OPTIMISTIC_READ(a -> a.tryOptimisticRead(0)),
    GET_LONG(a -> a.getLong(0, 0, 0)),
    GET_INT(a -> a.getInt(0, 0, 0)),
    GET_BYTE(a -> a.getByte(0, 0, 0)),
    VALIDATE(a -> a.validate(0, 0)),
    WRITER_STATE(a -> a.writerState()),
    WRITE(a -> writerOf(a).write(0, Checked.of(1))),
    WRITE_FROM(a -> writerOf(a).writeFrom(0, MaybeTorn.of(CHECKED, Checked.of(1)))),
    BEGIN_WRITE(a -> writerOf(a).beginWrite(0)),
    PUT_LONG(a -> writerOf(a).putLong(0, 1, 0, 1)),
    END_WRITE(a -> writerOf(a).endWrite(0, 1));

    @SuppressWarnings("ImmutableEnumChecker") // a stateless lambda
    final Consumer<SharedSeqLockArray<Checked>> call;

    Call(Consumer<SharedSeqLockArray<Checked>> call) {
      this.call = call;
    }

    private static SharedSeqLockArray.Writer<Checked> writerOf(SharedSeqLockArray<Checked> array) {
      return (SharedSeqLockArray.Writer<Checked>) array;
    }
  }

  @ParameterizedTest
  @EnumSource(Call.class)
  void everyCallOnAClosedHandleThrowsAndClosingTwiceDoesNothing(Call call) throws IOException {
    SharedSeqLockArray.Writer<Checked> writer = writer(1);
    writer.write(0, Checked.of(3));
    writer.close();
    writer.close();

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> call.call.accept(writer));
    assertTrue(message(e).contains("closed"), message(e));
    try (SharedSeqLockArray<Checked> reader = SharedSeqLockArray.openReader(file(), CHECKED)) {
      assertEquals(Checked.of(3), reader.read(0)); // nothing changed
      assertEquals(2, reader.version(0));
    }
  }

  @Test
  void closingWhileOtherThreadsReadCrashesNothingAndTheirLaterCallsThrow() throws Exception {
    try (SharedSeqLockArray.Writer<Checked> writer = writer(8)) {
      for (int i = 0; i < 8; i++) {
        writer.write(i, Checked.of(i));
      }
    }
    SharedSeqLockArray<Checked> reader = SharedSeqLockArray.openReader(file(), CHECKED);
    AtomicLong reads = new AtomicLong();
    AtomicReference<Throwable> unexpected = new AtomicReference<>();
    AtomicBoolean go = new AtomicBoolean(true);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread thread = new Thread(() -> {
        MaybeTorn<Checked> holder = MaybeTorn.allocate(CHECKED);
        try {
          while (go.get()) {
            for (int i = 0; i < 8; i++) {
              reader.readInto(i, holder);
              if (!holder.assumeUntorn().equals(Checked.of(i))) {
                throw new AssertionError("slot " + i + " read " + holder.assumeUntorn());
              }
              reads.incrementAndGet();
            }
          }
        } catch (IllegalStateException closed) {
          // the handle was closed under this thread: the expected end
        } catch (Throwable e) {
          unexpected.set(e);
        }
      });
      thread.start();
      threads.add(thread);
    }
    while (reads.get() < 10_000) {
      Thread.onSpinWait();
    }
    reader.close();
    for (Thread thread : threads) {
      thread.join(10_000);
      assertFalse(thread.isAlive(), "a reader did not see the close");
    }
    go.set(false);
    assertEquals(null, unexpected.get());
    assertThrows(IllegalStateException.class, () -> reader.read(0));
  }

  // ---- files that are not seqlock files of this codec ----

  /** A record with CHECKED's size and other component names. */
  record Renamed(long a, long b, long c, long d, long e, long f) {}

  @Test
  void openingAMissingFileToReadIsNoSuchFile() {
    assertThrows(NoSuchFileException.class, () -> SharedSeqLockArray.openReader(file(), CHECKED));
  }

  /** The bad files, each made from a good one (or from nothing) by its {@link #make}. */
  enum BadFile {
    EMPTY("the file is empty"),
    SHORTER_THAN_A_HEADER("shorter than a seqlock file's 64-byte header"),
    RANDOM_BYTES("magic number"),
    WRONG_MAGIC("magic number"),
    WRONG_VERSION("format version: the file's is 1, this library reads version 2"),
    CORRUPT_HEADER("header checksum"),
    TRUNCATED_SLOTS("file size"),
    DIRECTORY("a directory");

    final String message;

    BadFile(String message) {
      this.message = message;
    }
  }

  private void make(BadFile bad, Path good) throws IOException {
    switch (bad) {
      case EMPTY -> Files.write(file(), new byte[0]);
      case SHORTER_THAN_A_HEADER -> Files.write(file(), new byte[40]);
      case RANDOM_BYTES -> {
        byte[] bytes = new byte[4096];
        new java.util.Random(42).nextBytes(bytes);
        Files.write(file(), bytes);
      }
      case WRONG_MAGIC -> patch(good, 0, 'X');
      case WRONG_VERSION -> patchInt(good, 8, 1); // the format before the change scan
      case CORRUPT_HEADER -> patch(good, 70, 'Z'); // inside the layout: only the checksum notices
      case TRUNCATED_SLOTS -> {
        byte[] bytes = Files.readAllBytes(good);
        Files.write(file(), java.util.Arrays.copyOf(bytes, bytes.length - 8));
      }
      case DIRECTORY -> Files.createDirectory(file());
    }
  }

  private void patch(Path good, int at, char value) throws IOException {
    byte[] bytes = Files.readAllBytes(good);
    bytes[at] = (byte) value;
    Files.write(file(), bytes);
  }

  private void patchInt(Path good, int at, int value) throws IOException {
    byte[] bytes = Files.readAllBytes(good);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
    Files.write(file(), bytes);
  }

  /** A good file of 2 slots of CHECKED at {@code good.seqlock}, no handle open. */
  private Path goodFile() throws IOException {
    Path good = directory.resolve("good.seqlock");
    SharedSeqLockArray.Writer.openWriter(good, CHECKED, 2, Checked.of(1)).close();
    return good;
  }

  @ParameterizedTest
  @EnumSource(BadFile.class)
  void aBadFileIsATypedErrorNamingTheCauseAndStaysUnchanged(BadFile bad) throws IOException {
    make(bad, goodFile());
    byte[] before = bad == BadFile.DIRECTORY ? new byte[0] : Files.readAllBytes(file());

    IncompatibleFileException reading =
        assertThrows(
            IncompatibleFileException.class, () -> SharedSeqLockArray.openReader(file(), CHECKED));
    IncompatibleFileException writing = assertThrows(IncompatibleFileException.class, () -> writer(2));

    for (IncompatibleFileException e : List.of(reading, writing)) {
      assertTrue(message(e).contains(bad.message), message(e));
      assertTrue(message(e).startsWith(file().toString()), message(e));
    }
    if (bad != BadFile.DIRECTORY) {
      assertArrayEquals(before, Files.readAllBytes(file()));
    }
  }

  @Test
  void aCodecOfAnotherValueSizeIsRefused() throws IOException {
    writer(2).close();
    ByteCodec<long[]> smaller = ByteCodecs.ofLongArray(5);

    IncompatibleFileException e =
        assertThrows(
            IncompatibleFileException.class, () -> SharedSeqLockArray.openReader(file(), smaller));
    assertTrue(
        message(e).contains("value size: the file's values are 48 bytes, the codec's 40"),
        message(e));
  }

  @Test
  void aCodecOfTheSameSizeAndAnotherLayoutIsRefusedShowingBothLayouts() throws IOException {
    writer(2).close();
    ByteCodec<Renamed> renamed = ByteCodecs.ofRecord(Renamed.class);

    for (ThrowingOpen open :
        List.<ThrowingOpen>of(
            () -> SharedSeqLockArray.openReader(file(), renamed),
            () -> SharedSeqLockArray.Writer.openWriter(file(), renamed, 2, new Renamed(0, 0, 0, 0, 0, 0)))) {
      IncompatibleFileException e = assertThrows(IncompatibleFileException.class, open::open);
      assertTrue(message(e).contains("codec layout: the file's values are " + CHECKED.layout()
          + ", the codec's " + renamed.layout()), message(e));
    }
  }

  @Test
  void aWriterAskingForAnotherLengthIsRefused() throws IOException {
    writer(2).close();

    IncompatibleFileException e = assertThrows(IncompatibleFileException.class, () -> writer(3));
    assertTrue(
        message(e).contains("length: the file has 2 slots, 3 were asked for"), message(e));
  }

  /** An open that may throw. */
  @FunctionalInterface
  interface ThrowingOpen {
    void open() throws IOException;
  }
}
