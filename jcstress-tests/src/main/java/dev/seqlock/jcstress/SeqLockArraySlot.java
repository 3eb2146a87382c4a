package dev.seqlock.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seqlock.SeqLockArray;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import org.jspecify.annotations.Nullable;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Ref;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * Reader against writer on one slot of a {@link SeqLockArray#create} array ({@link Create}) and of a
 * {@link SeqLockArray#latched} one ({@link Latched}), with its neighbours written in the same race, for
 * values of 8, 13, 24, 64 and 200 bytes: a slot's snapshot is never torn, holds no byte of a
 * neighbouring slot, and its version matches its value.
 *
 * <p>Per size, an array of three slots starts all-zero at version 0. The writer writes slot 1 with the
 * value whose byte {@code k} is {@code k + 1} (version 2) and, around it, slots 0 and 2 with values of
 * other bytes, so a slot-indexing mistake would put foreign bytes into slot 1; the latched writer then
 * writes slot 1 a second time, with {@link SeqLockSnapshots#lastValue} (version 4), since a latched read
 * fails only if a second write begins during it. The reader makes one optimistic attempt on slot 1
 * with {@link SeqLockArray#tryRead(int)} and, if a write interfered, reads it with
 * {@link SeqLockArray#readInto(int, MaybeTorn)}. The grades are {@link SeqLockSnapshots}':
 * {@code O}/{@code N}/{@code L} (old/new/last), lower case after a failed optimistic attempt (the race
 * window was hit, which the CI gate requires), {@code T} torn or foreign bytes and {@code V} a version
 * that does not match, both forbidden. The 13- and 64-byte arrays are written with field writes
 * ({@link SeqLockArray#beginWrite(int)}, {@code putLong}, {@code endWrite}; the latched second write
 * puts only the long at offset 0, so the rest of the slot must come from its previous version), the
 * others with {@code writeFrom}.
 */
public final class SeqLockArraySlot {
  private static final int SLOT = 1;

  private SeqLockArraySlot() {}

  /** Three-slot arrays, one per size, and what the reader saw. */
  abstract static class Arrays3 {
    private final SeqLockArray<byte[]>[] arrays;
    private final MaybeTorn<byte[]>[] next;
    private final MaybeTorn<byte[]>[] last;
    private final MaybeTorn<byte[]>[] neighbour;
    private final MaybeTorn<byte[]>[] seen;
    private final char[] grades = new char[SeqLockSnapshots.SIZES.length];
    private final boolean twice;

    @SuppressWarnings({"unchecked", "rawtypes"}) // generic arrays, filled right below
    Arrays3(boolean latched) {
      this.twice = latched;
      int sizes = SeqLockSnapshots.SIZES.length;
      arrays = new SeqLockArray[sizes];
      next = new MaybeTorn[sizes];
      last = new MaybeTorn[sizes];
      neighbour = new MaybeTorn[sizes];
      seen = new MaybeTorn[sizes];
      for (int i = 0; i < sizes; i++) {
        int size = SeqLockSnapshots.SIZES[i];
        ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(size);
        arrays[i] =
            latched
                ? SeqLockArray.latched(codec, 3, new byte[size])
                : SeqLockArray.create(codec, 3, new byte[size]);
        next[i] = MaybeTorn.of(codec, SeqLockSnapshots.newValue(size));
        last[i] =
            MaybeTorn.of(codec, SeqLockSnapshots.lastValue(size, SeqLockSnapshots.FIELD_WRITES[i]));
        byte[] other = new byte[size];
        // 240: neither old (0), new (k + 1 <= 200) nor last (k + 101 mod 256: 240 only at k = 139,
        // where the other bytes still tell)
        java.util.Arrays.fill(other, (byte) 0xF0);
        neighbour[i] = MaybeTorn.of(codec, other);
        seen[i] = MaybeTorn.allocate(codec);
      }
    }

    /**
     * Writes slot 1 of every array between writes of its neighbours: with writeFrom, or, for the sizes
     * {@link SeqLockSnapshots#FIELD_WRITES} marks, with field writes (a part stored into the wrong slot
     * would show as a neighbour's bytes); latched, slot 1 once more.
     */
    final void writeAll() {
      for (int i = 0; i < arrays.length; i++) {
        if (SeqLockSnapshots.FIELD_WRITES[i]) {
          writeFields(arrays[i], SLOT - 1, neighbour[i]);
          writeFields(arrays[i], SLOT, next[i]);
          writeFields(arrays[i], SLOT + 1, neighbour[i]);
          if (twice) {
            long stamp = arrays[i].beginWrite(SLOT);
            try {
              arrays[i].putLong(SLOT, stamp, 0, last[i].bytes().getLong(0));
            } finally {
              arrays[i].endWrite(SLOT, stamp);
            }
          }
        } else {
          arrays[i].writeFrom(SLOT - 1, neighbour[i]);
          arrays[i].writeFrom(SLOT, next[i]);
          arrays[i].writeFrom(SLOT + 1, neighbour[i]);
          if (twice) {
            arrays[i].writeFrom(SLOT, last[i]);
          }
        }
      }
    }

    /** Writes {@code value} into slot {@code index} with one field write, as SeqLockSnapshots does. */
    private static void writeFields(
        SeqLockArray<byte[]> array, int index, MaybeTorn<byte[]> value) {
      int size = value.byteSize();
      long stamp = array.beginWrite(index);
      try {
        for (int offset = 0; offset + Long.BYTES <= size; offset += Long.BYTES) {
          array.putLong(index, stamp, offset, value.bytes().getLong(offset));
        }
        if (size % Long.BYTES != 0) { // the last 8 bytes, across a word boundary
          array.putLong(index, stamp, size - Long.BYTES, value.bytes().getLong(size - Long.BYTES));
        }
      } finally {
        array.endWrite(index, stamp);
      }
    }

    /** Reads slot 1 of every array: one optimistic attempt, then a full read if it failed. */
    final void readAll() {
      for (int i = 0; i < arrays.length; i++) {
        byte @Nullable [] lastBytes = twice ? last[i].bytes().toByteArray() : null;
        byte @Nullable [] value = arrays[i].tryRead(SLOT);
        if (value != null) {
          grades[i] = SeqLockSnapshots.grade(value, lastBytes, -1);
        } else {
          long version = arrays[i].readInto(SLOT, seen[i]);
          grades[i] = Character.toLowerCase(
              SeqLockSnapshots.grade(seen[i].bytes().toByteArray(), lastBytes, version));
        }
      }
    }

    final String result() {
      return new String(grades);
    }
  }

  /** Slot 1 of {@link SeqLockArray#create} arrays. */
  @JCStressTest
  @Description("SeqLockArray.create: reader vs writer on a slot between written neighbours; never torn.")
  @Ref("https://rust-lang.github.io/rfcs/3301-atomic-memcpy.html")
  @Ref("https://www.hpl.hp.com/techreports/2012/HPL-2012-68.pdf")
  @Outcome(id = "[ON]{5}", expect = ACCEPTABLE, desc = "Each read saw the old or the new value.")
  @Outcome(
      id = "[ONon]{5}",
      expect = ACCEPTABLE_INTERESTING,
      desc = "A write interfered with an optimistic attempt; the retried read was consistent.")
  @Outcome(id = ".*[Tt].*", expect = FORBIDDEN, desc = "Torn snapshot or a neighbour's bytes.")
  @Outcome(id = ".*[Vv].*", expect = FORBIDDEN, desc = "The version does not match the value.")
  @State
  public static class Create extends Arrays3 {
    /** Public no-argument constructor, for jcstress. */
    public Create() {
      super(false);
    }

    /** Writes slot 1 of every array, between its neighbours. */
    @Actor
    public void writer() {
      writeAll();
    }

    /** Reads slot 1 of every array. */
    @Actor
    public void reader() {
      readAll();
    }

    /** Reports the grades. */
    @Arbiter
    public void report(L_Result r) {
      r.r1 = result();
    }
  }

  /** Slot 1 of {@link SeqLockArray#latched} arrays, written twice. */
  @JCStressTest
  @Description(
      "SeqLockArray.latched: reader vs writer writing a slot twice between written neighbours;"
          + " never torn.")
  @Ref("https://rust-lang.github.io/rfcs/3301-atomic-memcpy.html")
  @Ref("https://lwn.net/Articles/580879/")
  @Outcome(
      id = "[ONL]{5}",
      expect = ACCEPTABLE,
      desc = "Each read saw the old, the new or the last value.")
  @Outcome(
      id = "[ONLonl]{5}",
      expect = ACCEPTABLE_INTERESTING,
      desc = "A write to the copy an optimistic attempt read began; the retried read was consistent.")
  @Outcome(id = ".*[Tt].*", expect = FORBIDDEN, desc = "Torn snapshot or a neighbour's bytes.")
  @Outcome(id = ".*[Vv].*", expect = FORBIDDEN, desc = "The version does not match the value.")
  @State
  public static class Latched extends Arrays3 {
    /** Public no-argument constructor, for jcstress. */
    public Latched() {
      super(true);
    }

    /** Writes slot 1 of every array twice, between its neighbours. */
    @Actor
    public void writer() {
      writeAll();
    }

    /** Reads slot 1 of every array. */
    @Actor
    public void reader() {
      readAll();
    }

    /** Reports the grades. */
    @Arbiter
    public void report(L_Result r) {
      r.r1 = result();
    }
  }
}
