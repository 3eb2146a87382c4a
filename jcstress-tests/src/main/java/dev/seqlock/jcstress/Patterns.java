package dev.seqlock.jcstress;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;

/**
 * The old and new values that the tests of this suite race (and a middle value, for a writer that
 * writes twice), and the classification of what a racing load returned. Shared by the positive tests
 * and the negative control, so that both grade a load by the same rules.
 *
 * <p>Multi-word values are {@value #WORDS} little-endian 8-byte words ({@value #BYTES} bytes). The old
 * value is all zero bytes; byte {@code k} of the new value is {@code 0xA0 + k}: non-zero and different
 * at every position, so a word of which only some bytes were written reads as neither old nor new, and
 * a byte moved to the wrong position reads as invented.
 *
 * <p>One letter per word (or per byte) describes what a load saw:
 *
 * <ul>
 *   <li>{@code O}: all of it old; {@code N}: all of it new;
 *   <li>{@code T}: torn, some bytes old and some new within one word;
 *   <li>{@code X}: some byte is neither old nor new (invented, or from the wrong position).
 * </ul>
 *
 * <p>For two loads of one thread, a word is {@code O} or {@code N} if both loads saw it so, {@code U}
 * (updated) if the first saw it old and the second new, {@code R} (regressed) if the first saw it new
 * and the second old; {@code T} or {@code X} if either load saw it so.
 */
public final class Patterns {
  /** The number of 8-byte words of the multi-word values. */
  public static final int WORDS = 3;

  /** The number of bytes of the multi-word values. */
  public static final int BYTES = WORDS * Long.BYTES;

  /** The codec of the multi-word values: one {@code long} per word. */
  public static final ByteCodec<long[]> CODEC = ByteCodecs.ofLongArray(WORDS);

  private Patterns() {}

  /**
   * Returns byte {@code k} of the new pattern, {@code 0xA0 + k}.
   *
   * @param k the index of the byte
   * @return the byte of the new value at that index
   */
  public static byte newByte(int k) {
    return (byte) (0xA0 + k);
  }

  /**
   * Returns word {@code i} of the new pattern: bytes {@code 8i .. 8i + 7}, little-endian.
   *
   * @param i the index of the word
   * @return the word of the new value at that index
   */
  public static long newWord(int i) {
    long word = 0;
    for (int j = 0; j < Long.BYTES; j++) {
      word |= (newByte(i * Long.BYTES + j) & 0xFFL) << (8 * j);
    }
    return word;
  }

  /**
   * Returns a new array holding the old value's words (all zero).
   *
   * @return {@value #WORDS} zero words
   */
  public static long[] oldValue() {
    return new long[WORDS];
  }

  /**
   * Returns a new array holding the new value's words.
   *
   * @return {@value #WORDS} words of the new pattern
   */
  public static long[] newValue() {
    long[] words = new long[WORDS];
    for (int i = 0; i < WORDS; i++) {
      words[i] = newWord(i);
    }
    return words;
  }

  /**
   * Returns a new array holding a third value, for tests whose writer writes twice: byte {@code k} is
   * {@code 0x50 + k}, non-zero and different from the new value's byte at every position.
   *
   * @return {@value #WORDS} words of the middle pattern
   */
  public static long[] middleValue() {
    long[] words = new long[WORDS];
    for (int i = 0; i < WORDS; i++) {
      for (int j = 0; j < Long.BYTES; j++) {
        words[i] |= ((0x50 + i * Long.BYTES + j) & 0xFFL) << (8 * j);
      }
    }
    return words;
  }

  /**
   * Returns a new holder of the new value, a ready source for {@code storeFrom}.
   *
   * @return the new value's bytes
   */
  public static MaybeTorn<long[]> newHolder() {
    return MaybeTorn.of(CODEC, newValue());
  }

  /**
   * Classifies one word a load saw against the old and the new word.
   *
   * @param seen the word the load returned
   * @param oldWord the word before the store
   * @param newWord the word the store wrote
   * @return {@code 'O'}, {@code 'N'}, {@code 'T'} or {@code 'X'}
   */
  public static char classifyWord(long seen, long oldWord, long newWord) {
    if (seen == oldWord) {
      return 'O';
    }
    if (seen == newWord) {
      return 'N';
    }
    for (int j = 0; j < Long.BYTES; j++) {
      int shift = 8 * j;
      byte b = (byte) (seen >>> shift);
      if (b != (byte) (oldWord >>> shift) && b != (byte) (newWord >>> shift)) {
        return 'X';
      }
    }
    return 'T';
  }

  /**
   * Classifies one byte a load saw against the old and the new byte.
   *
   * @param seen the byte the load returned
   * @param oldByte the byte before the store
   * @param newByte the byte the store wrote
   * @return {@code 'O'}, {@code 'N'} or {@code 'X'}
   */
  public static char classifyByte(byte seen, byte oldByte, byte newByte) {
    if (seen == oldByte) {
      return 'O';
    }
    return seen == newByte ? 'N' : 'X';
  }

  /**
   * Combines the letters of one word (or byte) in two successive loads of one thread.
   *
   * @param first the letter of the first load
   * @param second the letter of the second load
   * @return {@code 'X'} or {@code 'T'} if either load saw that, else {@code 'O'}, {@code 'N'},
   *     {@code 'U'} (old, then new) or {@code 'R'} (new, then old)
   */
  public static char combine(char first, char second) {
    if (first == 'X' || second == 'X') {
      return 'X';
    }
    if (first == 'T' || second == 'T') {
      return 'T';
    }
    if (first == second) {
      return first;
    }
    return first == 'O' ? 'U' : 'R';
  }

  /**
   * Classifies every word of a multi-word load against the old and the new pattern.
   *
   * @param seen the words a load returned
   * @return one letter per word
   */
  public static String classifyWords(long[] seen) {
    StringBuilder letters = new StringBuilder(seen.length);
    for (int i = 0; i < seen.length; i++) {
      letters.append(classifyWord(seen[i], 0L, newWord(i)));
    }
    return letters.toString();
  }

  /**
   * Classifies every word of a loaded holder against the old and the new pattern.
   *
   * @param seen the holder a load filled
   * @return one letter per word
   */
  public static String classifyWords(MaybeTorn<long[]> seen) {
    return classifyWords(wordsOf(seen));
  }

  /**
   * Classifies every word of two successive loads of one thread.
   *
   * @param first the words of the first load
   * @param second the words of the second load
   * @return one letter per word, as {@link #combine}
   */
  public static String classifyWords(long[] first, long[] second) {
    String a = classifyWords(first);
    String b = classifyWords(second);
    StringBuilder letters = new StringBuilder(a.length());
    for (int i = 0; i < a.length(); i++) {
      letters.append(combine(a.charAt(i), b.charAt(i)));
    }
    return letters.toString();
  }

  /**
   * Returns the words of a loaded holder, read through its public byte view.
   *
   * @param seen the holder
   * @return its {@code byteSize / 8} words
   */
  public static long[] wordsOf(MaybeTorn<long[]> seen) {
    long[] words = new long[seen.byteSize() / Long.BYTES];
    for (int i = 0; i < words.length; i++) {
      words[i] = seen.bytes().getLong(i * Long.BYTES);
    }
    return words;
  }
}
