/**
 * Negative controls: deliberately broken copies that the jcstress mode used in CI must catch. Run
 * apart from the real tests; their failure is the expected result (see {@code JcstressGate}).
 */
@NullMarked
package dev.seqlock.jcstress.negative;

import org.jspecify.annotations.NullMarked;
