package cn.shandong.chsync.console;

import cn.shandong.chsync.pull.RunHistory.DailyCounts;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Records fetched per day, one stacked bar per day and a segment per source, from the runs'
 * daily counts (GET /api/runs/daily): the last {@code days} days, oldest on the left, a day
 * without runs shown as an empty slot so the gaps are visible.
 */
record DailyChart(List<Segment> segments, List<Day> days, List<Tick> ticks, List<Series> legend, double width,
                  double height, double plotTop, double plotBottom, double plotLeft, long total) {

    /** One source's runs of one day; the template says them in the reader's language (dashboard.segment). */
    record Segment(double x, double y, double width, double height, String color, String day, String sourceId,
                   long fetched, long newRecords, long runs) {
    }

    record Day(double x, String label, long total) {
    }

    record Tick(double y, String label) {
    }

    record Series(String sourceId, String color, long total) {
    }

    /** About the card's width on a laptop screen, so the chart's text shows at its own size. */
    static final double WIDTH = 1200;
    static final double HEIGHT = 280;
    private static final double LEFT = 48;
    private static final double TOP = 12;
    private static final double BOTTOM = 30;
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MM-dd");

    static DailyChart of(List<DailyCounts> counts, LocalDate today, int days) {
        LocalDate first = today.minusDays(days - 1L);
        TreeSet<String> sources = new TreeSet<>();
        Map<LocalDate, Map<String, DailyCounts>> byDay = new TreeMap<>();
        for (DailyCounts c : counts) {
            if (!c.date().isBefore(first) && !c.date().isAfter(today)) {
                sources.add(c.sourceId());
                byDay.computeIfAbsent(c.date(), d -> new TreeMap<>()).put(c.sourceId(), c);
            }
        }
        List<String> order = List.copyOf(sources);
        long max = 0;
        for (Map<String, DailyCounts> day : byDay.values()) {
            max = Math.max(max, day.values().stream().mapToLong(DailyCounts::fetched).sum());
        }
        long top = niceCeiling(max);
        double plotBottom = HEIGHT - BOTTOM;
        double plotHeight = plotBottom - TOP;
        double slot = (WIDTH - LEFT) / days;
        double barWidth = BarChart.round(slot * 0.7);
        List<Segment> segments = new ArrayList<>();
        List<Day> labels = new ArrayList<>();
        long[] perSource = new long[order.size()];
        for (int i = 0; i < days; i++) {
            LocalDate date = first.plusDays(i);
            double x = BarChart.round(LEFT + i * slot + (slot - barWidth) / 2);
            double y = plotBottom;
            long dayTotal = 0;
            Map<String, DailyCounts> day = byDay.getOrDefault(date, Map.of());
            for (int s = 0; s < order.size(); s++) {
                DailyCounts c = day.get(order.get(s));
                if (c == null || c.fetched() == 0) {
                    continue;
                }
                double h = plotHeight * c.fetched() / top;
                y -= h;
                dayTotal += c.fetched();
                perSource[s] += c.fetched();
                segments.add(new Segment(x, BarChart.round(y), barWidth, BarChart.round(h), Palette.color(s),
                        date.toString(), c.sourceId(), c.fetched(), c.newRecords(), c.runs()));
            }
            labels.add(new Day(BarChart.round(x + barWidth / 2), date.format(LABEL), dayTotal));
        }
        List<Tick> ticks = new ArrayList<>();
        // 1, 2 or 5 times a power of ten divides into four or five even steps
        int steps = top % 4 == 0 ? 4 : 5;
        for (int t = 0; t <= steps; t++) {
            ticks.add(new Tick(BarChart.round(plotBottom - plotHeight * t / steps), Long.toString(top * t / steps)));
        }
        List<Series> legend = new ArrayList<>();
        for (int s = 0; s < order.size(); s++) {
            legend.add(new Series(order.get(s), Palette.color(s), perSource[s]));
        }
        long total = java.util.Arrays.stream(perSource).sum();
        return new DailyChart(segments, labels, ticks, legend, WIDTH, HEIGHT, TOP, plotBottom, LEFT, total);
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above the value (at least 4, so four ticks differ). */
    static long niceCeiling(long value) {
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * step >= Math.max(4, value)) {
                    return m * step;
                }
            }
            step *= 10;
        }
    }
}
