package dev.seqlock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The accesses to a slot's sequence, each with the mode its method names. The sequence is a word of the
 * slot's data words (the word before its value: {@link SeqLockSlots#sequenceIndex}), so a reader fetches
 * the sequence and the value together.
 */
final class SlotSequences {
  /*
   * Algorithmic notes
   *
   * Even: no write in progress; odd: a write in progress. Only the slot's writer (lock holder or single
   * writer) writes it, so increments are a plain read of its own last value plus an Opaque store (odd;
   * latched: Release) or a Release store (even); no read-modify-write. Readers load it with Acquire
   * before the data and with Opaque after the data copy's acquire fence; SeqLockSlots' notes give the
   * whole argument. Array-element VarHandle accesses have the same memory semantics as field ones, and
   * the sequence being an element of the array that also holds the value changes nothing in that
   * argument: the orderings are per access, not per array. The value's words are plain elements that
   * AtomicPerByteArray (which never touches the words between its elements, where the sequence is) and
   * the in-place field accesses read and write; the sequence is only ever accessed here.
   *
   * Why the sequence lives next to the value (SeqLockSlots' notes, "Data layout"): a reader touches
   * the lines of the value and of the sequence on every read, and a writer dirties both on every
   * write. Side by side they are one or two lines instead of two or three, so a reader next to a busy
   * writer misses once per write instead of twice (measured with ComparisonBenchmark backToBack: the
   * sequence in its own padded array made the reader several times slower; the library puts it in
   * the word before the value, which lets a single slot's index be a constant).
   */

  private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

  private SlotSequences() {}

  /** Acquire load of the sequence at {@code index} of {@code words}: the reader's first read. */
  static long sequenceAcquire(long[] words, int index) {
    return (long) WORDS.getAcquire(words, index);
  }

  /**
   * Opaque load of the sequence at {@code index} of {@code words}: the reader's validating read,
   * ordered after the copy by the copy's acquire fence.
   */
  static long sequenceOpaque(long[] words, int index) {
    return (long) WORDS.getOpaque(words, index);
  }

  /**
   * Plain load of the sequence at {@code index} of {@code words}: only by the thread that holds the
   * slot's writer role, which wrote it last.
   */
  static long sequenceByWriter(long[] words, int index) {
    return words[index]; // plain: the writer reads back its own store
  }

  /**
   * Opaque store of an odd value: the data store that follows begins with a release fence, which
   * keeps this store before the data's bytes.
   */
  static void storeSequenceOpaque(long[] words, int index, long odd) {
    WORDS.setOpaque(words, index, odd);
  }

  /** Release store: every access of the writer before it (its data stores) is ordered before it. */
  static void storeSequenceRelease(long[] words, int index, long value) {
    WORDS.setRelease(words, index, value);
  }
}
