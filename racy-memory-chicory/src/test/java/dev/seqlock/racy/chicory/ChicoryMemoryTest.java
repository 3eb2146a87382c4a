package dev.seqlock.racy.chicory;

import static dev.seqlock.racy.chicory.WasmBytes.I32;
import static dev.seqlock.racy.chicory.WasmBytes.I64;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.seqlock.racy.RacyMemory;
import dev.seqlock.racy.RacyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Chicory WebAssembly runtime running multi-threaded modules on a {@link RacyMemory}: one
 * {@link Instance} per thread, all importing one {@link ChicoryMemory}.
 */
class ChicoryMemoryTest {
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long BOUND_SECONDS = 30;
  private static final int INCREMENTS = 20_000;
  /** Enough for the two adders to overlap for most of their run on two cores. */
  private static final int OVERLAPPING_ADDS = 200_000;

  /*
   * (module
   *   (import "env" "memory" (memory 1 1 shared))
   *   ;; [0] the counter, [4] workers done, [8] the start flag
   *   (func (export "work") (param $n i32) (param $timeout i64) (result i32)
   *     (block $go (loop $idle
   *       (br_if $go (i32.atomic.load (i32.const 8)))
   *       (drop (memory.atomic.wait32 (i32.const 8) (i32.const 0) (local.get $timeout)))
   *       (br $idle)))
   *     (block $done (loop $count
   *       (br_if $done (i32.eqz (local.get $n)))
   *       (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
   *       (local.set $n (i32.sub (local.get $n) (i32.const 1)))
   *       (br $count)))
   *     (drop (i32.atomic.rmw.add (i32.const 4) (i32.const 1)))
   *     (memory.atomic.notify (i32.const 4) (i32.const 1)))
   *   (func (export "start") (result i32)
   *     (i32.atomic.store (i32.const 8) (i32.const 1))
   *     (memory.atomic.notify (i32.const 8) (i32.const -1)))
   *   (func (export "await") (param $workers i32) (param $timeout i64) (result i32) (local $seen i32)
   *     (block $all (loop $idle
   *       (br_if $all (i32.ge_u (local.tee $seen (i32.atomic.load (i32.const 4))) (local.get $workers)))
   *       (drop (memory.atomic.wait32 (i32.const 4) (local.get $seen) (local.get $timeout)))
   *       (br $idle)))
   *     (i32.atomic.load (i32.const 0)))
   *   (func (export "add32") (param $n i32)   ;; n times: [16] += 0x10000, bytes 18 and 19
   *     ... (i32.atomic.rmw.add (i32.const 16) (i32.const 0x10000)) ...)
   *   (func (export "add8") (param $n i32)    ;; n times: byte [17] += 1, inside add32's word
   *     ... (i32.atomic.rmw8.add_u (i32.const 17) (i32.const 1)) ...)
   *   (func (export "add64") (param $n i32)   ;; n times: [24] += 1 (bytes 24 to 31)
   *     ... (drop (i64.atomic.rmw.add (i32.const 24) (i64.const 1))) ...)
   *   (func (export "add32hi") (param $n i32) ;; n times: [28] += 1, the high half of add64's word
   *     ... (drop (i32.atomic.rmw.add (i32.const 28) (i32.const 1))) ...)
   *   (data (i32.const 100) "racy"))
   */
  private static final WasmModule COUNTER = Parser.parse(new WasmBytes(1, 1)
      .function("work", new int[] {I32, I64}, new int[] {I32}, 0, WasmBytes.code()
          .block().loop()
          .i32Const(8).i32AtomicLoad().brIf(1)
          .i32Const(8).i32Const(0).localGet(1).atomicWait32().drop()
          .br(0).end().end()
          .block().loop()
          .localGet(0).i32Eqz().brIf(1)
          .i32Const(0).i32Const(1).i32AtomicRmwAdd().drop()
          .localGet(0).i32Const(1).i32Sub().localSet(0)
          .br(0).end().end()
          .i32Const(4).i32Const(1).i32AtomicRmwAdd().drop()
          .i32Const(4).i32Const(1).atomicNotify()
          .toBytes())
      .function("start", new int[0], new int[] {I32}, 0, WasmBytes.code()
          .i32Const(8).i32Const(1).i32AtomicStore()
          .i32Const(8).i32Const(-1).atomicNotify()
          .toBytes())
      .function("await", new int[] {I32, I64}, new int[] {I32}, 1, WasmBytes.code()
          .block().loop()
          .i32Const(4).i32AtomicLoad().localTee(2).localGet(0).i32GeU().brIf(1)
          .i32Const(4).localGet(2).localGet(1).atomicWait32().drop()
          .br(0).end().end()
          .i32Const(0).i32AtomicLoad()
          .toBytes())
      .function("add32", new int[] {I32}, new int[0], 0, countdown(WasmBytes.code()
          .i32Const(16).i32Const(0x10000).i32AtomicRmwAdd().drop()))
      .function("add8", new int[] {I32}, new int[0], 0, countdown(WasmBytes.code()
          .i32Const(17).i32Const(1).i32AtomicRmw8AddU().drop()))
      .function("add64", new int[] {I32}, new int[0], 0, countdown(WasmBytes.code()
          .i32Const(24).i64Const(1).i64AtomicRmwAdd().drop()))
      .function("add32hi", new int[] {I32}, new int[0], 0, countdown(WasmBytes.code()
          .i32Const(28).i32Const(1).i32AtomicRmwAdd().drop()))
      .data(100, "racy".getBytes(US_ASCII))
      .toBytes());

