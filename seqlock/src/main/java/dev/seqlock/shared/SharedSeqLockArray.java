package dev.seqlock.shared;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.internal.SharedFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@link dev.seqlock.SeqLockArray} in a memory-mapped file, shared by processes: one process at a
 * time writes it ({@link Writer}), any number read it, each through its own mapping. This is the
 * reader's view, {@link #openReader}; a reader maps the file read-only and never writes to it.
 *
 * <p>Guarantees, across processes as within one:
 *
 * <ul>
 *   <li>No read returns, and no {@link #validate} accepts, a value mixed from two writes.
 *   <li>Each slot keeps two copies of its value (the latched protocol of
 *       {@link dev.seqlock.SeqLockArray#latched}), so a writer stopped or killed at any point, even
 *       in the middle of a write, leaves every slot readable at its last complete version, and
 *       readers never wait for it.
 *   <li>The writer role is an operating-system file lock, which the system releases when the writer's
 *       process ends, however it ends: a new writer can take over at once, completes whatever the old
 *       one left half-written, and continues; a slot's versions never go back.
 *   <li>The file begins with a header that records its format, the value size, the number of slots,
 *       the slot layout and the codec's {@linkplain ByteCodec#layout() layout}: a process whose codec
 *       differs is refused with an {@link IncompatibleFileException}, even when the sizes agree.
 * </ul>
 *
 * <p>Every operation takes the slot index first and behaves as the {@link
 * dev.seqlock.SeqLockArray} method of the same name (of a {@code latched} array); {@link #readInto},
 * {@link #tryReadInto}, {@link #readIfNewer}, {@link #version} and the optimistic field reads allocate
 * nothing, nor does {@link #changedSlots} after a thread's first scan.
 *
 * <p>Closing. {@link #close} ends this handle: every later call on it throws {@link
 * IllegalStateException}, and the writer role, if the handle held it, is released. A thread that is
 * reading through the handle while another closes it finishes its read safely: the mapping is never
 * released under it. Java 17 has no supported way to unmap a file, so the mapping stays until the
 * handle becomes unreachable and the garbage collector frees it (the JDK's rule for every {@link
 * java.nio.MappedByteBuffer}); close handles you no longer need rather than opening a file over and
 * over.
 *
 * <p>Where to put the file: on Linux, {@code /dev/shm} (memory, never written to a disk) is the usual
 * place for values that only live while the processes do; a file on a disk works too and survives a
 * reboot. The file must not be truncated or replaced while mapped: a process that touches a mapped
 * page past a truncated end gets a fault that the JVM reports as an {@link InternalError} ("a fault
 * occurred in an unsafe memory access"). Opening refuses a file shorter than its header says.
 *
 * <p>Within one JVM, use the file only through this class: the writer role is a POSIX lock, which
 * the operating system releases when the process closes <em>any</em> descriptor of the file, so
 * reading the file with other APIs in the writer's JVM (for example {@code Files.readAllBytes})
 * would silently end the role. This class keeps one set of channels per file per JVM, and does its
 * channel operations on a thread of its own, which callers' interrupts cannot reach (an interrupt
 * closes a channel, and with it the lock).
 *
 * @param <T> the type of the values
 */
public interface SharedSeqLockArray<T> extends AutoCloseable {

  /**
   * Opens an existing file for reading: maps it read-only, after checking its header against the
   * codec. Never writes to the file; works whether or not a writer has it open.
   *
   * @param file the file, made by {@link Writer#openWriter}
   * @param codec the codec of the values: its size and {@linkplain ByteCodec#layout() layout} must be
   *     the file's
   * @param <T> the type of the values
   * @return a reader of the file
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws IncompatibleFileException if the file is not a seqlock file for this codec: a directory,
   *     empty or short, another magic number, format version or checksum, another value size or codec
   *     layout, or shorter than its header says (the message names which)
   * @throws java.nio.file.AccessDeniedException if this process may not read the file
   * @throws IOException if the file cannot be read or mapped
   * @throws NullPointerException if {@code file} or {@code codec} is null
   */
  static <T> SharedSeqLockArray<T> openReader(Path file, ByteCodec<T> codec) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(codec, "codec");
    return SharedFiles.opener().openReader(file, codec);
  }

  /**
   * Returns the number of slots.
   *
   * @return the length
   * @throws IllegalStateException if this handle is closed
   */
  int length();

  /**
   * Returns the codec of the values.
   *
   * @return the codec this handle was opened with
   */
  ByteCodec<T> codec();

  /**
   * Returns the file, as it was named when opening it.
   *
   * @return the file's path
   */
  Path file();

  /**
   * Returns a consistent snapshot of slot {@code index}, never torn; see {@link
   * dev.seqlock.SeqLockArray#read}. Never waits for a stopped or dead writer.
   *
   * @param index the slot
   * @return the value
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   * @throws IllegalStateException if this handle is closed
   */
  T read(int index);

  /**
   * Copies a consistent snapshot of slot {@code index} into {@code destination} and returns its
   * version; see {@link dev.seqlock.SeqLockArray#readInto}. Allocates nothing.
   *
   * @param index the slot
   * @param destination the holder to fill; its size must be the codec's
   * @return the version of the snapshot, even
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   * @throws NullPointerException if {@code destination} is null
   * @throws IllegalArgumentException if the holder's size differs from the codec's
   * @throws IllegalStateException if this handle is closed
   */
  long readInto(int index, MaybeTorn<T> destination);

  /**
   * Makes one attempt to copy a consistent snapshot of slot {@code index} into {@code destination};
   * see {@link dev.seqlock.SeqLockArray#tryReadInto}. Never waits and allocates nothing; on failure
   * {@code destination} may hold torn bytes and must not be decoded.
   *
   * @param index the slot
   * @param destination the holder to fill; its size must be the codec's
   * @return the version of the snapshot (even), or {@code -1} if two writes began during the read
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   * @throws NullPointerException if {@code destination} is null
   * @throws IllegalArgumentException if the holder's size differs from the codec's
   * @throws IllegalStateException if this handle is closed
   */
  long tryReadInto(int index, MaybeTorn<T> destination);

  /**
   * For pollers: if slot {@code index}'s version differs from {@code lastSeenVersion}, copies a
   * consistent snapshot into {@code destination} and returns its version; otherwise returns {@code
   * lastSeenVersion} and leaves {@code destination} untouched. See {@link
   * dev.seqlock.SeqLockArray#readIfNewer}. Allocates nothing.
   *
   * @param index the slot
   * @param lastSeenVersion the version the caller saw last in this slot, or {@link
   *     dev.seqlock.SeqLock#NOTHING_SEEN} ({@code -1})
   * @param destination the holder to fill; its size must be the codec's
   * @return the version now in {@code destination}: a new one, or {@code lastSeenVersion}
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   * @throws NullPointerException if {@code destination} is null
   * @throws IllegalArgumentException if {@code lastSeenVersion} is odd or below {@code -1}, or the
   *     holder's size differs
   * @throws IllegalStateException if this handle is closed
   */
  long readIfNewer(int index, long lastSeenVersion, MaybeTorn<T> destination);

  /**
   * For pollers of many slots: writes into {@code into} the indices of the slots whose version
   * differs from {@code lastSeenVersions[slot]}, in slot order, at most {@code into.length} of them,
   * and returns how many; see {@link dev.seqlock.SeqLockArray#changedSlots}, whose guarantees hold
   * across processes. The writer also stores each slot's version, after each write, in a packed
   * region of the file that this scan reads, eight slots per cache line; a scan that finds nothing
   * touches no slot's own memory. Allocates nothing after a thread's first scan of the handle (each
   * scanning thread keeps a 512-byte buffer).
   *
   * <p>A writer killed between completing a write and storing its version leaves that write
   * unreported by scans (readers of the slot still see it) until the next writer opens the file,
   * which stores every slot's version again.
   *
   * @param lastSeenVersions per slot, the version the caller saw last; one element per slot
   * @param into where to write the indices of the slots that changed
   * @return how many indices were written, from 0 to {@code into.length}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code lastSeenVersions.length} is not {@link #length()}
   * @throws IllegalStateException if this handle is closed
   */
  int changedSlots(long[] lastSeenVersions, int[] into);

  /**
   * Returns the version of slot {@code index}'s value a read would return now: even, and the version
   * before any write in progress.
   *
   * @param index the slot
   * @return the slot's current version
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   * @throws IllegalStateException if this handle is closed
   */
  long version(int index);

  /**
   * Starts an optimistic read of individual fields of slot {@code index}; see {@link
   * dev.seqlock.SeqLockArray#tryOptimisticRead}. Read fields with {@link #getLong} and the others
   * under the stamp, then {@link #validate}; until it returns {@code true} the values may be torn or
   * stale. A stamp belongs to its slot and to the thread that took it.
   *
   * @param index the slot
   * @return a stamp for the slot's field reads and {@link #validate}
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   * @throws IllegalStateException if this handle is closed
   */
  long tryOptimisticRead(int index);

  /**
   * Reads the 8 bytes at {@code offset} of slot {@code index} as a little-endian {@code long}, under a
   * stamp of {@link #tryOptimisticRead} for the same slot; see {@link
   * dev.seqlock.SeqLockArray#getLong}.
   *
   * @param index the slot
   * @param stamp a stamp from {@code tryOptimisticRead(index)}
   * @param offset the byte offset of the field in the codec's layout; its bytes must lie within the
   *     value
   * @return the field's value, valid only if {@code validate(index, stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the value
   * @throws IllegalStateException if this handle is closed
   */
  long getLong(int index, long stamp, int offset);

  /**
   * Reads the 4 bytes at {@code offset} of slot {@code index} as a little-endian {@code int}; see
   * {@link #getLong}.
   *
   * @param index the slot
   * @param stamp a stamp from {@code tryOptimisticRead(index)}
   * @param offset the byte offset of the field
   * @return the field's value, valid only if {@code validate(index, stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the value
   * @throws IllegalStateException if this handle is closed
   */
  int getInt(int index, long stamp, int offset);

  /**
   * Reads the 4 bytes at {@code offset} of slot {@code index} as a {@code float}; see {@link
   * #getLong}.
   *
   * @param index the slot
   * @param stamp a stamp from {@code tryOptimisticRead(index)}
   * @param offset the byte offset of the field
   * @return the field's value, valid only if {@code validate(index, stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the value
   * @throws IllegalStateException if this handle is closed
   */
  float getFloat(int index, long stamp, int offset);

  /**
   * Reads the 8 bytes at {@code offset} of slot {@code index} as a {@code double}; see {@link
   * #getLong}.
   *
   * @param index the slot
   * @param stamp a stamp from {@code tryOptimisticRead(index)}
   * @param offset the byte offset of the field
   * @return the field's value, valid only if {@code validate(index, stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the value
   * @throws IllegalStateException if this handle is closed
   */
  double getDouble(int index, long stamp, int offset);

  /**
   * Reads the 2 bytes at {@code offset} of slot {@code index} as a little-endian {@code short}; see
   * {@link #getLong}.
   *
   * @param index the slot
   * @param stamp a stamp from {@code tryOptimisticRead(index)}
   * @param offset the byte offset of the field
   * @return the field's value, valid only if {@code validate(index, stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the value
   * @throws IllegalStateException if this handle is closed
   */
  short getShort(int index, long stamp, int offset);

  /**
   * Reads the 2 bytes at {@code offset} of slot {@code index} as a {@code char}; see {@link
   * #getLong}.
   *
   * @param index the slot
   * @param stamp a stamp from {@code tryOptimisticRead(index)}
   * @param offset the byte offset of the field
   * @return the field's value, valid only if {@code validate(index, stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie within
   *     the value
   * @throws IllegalStateException if this handle is closed
   */
  char getChar(int index, long stamp, int offset);

  /**
   * Reads the byte at {@code offset} of slot {@code index}; see {@link #getLong}.
   *
   * @param index the slot
   * @param stamp a stamp from {@code tryOptimisticRead(index)}
   * @param offset the byte offset of the field
   * @return the field's value, valid only if {@code validate(index, stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the byte does not lie within
   *     the value
   * @throws IllegalStateException if this handle is closed
   */
  byte getByte(int index, long stamp, int offset);

  /**
   * Reads the byte at {@code offset} of slot {@code index} as a {@code boolean} (non-zero is {@code
   * true}); see {@link #getLong}.
   *
   * @param index the slot
   * @param stamp a stamp from {@code tryOptimisticRead(index)}
   * @param offset the byte offset of the field
   * @return the field's value, valid only if {@code validate(index, stamp)} later returns {@code true}
   * @throws IndexOutOfBoundsException if {@code index} is out of range or the byte does not lie within
   *     the value
   * @throws IllegalStateException if this handle is closed
   */
  boolean getBoolean(int index, long stamp, int offset);

  /**
   * Whether no write to slot {@code index} changed the data read under {@code stamp}, a stamp taken
   * from the same slot; see {@link dev.seqlock.SeqLockArray#validate}.
   *
   * @param index the slot
   * @param stamp a stamp from {@code tryOptimisticRead(index)}
   * @return {@code true} if the reads are consistent
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   * @throws IllegalStateException if this handle is closed
   */
  boolean validate(int index, long stamp);

  /**
   * Whether some process (this one included) holds the writer role of the file now. Asking never
   * makes another process's {@link Writer#openWriter} fail. The answer may be out of date by the
   * time it returns.
   *
   * @return {@link WriterState#ACTIVE} or {@link WriterState#NONE}
   * @throws IllegalStateException if this handle is closed
   * @throws java.io.UncheckedIOException if the file's lock cannot be queried
   */
  WriterState writerState();

  /**
   * Closes this handle: later calls on it throw {@link IllegalStateException}, and a writer's handle
   * gives the writer role up. Reads in progress in other threads complete safely (the class
   * javadoc). Closing a closed handle does nothing.
   */
  @Override
  void close();

  /**
   * The writer's handle: reads as {@link SharedSeqLockArray} does, and writes. One process at a time
   * holds the writer role of a file; within it, the writes to one slot must come from one thread at a
   * time, as with {@link dev.seqlock.SeqLockArray#singleWriter} (checked with {@code -ea}). Different
   * slots may be written by different threads at once.
   *
   * <p>Writes, whole values ({@link #write}, {@link #writeFrom}) or fields in place ({@link
   * #beginWrite}, {@link #putLong} and the others, {@link #endWrite}), behave as those of a {@link
   * dev.seqlock.SeqLockArray#latched} array and allocate nothing. A writer killed in the middle of one
   * leaves the slot at its previous version; the next writer completes it when it opens the file.
   * Close a writer only when none of its writes is in progress.
   *
   * @param <T> the type of the values
   */
  interface Writer<T> extends SharedSeqLockArray<T> {

    /**
     * Opens {@code file} for writing, creating it if it does not exist, and takes its writer role. A
     * new file is made whole in a temporary file beside it and then linked into place, so no process
     * ever maps a half-made file, and of several processes creating the same file at once exactly
     * one file results. An existing file must have been made with this length and a codec of the
     * same size and layout; slots a writer killed mid-write left half-written are completed first
     * (in time proportional to the length), and every slot keeps its value and version.
     *
     * @param file the file
     * @param codec the codec of the values
     * @param length the number of slots
     * @param initial the value of every slot of a new file, version 0; unused if the file exists
     * @param <T> the type of the values
     * @return the writer of the file
     * @throws IllegalStateException if another process, or another handle in this JVM, holds the
     *     file's writer role (the message names the file)
     * @throws IncompatibleFileException if the file exists and is not a seqlock file of this codec
     *     and length (the message names what differs)
     * @throws IllegalArgumentException if {@code length} is negative, or too large for one mapping
     *     (2 GiB), or the codec cannot encode {@code initial}
     * @throws java.nio.file.AccessDeniedException if this process may not read and write the file or
     *     create it
     * @throws IOException if the file cannot be created, read or mapped
     * @throws NullPointerException if an argument is null
     */
    static <T> Writer<T> openWriter(Path file, ByteCodec<T> codec, int length, T initial)
        throws IOException {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(codec, "codec");
      Objects.requireNonNull(initial, "initial");
      if (length < 0) {
        throw new IllegalArgumentException("length must not be negative: " + length);
      }
      return SharedFiles.opener().openWriter(file, codec, length, initial);
    }

    /**
     * Writes {@code value} to slot {@code index} as its next version; see {@link
     * dev.seqlock.SeqLockArray#write}. Allocates nothing.
     *
     * @param index the slot
     * @param value the new value
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if the codec rejects {@code value}; nothing is written then
     * @throws IllegalStateException if this handle is closed, or, with {@code -ea}, another write to
     *     the slot is in progress
     */
    void write(int index, T value);

    /**
     * Publishes the bytes of {@code source} as slot {@code index}'s next version; see {@link
     * dev.seqlock.SeqLockArray#writeFrom}. Allocates nothing.
     *
     * @param index the slot
     * @param source the holder whose bytes to write; its size must be the codec's
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws NullPointerException if {@code source} is null
     * @throws IllegalArgumentException if the holder's size differs; nothing is written then
     * @throws IllegalStateException if this handle is closed, or, with {@code -ea}, another write to
     *     the slot is in progress
     */
    void writeFrom(int index, MaybeTorn<T> source);

    /**
     * Starts a write of individual fields of slot {@code index} in place; see {@link
     * dev.seqlock.SeqLockArray#beginWrite}. Put fields with {@link #putLong} and the others under the
     * stamp, then call {@link #endWrite} in a {@code finally} block, in the same thread. Fields not
     * put keep their values.
     *
     * @param index the slot
     * @return the stamp of this write, for the slot's puts and {@link #endWrite}
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalStateException if this handle is closed, this thread is already writing the
     *     slot, or, with {@code -ea}, another thread is
     */
    long beginWrite(int index);

    /**
     * Writes {@code value} as the 8 bytes at {@code offset} of slot {@code index}, little-endian,
     * inside the write {@code stamp} started; see {@link dev.seqlock.SeqLockArray#putLong}.
     *
     * @param index the slot
     * @param stamp the stamp {@code beginWrite(index)} returned to this thread
     * @param offset the byte offset of the field; its bytes must lie within the value
     * @param value the field's new value
     * @throws IndexOutOfBoundsException if {@code index} is out of range or the bytes do not lie
     *     within the value; nothing is written then
     * @throws IllegalStateException if this handle is closed or {@code stamp} is not the stamp of the
     *     slot's write in progress; nothing is written then
     */
    void putLong(int index, long stamp, int offset, long value);

    /**
     * Writes {@code value} as the 4 bytes at {@code offset}; see {@link #putLong}.
     *
     * @param index the slot
     * @param stamp the stamp {@code beginWrite(index)} returned to this thread
     * @param offset the byte offset of the field
     * @param value the field's new value
     * @throws IndexOutOfBoundsException if {@code index} or the bytes are out of range
     * @throws IllegalStateException if this handle is closed or {@code stamp} is not the write's
     */
    void putInt(int index, long stamp, int offset, int value);

    /**
     * Writes {@code value} as the 4 bytes at {@code offset}; see {@link #putLong}.
     *
     * @param index the slot
     * @param stamp the stamp {@code beginWrite(index)} returned to this thread
     * @param offset the byte offset of the field
     * @param value the field's new value
     * @throws IndexOutOfBoundsException if {@code index} or the bytes are out of range
     * @throws IllegalStateException if this handle is closed or {@code stamp} is not the write's
     */
    void putFloat(int index, long stamp, int offset, float value);

    /**
     * Writes {@code value} as the 8 bytes at {@code offset}; see {@link #putLong}.
     *
     * @param index the slot
     * @param stamp the stamp {@code beginWrite(index)} returned to this thread
     * @param offset the byte offset of the field
     * @param value the field's new value
     * @throws IndexOutOfBoundsException if {@code index} or the bytes are out of range
     * @throws IllegalStateException if this handle is closed or {@code stamp} is not the write's
     */
    void putDouble(int index, long stamp, int offset, double value);

    /**
     * Writes {@code value} as the 2 bytes at {@code offset}; see {@link #putLong}.
     *
     * @param index the slot
     * @param stamp the stamp {@code beginWrite(index)} returned to this thread
     * @param offset the byte offset of the field
     * @param value the field's new value
     * @throws IndexOutOfBoundsException if {@code index} or the bytes are out of range
     * @throws IllegalStateException if this handle is closed or {@code stamp} is not the write's
     */
    void putShort(int index, long stamp, int offset, short value);

    /**
     * Writes {@code value} as the 2 bytes at {@code offset}; see {@link #putLong}.
     *
     * @param index the slot
     * @param stamp the stamp {@code beginWrite(index)} returned to this thread
     * @param offset the byte offset of the field
     * @param value the field's new value
     * @throws IndexOutOfBoundsException if {@code index} or the bytes are out of range
     * @throws IllegalStateException if this handle is closed or {@code stamp} is not the write's
     */
    void putChar(int index, long stamp, int offset, char value);

    /**
     * Writes {@code value} as the byte at {@code offset}; see {@link #putLong}.
     *
     * @param index the slot
     * @param stamp the stamp {@code beginWrite(index)} returned to this thread
     * @param offset the byte offset of the field
     * @param value the field's new value
     * @throws IndexOutOfBoundsException if {@code index} or the byte is out of range
     * @throws IllegalStateException if this handle is closed or {@code stamp} is not the write's
     */
    void putByte(int index, long stamp, int offset, byte value);

    /**
     * Writes {@code value} as the byte at {@code offset}, 1 or 0; see {@link #putLong}.
     *
     * @param index the slot
     * @param stamp the stamp {@code beginWrite(index)} returned to this thread
     * @param offset the byte offset of the field
     * @param value the field's new value
     * @throws IndexOutOfBoundsException if {@code index} or the byte is out of range
     * @throws IllegalStateException if this handle is closed or {@code stamp} is not the write's
     */
    void putBoolean(int index, long stamp, int offset, boolean value);

    /**
     * Ends the write {@code stamp} started on slot {@code index}, publishing its fields as the slot's
     * next version; see {@link dev.seqlock.SeqLockArray#endWrite}.
     *
     * @param index the slot
     * @param stamp the stamp {@code beginWrite(index)} returned
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalStateException if this handle is closed or {@code stamp} is not the stamp of the
     *     slot's write in progress; nothing changes then
     */
    void endWrite(int index, long stamp);
  }
}
