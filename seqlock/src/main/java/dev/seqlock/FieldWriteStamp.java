package dev.seqlock;

/**
 * The stamp of the field write in progress on one slot, or 0 while none is: what every part store and
 * {@code endWrite} check their stamp against. Written only by the thread that holds the slot's writer
 * role; read by whichever thread calls a part store or {@code endWrite} (see the notes for threads
 * that do not hold the role). Readers of the value never touch it, and it is padded (128 bytes on each
 * side of the field, by the two classes above it and this class's own fields) so that the writer's
 * stores to it never invalidate a cache line that readers read.
 */
final class FieldWriteStamp extends FieldWriteStampField {
  /*
   * Algorithmic notes
   *
   * Why not check against the sequence, which holds the same odd value during the write. The stamp is
   * checked before every part store, and the part stores write elements of the long[] that also holds
   * the sequence (the word before the value): C2 cannot tell a data element from the sequence element
   * for a computed index, so it reloads the sequence after every store and
   * the check costs a load, a compare and a branch per part (a large share of a field write, measured
   * with ComparisonBenchmark writerAlone). A field is outside the long[] alias class:
   * its load after the first check is the same value, and C2 folds the later checks into the first.
   *
   * Exactness. The writer stores the stamp after taking the slot's writer role and making the sequence
   * odd (beginFieldWrite), and stores 0 before giving the role up (endFieldWrite); both are plain, and
   * the writer's own plain reads see its own last store (program order). For any other thread the read
   * is racy, but it still never returns a stamp that thread got from an earlier write: its own store of
   * 0 at that write's end happens before its read, and no later write stores an earlier stamp
   * (sequences only grow), so a stale stamp fails the check. The field is a plain long: the JLS
   * (17.7) would let a JVM split its accesses into 32-bit halves, and a read mixing halves of two
   * stores could in principle form some other stamp; 64-bit HotSpot does not split them, the
   * assumption SharedWords' notes make for the data words too. Handing a live stamp to another thread is
   * the misuse the javadoc forbids (the part stores belong to the thread that called beginWrite), as for
   * the sequence-based check it replaces. Writers of one slot serialise through the role, whose
   * hand-over orders one writer's stores to this field before the next writer's.
   */

  long p16, p17, p18, p19, p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p30, p31;

  /** Marks the field write with {@code stamp} (odd) as in progress; the slot's writer only. */
  void open(long stamp) {
    this.stamp = stamp; // plain: writer-owned (notes above)
  }

  /** Marks no field write as in progress; the slot's writer only. */
  void close() {
    this.stamp = 0; // plain: writer-owned; 0 is even, so no stamp matches it
  }

  /**
   * Throws unless {@code stamp} is the stamp of the field write in progress: odd, and the stamp stored
   * by {@link #open}. Changes nothing.
   *
   * @throws IllegalStateException if it is not
   */
  void check(long stamp) {
    long open = this.stamp; // plain: the writer reads back its own store (notes above)
    if (open != stamp || (stamp & 1) == 0) {
      throw new IllegalStateException("stamp " + stamp + " is not the stamp of a write in progress"
          + " (" + (open == 0 ? "none is" : "the stamp in progress is " + open)
          + "); it must come from beginWrite, before endWrite");
    }
  }
}

/** 128 bytes of padding before {@link FieldWriteStamp}'s field (superclass fields come first). */
abstract class FieldWriteStampPadding {
  long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

/** The field itself, between the padding of its superclass and that of its subclass. */
abstract class FieldWriteStampField extends FieldWriteStampPadding {
  /** The stamp of the field write in progress, or 0. */
  long stamp;
}
