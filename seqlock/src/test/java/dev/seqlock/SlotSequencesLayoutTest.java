package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.vm.VM;

/**
 * The byte layout of {@link SlotSequences}' padded array on the running JVM, with the array base offset
 * and instance size that JOL reads from the VM.
 *
 * <p>What it proves: every slot's sequence word, which all readers of the slot poll, lies at least 128
 * bytes from the start of the array object (so from the header and from any object before it on the
 * heap), at least 128 bytes from every word of every other slot and from the end of the array, and at
 * least 64 bytes (the next cache line) from its own slot's writer lock and starving count. 128 bytes
 * cover a 64-byte line plus its adjacent-line prefetch partner on x86, wherever the array starts (Java
 * cannot align it). Each slot's writer words are likewise at least 128 bytes from other slots' words
 * and from the array's end.
 */
class SlotSequencesLayoutTest {
  private static final int PADDING = 128;
  private static final int LINE = 64;

  private record Word(int slot, String name, long offset) {}

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 17})
  void everySequenceIsPaddedFromTheHeaderOtherSlotsAndTheEnd(int slots) {
    SlotSequences sequences = new SlotSequences(slots);
    long instanceSize = ClassLayout.parseInstance(array(sequences)).instanceSize();
    List<Word> words = words(slots);

    for (Word sequence : words) {
      if (!sequence.name().equals("sequence")) {
        continue;
      }
      assertTrue(sequence.offset() >= PADDING, sequence + " is within 128 bytes of the object start");
      assertTrue(
          instanceSize - (sequence.offset() + Long.BYTES) >= PADDING,
          sequence + " is within 128 bytes of the array's end (" + instanceSize + ")");
      for (Word other : words) {
        long distance = Math.abs(other.offset() - sequence.offset());
        if (other.slot() != sequence.slot()) {
          assertTrue(distance >= PADDING, sequence + " is within 128 bytes of " + other);
        } else if (!other.equals(sequence)) {
          assertTrue(distance >= LINE, sequence + " shares a cache line with " + other);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 17})
  void writerWordsArePaddedFromOtherSlotsAndTheEnd(int slots) {
    SlotSequences sequences = new SlotSequences(slots);
    long instanceSize = ClassLayout.parseInstance(array(sequences)).instanceSize();
    List<Word> words = words(slots);

    for (Word word : words) {
      assertTrue(
          instanceSize - (word.offset() + Long.BYTES) >= PADDING,
          word + " is within 128 bytes of the array's end");
      for (Word other : words) {
        if (other.slot() != word.slot()) {
          assertTrue(
              Math.abs(other.offset() - word.offset()) >= PADDING,
              word + " is within 128 bytes of " + other);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 5})
  void theArrayHoldsExactlyThePaddingAndTheSlots(int slots) {
    SlotSequences sequences = new SlotSequences(slots);

    assertEquals(
        SlotSequences.PAD + slots * SlotSequences.STRIDE + SlotSequences.PAD, sequences.wordCount());
    assertEquals(
        VM.current().arrayBaseOffset(long.class.getName()) + (long) Long.BYTES * sequences.wordCount(),
        ClassLayout.parseInstance(array(sequences)).instanceSize(),
        "a long[] of " + sequences.wordCount() + " elements has hidden bytes");
  }

  /** Every control word of every slot, with its byte offset from the start of the array object. */
  private static List<Word> words(int slots) {
    long base = VM.current().arrayBaseOffset(long.class.getName());
    List<Word> words = new ArrayList<>();
    for (int slot = 0; slot < slots; slot++) {
      int sequence = SlotSequences.sequenceIndex(slot);
      words.add(new Word(slot, "sequence", base + (long) Long.BYTES * sequence));
      words.add(new Word(slot, "lock", base + (long) Long.BYTES * (sequence + SlotSequences.LOCK)));
      words.add(
          new Word(slot, "starving", base + (long) Long.BYTES * (sequence + SlotSequences.STARVING)));
    }
    return words;
  }

  /** An array shaped like the instance's, for JOL's instance size. */
  private static long[] array(SlotSequences sequences) {
    return new long[sequences.wordCount()];
  }
}
