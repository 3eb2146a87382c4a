package dev.seqlock.examples;

import dev.seqlock.atomic.ByteImage;
import dev.seqlock.atomic.MaybeTorn;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The book with one (non-fair) {@link ReentrantReadWriteLock} per symbol: every read takes the read
 * lock, which writes the lock's shared state, and every publish the write lock. A reader that finds
 * the write lock held waits for it instead of retrying, so {@link Reader#retries()} is always 0.
 */
final class ReadWriteLockBook implements QuoteBook {
  /** One symbol: its lock, and the version and quote it guards. */
  private static final class Slot {
    final Lock readLock;
    final Lock writeLock;
    final ByteImage quote = ByteImage.allocate(Quote.BYTES);
    long version; // guarded by the lock

    Slot() {
      ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
      readLock = lock.readLock();
      writeLock = lock.writeLock();
    }
  }

  private final Slot[] slots;

  ReadWriteLockBook(int symbols) {
    slots = new Slot[symbols];
    for (int i = 0; i < symbols; i++) {
      slots[i] = new Slot();
    }
  }

  @Override
  public String name() {
    return "ReentrantReadWriteLock";
  }

  @Override
  public String description() {
    return "a ReentrantReadWriteLock per symbol, every read under the read lock";
  }

  @Override
  public int symbols() {
    return slots.length;
  }

  @Override
  public void publish(int symbol, MaybeTorn<Quote> quote) {
    Slot slot = slots[symbol];
    slot.writeLock.lock();
    try {
      slot.quote.copyFrom(quote.bytes());
      slot.version += 2;
    } finally {
      slot.writeLock.unlock();
    }
  }

  @Override
  public Reader newReader() {
    return new Reader() {
      @Override
      public long readIfNewer(int symbol, long lastSeen, MaybeTorn<Quote> into) {
        Slot slot = slots[symbol];
        slot.readLock.lock();
        try {
          long version = slot.version;
          if (version != lastSeen) {
            into.bytes().copyFrom(slot.quote);
          }
          return version;
        } finally {
          slot.readLock.unlock();
        }
      }

      @Override
      public long retries() {
        return 0; // every read holds the read lock: none is ever redone
      }
    };
  }
}
