package dev.seqlock;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A {@link FileChild} in a JVM of its own, started from the running {@code java} with this test's
 * class and module path, and ended for real: {@link #kill()} is SIGKILL, {@link #stop()} SIGSTOP.
 * Every wait is bounded; {@link #close()} kills the child if it is still running and waits for it,
 * so a test that uses try-with-resources leaves no process behind, and only ever ends its own.
 */
final class ChildJvm implements AutoCloseable {
  /** How long any wait for a child lasts at most. */
  static final Duration PATIENCE = Duration.ofSeconds(60);

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  private ChildJvm(Process process) {
    this.process = process;
    Thread pump = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (IOException e) {
        // the child is gone
      }
    }, "child " + process.pid() + " output");
    pump.setDaemon(true);
    pump.start();
  }

  /** Starts {@code FileChild} with {@code arguments}. */
  static ChildJvm start(String... arguments) throws IOException {
    return startVia(List.of(), arguments);
  }

  /**
   * Starts {@code FileChild} with {@code arguments} through {@code launcher}, a command that runs the
   * rest of its command line (for example {@code setpriv} with options), or directly if it is empty.
   */
  static ChildJvm startVia(List<String> launcher, String... arguments) throws IOException {
    List<String> command = new ArrayList<>(launcher);
    command.add(Launch.javaCommand());
    command.add("-XX:TieredStopAtLevel=1"); // starts faster; the reads under test run in this JVM
    command.add("-XX:+UseSerialGC");
    command.add("-Xshare:auto");
    command.add("-cp");
    command.add(Launch.classPath());
    command.add(FileChild.class.getName());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    return new ChildJvm(builder.start());
  }

  /** The running JVM's launcher and the class path the children need. */
  private static final class Launch {
    static String javaCommand() {
      return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This JVM's module path and class path, as one class path: the children run unnamed. */
    static String classPath() {
      return Stream.of(System.getProperty("jdk.module.path"), System.getProperty("java.class.path"))
          .filter(part -> part != null && !part.isEmpty())
          .collect(Collectors.joining(File.pathSeparator));
    }
  }

  long pid() {
    return process.pid();
  }

  /** Waits for the next line that starts with {@code prefix}, failing after {@link #PATIENCE}. */
  String await(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
      if (line == null) {
        throw new AssertionError("child " + pid() + " said no \"" + prefix + "\" within "
            + PATIENCE + (process.isAlive() ? "" : " (it exited " + process.exitValue() + ")")
            + "; it said " + seen);
      }
      seen.add(line);
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  /** Waits for the child's first line, whatever it says. */
  String awaitAnyLine() throws InterruptedException {
    return await("");
  }

  /** SIGKILL, and waits until the process is gone (so the OS has released its locks). */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("child " + pid() + " survived SIGKILL for " + PATIENCE);
    }
  }

  /** SIGSTOP: the child stops where it is, holding whatever it holds. */
  void stop() throws IOException, InterruptedException {
    signal("-STOP");
  }

  /** SIGCONT: a stopped child carries on. */
  void resume() throws IOException, InterruptedException {
    signal("-CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(pid())).inheritIO().start();
    if (!kill.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS) || kill.exitValue() != 0) {
      kill.destroyForcibly();
      throw new AssertionError("kill " + signal + " " + pid() + " failed");
    }
  }

  /** Waits for the child to exit by itself, returning its exit code. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("child " + pid() + " did not exit within " + PATIENCE);
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the child if it still runs and waits for it, however often this thread is interrupted. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroyForcibly(); // a stopped child dies of SIGKILL too
    boolean interrupted = false;
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (process.isAlive() && System.nanoTime() - deadline < 0) {
      try {
        process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
