/** Tests of the examples. */
@NullMarked
package dev.seqlock.examples;

import org.jspecify.annotations.NullMarked;
