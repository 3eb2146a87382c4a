package dev.seqlock;

import static dev.seqlock.Fixtures.CHECKED;
import static dev.seqlock.SharedSeqLockArrayTest.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.Fixtures.Checked;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.shared.SharedSeqLockArray;
import dev.seqlock.shared.WriterState;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SharedSeqLockArray} across processes: writers and readers in child JVMs ({@link ChildJvm},
 * running {@link FileChild}) killed with SIGKILL, stopped with SIGSTOP, racing each other, while this
 * JVM reads, writes and checks. Files go to a temporary directory, and to {@code /dev/shm} where the
 * test says so and the machine has it.
 */
class SharedFileProcessTest {
  @SuppressWarnings("NullAway.Init") // set by JUnit before each test
  @TempDir
  Path temporary;

  /** A directory made under /dev/shm by this test, removed after it. */
  private @org.jspecify.annotations.Nullable Path shm;

  /** Where a test's file lives. */
  enum Where {
    TEMPORARY_DIRECTORY,
    DEV_SHM
  }

  private Path file(Where where) throws IOException {
    if (where == Where.TEMPORARY_DIRECTORY) {
      return temporary.resolve("book.seqlock");
    }
    Path devShm = Path.of("/dev/shm");
    Assumptions.assumeTrue(Files.isDirectory(devShm), "this machine has no /dev/shm");
    Path directory = Files.createTempDirectory(devShm, "seqlock-test-");
    shm = directory;
    return directory.resolve("book.seqlock");
  }

  @AfterEach
  void removeShmDirectory() throws IOException {
    Path directory = shm;
    if (directory != null) {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  private static SharedSeqLockArray.Writer<Checked> writer(Path file, int length)
      throws IOException {
    return SharedSeqLockArray.Writer.openWriter(file, CHECKED, length, Checked.of(0));
  }

  /** Polls {@code reader.writerState()} until it is {@code state}, for at most ChildJvm.PATIENCE. */
  private static void awaitWriterState(SharedSeqLockArray<?> reader, WriterState state)
      throws InterruptedException {
    long deadline = System.nanoTime() + ChildJvm.PATIENCE.toNanos();
    while (reader.writerState() != state) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("the writer state stayed " + reader.writerState());
      }
      Thread.sleep(5);
    }
  }

  // 1
  @ParameterizedTest
  @EnumSource(Where.class)
  void aWriterKilledMidWriteLeavesTheLastCompleteVersionAndANewWriterContinuesUpward(Where where)
      throws Exception {
    Path file = file(where);
    try (ChildJvm child = ChildJvm.start("writer", file.toString(), "4", "park", "2")) {
      child.await("parked");
      try (SharedSeqLockArray<Checked> reader = SharedSeqLockArray.openReader(file, CHECKED)) {
        MaybeTorn<Checked> holder = MaybeTorn.allocate(CHECKED);
        assertEquals(WriterState.ACTIVE, reader.writerState());
        assertEquals(2, reader.tryReadInto(2, holder)); // never waits for the parked write
        assertEquals(Checked.of(1), holder.assumeUntorn());

        child.kill();

        awaitWriterState(reader, WriterState.NONE);
        assertEquals(Checked.of(1), reader.read(2));
        assertEquals(2, reader.version(2));
        long[] seen = {0, 0, 2, 0};
        int[] into = new int[4];
        assertEquals(0, reader.changedSlots(seen, into), "the abandoned write is no change");
        try (SharedSeqLockArray.Writer<Checked> next = writer(file, 4)) {
          assertEquals(WriterState.ACTIVE, reader.writerState());
          assertEquals(4, reader.version(2)); // the abandoned write completed with version 2's value
          assertEquals(1, reader.changedSlots(seen, into), "its completion is");
          assertEquals(2, into[0]);
          assertEquals(Checked.of(1), reader.read(2));
          next.write(2, Checked.of(2));
          assertEquals(6, reader.version(2));
          assertEquals(Checked.of(2), reader.read(2));
          assertEquals(0, reader.version(1)); // untouched slots keep their versions
        }
      }
    }
  }

