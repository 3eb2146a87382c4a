package dev.seqlock.examples;

import dev.seqlock.atomic.ByteImage;
import dev.seqlock.atomic.MaybeTorn;
import java.util.concurrent.locks.StampedLock;

/**
 * The book with one {@link StampedLock} per symbol, used as its javadoc recommends: a reader first
 * tries an optimistic read (copy the quote, then {@link StampedLock#validate}) and, if a write
 * interfered, reads again under the read lock. {@link Reader#retries()} counts those second reads.
 */
final class StampedLockBook implements QuoteBook {
  /** One symbol: its lock, and the version and quote it guards. */
  private static final class Slot {
    final StampedLock lock = new StampedLock();
    final ByteImage quote = ByteImage.allocate(Quote.BYTES);
    long version; // written under the write lock; read optimistically (validated) or under the read lock
  }

  private final Slot[] slots;

  StampedLockBook(int symbols) {
    slots = new Slot[symbols];
    for (int i = 0; i < symbols; i++) {
      slots[i] = new Slot();
    }
  }

  @Override
  public String name() {
    return "StampedLock";
  }

  @Override
  public String description() {
    return "a StampedLock per symbol, optimistic read falling back to the read lock";
  }

  @Override
  public int symbols() {
    return slots.length;
  }

  @Override
  public void publish(int symbol, MaybeTorn<Quote> quote) {
    Slot slot = slots[symbol];
    long stamp = slot.lock.writeLock();
    try {
      slot.quote.copyFrom(quote.bytes());
      slot.version += 2;
    } finally {
      slot.lock.unlockWrite(stamp);
    }
  }

  @Override
  public Reader newReader() {
    return new Reader() {
      private long retries;

      @Override
      public long readIfNewer(int symbol, long lastSeen, MaybeTorn<Quote> into) {
        Slot slot = slots[symbol];
        long stamp = slot.lock.tryOptimisticRead();
        if (stamp != 0) {
          long version = slot.version; // racy: trusted only once validate() succeeds
          if (version != lastSeen) {
            into.bytes().copyFrom(slot.quote); // racy copy: discarded unless validate() succeeds
          }
          if (slot.lock.validate(stamp)) {
            return version;
          }
        }
        retries++; // a write was in progress or interfered: read again under the read lock
        stamp = slot.lock.readLock();
        try {
          long version = slot.version;
          if (version != lastSeen) {
            into.bytes().copyFrom(slot.quote);
          }
          return version;
        } finally {
          slot.lock.unlockRead(stamp);
        }
      }

      @Override
      public long retries() {
        return retries;
      }
    };
  }
}
