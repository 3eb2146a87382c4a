package dev.seqlock;

import java.util.List;

/** White-box access to an engine's copies of the data, for layout and protocol tests. */
final class Engines {
  private Engines() {}

  /** The engine's copies of the data: the only one, or the latched copy0 and copy1. */
  static List<SlotWords<?>> copies(SeqLockEngine<?> engine) {
    if (engine instanceof LatchedProtocol<?> latched) {
      return List.of(latched.copy(0), latched.copy(2));
    }
    return List.of(engine.words);
  }

  /** The heap array of {@code words}. */
  static long[] heapWords(SlotWords<?> words) {
    return ((SlotWords.Heap<?>) words).words;
  }
}
