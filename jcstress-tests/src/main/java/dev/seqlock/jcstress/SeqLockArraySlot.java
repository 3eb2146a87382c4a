package dev.seqlock.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seqlock.SeqLockArray;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import java.util.Arrays;
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
 * Reader against writer on one slot of a {@link SeqLockArray#create} array, with its neighbours written
 * in the same race, for values of 8, 13, 24, 64 and 200 bytes: a slot's snapshot is never torn, holds
 * no byte of a neighbouring slot, and its version matches its value.
 *
 * <p>Per size, an array of three slots starts all-zero at version 0. The writer writes slot 1 with the
 * value whose byte {@code k} is {@code k + 1} (version 2) and, around it, slots 0 and 2 with values of
 * other bytes, so a slot-indexing mistake would put foreign bytes into slot 1. The reader makes one
 * optimistic attempt on slot 1 with {@link SeqLockArray#tryRead(int)} and, if a write interfered, reads
 * it with {@link SeqLockArray#readInto(int, MaybeTorn)}. The grades are {@link SeqLockSnapshots}':
 * {@code O}/{@code N} (old/new), lower case after a failed optimistic attempt (the race window was hit,
 * which the CI gate requires), {@code T} torn or foreign bytes and {@code V} a version that does not
 * match, both forbidden. The 13- and 64-byte arrays are written with field writes
 * ({@link SeqLockArray#beginWrite(int)}, {@code putLong}, {@code endWrite}), the others with
 * {@code writeFrom}.
 */
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
public class SeqLockArraySlot {
  private static final int SLOT = 1;

  private final SeqLockArray<byte[]>[] arrays;
  private final MaybeTorn<byte[]>[] next;
  private final MaybeTorn<byte[]>[] neighbour;
  private final MaybeTorn<byte[]>[] seen;
  private final char[] grades = new char[SeqLockSnapshots.SIZES.length];

  /** Public no-argument constructor, for jcstress. */
  @SuppressWarnings({"unchecked", "rawtypes"}) // generic arrays, filled right below
  public SeqLockArraySlot() {
    int sizes = SeqLockSnapshots.SIZES.length;
    arrays = new SeqLockArray[sizes];
    next = new MaybeTorn[sizes];
    neighbour = new MaybeTorn[sizes];
    seen = new MaybeTorn[sizes];
    for (int i = 0; i < sizes; i++) {
      int size = SeqLockSnapshots.SIZES[i];
      ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(size);
      arrays[i] = SeqLockArray.create(codec, 3, new byte[size]);
      next[i] = MaybeTorn.of(codec, SeqLockSnapshots.newValue(size));
      byte[] other = new byte[size];
      Arrays.fill(other, (byte) 0xF0); // 240: neither old (0) nor new (k + 1 <= 200) at any k
      neighbour[i] = MaybeTorn.of(codec, other);
      seen[i] = MaybeTorn.allocate(codec);
    }
  }

  /**
   * Writes slot 1 of every array between writes of its neighbours: with writeFrom, or, for the sizes
   * {@link SeqLockSnapshots#FIELD_WRITES} marks, with field writes (a part stored into the wrong slot
   * would show as a neighbour's bytes).
   */
  @Actor
  public void writer() {
    for (int i = 0; i < arrays.length; i++) {
      if (SeqLockSnapshots.FIELD_WRITES[i]) {
        writeFields(arrays[i], SLOT - 1, neighbour[i]);
        writeFields(arrays[i], SLOT, next[i]);
        writeFields(arrays[i], SLOT + 1, neighbour[i]);
      } else {
        arrays[i].writeFrom(SLOT - 1, neighbour[i]);
        arrays[i].writeFrom(SLOT, next[i]);
        arrays[i].writeFrom(SLOT + 1, neighbour[i]);
      }
    }
  }

  /** Writes {@code value} into slot {@code index} with one field write, as SeqLockSnapshots does. */
  private static void writeFields(SeqLockArray<byte[]> array, int index, MaybeTorn<byte[]> value) {
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
  @Actor
  public void reader() {
    for (int i = 0; i < arrays.length; i++) {
      byte @Nullable [] value = arrays[i].tryRead(SLOT);
      if (value != null) {
        grades[i] = SeqLockSnapshots.grade(value, -1);
      } else {
        long version = arrays[i].readInto(SLOT, seen[i]);
        grades[i] =
            Character.toLowerCase(SeqLockSnapshots.grade(seen[i].bytes().toByteArray(), version));
      }
    }
  }

  /** Reports the grades. */
  @Arbiter
  public void report(L_Result r) {
    r.r1 = new String(grades);
  }
}
