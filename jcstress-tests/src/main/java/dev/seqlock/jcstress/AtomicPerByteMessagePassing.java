package dev.seqlock.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seqlock.atomic.AtomicPerByte;
import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.atomic.MemoryOrder;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Ref;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LI_Result;

/**
 * Message passing through {@link AtomicPerByte}: the writer sets a plain {@code int data = 42}, then
 * stores a new value with {@link MemoryOrder#RELEASE}; the reader loads with
 * {@link MemoryOrder#ACQUIRE}, then reads {@code data}.
 *
 * <p>P1478's rule: if an acquire load reads <em>any</em> byte that a release store wrote, everything
 * before the store happens before everything after the load, so {@code data} must read 42. The reader
 * reads {@code data} unconditionally (grading decides afterwards whether a new byte was seen), so no
 * control dependency helps the fence. The result is the word letters of {@link Patterns} (the load is
 * graded for torn words too) and the value of {@code data} read.
 */
public final class AtomicPerByteMessagePassing {
  private AtomicPerByteMessagePassing() {}

  /** The new multi-word value, stored by every writer; read-only, so shared by all states. */
  static final MaybeTorn<long[]> NEW = Patterns.newHolder();

  /**
   * On heap storage, an ACQUIRE load that sees any word of a RELEASE store also sees every write that
   * preceded the store, and no word tears.
   */
  @JCStressTest
  @Description("AtomicPerByte on the heap: RELEASE store / ACQUIRE load message passing.")
  @Ref("https://wg21.link/p1478")
  @Ref("https://rust-lang.github.io/rfcs/3301-atomic-memcpy.html")
  @Ref("https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/invoke/VarHandle.html#acquireFence()")
  @Outcome(
      id = "OOO, 0",
      expect = ACCEPTABLE,
      desc = "Load before the store, data read before its write.")
  @Outcome(
      id = "OOO, 42",
      expect = ACCEPTABLE,
      desc = "Load before the store, data read after its write.")
  @Outcome(id = "NNN, 42", expect = ACCEPTABLE, desc = "Load after the store; data visible.")
  @Outcome(
      id = "[ON]{3}, 42",
      expect = ACCEPTABLE_INTERESTING,
      desc = "Load saw some words new (tearing between words); data visible.")
  @Outcome(
      id = "[ON]*N[ON]*, 0",
      expect = FORBIDDEN,
      desc = "Saw a new byte but not data = 42: release/acquire pairing broken.")
  @Outcome(id = ".*X.*", expect = FORBIDDEN, desc = "Invented bytes: a byte neither store wrote.")
  @Outcome(
      id = "[^X]*T[^X]*",
      expect = FORBIDDEN,
      desc = "Torn word: one aligned 8-byte word mixes bytes of both stores.")
  @State
  public static class Heap {
    private final AtomicPerByte<long[]> shared =
        new AtomicPerByte<>(Patterns.CODEC, Patterns.oldValue());
    private final MaybeTorn<long[]> seen = MaybeTorn.allocate(Patterns.CODEC);
    private int data;
    private int seenData;

    /** Public no-argument constructor, for jcstress. */
    public Heap() {}

    /** Writes the message, then publishes the new value. */
    @Actor
    public void writer() {
      data = 42;
      shared.storeFrom(NEW, MemoryOrder.RELEASE);
    }

    /** Loads the value, then reads the message. */
    @Actor
    public void reader() {
      shared.loadInto(seen, MemoryOrder.ACQUIRE);
      seenData = data;
    }

    /** Grades the words and reports the message read. */
    @Arbiter
    public void grade(LI_Result r) {
      r.r1 = Patterns.classifyWords(seen);
      r.r2 = seenData;
    }
  }

  /**
   * Old and new value differ in one byte only (byte 13, inside word 1): an ACQUIRE load that sees that
   * byte new also sees every write that preceded the RELEASE store. This is P1478's "any byte" rule at
   * its narrowest; the result's first letter is {@code O} or {@code N} for that byte, {@code X} if any
   * byte of the load is neither old nor new.
   */
  @JCStressTest
  @Description("AtomicPerByte: message passing when old and new value differ in a single byte.")
  @Ref("https://wg21.link/p1478")
  @Ref("https://rust-lang.github.io/rfcs/3301-atomic-memcpy.html")
  @Outcome(
      id = "O, 0",
      expect = ACCEPTABLE,
      desc = "Load before the store, data read before its write.")
  @Outcome(
      id = "O, 42",
      expect = ACCEPTABLE,
      desc = "Load before the store, data read after its write.")
  @Outcome(id = "N, 42", expect = ACCEPTABLE, desc = "Saw the one new byte; data visible.")
  @Outcome(
      id = "N, 0",
      expect = FORBIDDEN,
      desc = "Saw the one new byte but not data = 42: the any-byte rule broken.")
  @Outcome(id = "X, .*", expect = FORBIDDEN, desc = "Invented bytes: a byte neither store wrote.")
  @State
  public static class HeapOneByte {
    /** The only byte that differs, and its old and new contents. */
    static final int CHANGED = 13;

