package dev.seqlock;

/** White-box access to an engine's words, for layout and protocol tests. */
final class Engines {
  private Engines() {}

  /** The heap array of {@code words}. */
  static long[] heapWords(SlotWords<?> words) {
    long[] heap = words.heap;
    if (heap == null) {
      throw new IllegalArgumentException("not on the heap: " + words.location());
    }
    return heap;
  }
}
