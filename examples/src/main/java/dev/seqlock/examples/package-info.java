/** Runnable examples of the dev.seqlock libraries; README's Quick start runs {@link Demo}. */
@NullMarked
package dev.seqlock.examples;

import org.jspecify.annotations.NullMarked;
