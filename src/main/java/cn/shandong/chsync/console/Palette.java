package cn.shandong.chsync.console;

/** One colour per series, distinct enough side by side and for the common colour blindnesses. */
final class Palette {

    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
        "#b07aa1", "#ff9da7", "#9c755f", "#86bcb6", "#8cd17d", "#d4a6c8", "#79706e"};

    private Palette() {
    }

    static String color(int index) {
        return COLORS[Math.floorMod(index, COLORS.length)];
    }
}