    static final byte OLD_BYTE = 0x11;
    static final byte NEW_BYTE = (byte) 0xEE;
    static final ByteCodec<byte[]> CODEC = ByteCodecs.ofByteArray(Patterns.BYTES);
    static final MaybeTorn<byte[]> NEW_ONE = MaybeTorn.of(CODEC, pattern(NEW_BYTE));

    private final AtomicPerByte<byte[]> shared = new AtomicPerByte<>(CODEC, pattern(OLD_BYTE));
    private final MaybeTorn<byte[]> seen = MaybeTorn.allocate(CODEC);
    private int data;
    private int seenData;

    /** Public no-argument constructor, for jcstress. */
    public HeapOneByte() {}

    /** All bytes {@code 0x11} but byte {@link #CHANGED}, which is {@code changed}. */
    static byte[] pattern(byte changed) {
      byte[] bytes = new byte[Patterns.BYTES];
      Arrays.fill(bytes, OLD_BYTE);
      bytes[CHANGED] = changed;
      return bytes;
    }

    /** Writes the message, then publishes the new value. */
    @Actor
    public void writer() {
      data = 42;
      shared.storeFrom(NEW_ONE, MemoryOrder.RELEASE);
    }

    /** Loads the value, then reads the message. */
    @Actor
    public void reader() {
      shared.loadInto(seen, MemoryOrder.ACQUIRE);
      seenData = data;
    }

    /** Grades the changed byte (or reports invented bytes) and reports the message read. */
    @Arbiter
    public void grade(LI_Result r) {
      char letter = 'O';
      for (int k = 0; k < Patterns.BYTES; k++) {
        byte b = seen.bytes().getByte(k);
        if (k == CHANGED) {
          char c = Patterns.classifyByte(b, OLD_BYTE, NEW_BYTE);
          if (c == 'X') {
            letter = 'X';
            break;
          }
          letter = c;
        } else if (b != OLD_BYTE) {
          letter = 'X';
          break;
        }
      }
      r.r1 = String.valueOf(letter);
      r.r2 = seenData;
    }
  }

  /**
   * On storage in a direct {@link ByteBuffer} ({@link AtomicPerByte#wrap}), an ACQUIRE load that sees
   * any word of a RELEASE store also sees every write that preceded the store, and no word tears.
   */
  @JCStressTest
  @Description("AtomicPerByte in a direct ByteBuffer: RELEASE store / ACQUIRE load message passing.")
  @Ref("https://wg21.link/p1478")
  @Ref("https://rust-lang.github.io/rfcs/3301-atomic-memcpy.html")
  @Ref("https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/lang/invoke/VarHandle.html#acquireFence()")
  @Outcome(
      id = "OOO, 0",
      expect = ACCEPTABLE,
      desc = "Load before the store, data read before its write.")
  @Outcome(
      id = "OOO, 42",
      expect = ACCEPTABLE,
      desc = "Load before the store, data read after its write.")
  @Outcome(id = "NNN, 42", expect = ACCEPTABLE, desc = "Load after the store; data visible.")
  @Outcome(
      id = "[ON]{3}, 42",
      expect = ACCEPTABLE_INTERESTING,
      desc = "Load saw some words new (tearing between words); data visible.")
  @Outcome(
      id = "[ON]*N[ON]*, 0",
      expect = FORBIDDEN,
      desc = "Saw a new byte but not data = 42: release/acquire pairing broken.")
  @Outcome(id = ".*X.*", expect = FORBIDDEN, desc = "Invented bytes: a byte neither store wrote.")
  @Outcome(
      id = "[^X]*T[^X]*",
      expect = FORBIDDEN,
      desc = "Torn word: one aligned 8-byte word mixes bytes of both stores.")
  @State
  public static class DirectBuffer {
    // allocateDirect zero-fills: the old value.
    private final AtomicPerByte<long[]> shared =
        AtomicPerByte.wrap(
            ByteBuffer.allocateDirect(AtomicPerByte.storageSize(Patterns.CODEC)), 0, Patterns.CODEC);
    private final MaybeTorn<long[]> seen = MaybeTorn.allocate(Patterns.CODEC);
    private int data;
    private int seenData;

    /** Public no-argument constructor, for jcstress. */
    public DirectBuffer() {}

    /** Writes the message, then publishes the new value. */
    @Actor
    public void writer() {
      data = 42;
      shared.storeFrom(NEW, MemoryOrder.RELEASE);
    }

    /** Loads the value, then reads the message. */
    @Actor
    public void reader() {
      shared.loadInto(seen, MemoryOrder.ACQUIRE);
      seenData = data;
    }

    /** Grades the words and reports the message read. */
    @Arbiter
    public void grade(LI_Result r) {
      r.r1 = Patterns.classifyWords(seen);
      r.r2 = seenData;
    }
  }
}
