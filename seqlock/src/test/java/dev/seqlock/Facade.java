package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The two public facades over the one engine, each making a {@link Subject}: a behaviour they share is
 * tested once, over every facade and every {@link Variant} ({@link #everyFacadeAndVariant()}), not once
 * per facade. {@link #ARRAY_SLOT} tests the middle slot of three, so that a test can also check that
 * the slots beside it ({@link Subject#neighbours()}) are untouched.
 */
enum Facade {
  /** A {@link SeqLock}. */
  LOCK,
  /** Slot 1 of a {@link SeqLockArray} of three slots. */
  ARRAY_SLOT;

  /** A subject of this facade and {@code variant}, holding {@code initial} (every slot, for an array). */
  <T> Subject<T> of(Variant variant, ByteCodec<T> codec, T initial) {
    return switch (this) {
      case LOCK -> new Subject.OfLock<>(variant.of(codec, initial));
      case ARRAY_SLOT -> new Subject.OfSlot<>(variant.array(codec, 3, initial), 1);
    };
  }

  /** Every facade with every variant: arguments {@code (Facade, Variant)}. */
  static Stream<Arguments> everyFacadeAndVariant() {
    return everyFacadeAndVariantWhere(variant -> true);
  }

  /** Every facade with every variant {@code variants} accepts: arguments {@code (Facade, Variant)}. */
  static Stream<Arguments> everyFacadeAndVariantWhere(Predicate<Variant> variants) {
    return Arrays.stream(values())
        .flatMap(
            facade ->
                Arrays.stream(Variant.values())
                    .filter(variants)
                    .map(variant -> Arguments.of(facade, variant)));
  }

  /**
   * Every facade with every variant {@code variants} accepts and every one of {@code others}:
   * arguments {@code (Facade, Variant, other)}.
   */
  static Stream<Arguments> everyFacadeVariantAndOther(Predicate<Variant> variants, List<?> others) {
    return Arrays.stream(values())
        .flatMap(
            facade ->
                Arrays.stream(Variant.values())
                    .filter(variants)
                    .flatMap(
                        variant -> others.stream().map(other -> Arguments.of(facade, variant, other))));
  }
}
