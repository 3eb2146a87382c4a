package dev.seqlock;

/**
 * Whether a writer waits for readers that keep failing: the progress policy of a {@link SeqLock} or
 * {@link SeqLockArray}, chosen by factory.
 *
 * <table>
 *   <caption>The policy of each factory</caption>
 *   <tr><th>factory</th><th>policy</th></tr>
 *   <tr><td>{@code create}</td><td>{@link #FOR_STARVING_READERS}, and a starving reader takes the
 *       writer lock (readers always complete)</td></tr>
 *   <tr><td>{@code singleWriter}</td><td>{@link #FOR_STARVING_READERS} by default; {@link #NEVER} on
 *       request</td></tr>
 *   <tr><td>{@code latched}, {@code latchedSingleWriter}</td><td>{@link #NEVER}: a latched read
 *       fails only if two writes begin during it, so it completes beside a writer that never
 *       stops</td></tr>
 * </table>
 *
 * <p>Which to pick for {@code singleWriter}: {@link #NEVER} when the writer is the thread that must
 * never be delayed (a feed handler) and its writes leave gaps readers can read in, as a feed's writes
 * do; {@link #FOR_STARVING_READERS} when a writer may write one slot back to back for long stretches
 * and its readers must still get through. When both matter, use {@code latchedSingleWriter} (or
 * {@code latched}, for writers on several threads).
 */
public enum WriterPause {
  /**
   * The writer never waits for readers, and readers never write to shared memory. A reader of a
   * single-copy lock retries, by its {@link Backoff}, until a read fits between two writes: beside a
   * writer that writes the same slot back to back with no gap, that may take as long as the writer
   * keeps writing.
   */
  NEVER,

  /**
   * A reader that fails four optimistic attempts in a row announces itself as starving (an atomic add
   * to a word of its slot's writer words, which only writers and starving readers touch) and, before
   * each write, the writer pauses while a reader of the slot is announced, for at most 20 µs per
   * write. A reader therefore completes beside a writer that never stops, at the cost of such pauses
   * of the writer.
   */
  FOR_STARVING_READERS
}
