package dev.seqlock.atomic;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Byte-wise atomic copies between shared memory and private arrays: the two functions of C++ P1478,
 * {@code atomic_load_per_byte_memcpy} and {@code atomic_store_per_byte_memcpy}, with the source first
 * as in {@link System#arraycopy}.
 *
 * <p>Every byte is read or written atomically, so a copy racing with another copy of the same bytes
 * returns or leaves a mixture of whole bytes from each, never invented ones. Unlike
 * {@link AtomicPerByte}, which owns word-aligned storage, these functions work on any range of bytes, so
 * the tearing granularity here is the single byte. The orders mean what they mean for
 * {@link AtomicPerByte}: loads take {@link MemoryOrder#RELAXED} or {@link MemoryOrder#ACQUIRE}, stores
 * {@link MemoryOrder#RELAXED} or {@link MemoryOrder#RELEASE}, and if an acquire load reads any byte a
 * release store wrote, everything that happened before the store happens before everything after the
 * load.
 *
 * <p>The functions allocate nothing. A call rejected by validation (null, bad order, range out of
 * bounds, read-only buffer) copies nothing. The buffer overloads use absolute indices in {@code [0, limit())} and neither
 * use nor change the buffer's position.
 */
public final class AtomicBytes {
  /*
   * Algorithmic notes
   *
   * A copy is one bulk plain copy of bytes (System.arraycopy, or ByteBuffer's absolute bulk get/put),
   * with the fence of its order placed exactly as for word copies: SharedWords.fenceAfterLoad after a
   * load's reads (acquireFence for ACQUIRE, loadLoadFence for RELAXED), SharedWords.fenceBeforeStore
   * before a store's writes (releaseFence for RELEASE, storeStoreFence for RELAXED). SharedWords' notes
   * give the argument and what it rests on (the VarHandle fences read as C++ fences, as HotSpot
   * implements them); it carries over with the byte as the unit of atomicity. For byte[] the JLS
   * guarantees that unit: a byte element is a variable of its own (17.6, no word tearing: a write
   * never rewrites a neighbour) and a racy read returns some write to it (17.4.5). Buffer memory is
   * outside the Java memory model; HotSpot's copyMemory moves whole bytes (wider units only where
   * aligned). The caveat of SharedWords about concurrent writers applies here too. All checks come
   * before the fence, so a call rejected by validation neither fences nor copies.
   */

  private AtomicBytes() {}

  /**
   * Copies {@code length} bytes from shared memory into a private array, each byte atomically.
   *
   * @param shared the shared array to read
   * @param offset the index in {@code shared} of the first byte read
   * @param destination the private array to fill
   * @param destinationOffset the index in {@code destination} of the first byte written
   * @param length the number of bytes
   * @param order {@link MemoryOrder#RELAXED} or {@link MemoryOrder#ACQUIRE}
   * @throws NullPointerException if an array or {@code order} is null
   * @throws IllegalArgumentException if {@code order} is not allowed for a load
   * @throws IndexOutOfBoundsException if either range is out of bounds
   */
  public static void load(
      byte[] shared,
      int offset,
      byte[] destination,
      int destinationOffset,
      int length,
      MemoryOrder order) {
    Objects.requireNonNull(shared, "shared");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(order, "order").checkLoad("load");
    Objects.checkFromIndexSize(offset, length, shared.length);
    Objects.checkFromIndexSize(destinationOffset, length, destination.length);
    System.arraycopy(shared, offset, destination, destinationOffset, length); // plain, byte-atomic
    SharedWords.fenceAfterLoad(order);
  }

  /**
   * Copies {@code length} bytes from shared memory in a buffer into a private array, each byte
   * atomically. The buffer may be read-only.
   *
   * @param shared the shared buffer to read
   * @param offset the absolute index in {@code shared} of the first byte read
   * @param destination the private array to fill
   * @param destinationOffset the index in {@code destination} of the first byte written
   * @param length the number of bytes
   * @param order {@link MemoryOrder#RELAXED} or {@link MemoryOrder#ACQUIRE}
   * @throws NullPointerException if the buffer, the array or {@code order} is null
   * @throws IllegalArgumentException if {@code order} is not allowed for a load
   * @throws IndexOutOfBoundsException if either range is out of bounds
   */
  public static void load(
      ByteBuffer shared,
      int offset,
      byte[] destination,
      int destinationOffset,
      int length,
      MemoryOrder order) {
    Objects.requireNonNull(shared, "shared");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(order, "order").checkLoad("load");
    Objects.checkFromIndexSize(offset, length, shared.limit());
    Objects.checkFromIndexSize(destinationOffset, length, destination.length);
    shared.get(offset, destination, destinationOffset, length); // plain, byte-atomic
    SharedWords.fenceAfterLoad(order);
  }

  /**
   * Copies {@code length} bytes from a private array into shared memory, each byte atomically.
   *
   * @param source the private array to read
   * @param sourceOffset the index in {@code source} of the first byte read
   * @param shared the shared array to write
   * @param offset the index in {@code shared} of the first byte written
   * @param length the number of bytes
   * @param order {@link MemoryOrder#RELAXED} or {@link MemoryOrder#RELEASE}
   * @throws NullPointerException if an array or {@code order} is null
   * @throws IllegalArgumentException if {@code order} is not allowed for a store
   * @throws IndexOutOfBoundsException if either range is out of bounds
   */
  public static void store(
      byte[] source, int sourceOffset, byte[] shared, int offset, int length, MemoryOrder order) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(shared, "shared");
    Objects.requireNonNull(order, "order").checkStore("store");
    Objects.checkFromIndexSize(sourceOffset, length, source.length);
    Objects.checkFromIndexSize(offset, length, shared.length);
    SharedWords.fenceBeforeStore(order);
    System.arraycopy(source, sourceOffset, shared, offset, length); // plain, byte-atomic
  }

  /**
   * Copies {@code length} bytes from a private array into shared memory in a buffer, each byte
   * atomically.
   *
   * @param source the private array to read
   * @param sourceOffset the index in {@code source} of the first byte read
   * @param shared the shared buffer to write
   * @param offset the absolute index in {@code shared} of the first byte written
   * @param length the number of bytes
   * @param order {@link MemoryOrder#RELAXED} or {@link MemoryOrder#RELEASE}
   * @throws NullPointerException if the array, the buffer or {@code order} is null
   * @throws IllegalArgumentException if {@code order} is not allowed for a store, or the buffer is
   *     read-only
   * @throws IndexOutOfBoundsException if either range is out of bounds
   */
  public static void store(
      byte[] source, int sourceOffset, ByteBuffer shared, int offset, int length, MemoryOrder order) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(shared, "shared");
    Objects.requireNonNull(order, "order").checkStore("store");
    if (shared.isReadOnly()) {
      throw new IllegalArgumentException("shared buffer is read-only");
    }
    Objects.checkFromIndexSize(sourceOffset, length, source.length);
    Objects.checkFromIndexSize(offset, length, shared.limit());
    SharedWords.fenceBeforeStore(order);
    shared.put(offset, source, sourceOffset, length); // plain, byte-atomic
  }
}
