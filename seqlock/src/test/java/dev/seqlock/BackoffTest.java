package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackoffTest {
  @Test
  void theDefaultSpins128TimesYields16TimesThenParksUpTo100Microseconds() {
    Backoff backoff = Backoff.defaults();

    assertAll(
        () -> assertEquals(128, backoff.spins()),
        () -> assertEquals(16, backoff.yields()),
        () -> assertEquals(Duration.ofNanos(100_000), backoff.maxPark()));
  }

  @Test
  void theVirtualThreadBackoffSpins16TimesNeverYieldsThenParksUpTo100Microseconds() {
    Backoff backoff = Backoff.forVirtualThreads();

    assertAll(
        () -> assertEquals(16, backoff.spins()),
        () -> assertEquals(0, backoff.yields()),
        () -> assertEquals(Duration.ofNanos(100_000), backoff.maxPark()));
  }

  @Test
  void ofKeepsTheGivenBounds() {
    Backoff backoff = Backoff.of(3, 4, Duration.ofMillis(5));

    assertAll(
        () -> assertEquals(3, backoff.spins()),
        () -> assertEquals(4, backoff.yields()),
        () -> assertEquals(Duration.ofMillis(5), backoff.maxPark()));
  }

  @Test
  void ofAcceptsNoSpinsNoYieldsAndTheShortestPark() {
    Backoff backoff = Backoff.of(0, 0, Duration.ofNanos(1));

    assertAll(
        () -> assertEquals(0, backoff.spins()),
        () -> assertEquals(0, backoff.yields()),
        () -> assertEquals(Duration.ofNanos(1), backoff.maxPark()));
  }

  @Test
  void ofAcceptsAParkTooLongToCountInNanosecondsAndBoundsIt() {
    Duration forever = Duration.ofSeconds(Long.MAX_VALUE);

    Duration maxPark = Backoff.of(0, 0, forever).maxPark();

    assertTrue(maxPark.compareTo(Duration.ZERO) > 0 && maxPark.compareTo(forever) < 0, maxPark::toString);
  }

  @Test
  void ofRejectsNegativeSpins() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Backoff.of(-1, 0, Duration.ofNanos(1)));

    assertEquals("spins must not be negative: -1", e.getMessage());
  }

  @Test
  void ofRejectsNegativeYields() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Backoff.of(0, -1, Duration.ofNanos(1)));

    assertEquals("yields must not be negative: -1", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void ofRejectsAParkThatIsNotPositive(long nanos) {
    Duration maxPark = Duration.ofNanos(nanos);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Backoff.of(0, 0, maxPark));

    assertEquals("maxPark must be positive: " + maxPark, e.getMessage());
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void ofRejectsANullParkNamingIt() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Backoff.of(0, 0, null));

    assertEquals("maxPark", e.getMessage());
  }

  @Test
  void toStringDescribesTheBounds() {
    assertEquals(
        "Backoff[spins=1, yields=2, maxPark=PT0.003S]",
        Backoff.of(1, 2, Duration.ofMillis(3)).toString());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 10, 63, 64, Integer.MAX_VALUE})
  void everyWaitReturnsWhateverTheAttemptNumber(int attempt) {
    Backoff backoff = Backoff.of(1, 2, Duration.ofMillis(1)); // spin, yield, yield, then park

    // A park longer than maxPark (a shift overflow, say) would show up as a timeout here.
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> backoff.await(attempt));
  }
}
