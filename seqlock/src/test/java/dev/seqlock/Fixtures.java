package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.ByteImage;
import java.util.Arrays;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/** Values, codecs and checks shared by the tests of this package. */
final class Fixtures {
  private Fixtures() {}

  /**
   * A 48-byte value whose last component is a checksum of the others, and whose other components are
   * all derived from {@code counter}: a snapshot mixing the words of two writes fails {@link
   * #isConsistent()} (every word differs between any two counters).
   */
  record Checked(long counter, long square, long inverted, long rotated, long mixed, long checksum) {
    static Checked of(long counter) {
      long square = counter * counter;
      long inverted = ~counter;
      long rotated = Long.rotateLeft(counter, 29);
      long mixed = counter * 0x9E3779B97F4A7C15L;
      return new Checked(
          counter, square, inverted, rotated, mixed, checksum(counter, square, inverted, rotated, mixed));
    }

    static long checksum(long counter, long square, long inverted, long rotated, long mixed) {
      long h = 0x243F6A8885A308D3L;
      h = (h ^ counter) * 0x100000001B3L;
      h = (h ^ square) * 0x100000001B3L;
      h = (h ^ inverted) * 0x100000001B3L;
      h = (h ^ rotated) * 0x100000001B3L;
      return (h ^ mixed) * 0x100000001B3L;
    }

    /** Whether the checksum matches and every component is the one {@link #of} derives. */
    boolean isConsistent() {
      return checksum == checksum(counter, square, inverted, rotated, mixed) && equals(of(counter));
    }
  }

  /** The codec of {@link Checked}, derived by {@link ByteCodecs#ofRecord}. */
  static final ByteCodec<Checked> CHECKED = ByteCodecs.ofRecord(Checked.class);

  /** Elements of {@link #LONGS}: 25 longs, 200 bytes. */
  static final int LONG_COUNT = 25;

  /** A 200-byte value: {@value #LONG_COUNT} longs, all equal to one counter. */
  static final ByteCodec<long[]> LONGS = ByteCodecs.ofLongArray(LONG_COUNT);

  /**
   * A value under stress: built from a counter, checked for consistency, and mapped back to the
   * counter. The writers of the stress tests write counter {@code n} as their {@code n}-th write, so
   * a snapshot of version {@code v} must hold counter {@code v / 2}.
   */
  record Kind<T>(String name, ByteCodec<T> codec, LongFunction<T> valueOf, ToLongFunction<T> counterOf) {
    /** Checks that {@code value} is consistent and returns its counter. */
    long counter(T value) {
      return counterOf.applyAsLong(value);
    }

    T value(long counter) {
      return valueOf.apply(counter);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The 48-byte record of six longs, the last a checksum. */
  static final Kind<Checked> SIX_LONGS_WITH_CHECKSUM =
      new Kind<>("48-byte record with checksum", CHECKED, Checked::of, Fixtures::counterOfChecked);

  /** The 200-byte array of 25 equal longs. */
  static final Kind<long[]> TWENTY_FIVE_EQUAL_LONGS =
      new Kind<>("200-byte long[25]", LONGS, Fixtures::equalLongs, Fixtures::counterOfEqualLongs);

  static long[] equalLongs(long counter) {
    long[] longs = new long[LONG_COUNT];
    Arrays.fill(longs, counter);
    return longs;
  }

  private static long counterOfChecked(Checked value) {
    if (!value.isConsistent()) {
      throw new AssertionError("torn snapshot: " + value);
    }
    return value.counter();
  }

  private static long counterOfEqualLongs(long[] value) {
    for (long element : value) {
      if (element != value[0]) {
        throw new AssertionError("torn snapshot: " + Arrays.toString(value));
      }
    }
    return value[0];
  }

  /** A primitive-only record for the allocation tests: one component of each primitive type. */
  record Primitives(
      long aLong, double aDouble, int anInt, float aFloat, short aShort, char aChar, byte aByte,
      boolean aBoolean) {}

  /** Thrown by {@link PoisonableCodec} on its poisoned value. */
  static final class PoisonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PoisonException() {
      super("poisoned value");
    }
  }

  /**
   * A {@code long} codec that, given {@link #POISON}, scribbles over the target's bytes and then
   * throws {@link PoisonException}: a codec failing halfway through encoding.
   */
  static final class PoisonableCodec implements ByteCodec<Long> {
    static final long POISON = -13;

    private final ByteCodec<Long> delegate = ByteCodecs.ofLong();

    @Override
    public int byteSize() {
      return delegate.byteSize();
    }

    @Override
    public void encode(Long value, ByteImage target, int offset) {
      if (value == POISON) {
        target.putInt(offset, 0xBADC0DE);
        throw new PoisonException();
      }
      delegate.encode(value, target, offset);
    }

    @Override
    public Long decode(ByteImage source, int offset) {
      return delegate.decode(source, offset);
    }

    @Override
    public String toString() {
      return "poisonable long";
    }
  }

  /** A {@code long} codec that encodes but refuses to decode. */
  static final class UndecodableCodec implements ByteCodec<Long> {
    private final ByteCodec<Long> delegate = ByteCodecs.ofLong();

    @Override
    public int byteSize() {
      return delegate.byteSize();
    }

    @Override
    public void encode(Long value, ByteImage target, int offset) {
      delegate.encode(value, target, offset);
    }

    @Override
    public Long decode(ByteImage source, int offset) {
      throw new AssertionError("decode must not be called");
    }

    @Override
    public String toString() {
      return "undecodable long";
    }
  }

  /**
   * Checks that {@code lock} holds {@code value} at {@code version}, that no write is in progress (a
   * single attempt succeeds) and that the lock takes a write from another thread: after a failed
   * write, nothing changed and nothing is left held.
   */
  static void assertUnchangedAndFree(SeqLock<Long> lock, long value, long version) {
    assertEquals(version, lock.version(), "version");
    assertEquals(value, lock.read(), "value");
    assertEquals(value, lock.tryRead(), "a single attempt: no write left in progress");
    WriterThreads.writeFromAnotherThread(lock, value + 1);
    assertEquals(value + 1, lock.read(), "value written from another thread afterwards");
    assertEquals(version + 2, lock.version(), "version after that write");
  }
}
