package dev.seqlock.atomic;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A RELAXED load racing stores of two images returns only mixtures of their bytes, with every aligned
 * 8-byte word of an {@link AtomicPerByte} whole from one image (the documented granularity), and
 * every byte of an {@link AtomicBytes} copy from one image.
 */
class TearingPropertyTest {
  /** Loads per try; with the tries below, a few hundred thousand racing loads per property. */
  private static final int LOADS = 3_000;

  /** Two images of {@code size} bytes that differ at every position. */
  private static byte[][] twoImages(int size, long seed) {
    Random random = new Random(seed);
    byte[] a = new byte[size];
    byte[] b = new byte[size];
    random.nextBytes(a);
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (a[i] ^ (1 + random.nextInt(255))); // never equal to a[i]
    }
    return new byte[][] {a, b};
  }

  /** Runs {@code store} in a loop on another thread while {@code loads} runs on this one. */
  private static void racing(Runnable store, Runnable loads) throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer =
        new Thread(
            () -> {
              while (!stop.get()) {
                store.run();
              }
            },
            "tearing-writer");
    writer.setDaemon(true);
    writer.start();
    try {
      loads.run();
    } finally {
      stop.set(true);
      writer.join();
    }
  }

  private static void assertEveryByteFromAOrB(byte[] loaded, byte[] a, byte[] b, int load) {
    for (int i = 0; i < loaded.length; i++) {
      if (loaded[i] != a[i] && loaded[i] != b[i]) {
        fail("load " + load + ": byte " + i + " is " + loaded[i] + ", neither " + a[i] + " nor " + b[i]);
      }
    }
  }

  private static void assertEveryWordFromAOrB(byte[] loaded, byte[] a, byte[] b, int load) {
    for (int word = 0; word * 8 < loaded.length; word++) {
      int from = word * 8;
      int to = Math.min(from + 8, loaded.length);
      boolean allA = true;
      boolean allB = true;
      for (int i = from; i < to; i++) {
        allA &= loaded[i] == a[i];
        allB &= loaded[i] == b[i];
      }
      if (!allA && !allB) {
        fail("load " + load + ": word " + word + " mixes the two images (torn within a word)");
      }
    }
  }

  @Property(tries = 60)
  void relaxedLoadsRacingRelaxedStoresOfTwoImagesReturnOnlyWholeWordsOfEither(
      @ForAll @IntRange(min = 1, max = 200) int size, @ForAll long seed, @ForAll boolean direct)
      throws InterruptedException {
    byte[][] images = twoImages(size, seed);
    byte[] a = images[0];
    byte[] b = images[1];
    ByteCodec<byte[]> codec = ByteCodecs.ofByteArray(size);
    AtomicPerByte<byte[]> shared =
        direct
            ? AtomicPerByte.wrap(ByteBuffer.allocateDirect(AtomicPerByte.storageSize(codec)), 0, codec)
            : AtomicPerByte.uninit(codec);
    MaybeTorn<byte[]> imageA = MaybeTorn.of(codec, a);
    MaybeTorn<byte[]> imageB = MaybeTorn.of(codec, b);
    shared.storeFrom(imageA, MemoryOrder.RELAXED);
    MaybeTorn<byte[]> loaded = MaybeTorn.allocate(codec);

    racing(
        () -> {
          shared.storeFrom(imageB, MemoryOrder.RELAXED);
          shared.storeFrom(imageA, MemoryOrder.RELAXED);
        },
        () -> {
          for (int load = 0; load < LOADS; load++) {
            shared.loadInto(loaded, MemoryOrder.RELAXED);
            byte[] bytes = loaded.bytes().toByteArray();
            assertEveryByteFromAOrB(bytes, a, b, load);
            assertEveryWordFromAOrB(bytes, a, b, load);
          }
        });
  }

  @Property(tries = 60)
  void relaxedByteCopiesRacingRelaxedStoresOfTwoImagesReturnOnlyBytesOfEither(
      @ForAll @IntRange(min = 1, max = 200) int size, @ForAll long seed)
      throws InterruptedException {
    byte[][] images = twoImages(size, seed);
    byte[] a = images[0];
    byte[] b = images[1];
    byte[] shared = a.clone();
    byte[] loaded = new byte[size];

    racing(
        () -> {
          AtomicBytes.store(b, 0, shared, 0, size, MemoryOrder.RELAXED);
          AtomicBytes.store(a, 0, shared, 0, size, MemoryOrder.RELAXED);
        },
        () -> {
          for (int load = 0; load < LOADS; load++) {
            AtomicBytes.load(shared, 0, loaded, 0, size, MemoryOrder.RELAXED);
            assertEveryByteFromAOrB(loaded, a, b, load);
          }
        });
  }
}
