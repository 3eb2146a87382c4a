/**
 * Sequence locks: any number of readers take consistent snapshots of a value without writing to
 * shared memory, built on {@link dev.seqlock.atomic.AtomicPerByte} as Rust RFC 3301 describes.
 *
 * <p>{@link dev.seqlock.SeqLock} holds one value; {@link dev.seqlock.Backoff} says how a thread that
 * has to wait does so.
 */
@NullMarked
package dev.seqlock;

import org.jspecify.annotations.NullMarked;
