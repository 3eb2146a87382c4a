package dev.seqlock.atomic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class MemoryOrderTest {
  @Test
  void shouldDeclareTheFiveOrdersOfCpp11FromWeakestToStrongest() {
    assertArrayEquals(
        new MemoryOrder[] {
          MemoryOrder.RELAXED,
          MemoryOrder.ACQUIRE,
          MemoryOrder.RELEASE,
          MemoryOrder.ACQ_REL,
          MemoryOrder.SEQ_CST
        },
        MemoryOrder.values());
  }

  @Test
  void shouldFindEachOrderByItsName() {
    for (MemoryOrder order : MemoryOrder.values()) {
      assertSame(order, MemoryOrder.valueOf(order.name()));
    }
  }
}
