package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;

/**
 * The byte layout of {@link FieldWriteStamp} on the running JVM, as JOL reads it: the one field the
 * writer stores to lies at least 128 bytes from both ends of the object, so its stores never touch a
 * cache line (or an adjacent-line prefetch pair) holding another object that readers read.
 */
class FieldWriteStampLayoutTest {
  private static final int PADDING = 128;

  @Test
  void theStampIsPaddedFromBothEndsOfItsObject() {
    ClassLayout layout = ClassLayout.parseInstance(new FieldWriteStamp());
    FieldLayout stamp = layout.fields().stream()
        .filter(field -> field.name().equals("stamp"))
        .findFirst()
        .orElseThrow();

    assertEquals(Long.BYTES, stamp.size());
    assertTrue(stamp.offset() >= PADDING, "stamp at " + stamp.offset() + ":\n" + layout.toPrintable());
    assertTrue(layout.instanceSize() - (stamp.offset() + stamp.size()) >= PADDING,
        "stamp at " + stamp.offset() + " of " + layout.instanceSize() + ":\n" + layout.toPrintable());
  }

  @Test
  void aStampOpensChecksAndCloses() {
    FieldWriteStamp stamp = new FieldWriteStamp();
    assertThrows(IllegalStateException.class, () -> stamp.check(0),
        "0, the closed value, is no stamp");
    stamp.open(7);
    stamp.check(7);
    assertThrows(IllegalStateException.class, () -> stamp.check(9));
    stamp.close();
    assertThrows(IllegalStateException.class, () -> stamp.check(7));
  }
}
