package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.ByteImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
   * A {@code long} codec of 16 bytes (the long, then eight zero bytes): its holders are
   * {@code MaybeTorn<Long>} of the wrong size for {@link ByteCodecs#ofLong()}.
   */
  static final class PaddedLongCodec implements ByteCodec<Long> {
    @Override
    public int byteSize() {
      return 2 * Long.BYTES;
    }

    @Override
    public void encode(Long value, ByteImage target, int offset) {
      target.putLong(offset, value);
      target.putLong(offset + Long.BYTES, 0);
    }

    @Override
    public Long decode(ByteImage source, int offset) {
      return source.getLong(offset);
    }

    @Override
    public String toString() {
      return "padded long";
    }
  }

  /**
   * The values and versions of every slot of a {@code SeqLockArray<Long>}, slot by slot, or of every
   * value of a subject's lock or array ({@link Subject#everyValue()}; a lock's one value is slot 0).
   */
  record SlotStates(List<Long> values, List<Long> versions) {
    /** Reads every slot's value and version. */
    static SlotStates of(SeqLockArray<Long> array) {
      return of(Subject.everySlot(array));
    }

    /** Reads the value and version of every value of {@code subject}'s lock or array. */
    static SlotStates of(Subject<Long> subject) {
      return of(subject.everyValue());
    }

    private static SlotStates of(List<Subject<Long>> slots) {
      List<Long> values = new ArrayList<>();
      List<Long> versions = new ArrayList<>();
      for (Subject<Long> slot : slots) {
        values.add(slot.read());
        versions.add(slot.version());
      }
      return new SlotStates(List.copyOf(values), List.copyOf(versions));
    }
  }

  /** The value {@link #distinctSlots} leaves in slot {@code slot}. */
  static long distinctValue(int slot) {
    return 100L * (slot + 1) + slot;
  }

  /**
   * Gives every slot of {@code array} a value and a version of its own: slot {@code i} is written
   * {@code i + 1} times, last with {@link #distinctValue(int) distinctValue(i)}, so it is at version
   * {@code 2 * (i + 1)}. Returns the states, checked.
   */
  static SlotStates distinctSlots(SeqLockArray<Long> array) {
    return distinctSlots(Subject.everySlot(array));
  }

  /**
   * Gives every value of {@code subject}'s lock or array a value and a version of its own, as
   * {@link #distinctSlots(SeqLockArray)} does (a lock's one value is slot 0). Returns the states,
   * checked.
   */
  static SlotStates distinctSlots(Subject<Long> subject) {
    return distinctSlots(subject.everyValue());
  }

  private static SlotStates distinctSlots(List<Subject<Long>> slots) {
    for (int slot = 0; slot < slots.size(); slot++) {
      for (int k = slot; k >= 0; k--) {
        slots.get(slot).write(distinctValue(slot) - k);
      }
    }
    SlotStates states = SlotStates.of(slots);
    for (int slot = 0; slot < slots.size(); slot++) {
      assertEquals(distinctValue(slot), states.values().get(slot), "value of slot " + slot);
      assertEquals(2L * (slot + 1), states.versions().get(slot), "version of slot " + slot);
    }
    return states;
  }

  /**
   * Checks that every slot of {@code array} still holds the value and version of {@code before}, that
   * no write is in progress on any slot (a single attempt succeeds) and that every slot takes a write
   * from another thread: after a rejected or failed call, nothing changed and nothing is left held.
   */
  static void assertUnchangedAndFree(SeqLockArray<Long> array, SlotStates before) {
    assertUnchangedAndFree(Subject.everySlot(array), before);
  }

  /**
   * Checks that every value of {@code subject}'s lock or array still holds the value and version of
   * {@code before}, is not being written and takes a write from another thread, as
   * {@link #assertUnchangedAndFree(SeqLockArray, SlotStates)} does: after a rejected or failed call on
   * the subject, nothing changed, in it or beside it, and nothing is left held.
   */
  static void assertUnchangedAndFree(Subject<Long> subject, SlotStates before) {
    assertUnchangedAndFree(subject.everyValue(), before);
  }

  private static void assertUnchangedAndFree(List<Subject<Long>> slots, SlotStates before) {
    int length = slots.size();
    assertEquals(before.values().size(), length, "length");
    for (int slot = 0; slot < length; slot++) {
      long value = before.values().get(slot);
      assertEquals(before.versions().get(slot), slots.get(slot).version(), "version of slot " + slot);
      assertEquals(value, slots.get(slot).read(), "value of slot " + slot);
      assertEquals(
          value,
          slots.get(slot).tryRead(),
          "a single attempt on slot " + slot + ": no write in progress");
    }
    assertTimeoutPreemptively(
        WriterThreads.TIMEOUT,
        () -> {
          for (int slot = 0; slot < length; slot++) {
            slots.get(slot).write(before.values().get(slot) + 1);
          }
        },
        "a write to every slot from another thread did not complete");
    for (int slot = 0; slot < length; slot++) {
      assertEquals(
          before.values().get(slot) + 1,
          slots.get(slot).read(),
          "slot " + slot + " written afterwards");
      assertEquals(
          before.versions().get(slot) + 2,
          slots.get(slot).version(),
          "slot " + slot + "'s version after");
    }
  }
}
