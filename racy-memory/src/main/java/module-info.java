/**
 * Shared memory with the memory model of ECMAScript's {@code SharedArrayBuffer} and of WebAssembly's
 * shared memories, for JavaScript and WebAssembly engines on the JVM: {@link
 * dev.seqlock.racy.RacyMemory}.
 */
module dev.seqlock.racy {
  requires static transitive org.jspecify;

  exports dev.seqlock.racy;
}
