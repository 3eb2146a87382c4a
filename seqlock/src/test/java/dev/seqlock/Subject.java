package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.MaybeTorn;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * One value under test, whichever facade holds it: a {@link SeqLock} ({@link OfLock}) or one slot of a
 * {@link SeqLockArray} ({@link OfSlot}). Its methods are the per-value methods the two facades share,
 * without the index: each calls the facade's public method of the same name ({@code read()} is
 * {@link SeqLock#read()} or {@link SeqLockArray#read(int) read(index)}), so a test written against a
 * subject tests both. {@link Facade} makes subjects; {@link #neighbours()} gives the other values of the
 * same lock or array, which an operation on this one must leave alone, and the record components the
 * lock or array itself, for checks only one facade has. White-box tests reach the value's words through
 * {@link #engine()} and {@link #slot()}.
 */
sealed interface Subject<T> permits Subject.OfLock, Subject.OfSlot {
  ByteCodec<T> codec();

  T read();

  long readInto(MaybeTorn<T> destination);

  @Nullable T tryRead();

  long tryReadInto(MaybeTorn<T> destination);

  long readIfNewer(long lastSeenVersion, MaybeTorn<T> destination);

  void write(T value);

  void writeFrom(MaybeTorn<T> source);

  T update(UnaryOperator<T> function);

  long version();

  long tryOptimisticRead();

  long getLong(long stamp, int offset);

  int getInt(long stamp, int offset);

  short getShort(long stamp, int offset);

  byte getByte(long stamp, int offset);

  double getDouble(long stamp, int offset);

  float getFloat(long stamp, int offset);

  char getChar(long stamp, int offset);

  boolean getBoolean(long stamp, int offset);

  boolean validate(long stamp);

  long beginWrite();

  void putLong(long stamp, int offset, long value);

  void putInt(long stamp, int offset, int value);

  void putShort(long stamp, int offset, short value);

  void putByte(long stamp, int offset, byte value);

  void putDouble(long stamp, int offset, double value);

  void putFloat(long stamp, int offset, float value);

  void putChar(long stamp, int offset, char value);

  void putBoolean(long stamp, int offset, boolean value);

  void endWrite(long stamp);

  /** The engine holding this value (white box): the lock, or the array. */
  SeqLockEngine<T> engine();

  /** This value's slot of {@link #engine()} (white box): 0 for a lock, the index for a slot. */
  int slot();

  /**
   * Every value of the lock or array this one belongs to, in slot order, this one included: the lock
   * alone, or every slot of the array.
   */
  List<Subject<T>> everyValue();

  /** The other values of this one's lock or array: none for a lock, the other slots for a slot. */
  default List<Subject<T>> neighbours() {
    return everyValue().stream().filter(value -> !value.equals(this)).toList();
  }

  /** Every slot of {@code array}, in slot order. */
  static <T> List<Subject<T>> everySlot(SeqLockArray<T> array) {
    return IntStream.range(0, array.length())
        .<Subject<T>>mapToObj(index -> new OfSlot<>(array, index))
        .toList();
  }

  /** The value of a {@link SeqLock}. */
  record OfLock<T>(SeqLock<T> lock) implements Subject<T> {
    @Override
    public ByteCodec<T> codec() {
      return lock.codec();
    }

    @Override
    public T read() {
      return lock.read();
    }

    @Override
    public long readInto(MaybeTorn<T> destination) {
      return lock.readInto(destination);
    }

    @Override
    public @Nullable T tryRead() {
      return lock.tryRead();
    }

    @Override
    public long tryReadInto(MaybeTorn<T> destination) {
      return lock.tryReadInto(destination);
    }

    @Override
    public long readIfNewer(long lastSeenVersion, MaybeTorn<T> destination) {
      return lock.readIfNewer(lastSeenVersion, destination);
    }

    @Override
    public void write(T value) {
      lock.write(value);
    }

    @Override
    public void writeFrom(MaybeTorn<T> source) {
      lock.writeFrom(source);
    }

    @Override
    public T update(UnaryOperator<T> function) {
      return lock.update(function);
    }

    @Override
    public long version() {
      return lock.version();
    }

    @Override
    public long tryOptimisticRead() {
      return lock.tryOptimisticRead();
    }

    @Override
    public long getLong(long stamp, int offset) {
      return lock.getLong(stamp, offset);
    }

    @Override
    public int getInt(long stamp, int offset) {
      return lock.getInt(stamp, offset);
    }

    @Override
    public short getShort(long stamp, int offset) {
      return lock.getShort(stamp, offset);
    }

    @Override
    public byte getByte(long stamp, int offset) {
      return lock.getByte(stamp, offset);
    }

    @Override
    public double getDouble(long stamp, int offset) {
      return lock.getDouble(stamp, offset);
    }

    @Override
    public float getFloat(long stamp, int offset) {
      return lock.getFloat(stamp, offset);
    }

    @Override
    public char getChar(long stamp, int offset) {
      return lock.getChar(stamp, offset);
    }

    @Override
    public boolean getBoolean(long stamp, int offset) {
      return lock.getBoolean(stamp, offset);
    }

    @Override
    public boolean validate(long stamp) {
      return lock.validate(stamp);
    }

    @Override
    public long beginWrite() {
      return lock.beginWrite();
    }

    @Override
    public void putLong(long stamp, int offset, long value) {
      lock.putLong(stamp, offset, value);
    }

    @Override
    public void putInt(long stamp, int offset, int value) {
      lock.putInt(stamp, offset, value);
    }

    @Override
    public void putShort(long stamp, int offset, short value) {
      lock.putShort(stamp, offset, value);
    }

    @Override
    public void putByte(long stamp, int offset, byte value) {
      lock.putByte(stamp, offset, value);
    }

    @Override
    public void putDouble(long stamp, int offset, double value) {
      lock.putDouble(stamp, offset, value);
    }

    @Override
    public void putFloat(long stamp, int offset, float value) {
      lock.putFloat(stamp, offset, value);
    }

    @Override
    public void putChar(long stamp, int offset, char value) {
      lock.putChar(stamp, offset, value);
    }

    @Override
    public void putBoolean(long stamp, int offset, boolean value) {
      lock.putBoolean(stamp, offset, value);
    }

    @Override
    public void endWrite(long stamp) {
      lock.endWrite(stamp);
    }

    @Override
    public SeqLockEngine<T> engine() {
      return lock;
    }

    @Override
    public int slot() {
      return 0;
    }

    @Override
    public List<Subject<T>> everyValue() {
      return List.of(this);
    }
  }

  /** Slot {@code index} of a {@link SeqLockArray}. */
  record OfSlot<T>(SeqLockArray<T> array, int index) implements Subject<T> {
    @Override
    public ByteCodec<T> codec() {
      return array.codec();
    }

    @Override
    public T read() {
      return array.read(index);
    }

    @Override
    public long readInto(MaybeTorn<T> destination) {
      return array.readInto(index, destination);
    }

    @Override
    public @Nullable T tryRead() {
      return array.tryRead(index);
    }

    @Override
    public long tryReadInto(MaybeTorn<T> destination) {
      return array.tryReadInto(index, destination);
    }

    @Override
    public long readIfNewer(long lastSeenVersion, MaybeTorn<T> destination) {
      return array.readIfNewer(index, lastSeenVersion, destination);
    }

    @Override
    public void write(T value) {
      array.write(index, value);
    }

    @Override
    public void writeFrom(MaybeTorn<T> source) {
      array.writeFrom(index, source);
    }

    @Override
    public T update(UnaryOperator<T> function) {
      return array.update(index, function);
    }

    @Override
    public long version() {
      return array.version(index);
    }

    @Override
    public long tryOptimisticRead() {
      return array.tryOptimisticRead(index);
    }

    @Override
    public long getLong(long stamp, int offset) {
      return array.getLong(index, stamp, offset);
    }

    @Override
    public int getInt(long stamp, int offset) {
      return array.getInt(index, stamp, offset);
    }

    @Override
    public short getShort(long stamp, int offset) {
      return array.getShort(index, stamp, offset);
    }

    @Override
    public byte getByte(long stamp, int offset) {
      return array.getByte(index, stamp, offset);
    }

    @Override
    public double getDouble(long stamp, int offset) {
      return array.getDouble(index, stamp, offset);
    }

    @Override
    public float getFloat(long stamp, int offset) {
      return array.getFloat(index, stamp, offset);
    }

    @Override
    public char getChar(long stamp, int offset) {
      return array.getChar(index, stamp, offset);
    }

    @Override
    public boolean getBoolean(long stamp, int offset) {
      return array.getBoolean(index, stamp, offset);
    }

    @Override
    public boolean validate(long stamp) {
      return array.validate(index, stamp);
    }

    @Override
    public long beginWrite() {
      return array.beginWrite(index);
    }

    @Override
    public void putLong(long stamp, int offset, long value) {
      array.putLong(index, stamp, offset, value);
    }

    @Override
    public void putInt(long stamp, int offset, int value) {
      array.putInt(index, stamp, offset, value);
    }

    @Override
    public void putShort(long stamp, int offset, short value) {
      array.putShort(index, stamp, offset, value);
    }

    @Override
    public void putByte(long stamp, int offset, byte value) {
      array.putByte(index, stamp, offset, value);
    }

    @Override
    public void putDouble(long stamp, int offset, double value) {
      array.putDouble(index, stamp, offset, value);
    }

    @Override
    public void putFloat(long stamp, int offset, float value) {
      array.putFloat(index, stamp, offset, value);
    }

    @Override
    public void putChar(long stamp, int offset, char value) {
      array.putChar(index, stamp, offset, value);
    }

    @Override
    public void putBoolean(long stamp, int offset, boolean value) {
      array.putBoolean(index, stamp, offset, value);
    }

    @Override
    public void endWrite(long stamp) {
      array.endWrite(index, stamp);
    }

    @Override
    public SeqLockEngine<T> engine() {
      return array;
    }

    @Override
    public int slot() {
      return index;
    }

    @Override
    public List<Subject<T>> everyValue() {
      return everySlot(array);
    }
  }
}
