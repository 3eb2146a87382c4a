package dev.seqlock.benchmarks.designs;

/** The designs compared, each making a {@link SharedValue} of a given length in longs. */
public enum Design {
  /** {@code SeqLock.create}: writers serialised by a lock; starving readers take it. */
  SEQLOCK_CREATE("SeqLock.create"),
  /**
   * {@code SeqLock.create} read by optimistic field reads in place, falling back to a copy, and written
   * by field writes in place.
   */
  SEQLOCK_OPTIMISTIC("SeqLock.create, field reads/writes"),
  /** {@code SeqLock.singleWriter}: no read-modify-write on the write path. */
  SEQLOCK_SINGLE_WRITER("SeqLock.singleWriter"),
  /** {@code SeqLock.singleWriter} read and written field by field in place, as SEQLOCK_OPTIMISTIC. */
  SEQLOCK_SINGLE_WRITER_FIELDS("SeqLock.singleWriter, field reads/writes"),
  /**
   * SEQLOCK_SINGLE_WRITER_FIELDS whose writer never pauses for readers ({@code WriterPause.NEVER}):
   * a reader completes only in a gap between two writes.
   */
  SEQLOCK_SINGLE_WRITER_NEVER_FIELDS("SeqLock.singleWriter, writer never pauses, field reads/writes"),
  /** {@code SeqLock.latched}: two copies; readers never wait for a write in progress. */
  SEQLOCK_LATCHED("SeqLock.latched"),
  /** {@code SeqLock.latched} read and written field by field in place, as SEQLOCK_OPTIMISTIC. */
  SEQLOCK_LATCHED_FIELDS("SeqLock.latched, field reads/writes"),
  /** {@code SeqLock.latchedSingleWriter} read and written field by field in place. */
  SEQLOCK_LATCHED_SINGLE_WRITER_FIELDS("SeqLock.latchedSingleWriter, field reads/writes"),
  /** Slot 0 of a {@code SharedSeqLockArray} in a memory-mapped file: SEQLOCK_LATCHED in a file. */
  SHARED_FILE("SharedSeqLockArray"),
  /** {@code SharedSeqLockArray} read and written field by field in place, as SEQLOCK_OPTIMISTIC. */
  SHARED_FILE_FIELDS("SharedSeqLockArray, field reads/writes"),
  /**
   * {@code SeqLockArray.latched} read by {@code readIfNewer} with the last version seen: a poll, which
   * costs a version check when nothing changed.
   */
  POLL_LATCHED("SeqLockArray.latched, readIfNewer"),
  /** {@code SharedSeqLockArray} read by {@code readIfNewer}, as POLL_LATCHED. */
  POLL_SHARED_FILE("SharedSeqLockArray, readIfNewer"),
  /** The single-copy protocol by hand over Agrona's UnsafeBuffer on a mapped file, copying reads. */
  AGRONA_SEQLOCK("hand-written seqlock on Agrona UnsafeBuffer, mapped file"),
  /** The same, read field by field in place. */
  AGRONA_FIELDS("hand-written seqlock on Agrona UnsafeBuffer, mapped file, field reads/writes"),
  /**
   * The latched protocol by hand over Agrona's UnsafeBuffer on a mapped file, copying reads: the
   * crash-tolerant baseline for SHARED_FILE's writes.
   */
  AGRONA_LATCHED("hand-written latched seqlock on Agrona UnsafeBuffer, mapped file"),
  /** The single-copy protocol by hand on bare arrays, without the library's protections. */
  HAND_WRITTEN_SEQLOCK("hand-written seqlock"),
  /** The same protocol by hand, read and written field by field in place. */
  HAND_WRITTEN_FIELDS("hand-written seqlock, field reads/writes"),
  /** The latched protocol by hand on bare arrays, read and written field by field in place. */
  HAND_WRITTEN_LATCHED_FIELDS("hand-written latched seqlock, field reads/writes"),
  /** {@code StampedLock}: optimistic read, falling back to the read lock. */
  STAMPED_LOCK("StampedLock"),
  /** {@code ReentrantReadWriteLock}. */
  READ_WRITE_LOCK("ReentrantReadWriteLock"),
  /** {@code ReentrantLock}. */
  REENTRANT_LOCK("ReentrantLock"),
  /** {@code synchronized}. */
  SYNCHRONIZED("synchronized"),
  /** A volatile reference to an immutable snapshot, replaced on every write. */
  COPY_ON_WRITE("copy-on-write");

  private final String label;

  Design(String label) {
    this.label = label;
  }

  /**
   * The design's name in reports.
   *
   * @return the label, e.g. {@code SeqLock.create}
   */
  public String label() {
    return label;
  }

  /**
   * Whether the design is one of the library's SeqLock variants.
   *
   * @return true for the {@code SEQLOCK_*} designs
   */
  public boolean isLibrarySeqLock() {
    return name().startsWith("SEQLOCK_");
  }

  /**
   * A new shared value of {@code words} longs, all zero.
   *
   * @param words the length in longs, positive
   * @return the shared value
   */
  public SharedValue create(int words) {
    return switch (this) {
      case SEQLOCK_CREATE -> SeqLockValue.create(words);
      case SEQLOCK_OPTIMISTIC -> OptimisticSeqLockValue.create(words);
      case SEQLOCK_SINGLE_WRITER_FIELDS -> OptimisticSeqLockValue.singleWriter(words);
      case SEQLOCK_SINGLE_WRITER_NEVER_FIELDS -> OptimisticSeqLockValue.singleWriterNeverPausing(words);
      case SEQLOCK_SINGLE_WRITER -> SeqLockValue.singleWriter(words);
      case SEQLOCK_LATCHED -> SeqLockValue.latched(words);
      case SEQLOCK_LATCHED_FIELDS -> OptimisticSeqLockValue.latched(words);
      case SEQLOCK_LATCHED_SINGLE_WRITER_FIELDS -> OptimisticSeqLockValue.latchedSingleWriter(words);
      case SHARED_FILE -> new SharedFileValue(words);
      case SHARED_FILE_FIELDS -> new SharedFileFieldsValue(words);
      case POLL_LATCHED -> PollValue.onHeap(words);
      case POLL_SHARED_FILE -> PollValue.inFile(words);
      case AGRONA_SEQLOCK -> new AgronaSeqLock(words);
      case AGRONA_FIELDS -> new AgronaFieldSeqLock(words);
      case AGRONA_LATCHED -> new AgronaLatchedSeqLock(words);
      case HAND_WRITTEN_SEQLOCK -> new HandWrittenSeqLock(words);
      case HAND_WRITTEN_FIELDS -> new HandWrittenFieldSeqLock(words);
      case HAND_WRITTEN_LATCHED_FIELDS -> new HandWrittenLatchedFieldSeqLock(words);
      case STAMPED_LOCK -> new StampedLockValue(words);
      case READ_WRITE_LOCK -> new ReadWriteLockValue(words);
      case REENTRANT_LOCK -> new ReentrantLockValue(words);
      case SYNCHRONIZED -> new SynchronizedValue(words);
      case COPY_ON_WRITE -> new CopyOnWriteValue(words);
    };
  }
}
