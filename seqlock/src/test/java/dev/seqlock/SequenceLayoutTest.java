package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.vm.VM;

/**
 * Where each slot's sequence and value are in the data words (SlotWords' notes), on
 * the running JVM, with the array base offset and instance size that JOL reads from the VM.
 *
 * <p>What it proves: every slot's sequence is the word right before its value, in the words that hold
 * the value (the single copy, or the latched copy0), so a reader fetches them together; it and the
 * value are at least 128 bytes from the start of the array object (so from the header and from any object before
 * it on the heap) and from the array's end; and it shares no cache line with another slot's value or
 * sequence (at least 64 bytes from each of their words, wherever the array starts), with at least 64
 * bytes between one slot's value and the next slot's sequence. Values and writes through the public
 * API land exactly there: the bytes in the value's words, the version in the sequence, nothing
 * elsewhere, in both copies of the latched variant.
 */
class SequenceLayoutTest {
  private static final int PADDING = 128;
  private static final int LINE = 64;

  static Stream<Arguments> layouts() {
    Stream.Builder<Arguments> layouts = Stream.builder();
    for (String variant : new String[] {"create", "singleWriter", "latched"}) {
      for (int size : new int[] {8, 28, 48, 64, 200}) {
        for (int slots : new int[] {1, 2, 3, 17}) {
          layouts.add(Arguments.of(variant, size, slots));
        }
      }
    }
    return layouts.build();
  }

  private static SeqLockArray<byte[]> array(
      String variant, ByteCodec<byte[]> codec, int slots, byte[] initial) {
    return switch (variant) {
      case "create" -> SeqLockArray.create(codec, slots, initial);
      case "singleWriter" -> SeqLockArray.singleWriter(codec, slots, initial);
      case "latched" -> SeqLockArray.latched(codec, slots, initial);
      default -> throw new IllegalArgumentException(variant);
    };
  }

  @ParameterizedTest(name = "{0}, {1} bytes, {2} slots")
  @MethodSource("layouts")
  void everySequencePrecedesItsValueAndIsPaddedFromEverythingElse(
      String variant, int size, int slots) {
    SeqLockEngine<?> engine =
        array(variant, ByteCodecs.ofByteArray(size), slots, new byte[size]);
    long[] words = Engines.heapWords(engine.copy0);
    int valueWords = (size + 7) / Long.BYTES;
    long base = VM.current().arrayBaseOffset(long.class.getName());
    long instanceSize = ClassLayout.parseInstance(words).instanceSize();

    for (int slot = 0; slot < slots; slot++) {
      int sequence = engine.copy0.sequenceIndex(slot);
      int first = sequence + 1; // where the value is: aWriteLandsWhereTheLayoutSays checks it
      for (int word = sequence; word < first + valueWords; word++) { // the sequence, then the value
        long offset = base + (long) Long.BYTES * word;
        assertTrue(offset >= PADDING, "slot " + slot + ", word " + word + ": near the object start");
        assertTrue(
            instanceSize - (offset + Long.BYTES) >= PADDING,
            "slot " + slot + ", word " + word + ": within 128 bytes of the array's end");
      }
      if (slot + 1 < slots) { // the documented gap: 64 bytes from this value to the next sequence
        int gapWords = engine.copy0.sequenceIndex(slot + 1) - (first + valueWords);
        assertTrue(
            (long) Long.BYTES * gapWords >= LINE,
            "only " + Long.BYTES * gapWords + " bytes between slot " + slot + "'s value and the"
                + " next slot's sequence");
      }
      for (int other = 0; other < slots; other++) {
        if (other == slot) {
          continue;
        }
        int otherSequence = engine.copy0.sequenceIndex(other);
        for (int word = otherSequence; word <= otherSequence + valueWords; word++) {
          assertTrue(
              Math.abs((long) Long.BYTES * (word - sequence)) >= LINE,
              "slot " + slot + "'s sequence is within 64 bytes of word " + word + " of slot " + other);
        }
      }
    }
  }

