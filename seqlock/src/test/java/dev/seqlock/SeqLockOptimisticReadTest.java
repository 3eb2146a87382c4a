package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.seqlock.atomic.AtomicPerByteArray;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MemoryOrder;
import java.lang.reflect.Field;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Optimistic field reads ({@code tryOptimisticRead}, {@code getLong}/{@code getInt}/{@code getDouble},
 * {@code validate}) on every variant of {@link SeqLock} and {@link SeqLockArray}.
 */
class SeqLockOptimisticReadTest {
  /** Packed layout: bid at 0, price at 8, size at 16, time at 20 (a long across a word boundary). */
  record Quote(long bid, double price, int size, long time) {}

  static final ByteCodec<Quote> QUOTE = ByteCodecs.ofRecord(Quote.class);
  static final int BID = 0;
  static final int PRICE = 8;
  static final int SIZE = 16;
  static final int TIME = 20;

  static Quote quote(long n) {
    return new Quote(n, n + 0.5, (int) n * 3, -n * 1_000_003);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void fieldsReadUnderAValidatedStampAreTheCurrentValue(Variant variant) {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(0));
    lock.write(quote(41));
    lock.write(quote(42));

    long stamp = lock.tryOptimisticRead();
    long bid = lock.getLong(stamp, BID);
    double price = lock.getDouble(stamp, PRICE);
    int size = lock.getInt(stamp, SIZE);
    long time = lock.getLong(stamp, TIME);

    assertTrue(lock.validate(stamp));
    assertEquals(quote(42), new Quote(bid, price, size, time));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void aWriteAfterTheStampFailsValidationAndANewStampSeesIt(Variant variant) {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(1));
    long stamp = lock.tryOptimisticRead();
    assertEquals(1, lock.getLong(stamp, BID));

    lock.write(quote(2));

    // latched: that write wrote the other copy, so the reads under the stamp are still version 0's
    assertEquals(!variant.singleCopy(), lock.validate(stamp), "after one write");
    if (!variant.singleCopy()) {
      assertEquals(1, lock.getLong(stamp, BID), "version 0's copy is intact");
    }
    lock.write(quote(3)); // latched: into the stamp's copy

    assertFalse(lock.validate(stamp), "a write overlapped the reads");
    long next = lock.tryOptimisticRead();
    assertEquals(3, lock.getLong(next, BID));
    assertTrue(lock.validate(next));
  }

  /**
   * A field write's stamp is odd and never validates, during the write or after it: in the latched
   * variant an odd stamp would pick the copy being written, so validate rejects every odd stamp.
   */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void aFieldWritesStampNeverValidates(Variant variant) {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(1));
    long stamp = lock.beginWrite();
    try {
      assertFalse(lock.validate(stamp), "during the write");
    } finally {
      lock.endWrite(stamp);
    }
    assertFalse(lock.validate(stamp), "after it");
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Variant#singleCopies")
  void aSingleCopyLockGivesNoValidStampWhileAWriteIsInProgress(Variant variant) {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(1));
    lock.write(quote(2)); // version 2

    lock.words.setWordRelease(lock.words.sequenceIndex(0), 3); // a write in progress

