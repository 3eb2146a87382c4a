package dev.seqlock.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seqlock.Backoff;
import dev.seqlock.MappedSeqLocks;
import dev.seqlock.SeqLockArray;
import dev.seqlock.WriterPause;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * {@link SeqLockArray#changedSlots} against a writer, on a {@link SeqLockArray#create}, a {@link
 * SeqLockArray#singleWriter} whose writer never pauses and a {@link SeqLockArray#latched} array, and
 * on a latched array whose slots and versions are in a memory-mapped file, as a SharedSeqLockArray's
 * are ({@link MappedSeqLocks#latchedArrayInMappedFile}): a slot the scan reports as changed reads at
 * the version that changed it, never at the one the caller had seen.
 *
 * <p>Each array has three slots at version 0; the writer writes slot 1 once (version 2, value 1). The
 * reader scans with the versions it has seen all 0, then reads slot 1 with {@code readIfNewer(1, 0,
 * holder)}. Per array the letter is {@code N} (reported, and the read returned version 2 and value 1),
 * {@code o} (not reported, the read found version 0), {@code n} (not reported, yet the read found
 * version 2: the write completed between the scan and the read, the race window the CI gate requires
 * to see), {@code X} (reported, yet the read returned version 0: the report came before the write,
 * forbidden), {@code F} (a slot the writer did not write reported, forbidden) or {@code V} (a read of
 * version 2 whose value is not the write's, forbidden).
 */
@JCStressTest
@Description(
    "SeqLockArray.changedSlots (create, singleWriter, latched, mapped file): a reported slot reads"
        + " as changed.")
@Outcome(id = "[oN]{4}", expect = ACCEPTABLE, desc = "Each scan was before the write, or reported it.")
@Outcome(
    id = "[onN]{4}",
    expect = ACCEPTABLE_INTERESTING,
    desc = "A write completed between a scan that missed it and the read, which found it.")
@Outcome(id = ".*X.*", expect = FORBIDDEN, desc = "Reported changed, yet read at the version seen.")
@Outcome(id = ".*F.*", expect = FORBIDDEN, desc = "Reported a slot nobody wrote.")
@Outcome(id = ".*V.*", expect = FORBIDDEN, desc = "Read version 2 with another value.")
@State
public class ChangeScan {
  private static final ByteCodec<Long> LONG = ByteCodecs.ofLong();
  private static final int SLOT = 1;

  private final SeqLockArray<Long>[] arrays;
  private final MaybeTorn<Long> value = MaybeTorn.of(LONG, 1L);
  private final MaybeTorn<Long> holder = MaybeTorn.allocate(LONG);
  private final long[] seen = new long[3];
  private final int[] into = new int[3];
  private final char[] grades = new char[4];

  /** Public no-argument constructor, for jcstress. */
  @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array, filled right here
  public ChangeScan() {
    arrays = new SeqLockArray[] {
      SeqLockArray.create(LONG, 3, 0L),
      SeqLockArray.singleWriter(LONG, 3, 0L, Backoff.defaults(), WriterPause.NEVER),
      SeqLockArray.latched(LONG, 3, 0L),
      MappedSeqLocks.latchedArrayInMappedFile(LONG, 3, 0L)
    };
  }

  /** Writes slot 1 of every array once. */
  @Actor
  public void writer() {
    for (SeqLockArray<Long> array : arrays) {
      array.writeFrom(SLOT, value);
    }
  }

  /** Scans every array, then reads slot 1 of it. */
  @Actor
  public void reader() {
    for (int i = 0; i < arrays.length; i++) {
      SeqLockArray<Long> array = arrays[i];
      int count = array.changedSlots(seen, into);
      boolean reported = count == 1 && into[0] == SLOT;
      long version = array.readIfNewer(SLOT, 0, holder);
      if (count > 1 || (count == 1 && into[0] != SLOT)) {
        grades[i] = 'F';
      } else if (version == 2 && holder.bytes().getLong(0) != 1) {
        grades[i] = 'V';
      } else if (reported) {
        grades[i] = version == 2 ? 'N' : 'X';
      } else {
        grades[i] = version == 2 ? 'n' : 'o';
      }
    }
  }

  /** Reports the grades. */
  @Arbiter
  public void report(L_Result r) {
    r.r1 = new String(grades);
  }
}
