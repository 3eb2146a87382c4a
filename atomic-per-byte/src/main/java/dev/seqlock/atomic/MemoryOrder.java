package dev.seqlock.atomic;

/**
 * The ordering constraint of an atomic access, with the names of C++11 and Rust and their meaning
 * expressed in the JDK 9 access modes of {@link java.lang.invoke.VarHandle}.
 *
 * <p>Loads of this package ({@link AtomicPerByte#load}, {@link AtomicPerByte#loadInto},
 * {@link AtomicBytes#load}) accept {@link #RELAXED} and {@link #ACQUIRE}; stores accept {@link #RELAXED}
 * and {@link #RELEASE}. Any other order is rejected with an {@link IllegalArgumentException}, as Rust's
 * {@code AtomicPerByte} panics: a byte-wise copy is many accesses, and no single fence placement gives
 * it the total order that {@link #SEQ_CST} promises or the read-and-write atomicity that {@link #ACQ_REL}
 * describes.
 *
 * <p>How a whole-value copy of this package realises each order is described in
 * {@link AtomicPerByte}'s class documentation: every byte (and, on 64-bit JVMs, every aligned 8-byte
 * word) is copied atomically, and the order is provided by one fence per copy. The Java memory model
 * itself has no fences; like {@link java.util.concurrent.locks.StampedLock}'s optimistic reads, these
 * orderings rest on the {@link java.lang.invoke.VarHandle} fences' specification as C/C++-compatible
 * fences and on HotSpot implementing them as barriers for all memory accesses.
 */
public enum MemoryOrder {
  /**
   * No ordering with other accesses; each byte is still read or written atomically, per byte coherent,
   * and a store becomes visible to other threads eventually. The per-word counterpart of
   * {@link java.lang.invoke.VarHandle#getOpaque Opaque} mode (C++ {@code memory_order_relaxed}). A
   * copy implements it as plain word accesses followed (for loads) by
   * {@link java.lang.invoke.VarHandle#loadLoadFence()} or preceded (for stores) by
   * {@link java.lang.invoke.VarHandle#storeStoreFence()}, which on HotSpot is at least as strong.
   */
  RELAXED,

  /**
   * For loads: no read or write that follows the load in program order may be performed before the
   * load's reads. The counterpart of {@link java.lang.invoke.VarHandle#getAcquire Acquire} mode; a copy
   * implements it as plain word reads followed by {@link java.lang.invoke.VarHandle#acquireFence()}.
   * Paired with a {@link #RELEASE} store: if an acquire load reads any byte that a release store wrote,
   * everything that happened before that store happens before everything after the load.
   */
  ACQUIRE,

  /**
   * For stores: no read or write that precedes the store in program order may be performed after the
   * store's writes. The counterpart of {@link java.lang.invoke.VarHandle#setRelease Release} mode; a
   * copy implements it as {@link java.lang.invoke.VarHandle#releaseFence()} followed by plain word
   * writes.
   */
  RELEASE,

  /**
   * Both {@link #ACQUIRE} and {@link #RELEASE}: the order of read-modify-write operations such as
   * {@link java.lang.invoke.VarHandle#getAndAddAcquire}/{@code getAndAddRelease} combined, or a
   * {@link java.lang.invoke.VarHandle#fullFence()} between a read and a write. A byte-wise load or store
   * is not a read-modify-write, so this package rejects it.
   */
  ACQ_REL,

  /**
   * Sequentially consistent: {@link java.lang.invoke.VarHandle#getVolatile Volatile} mode, all such
   * accesses in one total order. Not available for byte-wise copies, which are many accesses; rejected
   * by this package.
   */
  SEQ_CST;

  /**
   * Returns this order if it is allowed for a load, or throws.
   *
   * @param operation the operation's name, for the message
   * @return this order
   * @throws IllegalArgumentException if this order is neither {@link #RELAXED} nor {@link #ACQUIRE}
   */
  MemoryOrder checkLoad(String operation) {
    if (this != RELAXED && this != ACQUIRE) {
      throw new IllegalArgumentException(
          operation + ": order " + this + " is not allowed for a load; use RELAXED or ACQUIRE");
    }
    return this;
  }

  /**
   * Returns this order if it is allowed for a store, or throws.
   *
   * @param operation the operation's name, for the message
   * @return this order
   * @throws IllegalArgumentException if this order is neither {@link #RELAXED} nor {@link #RELEASE}
   */
  MemoryOrder checkStore(String operation) {
    if (this != RELAXED && this != RELEASE) {
      throw new IllegalArgumentException(
          operation + ": order " + this + " is not allowed for a store; use RELAXED or RELEASE");
    }
    return this;
  }
}
