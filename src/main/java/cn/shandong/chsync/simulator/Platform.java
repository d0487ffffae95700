package cn.shandong.chsync.simulator;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the simulated platforms show at an epoch: the latest version of each record, ordered by
 * updated-at then id, as their APIs page through them. Views are built once per epoch and source.
 */
final class Platform {

    private static final Comparator<SimRecord> ORDER =
            Comparator.comparing(SimRecord::updatedAt).thenComparing(SimRecord::recordId);

    private final World world;
    private final Map<String, List<SimRecord>> views = new ConcurrentHashMap<>();

    Platform(World world) {
        this.world = world;
    }

    /** Every platform's records at the epoch. */
    List<SimRecord> visible(int epoch) {
        return visible(null, epoch);
    }

    /** One platform's records at the epoch (all platforms' when {@code sourceId} is null). */
    List<SimRecord> visible(String sourceId, int epoch) {
        return views.computeIfAbsent(sourceId + "@" + epoch, k -> {
            Map<String, SimRecord> latest = new LinkedHashMap<>();
            for (SimRecord version : world.versions()) {
                if (version.epoch() <= epoch && (sourceId == null || version.sourceId().equals(sourceId))) {
                    latest.put(version.sourceId() + '/' + version.recordId(), version);
                }
            }
            List<SimRecord> sorted = new ArrayList<>(latest.values());
            sorted.sort(ORDER);
            return List.copyOf(sorted);
        });
    }

    /** The records updated at or after {@code since} (all when null), as one page of them. */
    Page page(String sourceId, int epoch, LocalDateTime since, int pageNo, int pageSize) {
        return slice(sourceId, epoch, since, (long) (pageNo - 1) * pageSize, pageSize);
    }

    /** The records updated at or after {@code since} (all when null), from an offset. */
    Page slice(String sourceId, int epoch, LocalDateTime since, long offset, int limit) {
        List<SimRecord> all = visible(sourceId, epoch);
        int from = since == null ? 0 : firstAtOrAfter(all, since);
        int total = all.size() - from;
        int start = (int) Math.min(all.size(), from + offset);
        int end = Math.min(all.size(), start + limit);
        return new Page(total, all.subList(start, end));
    }

    /** The records updated on one day: a daily export file. */
    List<SimRecord> day(String sourceId, int epoch, java.time.LocalDate date) {
        List<SimRecord> all = visible(sourceId, epoch);
        return all.subList(firstAtOrAfter(all, date.atStartOfDay()), firstAtOrAfter(all, date.plusDays(1).atStartOfDay()));
    }

    record Page(int total, List<SimRecord> records) {
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
