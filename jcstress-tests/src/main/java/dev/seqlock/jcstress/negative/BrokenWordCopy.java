package dev.seqlock.jcstress.negative;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seqlock.jcstress.Patterns;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * NEGATIVE CONTROL: a deliberately broken word copy, to show that the jcstress mode CI uses catches a
 * copy that splits words. It is {@code dev.seqlock.jcstress.AtomicPerByteTearing.Heap} with only the
 * store replaced: the same value patterns, the same two RELAXED loads, the same grading and the same
 * FORBIDDEN torn-word outcome, but the store writes each 8-byte word as two separate plain 4-byte
 * writes (low half, then high half), as a JVM that split {@code long} writes (JLS 17.7) or a careless
 * byte-wise copy would. A load that runs between the two halves sees a torn word.
 *
 * <p>This test is EXPECTED TO FAIL. It is excluded from the suite's regular selection and run on its
 * own by {@code dev.seqlock.jcstress.gate.JcstressGate}, which fails the build unless this run fails
 * with the forbidden outcome observed. To reproduce by hand, from the project root after {@code mvn
 * install}:
 *
 * <pre>
 * java -jar jcstress-tests/target/jcstress.jar -m quick -t 'dev\.seqlock\.jcstress\.negative\.'
 * </pre>
 *
 * <p>Expected: exit status 1, the test listed under "Failed tests" as {@code [FAILED]}, and a non-zero
 * sample count on a result containing {@code T} (torn word). Hardware: any machine on which jcstress
 * can run two actors at once, that is at least 2 CPUs (x86-64 or AArch64); the tearing is a plain
 * interleaving of the reader between the writer's two halves and needs no weakly ordered CPU. On a
 * 2-core x86-64 machine (OpenJDK 17) three {@code -m quick} runs caught it in 27, 28 and 28 of the 28
 * JVM configurations, with 9,737 to 74,667 torn results per run, in 65 to 100 seconds. One
 * {@code -m sanity} run caught it only 14 times: too few to rely on.
 */
public final class BrokenWordCopy {
  private BrokenWordCopy() {}

  /** Plain 8-byte little-endian view of a {@code byte[]}: the loads, as in the real copy. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Plain 4-byte little-endian view of a {@code byte[]}: the broken store's half-word writes. */
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /** The new value's words; read-only, so shared by all states. */
  static final long[] NEW = Patterns.newValue();

  /**
   * BROKEN ON PURPOSE (expected to fail): a RELAXED-style store that splits each 8-byte word into two
   * 4-byte writes, raced by two RELAXED-style loads; a torn word must be observed and reported.
   */
  @JCStressTest
  @Description("NEGATIVE CONTROL, expected to FAIL: a store that writes each word as two int halves.")
  @Outcome(id = "OOO", expect = ACCEPTABLE, desc = "Both loads before the store.")
  @Outcome(id = "NNN", expect = ACCEPTABLE, desc = "Both loads after the store.")
  @Outcome(id = "UUU", expect = ACCEPTABLE, desc = "The store fell between the two loads.")
  @Outcome(
      id = "[ONU]{3}",
      expect = ACCEPTABLE_INTERESTING,
      desc = "A load saw some words old, others new: tearing between words, allowed.")
  @Outcome(id = ".*X.*", expect = FORBIDDEN, desc = "Invented bytes: a byte neither store wrote.")
  @Outcome(
      id = "[^X]*T[^X]*",
      expect = FORBIDDEN,
      desc = "Torn word: one aligned 8-byte word mixes bytes of both stores.")
  @Outcome(
      id = "[ONUR]*R[ONUR]*",
      expect = FORBIDDEN,
      desc = "A word went back from new to old between two loads: coherence broken.")
  @State
  public static class SplitWordStore {
    /** Shared memory: {@value Patterns#WORDS} zero words (the old value) in a byte array. */
    private final byte[] shared = new byte[Patterns.BYTES];

    private final long[] first = new long[Patterns.WORDS];
    private final long[] second = new long[Patterns.WORDS];

    /** Public no-argument constructor, for jcstress. */
    public SplitWordStore() {}

    /** The broken copy: fence as a RELAXED store does, then two plain int writes per word. */
    @Actor
    public void writer() {
      VarHandle.storeStoreFence();
      for (int i = 0; i < Patterns.WORDS; i++) {
        long word = NEW[i];
        INTS.set(shared, i * Long.BYTES, (int) word);
        INTS.set(shared, i * Long.BYTES + Integer.BYTES, (int) (word >>> 32));
      }
    }

    /** Loads twice, as a RELAXED load does: plain whole-word reads, then a load-load fence. */
    @Actor
    public void reader() {
      load(first);
      load(second);
    }

    private void load(long[] destination) {
      for (int i = 0; i < Patterns.WORDS; i++) {
        destination[i] = (long) LONGS.get(shared, i * Long.BYTES);
      }
      VarHandle.loadLoadFence();
    }

    /** Grades each word over both loads. */
    @Arbiter
    public void grade(L_Result r) {
      r.r1 = Patterns.classifyWords(first, second);
    }
  }
}
