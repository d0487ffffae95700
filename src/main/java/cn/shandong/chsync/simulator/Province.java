package cn.shandong.chsync.simulator;

import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.IdNumber;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The simulated provincial platform's credit-hour bank: keeps one entry per completion key, takes
 * a higher revision as an update (a REVOKED one withdraws the credit), answers a key and revision
 * it already holds as a duplicate, and refuses invalid ID numbers and unfiled training projects.
 */
final class Province {

    /**
     * A key as held: its revision, whether it was withdrawn, and the completion its item reported
     * (ID number, course, date). Which true completion that is the world is asked only when the
     * stats are: looked up as each item was taken, it cost a string built and a million-entry map
     * searched per item, in the simulators that stand in for other machines. The course
     * and date are the catalogue's and a shared copy, not the batch's: of what a key holds only the
     * ID number is its own, a million keys kept a sync.
     */
    /** What the province holds for a key; the hours of the revision held, so a test can see which content it kept. */
    private record Held(int revision, boolean revoked, String idNumber, String courseName, String completionDate,
                        double hours) {

        String truth(Population world) {
            return world.truthOf(idNumber, courseName, completionDate);
        }
    }

    /** How many distinct completion dates are kept once each; past that a key keeps its batch's copy. */
    private static final int DATES_SHARED = 20_000;

    private final Population world;
    /** The catalogue's courses by name (where two share one, the unfiled one). */
    private final Map<String, Population.Course> courses;
    private final Map<String, String> dates = new ConcurrentHashMap<>();
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    /** What it took per day (Asia/Shanghai) and source: accepted, duplicate, rejected; its side of 对账. */
    private final Map<LocalDate, Map<String, int[]>> tally = new ConcurrentHashMap<>();

    Province(Population world) {
        this.world = world;
        this.courses = world.courses().stream()
                .collect(Collectors.toMap(Population.Course::name, c -> c, (a, b) -> a.unfiled() ? a : b));
    }

    /** A batch request arrived, whatever becomes of it. */
    void requestReceived() {
        requests.incrementAndGet();
    }

    /**
     * One item of a batch, as far as the province reads it; the rest of what the service sends
     * (name, employer, hours...) it skips. Read into a record, not a map of every field: a map of
     * every field of every item is work and garbage for fields nobody reads.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Item(String completionKey, Integer revision, String idNumber, String courseName, String completionDate,
                String state, String sourceId, Double hours) {

        Item(String completionKey, Integer revision, String idNumber, String courseName, String completionDate,
             String state, String sourceId) {
            this(completionKey, revision, idNumber, courseName, completionDate, state, sourceId, null);
        }
    }

    /** A batch request's body. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Batch(List<Item> items) {

        Batch {
            items = items == null ? List.of() : items;
        }
    }

    /**
     * The province's answer for one item, in the order of its fields in the batch answer. A record,
     * not a map: Jackson writes a record's fields without a map's entries and boxing.
     */
    record Result(String completionKey, int revision, String status, String reasonCode, String message) {
    }

    Result take(Item item) {
        Result result = judge(item);
        int column = switch (result.status()) {
            case "ACCEPTED" -> 0;
            case "DUPLICATE" -> 1;
            default -> 2;
        };
        int[] counts = tally.computeIfAbsent(LocalDate.now(CreditRecord.ZONE), d -> new ConcurrentHashMap<>())
                .computeIfAbsent(String.valueOf(item.sourceId()), s -> new int[3]);
        synchronized (counts) {
            counts[column]++;
        }
        return result;
    }

    /** Per source, what it took on the day: the statement the service reconciles its own counts with. */
    List<Map<String, Object>> tally(LocalDate date) {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        new java.util.TreeMap<>(tally.getOrDefault(date, Map.of())).forEach((source, counts) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sourceId", source);
            synchronized (counts) {
                row.put("accepted", counts[0]);
                row.put("duplicates", counts[1]);
                row.put("rejected", counts[2]);
            }
            rows.add(row);
        });
        return rows;
    }

    private Result judge(Item item) {
        String key = String.valueOf(item.completionKey());
        int revision = item.revision();
        String idNumber = item.idNumber();
        if (!IdNumber.check(idNumber).valid()) {
            return reject(key, revision, "ID_NUMBER_INVALID", "身份证号码无效");
        }
        Population.Course course = courses.get(item.courseName());
        if (course != null && course.unfiled()) {
            return reject(key, revision, "TRAINING_NOT_FILED", "培训项目未备案，学时不予登记");
        }
        boolean[] accepted = new boolean[1];
        held.compute(key, (k, before) -> {
            if (before != null && before.revision() >= revision) {
                return before;
            }
            accepted[0] = true;
            return new Held(revision, "REVOKED".equals(item.state()), idNumber, course != null ? course.name() : item.courseName(),
                    shared(item.completionDate()), item.hours() == null ? 0 : item.hours());
        });
        (accepted[0] ? this.accepted : duplicates).incrementAndGet();
        return accepted[0] ? new Result(key, revision, "ACCEPTED", null, "已登记")
                : new Result(key, revision, "DUPLICATE", null, "已存在相同版本");
    }

    /** The one copy kept of a completion date (the date itself past DATES_SHARED of them). */
    private String shared(String date) {
        if (date == null) {
            return null;
        }
        String kept = dates.get(date);
        if (kept == null && dates.size() < DATES_SHARED) {
            kept = dates.putIfAbsent(date, date);
        }
        return kept != null ? kept : date;
    }

    private Result reject(String key, int revision, String reason, String message) {
        rejected.incrementAndGet();
        return new Result(key, revision, "REJECTED", reason, message);
    }

    /** The revision and hours held for a completion key, or null when none is held. */
    Map<String, Object> held(String completionKey) {
        Held h = held.get(completionKey);
        return h == null ? null : Map.of("revision", h.revision(), "hours", h.hours(), "revoked", h.revoked());
    }

    Map<String, Object> stats() {
        Map<String, Integer> keysPerTruth = new HashMap<>();
        held.values().stream().filter(h -> !h.revoked()).map(h -> h.truth(world)).filter(Objects::nonNull)
                .forEach(truth -> keysPerTruth.merge(truth, 1, Integer::sum));
        int revoked = (int) held.values().stream().filter(Held::revoked).count();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("requests", requests.get());
        stats.put("accepted", accepted.get());
        stats.put("duplicateSubmissions", duplicates.get());
        stats.put("rejected", rejected.get());
        // Keys held as credit now; a revoked key is kept, but counts for nothing.
        stats.put("uniqueKeys", held.size() - revoked);
        stats.put("revoked", revoked);
        stats.put("doubleCounted", keysPerTruth.values().stream().filter(n -> n > 1).count());
        return stats;
    }

    void reset() {
        held.clear();
        tally.clear();
        accepted.set(0);
        duplicates.set(0);
        rejected.set(0);
        requests.set(0);
    }

}
