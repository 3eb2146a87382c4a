/** jcstress tests of the dev.seqlock libraries, with their negative controls. */
@NullMarked
package dev.seqlock.jcstress;

import org.jspecify.annotations.NullMarked;
