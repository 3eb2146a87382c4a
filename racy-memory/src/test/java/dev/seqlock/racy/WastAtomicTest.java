package dev.seqlock.racy;

import static dev.seqlock.racy.RacyOrder.SEQ_CST;
import static dev.seqlock.racy.RacyOrder.UNORDERED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The WebAssembly threads proposal's {@code test/core/threads/atomic.wast} (Apache-2.0; provenance
 * and what was left out in {@code racy-memory/PROVENANCE.md}), transliterated: each module's
 * exports are {@link #invoke}'s cases, each {@code invoke}, {@code assert_return} and {@code
 * assert_trap} a row of its module's table, run in the file's order on one memory per module, each
 * a test named by its line. Traps are the exceptions RacyMemory throws for them: "unaligned atomic" is {@link
 * UnalignedAtomicException}, "out of bounds memory access" {@link IndexOutOfBoundsException}.
 * WebAssembly's {@code _u} forms zero-extend: the results compare as unsigned values of their width.
 */
class WastAtomicTest {
  /** The traps the file asserts, as RacyMemory's exceptions. */
  enum Trap {
    UNALIGNED(UnalignedAtomicException.class),
    OUT_OF_BOUNDS(IndexOutOfBoundsException.class);

    final Class<? extends RuntimeException> exception;

    Trap(Class<? extends RuntimeException> exception) {
      this.exception = exception;
    }
  }

  /** One line of the file: an invoke, with the result it must return or the trap it must raise. */
  @SuppressWarnings("ArrayRecordComponent") // rows of a constant table, never changed
  record Step(int line, String op, long[] args, @Nullable Long result, @Nullable Trap trap) {
    @Override
    public String toString() {
      return "atomic.wast:" + line + " " + op + Arrays.toString(args);
    }
  }

  private static Step init(int line, long value) {
    return new Step(line, "init", new long[] {value}, null, null);
  }

  private static Step returns(int line, String op, long result, long... args) {
    return new Step(line, op, args, result, null);
  }

  private static Step returnsNothing(int line, String op, long... args) {
    return new Step(line, op, args, null, null);
  }

  private static Step traps(int line, String op, Trap trap, long... args) {
    return new Step(line, op, args, null, trap);
  }