    long stamp = lock.tryOptimisticRead();
    assertEquals(-1, stamp);
    lock.getLong(stamp, BID); // allowed, meaningless
    assertFalse(lock.validate(stamp));
    lock.words.setWordRelease(lock.words.sequenceIndex(0), 4); // the write ends
    assertFalse(lock.validate(stamp), "-1 never validates");
    long after = lock.tryOptimisticRead();
    assertEquals(2, lock.getLong(after, BID));
    assertTrue(lock.validate(after));
  }

  @ParameterizedTest
  @MethodSource("dev.seqlock.Variant#latched")
  void aLatchedLockReadsThePreviousCopyWhileAWriteIsInProgress(Variant variant) throws ReflectiveOperationException {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(0));
    lock.write(quote(7)); // version 2, in copy 1 (copy 0 still holds version 0)

    // write 2 (to copy 0, which will hold version 4) in progress ...
    lock.words.setWordRelease(lock.words.sequenceIndex(0), 3);
    copy(lock, "copy0").store(0, quote(8), MemoryOrder.RELEASE); // ... has stored its new value

    long stamp = lock.tryOptimisticRead();
    assertEquals(2, stamp, "latched readers never wait: the stamp is the newest complete version");
    assertEquals(7, lock.getLong(stamp, BID)); // one word of copy 1
    assertEquals(quote(7).size(), lock.getInt(stamp, SIZE)); // half a word of copy 1
    assertEquals(quote(7).time(), lock.getLong(stamp, TIME)); // across two words of copy 1
    assertTrue(lock.validate(stamp), "the write in progress writes the other copy");
    // copy 0 complete: readers move to it, and copy 1 is still intact for the older stamp
    lock.words.setWordRelease(lock.words.sequenceIndex(0), 4);
    long even = lock.tryOptimisticRead();
    assertEquals(4, even);
    assertEquals(8, lock.getLong(even, BID));
    assertTrue(lock.validate(even));
    assertTrue(lock.validate(stamp), "no write to copy 1 has begun");
    // write 3, to copy 1, begins: the older stamp's reads may be torn now
    lock.words.setWordRelease(lock.words.sequenceIndex(0), 5);
    assertFalse(lock.validate(stamp), "a write to its copy began");
    assertTrue(lock.validate(even), "version 4's copy is not being written");
  }

  @Test
  void aLatchedArrayReadsThePreviousCopyOfItsSlotWhileAWriteIsInProgress()
      throws ReflectiveOperationException {
    SeqLockArray<Quote> array = SeqLockArray.latched(QUOTE, 3, quote(0));
    array.write(1, quote(7)); // slot 1, version 2, in copy 1
    SeqLockEngine<?> slots = array;

    // write 2 of slot 1 (to its copy 0) in progress ...
    slots.words.setWordRelease(slots.words.sequenceIndex(1), 3);
    copy(slots, "copy0").store(1, quote(8), MemoryOrder.RELEASE); // ... has stored its new value

    long stamp = array.tryOptimisticRead(1);
    assertEquals(2, stamp, "latched readers never wait: the stamp is the newest complete version");
    assertEquals(7, array.getLong(1, stamp, BID)); // one word of copy 1
    assertEquals(quote(7).size(), array.getInt(1, stamp, SIZE)); // half a word of copy 1
    assertEquals(quote(7).time(), array.getLong(1, stamp, TIME)); // across two words of copy 1
    assertTrue(array.validate(1, stamp), "the write in progress writes the other copy");
    slots.words.setWordRelease(slots.words.sequenceIndex(1), 4); // copy 0 complete
    long even = array.tryOptimisticRead(1);
    assertEquals(8, array.getLong(1, even, BID));
    assertEquals(quote(8).size(), array.getInt(1, even, SIZE));
    assertTrue(array.validate(1, even));
  }

  /** One of a latched lock's or array's copies, "copy0" or "copy1", to set it apart from the other. */
  @SuppressWarnings("unchecked") // the engine of a SeqLock<Quote> or SeqLockArray<Quote>
  private static AtomicPerByteArray<Quote> copy(SeqLockEngine<?> engine, String name) {
    SlotWords<?> words = engine.words;
    return (AtomicPerByteArray<Quote>) (name.equals("copy0") ? words.values0 : words.values1);
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void offsetsOutsideTheValueAreRejectedWithTheirRule(Variant variant) {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(0));
    long stamp = lock.tryOptimisticRead();
    int byteSize = QUOTE.byteSize(); // 28

    assertEquals(quote(0).time(), lock.getLong(stamp, byteSize - 8));
    assertEquals(quote(0).time() >>> 32, lock.getInt(stamp, byteSize - 4) & 0xFFFF_FFFFL);
    IndexOutOfBoundsException e =
        assertThrows(IndexOutOfBoundsException.class, () -> lock.getLong(stamp, byteSize - 7));
    assertEquals(
        "offset 21: the 8 bytes from it must lie within the value's 28 bytes", e.getMessage());
    assertThrows(IndexOutOfBoundsException.class, () -> lock.getInt(stamp, byteSize - 3));
    assertThrows(IndexOutOfBoundsException.class, () -> lock.getDouble(stamp, -1));
    assertThrows(IndexOutOfBoundsException.class, () -> lock.getLong(stamp, Integer.MIN_VALUE));
    assertTrue(lock.validate(stamp), "rejected reads change nothing");
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void minusOneAndStampsAheadOfTheSequenceNeverValidate(Variant variant) {
    SeqLock<Quote> lock = variant.of(QUOTE, quote(0));
    SeqLockArray<Quote> array = variant.array(QUOTE, 2, quote(0));
    assertFalse(lock.validate(-1), "version 0");
    assertFalse(array.validate(1, -1), "version 0");
    assertFalse(lock.validate(2), "a stamp ahead of the sequence");
    assertFalse(array.validate(1, 4), "a stamp ahead of the sequence");

    long stamp = lock.beginWrite(); // sequence 1: latched, within 2 of -1
    long slotStamp = array.beginWrite(1);
    assertFalse(lock.validate(-1), "a write in progress");
    assertFalse(array.validate(1, -1), "a write in progress");
    lock.endWrite(stamp);
    array.endWrite(1, slotStamp);
    assertFalse(lock.validate(-1), "version 2");
    assertTrue(lock.validate(lock.tryOptimisticRead()));
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void arraySlotsHaveTheirOwnStamps(Variant variant) {
    SeqLockArray<Quote> array = variant.array(QUOTE, 3, quote(0));
    array.write(1, quote(5));
    long stamp1 = array.tryOptimisticRead(1);
    long stamp2 = array.tryOptimisticRead(2);

    array.write(2, quote(6)); // another slot
    array.write(2, quote(7)); // twice: a latched read stays valid under one write

    assertEquals(5, array.getLong(1, stamp1, BID));
    assertEquals(5.5, array.getDouble(1, stamp1, PRICE));
    assertEquals(15, array.getInt(1, stamp1, SIZE));
    assertEquals(quote(5).time(), array.getLong(1, stamp1, TIME));
    assertTrue(array.validate(1, stamp1), "a write to slot 2 does not disturb slot 1");
    assertFalse(array.validate(2, stamp2), "slot 2 was written");
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void arrayIndicesAndOffsetsAreChecked(Variant variant) {
    SeqLockArray<Quote> array = variant.array(QUOTE, 2, quote(0));
    long stamp = array.tryOptimisticRead(0);

    assertIndexRejected(2, () -> array.tryOptimisticRead(2));
    assertIndexRejected(-1, () -> array.tryOptimisticRead(-1));
    assertIndexRejected(2, () -> array.getLong(2, stamp, 0));
    assertIndexRejected(-1, () -> array.getInt(-1, stamp, 0));
    assertIndexRejected(2, () -> array.getDouble(2, stamp, 0));
    assertIndexRejected(-1, () -> array.getFloat(-1, stamp, 0));
    assertIndexRejected(2, () -> array.getShort(2, stamp, 0));
    assertIndexRejected(-1, () -> array.getChar(-1, stamp, 0));
    assertIndexRejected(2, () -> array.getByte(2, stamp, 0));
    assertIndexRejected(-1, () -> array.getBoolean(-1, stamp, 0));
    assertIndexRejected(2, () -> array.validate(2, stamp));
    assertThrows(IndexOutOfBoundsException.class, () -> array.getLong(0, stamp, 21));
    assertThrows(IndexOutOfBoundsException.class, () -> array.getShort(0, stamp, 27));
    assertThrows(IndexOutOfBoundsException.class, () -> array.getByte(0, stamp, 28));
    assertTrue(array.validate(0, stamp));
  }

  /**
   * Beside a back-to-back writer of counters n..n+5 (six longs, write n at version 2n), every validated
   * set of field reads is one counter's, the one of the stamp's version, and readers still get through.
   */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void validatedReadsBesideABackToBackWriterAreConsistent(Variant variant)
      throws InterruptedException {
    int words = 6;
    ByteCodec<long[]> codec = ByteCodecs.ofLongArray(words);
    SeqLock<long[]> lock = variant.of(codec, new long[words]);
    Race race = new Race();
    long[] counts = new long[2]; // validated, failed
    race.start(
        "writer",
        () -> {
          long[] value = new long[words];
          for (long n = 1; race.running(); n++) {
            for (int i = 0; i < words; i++) {
              value[i] = n + i;
            }
            lock.write(value);
          }
        });
    race.start(
        "reader",
        () -> {
          long[] seen = new long[words];
          while (race.running()) {
            long stamp = lock.tryOptimisticRead();
            for (int i = 0; i < words; i++) {
              seen[i] = lock.getLong(stamp, i * Long.BYTES);
            }
            if (!lock.validate(stamp)) {
              counts[1]++;
              continue;
            }
            counts[0]++;
            // write n is version 2n, and a validated stamp is the version its reads belong to
            if (seen[0] != stamp / 2) {
              fail("validated word 0 is " + seen[0] + " under stamp " + stamp);
            }
            for (int i = 1; i < words; i++) {
              if (seen[i] != (seen[0] == 0 && seen[i] == 0 ? 0 : seen[0] + i)) {
                fail("validated but torn: word " + i + " is " + seen[i] + " beside " + seen[0]);
              }
            }
          }
        });
    race.stopAfter(Duration.ofMillis(700));

    System.out.printf("optimistic %s: %d validated, %d failed%n", variant, counts[0], counts[1]);
    assertTrue(counts[0] > 100, () -> "only " + counts[0] + " validated reads");
  }

  /** Asserts SeqLockArray's index rejection of a two-slot array, message included. */
  private static void assertIndexRejected(int index, Executable call) {
    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, call);
    assertEquals("index must be in [0, 2): " + index, e.getMessage());
  }
}
