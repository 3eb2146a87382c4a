/** Tests of the sequence locks. */
@NullMarked
package dev.seqlock;

import org.jspecify.annotations.NullMarked;
