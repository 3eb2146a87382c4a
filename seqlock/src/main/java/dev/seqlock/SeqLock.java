package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A sequence lock: readers take consistent snapshots of a value of type {@code T} without writing to
 * shared memory, so they never slow the writer or each other. The value is held as bytes in a
 * {@link dev.seqlock.atomic.AtomicPerByte}; a read copies them and keeps the copy only if no write
 * overlapped it, as Rust RFC 3301's motivating example does.
 *
 * <p>Three variants, chosen by factory:
 *
 * <ul>
 *   <li>{@link #create} — any number of writer threads, serialised by a writer lock inside. A reader
 *       that keeps losing to writers takes that lock once, so reads complete even next to a writer
 *       that writes back to back.
 *   <li>{@link #singleWriter} — for one writer thread at a time (the caller's promise); writes use no
 *       atomic read-modify-write. With assertions enabled ({@code -ea}) a second concurrent writer is
 *       detected and gets {@link IllegalStateException}.
 *   <li>{@link #latched} — two copies of the value (the Linux kernel's {@code seqcount_latch}): readers
 *       read the copy not being written, so a write in progress, even one whose thread was preempted
 *       mid-write, never makes a reader wait. Writers are serialised as in {@link #create}.
 * </ul>
 *
 * <p>Every snapshot has a <em>version</em>: an even number that grows by 2 with every write. Versions
 * seen by one reader never go backwards. {@link #readInto}, {@link #readIfNewer}, {@link #writeFrom} and
 * {@link #write} allocate nothing in steady state; {@link #read}, {@link #tryRead} and
 * {@link #update} return decoded values and so allocate them.
 *
 * <p>Encoding (and an {@link #update} function) runs before a write becomes visible to readers: if the
 * codec or the function throws, the value is unchanged, the lock is free, and the exception reaches the
 * caller.
 *
 * <h2>Example</h2>
 *
 * <pre>{@code
 * SeqLock<Quote> quote = SeqLock.singleWriter(ByteCodecs.ofRecord(Quote.class), new Quote(0, 0));
 * quote.write(new Quote(100, 101));                  // the feed thread
 * MaybeTorn<Quote> mine = MaybeTorn.allocate(quote.codec());
 * long seen = quote.readIfNewer(-1, mine);           // a strategy thread: no allocation
 * }</pre>
 *
 * @param <T> the type of the value
 */
public abstract sealed class SeqLock<T> permits SingleCopySeqLock, LatchedSeqLock {
  /*
   * Algorithmic notes
   *
   * Protocol (Boehm, "Can seqlocks get along with programming language memory models?", 2012, in
   * its fence-based form). The sequence is even when no write is in progress. Single-copy variants:
   *
   *   writer (holds the writer role):      reader:
   *     s = sequence (plain, own value)       s1 = sequence (Acquire)
   *     sequence = s + 1 (Opaque)             if s1 is odd: retry
   *     data.storeFrom(src, RELEASE)          data.loadInto(dst, ACQUIRE)
   *       = releaseFence; plain word copy       = plain word copy; acquireFence
   *     sequence = s + 2 (Release)            s2 = sequence (Opaque)
   *                                           keep dst iff s1 == s2
   *
   * Why a kept snapshot is never torn. Suppose the reader kept dst with s1 == s2 == v (even). Writes
   * are serialised (lock, or one writer thread), each moves the sequence 2k -> 2k+1 -> 2k+2, and each
   * stores every word of the value.
   *  - No word comes from a write that had not completed at v. Say a word came from write k (2k -> 2k+2).
   *    That word was stored after write k's release fence, which follows its odd store of 2k+1; the
   *    reader read it before its acquire fence, which precedes its read of s2. The fences pair
   *    (SharedWords' notes), so the store of 2k+1 happens before the read of s2, and s2 >= 2k+1 by
   *    coherence (the sequence only grows). With s2 == v even, v >= 2k+2: write k had completed.
   *  - No word is older than version v. s1 == v was read with Acquire from the Release store of v,
   *    which follows every data store of every write up to v (program order within a writer, the lock
   *    or one thread between writers). Those stores therefore happen before the reader's data reads,
   *    which cannot return a value they overwrote (happens-before consistency).
   * So every word is the one the write that produced v stored: the snapshot is exactly version v. The
   * initial value (version 0) is published by the final fields of AtomicPerByte and of this object.
   * The Opaque read of s2 is needed (a plain read is not coherent with s1 and could be satisfied by an
   * earlier read); Acquire is not needed because the copy's acquire fence already orders the data
   * reads before it. The writer needs no fence of its own between the odd store and the data: the
   * data store's leading release fence is that fence (a release fence orders earlier stores before
   * later ones).
   *
   * Latched variant (two copies, see LatchedSeqLock): readers never wait; the argument is the same with
   * the copy index taken from s1's low bit, plus one more Release store (LatchedSeqLock's notes).
   *
   * Writers. SingleWriterSeqLock trusts the caller (checking it under -ea); LockedSeqLock and
   * LatchedSeqLock take SeqLockState's writer lock around encode + publish. Encoding into the
   * writer-owned staging holder happens before the odd store, so a throwing codec or update function
   * leaves the sequence even and the data untouched, and the finally block frees the lock.
   *
   * Progress. A reader that fails OPTIMISTIC_ATTEMPTS times in a row announces itself as starving
   * (SeqLockState) and then either takes the writer lock (LockedSeqLock, as Linux's
   * read_seqbegin_or_lock) or keeps trying (single writer, latched). Writers check the announcement
   * before each write and pause, for at most WRITER_PAUSE_NANOS, while a reader is starving, so a
   * back-to-back writer cannot starve readers and a starving reader cannot stop the writer for long.
   *
   * Versions. The version of a snapshot is s1 (single copy) or s1 rounded down to even (latched);
   * successive Acquire loads of the sequence by one thread are coherent, so a reader's versions never
   * decrease, and they are always even.
   */

  /** Optimistic attempts before a reader announces that it is starving. */
  static final int OPTIMISTIC_ATTEMPTS = 4;

  /** The longest a writer pauses before one write while a reader is starving. */
  static final long WRITER_PAUSE_NANOS = 20_000;

  /** The version {@link #readIfNewer} takes for "nothing seen yet". */
  public static final long NOTHING_SEEN = -1;

  final ByteCodec<T> codec;
  final Backoff backoff;
  final SeqLockState state = new SeqLockState();

  /** Writer-owned: the encoded value of the write in progress. */
  final MaybeTorn<T> staging;

  /** Writer-owned: the current value, for {@link #update}. */
  final MaybeTorn<T> current;

  SeqLock(ByteCodec<T> codec, Backoff backoff) {
    this.codec = codec;
    this.backoff = backoff;
    this.staging = MaybeTorn.allocate(codec);
    this.current = MaybeTorn.allocate(codec);
  }

  /**
   * A sequence lock for any number of writer threads, serialised inside; readers wait with
   * {@link Backoff#defaults()}.
   *
   * @param codec the codec of the value
   * @param initial the initial value, version 0
   * @param <T> the type of the value
   * @return the lock
   * @throws NullPointerException if {@code codec} or {@code initial} is null
   * @throws IllegalArgumentException if the codec cannot encode {@code initial}
   */
  public static <T> SeqLock<T> create(ByteCodec<T> codec, T initial) {
    return create(codec, initial, Backoff.defaults());
  }

  /**
   * A sequence lock for any number of writer threads, serialised inside.
   *
   * @param codec the codec of the value
   * @param initial the initial value, version 0
   * @param backoff how readers and writers wait
   * @param <T> the type of the value
   * @return the lock
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the codec cannot encode {@code initial}
   */
  public static <T> SeqLock<T> create(ByteCodec<T> codec, T initial, Backoff backoff) {
    checkArguments(codec, initial, backoff);
    return new LockedSeqLock<>(codec, initial, backoff);
  }

  /**
   * A sequence lock for one writer thread at a time: writes use no atomic read-modify-write. The
   * caller promises that writes ({@link #write}, {@link #writeFrom}, {@link #update}) never overlap;
   * with assertions enabled an overlapping writer gets {@link IllegalStateException}, without them the
   * value may be corrupted.
   *
   * @param codec the codec of the value
   * @param initial the initial value, version 0
   * @param <T> the type of the value
   * @return the lock
   * @throws NullPointerException if {@code codec} or {@code initial} is null
   * @throws IllegalArgumentException if the codec cannot encode {@code initial}
   */
  public static <T> SeqLock<T> singleWriter(ByteCodec<T> codec, T initial) {
    return singleWriter(codec, initial, Backoff.defaults());
  }

  /**
   * A sequence lock for one writer thread at a time; see {@link #singleWriter(ByteCodec, Object)}.
   *
   * @param codec the codec of the value
   * @param initial the initial value, version 0
   * @param backoff how readers wait
   * @param <T> the type of the value
   * @return the lock
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the codec cannot encode {@code initial}
   */
  public static <T> SeqLock<T> singleWriter(ByteCodec<T> codec, T initial, Backoff backoff) {
    checkArguments(codec, initial, backoff);
    return new SingleWriterSeqLock<>(codec, initial, backoff);
  }

  /**
   * A latched sequence lock: two copies of the value, so readers never wait for a write in progress.
   * Writers are serialised inside and write both copies, so a write costs about twice as much.
   *
   * @param codec the codec of the value
   * @param initial the initial value, version 0
   * @param <T> the type of the value
   * @return the lock
   * @throws NullPointerException if {@code codec} or {@code initial} is null
   * @throws IllegalArgumentException if the codec cannot encode {@code initial}
   */
  public static <T> SeqLock<T> latched(ByteCodec<T> codec, T initial) {
    return latched(codec, initial, Backoff.defaults());
  }

  /**
   * A latched sequence lock; see {@link #latched(ByteCodec, Object)}.
   *
   * @param codec the codec of the value
   * @param initial the initial value, version 0
   * @param backoff how readers and writers wait
   * @param <T> the type of the value
   * @return the lock
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the codec cannot encode {@code initial}
   */
  public static <T> SeqLock<T> latched(ByteCodec<T> codec, T initial, Backoff backoff) {
    checkArguments(codec, initial, backoff);
    return new LatchedSeqLock<>(codec, initial, backoff);
  }

  private static void checkArguments(ByteCodec<?> codec, Object initial, Backoff backoff) {
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(backoff, "backoff");
  }

  /**
   * Returns the codec of the value.
   *
   * @return the codec
   */
  public final ByteCodec<T> codec() {
    return codec;
  }

  /**
   * Returns a consistent snapshot of the value, never torn. Waits while it must (see the variants).
   *
   * @return the value
   */
  public final T read() {
    MaybeTorn<T> destination = MaybeTorn.allocate(codec);
    readInto(destination);
    return destination.assumeUntorn();
  }

  /**
   * Copies a consistent snapshot of the value into {@code destination} and returns its version.
   * Allocates nothing. {@code destination} may be decoded with {@link MaybeTorn#assumeUntorn()}.
   *
   * @param destination the holder to fill; its size must be the codec's
   * @return the version of the snapshot, even
   * @throws NullPointerException if {@code destination} is null
   * @throws IllegalArgumentException if the holder's size differs from the codec's
   */
  public final long readInto(MaybeTorn<T> destination) {
    checkHolder(destination, "destination");
    return readChecked(destination);
  }

  /** {@link #readInto} after the argument check. */
  private long readChecked(MaybeTorn<T> destination) {
    for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      long version = attempt(destination);
      if (version >= 0) {
        return version;
      }
      backoff.await(attempt);
    }
    state.starving(1);
    try {
      return readStarving(destination);
    } finally {
      state.starving(-1);
    }
  }

  /**
   * Makes one attempt to read a consistent snapshot.
   *
   * @return the value, or {@code null} if a write was in progress or interfered (the latched variant
   *     returns {@code null} only for the latter)
   */
  public final @Nullable T tryRead() {
    MaybeTorn<T> destination = MaybeTorn.allocate(codec);
    return attempt(destination) >= 0 ? destination.assumeUntorn() : null;
  }

  /**
   * For pollers: if the value's version differs from {@code lastSeenVersion}, copies a consistent
   * snapshot into {@code destination} and returns its version; otherwise returns
   * {@code lastSeenVersion} and leaves {@code destination} untouched. Allocates nothing.
   *
   * @param lastSeenVersion the version the caller saw last, or {@link #NOTHING_SEEN} ({@code -1})
   * @param destination the holder to fill; its size must be the codec's
   * @return the version now in {@code destination}: a new one, or {@code lastSeenVersion}
   * @throws NullPointerException if {@code destination} is null
   * @throws IllegalArgumentException if {@code lastSeenVersion} is odd or below {@code -1}, or the
   *     holder's size differs
   */
  public final long readIfNewer(long lastSeenVersion, MaybeTorn<T> destination) {
    checkHolder(destination, "destination");
    if (lastSeenVersion != NOTHING_SEEN && (lastSeenVersion < 0 || (lastSeenVersion & 1) != 0)) {
      throw new IllegalArgumentException(
          "lastSeenVersion must be an even version or -1: " + lastSeenVersion);
    }
    if (version() == lastSeenVersion) {
      return lastSeenVersion;
    }
    return readChecked(destination); // destination already checked above
  }

  /**
   * Writes {@code value}: encodes it, then publishes it as the next version. Allocates nothing.
   *
   * @param value the new value
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if the codec rejects {@code value}; nothing is written then
   * @throws IllegalStateException on a single-writer lock with assertions enabled, if another write is
   *     in progress
   */
  public final void write(T value) {
    Objects.requireNonNull(value, "value");
    beginWrite();
    try {
      staging.set(value); // encode before the sequence goes odd: a throwing codec changes nothing
      publish(staging);
    } finally {
      endWrite();
    }
  }

  /**
   * Publishes the bytes of {@code source} as the next version. Allocates nothing.
   *
   * @param source the holder whose bytes to write; its size must be the codec's
   * @throws NullPointerException if {@code source} is null
   * @throws IllegalArgumentException if the holder's size differs; nothing is written then
   * @throws IllegalStateException on a single-writer lock with assertions enabled, if another write is
   *     in progress
   */
  public final void writeFrom(MaybeTorn<T> source) {
    checkHolder(source, "source");
    beginWrite();
    try {
      publish(source);
    } finally {
      endWrite();
    }
  }

  /**
   * Replaces the value with {@code function} applied to it, atomically with respect to other writers:
   * no update is lost. The function runs with the writer role held and before the write becomes
   * visible, so it must be short and must not write to this lock.
   *
   * @param function computes the new value from the current one; must not return null
   * @return the new value
   * @throws NullPointerException if {@code function} is null or returns null; nothing is written then
   * @throws IllegalStateException if {@code function} writes to this lock, or (single writer, with
   *     {@code -ea}) another write is in progress
   */
  public final T update(UnaryOperator<T> function) {
    Objects.requireNonNull(function, "function");
    beginWrite();
    try {
      T next = Objects.requireNonNull(function.apply(currentValue()), "function result");
      staging.set(next); // encode before the sequence goes odd
      publish(staging);
      return next;
    } finally {
      endWrite();
    }
  }

  /**
   * Returns the version of the value a read would return now: even, and the version before any write
   * in progress.
   *
   * @return the current version
   */
  public final long version() {
    return state.sequenceAcquire() & ~1L;
  }

  /** One optimistic read: the snapshot's version, or -1 if it may be torn. */
  abstract long attempt(MaybeTorn<T> destination);

  /** The read path after {@link #OPTIMISTIC_ATTEMPTS} failures; the reader is announced starving. */
  abstract long readStarving(MaybeTorn<T> destination);

  /** Takes the writer role (lock, or the single-writer check). */
  abstract void beginWrite();

  /** Gives the writer role up. */
  abstract void endWrite();

  /** Publishes {@code source} as the next version; the caller holds the writer role. */
  abstract void publish(MaybeTorn<T> source);

  /** The current value, decoded; the caller holds the writer role, so nothing can tear it. */
  abstract T currentValue();

  /** Optimistic attempts until one succeeds, waiting by the backoff in between. */
  final long readUntilConsistent(MaybeTorn<T> destination) {
    for (int attempt = 0; ; attempt++) {
      long version = attempt(destination);
      if (version >= 0) {
        return version;
      }
      backoff.await(attempt);
    }
  }

  /** The writer role of the locked variants: yield to starving readers, then take the lock. */
  final void takeWriterLock() {
    yieldToStarvingReaders();
    state.lockWriter(backoff);
  }

  /** Pauses, for a bounded time, while a reader is starving; called before taking the writer role. */
  final void yieldToStarvingReaders() {
    if (state.hasStarvingReaders()) {
      long deadline = System.nanoTime() + WRITER_PAUSE_NANOS;
      while (state.hasStarvingReaders() && System.nanoTime() - deadline < 0) {
        Thread.onSpinWait();
      }
    }
  }

  private void checkHolder(MaybeTorn<T> holder, String parameter) {
    Objects.requireNonNull(holder, parameter);
    if (holder.byteSize() != codec.byteSize()) {
      throw new IllegalArgumentException(
          parameter + " holds " + holder.byteSize() + " bytes, the value has " + codec.byteSize());
    }
  }

  /**
   * Describes this lock without reading the value.
   *
   * @return the variant, the codec and the current version
   */
  @Override
  public String toString() {
    return getClass().getSimpleName() + "[codec=" + codec + ", version=" + version() + "]";
  }
}
