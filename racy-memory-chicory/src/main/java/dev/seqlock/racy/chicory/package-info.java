/**
 * A {@link dev.seqlock.racy.RacyMemory} as the shared memory of the Chicory WebAssembly runtime:
 * {@link dev.seqlock.racy.chicory.ChicoryMemory}.
 */
@NullMarked
package dev.seqlock.racy.chicory;

import org.jspecify.annotations.NullMarked;
