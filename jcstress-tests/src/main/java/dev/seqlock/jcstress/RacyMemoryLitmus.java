package dev.seqlock.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.seqlock.racy.RacyMemory;
import dev.seqlock.racy.RacyOrder;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * Five litmus tests of {@link RacyMemory} at once, each on its own bytes of one memory, two actors:
 *
 * <ol>
 *   <li>Message passing: an UNORDERED store of data, then a SEQ_CST store of a flag; the reader
 *       loads the flag SEQ_CST, then the data UNORDERED. {@code a}: flag unset; {@code b}: flag and
 *       data seen; {@code X}: the flag without the data, forbidden.
 *   <li>Store buffering, SEQ_CST: each actor stores 1 to its variable and loads the other's. {@code
 *       a}, {@code b}: one saw the other's store; {@code c}: both did (the accesses overlapped); {@code
 *       0}: neither, forbidden for sequentially consistent accesses. Across the memory's two ways
 *       to its bytes: the first actor stores and loads 4 bytes, which on this fixed memory go to its
 *       exact slice; the second stores with {@code getAndSet32} and loads {@code X}'s low byte with
 *       {@code load8}, which read-modify-write and load the 4 bytes through the segment.
 *   <li>Read-modify-writes of different sizes on one word: one actor adds 1 to byte 1 with {@code
 *       getAndAdd8}, the other adds 1 to byte 0 with {@code getAndAdd32} and 1 to bytes 2-3 with
 *       {@code getAndAdd16}. {@code o}: every update kept; {@code L}: one lost, forbidden.
 *   <li>Racing UNORDERED aligned 8-byte stores of 0x01... and 0x02...: {@code 1} or {@code 2}, which
 *       store stayed; {@code T}: bytes of both (an aligned access tore), {@code I}: a byte neither
 *       stored (invented), both forbidden.
 *   <li>The same stores misaligned (at 4 mod 8, across an 8-byte boundary): {@code 1}, {@code 2}, or
 *       {@code M}, bytes of both (a misaligned access may tear); {@code I}, a byte neither stored,
 *       forbidden.
 * </ol>
 *
 * The negative control {@code negative.UnorderedLitmus} runs the same with UNORDERED accesses and
 * read-modify-writes made of a load and a store, and must show the forbidden outcomes.
 */
@JCStressTest
@Description("RacyMemory: message passing, SEQ_CST store buffering, mixed-size RMWs, no torn stores.")
@Outcome(id = "[ab][ab]o[12][12M]", expect = ACCEPTABLE, desc = "Every litmus test allowed.")
@Outcome(id = "[ab]co[12][12M]", expect = ACCEPTABLE_INTERESTING,
    desc = "The SEQ_CST accesses overlapped.")
@Outcome(id = "X.*", expect = FORBIDDEN, desc = "Message passing: the flag without the data.")
@Outcome(id = ".0.*", expect = FORBIDDEN, desc = "Store buffering: neither store seen.")
@Outcome(id = "..L.*", expect = FORBIDDEN, desc = "A read-modify-write lost an update.")
@Outcome(id = "...[TI].", expect = FORBIDDEN, desc = "An aligned store tore or a byte was invented.")
@Outcome(id = "....I", expect = FORBIDDEN, desc = "A misaligned store invented a byte.")
@State
public class RacyMemoryLitmus {
  /** Message passing's data. */
  public static final long DATA = 0;

  /** Message passing's flag. */
  public static final long FLAG = 4;

  /** Store buffering's variables. */
  public static final long X = 8;

  /** Store buffering's other variable. */
  public static final long Y = 12;

  /** The word the read-modify-writes share. */
  public static final long WORD = 16;

  /** The word of the racing aligned stores. */
  public static final long STORED = 24;

  /** The 8 bytes of the racing misaligned stores, across the 8-byte boundary at 40. */
  public static final long MISALIGNED = 36;

  /** The bytes the tests use. */
  public static final int BYTES = 48;

  private final RacyMemory memory = RacyMemory.allocate(BYTES);
  private int flag;
  private int data;
  private int sawY;
  private int sawX;

  /** Public no-argument constructor, for jcstress. */
  public RacyMemoryLitmus() {}

  /** The writer of message passing; store buffering's first side; two of the updates; 0x01... */
  @Actor
  public void first() {
    memory.store32(DATA, 1, RacyOrder.UNORDERED);
    memory.store32(FLAG, 1, RacyOrder.SEQ_CST);
    memory.store32(X, 1, RacyOrder.SEQ_CST);
    sawY = memory.load32(Y, RacyOrder.SEQ_CST);
    memory.getAndAdd8(WORD + 1, (byte) 1);
    memory.store64(STORED, 0x0101010101010101L, RacyOrder.UNORDERED);
    memory.store64(MISALIGNED, 0x0101010101010101L, RacyOrder.UNORDERED);
  }

  /** The reader of message passing; store buffering's second side; the other updates; 0x02... */
  @Actor
  public void second() {
    flag = memory.load32(FLAG, RacyOrder.SEQ_CST);
    data = memory.load32(DATA, RacyOrder.UNORDERED);
    memory.getAndSet32(Y, 1); // through the segment, as the load8 below (the javadoc)
    sawX = memory.load8(X, RacyOrder.SEQ_CST); // X's low byte: 1 once stored
    memory.getAndAdd32(WORD, 1);
    memory.getAndAdd16(WORD + 2, (short) 1);
    memory.store64(STORED, 0x0202020202020202L, RacyOrder.UNORDERED);
    memory.store64(MISALIGNED, 0x0202020202020202L, RacyOrder.UNORDERED);
  }

  /**
   * Grades the five tests.
   *
   * @param r the result
   */
  @Arbiter
  public void grade(L_Result r) {
    r.r1 = grades(memory, flag, data, sawX, sawY);
  }

  /**
   * The five letters, for this test and its negative control.
   *
   * @param memory the state's memory, after both actors
   * @param flag message passing's flag as read
   * @param data its data as read after the flag
   * @param sawX what the second actor read of X
   * @param sawY what the first actor read of Y
   * @return the grades
   */
  public static String grades(RacyMemory memory, int flag, int data, int sawX, int sawY) {
    char mp = flag == 0 ? 'a' : data == 1 ? 'b' : 'X';
    char sb = sawX == 0 && sawY == 0 ? '0' : sawX == 1 && sawY == 1 ? 'c' : sawX == 1 ? 'a' : 'b';
    long word = memory.load64(WORD, RacyOrder.SEQ_CST);
    char rmw = word == 0x00010101L ? 'o' : 'L';
    char aligned = storedBytes(memory.load64(STORED, RacyOrder.SEQ_CST), 'T');
    char misaligned = storedBytes(memory.load64(MISALIGNED, RacyOrder.UNORDERED), 'M');
    return "" + mp + sb + rmw + aligned + misaligned;
  }

  /** '1' or '2' if all 8 bytes are one store's, else {@code mixed}, or 'I' if a byte is neither. */
  private static char storedBytes(long stored, char mixed) {
    if (stored == 0x0101010101010101L) {
      return '1';
    }
    if (stored == 0x0202020202020202L) {
      return '2';
    }
    for (int k = 0; k < Long.BYTES; k++) {
      long b = (stored >>> (8 * k)) & 0xFF;
      if (b != 1 && b != 2) {
        return 'I';
      }
    }
    return mixed;
  }
}