  /** The module at line 3, {@code (memory 1 1 shared)}: loads, stores, read-modify-writes. */
  private static final List<Step> ATOMICS = List.of(
      init(84, 0x706050403020100L),
      returns(86, "i32.atomic.load", 0x3020100L, 0L),
      returns(87, "i32.atomic.load", 0x7060504L, 4L),
      returns(89, "i64.atomic.load", 0x706050403020100L, 0L),
      returns(91, "i32.atomic.load8_u", 0L, 0L),
      returns(92, "i32.atomic.load8_u", 5L, 5L),
      returns(94, "i32.atomic.load16_u", 256L, 0L),
      returns(95, "i32.atomic.load16_u", 1798L, 6L),
      returns(97, "i64.atomic.load8_u", 0L, 0L),
      returns(98, "i64.atomic.load8_u", 5L, 5L),
      returns(100, "i64.atomic.load16_u", 256L, 0L),
      returns(101, "i64.atomic.load16_u", 1798L, 6L),
      returns(103, "i64.atomic.load32_u", 0x3020100L, 0L),
      returns(104, "i64.atomic.load32_u", 0x7060504L, 4L),
      init(108, 0L),
      returnsNothing(110, "i32.atomic.store", 0L, 0xffeeddccL),
      returns(111, "i64.atomic.load", 0xffeeddccL, 0L),
      returnsNothing(113, "i64.atomic.store", 0L, 0x123456789abcdefL),
      returns(114, "i64.atomic.load", 0x123456789abcdefL, 0L),
      returnsNothing(116, "i32.atomic.store8", 1L, 66L),
      returns(117, "i64.atomic.load", 0x123456789ab42efL, 0L),
      returnsNothing(119, "i32.atomic.store16", 4L, 34884L),
      returns(120, "i64.atomic.load", 0x123884489ab42efL, 0L),
      returnsNothing(122, "i64.atomic.store8", 1L, 153L),
      returns(123, "i64.atomic.load", 0x123884489ab99efL, 0L),
      returnsNothing(125, "i64.atomic.store16", 4L, 51966L),
      returns(126, "i64.atomic.load", 0x123cafe89ab99efL, 0L),
      returnsNothing(128, "i64.atomic.store32", 4L, 0xdeadbeefL),
      returns(129, "i64.atomic.load", 0xdeadbeef89ab99efL, 0L),
      init(133, 0x1111111111111111L),
      returns(134, "i32.atomic.rmw.add", 0x11111111L, 0L, 0x12345678L),
      returns(135, "i64.atomic.load", 0x1111111123456789L, 0L),
      init(137, 0x1111111111111111L),
      returns(138, "i64.atomic.rmw.add", 0x1111111111111111L, 0L, 0x101010102020202L),
      returns(139, "i64.atomic.load", 0x1212121213131313L, 0L),
      init(141, 0x1111111111111111L),
      returns(142, "i32.atomic.rmw8.add_u", 17L, 0L, 0xcdcdcdcdL),
      returns(143, "i64.atomic.load", 0x11111111111111deL, 0L),
      init(145, 0x1111111111111111L),
      returns(146, "i32.atomic.rmw16.add_u", 4369L, 0L, 0xcafecafeL),
      returns(147, "i64.atomic.load", 0x111111111111dc0fL, 0L),
      init(149, 0x1111111111111111L),
      returns(150, "i64.atomic.rmw8.add_u", 17L, 0L, 0x4242424242424242L),
      returns(151, "i64.atomic.load", 0x1111111111111153L, 0L),
      init(153, 0x1111111111111111L),
      returns(154, "i64.atomic.rmw16.add_u", 4369L, 0L, 0xbeefbeefbeefbeefL),
      returns(155, "i64.atomic.load", 0x111111111111d000L, 0L),
      init(157, 0x1111111111111111L),
      returns(158, "i64.atomic.rmw32.add_u", 0x11111111L, 0L, 0xcabba6e5cabba6e5L),
      returns(159, "i64.atomic.load", 0x11111111dbccb7f6L, 0L),
      init(163, 0x1111111111111111L),
      returns(164, "i32.atomic.rmw.sub", 0x11111111L, 0L, 0x12345678L),
      returns(165, "i64.atomic.load", 0x11111111fedcba99L, 0L),
      init(167, 0x1111111111111111L),
      returns(168, "i64.atomic.rmw.sub", 0x1111111111111111L, 0L, 0x101010102020202L),
      returns(169, "i64.atomic.load", 0x101010100f0f0f0fL, 0L),
      init(171, 0x1111111111111111L),
      returns(172, "i32.atomic.rmw8.sub_u", 17L, 0L, 0xcdcdcdcdL),
      returns(173, "i64.atomic.load", 0x1111111111111144L, 0L),
      init(175, 0x1111111111111111L),
      returns(176, "i32.atomic.rmw16.sub_u", 4369L, 0L, 0xcafecafeL),
      returns(177, "i64.atomic.load", 0x1111111111114613L, 0L),
      init(179, 0x1111111111111111L),
      returns(180, "i64.atomic.rmw8.sub_u", 17L, 0L, 0x4242424242424242L),
      returns(181, "i64.atomic.load", 0x11111111111111cfL, 0L),
      init(183, 0x1111111111111111L),
      returns(184, "i64.atomic.rmw16.sub_u", 4369L, 0L, 0xbeefbeefbeefbeefL),
      returns(185, "i64.atomic.load", 0x1111111111115222L, 0L),
      init(187, 0x1111111111111111L),
      returns(188, "i64.atomic.rmw32.sub_u", 0x11111111L, 0L, 0xcabba6e5cabba6e5L),
      returns(189, "i64.atomic.load", 0x1111111146556a2cL, 0L),
      init(193, 0x1111111111111111L),
      returns(194, "i32.atomic.rmw.and", 0x11111111L, 0L, 0x12345678L),
      returns(195, "i64.atomic.load", 0x1111111110101010L, 0L),
      init(197, 0x1111111111111111L),
      returns(198, "i64.atomic.rmw.and", 0x1111111111111111L, 0L, 0x101010102020202L),
      returns(199, "i64.atomic.load", 0x101010100000000L, 0L),
      init(201, 0x1111111111111111L),
      returns(202, "i32.atomic.rmw8.and_u", 17L, 0L, 0xcdcdcdcdL),
      returns(203, "i64.atomic.load", 0x1111111111111101L, 0L),
      init(205, 0x1111111111111111L),
      returns(206, "i32.atomic.rmw16.and_u", 4369L, 0L, 0xcafecafeL),
      returns(207, "i64.atomic.load", 0x1111111111110010L, 0L),
      init(209, 0x1111111111111111L),
      returns(210, "i64.atomic.rmw8.and_u", 17L, 0L, 0x4242424242424242L),
      returns(211, "i64.atomic.load", 0x1111111111111100L, 0L),
      init(213, 0x1111111111111111L),
      returns(214, "i64.atomic.rmw16.and_u", 4369L, 0L, 0xbeefbeefbeefbeefL),
      returns(215, "i64.atomic.load", 0x1111111111111001L, 0L),
      init(217, 0x1111111111111111L),
      returns(218, "i64.atomic.rmw32.and_u", 0x11111111L, 0L, 0xcabba6e5cabba6e5L),
      returns(219, "i64.atomic.load", 0x1111111100110001L, 0L),
      init(223, 0x1111111111111111L),
      returns(224, "i32.atomic.rmw.or", 0x11111111L, 0L, 0x12345678L),
      returns(225, "i64.atomic.load", 0x1111111113355779L, 0L),
      init(227, 0x1111111111111111L),
      returns(228, "i64.atomic.rmw.or", 0x1111111111111111L, 0L, 0x101010102020202L),
      returns(229, "i64.atomic.load", 0x1111111113131313L, 0L),
      init(231, 0x1111111111111111L),
      returns(232, "i32.atomic.rmw8.or_u", 17L, 0L, 0xcdcdcdcdL),
      returns(233, "i64.atomic.load", 0x11111111111111ddL, 0L),
      init(235, 0x1111111111111111L),
      returns(236, "i32.atomic.rmw16.or_u", 4369L, 0L, 0xcafecafeL),
      returns(237, "i64.atomic.load", 0x111111111111dbffL, 0L),
      init(239, 0x1111111111111111L),
      returns(240, "i64.atomic.rmw8.or_u", 17L, 0L, 0x4242424242424242L),
      returns(241, "i64.atomic.load", 0x1111111111111153L, 0L),
      init(243, 0x1111111111111111L),
      returns(244, "i64.atomic.rmw16.or_u", 4369L, 0L, 0xbeefbeefbeefbeefL),
      returns(245, "i64.atomic.load", 0x111111111111bfffL, 0L),
      init(247, 0x1111111111111111L),
      returns(248, "i64.atomic.rmw32.or_u", 0x11111111L, 0L, 0xcabba6e5cabba6e5L),
      returns(249, "i64.atomic.load", 0x11111111dbbbb7f5L, 0L),
      init(253, 0x1111111111111111L),
      returns(254, "i32.atomic.rmw.xor", 0x11111111L, 0L, 0x12345678L),
      returns(255, "i64.atomic.load", 0x1111111103254769L, 0L),
      init(257, 0x1111111111111111L),
      returns(258, "i64.atomic.rmw.xor", 0x1111111111111111L, 0L, 0x101010102020202L),
      returns(259, "i64.atomic.load", 0x1010101013131313L, 0L),
      init(261, 0x1111111111111111L),
      returns(262, "i32.atomic.rmw8.xor_u", 17L, 0L, 0xcdcdcdcdL),
      returns(263, "i64.atomic.load", 0x11111111111111dcL, 0L),
      init(265, 0x1111111111111111L),
      returns(266, "i32.atomic.rmw16.xor_u", 4369L, 0L, 0xcafecafeL),
      returns(267, "i64.atomic.load", 0x111111111111dbefL, 0L),
      init(269, 0x1111111111111111L),
      returns(270, "i64.atomic.rmw8.xor_u", 17L, 0L, 0x4242424242424242L),
      returns(271, "i64.atomic.load", 0x1111111111111153L, 0L),
      init(273, 0x1111111111111111L),
      returns(274, "i64.atomic.rmw16.xor_u", 4369L, 0L, 0xbeefbeefbeefbeefL),
      returns(275, "i64.atomic.load", 0x111111111111affeL, 0L),
      init(277, 0x1111111111111111L),
      returns(278, "i64.atomic.rmw32.xor_u", 0x11111111L, 0L, 0xcabba6e5cabba6e5L),
      returns(279, "i64.atomic.load", 0x11111111dbaab7f4L, 0L),
      init(283, 0x1111111111111111L),
      returns(284, "i32.atomic.rmw.xchg", 0x11111111L, 0L, 0x12345678L),
      returns(285, "i64.atomic.load", 0x1111111112345678L, 0L),
      init(287, 0x1111111111111111L),
      returns(288, "i64.atomic.rmw.xchg", 0x1111111111111111L, 0L, 0x101010102020202L),
      returns(289, "i64.atomic.load", 0x101010102020202L, 0L),
      init(291, 0x1111111111111111L),
      returns(292, "i32.atomic.rmw8.xchg_u", 17L, 0L, 0xcdcdcdcdL),
      returns(293, "i64.atomic.load", 0x11111111111111cdL, 0L),
      init(295, 0x1111111111111111L),
      returns(296, "i32.atomic.rmw16.xchg_u", 4369L, 0L, 0xcafecafeL),
      returns(297, "i64.atomic.load", 0x111111111111cafeL, 0L),
      init(299, 0x1111111111111111L),
      returns(300, "i64.atomic.rmw8.xchg_u", 17L, 0L, 0x4242424242424242L),
      returns(301, "i64.atomic.load", 0x1111111111111142L, 0L),
      init(303, 0x1111111111111111L),
      returns(304, "i64.atomic.rmw16.xchg_u", 4369L, 0L, 0xbeefbeefbeefbeefL),
      returns(305, "i64.atomic.load", 0x111111111111beefL, 0L),
      init(307, 0x1111111111111111L),
      returns(308, "i64.atomic.rmw32.xchg_u", 0x11111111L, 0L, 0xcabba6e5cabba6e5L),
      returns(309, "i64.atomic.load", 0x11111111cabba6e5L, 0L),
      init(313, 0x1111111111111111L),
      returns(314, "i32.atomic.rmw.cmpxchg", 0x11111111L, 0L, 0L, 0x12345678L),
      returns(315, "i64.atomic.load", 0x1111111111111111L, 0L),
      init(317, 0x1111111111111111L),
      returns(318, "i64.atomic.rmw.cmpxchg", 0x1111111111111111L, 0L, 0L, 0x101010102020202L),
      returns(319, "i64.atomic.load", 0x1111111111111111L, 0L),
      init(321, 0x1111111111111111L),
      returns(322, "i32.atomic.rmw8.cmpxchg_u", 17L, 0L, 0L, 0xcdcdcdcdL),
      returns(323, "i64.atomic.load", 0x1111111111111111L, 0L),
      init(325, 0x1111111111111111L),
      returns(326, "i32.atomic.rmw8.cmpxchg_u", 17L, 0L, 0x11111111L, 0xcdcdcdcdL),
      returns(327, "i64.atomic.load", 0x11111111111111cdL, 0L),
      init(329, 0x1111111111111111L),
      returns(330, "i32.atomic.rmw16.cmpxchg_u", 4369L, 0L, 0L, 0xcafecafeL),
      returns(331, "i64.atomic.load", 0x1111111111111111L, 0L),
      init(333, 0x1111111111111111L),
      returns(334, "i32.atomic.rmw16.cmpxchg_u", 4369L, 0L, 0x11111111L, 0xcafecafeL),
      returns(335, "i64.atomic.load", 0x111111111111cafeL, 0L),
      init(337, 0x1111111111111111L),
      returns(338, "i64.atomic.rmw8.cmpxchg_u", 17L, 0L, 0L, 0x4242424242424242L),
      returns(339, "i64.atomic.load", 0x1111111111111111L, 0L),
      init(341, 0x1111111111111111L),
      returns(342, "i64.atomic.rmw8.cmpxchg_u", 17L, 0L, 0x1111111111111111L, 0x4242424242424242L),
      returns(343, "i64.atomic.load", 0x1111111111111142L, 0L),
      init(345, 0x1111111111111111L),
      returns(346, "i64.atomic.rmw16.cmpxchg_u", 4369L, 0L, 0L, 0xbeefbeefbeefbeefL),
      returns(347, "i64.atomic.load", 0x1111111111111111L, 0L),
      init(349, 0x1111111111111111L),
      returns(350, "i64.atomic.rmw16.cmpxchg_u", 4369L, 0L, 0x1111111111111111L, 0xbeefbeefbeefbeefL),
      returns(351, "i64.atomic.load", 0x111111111111beefL, 0L),
      init(353, 0x1111111111111111L),
      returns(354, "i64.atomic.rmw32.cmpxchg_u", 0x11111111L, 0L, 0L, 0xcabba6e5cabba6e5L),
      returns(355, "i64.atomic.load", 0x1111111111111111L, 0L),
      init(357, 0x1111111111111111L),
      returns(358, "i64.atomic.rmw32.cmpxchg_u", 0x11111111L, 0L, 0x1111111111111111L, 0xcabba6e5cabba6e5L),
      returns(359, "i64.atomic.load", 0x11111111cabba6e5L, 0L),
      init(363, 0x1111111111111111L),
      returns(364, "i32.atomic.rmw.cmpxchg", 0x11111111L, 0L, 0x11111111L, 0x12345678L),
      returns(365, "i64.atomic.load", 0x1111111112345678L, 0L),
      init(367, 0x1111111111111111L),
      returns(368, "i64.atomic.rmw.cmpxchg", 0x1111111111111111L, 0L, 0x1111111111111111L, 0x101010102020202L),
      returns(369, "i64.atomic.load", 0x101010102020202L, 0L),
      init(371, 0x1111111111111111L),
      returns(372, "i32.atomic.rmw8.cmpxchg_u", 17L, 0L, 17L, 0xcdcdcdcdL),
      returns(373, "i64.atomic.load", 0x11111111111111cdL, 0L),
      init(375, 0x1111111111111111L),
      returns(376, "i32.atomic.rmw16.cmpxchg_u", 4369L, 0L, 4369L, 0xcafecafeL),
      returns(377, "i64.atomic.load", 0x111111111111cafeL, 0L),
      init(379, 0x1111111111111111L),
      returns(380, "i64.atomic.rmw8.cmpxchg_u", 17L, 0L, 17L, 0x4242424242424242L),
      returns(381, "i64.atomic.load", 0x1111111111111142L, 0L),
      init(383, 0x1111111111111111L),
      returns(384, "i64.atomic.rmw16.cmpxchg_u", 4369L, 0L, 4369L, 0xbeefbeefbeefbeefL),
      returns(385, "i64.atomic.load", 0x111111111111beefL, 0L),
      init(387, 0x1111111111111111L),
      returns(388, "i64.atomic.rmw32.cmpxchg_u", 0x11111111L, 0L, 0x11111111L, 0xcabba6e5cabba6e5L),
      returns(389, "i64.atomic.load", 0x11111111cabba6e5L, 0L),
      traps(394, "i32.atomic.load", Trap.UNALIGNED, 1L),
      traps(395, "i64.atomic.load", Trap.UNALIGNED, 1L),
      traps(396, "i32.atomic.load16_u", Trap.UNALIGNED, 1L),
      traps(397, "i64.atomic.load16_u", Trap.UNALIGNED, 1L),
      traps(398, "i64.atomic.load32_u", Trap.UNALIGNED, 1L),
      traps(399, "i32.atomic.store", Trap.UNALIGNED, 1L, 0L),
      traps(400, "i64.atomic.store", Trap.UNALIGNED, 1L, 0L),
      traps(401, "i32.atomic.store16", Trap.UNALIGNED, 1L, 0L),
      traps(402, "i64.atomic.store16", Trap.UNALIGNED, 1L, 0L),
      traps(403, "i64.atomic.store32", Trap.UNALIGNED, 1L, 0L),
      traps(404, "i32.atomic.rmw.add", Trap.UNALIGNED, 1L, 0L),
      traps(405, "i64.atomic.rmw.add", Trap.UNALIGNED, 1L, 0L),
      traps(406, "i32.atomic.rmw16.add_u", Trap.UNALIGNED, 1L, 0L),
      traps(407, "i64.atomic.rmw16.add_u", Trap.UNALIGNED, 1L, 0L),
      traps(408, "i64.atomic.rmw32.add_u", Trap.UNALIGNED, 1L, 0L),
      traps(409, "i32.atomic.rmw.sub", Trap.UNALIGNED, 1L, 0L),
      traps(410, "i64.atomic.rmw.sub", Trap.UNALIGNED, 1L, 0L),
      traps(411, "i32.atomic.rmw16.sub_u", Trap.UNALIGNED, 1L, 0L),
      traps(412, "i64.atomic.rmw16.sub_u", Trap.UNALIGNED, 1L, 0L),
      traps(413, "i64.atomic.rmw32.sub_u", Trap.UNALIGNED, 1L, 0L),
      traps(414, "i32.atomic.rmw.and", Trap.UNALIGNED, 1L, 0L),
      traps(415, "i64.atomic.rmw.and", Trap.UNALIGNED, 1L, 0L),
      traps(416, "i32.atomic.rmw16.and_u", Trap.UNALIGNED, 1L, 0L),
      traps(417, "i64.atomic.rmw16.and_u", Trap.UNALIGNED, 1L, 0L),
      traps(418, "i64.atomic.rmw32.and_u", Trap.UNALIGNED, 1L, 0L),
      traps(419, "i32.atomic.rmw.or", Trap.UNALIGNED, 1L, 0L),
      traps(420, "i64.atomic.rmw.or", Trap.UNALIGNED, 1L, 0L),
      traps(421, "i32.atomic.rmw16.or_u", Trap.UNALIGNED, 1L, 0L),
      traps(422, "i64.atomic.rmw16.or_u", Trap.UNALIGNED, 1L, 0L),
      traps(423, "i64.atomic.rmw32.or_u", Trap.UNALIGNED, 1L, 0L),
      traps(424, "i32.atomic.rmw.xor", Trap.UNALIGNED, 1L, 0L),
      traps(425, "i64.atomic.rmw.xor", Trap.UNALIGNED, 1L, 0L),
      traps(426, "i32.atomic.rmw16.xor_u", Trap.UNALIGNED, 1L, 0L),
      traps(427, "i64.atomic.rmw16.xor_u", Trap.UNALIGNED, 1L, 0L),
      traps(428, "i64.atomic.rmw32.xor_u", Trap.UNALIGNED, 1L, 0L),
      traps(429, "i32.atomic.rmw.xchg", Trap.UNALIGNED, 1L, 0L),
      traps(430, "i64.atomic.rmw.xchg", Trap.UNALIGNED, 1L, 0L),
      traps(431, "i32.atomic.rmw16.xchg_u", Trap.UNALIGNED, 1L, 0L),
      traps(432, "i64.atomic.rmw16.xchg_u", Trap.UNALIGNED, 1L, 0L),
      traps(433, "i64.atomic.rmw32.xchg_u", Trap.UNALIGNED, 1L, 0L),
      traps(434, "i32.atomic.rmw.cmpxchg", Trap.UNALIGNED, 1L, 0L, 0L),
      traps(435, "i64.atomic.rmw.cmpxchg", Trap.UNALIGNED, 1L, 0L, 0L),
      traps(436, "i32.atomic.rmw16.cmpxchg_u", Trap.UNALIGNED, 1L, 0L, 0L),
      traps(437, "i64.atomic.rmw16.cmpxchg_u", Trap.UNALIGNED, 1L, 0L, 0L),
      traps(438, "i64.atomic.rmw32.cmpxchg_u", Trap.UNALIGNED, 1L, 0L, 0L));

