package dev.seqlock;

import static dev.seqlock.SeqLockOptimisticReadTest.BID;
import static dev.seqlock.SeqLockOptimisticReadTest.PRICE;
import static dev.seqlock.SeqLockOptimisticReadTest.QUOTE;
import static dev.seqlock.SeqLockOptimisticReadTest.SIZE;
import static dev.seqlock.SeqLockOptimisticReadTest.TIME;
import static dev.seqlock.SeqLockOptimisticReadTest.quote;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.seqlock.SeqLockOptimisticReadTest.Quote;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Field writes ({@code beginWrite}, {@code putLong}/{@code putInt}/{@code putShort}/{@code putByte} and
 * their other forms, {@code endWrite}) on every variant of {@link SeqLock} and {@link SeqLockArray}:
 * what they publish, what readers see while one is in progress, how stamps and offsets are checked,
 * and how they exclude other writers.
 */
class SeqLockFieldWriteTest {
  @ParameterizedTest
  @EnumSource(Variant.class)
  void theFieldsPutBecomeOneNewVersionAndTheOthersKeepTheirValues(Variant variant) {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(0));
    lock.write(quote(1)); // version 2

    long stamp = lock.beginWrite();
    lock.putLong(stamp, BID, 10);
    lock.putDouble(stamp, PRICE, 10.5);
    lock.endWrite(stamp);

