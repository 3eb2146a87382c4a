package dev.seqlock.benchmarks.designs;

import java.lang.invoke.VarHandle;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * {@link AgronaSeqLock} read field by field in place, as StampedLock's "Point" pattern reads its
 * fields: what {@code SHARED_FILE_FIELDS} is compared against. Its writer is {@link AgronaSeqLock}'s,
 * which already writes the fields in place.
 */
final class AgronaFieldSeqLock extends AgronaSeqLock {
  AgronaFieldSeqLock(int words) {
    super(words);
  }

  @Override
  public long read(ThreadSide side) {
    UnsafeBuffer buffer = this.buffer;
    for (boolean first = true; ; first = false) {
      long s1 = buffer.getLongVolatile(SEQUENCE); // Acquire (and more): the fields stay after it
      long sum = switch (words) { // named fields at constant offsets, as record readers write them
        case 2 -> buffer.getLong(PAD) + buffer.getLong(PAD + 8);
        case 6 -> buffer.getLong(PAD) + buffer.getLong(PAD + 8) + buffer.getLong(PAD + 16)
            + buffer.getLong(PAD + 24) + buffer.getLong(PAD + 32) + buffer.getLong(PAD + 40);
        default -> {
          long all = 0;
          for (int i = 0; i < words; i++) {
            all += buffer.getLong(PAD + i * Long.BYTES);
          }
          yield all;
        }
      };
      VarHandle.acquireFence(); // the field reads stay before the validating read
      if ((s1 & 1) == 0 && buffer.getLongVolatile(SEQUENCE) == s1) {
        return sum;
      }
      if (first) {
        side.retries++;
      }
      Thread.onSpinWait();
    }
  }
}