  /** The module at line 849, {@code (memory 1 1 shared)}: wait and notify. */
  private static final List<Step> WAIT_NOTIFY = List.of(
      init(862, 0xffffffffffffL),
      returns(865, "memory.atomic.wait32", 1L, 0L, 0L, 0L),
      returns(866, "memory.atomic.wait64", 1L, 0L, 0L, 0L),
      returns(869, "memory.atomic.notify", 0L, 0L, 0L),
      traps(872, "memory.atomic.wait32", Trap.OUT_OF_BOUNDS, 65536L, 0L, 0L),
      traps(873, "memory.atomic.wait64", Trap.OUT_OF_BOUNDS, 65536L, 0L, 0L),
      traps(876, "memory.atomic.notify", Trap.OUT_OF_BOUNDS, 65536L, 0L),
      traps(879, "memory.atomic.wait32", Trap.UNALIGNED, 65531L, 0L, 0L),
      traps(880, "memory.atomic.wait64", Trap.UNALIGNED, 65524L, 0L, 0L),
      traps(882, "memory.atomic.notify", Trap.UNALIGNED, 65531L, 0L));

  /**
   * The module at line 885, an unshared memory: its notify rows (RacyMemory is always shared, so
   * the two waits that must trap there, lines 900-901, are left out).
   */
  private static final List<Step> NOTIFY_UNSHARED = List.of(
      init(898, 0xffffffffffffL),
      returns(904, "memory.atomic.notify", 0L, 0L, 0L),
      traps(907, "memory.atomic.notify", Trap.OUT_OF_BOUNDS, 65536L, 0L),
      traps(908, "memory.atomic.notify", Trap.UNALIGNED, 65531L, 0L));

