package dev.seqlock;

import static dev.seqlock.Fixtures.CHECKED;

import dev.seqlock.Fixtures.Checked;
import dev.seqlock.atomic.ByteCodecs;
import dev.seqlock.atomic.MaybeTorn;
import dev.seqlock.shared.SharedSeqLockArray;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The child process of {@link SharedFileProcessTest}: opens a {@link SharedSeqLockArray} of {@link
 * Checked} values as its arguments say, reports on standard output, one line per event, and keeps
 * running until it is killed or its standard input ends (the parent is gone: no orphans).
 *
 * <pre>
 *   writer FILE LENGTH hold          take the role, print "ready", hold it
 *   writer FILE LENGTH loop          take the role, print "ready", write every slot round robin
 *   writer FILE LENGTH park SLOT     write SLOT once, begin another write of it, put one field,
 *                                    print "parked", never end it
 *   writer FILE LENGTH race          print "won" and hold the role, or "refused MESSAGE" and exit
 *   writer FILE LENGTH create-park   start creating the file, print "creating" before linking it
 *                                    into place, and stop there
 *   reader FILE                      print "ready", read every slot until killed
 *   prober FILE                      print "ready", ask writerState() until killed
 *   opener FILE LENGTH               try openReader, then openWriter, print each outcome
 *                                    ("reader opened N" or "reader refused CLASS: MESSAGE",
 *                                    then "writer ..."), and exit
 * </pre>
 */
final class FileChild {
  private FileChild() {}

  public static void main(String[] args) throws Exception {
    exitWhenStandardInputEnds();
    Path file = Path.of(args[1]);
    if (args[0].equals("reader")) {
      read(file);
      return;
    }
    if (args[0].equals("prober")) {
      probe(file);
      return;
    }
    if (args[0].equals("opener")) {
      say("reader " + outcome(() -> SharedSeqLockArray.openReader(file, CHECKED)));
      say("writer " + outcome(() -> open(file, Integer.parseInt(args[2]))));
      return;
    }
    int length = Integer.parseInt(args[2]);
    switch (args[3]) {
      case "hold" -> {
        SharedSeqLockArray.Writer<Checked> writer = open(file, length);
        say("ready");
        holdOn(writer);
      }
      case "loop" -> {
        SharedSeqLockArray.Writer<Checked> writer = open(file, length);
        say("ready");
        MaybeTorn<Checked> next = MaybeTorn.allocate(CHECKED);
        for (long counter = 1; ; counter++) {
          next.set(Checked.of(counter));
          writer.writeFrom((int) (counter % length), next);
        }
      }
      case "park" -> {
        int slot = Integer.parseInt(args[4]);
        SharedSeqLockArray.Writer<Checked> writer = open(file, length);
        writer.write(slot, Checked.of(1));
        long stamp = writer.beginWrite(slot);
        writer.putLong(slot, stamp, ByteCodecs.offsetOf(CHECKED, "counter"), 999);
        say("parked");
        holdOn(writer);
      }
      case "race" -> {
        SharedSeqLockArray.Writer<Checked> writer;
        try {
          writer = open(file, length);
        } catch (IllegalStateException e) {
          say("refused " + e.getMessage());
          return;
        }
        say("won");
        holdOn(writer);
      }
      case "create-park" -> {
        SeqLockFile.afterTemporaryFile = () -> {
          say("creating");
          sleepForever();
        };
        open(file, length);
        say("created"); // never: the hook does not return
      }
      default -> throw new IllegalArgumentException("unknown mode " + args[3]);
    }
  }

  private static SharedSeqLockArray.Writer<Checked> open(Path file, int length)
      throws IOException {
    return SharedSeqLockArray.Writer.openWriter(file, CHECKED, length, Checked.of(0));
  }

  private static void read(Path file) throws IOException {
    SharedSeqLockArray<Checked> reader = SharedSeqLockArray.openReader(file, CHECKED);
    say("ready");
    MaybeTorn<Checked> holder = MaybeTorn.allocate(CHECKED);
    for (int i = 0; ; i = (i + 1) % reader.length()) {
      reader.readInto(i, holder);
      if (!holder.assumeUntorn().isConsistent()) {
        say("torn " + holder.assumeUntorn());
      }
    }
  }

  /** Opens a handle. */
  private interface Opening {
    SharedSeqLockArray<?> open() throws IOException;
  }

  /** "opened" and the length, or "refused", the exception's class and its message. */
  private static String outcome(Opening opening) {
    try (SharedSeqLockArray<?> handle = opening.open()) {
      return "opened " + handle.length();
    } catch (IOException | RuntimeException e) {
      return "refused " + e.getClass().getName() + ": " + e.getMessage();
    }
  }

  private static void probe(Path file) throws IOException {
    SharedSeqLockArray<Checked> reader = SharedSeqLockArray.openReader(file, CHECKED);
    say("ready");
    long probes = 0;
    while (true) {
      reader.writerState(); // each takes and releases the writer's presence lock, shared
      if (++probes % 10_000 == 0) {
        say("probes " + probes);
      }
    }
  }

  /** Keeps the handle reachable (and so the role held) until the process ends. */
  private static void holdOn(SharedSeqLockArray<?> handle) {
    sleepForever();
    handle.close(); // never reached
  }

  private static void sleepForever() {
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // keep sleeping: only a kill or the end of standard input ends this process
      }
    }
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static void exitWhenStandardInputEnds() {
    Thread watcher = new Thread(() -> {
      try {
        InputStream in = System.in;
        while (in.read() >= 0) {
          // the parent sends nothing; wait for the end
        }
      } catch (IOException e) {
        // the same as the end
      }
      Runtime.getRuntime().halt(3);
    }, "parent watcher");
    watcher.setDaemon(true);
    watcher.start();
  }
}
