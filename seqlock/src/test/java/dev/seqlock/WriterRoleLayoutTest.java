package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.vm.VM;

/**
 * The byte layout of {@link WriterRole}'s padded arrays on the running JVM, with the array base
 * offsets and instance sizes that JOL reads from the VM.
 *
 * <p>What it proves: every slot's writer lock, starving count and field-write stamp (in the array of
 * doubles), and with two copies its words put (a pair of ints in the array of ints), lie at least 128
 * bytes from the start of their array object (so from the header and from any object before it on
 * the heap) and from its end, and never on the same cache line as a word of another slot, wherever
 * the array starts (Java cannot align it): a double[]'s words are 8-byte aligned, so 64 bytes
 * between their starts suffice; a pair of ints may start at any multiple of 4, so it needs 71.
 */
class WriterRoleLayoutTest {
  private static final int PADDING = 128;
  private static final int LINE = 64;

  private record Word(int slot, String name, long offset) {}

  @ParameterizedTest
  @CsvSource({"1, false", "2, false", "3, false", "17, false", "1, true", "2, true", "17, true"})
  void everySlotsWordsArePaddedFromTheHeaderOtherSlotsAndTheEnd(int slots, boolean twoCopies) {
    WriterRole locks = WriterRole.of(true, slots, twoCopies, WriterPause.FOR_STARVING_READERS, Backoff.defaults());
    assertPadded(
        writerWords(locks, slots),
        ClassLayout.parseInstance(new double[locks.wordCount()]).instanceSize(),
        LINE);
    if (twoCopies) {
      assertPadded(
          putWords(slots),
          ClassLayout.parseInstance(new int[locks.putIntCount()]).instanceSize(),
          LINE + Long.BYTES - 1);
    }
  }

  /** Every 8-byte word of {@code words} padded, and {@code apart} bytes from other slots' words. */
  private static void assertPadded(List<Word> words, long instanceSize, int apart) {
    for (Word word : words) {
      assertTrue(word.offset() >= PADDING, word + " is within 128 bytes of the object start");
      assertTrue(
          instanceSize - (word.offset() + Long.BYTES) >= PADDING,
          word + " is within 128 bytes of the array's end (" + instanceSize + ")");
      for (Word other : words) {
        if (other.slot() != word.slot()) {
          assertTrue(
              Math.abs(other.offset() - word.offset()) >= apart,
              word + " is within " + apart + " bytes of " + other);
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"0, false", "1, false", "5, false", "0, true", "1, true", "5, true"})
  void theArraysHoldExactlyThePaddingAndTheSlots(int slots, boolean twoCopies) {
    WriterRole locks = WriterRole.of(true, slots, twoCopies, WriterPause.FOR_STARVING_READERS, Backoff.defaults());

    assertEquals(WriterRole.PAD + slots * WriterRole.STRIDE + WriterRole.PAD, locks.wordCount());
    assertEquals(
        VM.current().arrayBaseOffset(double.class.getName()) + (long) Double.BYTES * locks.wordCount(),
        ClassLayout.parseInstance(new double[locks.wordCount()]).instanceSize(),
        "a double[] of " + locks.wordCount() + " elements has hidden bytes");
    assertEquals(
        twoCopies ? WriterRole.PUT_PAD + slots * WriterRole.PUT_STRIDE + WriterRole.PUT_PAD : 0,
        locks.putIntCount());
  }

  /** Every writer word of every slot, with its byte offset from the start of the double[] object. */
  private static List<Word> writerWords(WriterRole locks, int slots) {
    long base = VM.current().arrayBaseOffset(double.class.getName());
    List<Word> words = new ArrayList<>();
    for (int slot = 0; slot < slots; slot++) {
      int lock = locks.lockIndex(slot);
      words.add(new Word(slot, "lock", base + (long) Long.BYTES * lock));
      words.add(
          new Word(slot, "starving", base + (long) Long.BYTES * (lock + WriterRole.STARVING)));
      words.add(new Word(slot, "stamp", base + (long) Long.BYTES * (lock + WriterRole.STAMP)));
    }
    return words;
  }

  /** Every slot's put bits (two ints, one 8-byte word), offset from the start of the int[] object. */
  private static List<Word> putWords(int slots) {
    long base = VM.current().arrayBaseOffset(int.class.getName());
    List<Word> words = new ArrayList<>();
    for (int slot = 0; slot < slots; slot++) {
      words.add(new Word(slot, "put", base + (long) Integer.BYTES * WriterRole.putIndex(slot)));
    }
    return words;
  }
}
