package dev.seqlock.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seqlock.atomic.AtomicBytes;
import dev.seqlock.atomic.MemoryOrder;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Ref;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LI_Result;

/**
 * {@link AtomicBytes} on a {@code byte[]}: byte-granularity tearing and message passing over a range
 * that is not word-aligned ({@value ByteArray#LENGTH} bytes from index {@value ByteArray#OFFSET}), so
 * that the copies' head and tail are not whole words.
 */
public final class AtomicBytesPerByte {
  private AtomicBytesPerByte() {}

  /**
   * A RELEASE store of a byte range racing an ACQUIRE load of it: every byte the load returns is the
   * old or the new byte of its position (no byte invented; tearing between bytes allowed), and if any
   * byte is new, the plain write {@code data = 42} that preceded the store is visible after the load.
   * A store never writes a byte outside its range (checked after the race; an {@code X} is appended
   * if it did). The result is one letter per byte ({@code O}, {@code N}, {@code X} as in
   * {@link Patterns}) and the value of {@code data} read (unconditionally, after the load).
   */
  @JCStressTest
  @Description("AtomicBytes on byte[]: per-byte atomicity and RELEASE/ACQUIRE message passing.")
  @Ref("https://wg21.link/p1478")
  @Ref("https://docs.oracle.com/javase/specs/jls/se17/html/jls-17.html#jls-17.6")
  @Outcome(
      id = "O{29}, (0|42)",
      expect = ACCEPTABLE,
      desc = "Load before the store; data read before or after its write.")
  @Outcome(id = "N{29}, 42", expect = ACCEPTABLE, desc = "Load after the store; data visible.")
  @Outcome(
      id = "(?!O{29}|N{29})[ON]{29}, 42",
      expect = ACCEPTABLE_INTERESTING,
      desc = "Load saw some bytes old, others new (tearing between bytes); data visible.")
  @Outcome(
      id = "[ON]*N[ON]*, 0",
      expect = FORBIDDEN,
      desc = "Saw a new byte but not data = 42: release/acquire pairing broken.")
  @Outcome(
      id = ".*X.*",
      expect = FORBIDDEN,
      desc = "Invented byte: neither old nor new, or written outside the range.")
  @State
  public static class ByteArray {
    /** The first index of the range, deliberately not a multiple of 8. */
    static final int OFFSET = 3;

    /** The length of the range, deliberately not a multiple of 8. */
    static final int LENGTH = 29;

    /** The new bytes; read-only, so shared by all states. */
    static final byte[] NEW = newBytes();

    /** Shared memory: zero bytes (the old value), plus untouched margins around the range. */
    private final byte[] shared = new byte[OFFSET + LENGTH + 8];

    private final byte[] seen = new byte[LENGTH];
    private int data;
    private int seenData;

    /** Public no-argument constructor, for jcstress. */
    public ByteArray() {}

    private static byte[] newBytes() {
      byte[] bytes = new byte[LENGTH];
      for (int k = 0; k < LENGTH; k++) {
        bytes[k] = Patterns.newByte(k);
      }
      return bytes;
    }

    /** Writes the message, then publishes the new bytes. */
    @Actor
    public void writer() {
      data = 42;
      AtomicBytes.store(NEW, 0, shared, OFFSET, LENGTH, MemoryOrder.RELEASE);
    }

    /** Loads the bytes, then reads the message. */
    @Actor
    public void reader() {
      AtomicBytes.load(shared, OFFSET, seen, 0, LENGTH, MemoryOrder.ACQUIRE);
      seenData = data;
    }

    /** Grades every byte and reports the message read. */
    @Arbiter
    public void grade(LI_Result r) {
      StringBuilder letters = new StringBuilder(LENGTH);
      for (int k = 0; k < LENGTH; k++) {
        letters.append(Patterns.classifyByte(seen[k], (byte) 0, NEW[k]));
      }
      for (int k = 0; k < shared.length; k++) {
        if ((k < OFFSET || k >= OFFSET + LENGTH) && shared[k] != 0) {
          letters.append("X(outside the range)"); // a store wrote a byte it does not own
          break;
        }
      }
      r.r1 = letters.toString();
      r.r2 = seenData;
    }
  }
}
