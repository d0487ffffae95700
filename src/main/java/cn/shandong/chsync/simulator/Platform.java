package cn.shandong.chsync.simulator;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * What the simulated platforms show at an epoch: the latest version of each record, ordered by
 * updated-at then id, as their APIs page through them. Views are built once per epoch and source,
 * and each record of a view is rendered in its platform's format once, when a page first shows it.
 */
final class Platform {

    private static final Comparator<SimRecord> ORDER =
            Comparator.comparing(SimRecord::updatedAt).thenComparing(SimRecord::recordId);

    private final Population world;
    private final Map<String, View> views = new ConcurrentHashMap<>();

    Platform(Population world) {
        this.world = world;
    }

    /** Every platform's records at the epoch. */
    List<SimRecord> visible(int epoch) {
        return visible(null, epoch);
    }

    /** One platform's records at the epoch (all platforms' when {@code sourceId} is null). */
    List<SimRecord> visible(String sourceId, int epoch) {
        return view(sourceId, epoch).records();
    }

    private View view(String sourceId, int epoch) {
        return views.computeIfAbsent(sourceId + "@" + epoch, k -> {
            Map<String, SimRecord> latest = new LinkedHashMap<>();
            for (SimRecord version : world.versions()) {
                if (version.epoch() <= epoch && (sourceId == null || version.sourceId().equals(sourceId))) {
                    latest.put(version.sourceId() + '/' + version.recordId(), version);
                }
            }
            List<SimRecord> sorted = new ArrayList<>(latest.values());
            sorted.sort(ORDER);
            return new View(List.copyOf(sorted));
        });
    }

    /** The records updated at or after {@code since} (all when null), as one page of them. */
    Page page(String sourceId, int epoch, LocalDateTime since, int pageNo, int pageSize) {
        return slice(sourceId, epoch, since, (long) (pageNo - 1) * pageSize, pageSize);
    }

    /** The records updated at or after {@code since} (all when null), from an offset. */
    Page slice(String sourceId, int epoch, LocalDateTime since, long offset, int limit) {
        View view = view(sourceId, epoch);
        List<SimRecord> all = view.records();
        int from = since == null ? 0 : firstAtOrAfter(all, since);
        int total = all.size() - from;
        int start = (int) Math.min(all.size(), from + offset);
        int end = Math.min(all.size(), start + limit);
        return new Page(total, all.subList(start, end), view, start);
    }

    /** The records updated on one day, a daily export file, as a page of them. */
    Page day(String sourceId, int epoch, java.time.LocalDate date) {
        View view = view(sourceId, epoch);
        List<SimRecord> all = view.records();
        int start = firstAtOrAfter(all, date.atStartOfDay());
        List<SimRecord> records = all.subList(start, firstAtOrAfter(all, date.plusDays(1).atStartOfDay()));
        return new Page(records.size(), records, view, start);
    }

    /** One page of a view: how many records the pass holds, and the page's, from {@code start} in the view. */
    record Page(int total, List<SimRecord> records, View view, int start) {

        /**
         * The page's records as {@code render} writes them, each written once per view: a page is
         * read again and again (every re-sync reads all of them), and a record of an epoch does not change.
         */
        <T> List<T> rendered(Function<SimRecord, T> render) {
            List<T> out = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                out.add(view.rendered(start + i, render));
            }
            return out;
        }
    }

    /** A platform's records at an epoch, in paging order, with each one's rendering once made. */
    static final class View {

        private final List<SimRecord> records;
        private final AtomicReferenceArray<Object> rendered;

        View(List<SimRecord> records) {
            this.records = records;
            this.rendered = new AtomicReferenceArray<>(records.size());
        }

        List<SimRecord> records() {
            return records;
        }

        // Two requests rendering the same record at once write equal values: either may stay.
        @SuppressWarnings("unchecked")
        private <T> T rendered(int index, Function<SimRecord, T> render) {
            Object done = rendered.get(index);
            if (done == null) {
                done = render.apply(records.get(index));
                rendered.set(index, done);
            }
            return (T) done;
        }
    }

    private static int firstAtOrAfter(List<SimRecord> sorted, LocalDateTime since) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted.get(mid).updatedAt().isBefore(since)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
