package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.vm.VM;

/**
 * Where each slot's words are (SlotWords' notes), on the running JVM, with the array base offset and
 * instance size that JOL reads from the VM.
 *
 * <p>What it proves: every slot's sequence is the word right before its value, and with two copies
 * (latched) the second copy follows the first, so a reader fetches them together; these words are at
 * least 128 bytes from the start of the array object (so from the header and from any object before it
 * on the heap) and from the array's end; and no word of a slot shares a cache line with a word of
 * another slot (at least 64 bytes from each, wherever the array starts: Java cannot align it). The
 * array holds the padding and the slots' strides and nothing else, so a slot costs its stride (and
 * its writer words, WriterRoleLayoutTest's). Values
 * and writes through the public API land exactly there: the bytes in the value's words, the version in
 * the sequence, nothing elsewhere, in both copies of the latched variant.
 */
class SlotWordsLayoutTest {
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

  private record Word(int slot, String name, int index) {}

  /** Every word of every slot: the sequence and the copies' words. */
  private static List<Word> slotWords(SlotWords<?> words, int slots, int size) {
    int valueWords = (size + 7) / Long.BYTES;
    List<Word> all = new ArrayList<>();
    for (int slot = 0; slot < slots; slot++) {
      int sequence = words.sequenceIndex(slot);
      all.add(new Word(slot, "sequence", sequence));
      for (int word = 0; word < words.copies * valueWords; word++) {
        all.add(new Word(slot, "value word " + word, sequence + 1 + word));
      }
    }
    return all;
  }

  @ParameterizedTest(name = "{0}, {1} bytes, {2} slots")
  @MethodSource("layouts")
  void everySlotsWordsArePaddedFromTheHeaderOtherSlotsAndTheEnd(
      String variant, int size, int slots) {
    SeqLockEngine<?> engine =
        array(variant, ByteCodecs.ofByteArray(size), slots, new byte[size]);
    long[] heap = Engines.heapWords(engine.words);
    long base = VM.current().arrayBaseOffset(long.class.getName());
    long instanceSize = ClassLayout.parseInstance(heap).instanceSize();
    List<Word> words = slotWords(engine.words, slots, size);

    for (Word word : words) {
      long offset = base + (long) Long.BYTES * word.index();
      assertTrue(offset >= PADDING, word + ": within 128 bytes of the object start");
      assertTrue(
          instanceSize - (offset + Long.BYTES) >= PADDING,
          word + ": within 128 bytes of the array's end (" + instanceSize + ")");
      for (Word other : words) {
        if (other.slot() != word.slot()) {
          assertTrue(
              Math.abs((long) Long.BYTES * (other.index() - word.index())) >= LINE,
              word + " is within 64 bytes of " + other);
        }
      }
    }
  }

  /**
   * The words are the padding, {@code slots} strides and (latched) copy 1's view's tail, nothing
   * else: a slot costs its stride, which is the sequence, the copies and a gap.
   */
  @ParameterizedTest(name = "{0}, {1} bytes, {2} slots")
  @MethodSource("layouts")
  void theArrayHoldsThePaddingAndTheSlotsStrides(String variant, int size, int slots) {
    SeqLockEngine<?> engine =
        array(variant, ByteCodecs.ofByteArray(size), slots, new byte[size]);
    SlotWords<?> words = engine.words;
    int valueWords = (size + 7) / Long.BYTES;
    int copies = variant.equals("latched") ? 2 : 1;

    assertEquals(copies, words.copies);
    assertEquals(copies * valueWords + SlotWords.GAP, words.strideWords);
    assertEquals(
        SlotWords.PAD + slots * words.strideWords + (copies - 1) * valueWords + SlotWords.PAD,
        Engines.heapWords(words).length);
  }

  /**
   * Every slot starts at a non-zero value, the last slot is written twice with two different values,
   * and then every word is what the layout says: each slot's value in the words after its sequence
   * (the initial one in the slots not written; in the last slot the second value in copy 0, and in
   * latched copy 1, which holds version 2, the first), the sequences 2 * writes, and every other word
   * 0.
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
   * (version 4), the written slot holds the first value with those 8 bytes replaced (latched: in copy 0,
   * which the field write first brought up to version 2 from copy 1, copying the slot's value words
   * and nothing around them; copy 1 still holds version 2), every other word as before.
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
   * Asserts every word after two writes to the last slot: each slot's value in the words after its
   * sequence ({@code initial} in the slots not written; in the last slot {@code latest}, version 4, in
   * copy 0, and {@code first}, version 2, in latched copy 1, the words after copy 0), the last slot's
   * sequence 4, and every other word 0.
   */
  private static void assertLayoutAfterTwoWrites(
      SeqLockEngine<?> engine, int slots, byte[] initial, byte[] first, byte[] latest) {
    int written = slots - 1;
    long[] words = Engines.heapWords(engine.words);
    long[] expected = new long[words.length];
    int valueWords = (initial.length + 7) / Long.BYTES;
    for (int slot = 0; slot < slots; slot++) {
      int sequence = SlotWords.PAD - 1 + slot * engine.words.strideWords;
      expected[sequence] = slot == written ? 4 : 0;
      for (int copy = 0; copy < engine.words.copies; copy++) {
        byte[] held = slot != written ? initial : copy == 0 ? latest : first;
        long[] heldWords = wordsOf(held);
        System.arraycopy(heldWords, 0, expected, sequence + 1 + copy * valueWords, valueWords);
      }
    }
    for (int i = 0; i < words.length; i++) {
      assertEquals(expected[i], words[i], "word " + i);
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
