/** JMH benchmarks of the dev.seqlock libraries, each against a baseline measured in the same run. */
@NullMarked
package dev.seqlock.benchmarks;

import org.jspecify.annotations.NullMarked;
