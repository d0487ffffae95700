package cn.shandong.chsync.simulator;

import cn.shandong.chsync.compliance.ComplianceRules;
import cn.shandong.chsync.compliance.PersonCity;
import cn.shandong.chsync.compliance.PersonYear;
import cn.shandong.chsync.record.Kind;
import cn.shandong.chsync.record.Subject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many people of each city meet each year's requirement, from the records the platforms
 * show, judged by the service's own rules ({@link PersonCity}, {@link PersonYear}) on what a
 * correct sync stores: a bad record is refused, a completion is one entry however many platforms
 * report it, in its latest version; a revoked one and unfiled training (the province refuses it)
 * count for nothing, every other completion as the province accepted it. That is what the
 * compliance report shows once the outbox has drained.
 */
final class ComplianceTruth {

    /** A city's year: the people the report lists and how many of them met the requirement. */
    record Count(int people, int met) {
    }

    /** The platforms' codes of kind, subject and state (yxlearning's, in which the world keeps its records). */
    private static final Map<String, Kind> KINDS = Map.of("01", Kind.TRAINING, "02", Kind.SELF_STUDY, "03", Kind.CONVERTED,
            "04", Kind.OTHER, "05", Kind.CONVERTED_WORKS, "06", Kind.CONVERTED_SERVICE);
    private static final BigDecimal HOURS_PER_CREDIT = new BigDecimal("5");
    private static final int LAST_CREDIT_YEAR = 2019;

    private ComplianceTruth() {
    }

    /** City (GB/T 2260) → year → count, for the years from..to. */
    static Map<String, Map<Integer, Count>> of(List<SimRecord> visible, ComplianceRules rules, int from, int to) {
        Map<String, SimRecord> latest = new HashMap<>();
        for (SimRecord r : visible) {
            if (r.valid()) {
                latest.merge(r.trueCompletion(), r, (a, b) -> b.updatedAt().isAfter(a.updatedAt()) ? b : a);
            }
        }
        Map<String, List<PersonYear.Entry>> byPerson = new TreeMap<>();
        latest.forEach((truth, r) -> byPerson.computeIfAbsent(((String) r.fields().get("sfzh")).strip().toUpperCase(),
                k -> new ArrayList<>()).add(entry(truth, r)));
        Map<String, Map<Integer, int[]>> counts = new TreeMap<>();
        for (List<PersonYear.Entry> entries : byPerson.values()) {
            for (int year = from; year <= to; year++) {
                int makeUpYear = year < rules.lastMakeUpYear() ? rules.lastMakeUpYear() : year;
                int y = year;
                List<PersonYear.Entry> read = entries.stream().filter(e -> e.studyYear() == y || e.studyYear() == makeUpYear).toList();
                if (read.isEmpty()) {
                    continue;
                }
                PersonCity home = PersonCity.of(read, year, null);
                PersonYear.Summary s = PersonYear.of(rules, home, year, read, null);
                if (s.records().isEmpty()) {
                    continue;
                }
                int[] c = counts.computeIfAbsent(home.city(), k -> new TreeMap<>()).computeIfAbsent(year, k -> new int[2]);
                c[0]++;
                c[1] += s.met() ? 1 : 0;
            }
        }
        Map<String, Map<Integer, Count>> answer = new TreeMap<>();
        counts.forEach((city, years) -> years.forEach((year, c) ->
                answer.computeIfAbsent(city, k -> new TreeMap<>()).put(year, new Count(c[0], c[1]))));
        return answer;
    }

    private static PersonYear.Entry entry(String truth, SimRecord r) {
        Map<String, Object> f = r.fields();
        LocalDate date = LocalDateTime.parse((String) f.get("hgsj"), Population.TIME).toLocalDate();
        String amountText = (String) f.get("xs");
        String unit = amountText.endsWith("积分") ? "POINTS" : amountText.endsWith("学分") ? "CREDITS" : "HOURS";
        BigDecimal amount = new BigDecimal(amountText.replaceAll("[^0-9.]", ""));
        BigDecimal hours = switch (unit) {
            case "POINTS" -> BigDecimal.ZERO;
            case "CREDITS" -> date.getYear() <= LAST_CREDIT_YEAR ? amount.multiply(HOURS_PER_CREDIT) : BigDecimal.ZERO;
            default -> amount;
        };
        PlatformSpec platform = Platforms.find(r.sourceId());
        return new PersonYear.Entry(truth, platform == null ? null : platform.cityCode(), (String) f.get("tyshxydm"),
                (String) f.get("kcmc"), "1".equals(f.get("kclb")) ? Subject.PUBLIC : Subject.PROFESSIONAL,
                KINDS.getOrDefault((String) f.get("pxlx"), Kind.TRAINING), amount, unit, hours, date, date.getYear(),
                "0".equals(f.get("zt")) ? "REVOKED" : "ACTIVE", r.unfiled() ? "REJECTED" : "DONE", List.of(r.sourceId()));
    }
}
