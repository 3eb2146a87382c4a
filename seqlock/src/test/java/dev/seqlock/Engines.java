package dev.seqlock;

import java.util.List;

/** White-box access to an engine's copies of the data, for layout and protocol tests. */
final class Engines {
  private Engines() {}

  /** The engine's copies of the data: the only one, or the latched copy0 and copy1. */
  static List<SlotWords<?>> copies(SeqLockEngine<?> engine) {
    return engine.twoCopies() ? List.of(engine.copy0, engine.copy1) : List.of(engine.copy0);
  }

  /** The heap array of {@code words}. */
  static long[] heapWords(SlotWords<?> words) {
    long[] heap = words.heap;
    if (heap == null) {
      throw new IllegalArgumentException("not on the heap: " + words.location());
    }
    return heap;
  }
}
