package dev.seqlock.benchmarks.report;

import dev.seqlock.benchmarks.designs.Design;
import dev.seqlock.benchmarks.report.ComparisonResults.Measure;
import dev.seqlock.benchmarks.report.ComparisonResults.Scenario;
import dev.seqlock.benchmarks.report.ComparisonResults.Score;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.style.Styler.LegendPosition;

/** The comparison's chart: the reader's time per 48-byte read, per design and scenario, as PNG. */
public final class ComparisonChart {
  private static final Scenario[] SCENARIOS = {
    Scenario.NO_WRITER, Scenario.PACED, Scenario.BACK_TO_BACK
  };

  private ComparisonChart() {}

  /**
   * Builds the chart: one group of bars per scenario, one bar per design, on a logarithmic axis
   * (the designs span two orders of magnitude).
   *
   * @param results the run's results
   * @param title the chart's title
   * @return the chart
   */
  public static CategoryChart build(ComparisonResults results, String title) {
    CategoryChart chart = new CategoryChartBuilder().width(1120).height(540).title(title)
        .xAxisTitle("scenario (one reader thread, one writer thread)")
        .yAxisTitle("reader ns per read (log scale, lower is better)").build();
    chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisMin(1.0); // bars start at the axis minimum, which a log axis cannot put at 0
    chart.getStyler().setAvailableSpaceFill(0.9);
    chart.getStyler().setChartTitleVisible(true);
    List<String> categories = new ArrayList<>();
    for (Scenario scenario : SCENARIOS) {
      categories.add(scenario.label());
    }
    for (Design design : Design.values()) {
      List<Double> values = new ArrayList<>();
      boolean any = false;
      for (Scenario scenario : SCENARIOS) {
        Score score = results.get(scenario, Measure.READ, design, ComparisonTargets.SIZE);
        values.add(score == null ? Double.NaN : score.score());
        any |= score != null;
      }
      if (any) {
        chart.addSeries(design.label(), categories, values).setFillColor(color(design));
      }
    }
    return chart;
  }

  /**
   * Writes the chart as PNG.
   *
   * @param results the run's results
   * @param title the chart's title
   * @param file the PNG file to write
   * @throws IOException if it cannot be written
   * @throws IllegalArgumentException if the results hold no 48-byte reads
   */
  public static void writePng(ComparisonResults results, String title, Path file)
      throws IOException {
    CategoryChart chart = build(results, title);
    if (chart.getSeriesMap().isEmpty()) {
      throw new IllegalArgumentException("no " + ComparisonTargets.SIZE + "-byte reads to chart");
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
    }
  }

  /**
   * Blues for the library's SeqLocks, purples for its shared file, grey-blue for the hand-written
   * ones, warm locks, green COW.
   */
  private static Color color(Design design) {
    return switch (design) {
      case SEQLOCK_CREATE -> new Color(0x08, 0x30, 0x6b);
      case SEQLOCK_OPTIMISTIC -> new Color(0x08, 0x51, 0x9c);
      case SEQLOCK_SINGLE_WRITER -> new Color(0x21, 0x71, 0xb5);
      case SEQLOCK_SINGLE_WRITER_FIELDS -> new Color(0x42, 0x92, 0xc6);
      case SEQLOCK_SINGLE_WRITER_NEVER_FIELDS -> new Color(0x31, 0x82, 0xbd);
      case SEQLOCK_LATCHED -> new Color(0x6b, 0xae, 0xd6);
      case SEQLOCK_LATCHED_FIELDS -> new Color(0x9e, 0xca, 0xe1);
      case SEQLOCK_LATCHED_SINGLE_WRITER_FIELDS -> new Color(0x84, 0xbc, 0xdb);
      case SHARED_FILE -> new Color(0x6a, 0x51, 0xa3);
      case SHARED_FILE_FIELDS -> new Color(0x9e, 0x9a, 0xc8);
      case POLL_LATCHED -> new Color(0xc6, 0xdb, 0xef);
      case POLL_SHARED_FILE -> new Color(0xcb, 0xc9, 0xe2);
      case AGRONA_SEQLOCK -> new Color(0x73, 0x73, 0x73);
      case AGRONA_FIELDS -> new Color(0xbd, 0xbd, 0xbd);
      case AGRONA_LATCHED -> new Color(0x52, 0x52, 0x52);
      case HAND_WRITTEN_SEQLOCK -> new Color(0x9e, 0xa9, 0xb8);
      case HAND_WRITTEN_FIELDS -> new Color(0xc6, 0xcd, 0xd6);
      case HAND_WRITTEN_LATCHED_FIELDS -> new Color(0xb2, 0xbb, 0xc7);
      case STAMPED_LOCK -> new Color(0xd9, 0x48, 0x01);
      case READ_WRITE_LOCK -> new Color(0x99, 0x00, 0x0d);
      case REENTRANT_LOCK -> new Color(0xef, 0x3b, 0x2c);
      case SYNCHRONIZED -> new Color(0xfd, 0x8d, 0x3c);
      case COPY_ON_WRITE -> new Color(0x23, 0x8b, 0x45);
    };
  }
}
