/** Tests of the tearable per-byte atomics. */
@NullMarked
package dev.seqlock.atomic;

import org.jspecify.annotations.NullMarked;