  /**
   * Every slot starts at a non-zero value, the last slot is written twice with two different values,
   * and then every word of every copy is what the layout says: each slot's value in the words after
   * its sequence (the initial one in the slots not written; in the last slot the second value, and in
   * latched copy1, which holds version 2, the first), the sequences 2 * writes in copy0 (the single
   * copy), 0 in copy1's unused words, and every other word 0.
   */
  @ParameterizedTest(name = "{0}, {1} bytes, {2} slots")
  @MethodSource("layouts")
  void aWriteLandsWhereTheLayoutSays(String variant, int size, int slots) {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(size);
    byte[] initial = pattern(size, 3);
    byte[] first = pattern(size, 5);
    byte[] value = pattern(size, 7);
    SeqLockArray<byte[]> array = array(variant, codec, slots, initial);
    SeqLockEngine<?> engine = array;
    int written = slots - 1;

    array.write(written, first);
    array.write(written, value);

    assertLayoutAfterTwoWrites(engine, slots, initial, first, value);
  }

  /**
   * A field write that puts one long lands where the layout says, and nothing else moves: after a
   * {@code write} of one value (version 2) and a field write of the first 8 bytes of another
   * (version 4), the written slot holds the first value with those 8 bytes replaced (latched: in copy0,
   * which the field write first brought up to version 2 from copy1, copying the slot's value words
   * and nothing around them; copy1 still holds version 2), every other word as before.
   */
  @ParameterizedTest(name = "{0}, {1} bytes, {2} slots")
  @MethodSource("layouts")
  void aFieldWriteLandsWhereTheLayoutSays(String variant, int size, int slots) {
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(size);
    byte[] initial = pattern(size, 3);
    byte[] first = pattern(size, 5);
    byte[] value = pattern(size, 7);
    SeqLockArray<byte[]> array = array(variant, codec, slots, initial);
    SeqLockEngine<?> engine = array;
    int written = slots - 1;

    array.write(written, first);
    long stamp = array.beginWrite(written);
    array.putLong(written, stamp, 0, wordsOf(value)[0]);
    array.endWrite(written, stamp);

    byte[] merged = first.clone();
    System.arraycopy(value, 0, merged, 0, Long.BYTES);
    assertLayoutAfterTwoWrites(engine, slots, initial, first, merged);
    assertArrayEquals(merged, array.read(written));
  }

  /**
   * Asserts every word of every copy after two writes to the last slot: each slot's value in the
   * words after its sequence ({@code initial} in the slots not written; in the last slot
   * {@code latest}, version 4, in copy0 or the single copy, and {@code first}, version 2, in latched
   * copy1), the last slot's sequence 4 in copy0 (the single copy), 0 in copy1's unused words, and
   * every other word 0.
   */
  private static void assertLayoutAfterTwoWrites(
      SeqLockEngine<?> engine, int slots, byte[] initial, byte[] first, byte[] latest) {
    int written = slots - 1;
    long[][] copies =
        Engines.copies(engine).stream().map(Engines::heapWords).toArray(long[][]::new);
    for (int copy = 0; copy < copies.length; copy++) {
      long[] words = copies[copy];
      long[] expected = new long[words.length];
      for (int slot = 0; slot < slots; slot++) {
        int sequence = SlotWords.PAD - 1 + slot * engine.copy0.strideWords;
        expected[sequence] = copy == 0 && slot == written ? 4 : 0;
        byte[] held = slot != written ? initial : copy == 0 ? latest : first;
        long[] valueWords = wordsOf(held);
        System.arraycopy(valueWords, 0, expected, sequence + 1, valueWords.length);
      }
      for (int i = 0; i < words.length; i++) {
        assertEquals(expected[i], words[i], "copy " + copy + ", word " + i);
      }
    }
  }

  /** {@code size} bytes, all different, different for each seed, none zero. */
  private static byte[] pattern(int size, int seed) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (1 + (seed * 31 + i * 7) % 255);
    }
    return bytes;
  }

  /** The little-endian words of {@code bytes}, the last one's padding zero. */
  private static long[] wordsOf(byte[] bytes) {
    long[] words = new long[(bytes.length + 7) / Long.BYTES];
    for (int i = 0; i < bytes.length; i++) {
      words[i / Long.BYTES] |= (bytes[i] & 0xFFL) << (8 * (i % Long.BYTES));
    }
    return words;
  }
}