  /** The module at line 964, no memory: {@code atomic.fence}. */
  private static final List<Step> FENCE = List.of(
      returnsNothing(968, "fence"));

  @TestFactory
  Stream<DynamicTest> atomicWast() {
    return Stream.of(ATOMICS, WAIT_NOTIFY, NOTIFY_UNSHARED, FENCE).flatMap(module -> {
      RacyMemory memory = RacyMemory.allocate(65_536); // (memory 1 1): one page, fixed
      return module.stream()
          .map(step -> DynamicTest.dynamicTest(step.toString(), () -> run(memory, step)));
    });
  }

  private static void run(RacyMemory memory, Step step) {
    Trap trap = step.trap();
    if (trap != null) {
      byte[] before = memory.toByteArray();
      assertThrows(trap.exception, () -> invoke(memory, step.op(), step.args()));
      assertEquals(0, Arrays.compare(before, memory.toByteArray()), "a trap writes nothing");
      return;
    }
    long result = invoke(memory, step.op(), step.args());
    Long expected = step.result();
    if (expected != null) {
      assertEquals(expected.longValue(), result, () -> String.format("got 0x%x", result));
    }
  }

  private static final long U8 = 0xFFL;
  private static final long U16 = 0xFFFFL;
  private static final long U32 = 0xFFFF_FFFFL;

