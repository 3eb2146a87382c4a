package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jol.info.GraphLayout;

/**
 * Heap bytes per slot of a {@link SeqLockArray} of 48-byte values ({@link Fixtures.Checked}): every
 * object the array reaches, walked by JOL, for a large array less a one-slot one, so that what does
 * not grow with the length (codec, backoff, padding) cancels out. README states these figures; the
 * bounds keep them from growing unnoticed, and come down as the layout shrinks.
 */
class SeqLockArrayFootprintTest {
  private static final int SLOTS = 4_096;

  /**
   * The goals, which README states: a slot is its stride of data words (SlotWords' notes), 112
   * bytes with one copy and 160 with two, its 80 bytes of writer words (WriterRole's; with two
   * copies 72 more for the words a field write has put) and its published version for changedSlots
   * (8 bytes), 200 and 320 in all, and no object of its own.
   */
  private static long bound(Variant variant) {
    return variant.singleCopy() ? 200 : 320;
  }

  private static long bytesPerSlot(Variant variant) {
    return (footprint(variant, SLOTS + 1) - footprint(variant, 1)) / SLOTS;
  }

  private static long footprint(Variant variant, int length) {
    return GraphLayout.parseInstance(variant.array(Fixtures.CHECKED, length, Fixtures.Checked.of(0)))
        .totalSize();
  }

  @ParameterizedTest // on the heap: JOL walks heap objects, not a buffer's direct memory
  @MethodSource("dev.seqlock.Variant#factories")
  void aSlotOfA48ByteValueTakesNoMoreThanItsBound(Variant variant) {
    long perSlot = bytesPerSlot(variant);
    System.out.println(
        "SeqLockArray." + variant.factoryName() + ", 48-byte values: " + perSlot + " bytes per slot");
    assertTrue(
        perSlot <= bound(variant),
        variant.factoryName() + ": " + perSlot + " bytes per slot, bound " + bound(variant));
  }
}
