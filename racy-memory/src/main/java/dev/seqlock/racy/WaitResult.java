package dev.seqlock.racy;

/** How a {@link RacyMemory#wait32} or {@link RacyMemory#wait64} ended. */
public enum WaitResult {
  /** A {@link RacyMemory#notify} woke the waiter ({@code "ok"}, WebAssembly's 0). */
  OK,
  /** The value was not the expected one, so the thread did not wait ({@code "not-equal"}, 1). */
  NOT_EQUAL,
  /** The timeout passed with no notify ({@code "timed-out"}, 2). */
  TIMED_OUT
}