  /**
   * The modules' exports: each calls the instruction of its name on {@code a[0]} and the operands
   * after it, returning its result zero-extended to 64 bits (0 for none).
   */
  static long invoke(RacyMemory m, String op, long[] a) {
    long at = a.length > 0 ? a[0] : 0;
    return switch (op) {
      case "init" -> {
        m.store64(0, a[0], UNORDERED); // i64.store
        yield 0;
      }
      case "i32.atomic.load", "i64.atomic.load32_u" -> m.load32(at, SEQ_CST) & U32;
      case "i64.atomic.load" -> m.load64(at, SEQ_CST);
      case "i32.atomic.load8_u", "i64.atomic.load8_u" -> m.load8(at, SEQ_CST) & U8;
      case "i32.atomic.load16_u", "i64.atomic.load16_u" -> m.load16(at, SEQ_CST) & U16;
      case "i32.atomic.store", "i64.atomic.store32" -> {
        m.store32(at, (int) a[1], SEQ_CST);
        yield 0;
      }
      case "i64.atomic.store" -> {
        m.store64(at, a[1], SEQ_CST);
        yield 0;
      }
      case "i32.atomic.store8", "i64.atomic.store8" -> {
        m.store8(at, (byte) a[1], SEQ_CST);
        yield 0;
      }
      case "i32.atomic.store16", "i64.atomic.store16" -> {
        m.store16(at, (short) a[1], SEQ_CST);
        yield 0;
      }
      case "memory.atomic.wait32" -> code(m.wait32(at, (int) a[1], a[2]));
      case "memory.atomic.wait64" -> code(m.wait64(at, a[1], a[2]));
      case "memory.atomic.notify" -> m.notify(at, (int) a[1]) & U32;
      case "fence" -> {
        RacyMemory.fence();
        yield 0;
      }
      default -> readModifyWrite(m, op, at, a);
    };
  }

