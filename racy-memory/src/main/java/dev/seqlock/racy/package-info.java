/**
 * Racy shared memory: {@link dev.seqlock.racy.RacyMemory}, a zeroed, optionally growable block of
 * bytes that threads read and write concurrently with {@link dev.seqlock.racy.RacyOrder#UNORDERED
 * UNORDERED} accesses of any size and alignment and {@link dev.seqlock.racy.RacyOrder#SEQ_CST
 * SEQ_CST} accesses and read-modify-writes of 1, 2, 4 and 8 bytes, with {@code wait} and {@code
 * notify} as ECMAScript's {@code Atomics} and WebAssembly's {@code memory.atomic.wait32/64} and
 * {@code memory.atomic.notify} have them.
 *
 * <p>Multi-byte values are little-endian everywhere in this package.
 */
@NullMarked
package dev.seqlock.racy;

import org.jspecify.annotations.NullMarked;
