package dev.seqlock;

import dev.seqlock.atomic.ByteCodec;

/**
 * The three kinds of {@link SeqLock} and of {@link SeqLockArray}, by factory, for tests that every kind
 * must pass.
 */
enum Variant {
  /** {@link SeqLock#create}: any number of writers, serialised by the writer lock. */
  CREATE {
    @Override
    <T> SeqLock<T> of(ByteCodec<T> codec, T initial, Backoff backoff) {
      return SeqLock.create(codec, initial, backoff);
    }

    @Override
    <T> SeqLockArray<T> array(ByteCodec<T> codec, int length, T initial, Backoff backoff) {
      return SeqLockArray.create(codec, length, initial, backoff);
    }
  },
  /** {@link SeqLock#singleWriter}: one writer at a time, checked under {@code -ea}. */
  SINGLE_WRITER {
    @Override
    <T> SeqLock<T> of(ByteCodec<T> codec, T initial, Backoff backoff) {
      return SeqLock.singleWriter(codec, initial, backoff);
    }

    @Override
    <T> SeqLockArray<T> array(ByteCodec<T> codec, int length, T initial, Backoff backoff) {
      return SeqLockArray.singleWriter(codec, length, initial, backoff);
    }
  },
  /** {@link SeqLock#latched}: two copies, any number of writers. */
  LATCHED {
    @Override
    <T> SeqLock<T> of(ByteCodec<T> codec, T initial, Backoff backoff) {
      return SeqLock.latched(codec, initial, backoff);
    }

    @Override
    <T> SeqLockArray<T> array(ByteCodec<T> codec, int length, T initial, Backoff backoff) {
      return SeqLockArray.latched(codec, length, initial, backoff);
    }
  };

  /** Whether the surefire run has assertions enabled for the main code (it must: {@code -ea}). */
  static final boolean ASSERTIONS_ENABLED = WriterRole.Trusted.class.desiredAssertionStatus();

  abstract <T> SeqLock<T> of(ByteCodec<T> codec, T initial, Backoff backoff);

  <T> SeqLock<T> of(ByteCodec<T> codec, T initial) {
    return of(codec, initial, Backoff.defaults());
  }

  /** The {@link SeqLockArray} of this kind, by the factory that takes a backoff. */
  abstract <T> SeqLockArray<T> array(ByteCodec<T> codec, int length, T initial, Backoff backoff);

  <T> SeqLockArray<T> array(ByteCodec<T> codec, int length, T initial) {
    return array(codec, length, initial, Backoff.defaults());
  }

  /** The name {@code toString} gives this kind: its factory's. */
  String factoryName() {
    return switch (this) {
      case CREATE -> "create";
      case SINGLE_WRITER -> "singleWriter";
      case LATCHED -> "latched";
    };
  }

  /** Whether the lock itself serialises writers, so that concurrent writers are allowed. */
  boolean serialisesWriters() {
    return this != SINGLE_WRITER;
  }

  /**
   * Whether the lock turns a write from inside an update function into an exception: always for the
   * serialising variants, under {@code -ea} for the single-writer one.
   */
  boolean detectsNestedWrites() {
    return serialisesWriters() || ASSERTIONS_ENABLED;
  }
}
