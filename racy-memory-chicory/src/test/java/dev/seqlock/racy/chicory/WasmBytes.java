package dev.seqlock.racy.chicory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes WebAssembly binaries for the tests (there is no {@code wat2wasm} here): a module importing a
 * shared memory {@code env.memory}, with exported functions and active data segments. Each test
 * shows its module as text beside the bytes.
 */
final class WasmBytes {
  static final int I32 = 0x7F;
  static final int I64 = 0x7E;

  private final ByteArrayOutputStream types = new ByteArrayOutputStream();
  private final ByteArrayOutputStream functions = new ByteArrayOutputStream();
  private final ByteArrayOutputStream exports = new ByteArrayOutputStream();
  private final ByteArrayOutputStream code = new ByteArrayOutputStream();
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();
  private final int minPages;
  private final int maxPages;
  private int typeCount;
  private int functionCount;
  private int dataCount;

  WasmBytes(int minPages, int maxPages) {
    this.minPages = minPages;
    this.maxPages = maxPages;
  }

  /**
   * Adds an exported function: its parameter and result types, its extra i32 locals and its body
   * (without the final {@code end}).
   */
  WasmBytes function(String name, int[] params, int[] results, int i32Locals, byte[] body) {
    types.write(0x60);
    vector(types, params);
    vector(types, results);
    uleb(functions, typeCount++);
    name(exports, name);
    exports.write(0x00);
    uleb(exports, functionCount++);
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    if (i32Locals > 0) {
      uleb(f, 1);
      uleb(f, i32Locals);
      f.write(I32);
    } else {
      uleb(f, 0);
    }
    f.writeBytes(body);
    f.write(0x0B);
    uleb(code, f.size());
    code.writeBytes(f.toByteArray());
    return this;
  }

  /** Adds an active data segment at a constant offset. */
  WasmBytes data(int offset, byte[] bytes) {
    data.write(0x00);
    data.write(0x41);
    sleb(data, offset);
    data.write(0x0B);
    uleb(data, bytes.length);
    data.writeBytes(bytes);
    dataCount++;
    return this;
  }

  byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
    section(out, 1, typeCount, types);
    ByteArrayOutputStream imports = new ByteArrayOutputStream();
    name(imports, "env");
    name(imports, "memory");
    imports.write(0x02); // a memory
    imports.write(0x03); // limits: shared, with a maximum
    uleb(imports, minPages);
    uleb(imports, maxPages);
    section(out, 2, 1, imports);
    section(out, 3, functionCount, functions);
    section(out, 7, functionCount, exports);
    section(out, 10, functionCount, code);
    if (dataCount > 0) {
      section(out, 11, dataCount, data);
    }
    return out.toByteArray();
  }

  private static void section(ByteArrayOutputStream out, int id, int count, ByteArrayOutputStream items) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    uleb(body, count);
    body.writeBytes(items.toByteArray());
    out.write(id);
    uleb(out, body.size());
    out.writeBytes(body.toByteArray());
  }

  private static void vector(ByteArrayOutputStream out, int[] valueTypes) {
    uleb(out, valueTypes.length);
    for (int type : valueTypes) {
      out.write(type);
    }
  }

  private static void name(ByteArrayOutputStream out, String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    uleb(out, bytes.length);
    out.writeBytes(bytes);
  }

  static void uleb(ByteArrayOutputStream out, long value) {
    long v = value;
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v == 0 ? b : b | 0x80);
    } while (v != 0);
  }

  static void sleb(ByteArrayOutputStream out, long value) {
    long v = value;
    while (true) {
      int b = (int) (v & 0x7F);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) {
        return;
      }
    }
  }

  /** Instruction bytes, written as the text format reads: {@code code().i32Const(8).atomicLoad()}. */
  static Code code() {
    return new Code();
  }

  static final class Code {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Code append(Code other) {
      out.writeBytes(other.toBytes());
      return this;
    }

    Code block() {
      return op(0x02, 0x40);
    }

    Code loop() {
      return op(0x03, 0x40);
    }

    Code end() {
      return op(0x0B);
    }

    Code br(int depth) {
      return op(0x0C, depth);
    }

    Code brIf(int depth) {
      return op(0x0D, depth);
    }

    Code drop() {
      return op(0x1A);
    }

    Code localGet(int index) {
      return op(0x20, index);
    }

    Code localSet(int index) {
      return op(0x21, index);
    }

    Code localTee(int index) {
      return op(0x22, index);
    }

    Code i32Const(int value) {
      out.write(0x41);
      sleb(out, value);
      return this;
    }

    Code i64Const(long value) {
      out.write(0x42);
      sleb(out, value);
      return this;
    }

    Code i32Eqz() {
      return op(0x45);
    }

    Code i32GeU() {
      return op(0x4F);
    }

    Code i32Sub() {
      return op(0x6B);
    }

    /** {@code memory.atomic.notify} (address, count: the number woken). */
    Code atomicNotify() {
      return atomic(0x00, 2);
    }

    /** {@code memory.atomic.wait32} (address, expected, timeout in ns: 0 ok, 1 not-equal, 2 timed-out). */
    Code atomicWait32() {
      return atomic(0x01, 2);
    }

    Code i32AtomicLoad() {
      return atomic(0x10, 2);
    }

    Code i32AtomicStore() {
      return atomic(0x17, 2);
    }

    Code i32AtomicRmwAdd() {
      return atomic(0x1E, 2);
    }

    Code i64AtomicRmwAdd() {
      return atomic(0x1F, 3);
    }

    Code i32AtomicRmw8AddU() {
      return atomic(0x20, 0);
    }

    private Code atomic(int op, int alignLog2) {
      return op(0xFE, op, alignLog2, 0);
    }

    private Code op(int... bytes) {
      for (int b : bytes) {
        out.write(b);
      }
      return this;
    }

    byte[] toBytes() {
      return out.toByteArray();
    }
  }
}
