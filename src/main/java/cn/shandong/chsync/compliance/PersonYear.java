package cn.shandong.chsync.compliance;

import cn.shandong.chsync.compliance.ComplianceRules.Conversion;
import cn.shandong.chsync.compliance.ComplianceRules.Requirement;
import cn.shandong.chsync.record.Kind;
import cn.shandong.chsync.record.Subject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One person's year as the notices judge it: which records count, for how many hours and as
 * which subject, the totals, and whether the year's requirement is met and what is missing.
 * A completion is one record however many platforms reported it (the lineage merged them), so
 * nothing counts twice; revoked records, records the province refused and records completed
 * after the year's closing date count for nothing and say why.
 */
public final class PersonYear {

    /** A completion of the person as stored: one per completion key. */
    public record Entry(String completionKey, String cityCode, String courseName, Subject subject, Kind kind,
                        BigDecimal amount, String unit, BigDecimal hours, LocalDate completionDate, int studyYear,
                        String state, String pushStatus, List<String> reportedBy) {
    }

    /** How an entry counts: its hours and subject after the rules, or why it does not count. */
    public record Counted(Entry entry, BigDecimal hours, Subject countsAs, String rule, String excluded) {
    }

    /**
     * The year. For a CREDITS year credits (and hours, 1 学分 = hoursPerCredit 学时) are shown; for
     * an HOURS year the subject totals. missing holds what is short of each minimum (empty when met).
     */
    public record Summary(int year, String city, String system, BigDecimal publicHours, BigDecimal professionalHours,
                          BigDecimal totalHours, Map<Kind, BigDecimal> hoursByKind, BigDecimal credits, boolean met,
                          Map<String, BigDecimal> missing, String requirementNotice, List<Counted> records) {
    }

    private PersonYear() {
    }

    public static Summary of(ComplianceRules rules, String city, int year, List<Entry> entries) {
        List<Counted> counted = new ArrayList<>();
        BigDecimal publicHours = BigDecimal.ZERO;
        BigDecimal professionalHours = BigDecimal.ZERO;
        Map<Kind, BigDecimal> byKind = new EnumMap<>(Kind.class);
        for (Entry e : entries) {
            if (e.studyYear() != year) {
                continue;
            }
            Counted c = count(rules, e);
            counted.add(c);
            if (c.excluded() == null) {
                if (c.countsAs() == Subject.PUBLIC) {
                    publicHours = publicHours.add(c.hours());
                } else {
                    professionalHours = professionalHours.add(c.hours());
                }
                byKind.merge(e.kind(), c.hours(), BigDecimal::add);
            }
        }
        BigDecimal total = publicHours.add(professionalHours);
        Requirement requirement = rules.requirement(city, year).orElse(null);
        Map<String, BigDecimal> missing = new LinkedHashMap<>();
        BigDecimal credits = null;
        String system = "NONE";
        if (requirement != null && requirement.system() == ComplianceRules.System.CREDITS) {
            system = "CREDITS";
            credits = total.divide(requirement.hoursPerCredit(), 2, RoundingMode.DOWN);
            shortfall(missing, "credits", requirement.minCredits(), credits);
        } else if (requirement != null) {
            system = "HOURS";
            shortfall(missing, "total", requirement.minTotal(), total);
            shortfall(missing, "public", requirement.minPublic(), publicHours);
            shortfall(missing, "professional", requirement.minProfessional(), professionalHours);
        }
        return new Summary(year, city, system, publicHours, professionalHours, total, byKind, credits,
                requirement != null && missing.isEmpty(), missing, requirement == null ? null : requirement.notice(),
                counted);
    }

    static Counted count(ComplianceRules rules, Entry e) {
        if (!"ACTIVE".equals(e.state())) {
            return new Counted(e, BigDecimal.ZERO, e.subject(), null, "REVOKED: withdrawn by the platform");
        }
        if ("REJECTED".equals(e.pushStatus())) {
            return new Counted(e, BigDecimal.ZERO, e.subject(), null, "PROVINCE_REJECTED: the provincial platform refused it");
        }
        ComplianceRules.Closing closing = rules.closing(e.cityCode(), e.studyYear(), e.subject());
        if (e.completionDate().isAfter(closing.date())) {
            return new Counted(e, BigDecimal.ZERO, e.subject(), closing.notice(), "CLOSED_YEAR: completed after "
                    + closing.date() + ", when the year's " + e.subject().name().toLowerCase() + " study closed");
        }
        Conversion conversion = rules.conversion(e.cityCode(), e.studyYear(), e.courseName()).orElse(null);
        if (conversion == null) {
            return new Counted(e, e.hours(), e.subject(), null, null);
        }
        BigDecimal hours = e.hours();
        if (conversion.pointsPer() != null) {
            BigDecimal units = e.amount().divide(conversion.pointsPer(), 0, RoundingMode.DOWN);
            hours = units.multiply(conversion.hoursPer());
        }
        if (conversion.factor() != null) {
            hours = hours.multiply(conversion.factor());
        }
        Subject subject = conversion.subject() != null ? conversion.subject() : e.subject();
        return new Counted(e, hours.setScale(2, RoundingMode.DOWN), subject, conversion.name(), null);
    }

    private static void shortfall(Map<String, BigDecimal> missing, String what, BigDecimal minimum, BigDecimal have) {
        if (have.compareTo(minimum) < 0) {
            missing.put(what, minimum.subtract(have));
        }
    }
}
