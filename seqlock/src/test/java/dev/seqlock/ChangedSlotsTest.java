package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SeqLockArray#changedSlots}, on every {@link Variant}: which slots it reports, in which order,
 * how many at most, after every kind of write, and that the reads it leads to return the versions it
 * reported. The ordering guarantee under races is the jcstress suite's ({@code ChangeScan}).
 */
class ChangedSlotsTest {
  private static final ByteCodec<Long> LONG = ByteCodecs.ofLong();

  /**
   * Over two of the chunks a scan of versions in a buffer copies at a time (SCAN_CHUNK), and not a
   * multiple of it or of any vector width, so every chunk boundary and the scan's tail are covered.
   */
  private static final int LENGTH = 2 * SeqLockEngine.SCAN_CHUNK + 9;

  /** What the scan must not overwrite past the count it returns. */
  private static final int UNTOUCHED = -7;

  private static int[] into(int size) {
    int[] into = new int[size];
    Arrays.fill(into, UNTOUCHED);
    return into;
  }

  /** The first {@code count} elements of {@code into}, checking the others are untouched. */
  private static int[] reported(int[] into, int count) {
    for (int k = count; k < into.length; k++) {
      assertEquals(UNTOUCHED, into[k], "element " + k + " past the count " + count + " was written");
    }
    return Arrays.copyOf(into, count);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void noSlotIsReportedBeforeAnyWrite(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, LENGTH, 0L);
    int[] into = into(8);

    assertEquals(0, array.changedSlots(new long[LENGTH], into));
    reported(into, 0);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void everySlotWrittenIsReportedInSlotOrder(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, LENGTH, 0L);
    for (int slot = LENGTH - 1; slot >= 0; slot--) {
      array.write(slot, (long) slot);
    }
    int[] into = into(LENGTH + 3);

    int count = array.changedSlots(new long[LENGTH], into);

    int[] all = new int[LENGTH];
    Arrays.setAll(all, slot -> slot);
    assertArrayEquals(all, reported(into, count));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void moreChangesThanIntoHoldsAreReportedByTheNextCalls(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, LENGTH, 0L);
    int[] written = {0, 5, 63, 64, LENGTH - 1}; // 63 and 64: the two sides of a chunk boundary
    for (int slot : written) {
      array.write(slot, 1L);
    }
    long[] seen = new long[LENGTH];
    MaybeTorn<Long> holder = MaybeTorn.allocate(LONG);
    int[] into = into(2);

    int[][] calls = new int[4][];
    for (int call = 0; call < calls.length; call++) {
      Arrays.fill(into, UNTOUCHED);
      calls[call] = reported(into, array.changedSlots(seen, into));
      for (int slot : calls[call]) {
        seen[slot] = array.readIfNewer(slot, seen[slot], holder);
      }
    }

    assertArrayEquals(new int[][] {{0, 5}, {63, 64}, {LENGTH - 1}, {}}, calls);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void aSlotWrittenTwiceIsReportedOnceAndReadsAtItsLatestVersion(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, LENGTH, 0L);
    array.write(9, 1L);
    array.write(9, 2L);
    long[] seen = new long[LENGTH];
    int[] into = into(4);

    assertArrayEquals(new int[] {9}, reported(into, array.changedSlots(seen, into)));
    MaybeTorn<Long> holder = MaybeTorn.allocate(LONG);
    seen[9] = array.readIfNewer(9, seen[9], holder);
    assertEquals(4, seen[9]);
    assertEquals(2L, holder.assumeUntorn());
    Arrays.fill(into, UNTOUCHED);
    assertEquals(0, array.changedSlots(seen, into), "nothing new since the read");
  }

  /** Every kind of write publishes its version: write, writeFrom, update and a field write. */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void everyKindOfWriteIsReportedAtTheVersionItMade(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, LENGTH, 0L);
    array.write(1, 10L);
    array.writeFrom(2, MaybeTorn.of(LONG, 20L));
    array.update(3, v -> v + 30);
    long stamp = array.beginWrite(4);
    array.putLong(4, stamp, 0, 40L);
    array.endWrite(4, stamp);
    long[] seen = new long[LENGTH];
    for (int slot = 1; slot <= 4; slot++) {
      seen[slot] = array.version(slot); // as if read already: nothing left to report
    }
    int[] into = into(4);

    assertEquals(0, array.changedSlots(seen, into), "each published version is the slot's version");
    assertEquals(2, seen[4]);
    seen[4] = 0;
    assertArrayEquals(new int[] {4}, reported(into, array.changedSlots(seen, into)));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void slotsNotSeenYetAreReported(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, 3, 0L);
    long[] seen = {SeqLock.NOTHING_SEEN, 0, SeqLock.NOTHING_SEEN};
    int[] into = into(3);

