package dev.seqlock.shared;

/** Whether some process holds the writer role of a {@link SharedSeqLockArray}'s file right now. */
public enum WriterState {
  /** A process holds the writer role: the file's values may change at any moment. */
  ACTIVE,

  /**
   * No process holds the writer role: the values stay as they are until a writer opens the file. A
   * writer that died leaves this state behind at once, since the operating system releases its lock
   * with the process.
   */
  NONE
}
