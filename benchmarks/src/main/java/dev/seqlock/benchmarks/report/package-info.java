/**
 * The comparison report: runs the comparison benchmark's reduced suite and turns its JMH CSV files into
 * markdown tables, target verdicts and a PNG chart.
 */
@NullMarked
package dev.seqlock.benchmarks.report;

import org.jspecify.annotations.NullMarked;
