package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.shared.SharedSeqLockArray;
import dev.seqlock.shared.WriterState;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@link SharedSeqLockArray}: the latched protocol ({@link SeqLockEngine}) over the slots of a
 * mapped file ({@link SeqLockFile}), read-only for a reader; {@link Writing} adds the writes.
 *
 * @param <T> the type of the values
 */
sealed class MappedSeqLockArray<T> extends SeqLockEngine<T> implements SharedSeqLockArray<T>
    permits MappedSeqLockArray.Writing {
  /*
   * Algorithmic notes
   *
   * The protocol is SeqLockEngine's with two copies; its notes give the argument, which holds for a
   * file's memory as for a buffer's (SlotWords' notes: the same instructions order memory for every
   * process that maps it), and how a writer completes the writes a dead writer abandoned. A reader's
   * role is WriterRole.ReadOnly (its reads never write the file); a writer's is Trusted, within the
   * process that holds the file's lock.
   *
   * Closed handles. liveLength is the length while the handle is open and 0 once it is closed, so
   * the one compare that checks a slot index also rejects calls after close, at no cost to the read
   * path; the exception then says which it was. It is a plain field: a call that happens after
   * close sees it (program order, or whatever ordered the call after close); a call racing with
   * close may pass and read, safely, since the mapping outlives the handle (SeqLockFile's notes).
   */

  /** The handle's file side: path, channels, the writer role. */
  final SeqLockFile file;

  /** The length while open, 0 once closed (the notes). */
  private int liveLength;

  /** Whether this handle is closed; read by the calls that take no index. */
  private volatile boolean closed;

  MappedSeqLockArray(
      SeqLockFile file,
      ByteCodec<T> codec,
      int length,
      SlotWords<T> words,
      LongBuffer versions,
      WriterRole role) {
    super(codec, length, words, role, versions);
    this.file = file;
    this.liveLength = length;
  }

  /** Throws if this handle is closed. */
  final void checkOpen() {
    if (closed) {
      throw closedException();
    }
  }

  private IllegalStateException closedException() {
    return new IllegalStateException(file.path + ": this handle is closed");
  }

  /** Returns {@code index} if it is a slot of an open handle, else throws (the notes). */
  final int checkIndex(int index) {
    if (index < 0 || index >= liveLength) {
      checkOpen();
      throw new IndexOutOfBoundsException("index must be in [0, " + length + "): " + index);
    }
    return index;
  }

  @Override
  public int length() {
    checkOpen();
    return length;
  }

  @Override
  public ByteCodec<T> codec() {
    return codec;
  }

  @Override
  public Path file() {
    return file.path;
  }

  @Override
  public T read(int index) {
    return readValue(checkIndex(index));
  }

  @Override
  public long readInto(int index, MaybeTorn<T> destination) {
    checkIndex(index);
    SeqLock.checkHolder(this, destination, "destination");
    return readIntoAt(index, destination);
  }

  @Override
  public long tryReadInto(int index, MaybeTorn<T> destination) {
    checkIndex(index);
    SeqLock.checkHolder(this, destination, "destination");
    return attempt(index, destination);
  }

  @Override
  public long readIfNewer(int index, long lastSeenVersion, MaybeTorn<T> destination) {
    checkIndex(index);
    SeqLock.checkHolder(this, destination, "destination");
    return readIfNewerAt(index, lastSeenVersion, destination);
  }

  @Override
  public int changedSlots(long[] lastSeenVersions, int[] into) {
    SeqLockArray.checkScan(lastSeenVersions, into, length);
    checkOpen();
    return changedSlotsAt(lastSeenVersions, into);
  }

  @Override
  public long version(int index) {
    return versionAt(checkIndex(index));
  }

  @Override
  public long tryOptimisticRead(int index) {
    return stampAt(checkIndex(index));
  }

  @Override
  public long getLong(int index, long stamp, int offset) {
    return longAt(checkIndex(index), stamp, offset);
  }

  @Override
  public int getInt(int index, long stamp, int offset) {
    return intAt(checkIndex(index), stamp, offset);
  }

  @Override
  public float getFloat(int index, long stamp, int offset) {
    return Float.intBitsToFloat(getInt(index, stamp, offset));
  }

  @Override
  public double getDouble(int index, long stamp, int offset) {
    return Double.longBitsToDouble(getLong(index, stamp, offset));
  }

  @Override
  public short getShort(int index, long stamp, int offset) {
    return shortAt(checkIndex(index), stamp, offset);
  }

  @Override
  public char getChar(int index, long stamp, int offset) {
    return (char) getShort(index, stamp, offset);
  }

  @Override
  public byte getByte(int index, long stamp, int offset) {
    return byteAt(checkIndex(index), stamp, offset);
  }

  @Override
  public boolean getBoolean(int index, long stamp, int offset) {
    return getByte(index, stamp, offset) != 0;
  }

  @Override
  public boolean validate(int index, long stamp) {
    return validateAt(checkIndex(index), stamp);
  }

  @Override
  public WriterState writerState() {
    checkOpen();
    return file.writerState();
  }

  @Override
  public void close() {
    closed = true;
    liveLength = 0;
    file.close();
  }

  /**
   * Describes this handle without reading any slot.
   *
   * @return the file, the role, the codec and the length
   */
  @Override
  public String toString() {
    return "SharedSeqLockArray[" + file.path + ", " + (this instanceof Writing ? "writer" : "reader")
        + ", codec=" + codec + ", length=" + length + (closed ? ", closed" : "") + "]";
  }

  /** The writer's handle. */
  static final class Writing<T> extends MappedSeqLockArray<T>
      implements SharedSeqLockArray.Writer<T> {

    Writing(
        SeqLockFile file,
        ByteCodec<T> codec,
        int length,
        SlotWords<T> words,
        LongBuffer versions,
        WriterRole role) {
      super(file, codec, length, words, versions, role);
    }

    /**
     * Completes every write a dead writer abandoned (SeqLockEngine.completeAbandonedWrite), then
     * stores every slot's version for the change scan, which the dead writer may not have (its
     * notes, Change scan); returns how many writes it completed.
     */
    int completeAbandonedWrites() {
      int completed = 0;
      for (int slot = 0; slot < length; slot++) {
        if (completeAbandonedWrite(slot)) {
          completed++;
        }
        republishVersion(slot);
      }
      return completed;
    }

    @Override
    public void write(int index, T value) {
      checkIndex(index);
      Objects.requireNonNull(value, "value");
      writeValue(index, value);
    }

    @Override
    public void writeFrom(int index, MaybeTorn<T> source) {
      checkIndex(index);
      SeqLock.checkHolder(this, source, "source");
      writeFromHolder(index, source);
    }

    @Override
    public long beginWrite(int index) {
      return beginFieldWrite(checkIndex(index));
    }

    @Override
    public void putLong(int index, long stamp, int offset, long value) {
      putLongAt(checkIndex(index), stamp, offset, value);
    }

    @Override
    public void putInt(int index, long stamp, int offset, int value) {
      putIntAt(checkIndex(index), stamp, offset, value);
    }

    @Override
    public void putFloat(int index, long stamp, int offset, float value) {
      putInt(index, stamp, offset, Float.floatToRawIntBits(value));
    }

    @Override
    public void putDouble(int index, long stamp, int offset, double value) {
      putLong(index, stamp, offset, Double.doubleToRawLongBits(value));
    }

    @Override
    public void putShort(int index, long stamp, int offset, short value) {
      putShortAt(checkIndex(index), stamp, offset, value);
    }

    @Override
    public void putChar(int index, long stamp, int offset, char value) {
      putShort(index, stamp, offset, (short) value);
    }

    @Override
    public void putByte(int index, long stamp, int offset, byte value) {
      putByteAt(checkIndex(index), stamp, offset, value);
    }

    @Override
    public void putBoolean(int index, long stamp, int offset, boolean value) {
      putByte(index, stamp, offset, (byte) (value ? 1 : 0));
    }

    @Override
    public void endWrite(int index, long stamp) {
      endFieldWrite(checkIndex(index), stamp);
    }
  }
}