    assertArrayEquals(new int[] {0, 2}, reported(into, array.changedSlots(seen, into)));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  @SuppressWarnings("NullAway") // passes null on purpose
  void badArgumentsAreRejectedNamingTheRule(Variant variant) {
    SeqLockArray<Long> array = variant.array(LONG, LENGTH, 0L);
    int[] into = into(4);

    assertEquals("lastSeenVersions",
        assertThrows(NullPointerException.class, () -> array.changedSlots(null, into)).getMessage());
    assertEquals("into", assertThrows(NullPointerException.class,
        () -> array.changedSlots(new long[LENGTH], null)).getMessage());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> array.changedSlots(new long[LENGTH - 1], into));
    assertEquals("lastSeenVersions must have one element per slot (" + LENGTH + "): " + (LENGTH - 1),
        e.getMessage());
    reported(into, 0);
    assertEquals(0, array.changedSlots(new long[LENGTH], new int[0]), "room for none: none");
    assertEquals(0, variant.array(LONG, 0, 0L).changedSlots(new long[0], into), "no slots");
  }

  /**
   * A poller that scans and reads beside a writer of random slots sees, for every slot, versions
   * that never go back and values that are its versions' (each write of a slot stores how many
   * writes it has had, so version 2n holds n); once the writer has finished, one more scan reports
   * every slot whose last write it had not read, and after reading those nothing is left.
   */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void aPollerBesideAWriterReadsEveryLastVersion(Variant variant) throws InterruptedException {
    int slots = 64;
    SeqLockArray<Long> array = variant.array(LONG, slots, 0L);
    Thread writer = new Thread(() -> {
      long[] writes = new long[slots];
      SplittableRandom random = new SplittableRandom(slots);
      for (int i = 0; i < 200_000; i++) {
        int slot = random.nextInt(slots);
        array.write(slot, ++writes[slot]);
      }
    }, "writer of random slots");
    writer.setDaemon(true); // never outlives the tests, even if a check below fails
    long[] seen = new long[slots];
    int[] into = new int[slots];
    MaybeTorn<Long> holder = MaybeTorn.allocate(LONG);
    writer.start();
    long scans = 0;
    do {
      poll(array, seen, into, holder);
      scans++;
    } while (writer.isAlive());
    writer.join(TimeUnit.SECONDS.toMillis(60)); // ended already: isAlive() was false
    poll(array, seen, into, holder); // after the last write

    for (int slot = 0; slot < slots; slot++) {
      assertEquals(array.version(slot), seen[slot], "slot " + slot + " after " + scans + " scans");
    }
    assertEquals(0, array.changedSlots(seen, into), "nothing left to report");
  }

  /** One scan, then a read of every slot it reported, checked; {@code seen} keeps the versions. */
  private static void poll(SeqLockArray<Long> array, long[] seen, int[] into, MaybeTorn<Long> holder) {
    int count = array.changedSlots(seen, into);
    for (int k = 0; k < count; k++) {
      int slot = into[k];
      long version = array.readIfNewer(slot, seen[slot], holder);
      assertTrue(version >= seen[slot], "slot " + slot + " went back from " + seen[slot]);
      if (version != seen[slot]) {
        assertEquals(version / 2, holder.bytes().getLong(0), "slot " + slot + " at " + version);
        seen[slot] = version;
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void aScanAllocatesNothing(Variant variant) {
    Assumptions.assumeTrue(
        ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean c
            && c.isThreadAllocatedMemorySupported(),
        "no per-thread allocation counter on this JVM");
    com.sun.management.ThreadMXBean counter =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    SeqLockArray<Long> array = variant.array(LONG, 1_024, 0L);
    long[] seen = new long[1_024];
    int[] into = new int[8];
    MaybeTorn<Long> value = MaybeTorn.of(LONG, 1L);
    long sink = 0;
    for (int i = 0; i < 100_000; i++) { // warm-up: compiled, as in steady state
      array.writeFrom(i & 1_023, value);
      sink += array.changedSlots(seen, into);
    }
    long before = counter.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 100_000; i++) {
      array.writeFrom(i & 1_023, value);
      sink += array.changedSlots(seen, into);
    }
    long allocated = counter.getCurrentThreadAllocatedBytes() - before;

    assertTrue(sink > 0);
    assertTrue(allocated < 1_024, allocated + " bytes allocated by 100,000 writes and scans");
  }
}