    assertEquals(3, stamp, "the stamp is the odd sequence of the write");
    assertEquals(4, lock.version());
    assertEquals(new Quote(10, 10.5, quote(1).size(), quote(1).time()), lock.read());
  }

  /*
   * The part stores below start from a lock whose copies differ (latched: version 2 in one, the
   * initial value in the other, which the field write writes), so a part that read the bytes around
   * it from the copy being written instead of the latest version would bring back the initial value.
   */

  @ParameterizedTest
  @EnumSource(Variant.class)
  void partsThatAreNotWholeWordsChangeOnlyTheirBytes(Variant variant) {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(5));
    lock.write(quote(6));

    long stamp = lock.beginWrite();
    lock.putInt(stamp, SIZE, -77); // the low half of word 2
    lock.putLong(stamp, TIME, 0x1122_3344_5566_7788L); // bytes 20..27: across words 2 and 3
    lock.endWrite(stamp);

    assertEquals(new Quote(6, 6.5, -77, 0x1122_3344_5566_7788L), lock.read());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void aPartOfAWordKeepsTheRestOfTheWordFromTheLatestVersion(Variant variant) {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(5));
    lock.write(quote(6));

    long stamp = lock.beginWrite();
    lock.putInt(stamp, SIZE, -77); // word 2 keeps bytes 20..23, the low half of version 2's time
    lock.endWrite(stamp);
    assertEquals(new Quote(6, 6.5, -77, quote(6).time()), lock.read());

    stamp = lock.beginWrite();
    lock.putLong(stamp, TIME, 0x1122_3344_5566_7788L); // across words 2 and 3; the size stays
    lock.endWrite(stamp);
    assertEquals(new Quote(6, 6.5, -77, 0x1122_3344_5566_7788L), lock.read());

    stamp = lock.beginWrite();
    lock.putShort(stamp, SIZE + 2, (short) 5); // the size's high half; the rest of word 2 as before
    lock.putByte(stamp, BID, (byte) 9); // the bid's low byte
    lock.endWrite(stamp);
    assertEquals(new Quote(9, 6.5, (-77 & 0xFFFF) | (5 << 16), 0x1122_3344_5566_7788L), lock.read());
  }

  /**
   * Values of 6 words, 64 (the most a latched field write tracks word by word, WriterRole's
   * MAX_PUT_WORDS) and 65 (copied whole when the write begins): the words a field write puts change,
   * every other keeps the latest version's value, write after write.
   */
  /**
   * A 64-word value, the most a latched field write tracks word by word (a bit each, in two ints),
   * written at the last word of the low int's (31), the first of the high int's (32) and the last
   * (63): alone, together, and with one part across words 31 and 32 (a read-modify-write of both);
   * every other word keeps its value, write after write.
   */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void theWordsAtTheEdgesOfTheRecordOfWordsPutKeepTheOthers(Variant variant) {
    int words = WriterRole.MAX_PUT_WORDS;
    ByteCodec<long[]> codec = ByteCodecs.ofLongArray(words);
    long[] expected = new long[words];
    for (int k = 0; k < words; k++) {
      expected[k] = 1000L + k;
    }
    SeqLock<long[]> lock = variant.of(codec, new long[words]);
    lock.write(expected.clone()); // the copies now differ (latched)
    int[][] writes = {{31}, {63}, {32}, {31, 32}, {0, 63}, {62, 63}};
    long next = 1;
    for (int[] write : writes) {
      long stamp = lock.beginWrite();
      for (int k : write) {
        expected[k] = next++;
        lock.putLong(stamp, k * Long.BYTES, expected[k]);
      }
      lock.endWrite(stamp);
      assertArrayEquals(expected, lock.read(), "words " + Arrays.toString(write));
    }
    long stamp = lock.beginWrite();
    lock.putInt(stamp, 31 * Long.BYTES + 6, 0x7788_99AA); // bytes 6-7 of word 31, 0-1 of word 32
    lock.endWrite(stamp);
    expected[31] = (expected[31] & 0x0000_FFFF_FFFF_FFFFL) | 0x99AAL << 48;
    expected[32] = (expected[32] & ~0xFFFFL) | 0x7788L;
    assertArrayEquals(expected, lock.read(), "a part across words 31 and 32");
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void theWordsNotPutKeepTheLatestValueAtEveryValueSize(Variant variant) {
    for (int words : new int[] {6, WriterRole.MAX_PUT_WORDS, WriterRole.MAX_PUT_WORDS + 1}) {
      ByteCodec<long[]> codec = ByteCodecs.ofLongArray(words);
      long[] expected = new long[words];
      SeqLock<long[]> lock = variant.of(codec, expected.clone());
      for (int k = 0; k < words; k++) {
        expected[k] = 1000L + k;
      }
      lock.write(expected.clone()); // the copies now differ (latched)
      Random random = new Random(words);
      for (int write = 0; write < 8; write++) {
        long stamp = lock.beginWrite();
        for (int part = 0; part < 1 + random.nextInt(3); part++) {
          int k = random.nextInt(words);
          expected[k] = random.nextLong();
          lock.putLong(stamp, k * Long.BYTES, expected[k]);
        }
        lock.endWrite(stamp);
        assertArrayEquals(expected, lock.read(), words + " words, write " + write);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Variant#singleCopies")
  void singleCopyReadersGetNoSnapshotWhileAFieldWriteIsInProgress(Variant variant) {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(1));
    long stamp = lock.beginWrite();
    lock.putLong(stamp, BID, 99);

    assertNull(lock.tryRead(), "a write is in progress");
    assertEquals(-1, lock.tryOptimisticRead());
    assertEquals(0, lock.version(), "the version before the write in progress");

    lock.endWrite(stamp);
    assertEquals(99, lock.read().bid());
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Variant#latched")
  void latchedReadersReadThePreviousVersionWhileAFieldWriteIsInProgress(Variant variant) {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(1));
    long stamp = lock.beginWrite();
    lock.putLong(stamp, BID, 99);

    assertEquals(quote(1), lock.tryRead(), "latched readers never wait");
    MaybeTorn<Quote> holder = MaybeTorn.allocate(QUOTE);
    assertEquals(0, lock.readInto(holder));
    long optimistic = lock.tryOptimisticRead();
    assertEquals(0, optimistic, "the stamp is the version its reads belong to");
    assertEquals(1, lock.getLong(optimistic, BID));
    assertTrue(lock.validate(optimistic));

    lock.endWrite(stamp);
    Quote second = new Quote(99, 1.5, 3, quote(1).time());
    assertEquals(second, lock.read());
    assertEquals(2, lock.tryOptimisticRead());
    assertTrue(lock.validate(optimistic), "the write wrote the other copy: version 0's is intact");
    assertEquals(1, lock.getLong(optimistic, BID), "still version 0's copy");

    // the next write writes version 0's copy: reads under its stamp no longer validate, and the
    // fields it does not put keep version 2's values
    long next = lock.beginWrite();
    assertFalse(lock.validate(optimistic), "the next write to its copy began");
    assertEquals(second, lock.tryRead(), "readers read version 2's copy");
    lock.putInt(next, SIZE, 44);
    lock.endWrite(next);
    assertEquals(new Quote(99, 1.5, 44, quote(1).time()), lock.read());
    assertEquals(4, lock.version());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void putsAndEndWriteRejectStampsOfNoWriteInProgressAndChangeNothing(Variant variant) {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(1));

    IllegalStateException outside =
        assertThrows(IllegalStateException.class, () -> lock.putLong(1, BID, 7));
    assertTrue(String.valueOf(outside.getMessage())
        .contains("stamp 1 is not the stamp of a write in progress"), outside::getMessage);
    assertThrows(IllegalStateException.class, () -> lock.putInt(0, SIZE, 7), "an even stamp");
    assertThrows(IllegalStateException.class, () -> lock.putShort(1, SIZE, (short) 7));
    assertThrows(IllegalStateException.class, () -> lock.putChar(1, SIZE, 'a'));
    assertThrows(IllegalStateException.class, () -> lock.putByte(1, SIZE, (byte) 7));
    assertThrows(IllegalStateException.class, () -> lock.putBoolean(1, SIZE, true));
    assertThrows(IllegalStateException.class, () -> lock.endWrite(1));
    assertEquals(quote(1), lock.read());
    assertEquals(0, lock.version());

    long stamp = lock.beginWrite();
    assertThrows(IllegalStateException.class, () -> lock.putLong(stamp + 2, BID, 7), "another stamp");
    assertThrows(IllegalStateException.class, () -> lock.putDouble(stamp - 1, PRICE, 7));
    assertThrows(IllegalStateException.class, () -> lock.putShort(stamp + 2, SIZE, (short) 7));
    assertThrows(IllegalStateException.class, () -> lock.putByte(stamp - 1, SIZE, (byte) 7));
    assertThrows(IllegalStateException.class, () -> lock.endWrite(stamp + 2));
    lock.putLong(stamp, BID, 8); // the write is still in progress and still this one's
    lock.endWrite(stamp);

    assertThrows(IllegalStateException.class, () -> lock.endWrite(stamp), "ended twice");
    assertThrows(IllegalStateException.class, () -> lock.putLong(stamp, BID, 9), "after the end");
    assertEquals(8, lock.read().bid());
    assertEquals(2, lock.version());
  }

  /**
   * A stamp of a write that has ended is stale: rejected after its endWrite, during the next write
   * (in the thread that got it and in another one), and it never stores anything.
   */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void aStaleStampIsRejectedInEveryThreadAndStoresNothing(Variant variant) throws Exception {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(1));
    long stale = lock.beginWrite();
    lock.putLong(stale, BID, 5);
    lock.endWrite(stale);

    IllegalStateException ended =
        assertThrows(IllegalStateException.class, () -> lock.putLong(stale, BID, 6));
    assertTrue(String.valueOf(ended.getMessage()).contains("(none is)"), ended::getMessage);
    assertThrows(IllegalStateException.class, () -> lock.endWrite(stale));

    long current = lock.beginWrite();
    IllegalStateException during =
        assertThrows(IllegalStateException.class, () -> lock.putInt(stale, SIZE, 6));
    assertTrue(String.valueOf(during.getMessage()).contains("the stamp in progress is " + current),
        during::getMessage);
    CompletableFuture<Throwable> other = CompletableFuture.supplyAsync(() -> {
      try {
        lock.putLong(stale, BID, 6);
        return new AssertionError("a stale stamp was accepted in another thread");
      } catch (IllegalStateException expected) {
        return expected;
      }
    });
    assertTrue(other.get(10, TimeUnit.SECONDS) instanceof IllegalStateException);
    lock.endWrite(current);

    Quote expected = new Quote(5, quote(1).price(), quote(1).size(), quote(1).time());
    assertEquals(expected, lock.read(), "only the live stamp's put was stored");
    assertEquals(4, lock.version());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void offsetsOutsideTheValueAreRejectedAndTheWriteGoesOn(Variant variant) {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(1));
    long stamp = lock.beginWrite();

    IndexOutOfBoundsException e =
        assertThrows(IndexOutOfBoundsException.class, () -> lock.putLong(stamp, 21, -1L));
    assertEquals(
        "offset 21: the 8 bytes from it must lie within the value's 28 bytes", e.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> lock.putInt(stamp, 25, -1));
    assertThrows(IndexOutOfBoundsException.class, () -> lock.putDouble(stamp, -8, -1));
    assertThrows(IndexOutOfBoundsException.class, () -> lock.putShort(stamp, 27, (short) -1));
    assertThrows(IndexOutOfBoundsException.class, () -> lock.putChar(stamp, -1, 'a'));
    assertThrows(IndexOutOfBoundsException.class, () -> lock.putByte(stamp, 28, (byte) -1));
    assertThrows(IndexOutOfBoundsException.class, () -> lock.putBoolean(stamp, -1, true));
    lock.putLong(stamp, TIME, 123);
    lock.endWrite(stamp);

    assertEquals(new Quote(1, 1.5, 3, 123), lock.read(), "the rejected puts wrote nothing");
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void whenTheCodeBetweenBeginAndEndThrowsEndWritePublishesThePutsSoFar(Variant variant) {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(1));

    assertThrows(ArithmeticException.class, () -> {
      long stamp = lock.beginWrite();
      try {
        lock.putLong(stamp, BID, 50);
        lock.putLong(stamp, TIME, stamp / (stamp & 0)); // the caller's own failure
      } finally {
        lock.endWrite(stamp);
      }
    });

    assertEquals(new Quote(50, 1.5, 3, quote(1).time()), lock.read());
    lock.write(quote(2)); // the role was given up
    assertEquals(quote(2), lock.read());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void aSecondWriteInTheSameThreadIsRejectedAndTheFirstGoesOn(Variant variant) {
    assumeTrue(Variant.ASSERTIONS_ENABLED || variant.serialisesWriters());
    SeqLock<Quote> lock = variant.of(QUOTE, quote(1));
    long stamp = lock.beginWrite();

    assertThrows(IllegalStateException.class, lock::beginWrite);
    assertThrows(IllegalStateException.class, () -> lock.write(quote(9)));
    lock.putLong(stamp, BID, 5);
    lock.endWrite(stamp);

    assertEquals(5, lock.read().bid());
    assertEquals(2, lock.version());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void aFieldWriteInsideAnUpdateFunctionIsRejected(Variant variant) {
    assumeTrue(Variant.ASSERTIONS_ENABLED || variant.serialisesWriters());
    SeqLock<Quote> lock = variant.of(QUOTE, quote(1));

    assertThrows(IllegalStateException.class, () -> lock.update(q -> {
      lock.beginWrite();
      return q;
    }));

    assertEquals(quote(1), lock.read());
    assertEquals(0, lock.version());
    lock.endWrite(lock.beginWrite()); // the lock is free
    assertEquals(2, lock.version());
  }

  /**
   * Without {@code -ea} a single-writer lock still refuses a field write nested in another one, and
   * the outer write (simulated: an odd sequence and its open stamp) goes on with its stamp intact.
   */
  @ParameterizedTest
  @MethodSource("dev.seqlock.Variant#singleWriters")
  void aSingleWriterLockRefusesABeginWriteWhileItsSequenceIsOdd(Variant variant) {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(1));
    // what a field write in progress leaves
    lock.words.setWordRelease(lock.words.sequenceIndex(0), 1);
    lock.role.openFieldWrite(0, 1);

    IllegalStateException e = assertThrows(IllegalStateException.class, lock::beginWrite);
    assertTrue(String.valueOf(e.getMessage()).contains("already in progress"), e::getMessage);
    lock.putLong(1, BID, 9); // the outer write's stamp is still the open one
    lock.endWrite(1);
    assertEquals(2, lock.version());
    assertEquals(new Quote(9, quote(1).price(), quote(1).size(), quote(1).time()), lock.read());
    lock.endWrite(lock.beginWrite()); // nothing was left taken
    assertEquals(4, lock.version());
  }

  /**
   * Without {@code -ea} nothing else stops a single writer's {@code write} nested in its own field
   * write; it must not make the sequence even mid-write. Simulated with an odd sequence, which is
   * what the nested write finds.
   */
  @ParameterizedTest
  @MethodSource("dev.seqlock.Variant#singleWriters")
  void aSingleWriterLockRefusesEveryWriteWhileItsSequenceIsOddAndStoresNothing(Variant variant) {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(1));
    lock.words.setWordRelease(lock.words.sequenceIndex(0), 1);

    assertThrows(IllegalStateException.class, () -> lock.write(quote(2)));
    assertThrows(IllegalStateException.class, () -> lock.writeFrom(MaybeTorn.of(QUOTE, quote(2))));
    assertThrows(IllegalStateException.class, () -> lock.update(q -> quote(3)));

    assertEquals(1, lock.words.word(lock.words.sequenceIndex(0)),
        "the sequence is untouched");
    lock.words.setWordRelease(lock.words.sequenceIndex(0), 2);
    assertEquals(quote(1), lock.read(), "the data is untouched");
    lock.write(quote(4)); // the role was given back each time
    assertEquals(quote(4), lock.read());
  }

  @ParameterizedTest
  @EnumSource(value = Variant.class, mode = EnumSource.Mode.MATCH_ANY, names = "CREATE.*")
  void aCreateLockRefusesAReadByTheThreadInTheMiddleOfItsFieldWrite(Variant variant) {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(1));
    long stamp = lock.beginWrite();

    IllegalStateException e = assertThrows(IllegalStateException.class, lock::read);
    assertTrue(String.valueOf(e.getMessage()).contains("between beginWrite and endWrite"),
        e::getMessage);
    assertFalse(lock.role.hasStarvingReaders(0),
        "the reader withdrew its announcement");
    lock.endWrite(stamp);
    assertEquals(quote(1), lock.read());
  }

  @Test
  void underAssertionsASingleWriterLockRejectsAWriterInAnotherThread() throws Exception {
    assumeTrue(Variant.ASSERTIONS_ENABLED, "needs -ea");
    SeqLock<Quote> lock = SeqLock.singleWriter(QUOTE, quote(1));
    long stamp = lock.beginWrite();

    AtomicReference<Throwable> other = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        lock.beginWrite();
      } catch (Throwable t) {
        other.set(t);
      }
    });
    thread.start();
    thread.join();

    assertTrue(other.get() instanceof IllegalStateException, () -> String.valueOf(other.get()));
    lock.endWrite(stamp);
    assertEquals(2, lock.version());
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Variant#serialisingWriters")
  void anotherThreadsWriteWaitsForTheFieldWriteToEnd(Variant variant) throws Exception {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(1));
    long stamp = lock.beginWrite();
    CompletableFuture<Void> other = CompletableFuture.runAsync(() -> lock.write(quote(7)));

    assertThrows(TimeoutException.class, () -> other.get(200, TimeUnit.MILLISECONDS));
    lock.putLong(stamp, BID, 5);
    lock.endWrite(stamp);
    other.get(10, TimeUnit.SECONDS);

    assertEquals(quote(7), lock.read(), "the other write came second");
    assertEquals(4, lock.version());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void arraySlotsHaveTheirOwnFieldWrites(Variant variant) {
    SeqLockArray<Quote> array = variant.array(QUOTE, 3, quote(0));
    long stamp0 = array.beginWrite(0);
    long stamp2 = array.beginWrite(2); // another slot: no conflict

    array.putLong(0, stamp0, BID, 10);
    array.putInt(2, stamp2, SIZE, 20);
    array.putDouble(2, stamp2, PRICE, 2.25);
    assertThrows(IllegalStateException.class, () -> array.putLong(1, stamp0, BID, 1),
        "slot 1 has no write in progress");
    assertThrows(IllegalStateException.class, () -> array.putShort(1, stamp0, SIZE, (short) 1));
    assertThrows(IllegalStateException.class, () -> array.putChar(1, stamp0, SIZE, 'a'));
    assertThrows(IllegalStateException.class, () -> array.putByte(1, stamp2, SIZE, (byte) 1));
    assertThrows(IllegalStateException.class, () -> array.putBoolean(1, stamp2, SIZE, true));
    assertThrows(IllegalStateException.class, () -> array.putShort(0, stamp0 + 2, SIZE, (short) 1),
        "another stamp");
    assertThrows(IllegalStateException.class, () -> array.putByte(2, stamp2 - 1, SIZE, (byte) 1));
    array.endWrite(2, stamp2);
    array.endWrite(0, stamp0);

    assertEquals(new Quote(10, 0.5, 0, 0), array.read(0));
    assertEquals(quote(0), array.read(1));
    assertEquals(new Quote(0, 2.25, 20, 0), array.read(2));
    assertEquals(2, array.version(0));
    assertEquals(0, array.version(1));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void arrayIndicesAreCheckedBeforeAnythingChanges(Variant variant) {
    SeqLockArray<Quote> array = variant.array(QUOTE, 2, quote(0));
    long stamp = array.beginWrite(1);

    assertIndexRejected(2, () -> array.beginWrite(2));
    assertIndexRejected(-1, () -> array.beginWrite(-1));
    assertIndexRejected(2, () -> array.putLong(2, stamp, BID, 1));
    assertIndexRejected(-1, () -> array.putInt(-1, stamp, SIZE, 1));
    assertIndexRejected(2, () -> array.putDouble(2, stamp, PRICE, 1));
    assertIndexRejected(-1, () -> array.putFloat(-1, stamp, SIZE, 1));
    assertIndexRejected(2, () -> array.putShort(2, stamp, SIZE, (short) 1));
    assertIndexRejected(-1, () -> array.putChar(-1, stamp, SIZE, 'a'));
    assertIndexRejected(2, () -> array.putByte(2, stamp, SIZE, (byte) 1));
    assertIndexRejected(-1, () -> array.putBoolean(-1, stamp, SIZE, true));
    assertThrows(IndexOutOfBoundsException.class, () -> array.putLong(1, stamp, 24, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> array.putShort(1, stamp, 27, (short) 1));
    assertThrows(IndexOutOfBoundsException.class, () -> array.putByte(1, stamp, 28, (byte) 1));
    assertIndexRejected(2, () -> array.endWrite(2, stamp));
    array.endWrite(1, stamp);

    assertEquals(quote(0), array.read(1));
    assertEquals(2, array.version(1));
    assertEquals(0, array.version(0));
  }

  /**
   * A back-to-back field writer of counters n..n+5 (six longs, write n at version 2n) beside a reader
   * that alternates copies and validated field reads: every snapshot is one counter's, and reads get
   * through.
   */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void readersBesideABackToBackFieldWriterSeeWholeVersions(Variant variant)
      throws InterruptedException {
    int words = 6;
    ByteCodec<long[]> codec = ByteCodecs.ofLongArray(words);
    SeqLock<long[]> lock = variant.of(codec, new long[words]);
    Race race = new Race();
    long[] counts = new long[2]; // snapshots, validated field reads
    race.start(
        "field writer",
        () -> {
          for (long n = 1; race.running(); n++) {
            long stamp = lock.beginWrite();
            try {
              for (int i = 0; i < words; i++) {
                lock.putLong(stamp, i * Long.BYTES, n + i);
              }
            } finally {
              lock.endWrite(stamp);
            }
          }
        });
    race.start(
        "reader",
        () -> {
          MaybeTorn<long[]> holder = MaybeTorn.allocate(codec);
          long[] seen = new long[words];
          while (race.running()) {
            long version = lock.readInto(holder);
            long[] snapshot = holder.assumeUntorn();
            checkCounter(snapshot, version, "snapshot");
            counts[0]++;
            long stamp = lock.tryOptimisticRead();
            for (int i = 0; i < words; i++) {
              seen[i] = lock.getLong(stamp, i * Long.BYTES);
            }
            if (lock.validate(stamp)) {
              checkCounter(seen, stamp & ~1L, "field reads");
              counts[1]++;
            }
          }
        });
    race.stopAfter(Duration.ofMillis(700));

    System.out.printf("field writes %s: %d snapshots, %d validated field reads%n",
        variant, counts[0], counts[1]);
    assertTrue(counts[0] > 100, () -> "only " + counts[0] + " snapshots");
  }

  /** Fails unless {@code words} is counter n = version / 2: n, n + 1, ... (all zero for version 0). */
  private static void checkCounter(long[] words, long version, String what) {
    long n = version / 2;
    for (int i = 0; i < words.length; i++) {
      long expected = n == 0 ? 0 : n + i;
      if (words[i] != expected) {
        fail(what + " at version " + version + " is torn: word " + i + " is " + words[i]);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = Variant.class, mode = EnumSource.Mode.MATCH_ANY, names = "CREATE.*")
  void aStampIsNotAVersion(Variant variant) {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(1));
    long stamp = lock.beginWrite();
    assertNotEquals(0, stamp & 1, "odd");
    lock.endWrite(stamp);
    assertEquals(stamp + 1, lock.version());
  }

  /** Asserts SeqLockArray's index rejection of a two-slot array, message included. */
  private static void assertIndexRejected(int index, Executable call) {
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, call);
    assertEquals("index must be in [0, 2): " + index, e.getMessage());
  }
}
