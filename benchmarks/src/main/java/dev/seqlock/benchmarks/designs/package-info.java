/**
 * The designs the comparison benchmark measures: the library's SeqLock variants, a hand-written
 * seqlock, and the lock-based and copy-on-write designs a user would otherwise pick, each sharing the
 * same value of N longs.
 */
@NullMarked
package dev.seqlock.benchmarks.designs;

import org.jspecify.annotations.NullMarked;