  // 2
  @Test
  void writersKilledAtRandomMomentsUnderLoadNeverTearAReadNorStallAReader() throws Exception {
    Path file = file(Where.TEMPORARY_DIRECTORY);
    int length = 4;
    writer(file, length).close();
    AtomicLong reads = new AtomicLong();
    AtomicLong torn = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean reading = new AtomicBoolean(true);
    long[] lastVersion = new long[length];
    try (SharedSeqLockArray<Checked> reader = SharedSeqLockArray.openReader(file, CHECKED)) {
      Thread thread = new Thread(() -> {
        MaybeTorn<Checked> holder = MaybeTorn.allocate(CHECKED);
        try {
          while (reading.get()) {
            for (int i = 0; i < length; i++) {
              long version = reader.readInto(i, holder);
              if (!holder.assumeUntorn().isConsistent()) {
                torn.incrementAndGet();
              }
              if (version < lastVersion[i]) {
                throw new AssertionError("slot " + i + " went from " + lastVersion[i] + " back to "
                    + version);
              }
              lastVersion[i] = version;
              reads.incrementAndGet();
            }
          }
        } catch (Throwable e) {
          failure.set(e);
        }
      }, "reader");
      thread.start();
      try {
        Random random = new Random(21);
        for (int kill = 0; kill < 20; kill++) {
          try (ChildJvm child = ChildJvm.start("writer", file.toString(), "4", "loop")) {
            child.await("ready"); // it took the role: the last one's lock went with its process
            Thread.sleep(20 + random.nextInt(180));
            child.kill();
          }
          long before = reads.get();
          long deadline = System.nanoTime() + ChildJvm.PATIENCE.toNanos();
          while (reads.get() < before + 1_000 && failure.get() == null) { // the reader goes on
            assertTrue(System.nanoTime() - deadline < 0, "the reader stalled after kill " + kill);
            Thread.onSpinWait();
          }
        }
      } finally {
        reading.set(false);
        thread.join(ChildJvm.PATIENCE.toMillis());
      }
      assertFalse(thread.isAlive());
      assertEquals(null, failure.get());
      assertEquals(0, torn.get(), "torn reads among " + reads.get());
      for (int i = 0; i < length; i++) {
        assertTrue(lastVersion[i] > 0, "slot " + i + " was never written");
      }
      try (SharedSeqLockArray.Writer<Checked> next = writer(file, length)) {
        long[] versions = new long[length];
        for (int i = 0; i < length; i++) {
          versions[i] = next.version(i);
        }
        assertEquals(0, reader.changedSlots(versions, new int[length]),
            "after the takeover, the change scan's versions are the slots' versions");
      }
    }
  }

  // 3
  @ParameterizedTest
  @EnumSource(Where.class)
  void aStoppedWriterNeverBlocksAReaderAndCarriesOnWhenContinued(Where where) throws Exception {
    Path file = file(where);
    try (ChildJvm child = ChildJvm.start("writer", file.toString(), "4", "loop")) {
      child.await("ready");
      try (SharedSeqLockArray<Checked> reader = SharedSeqLockArray.openReader(file, CHECKED)) {
        awaitVersionAbove(reader, 0, 100);
        child.stop();
        Thread.sleep(100); // the signal is sent when kill returns; let it land on every thread
        try {
          MaybeTorn<Checked> holder = MaybeTorn.allocate(CHECKED);
          long[] versions = new long[4];
          for (int round = 0; round < 10_000; round++) {
            for (int i = 0; i < 4; i++) {
              long version = reader.tryReadInto(i, holder); // one attempt: never waits
              assertNotEquals(-1, version, "a read failed beside a stopped writer");
              assertTrue(holder.assumeUntorn().isConsistent());
              if (round > 0) {
                assertEquals(versions[i], version, "a stopped writer's slot moved");
              }
              versions[i] = version;
            }
          }
          assertEquals(WriterState.ACTIVE, reader.writerState()); // stopped still holds the role
        } finally {
          child.resume();
        }
        long now = reader.version(0);
        awaitVersionAbove(reader, 0, now);
      }
    }
  }

