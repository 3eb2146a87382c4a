package dev.seqlock.racy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A block of shared memory with the memory model of ECMAScript's {@code SharedArrayBuffer} and of
 * WebAssembly's shared memories: what a JavaScript or WebAssembly engine on the JVM needs for {@code
 * SharedArrayBuffer}, {@code Atomics} and {@code (memory … shared)}.
 *
 * <ul>
 *   <li>Loads and stores of 1, 2, 4 and 8 bytes at any byte offset, {@link RacyOrder#UNORDERED
 *       UNORDERED} (any alignment) or {@link RacyOrder#SEQ_CST SEQ_CST} (aligned to their size).
 *       Aligned accesses never tear; misaligned UNORDERED ones racing a store may mix bytes of
 *       both, but never invent one.
 *   <li>Read-modify-writes of 1, 2, 4 and 8 bytes, all SEQ_CST, returning the old value: add, sub,
 *       and, or, xor, exchange and compare-exchange. SEQ_CST accesses of every size are sequentially
 *       consistent with each other, also when they overlap (an 8-bit one inside a 64-bit one).
 *   <li>Bulk UNORDERED copies and fills; {@link #wait32}, {@link #wait64} and {@link #notify}.
 * </ul>
 *
 * <p>Multi-byte values are little-endian, as in WebAssembly and in every JavaScript engine on the
 * hardware the JDK runs on. A memory is zeroed when allocated and when it grows; it can be growable up
 * to a maximum fixed at allocation ({@link #allocate(long, long)}), as WebAssembly's {@code
 * memory.grow} and a growable {@code SharedArrayBuffer}, and never shrinks. Offsets and lengths are
 * {@code long}: sizes up to {@link #MAX_BYTE_LENGTH}, as the heap allows (a 32-bit WebAssembly
 * memory's 4 GiB included).
 *
 * <p>The bytes are off-heap, in direct buffers: they count against {@code -XX:MaxDirectMemorySize}
 * (by default the maximum heap size) and are freed when the memory is unreachable and collected.
 *
 * <p>Errors change nothing: an access outside {@code [0, byteLength())} throws {@link
 * IndexOutOfBoundsException}, a SEQ_CST access or wait not aligned to its size throws {@link
 * UnalignedAtomicException} (WebAssembly's "unaligned atomic" trap; JavaScript's typed arrays never
 * ask for one). Accesses allocate nothing.
 */
public final class RacyMemory {
  /*
   * Algorithmic notes
   *
   * Storage. The bytes are in direct ByteBuffers, segments of 2^shift bytes (the last one of a
   * fixed-size memory may be shorter, rounded up to 8), offset o at segments[o >>> shift], index
   * o & mask, each segment sliced to an 8-byte aligned address (alignedSlice), so an offset aligned
   * to a size is an address aligned to it. Direct buffers, not heap arrays: since JDK 22 the
   * byte-array view VarHandles offer only plain get and set (JDK-8318966), while the byte-buffer
   * views of direct buffers keep every access mode on every JDK from 17 on. Segments never move and
   * never change size: a growing memory fills in more of its segment table, so no access ever
   * writes into memory another thread has stopped reading. A fixed-size memory of at most 2^30 bytes
   * is one segment. The memory is off-heap: it counts against -XX:MaxDirectMemorySize and is freed
   * when the memory becomes unreachable and is collected.
   *
   * Accesses. What the specifications promise: 2-, 4- and 8-byte accesses go through
   * MethodHandles.byteBufferViewVarHandle(short[]/int[]/long[], little-endian); UNORDERED is its plain
   * mode (get, set), SEQ_CST its volatile mode (getVolatile, setVolatile), and read-modify-writes its
   * atomic update modes (getAndAdd, getAndBitwise*, getAndSet, compareAndExchange of int and long),
   * which have volatile semantics: all of them, on one variable, are in one total order consistent
   * with program order (the VarHandle javadoc; JLS 17.4.4). The view's javadoc promises atomicity for
   * aligned accesses of every mode, plain ones included, except plain long access on 32-bit
   * platforms (which this library does not support). 1-byte UNORDERED accesses are the buffer's
   * get(int) and put(int, byte), which never disturb their neighbours (JLS 17.6 for the bytes of an
   * array; the same single-byte instructions here). Misaligned plain accesses of 2, 4 or 8 bytes may
   * tear between bytes, never inside one; one that would cross a segment's end is made byte by byte.
   *
   * Sub-word atomics. The views have no atomic update modes for 2 bytes and no view at all for 1
   * byte, so a SEQ_CST load of 1 byte is a volatile load of the aligned 4 bytes that contain it, and a
   * SEQ_CST store or read-modify-write of 1 or 2 bytes is a compare-and-set loop on those 4 bytes:
   * the compare-and-set succeeds only if the 4 bytes still hold what the loop read, so the update is
   * one atomic step of the 4 bytes that leaves the other bytes as they were, ordered as a SEQ_CST
   * read-modify-write of the 4 bytes. A compare-exchange that fails is a SEQ_CST read of them.
   *
   * Mixed sizes: what rests on HotSpot and the hardware. SEQ_CST accesses of different sizes that
   * overlap (a 1-byte one inside a 4-byte word, a 4-byte one inside an 8-byte one) are accesses of
   * different VarHandle variables, about which the JLS and the VarHandle javadoc say nothing.
   * ECMAScript itself orders SeqCst events only on equal ranges (ES2024 29.7, "on equal ranges");
   * WebAssembly adopts that model. This class promises more, as JavaScript engines do in practice:
   * all its SEQ_CST accesses, of every size, are sequentially consistent with each other. That rests
   * on two implementation facts: HotSpot's C2 compiles a volatile access or an atomic update of a
   * direct buffer's 2, 4 or 8 bytes to one naturally aligned access of that size (x86: mov plus a
   * trailing locked instruction or xchg, lock xadd/cmpxchg; AArch64: ldar/stlr and ldaxr/stlxr loops
   * or LSE casal/ldaddal; the interpreter and C1 reach the same Unsafe intrinsics); and x86-64 and
   * AArch64 make naturally aligned accesses of up to 8 bytes single-copy atomic and order locked or
   * acquire/release accesses of one address range consistently whatever the sizes (Arm ARM B2.2,
   * B2.3). Intel's SDM (vol. 3A 9.1.2.2) advises against mixing operand sizes on one semaphore; the
   * jcstress suites of this module check the mixed-size claims on the machine they run on, which is
   * the only evidence there is. The same two facts cover one address reached through two buffers:
   * a fixed memory's SEQ_CST loads and stores go through its exact slice (Length, below) and its
   * read-modify-writes, sub-word accesses and waits through the segment it slices, at the same
   * aligned addresses (the slice starts where the segment does), so they are the same instructions
   * on the same bytes; RacyMemoryLitmus' store buffering mixes the two.
   *
   * Length. byteLength only grows, under growLock; grow stores the new segments and then the new
   * length with Release, and every access reads the length with Acquire before reading the segment
   * table: an access that sees the new length sees the new segments (and their zeros, written
   * before they were published). Acquire is a plain load on x86 and one ldar on AArch64. A memory
   * that never grows and is one segment (up to 2^30 bytes) skips both: its segment and length are
   * final fields (`single`, `fixedLength`), frozen when the constructor ends (JLS 17.5). `exact`
   * is that segment sliced to exactly the length: an UNORDERED access below 2^30 goes straight to
   * it, the buffer's or VarHandle's own index check being the bounds check (it throws before
   * touching memory), and an access it refuses falls back to the checked path, which throws this
   * class's exception. That saves a second bounds check on the accesses an engine makes most. A
   * SEQ_CST access of 2, 4 or 8 bytes takes it too, in the same mode as the checked path, but only
   * when aligned: a misaligned one goes to the checked path, which traps on the alignment before
   * the bounds, as WebAssembly orders its traps. A SEQ_CST byte keeps the checked path: it reads the
   * 4 bytes around it, which may pass the length.
   *
   * Waiting. As ECMAScript's WaiterList: one lock (waitLock) is the critical section of every
   * location's list of waiters. wait reads the value (SeqCst) and enqueues itself under the lock, so
   * a notify that follows a store in program order either finds the waiter enqueued or comes first,
   * in which case the waiter's read, after the notifier released the lock, sees the store: no
   * wake-up is lost. notify dequeues in FIFO order and signals each waiter's own condition; a waiter
   * returns OK only once dequeued by a notify (no spurious wake-ups), TIMED_OUT after removing
   * itself, and a waiter that leaves by an exception removes itself too. ReentrantLock and its
   * conditions park with LockSupport, so virtual threads unmount. The lists are found by offset with
   * one probe key that wait and notify, holding the lock, point at their offset, so notify allocates
   * nothing; a wait allocates its waiter, and the key of a list it starts.
   */

  /** The largest memory: 2^40 bytes (1 TiB), as far as the heap allows. */
  public static final long MAX_BYTE_LENGTH = 1L << 40;

  private static final VarHandle SHORT =
      MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle BYTE_LENGTH;

  static {
    try {
      BYTE_LENGTH =
          MethodHandles.lookup().findVarHandle(RacyMemory.class, "byteLength", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The largest segment: 2^30 bytes. */
  private static final int MAX_SHIFT = 30;

  /** The smallest segment of a growable memory: 64 KiB, a WebAssembly page. */
  private static final int MIN_GROWABLE_SHIFT = 16;

  /** A growable memory has at most about this many segments (2^10). */
  private static final int GROWABLE_SEGMENTS_LOG = 10;

  /** The segments; entries past the current length are null (the notes, Storage and Length). */
  private final ByteBuffer[] segments;

  private final int shift;
  private final long mask;
  private final long maxByteLength;

  /** Whether the memory may grow: then every segment is allocated whole. */
  private final boolean growable;

  /** The only segment of a memory that never grows and has one, else null (the notes, Length). */
  private final @Nullable ByteBuffer single;

  /** With {@link #single}, the byte length; else 0. */
  private final long fixedLength;

  /**
   * With {@link #single}, that segment limited to exactly the byte length, else null: UNORDERED
   * accesses, and aligned SEQ_CST ones of 2 to 8 bytes, leave their bounds check to it (the notes,
   * Length).
   */
  private final @Nullable ByteBuffer exact;

  /** Read with Acquire, stored with Release under growLock (the notes, Length). */
  private long byteLength;

  private final ReentrantLock growLock = new ReentrantLock();

  /** The critical section of every waiter list (the notes, Waiting). */
  private final ReentrantLock waitLock = new ReentrantLock();

  /** The waiters of each offset, oldest first; guarded by waitLock. */
  private final Map<Offset, ArrayDeque<Waiter>> waiters = new HashMap<>();

  /** The key that looks a list up, pointed at the offset sought; guarded by waitLock. */
  private final Offset probe = new Offset();

  private RacyMemory(long byteLength, long maxByteLength, int shift) {
    this.growable = byteLength != maxByteLength;
    this.shift = shift;
    this.mask = (1L << shift) - 1;
    this.maxByteLength = maxByteLength;
    this.segments = new ByteBuffer[(int) ((maxByteLength + mask) >>> shift)];
    this.byteLength = 0;
    allocateSegments(0, byteLength);
    BYTE_LENGTH.setRelease(this, byteLength);
    this.single = !growable && segments.length == 1 ? segments[0] : null;
    this.fixedLength = single != null ? byteLength : 0;
    this.exact = single != null ? single.slice(0, (int) byteLength) : null;
  }

  // ---- creating ----

  /**
   * A zeroed memory of {@code byteLength} bytes that never grows.
   *
   * @param byteLength its size in bytes
   * @return the memory
   * @throws IllegalArgumentException if {@code byteLength} is negative or over {@link
   *     #MAX_BYTE_LENGTH}
   */
  public static RacyMemory allocate(long byteLength) {
    checkLength("byteLength", byteLength);
    return new RacyMemory(byteLength, byteLength, MAX_SHIFT);
  }

  /**
   * A zeroed memory of {@code byteLength} bytes that {@link #grow} can grow up to {@code
   * maxByteLength}: WebAssembly's shared memory with a maximum, or a growable {@code
   * SharedArrayBuffer}.
   *
   * @param byteLength its size in bytes now
   * @param maxByteLength the size it may grow to
   * @return the memory
   * @throws IllegalArgumentException if either is negative or over {@link #MAX_BYTE_LENGTH}, or
   *     {@code byteLength} is over {@code maxByteLength}
   */
  public static RacyMemory allocate(long byteLength, long maxByteLength) {
    checkLength("byteLength", byteLength);
    checkLength("maxByteLength", maxByteLength);
    if (byteLength > maxByteLength) {
      throw new IllegalArgumentException("byteLength must be at most maxByteLength ("
          + maxByteLength + "): " + byteLength);
    }
    if (byteLength == maxByteLength) {
      return allocate(byteLength);
    }
    // about 2^GROWABLE_SEGMENTS_LOG segments: a growth allocates at most one more than it needs
    int log = 64 - Long.numberOfLeadingZeros(Math.max(maxByteLength - 1, 1));
    int shift = Math.max(MIN_GROWABLE_SHIFT, Math.min(MAX_SHIFT, log - GROWABLE_SEGMENTS_LOG));
    return new RacyMemory(byteLength, maxByteLength, shift);
  }

  /**
   * A memory that never grows holding a copy of {@code initial}.
   *
   * @param initial the bytes
   * @return the memory
   * @throws NullPointerException if {@code initial} is null
   */
  public static RacyMemory copyOf(byte[] initial) {
    RacyMemory memory = allocate(initial.length);
    memory.copyFrom(initial, 0, 0, initial.length);
    return memory;
  }

  private static void checkLength(String name, long length) {
    if (length < 0 || length > MAX_BYTE_LENGTH) {
      throw new IllegalArgumentException(
          name + " must be in [0, " + MAX_BYTE_LENGTH + "]: " + length);
    }
  }

  /** Allocates the segments that hold bytes {@code [from, to)} and are not allocated yet. */
  private void allocateSegments(long from, long to) {
    if (to == from) {
      return;
    }
    for (long segment = from >>> shift; segment <= (to - 1) >>> shift; segment++) {
      if (segments[(int) segment] != null) {
        continue; // the segment holding byteLength's last bytes, allocated whole
      }
      long start = segment << shift;
      long size = growable ? 1L << shift : Math.min(1L << shift, roundUp8(to - start));
      // zeroed, 8-byte aligned; published by the Release store of byteLength that follows
      segments[(int) segment] =
          ByteBuffer.allocateDirect((int) size + Long.BYTES).alignedSlice(Long.BYTES);
    }
  }

  private long byteLengthPlain() {
    return byteLength;
  }

  private static long roundUp8(long bytes) {
    return (bytes + 7) & ~7L;
  }

  // ---- size ----

  /**
   * The size in bytes now.
   *
   * @return the byte length
   */
  public long byteLength() {
    return (long) BYTE_LENGTH.getAcquire(this);
  }

  /**
   * The size this memory may grow to: {@link #byteLength()} for one that never grows.
   *
   * @return the maximum byte length
   */
  public long maxByteLength() {
    return maxByteLength;
  }

  /**
   * Grows the memory to {@code newByteLength} bytes, the new bytes zero. Concurrent accesses of the
   * existing bytes are unaffected; a thread sees the new length once something orders it after this
   * call (or, racing, a little later).
   *
   * @param newByteLength the size wanted
   * @return true if the memory now has that size (also when it already had it), false if {@code
   *     newByteLength} is below the current size (memory never shrinks) or over {@link
   *     #maxByteLength()}; nothing changes then
   * @throws IllegalArgumentException if {@code newByteLength} is negative
   */
  public boolean grow(long newByteLength) {
    if (newByteLength < 0) {
      throw new IllegalArgumentException("newByteLength must not be negative: " + newByteLength);
    }
    growLock.lock();
    try {
      long current = byteLengthPlain();
      if (newByteLength < current || newByteLength > maxByteLength) {
        return false;
      }
      allocateSegments(current, newByteLength);
      BYTE_LENGTH.setRelease(this, newByteLength); // Release: the segments first (the notes)
      return true;
    } finally {
      growLock.unlock();
    }
  }

  /**
   * A copy of every byte, each read UNORDERED.
   *
   * @return the bytes
   * @throws IllegalStateException if the memory is larger than a {@code byte[]} can be
   */
  public byte[] toByteArray() {
    long length = byteLength();
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          "a memory of " + length + " bytes is larger than a byte[] can be");
    }
    byte[] copy = new byte[(int) length];
    copyTo(0, copy, 0, copy.length);
    return copy;
  }

  // ---- checks ----

  /** Throws unless {@code [offset, offset + size)} lies in the memory; returns its segment. */
  private ByteBuffer segment(long offset, int size) {
    ByteBuffer only = single;
    if (only != null) { // final fields: no Acquire, no table (the notes, Length)
      if (offset < 0 || offset > fixedLength - size) {
        throw outOfBounds(offset, size, fixedLength);
      }
      return only;
    }
    long length = (long) BYTE_LENGTH.getAcquire(this); // Acquire: then the segments (the notes)
    if (offset < 0 || offset > length - size) {
      throw outOfBounds(offset, size, length);
    }
    return segments[(int) (offset >>> shift)];
  }

  /** {@link #segment} for a SEQ_CST access: also throws unless aligned to {@code size}. */
  private ByteBuffer atomicSegment(long offset, int size) {
    if ((offset & (size - 1)) != 0) {
      throw new UnalignedAtomicException(offset, size);
    }
    return segment(offset, size);
  }

  private static IndexOutOfBoundsException outOfBounds(long offset, long size, long length) {
    return new IndexOutOfBoundsException("offset must be in [0, byteLength - " + size + "] = [0, "
        + (length - size) + "] for a " + size + "-byte access: " + offset);
  }

  private int index(long offset) {
    return (int) (offset & mask);
  }

  /** Whether {@code size} bytes at {@code offset} cross a segment's end (misaligned only). */
  private boolean crossesSegment(long offset, int size) {
    return (offset & mask) > mask + 1 - size;
  }

  // ---- loads and stores ----

  /**
   * Loads the byte at {@code offset}.
   *
   * @param offset where
   * @param order how
   * @return the byte
   * @throws IndexOutOfBoundsException if {@code offset} is outside the memory
   * @throws NullPointerException if {@code order} is null
   */
  public byte load8(long offset, RacyOrder order) {
    ByteBuffer fast = exact;
    if (fast != null && order == RacyOrder.UNORDERED && (offset >>> 30) == 0) {
      try {
        return fast.get((int) offset); // bounds checked by the buffer (the notes, Length)
      } catch (IndexOutOfBoundsException e) {
        // outside: the checked path below throws this class's exception
      }
    }
    Objects.requireNonNull(order, "order");
    ByteBuffer segment = segment(offset, 1);
    int i = index(offset);
    if (order == RacyOrder.SEQ_CST) { // the aligned 4 bytes around it (the notes, Sub-word)
      return (byte) ((int) INT.getVolatile(segment, i & ~3) >>> ((i & 3) * 8));
    }
    return segment.get(i);
  }

  /**
   * Loads the 2 bytes at {@code offset}, little-endian.
   *
   * @param offset where; a multiple of 2 if SEQ_CST
   * @param order how
   * @return the value
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if SEQ_CST and {@code offset} is odd
   * @throws NullPointerException if {@code order} is null
   */
  public short load16(long offset, RacyOrder order) {
    ByteBuffer fast = exact;
    if (fast != null && (offset >>> 30) == 0) {
      try {
        if (order == RacyOrder.UNORDERED) {
          return (short) SHORT.get(fast, (int) offset); // bounds checked by the VarHandle (the notes)
        }
        if (order == RacyOrder.SEQ_CST && (offset & 1) == 0) { // misaligned: traps below
          // SEQ_CST: the mode of the checked path below (the notes, Length)
          return (short) SHORT.getVolatile(fast, (int) offset);
        }
      } catch (IndexOutOfBoundsException e) {
        // outside: the checked path below throws this class's exception
      }
    }
    if (Objects.requireNonNull(order, "order") == RacyOrder.SEQ_CST) {
      return (short) SHORT.getVolatile(atomicSegment(offset, 2), index(offset));
    }
    ByteBuffer segment = segment(offset, 2);
    if (crossesSegment(offset, 2)) {
      return (short) loadBytes(offset, 2);
    }
    return (short) SHORT.get(segment, index(offset));
  }

  /**
   * Loads the 4 bytes at {@code offset}, little-endian.
   *
   * @param offset where; a multiple of 4 if SEQ_CST
   * @param order how
   * @return the value
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if SEQ_CST and {@code offset} is not a multiple of 4
   * @throws NullPointerException if {@code order} is null
   */
  public int load32(long offset, RacyOrder order) {
    ByteBuffer fast = exact;
    if (fast != null && (offset >>> 30) == 0) {
      try {
        if (order == RacyOrder.UNORDERED) {
          return (int) INT.get(fast, (int) offset); // bounds checked by the VarHandle (the notes)
        }
        if (order == RacyOrder.SEQ_CST && (offset & 3) == 0) { // misaligned: traps below
          // SEQ_CST: the mode of the checked path below (the notes, Length)
          return (int) INT.getVolatile(fast, (int) offset);
        }
      } catch (IndexOutOfBoundsException e) {
        // outside: the checked path below throws this class's exception
      }
    }
    if (Objects.requireNonNull(order, "order") == RacyOrder.SEQ_CST) {
      return (int) INT.getVolatile(atomicSegment(offset, 4), index(offset));
    }
    ByteBuffer segment = segment(offset, 4);
    if (crossesSegment(offset, 4)) {
      return (int) loadBytes(offset, 4);
    }
    return (int) INT.get(segment, index(offset));
  }

  /**
   * Loads the 8 bytes at {@code offset}, little-endian.
   *
   * @param offset where; a multiple of 8 if SEQ_CST
   * @param order how
   * @return the value
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if SEQ_CST and {@code offset} is not a multiple of 8
   * @throws NullPointerException if {@code order} is null
   */
  public long load64(long offset, RacyOrder order) {
    ByteBuffer fast = exact;
    if (fast != null && (offset >>> 30) == 0) {
      try {
        if (order == RacyOrder.UNORDERED) {
          return (long) LONG.get(fast, (int) offset); // bounds checked by the VarHandle (the notes)
        }
        if (order == RacyOrder.SEQ_CST && (offset & 7) == 0) { // misaligned: traps below
          // SEQ_CST: the mode of the checked path below (the notes, Length)
          return (long) LONG.getVolatile(fast, (int) offset);
        }
      } catch (IndexOutOfBoundsException e) {
        // outside: the checked path below throws this class's exception
      }
    }
    if (Objects.requireNonNull(order, "order") == RacyOrder.SEQ_CST) {
      return (long) LONG.getVolatile(atomicSegment(offset, 8), index(offset));
    }
    ByteBuffer segment = segment(offset, 8);
    if (crossesSegment(offset, 8)) {
      return loadBytes(offset, 8);
    }
    return (long) LONG.get(segment, index(offset));
  }

  /**
   * Stores the byte at {@code offset}.
   *
   * @param offset where
   * @param value the byte
   * @param order how
   * @throws IndexOutOfBoundsException if {@code offset} is outside the memory
   * @throws NullPointerException if {@code order} is null
   */
  public void store8(long offset, byte value, RacyOrder order) {
    ByteBuffer fast = exact;
    if (fast != null && order == RacyOrder.UNORDERED && (offset >>> 30) == 0) {
      try {
        fast.put((int) offset, value); // bounds checked by the buffer (the notes, Length)
        return;
      } catch (IndexOutOfBoundsException e) {
        // outside: the checked path below throws this class's exception
      }
    }
    Objects.requireNonNull(order, "order");
    ByteBuffer segment = segment(offset, 1);
    if (order == RacyOrder.SEQ_CST) {
      updateSubword(segment, index(offset), 1, SET, value); // the notes, Sub-word atomics
    } else {
      segment.put(index(offset), value);
    }
  }

  /**
   * Stores 2 bytes at {@code offset}, little-endian.
   *
   * @param offset where; a multiple of 2 if SEQ_CST
   * @param value the value
   * @param order how
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if SEQ_CST and {@code offset} is odd
   * @throws NullPointerException if {@code order} is null
   */
  public void store16(long offset, short value, RacyOrder order) {
    ByteBuffer fast = exact;
    if (fast != null && (offset >>> 30) == 0) {
      try {
        if (order == RacyOrder.UNORDERED) {
          SHORT.set(fast, (int) offset, value); // bounds checked by the VarHandle (the notes)
          return;
        }
        if (order == RacyOrder.SEQ_CST && (offset & 1) == 0) { // misaligned: traps below
          // SEQ_CST: the mode of the checked path below (the notes, Length)
          SHORT.setVolatile(fast, (int) offset, value);
          return;
        }
      } catch (IndexOutOfBoundsException e) {
        // outside: the checked path below throws this class's exception
      }
    }
    if (Objects.requireNonNull(order, "order") == RacyOrder.SEQ_CST) {
      SHORT.setVolatile(atomicSegment(offset, 2), index(offset), value);
      return;
    }
    ByteBuffer segment = segment(offset, 2);
    if (crossesSegment(offset, 2)) {
      storeBytes(offset, value, 2);
    } else {
      SHORT.set(segment, index(offset), value);
    }
  }

  /**
   * Stores 4 bytes at {@code offset}, little-endian.
   *
   * @param offset where; a multiple of 4 if SEQ_CST
   * @param value the value
   * @param order how
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if SEQ_CST and {@code offset} is not a multiple of 4
   * @throws NullPointerException if {@code order} is null
   */
  public void store32(long offset, int value, RacyOrder order) {
    ByteBuffer fast = exact;
    if (fast != null && (offset >>> 30) == 0) {
      try {
        if (order == RacyOrder.UNORDERED) {
          INT.set(fast, (int) offset, value); // bounds checked by the VarHandle (the notes)
          return;
        }
        if (order == RacyOrder.SEQ_CST && (offset & 3) == 0) { // misaligned: traps below
          // SEQ_CST: the mode of the checked path below (the notes, Length)
          INT.setVolatile(fast, (int) offset, value);
          return;
        }
      } catch (IndexOutOfBoundsException e) {
        // outside: the checked path below throws this class's exception
      }
    }
    if (Objects.requireNonNull(order, "order") == RacyOrder.SEQ_CST) {
      INT.setVolatile(atomicSegment(offset, 4), index(offset), value);
      return;
    }
    ByteBuffer segment = segment(offset, 4);
    if (crossesSegment(offset, 4)) {
      storeBytes(offset, value, 4);
    } else {
      INT.set(segment, index(offset), value);
    }
  }

  /**
   * Stores 8 bytes at {@code offset}, little-endian.
   *
   * @param offset where; a multiple of 8 if SEQ_CST
   * @param value the value
   * @param order how
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if SEQ_CST and {@code offset} is not a multiple of 8
   * @throws NullPointerException if {@code order} is null
   */
  public void store64(long offset, long value, RacyOrder order) {
    ByteBuffer fast = exact;
    if (fast != null && (offset >>> 30) == 0) {
      try {
        if (order == RacyOrder.UNORDERED) {
          LONG.set(fast, (int) offset, value); // bounds checked by the VarHandle (the notes)
          return;
        }
        if (order == RacyOrder.SEQ_CST && (offset & 7) == 0) { // misaligned: traps below
          // SEQ_CST: the mode of the checked path below (the notes, Length)
          LONG.setVolatile(fast, (int) offset, value);
          return;
        }
      } catch (IndexOutOfBoundsException e) {
        // outside: the checked path below throws this class's exception
      }
    }
    if (Objects.requireNonNull(order, "order") == RacyOrder.SEQ_CST) {
      LONG.setVolatile(atomicSegment(offset, 8), index(offset), value);
      return;
    }
    ByteBuffer segment = segment(offset, 8);
    if (crossesSegment(offset, 8)) {
      storeBytes(offset, value, 8);
    } else {
      LONG.set(segment, index(offset), value);
    }
  }

  /** A misaligned UNORDERED load across a segment's end, byte by byte (checked by the caller). */
  private long loadBytes(long offset, int size) {
    long value = 0;
    for (int k = 0; k < size; k++) {
      long at = offset + k;
      value |= (segments[(int) (at >>> shift)].get(index(at)) & 0xFFL) << (8 * k);
    }
    return value;
  }

  /** A misaligned UNORDERED store across a segment's end, byte by byte (checked by the caller). */
  private void storeBytes(long offset, long value, int size) {
    for (int k = 0; k < size; k++) {
      long at = offset + k;
      segments[(int) (at >>> shift)].put(index(at), (byte) (value >>> (8 * k)));
    }
  }

  // ---- read-modify-writes, all SEQ_CST ----

  /** The operations of the 1- and 2-byte read-modify-writes (the notes, Sub-word atomics). */
  private static final int ADD = 0;
  private static final int AND = 1;
  private static final int OR = 2;
  private static final int XOR = 3;
  private static final int SET = 4;

  /**
   * A 1- or 2-byte read-modify-write at index {@code i} of {@code segment} (aligned to {@code size}):
   * a compare-and-set loop on the aligned 4 bytes around it; returns the old bits, zero-extended.
   */
  private static int updateSubword(ByteBuffer segment, int i, int size, int op, int operand) {
    int word = i & ~3;
    int bit = (i & 3) * 8; // little-endian: the part's place in its word
    int lane = size == 1 ? 0xFF : 0xFFFF;
    while (true) {
      int old = (int) INT.getVolatile(segment, word);
      int current = (old >>> bit) & lane;
      int next = switch (op) {
        case ADD -> current + operand;
        case AND -> current & operand;
        case OR -> current | operand;
        case XOR -> current ^ operand;
        default -> operand;
      };
      int replaced = (old & ~(lane << bit)) | ((next & lane) << bit);
      if (INT.compareAndSet(segment, word, old, replaced)) {
        return current;
      }
    }
  }

  /**
   * A 1- or 2-byte compare-exchange at index {@code i} of {@code segment}, as {@link
   * #updateSubword}; returns the bits found, zero-extended.
   */
  private static int exchangeSubword(
      ByteBuffer segment, int i, int size, int expected, int replacement) {
    int word = i & ~3;
    int bit = (i & 3) * 8;
    int lane = size == 1 ? 0xFF : 0xFFFF;
    while (true) {
      int old = (int) INT.getVolatile(segment, word);
      int current = (old >>> bit) & lane;
      if (current != (expected & lane)) {
        return current; // a SEQ_CST read of the bytes: the failed exchange's only event
      }
      int replaced = (old & ~(lane << bit)) | ((replacement & lane) << bit);
      if (INT.compareAndSet(segment, word, old, replaced)) {
        return current;
      }
    }
  }

  private short update16(long offset, int op, short operand) {
    return (short) updateSubword(atomicSegment(offset, 2), index(offset), 2, op, operand);
  }

  /**
   * Adds {@code delta} to the byte at {@code offset} (wrapping), atomically; returns the old byte.
   *
   * @param offset where
   * @param delta what to add
   * @return the byte before
   * @throws IndexOutOfBoundsException if {@code offset} is outside the memory
   */
  public byte getAndAdd8(long offset, byte delta) {
    return (byte) updateSubword(atomicSegment(offset, 1), index(offset), 1, ADD, delta);
  }

  /**
   * Adds {@code delta} to the 2 bytes at {@code offset} (wrapping), atomically; returns the old
   * value.
   *
   * @param offset where, a multiple of 2
   * @param delta what to add
   * @return the value before
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is odd
   */
  public short getAndAdd16(long offset, short delta) {
    return update16(offset, ADD, delta);
  }

  /**
   * Adds {@code delta} to the 4 bytes at {@code offset} (wrapping), atomically; returns the old
   * value.
   *
   * @param offset where, a multiple of 4
   * @param delta what to add
   * @return the value before
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is not a multiple of 4
   */
  public int getAndAdd32(long offset, int delta) {
    return (int) INT.getAndAdd(atomicSegment(offset, 4), index(offset), delta);
  }

  /**
   * Adds {@code delta} to the 8 bytes at {@code offset} (wrapping), atomically; returns the old
   * value.
   *
   * @param offset where, a multiple of 8
   * @param delta what to add
   * @return the value before
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is not a multiple of 8
   */
  public long getAndAdd64(long offset, long delta) {
    return (long) LONG.getAndAdd(atomicSegment(offset, 8), index(offset), delta);
  }

  /**
   * Subtracts {@code delta} from the byte at {@code offset} (wrapping); returns the old byte.
   *
   * @param offset where
   * @param delta what to subtract
   * @return the byte before
   * @throws IndexOutOfBoundsException if {@code offset} is outside the memory
   */
  public byte getAndSub8(long offset, byte delta) {
    return getAndAdd8(offset, (byte) -delta);
  }

  /**
   * Subtracts {@code delta} from the 2 bytes at {@code offset} (wrapping); returns the old value.
   *
   * @param offset where, a multiple of 2
   * @param delta what to subtract
   * @return the value before
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is odd
   */
  public short getAndSub16(long offset, short delta) {
    return update16(offset, ADD, (short) -delta);
  }

  /**
   * Subtracts {@code delta} from the 4 bytes at {@code offset} (wrapping); returns the old value.
   *
   * @param offset where, a multiple of 4
   * @param delta what to subtract
   * @return the value before
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is not a multiple of 4
   */
  public int getAndSub32(long offset, int delta) {
    return getAndAdd32(offset, -delta);
  }

  /**
   * Subtracts {@code delta} from the 8 bytes at {@code offset} (wrapping); returns the old value.
   *
   * @param offset where, a multiple of 8
   * @param delta what to subtract
   * @return the value before
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is not a multiple of 8
   */
  public long getAndSub64(long offset, long delta) {
    return getAndAdd64(offset, -delta);
  }

  /**
   * Ands {@code mask} into the byte at {@code offset}; returns the old byte.
   *
   * @param offset where
   * @param mask the bits to keep
   * @return the byte before
   * @throws IndexOutOfBoundsException if {@code offset} is outside the memory
   */
  public byte getAndAnd8(long offset, byte mask) {
    return (byte) updateSubword(atomicSegment(offset, 1), index(offset), 1, AND, mask);
  }

  /**
   * Ands {@code mask} into the 2 bytes at {@code offset}; returns the old value.
   *
   * @param offset where, a multiple of 2
   * @param mask the bits to keep
   * @return the value before
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is odd
   */
  public short getAndAnd16(long offset, short mask) {
    return update16(offset, AND, mask);
  }

  /**
   * Ands {@code mask} into the 4 bytes at {@code offset}; returns the old value.
   *
   * @param offset where, a multiple of 4
   * @param mask the bits to keep
   * @return the value before
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is not a multiple of 4
   */
  public int getAndAnd32(long offset, int mask) {
    return (int) INT.getAndBitwiseAnd(atomicSegment(offset, 4), index(offset), mask);
  }

  /**
   * Ands {@code mask} into the 8 bytes at {@code offset}; returns the old value.
   *
   * @param offset where, a multiple of 8
   * @param mask the bits to keep
   * @return the value before
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is not a multiple of 8
   */
  public long getAndAnd64(long offset, long mask) {
    return (long) LONG.getAndBitwiseAnd(atomicSegment(offset, 8), index(offset), mask);
  }

  /**
   * Ors {@code bits} into the byte at {@code offset}; returns the old byte.
   *
   * @param offset where
   * @param bits the bits to set
   * @return the byte before
   * @throws IndexOutOfBoundsException if {@code offset} is outside the memory
   */
  public byte getAndOr8(long offset, byte bits) {
    return (byte) updateSubword(atomicSegment(offset, 1), index(offset), 1, OR, bits);
  }

  /**
   * Ors {@code bits} into the 2 bytes at {@code offset}; returns the old value.
   *
   * @param offset where, a multiple of 2
   * @param bits the bits to set
   * @return the value before
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is odd
   */
  public short getAndOr16(long offset, short bits) {
    return update16(offset, OR, bits);
  }

  /**
   * Ors {@code bits} into the 4 bytes at {@code offset}; returns the old value.
   *
   * @param offset where, a multiple of 4
   * @param bits the bits to set
   * @return the value before
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is not a multiple of 4
   */
  public int getAndOr32(long offset, int bits) {
    return (int) INT.getAndBitwiseOr(atomicSegment(offset, 4), index(offset), bits);
  }

  /**
   * Ors {@code bits} into the 8 bytes at {@code offset}; returns the old value.
   *
   * @param offset where, a multiple of 8
   * @param bits the bits to set
   * @return the value before
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is not a multiple of 8
   */
  public long getAndOr64(long offset, long bits) {
    return (long) LONG.getAndBitwiseOr(atomicSegment(offset, 8), index(offset), bits);
  }

  /**
   * Xors {@code bits} into the byte at {@code offset}; returns the old byte.
   *
   * @param offset where
   * @param bits the bits to flip
   * @return the byte before
   * @throws IndexOutOfBoundsException if {@code offset} is outside the memory
   */
  public byte getAndXor8(long offset, byte bits) {
    return (byte) updateSubword(atomicSegment(offset, 1), index(offset), 1, XOR, bits);
  }

  /**
   * Xors {@code bits} into the 2 bytes at {@code offset}; returns the old value.
   *
   * @param offset where, a multiple of 2
   * @param bits the bits to flip
   * @return the value before
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is odd
   */
  public short getAndXor16(long offset, short bits) {
    return update16(offset, XOR, bits);
  }

  /**
   * Xors {@code bits} into the 4 bytes at {@code offset}; returns the old value.
   *
   * @param offset where, a multiple of 4
   * @param bits the bits to flip
   * @return the value before
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is not a multiple of 4
   */
  public int getAndXor32(long offset, int bits) {
    return (int) INT.getAndBitwiseXor(atomicSegment(offset, 4), index(offset), bits);
  }

  /**
   * Xors {@code bits} into the 8 bytes at {@code offset}; returns the old value.
   *
   * @param offset where, a multiple of 8
   * @param bits the bits to flip
   * @return the value before
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is not a multiple of 8
   */
  public long getAndXor64(long offset, long bits) {
    return (long) LONG.getAndBitwiseXor(atomicSegment(offset, 8), index(offset), bits);
  }

  /**
   * Replaces the byte at {@code offset} (exchange); returns the old byte.
   *
   * @param offset where
   * @param value the new byte
   * @return the byte before
   * @throws IndexOutOfBoundsException if {@code offset} is outside the memory
   */
  public byte getAndSet8(long offset, byte value) {
    return (byte) updateSubword(atomicSegment(offset, 1), index(offset), 1, SET, value);
  }

  /**
   * Replaces the 2 bytes at {@code offset} (exchange); returns the old value.
   *
   * @param offset where, a multiple of 2
   * @param value the new value
   * @return the value before
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is odd
   */
  public short getAndSet16(long offset, short value) {
    return update16(offset, SET, value);
  }

  /**
   * Replaces the 4 bytes at {@code offset} (exchange); returns the old value.
   *
   * @param offset where, a multiple of 4
   * @param value the new value
   * @return the value before
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is not a multiple of 4
   */
  public int getAndSet32(long offset, int value) {
    return (int) INT.getAndSet(atomicSegment(offset, 4), index(offset), value);
  }

  /**
   * Replaces the 8 bytes at {@code offset} (exchange); returns the old value.
   *
   * @param offset where, a multiple of 8
   * @param value the new value
   * @return the value before
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is not a multiple of 8
   */
  public long getAndSet64(long offset, long value) {
    return (long) LONG.getAndSet(atomicSegment(offset, 8), index(offset), value);
  }

  /**
   * Replaces the byte at {@code offset} with {@code replacement} if it is {@code expected};
   * returns the byte found (equal to {@code expected} if it was replaced).
   *
   * @param offset where
   * @param expected the byte to replace
   * @param replacement its replacement
   * @return the byte found
   * @throws IndexOutOfBoundsException if {@code offset} is outside the memory
   */
  public byte compareAndExchange8(long offset, byte expected, byte replacement) {
    return (byte) exchangeSubword(atomicSegment(offset, 1), index(offset), 1, expected,
        replacement);
  }

  /**
   * Replaces the 2 bytes at {@code offset} with {@code replacement} if they are {@code expected};
   * returns the value found.
   *
   * @param offset where, a multiple of 2
   * @param expected the value to replace
   * @param replacement its replacement
   * @return the value found
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is odd
   */
  public short compareAndExchange16(long offset, short expected, short replacement) {
    return (short) exchangeSubword(atomicSegment(offset, 2), index(offset), 2, expected,
        replacement);
  }

  /**
   * Replaces the 4 bytes at {@code offset} with {@code replacement} if they are {@code expected};
   * returns the value found.
   *
   * @param offset where, a multiple of 4
   * @param expected the value to replace
   * @param replacement its replacement
   * @return the value found
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is not a multiple of 4
   */
  public int compareAndExchange32(long offset, int expected, int replacement) {
    return (int) INT.compareAndExchange(atomicSegment(offset, 4), index(offset), expected,
        replacement);
  }

  /**
   * Replaces the 8 bytes at {@code offset} with {@code replacement} if they are {@code expected};
   * returns the value found.
   *
   * @param offset where, a multiple of 8
   * @param expected the value to replace
   * @param replacement its replacement
   * @return the value found
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is not a multiple of 8
   */
  public long compareAndExchange64(long offset, long expected, long replacement) {
    return (long) LONG.compareAndExchange(atomicSegment(offset, 8), index(offset), expected,
        replacement);
  }

  // ---- bulk, UNORDERED ----

  /** Throws unless {@code [offset, offset + length)} is in the memory; names the parameter. */
  private void checkRange(String name, long offset, long length) {
    long byteLength = byteLength();
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative: " + length);
    }
    if (offset < 0 || offset > byteLength - length) {
      throw new IndexOutOfBoundsException(name + " must be in [0, byteLength - length] = [0, "
          + (byteLength - length) + "] for " + length + " bytes: " + offset);
    }
  }

  /** Bytes from {@code offset} to the end of its segment. */
  private long segmentRest(long offset) {
    return mask + 1 - (offset & mask);
  }

  /**
   * Copies {@code length} bytes from {@code from} to {@code to} within this memory, as if through a
   * temporary copy when the ranges overlap ({@code TypedArray.prototype.copyWithin}, {@code
   * memory.copy}). Each byte is read and written UNORDERED.
   *
   * @param to where the bytes go
   * @param from where they come from
   * @param length how many
   * @throws IndexOutOfBoundsException if either range is outside the memory
   * @throws IllegalArgumentException if {@code length} is negative
   */
  public void copyWithin(long to, long from, long length) {
    checkRange("from", from, length);
    checkRange("to", to, length);
    boolean backwards = to > from && to < from + length; // the overlap's far end first
    long done = 0;
    while (done < length) {
      long left = length - done;
      long src = backwards ? from + left : from + done; // end of the chunk going backwards
      long dst = backwards ? to + left : to + done;
      long chunk;
      if (backwards) {
        chunk = Math.min(left, Math.min(((src - 1) & mask) + 1, ((dst - 1) & mask) + 1));
        src -= chunk;
        dst -= chunk;
      } else {
        chunk = Math.min(left, Math.min(segmentRest(src), segmentRest(dst)));
      }
      // one segment to another, or within one as if through a temporary copy (Buffer.put's javadoc)
      segments[(int) (dst >>> shift)].put(index(dst), segments[(int) (src >>> shift)], index(src),
          (int) chunk);
      done += chunk;
    }
  }

  /**
   * Copies {@code length} bytes of {@code src} from {@code srcOffset} into this memory at {@code
   * to}, each written UNORDERED.
   *
   * @param src the bytes
   * @param srcOffset the first of them
   * @param to where in this memory
   * @param length how many
   * @throws IndexOutOfBoundsException if either range is outside its array or memory
   * @throws NullPointerException if {@code src} is null
   */
  public void copyFrom(byte[] src, int srcOffset, long to, int length) {
    Objects.checkFromIndexSize(srcOffset, length, src.length);
    checkRange("to", to, length);
    long done = 0;
    while (done < length) {
      long at = to + done;
      int chunk = (int) Math.min(length - done, segmentRest(at));
      segments[(int) (at >>> shift)].put(index(at), src, srcOffset + (int) done, chunk);
      done += chunk;
    }
  }

  /**
   * Copies {@code length} bytes of this memory from {@code from} into {@code dst} at {@code
   * dstOffset}, each read UNORDERED.
   *
   * @param from where in this memory
   * @param dst the array
   * @param dstOffset where in the array
   * @param length how many
   * @throws IndexOutOfBoundsException if either range is outside its memory or array
   * @throws NullPointerException if {@code dst} is null
   */
  public void copyTo(long from, byte[] dst, int dstOffset, int length) {
    Objects.checkFromIndexSize(dstOffset, length, dst.length);
    checkRange("from", from, length);
    long done = 0;
    while (done < length) {
      long at = from + done;
      int chunk = (int) Math.min(length - done, segmentRest(at));
      segments[(int) (at >>> shift)].get(index(at), dst, dstOffset + (int) done, chunk);
      done += chunk;
    }
  }

  /**
   * Sets {@code length} bytes from {@code offset} to {@code value}, each written UNORDERED ({@code
   * memory.fill}, {@code TypedArray.prototype.fill} of bytes).
   *
   * @param offset the first byte
   * @param length how many
   * @param value the byte
   * @throws IndexOutOfBoundsException if the range is outside the memory
   * @throws IllegalArgumentException if {@code length} is negative
   */
  public void fill(long offset, long length, byte value) {
    checkRange("offset", offset, length);
    long done = 0;
    while (done < length) {
      long at = offset + done;
      int chunk = (int) Math.min(length - done, segmentRest(at));
      fillSegment(segments[(int) (at >>> shift)], index(at), chunk, value);
      done += chunk;
    }
  }

  /** Sets {@code count} bytes of {@code segment} from {@code from}: 8 at a time where aligned. */
  private static void fillSegment(ByteBuffer segment, int from, int count, byte value) {
    long pattern = (value & 0xFFL) * 0x0101010101010101L;
    int i = from;
    int end = from + count;
    while (i < end && (i & 7) != 0) {
      segment.put(i++, value);
    }
    for (; i + Long.BYTES <= end; i += Long.BYTES) {
      LONG.set(segment, i, pattern); // plain, aligned
    }
    while (i < end) {
      segment.put(i++, value);
    }
  }

  // ---- waiting ----

  /**
   * An offset, the key of its list of waiters: a list's own key never changes; {@link #probe} is
   * pointed at the offset each lookup seeks (the notes, Waiting).
   */
  private static final class Offset {
    long offset;

    Offset() {}

    Offset(long offset) {
      this.offset = offset;
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Offset o && o.offset == offset;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(offset);
    }
  }

  /** The list of waiters at {@code offset}, or null if none waits there; waitLock is held. */
  private @Nullable ArrayDeque<Waiter> waitersAt(long offset) {
    probe.offset = offset;
    return waiters.get(probe);
  }

  /** Forgets the (empty) list of waiters at {@code offset}; waitLock is held. */
  private void removeWaitersAt(long offset) {
    probe.offset = offset;
    waiters.remove(probe);
  }

  /** A thread in a wait: its condition on waitLock, and whether a notify dequeued it. */
  private static final class Waiter {
    final Condition woken;
    boolean notified; // guarded by waitLock

    Waiter(Condition woken) {
      this.woken = woken;
    }
  }

  /**
   * If the 4 bytes at {@code offset} (read SEQ_CST) are {@code expected}, waits until a {@link
   * #notify} of {@code offset} wakes this thread or {@code timeoutNanos} pass: {@code
   * Atomics.wait}, {@code memory.atomic.wait32}. No spurious wake-ups. Interrupts do not end the
   * wait (neither language has them); the thread's interrupt status is kept.
   *
   * @param offset where, a multiple of 4
   * @param expected the value to wait on
   * @param timeoutNanos how long at most; negative waits forever
   * @return NOT_EQUAL at once if the value differs, OK if notified, TIMED_OUT otherwise
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is not a multiple of 4
   */
  public WaitResult wait32(long offset, int expected, long timeoutNanos) {
    ByteBuffer segment = atomicSegment(offset, 4);
    int i = index(offset);
    waitLock.lock();
    try {
      if ((int) INT.getVolatile(segment, i) != expected) {
        return WaitResult.NOT_EQUAL;
      }
      return await(offset, timeoutNanos);
    } finally {
      waitLock.unlock();
    }
  }

  /**
   * {@link #wait32} of the 8 bytes at {@code offset}: {@code Atomics.wait} on a {@code
   * BigInt64Array}, {@code memory.atomic.wait64}.
   *
   * @param offset where, a multiple of 8
   * @param expected the value to wait on
   * @param timeoutNanos how long at most; negative waits forever
   * @return NOT_EQUAL at once if the value differs, OK if notified, TIMED_OUT otherwise
   * @throws IndexOutOfBoundsException if the bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is not a multiple of 8
   */
  public WaitResult wait64(long offset, long expected, long timeoutNanos) {
    ByteBuffer segment = atomicSegment(offset, 8);
    int i = index(offset);
    waitLock.lock();
    try {
      if ((long) LONG.getVolatile(segment, i) != expected) {
        return WaitResult.NOT_EQUAL;
      }
      return await(offset, timeoutNanos);
    } finally {
      waitLock.unlock();
    }
  }

  /** Enqueues this thread at {@code offset} and waits; waitLock is held. */
  private WaitResult await(long offset, long timeoutNanos) {
    Waiter waiter = new Waiter(waitLock.newCondition());
    ArrayDeque<Waiter> queue = waitersAt(offset);
    if (queue == null) {
      queue = new ArrayDeque<>();
      waiters.put(new Offset(offset), queue); // a key of its own: the probe moves
    }
    queue.addLast(waiter);
    boolean interrupted = false;
    long deadline = System.nanoTime() + timeoutNanos;
    try {
      while (!waiter.notified) {
        try {
          if (timeoutNanos < 0) {
            waiter.woken.await();
          } else {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              return WaitResult.TIMED_OUT; // removed below, not notified
            }
            waiter.woken.awaitNanos(left);
          }
        } catch (InterruptedException e) {
          interrupted = true; // keep waiting; restore the status below
        }
      }
      return WaitResult.OK;
    } finally {
      if (!waiter.notified) { // timed out, or an exception: no later notify may count it
        queue.remove(waiter);
        if (queue.isEmpty()) {
          removeWaitersAt(offset);
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Wakes up to {@code count} threads waiting at {@code offset}, oldest first, and returns how many
   * it woke: {@code Atomics.notify}, {@code memory.atomic.notify}. A waiter of either size counts.
   *
   * @param offset where, a multiple of 4
   * @param count how many at most; negative means all
   * @return how many were woken
   * @throws IndexOutOfBoundsException if the 4 bytes are outside the memory
   * @throws UnalignedAtomicException if {@code offset} is not a multiple of 4
   */
  public int notify(long offset, int count) {
    atomicSegment(offset, 4);
    waitLock.lock();
    try {
      ArrayDeque<Waiter> queue = waitersAt(offset);
      if (queue == null) {
        return 0;
      }
      int woken = 0;
      while ((count < 0 || woken < count) && !queue.isEmpty()) {
        Waiter waiter = queue.removeFirst();
        waiter.notified = true;
        waiter.woken.signal();
        woken++;
      }
      if (queue.isEmpty()) {
        removeWaitersAt(offset);
      }
      return woken;
    } finally {
      waitLock.unlock();
    }
  }

  // ---- the rest of Atomics ----

  /**
   * A full fence: WebAssembly's {@code atomic.fence}. Every access before it, of this thread, is
   * ordered before every access after it, as a SEQ_CST read-modify-write would order them.
   */
  public static void fence() {
    VarHandle.fullFence();
  }

  /** A hint that the thread is spinning: {@code Atomics.pause}. */
  public static void pause() {
    Thread.onSpinWait();
  }

  /**
   * Whether SEQ_CST accesses of {@code size} bytes are lock-free: {@code Atomics.isLockFree}. True
   * for 1, 2, 4 and 8 (the 2-byte read-modify-writes are a compare-and-set loop, lock-free too),
   * false for any other size.
   *
   * @param size a size in bytes
   * @return whether lock-free
   */
  public static boolean isLockFree(int size) {
    return size == 1 || size == 2 || size == 4 || size == 8;
  }

  @Override
  public String toString() {
    long length = byteLength();
    return "RacyMemory[" + length + " bytes"
        + (maxByteLength == length ? "" : ", up to " + maxByteLength) + "]";
  }
}
