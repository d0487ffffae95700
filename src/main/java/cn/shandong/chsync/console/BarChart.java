package cn.shandong.chsync.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A horizontal bar per label, as inline SVG geometry: the template only draws what is worked out
 * here, so a chart needs no script and prints as it shows.
 */
record BarChart(List<Bar> bars, double width, double height, long total) {

    record Bar(String label, long value, double y, double width, String color) {
    }

    static final double WIDTH = 520;
    static final double LABEL_WIDTH = 170;
    static final double ROW = 26;
    static final double BAR = 18;
    /** Room right of the longest bar for its number. */
    private static final double VALUE_ROOM = 60;

    static BarChart of(Map<String, Long> values, Map<String, String> colors) {
        long max = values.values().stream().mapToLong(Long::longValue).max().orElse(0);
        double room = WIDTH - LABEL_WIDTH - VALUE_ROOM;
        List<Bar> bars = new ArrayList<>();
        int row = 0;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            double w = max == 0 ? 0 : Math.max(e.getValue() > 0 ? 2 : 0, room * e.getValue() / max);
            bars.add(new Bar(e.getKey(), e.getValue(), round(row * ROW), round(w),
                    colors.getOrDefault(e.getKey(), Palette.color(row))));
            row++;
        }
        long total = values.values().stream().mapToLong(Long::longValue).sum();
        return new BarChart(bars, WIDTH, Math.max(ROW, bars.size() * ROW), total);
    }

    public double labelWidth() {
        return LABEL_WIDTH;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