  /** Wraps {@code step} in a loop that runs it {@code $n} (parameter 0) times. */
  private static byte[] countdown(WasmBytes.Code step) {
    return WasmBytes.code()
        .block().loop()
        .localGet(0).i32Eqz().brIf(1)
        .append(step)
        .localGet(0).i32Const(1).i32Sub().localSet(0)
        .br(0).end().end()
        .toBytes();
  }

  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "wasm-thread");
    thread.setDaemon(true); // a hung module cannot keep the test JVM alive
    return thread;
  });

  @AfterEach
  void stopThreads() throws InterruptedException {
    threads.shutdownNow();
    assertTrue(threads.awaitTermination(BOUND_SECONDS, TimeUnit.SECONDS), "module threads ended");
  }

  private static Instance instance(Memory memory) {
    return Instance.builder(COUNTER)
        .withImportValues(ImportValues.builder()
            .addMemory(new ImportMemory("env", "memory", memory)).build())
        .build();
  }

  @Test
  void twoModuleThreadsCountExactlyAndWaitAndNotifyEachOther() throws Exception {
    RacyMemory bytes = RacyMemory.allocate(Memory.PAGE_SIZE);
    ChicoryMemory memory = ChicoryMemory.wrap(bytes);
    List<Future<long[]>> workers = new ArrayList<>();
    List<Thread> workerThreads = new ArrayList<>();
    CountDownLatch started = new CountDownLatch(2);
    for (int i = 0; i < 2; i++) {
      workers.add(threads.submit(() -> {
        Instance instance = instance(memory); // each thread its own instance of the module
        synchronized (workerThreads) {
          workerThreads.add(Thread.currentThread());
        }
        started.countDown();
        return instance.export("work").apply(INCREMENTS, WAIT_NANOS);
      }));
    }
    assertTrue(started.await(BOUND_SECONDS, TimeUnit.SECONDS));
    // both workers asleep in memory.atomic.wait32 on the start flag
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
    while (!workerThreads.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING)) {
      assertTrue(System.nanoTime() < deadline, "workers waiting on the start flag");
      Thread.onSpinWait();
    }
    Instance main = instance(memory);
    assertEquals(2, main.export("start").apply()[0], "memory.atomic.notify woke both workers");

    // on a module thread too: its loop ends only when both workers are done
    long total = threads.submit(() -> main.export("await").apply(2, WAIT_NANOS)[0])
        .get(BOUND_SECONDS, TimeUnit.SECONDS);

    assertEquals(2 * INCREMENTS, total, "the counter the module read");
    assertEquals(2 * INCREMENTS, bytes.load32(0, RacyOrder.SEQ_CST), "the counter Java reads");
    assertEquals(2, bytes.load32(4, RacyOrder.SEQ_CST), "workers done");
    for (Future<long[]> worker : workers) {
      worker.get(BOUND_SECONDS, TimeUnit.SECONDS);
    }
  }

  @Test
  void overlappingAtomicsOfDifferentSizesLoseNoUpdate() throws Exception {
    ChicoryMemory memory = ChicoryMemory.allocate(new MemoryLimits(1, 1, true));
    assertEquals(OVERLAPPED_WORD, overlappingAdds(memory, "add32", "add8", 16));
  }

  /** An 8-byte atomic and a 4-byte one in its upper half: one monitor per 8 bytes, not per 4. */
  @Test
  void anAtomicOfEightBytesAndOneOfFourInsideItLoseNoUpdate() throws Exception {
    ChicoryMemory memory = ChicoryMemory.allocate(new MemoryLimits(1, 1, true));
    overlappingAdds(memory, "add64", "add32hi", 24);
    assertEquals(OVERLAPPING_ADDS, memory.readInt(24), "add64's count");
    assertEquals(OVERLAPPING_ADDS, memory.readInt(28), "add32hi's count");
  }

  /**
   * The control: Chicory's own memory takes a monitor per exact address, so the same module loses
   * updates on it; this shows that the test above can see a lost update on this machine.
   */
  @Test
  void chicorysOwnMemoryLosesUpdatesOnTheSameModule() throws Exception {
    boolean lost = false;
    for (int attempt = 0; attempt < 5 && !lost; attempt++) {
      lost = overlappingAdds(new ByteBufferMemory(new MemoryLimits(1, 1, true)), "add32", "add8", 16)
          != OVERLAPPED_WORD;
    }
    assertTrue(lost, "Chicory's ByteBufferMemory lost no update in 5 runs");
  }

  /** Bytes 18-19: add32's count mod 2^16; byte 17: add8's count mod 2^8; byte 16 untouched. */
  private static final int OVERLAPPED_WORD = (OVERLAPPING_ADDS << 16) | ((OVERLAPPING_ADDS & 0xFF) << 8);

  /** Runs two adders at once on two threads; returns the 4 bytes at {@code word}. */
  private int overlappingAdds(Memory memory, String first, String second, int word)
      throws Exception {
    CountDownLatch ready = new CountDownLatch(2);
    List<Future<long[]>> adders = new ArrayList<>();
    for (String adder : new String[] {first, second}) {
      adders.add(threads.submit(() -> {
        Instance instance = instance(memory);
        ready.countDown();
        ready.await(BOUND_SECONDS, TimeUnit.SECONDS);
        return instance.export(adder).apply(OVERLAPPING_ADDS);
      }));
    }
    for (Future<long[]> adder : adders) {
      adder.get(BOUND_SECONDS, TimeUnit.SECONDS);
    }
    return memory.readInt(word);
  }

  @Test
  void activeDataSegmentsAreWrittenIntoTheSharedBytes() {
    ChicoryMemory memory = ChicoryMemory.wrap(RacyMemory.allocate(Memory.PAGE_SIZE));
    instance(memory);
    byte[] read = new byte[4];
    memory.racyMemory().copyTo(100, read, 0, 4);
    assertArrayEquals("racy".getBytes(US_ASCII), read);
  }

  @Test
  void accessesOutsideTheMemoryTrapAndChangeNothing() {
    ChicoryMemory memory = ChicoryMemory.allocate(new MemoryLimits(1, 2, true));
    int end = Memory.PAGE_SIZE;
    memory.writeI32(end - 4, 7);
    memory.writeByte(0, (byte) 5); // what a partial copy to end - 1 would bring
    assertThrows(WasmRuntimeException.class, () -> memory.writeI32(end - 2, 1));
    assertThrows(WasmRuntimeException.class, () -> memory.readLong(end - 4));
    assertThrows(WasmRuntimeException.class, () -> memory.write(end - 1, new byte[] {9, 9}, 0, 2));
    assertThrows(WasmRuntimeException.class, () -> memory.readBytes(end, 1));
    assertThrows(WasmRuntimeException.class, () -> memory.fill((byte) 1, end - 1, end + 1));
    assertThrows(WasmRuntimeException.class, () -> memory.copy(end - 1, 0, 2));
    assertThrows(WasmRuntimeException.class, () -> memory.copy(0, 0, -1)); // 2^32 - 1 bytes
    assertThrows(WasmRuntimeException.class, () -> memory.notify(end, 1));
    InvalidException unaligned = assertThrows(InvalidException.class, () -> memory.notify(2, 1));
    assertEquals("unaligned atomic", unaligned.getMessage()); // atomic.wast's trap
    assertThrows(WasmRuntimeException.class, () -> memory.waitOn(end - 4, 7L, 0));
    assertEquals(7, memory.readInt(end - 4), "bytes end-4 to end-1 as they were");
  }

  @Test
  void loadsAndStoresAreLittleEndianAndCopiesOverlap() {
    ChicoryMemory memory = ChicoryMemory.allocate(new MemoryLimits(1, 1, true));
    memory.writeLong(1, 0x0807060504030201L); // misaligned: allowed for non-atomic accesses
    assertEquals(0x01, memory.read(1));
    assertEquals(0x0201, memory.readShort(1));
    assertEquals(0x04030201, memory.readInt(1));
    memory.writeF64(16, Math.PI);
    assertEquals(Math.PI, memory.readDouble(16));
    memory.writeF32(32, 1.5f);
    assertEquals(1.5f, memory.readFloat(32));
    memory.copy(2, 1, 8); // overlapping, forwards
    assertEquals(0x0807060504030201L, memory.readLong(2));
    memory.fill((byte) 0x7F, 40, 44);
    assertEquals(0x7F7F7F7F, memory.readInt(40));
    memory.writeShort(48, (short) -1);
    assertEquals(0xFFFFL, memory.readU16(48));
  }

  @Test
  void growReturnsThePreviousPagesAndFailsPastTheMaximum() {
    ChicoryMemory memory = ChicoryMemory.allocate(new MemoryLimits(1, 3, true));
    assertEquals(1, memory.grow(1));
    assertEquals(2, memory.pages());
    assertEquals(-1, memory.grow(2));
    assertEquals(2, memory.pages());
    memory.writeI32(2 * Memory.PAGE_SIZE - 4, 9); // the new page is usable
    assertEquals(2, memory.grow(1));
    assertEquals(3 * Memory.PAGE_SIZE, memory.racyMemory().byteLength());
  }

  @Test
  void waitReturnsNotEqualOrTimesOutWhenNobodyNotifies() {
    ChicoryMemory memory = ChicoryMemory.allocate(new MemoryLimits(1, 1, true));
    memory.writeI32(0, 5);
    assertEquals(1, memory.waitOn(0, 4, WAIT_NANOS), "not-equal");
    assertEquals(2, memory.waitOn(0, 5, TimeUnit.MILLISECONDS.toNanos(1)), "timed-out");
    assertEquals(0, memory.notify(0, 1), "the timed-out waiter left the queue");
    ChicoryException e = assertThrows(ChicoryException.class,
        () -> ChicoryMemory.allocate(new MemoryLimits(1, 1, false)).waitOn(0, 0, 0));
    assertTrue(String.valueOf(e.getMessage()).contains("non-shared"), e.getMessage());
  }

  @Test
  void notifyWakesWaitersOfItsAddressInTheOrderTheyCame() throws Exception {
    ChicoryMemory memory = ChicoryMemory.allocate(new MemoryLimits(1, 1, true));
    List<Integer> woken = new ArrayList<>();
    List<CompletableFuture<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int id = i;
      CompletableFuture<Integer> result = new CompletableFuture<>();
      results.add(result);
      Thread waiter = new Thread(() -> {
        int outcome = memory.waitOn(8, 0, -1); // forever: only a notify ends it
        synchronized (woken) {
          woken.add(id);
        }
        result.complete(outcome);
      });
      waiter.setDaemon(true);
      waiter.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
      while (waiter.getState() != Thread.State.WAITING) { // queued before the next one
        assertTrue(System.nanoTime() < deadline, "waiter " + id + " waiting");
        Thread.onSpinWait();
      }
    }
    // a notify at another address of the same 8-byte word (the same monitor) wakes none of them
    assertEquals(0, memory.notify(12, 5));
    assertEquals(1, memory.notify(8, 1));
    assertEquals(0, results.get(0).get(BOUND_SECONDS, TimeUnit.SECONDS));
    assertFalse(results.get(1).isDone());
    assertEquals(2, memory.notify(8, -1), "a negative count is WebAssembly's unsigned: all");
    assertEquals(0, results.get(1).get(BOUND_SECONDS, TimeUnit.SECONDS));
    assertEquals(0, results.get(2).get(BOUND_SECONDS, TimeUnit.SECONDS));
    assertEquals(0, woken.get(0));
  }

  /** README's snippet, line for line, with this test's module as its module. */
  @Test
  void theReadmeSnippetRunsAModuleOnTheSharedBytes() {
    WasmModule module = COUNTER;
    ChicoryMemory memory = ChicoryMemory.wrap(RacyMemory.allocate(65_536));   // one 64 KiB page
    ImportValues imports = ImportValues.builder()
        .addMemory(new ImportMemory("env", "memory", memory)).build();
    Instance instance = Instance.builder(module).withImportValues(imports).build();   // per thread

    memory.racyMemory().store32(8, 1, RacyOrder.SEQ_CST); // Java sets the start flag
    assertEquals(0, instance.export("work").apply(3, 0)[0], "no waiter to notify");
    assertEquals(3, memory.racyMemory().load32(0, RacyOrder.SEQ_CST), "Java sees the count");
  }

  @Test
  void wrapRefusesAMemoryThatIsNotWholePages() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChicoryMemory.wrap(RacyMemory.allocate(Memory.PAGE_SIZE + 8)));
    assertTrue(String.valueOf(e.getMessage()).contains("multiples of " + Memory.PAGE_SIZE),
        e.getMessage());
  }
}
