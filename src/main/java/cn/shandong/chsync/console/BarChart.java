package cn.shandong.chsync.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A horizontal bar per label, as inline SVG geometry: the template only draws what is worked out
 * here, so a chart needs no script and prints as it shows. A bar may carry a part of its value
 * (how many of an employer's people met the year's requirement), drawn over it from the left.
 */
record BarChart(List<Bar> bars, double width, double height, long total) {

    record Bar(String label, long value, double y, double width, String color, Long part, double partWidth) {
    }

    static final String PART_COLOR = "#59a14f";
    static final String REST_COLOR = "#f28e2b";

    static final double WIDTH = 520;
    static final double LABEL_WIDTH = 190;
    static final double ROW = 26;
    static final double BAR = 18;
    /** Room right of the longest bar for its number. */
    private static final double VALUE_ROOM = 80;

    static BarChart of(Map<String, Long> values, Map<String, String> colors) {
        return of(values, Map.of(), colors);
    }

    /** Bars of the values, each with the part of it given in parts (a label without one has none). */
    static BarChart of(Map<String, Long> values, Map<String, Long> parts, Map<String, String> colors) {
        long max = values.values().stream().mapToLong(Long::longValue).max().orElse(0);
        double room = WIDTH - LABEL_WIDTH - VALUE_ROOM;
        List<Bar> bars = new ArrayList<>();
        int row = 0;
        for (Map.Entry<String, Long> e : values.entrySet()) {
            double w = max == 0 ? 0 : Math.max(e.getValue() > 0 ? 2 : 0, room * e.getValue() / max);
            Long part = parts.get(e.getKey());
            double partWidth = part == null || e.getValue() == 0 ? 0 : w * part / e.getValue();
            String color = part != null ? REST_COLOR : colors.getOrDefault(e.getKey(), Palette.color(row));
            bars.add(new Bar(e.getKey(), e.getValue(), round(row * ROW), round(w), color, part, round(partWidth)));
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
