/** The CI gate that runs the jcstress suite and its negative control and judges both runs. */
@NullMarked
package dev.seqlock.jcstress.gate;

import org.jspecify.annotations.NullMarked;
