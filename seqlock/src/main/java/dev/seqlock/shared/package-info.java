/**
 * Sequence-locked values shared between processes through a memory-mapped file: one writer process,
 * any number of reader processes, and a file that stays readable whatever happens to the writer.
 * {@link dev.seqlock.shared.SharedSeqLockArray} is the reader's view and its
 * {@link dev.seqlock.shared.SharedSeqLockArray.Writer} the writer's.
 */
@NullMarked
package dev.seqlock.shared;

import org.jspecify.annotations.NullMarked;
