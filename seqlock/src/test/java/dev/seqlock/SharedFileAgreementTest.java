package dev.seqlock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.seqlock.atomic.ByteCodec;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.shared.SharedSeqLockArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@link SharedSeqLockArray} behaves as a heap {@link SeqLockArray#latched} does, call for call: the
 * same random sequence of every operation both have (reads of every kind, field reads of every size
 * and form at every offset, change scans, writes, field writes), with indices, offsets and versions
 * that are valid and that are not, gives the same results, versions and exceptions (class and message) on the heap
 * array, on the file's writer handle and, for reads, on a reader handle of the same file. The heap
 * array's own behaviour is the rest of the suite's; this test carries it over to the file's handles.
 */
class SharedFileAgreementTest {
  @SuppressWarnings("NullAway.Init") // set by JUnit before each test
  @TempDir
  Path directory;

  private static final int LENGTH = 3;

  /** Five longs: 40 bytes, so parts of every size sit at every alignment, and some straddle words. */
  private static final ByteCodec<long[]> CODEC = ByteCodecs.ofLongArray(5);

  /** The operations both facades have, slot first; {@code Heap} and {@code File} adapt them. */
  private interface Slots {
    long[] read(int index);

    long readInto(int index, MaybeTorn<long[]> destination);

    long tryReadInto(int index, MaybeTorn<long[]> destination);

    long readIfNewer(int index, long lastSeen, MaybeTorn<long[]> destination);

    int changedSlots(long[] lastSeenVersions, int[] into);

    long version(int index);

    long tryOptimisticRead(int index);

    Object get(int index, long stamp, int offset, int kind);

    boolean validate(int index, long stamp);

    void write(int index, long[] value);

    void writeFrom(int index, MaybeTorn<long[]> source);

    long beginWrite(int index);

    void put(int index, long stamp, int offset, int kind, long bits);

    void endWrite(int index, long stamp);
  }

  /** Field kinds: long, int, short, byte, double, float, char, boolean. */
  private static final int KINDS = 8;

  private record Heap(SeqLockArray<long[]> array) implements Slots {
    @Override
    public long[] read(int index) {
      return array.read(index);
    }

    @Override
    public long readInto(int index, MaybeTorn<long[]> destination) {
      return array.readInto(index, destination);
    }

    @Override
    public long tryReadInto(int index, MaybeTorn<long[]> destination) {
      return array.tryReadInto(index, destination);
    }

    @Override
    public long readIfNewer(int index, long lastSeen, MaybeTorn<long[]> destination) {
      return array.readIfNewer(index, lastSeen, destination);
    }

    @Override
    public int changedSlots(long[] lastSeenVersions, int[] into) {
      return array.changedSlots(lastSeenVersions, into);
    }

    @Override
    public long version(int index) {
      return array.version(index);
    }

    @Override
    public long tryOptimisticRead(int index) {
      return array.tryOptimisticRead(index);
    }

    @Override
    public Object get(int index, long stamp, int offset, int kind) {
      return switch (kind) {
        case 0 -> array.getLong(index, stamp, offset);
        case 1 -> array.getInt(index, stamp, offset);
        case 2 -> array.getShort(index, stamp, offset);
        case 3 -> array.getByte(index, stamp, offset);
        case 4 -> array.getDouble(index, stamp, offset);
        case 5 -> array.getFloat(index, stamp, offset);
        case 6 -> array.getChar(index, stamp, offset);
        default -> array.getBoolean(index, stamp, offset);
      };
    }

    @Override
    public boolean validate(int index, long stamp) {
      return array.validate(index, stamp);
    }

    @Override
    public void write(int index, long[] value) {
      array.write(index, value);
    }

    @Override
    public void writeFrom(int index, MaybeTorn<long[]> source) {
      array.writeFrom(index, source);
    }

    @Override
    public long beginWrite(int index) {
      return array.beginWrite(index);
    }

    @Override
    public void put(int index, long stamp, int offset, int kind, long bits) {
      switch (kind) {
        case 0 -> array.putLong(index, stamp, offset, bits);
        case 1 -> array.putInt(index, stamp, offset, (int) bits);
        case 2 -> array.putShort(index, stamp, offset, (short) bits);
        case 3 -> array.putByte(index, stamp, offset, (byte) bits);
        case 4 -> array.putDouble(index, stamp, offset, Double.longBitsToDouble(bits));
        case 5 -> array.putFloat(index, stamp, offset, Float.intBitsToFloat((int) bits));
        case 6 -> array.putChar(index, stamp, offset, (char) bits);
        default -> array.putBoolean(index, stamp, offset, (bits & 1) != 0);
      }
    }

    @Override
    public void endWrite(int index, long stamp) {
      array.endWrite(index, stamp);
    }
  }

  /** A file handle: a writer, or a reader, whose writes are never called. */
  private record File(SharedSeqLockArray<long[]> handle) implements Slots {
    private SharedSeqLockArray.Writer<long[]> writer() {
      return (SharedSeqLockArray.Writer<long[]>) handle;
    }

    @Override
    public long[] read(int index) {
      return handle.read(index);
    }

    @Override
    public long readInto(int index, MaybeTorn<long[]> destination) {
      return handle.readInto(index, destination);
    }

    @Override
    public long tryReadInto(int index, MaybeTorn<long[]> destination) {
      return handle.tryReadInto(index, destination);
    }

    @Override
    public long readIfNewer(int index, long lastSeen, MaybeTorn<long[]> destination) {
      return handle.readIfNewer(index, lastSeen, destination);
    }

    @Override
    public int changedSlots(long[] lastSeenVersions, int[] into) {
      return handle.changedSlots(lastSeenVersions, into);
    }

    @Override
    public long version(int index) {
      return handle.version(index);
    }

    @Override
    public long tryOptimisticRead(int index) {
      return handle.tryOptimisticRead(index);
    }

    @Override
    public Object get(int index, long stamp, int offset, int kind) {
      return switch (kind) {
        case 0 -> handle.getLong(index, stamp, offset);
        case 1 -> handle.getInt(index, stamp, offset);
        case 2 -> handle.getShort(index, stamp, offset);
        case 3 -> handle.getByte(index, stamp, offset);
        case 4 -> handle.getDouble(index, stamp, offset);
        case 5 -> handle.getFloat(index, stamp, offset);
        case 6 -> handle.getChar(index, stamp, offset);
        default -> handle.getBoolean(index, stamp, offset);
      };
    }

    @Override
    public boolean validate(int index, long stamp) {
      return handle.validate(index, stamp);
    }

    @Override
    public void write(int index, long[] value) {
      writer().write(index, value);
    }

    @Override
    public void writeFrom(int index, MaybeTorn<long[]> source) {
      writer().writeFrom(index, source);
    }

    @Override
    public long beginWrite(int index) {
      return writer().beginWrite(index);
    }

    @Override
    public void put(int index, long stamp, int offset, int kind, long bits) {
      switch (kind) {
        case 0 -> writer().putLong(index, stamp, offset, bits);
        case 1 -> writer().putInt(index, stamp, offset, (int) bits);
        case 2 -> writer().putShort(index, stamp, offset, (short) bits);
        case 3 -> writer().putByte(index, stamp, offset, (byte) bits);
        case 4 -> writer().putDouble(index, stamp, offset, Double.longBitsToDouble(bits));
        case 5 -> writer().putFloat(index, stamp, offset, Float.intBitsToFloat((int) bits));
        case 6 -> writer().putChar(index, stamp, offset, (char) bits);
        default -> writer().putBoolean(index, stamp, offset, (bits & 1) != 0);
      }
    }

    @Override
    public void endWrite(int index, long stamp) {
      writer().endWrite(index, stamp);
    }
  }

  /** The result of {@code call}, as text, or the class and message of what it threw. */
  private static String outcome(Callable<?> call) {
    try {
      Object result = call.call();
      return result instanceof long[] words ? Arrays.toString(words) : String.valueOf(result);
    } catch (Exception e) {
      return "threw " + e.getClass().getName() + ": " + e.getMessage();
    }
  }

  /** A call that returns nothing, as {@link #outcome}. */
  private interface Action {
    void run() throws Exception;
  }

  private static String done(Action action) {
    return outcome(() -> {
      action.run();
      return "done";
    });
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void everyOperationGivesWhatTheHeapArrayGives(long seed) throws IOException {
    long[] initial = {1, -2, 3, Long.MIN_VALUE, 0x0102030405060708L};
    Path file = directory.resolve("agreement-" + seed + ".seqlock");
    try (SharedSeqLockArray.Writer<long[]> writer =
            SharedSeqLockArray.Writer.openWriter(file, CODEC, LENGTH, initial);
        SharedSeqLockArray<long[]> reader = SharedSeqLockArray.openReader(file, CODEC)) {
      List<Slots> all = List.of(
          new Heap(SeqLockArray.latched(CODEC, LENGTH, initial)), new File(writer), new File(reader));
      List<Slots> writers = all.subList(0, 2);
      // one holder per facade for reads, and another for writers' writeFrom: each evolves alike
      List<MaybeTorn<long[]>> holders = new ArrayList<>();
      List<MaybeTorn<long[]>> sources = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        holders.add(MaybeTorn.allocate(CODEC));
        sources.add(MaybeTorn.allocate(CODEC));
      }
      Random random = new Random(seed);
      for (int step = 0; step < 3_000; step++) {
        int index = random.nextInt(10) == 0 ? random.nextInt(LENGTH + 4) - 2 : random.nextInt(LENGTH);
        int operation = random.nextInt(10);
        String what = "seed " + seed + ", step " + step + ", operation " + operation + ", index "
            + index;
        if (operation <= 6) {
          long lastSeen = switch (random.nextInt(4)) {
            case 0 -> SeqLock.NOTHING_SEEN;
            case 1 -> random.nextInt(LENGTH * 2) * 2L; // some version, maybe the slot's
            case 2 -> 2L * random.nextInt(50);
            default -> random.nextInt(7) - 4; // odd or negative: refused
          };
          int[] kinds = random.ints(3, 0, KINDS).toArray();
          int[] offsets = random.ints(3, -2, CODEC.byteSize() + 2).toArray();
          // for changedSlots: versions per slot, some the slots' own, sometimes one too many
          long[] seen = random.longs(random.nextInt(20) == 0 ? LENGTH + 1 : LENGTH, -1, 4)
              .map(v -> v < 0 ? SeqLock.NOTHING_SEEN : v * 2).toArray();
          int room = random.nextInt(LENGTH + 2);
          agree(what, all, (slots, k) -> read(slots, holders.get(k), operation, index, lastSeen,
              kinds, offsets, seen, room));
        } else {
          long[] value = random.longs(random.nextInt(20) == 0 ? 4 : 5).toArray(); // 4: refused
          int[] kinds = random.ints(3, 0, KINDS).toArray();
          int[] offsets = random.ints(3, -2, CODEC.byteSize() + 2).toArray();
          long[] bits = random.longs(3).toArray();
          agree(what, writers, (slots, k) -> write(slots, sources.get(k), operation, index, value,
              kinds, offsets, bits));
        }
      }
      for (int i = 0; i < LENGTH; i++) {
        int slot = i;
        agree("final value of slot " + i, all, (slots, k) -> outcome(() -> slots.read(slot))
            + " version " + slots.version(slot));
      }
    }
  }

  private interface Step {
    String apply(Slots slots, int which);
  }

  /** Runs {@code step} on each of {@code slots} and checks that all give what the first gives. */
  private static void agree(String what, List<Slots> slots, Step step) {
    String expected = step.apply(slots.get(0), 0);
    for (int k = 1; k < slots.size(); k++) {
      assertEquals(expected, step.apply(slots.get(k), k), what + ", " + slots.get(k));
    }
  }

  private static String read(Slots slots, MaybeTorn<long[]> holder, int operation, int index,
      long lastSeen, int[] kinds, int[] offsets, long[] seen, int room) {
    return switch (operation) {
      case 0 -> outcome(() -> slots.read(index));
      case 1 -> outcome(() -> slots.readInto(index, holder)) + " " + contents(holder);
      case 2 -> outcome(() -> slots.tryReadInto(index, holder)) + " " + contents(holder);
      case 3 -> outcome(() -> slots.readIfNewer(index, lastSeen, holder)) + " " + contents(holder);
      case 4 -> outcome(() -> slots.version(index));
      case 6 -> {
        int[] into = new int[room];
        String count = outcome(() -> slots.changedSlots(seen, into));
        yield count + " " + java.util.Arrays.toString(into);
      }
      default -> {
        String stamp = outcome(() -> slots.tryOptimisticRead(index));
        long s = stamp.startsWith("threw") ? lastSeen : Long.parseLong(stamp);
        StringBuilder fields = new StringBuilder(stamp);
        for (int i = 0; i < kinds.length; i++) {
          int kind = kinds[i];
          int offset = offsets[i];
          fields.append(' ').append(outcome(() -> slots.get(index, s, offset, kind)));
        }
        yield fields.append(" valid ").append(outcome(() -> slots.validate(index, s))).toString();
      }
    };
  }

  private static String write(Slots slots, MaybeTorn<long[]> holder, int operation, int index,
      long[] value, int[] kinds, int[] offsets, long[] bits) {
    return switch (operation) {
      case 7 -> done(() -> slots.write(index, value));
      case 8 -> {
        String filled = done(() -> holder.set(value));
        yield filled + " " + done(() -> slots.writeFrom(index, holder));
      }
      default -> {
        String stamp = outcome(() -> slots.beginWrite(index));
        if (stamp.startsWith("threw")) {
          yield stamp;
        }
        long s = Long.parseLong(stamp);
        StringBuilder puts = new StringBuilder(stamp);
        for (int i = 0; i < kinds.length; i++) {
          int kind = kinds[i];
          int offset = offsets[i];
          long part = bits[i];
          puts.append(' ').append(done(() -> slots.put(index, s, offset, kind, part)));
        }
        yield puts.append(' ').append(done(() -> slots.endWrite(index, s))).toString();
      }
    };
  }

  /** The holder's words: no write races these calls, so they are never torn. */
  private static String contents(MaybeTorn<long[]> holder) {
    return Arrays.toString(holder.assumeUntorn());
  }
}