  /** WebAssembly's result of a wait: 0 "ok", 1 "not-equal", 2 "timed-out". */
  private static long code(WaitResult result) {
    return switch (result) {
      case OK -> 0;
      case NOT_EQUAL -> 1;
      case TIMED_OUT -> 2;
    };
  }

  /** {@code i32/i64.atomic.rmw[8|16|32].<op>[_u]}: by its width and its operation. */
  private static long readModifyWrite(RacyMemory m, String op, long at, long[] a) {
    String name = op.substring(op.indexOf(".rmw") + 4); // e.g. "8.add_u", ".add", "32.cmpxchg_u"
    int dot = name.indexOf('.');
    int bits = dot == 0 ? (op.startsWith("i32") ? 32 : 64)
        : Integer.parseInt(name.substring(0, dot));
    String kind = name.substring(dot + 1).replace("_u", "");
    long v = a[1];
    return switch (bits) {
      case 8 -> U8 & switch (kind) {
        case "add" -> m.getAndAdd8(at, (byte) v);
        case "sub" -> m.getAndSub8(at, (byte) v);
        case "and" -> m.getAndAnd8(at, (byte) v);
        case "or" -> m.getAndOr8(at, (byte) v);
        case "xor" -> m.getAndXor8(at, (byte) v);
        case "xchg" -> m.getAndSet8(at, (byte) v);
        default -> m.compareAndExchange8(at, (byte) v, (byte) a[2]);
      };
      case 16 -> U16 & switch (kind) {
        case "add" -> m.getAndAdd16(at, (short) v);
        case "sub" -> m.getAndSub16(at, (short) v);
        case "and" -> m.getAndAnd16(at, (short) v);
        case "or" -> m.getAndOr16(at, (short) v);
        case "xor" -> m.getAndXor16(at, (short) v);
        case "xchg" -> m.getAndSet16(at, (short) v);
        default -> m.compareAndExchange16(at, (short) v, (short) a[2]);
      };
      case 32 -> U32 & switch (kind) {
        case "add" -> m.getAndAdd32(at, (int) v);
        case "sub" -> m.getAndSub32(at, (int) v);
        case "and" -> m.getAndAnd32(at, (int) v);
        case "or" -> m.getAndOr32(at, (int) v);
        case "xor" -> m.getAndXor32(at, (int) v);
        case "xchg" -> m.getAndSet32(at, (int) v);
        default -> m.compareAndExchange32(at, (int) v, (int) a[2]);
      };
      default -> switch (kind) {
        case "add" -> m.getAndAdd64(at, v);
        case "sub" -> m.getAndSub64(at, v);
        case "and" -> m.getAndAnd64(at, v);
        case "or" -> m.getAndOr64(at, v);
        case "xor" -> m.getAndXor64(at, v);
        case "xchg" -> m.getAndSet64(at, v);
        default -> m.compareAndExchange64(at, v, a[2]);
      };
    };
  }

  /** Every row of the file this test covers ran: 257 + 10 + 4 + 1 (PROVENANCE.md). */
  @Test
  void theTablesHoldEveryTransliteratedLine() {
    assertEquals(272, ATOMICS.size() + WAIT_NOTIFY.size() + NOTIFY_UNSHARED.size() + FENCE.size());
  }
}
