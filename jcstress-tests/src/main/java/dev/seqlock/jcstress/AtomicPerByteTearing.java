package dev.seqlock.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seqlock.atomic.AtomicPerByte;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.atomic.MemoryOrder;
import java.nio.ByteBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Ref;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * Tearing granularity of {@link AtomicPerByte}: RELAXED loads racing a RELAXED store of a 3-word value.
 *
 * <p>The old value is all zero bytes, the new one has a distinct non-zero byte at every position (see
 * {@link Patterns}). The reader loads twice; each word of the result is graded {@code O} (old in both
 * loads), {@code N} (new in both), {@code U} (old, then new), and the forbidden {@code R} (new, then
 * old: read-read coherence broken), {@code T} (a torn word: bytes of both stores within one aligned
 * 8-byte word) or {@code X} (a byte neither store wrote). Mixtures across words ({@code ONN},
 * {@code UUN}, ...) are tearing between words, which the contract allows; seeing them shows that the
 * race window was hit.
 */
public final class AtomicPerByteTearing {
  private AtomicPerByteTearing() {}

  /** The new value, stored by every writer; read-only, so shared by all states. */
  static final MaybeTorn<long[]> NEW = Patterns.newHolder();

  /**
   * On heap storage, every aligned 8-byte word a RELAXED load returns comes whole from one store, no
   * byte is invented, and a second load of the same thread never sees a word older than the first did.
   */
  @JCStressTest
  @Description("AtomicPerByte on the heap: RELAXED loads vs a RELAXED store; no word tears.")
  @Ref("https://docs.oracle.com/javase/specs/jls/se17/html/jls-17.html#jls-17.7")
  @Ref("https://rust-lang.github.io/rfcs/3301-atomic-memcpy.html")
  @Ref("https://wg21.link/p1478")
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
  public static class Heap {
    private final AtomicPerByte<long[]> shared =
        new AtomicPerByte<>(Patterns.CODEC, Patterns.oldValue());
    private final MaybeTorn<long[]> first = MaybeTorn.allocate(Patterns.CODEC);
    private final MaybeTorn<long[]> second = MaybeTorn.allocate(Patterns.CODEC);

    /** Public no-argument constructor, for jcstress. */
    public Heap() {}

    /** Stores the new value. */
    @Actor
    public void writer() {
      shared.storeFrom(NEW, MemoryOrder.RELAXED);
    }

    /** Loads twice. */
    @Actor
    public void reader() {
      shared.loadInto(first, MemoryOrder.RELAXED);
      shared.loadInto(second, MemoryOrder.RELAXED);
    }

    /** Grades each word over both loads. */
    @Arbiter
    public void grade(L_Result r) {
      r.r1 = Patterns.classifyWords(Patterns.wordsOf(first), Patterns.wordsOf(second));
    }
  }

  /**
   * On storage in a direct {@link ByteBuffer} ({@link AtomicPerByte#wrap}), every aligned 8-byte word a
   * RELAXED load returns comes whole from one store, no byte is invented, and a second load of the same
   * thread never sees a word older than the first did.
   */
  @JCStressTest
  @Description("AtomicPerByte in a direct ByteBuffer: RELAXED loads vs RELAXED store; no word tears.")
  @Ref("https://docs.oracle.com/javase/specs/jls/se17/html/jls-17.html#jls-17.7")
  @Ref("https://rust-lang.github.io/rfcs/3301-atomic-memcpy.html")
  @Ref("https://wg21.link/p1478")
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
  public static class DirectBuffer {
    // allocateDirect zero-fills: the old value.
    private final AtomicPerByte<long[]> shared =
        AtomicPerByte.wrap(
            ByteBuffer.allocateDirect(AtomicPerByte.storageSize(Patterns.CODEC)), 0, Patterns.CODEC);
    private final MaybeTorn<long[]> first = MaybeTorn.allocate(Patterns.CODEC);
    private final MaybeTorn<long[]> second = MaybeTorn.allocate(Patterns.CODEC);

    /** Public no-argument constructor, for jcstress. */
    public DirectBuffer() {}

    /** Stores the new value. */
    @Actor
    public void writer() {
      shared.storeFrom(NEW, MemoryOrder.RELAXED);
    }

    /** Loads twice. */
    @Actor
    public void reader() {
      shared.loadInto(first, MemoryOrder.RELAXED);
      shared.loadInto(second, MemoryOrder.RELAXED);
    }

    /** Grades each word over both loads. */
    @Arbiter
    public void grade(L_Result r) {
      r.r1 = Patterns.classifyWords(Patterns.wordsOf(first), Patterns.wordsOf(second));
    }
  }
}
