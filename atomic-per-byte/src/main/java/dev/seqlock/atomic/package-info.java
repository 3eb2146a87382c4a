/**
 * Tearable per-byte atomics.
 *
 * <p>A value of type {@code T} is described by a {@link dev.seqlock.atomic.ByteCodec} as a fixed number
 * of bytes. {@link dev.seqlock.atomic.AtomicPerByte} holds those bytes in shared memory and copies them
 * in and out with {@link dev.seqlock.atomic.MemoryOrder#RELAXED RELAXED},
 * {@link dev.seqlock.atomic.MemoryOrder#ACQUIRE ACQUIRE} or {@link dev.seqlock.atomic.MemoryOrder#RELEASE
 * RELEASE} ordering. Every byte is copied atomically, but a load racing a store may return a mixture of
 * old and new bytes, so a load returns a {@link dev.seqlock.atomic.MaybeTorn} that is only decoded once
 * the caller knows, for example from a sequence lock, that no race tore it.
 *
 * <p>Byte order everywhere in this package is little-endian.
 */
@NullMarked
package dev.seqlock.atomic;

import org.jspecify.annotations.NullMarked;
