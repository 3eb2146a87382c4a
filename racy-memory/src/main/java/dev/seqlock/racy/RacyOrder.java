package dev.seqlock.racy;

/**
 * The ordering of a {@link RacyMemory} load or store: ECMAScript's and WebAssembly's two orderings of
 * shared-memory events.
 */
public enum RacyOrder {
  /**
   * An ordinary access ({@code Unordered} in ECMAScript; a plain {@code i32.load} in WebAssembly): no
   * ordering with other threads' accesses, any alignment. An aligned access of 1, 2, 4 or 8 bytes
   * never tears; a misaligned one racing a store may return bytes of both, each byte one that was
   * stored, never an invented one.
   */
  UNORDERED,

  /**
   * A sequentially consistent access ({@code SeqCst}; {@code Atomics.load}/{@code store}, {@code
   * i32.atomic.load}/{@code store}): all SEQ_CST accesses and read-modify-writes of a memory, of every
   * size, take place in one total order that every thread agrees on. Must be aligned to its size.
   */
  SEQ_CST
}
