#!/usr/bin/env python3
"""Disassembles the C2-compiled code HotSpot prints without hsdis.

Without the hsdis library, -XX:+PrintAssembly and -XX:CompileCommand=print print each compiled
method's machine code as hex ([MachCode] ... [/MachCode]). This turns one such block back into
bytes and disassembles it with objdump (x86-64), so the code the JIT made can be read on a machine
where perfasm has no hardware events and no hsdis is installed.

Usage:
  java -jar benchmarks/target/benchmarks.jar 'WritePathBenchmark.library$' -f 1 -wi 3 -i 1 \\
    -jvmArgsAppend "-XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=print,*.*_avgt_jmhStub" \\
    > out.txt
  grep -n 'Compiled method (c2)' out.txt          # pick a block: its line number
  python3 tools/machcode.py out.txt LINE           # the disassembly of the first block from LINE

Add --add-exports java.base/jdk.internal.misc=ALL-UNNAMED to -jvmArgsAppend for benchmarks that
use Agrona (jvmArgsAppend replaces their @Fork's).
"""
import re
import subprocess
import sys
import tempfile


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    lines = open(sys.argv[1], encoding="utf-8", errors="replace").read().split("\n")
    i = int(sys.argv[2]) - 1
    while i < len(lines) and "[MachCode]" not in lines[i]:
        i += 1
    if i == len(lines):
        sys.exit("no [MachCode] block at or after line " + sys.argv[2])
    start, code = None, bytearray()
    for line in lines[i + 1:]:
        if "[/MachCode]" in line:
            break
        m = re.match(r"\s*0x([0-9a-f]+): ((?:[0-9a-f]{2,4}\s*\|?\s*)+)$", line)
        if not m:
            continue  # a comment line: relocation, oop map, implicit exception
        address = int(m.group(1), 16)
        if start is None:
            start = address
        gap = address - (start + len(code))
        if gap > 0:
            code += b"\x90" * gap  # never seen; keeps the addresses right if it happens
        code += bytes.fromhex(re.sub(r"[^0-9a-f]", "", m.group(2)))
    if start is None:
        sys.exit("the [MachCode] block is empty")
    with tempfile.NamedTemporaryFile(suffix=".bin") as out:
        out.write(code)
        out.flush()
        result = subprocess.run(
            ["objdump", "-D", "-b", "binary", "-mi386:x86-64", "--adjust-vma=%#x" % start,
             out.name],
            capture_output=True, text=True, check=True)
    for line in result.stdout.split("\n"):
        fields = line.split("\t")
        if len(fields) >= 3:
            print(fields[0] + "\t" + fields[2])  # address and instruction, without the bytes


if __name__ == "__main__":
    main()