  private static void awaitVersionAbove(SharedSeqLockArray<?> reader, int slot, long version)
      throws InterruptedException {
    long deadline = System.nanoTime() + ChildJvm.PATIENCE.toNanos();
    while (reader.version(slot) <= version) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("slot " + slot + " stayed at " + reader.version(slot));
      }
      Thread.sleep(1);
    }
  }

  // 4
  @ParameterizedTest
  @EnumSource(Where.class)
  void aSecondWriterFromAnotherProcessOrThisJvmIsRefusedAndTheFirstKeepsWriting(Where where)
      throws Exception {
    Path file = file(where);
    try (ChildJvm first = ChildJvm.start("writer", file.toString(), "4", "loop")) {
      first.await("ready");
      try (ChildJvm second = ChildJvm.start("writer", file.toString(), "4", "race")) {
        String refusal = second.awaitAnyLine();
        assertTrue(refusal.startsWith("refused " + file), refusal);
        assertTrue(refusal.contains("another process holds the writer role"), refusal);
        assertEquals(0, second.awaitExit());
      }
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer(file, 4));
      assertTrue(message(e).contains(file.toString()), message(e));
      assertTrue(message(e).contains("another process holds the writer role"), message(e));
      try (SharedSeqLockArray<Checked> reader = SharedSeqLockArray.openReader(file, CHECKED)) {
        long now = reader.version(0);
        awaitVersionAbove(reader, 0, now); // the first writer still writes
        assertEquals(WriterState.ACTIVE, reader.writerState());
      }
    }
  }

  // 4, the other half: asking never makes a writer fail
  @Test
  void aProcessAskingTheWriterStateWithoutPauseNeverMakesOpenWriterFail() throws Exception {
    Path file = file(Where.TEMPORARY_DIRECTORY);
    writer(file, 1).close();
    try (ChildJvm prober = ChildJvm.start("prober", file.toString())) {
      prober.await("ready");
      prober.await("probes"); // probing in a loop now
      for (int i = 0; i < 200; i++) {
        try (SharedSeqLockArray.Writer<Checked> writer = writer(file, 1)) {
          writer.write(0, Checked.of(i));
        }
      }
      assertTrue(prober.isAlive(), "the prober kept probing");
    }
  }

  // 5
  @Test
  void aReaderKilledLeavesTheWriterUnaffected() throws Exception {
    Path file = file(Where.TEMPORARY_DIRECTORY);
    try (SharedSeqLockArray.Writer<Checked> writer = writer(file, 2)) {
      writer.write(0, Checked.of(1));
      try (ChildJvm reader = ChildJvm.start("reader", file.toString())) {
        reader.await("ready");
        for (int i = 2; i < 1_000; i++) {
          writer.write(0, Checked.of(i));
        }
        reader.kill();
      }
      for (int i = 1_000; i < 2_000; i++) {
        writer.write(0, Checked.of(i));
      }
      assertEquals(Checked.of(1_999), writer.read(0));
      assertEquals(2 * 1_999, writer.version(0));
      assertEquals(WriterState.ACTIVE, writer.writerState());
      try (ChildJvm another = ChildJvm.start("writer", file.toString(), "2", "race")) {
        assertTrue(another.awaitAnyLine().startsWith("refused"), "the role stayed with the writer");
      }
    }
  }

  // 6, the one bad file that takes a process: the others are SharedSeqLockArrayTest's
  @Test
  void aWriterKilledWhileCreatingTheFileLeavesNoFileAndTheNextWriterCreatesIt() throws Exception {
    Path file = file(Where.TEMPORARY_DIRECTORY);
    try (ChildJvm child = ChildJvm.start("writer", file.toString(), "4", "create-park")) {
      child.await("creating");
      child.kill();
    }
    assertFalse(Files.exists(file));
    assertThrows(NoSuchFileException.class, () -> SharedSeqLockArray.openReader(file, CHECKED));
    try (SharedSeqLockArray.Writer<Checked> writer = writer(file, 4)) {
      assertEquals(Checked.of(0), writer.read(3));
    }
  }

  // 6, no read permission: the JDK refuses the open, and the error reaches the caller as it is
  @Test
  void aProcessThatMayNotReadTheFileIsRefusedNamingItAndTheFileIsUnchanged() throws Exception {
    Path file = file(Where.TEMPORARY_DIRECTORY);
    try (SharedSeqLockArray.Writer<Checked> writer = writer(file, 4)) {
      writer.write(2, Checked.of(9));
    }
    byte[] before = Files.readAllBytes(file);
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    Files.setPosixFilePermissions(file, Set.of());
    try {
      try (ChildJvm child = ChildJvm.startVia(withoutFileAccessOverride(file),
          "opener", file.toString(), "4")) {
        String refusal = "refused " + AccessDeniedException.class.getName() + ": " + file;
        assertEquals("reader " + refusal, child.await("reader "));
        assertEquals("writer " + refusal, child.await("writer "));
        assertEquals(0, child.awaitExit());
      }
    } finally {
      Files.setPosixFilePermissions(file, permissions);
    }
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  /**
   * What a child must be started through to be refused access to {@code file}, which no one may
   * read: nothing, unless this process may read it anyway (root's capabilities override file
   * permissions); then {@code setpriv}, dropping those capabilities from the child.
   */
  private static List<String> withoutFileAccessOverride(Path file) {
    if (!Files.isReadable(file)) {
      return List.of();
    }
    Path setpriv = Path.of("/usr/bin/setpriv");
    Assumptions.assumeTrue(Files.isExecutable(setpriv),
        "this process overrides file permissions and has no setpriv to start a child without");
    return List.of(setpriv.toString(), "--bounding-set=-dac_override,-dac_read_search");
  }

  // 7
  @Test
  void processesRacingToCreateTheFileEndWithOneWriterAndOneCompleteFile() throws Exception {
    Path file = file(Where.TEMPORARY_DIRECTORY);
    List<ChildJvm> children = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        children.add(ChildJvm.start("writer", file.toString(), "64", "race"));
      }
      List<String> outcomes = new ArrayList<>();
      for (ChildJvm child : children) {
        outcomes.add(child.awaitAnyLine());
      }
      assertEquals(1, outcomes.stream().filter("won"::equals).count(), outcomes.toString());
      assertEquals(2, outcomes.stream().filter(line -> line.startsWith("refused")).count(),
          outcomes.toString());
      try (SharedSeqLockArray<Checked> reader = SharedSeqLockArray.openReader(file, CHECKED)) {
        assertEquals(64, reader.length());
        for (int i = 0; i < 64; i++) {
          assertEquals(Checked.of(0), reader.read(i));
        }
        assertEquals(WriterState.ACTIVE, reader.writerState());
      }
      try (Stream<Path> left = Files.list(file.getParent())) {
        assertEquals(List.of(file), left.toList(), "temporary files left behind");
      }
    } finally {
      for (ChildJvm child : children) {
        child.close();
      }
    }
  }
}
