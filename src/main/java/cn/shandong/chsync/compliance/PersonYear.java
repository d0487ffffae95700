package cn.shandong.chsync.compliance;

import cn.shandong.chsync.compliance.ComplianceRules.Citation;
import cn.shandong.chsync.compliance.ComplianceRules.Conversion;
import cn.shandong.chsync.compliance.ComplianceRules.KindRule;
import cn.shandong.chsync.compliance.ComplianceRules.MakeUp;
import cn.shandong.chsync.compliance.ComplianceRules.Requirement;
import cn.shandong.chsync.compliance.ComplianceRules.Threshold;
import cn.shandong.chsync.push.OutboxStatus;
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
 * One person's year as the notices judge it, by the rules of the person's city: which records
 * count, for how many hours and as which subject, the totals, and whether the year's requirement
 * is met and what is missing. Only what the province has accepted counts (its 学时银行 is the
 * register); hours still on their way are given apart, with whether the year would be met with
 * them. A completion is one record however many platforms reported it, so nothing counts twice;
 * records that count for nothing say why.
 * Longer than most because the notices' rules meet here in one judgement (subjects, credit
 * years, caps and carry-overs), each rule a few lines that read best beside the others.
 */
public final class PersonYear {

    /** A completion of the person as stored: one per completion key. */
    public record Entry(String completionKey, String cityCode, String employerCode, String courseName, Subject subject,
                        Kind kind, BigDecimal amount, String unit, BigDecimal hours, LocalDate completionDate,
                        int studyYear, String state, String pushStatus, List<String> reportedBy) {
    }

    /** COUNTED: accepted by the province; PENDING: on its way there; EXCLUDED: counts for nothing (see excluded). */
    public enum Status { COUNTED, PENDING, EXCLUDED }

    /**
     * How an entry counts: its hours and subject after the rules, for which year (a make-up counts
     * for the year it makes up), the rule applied, or why it does not count.
     */
    public record Counted(Entry entry, BigDecimal hours, Subject countsAs, Integer countsForYear, Status status,
                          String rule, String excluded) {
    }

    /**
     * The year. For a CREDITS year credits (and hours, 1 学分 = hoursPerCredit 学时) are shown; for an
     * HOURS year the subject totals. The hours and met are the province's accepted ones; pending*
     * the hours on their way, metWithPending whether the year is met once they arrive. missing holds
     * what is short of each minimum (empty when met).
     */
    public record Summary(int year, String city, PersonCity.Basis cityBasis, String system, BigDecimal publicHours,
                          BigDecimal professionalHours, BigDecimal totalHours, Map<Kind, BigDecimal> hoursByKind,
                          BigDecimal credits, boolean met, Map<String, BigDecimal> missing, BigDecimal pendingPublicHours,
                          BigDecimal pendingProfessionalHours, BigDecimal pendingHours, BigDecimal creditsWithPending,
                          boolean metWithPending, Map<String, BigDecimal> missingWithPending, LocalDate asOf,
                          Citation requirement, List<Counted> records) {
    }

    private PersonYear() {
    }

    /** The year by the rules of {@code city}, asked for by that city (a caller's choice, not the person's own). */
    public static Summary of(ComplianceRules rules, String city, int year, List<Entry> entries) {
        return of(rules, new PersonCity(city, PersonCity.Basis.REQUESTED), year, entries, null);
    }

    /**
     * The year by the rules of the person's city; {@code asOf} (a title application's submission
     * date, or null) leaves out study completed after it.
     */
    public static Summary of(ComplianceRules rules, PersonCity personCity, int year, List<Entry> entries, LocalDate asOf) {
        String city = personCity.city();
        List<Counted> counted = new ArrayList<>();
        for (Entry e : entries) {
            Counted c = count(rules, city, year, e, asOf);
            if (c != null) {
                counted.add(c);
            }
        }
        applyThresholds(rules, city, year, counted);
        applyKindCaps(rules, city, year, counted);

        BigDecimal[] done = {BigDecimal.ZERO, BigDecimal.ZERO};
        BigDecimal[] pending = {BigDecimal.ZERO, BigDecimal.ZERO};
        Map<Kind, BigDecimal> byKind = new EnumMap<>(Kind.class);
        for (Counted c : counted) {
            if (c.status() == Status.EXCLUDED) {
                continue;
            }
            BigDecimal[] into = c.status() == Status.COUNTED ? done : pending;
            into[c.countsAs() == Subject.PUBLIC ? 0 : 1] = into[c.countsAs() == Subject.PUBLIC ? 0 : 1].add(c.hours());
            if (c.status() == Status.COUNTED) {
                byKind.merge(c.entry().kind(), c.hours(), BigDecimal::add);
            }
        }
        Requirement requirement = rules.requirement(city, year).orElse(null);
        Judgement now = judge(requirement, done[0], done[1]);
        Judgement then = judge(requirement, done[0].add(pending[0]), done[1].add(pending[1]));
        return new Summary(year, city, personCity.basis(), requirement == null ? "NONE" : requirement.system().name(),
                done[0], done[1], done[0].add(done[1]), byKind, now.credits(), now.met(), now.missing(), pending[0], pending[1],
                pending[0].add(pending[1]), then.credits(), then.met(), then.missing(), asOf,
                requirement == null ? null : requirement.citation(), counted);
    }

    private record Judgement(BigDecimal credits, boolean met, Map<String, BigDecimal> missing) {
    }

    private static Judgement judge(Requirement requirement, BigDecimal publicHours, BigDecimal professionalHours) {
        Map<String, BigDecimal> missing = new LinkedHashMap<>();
        BigDecimal total = publicHours.add(professionalHours);
        if (requirement == null) {
            return new Judgement(null, false, missing);
        }
        if (requirement.system() == ComplianceRules.System.CREDITS) {
            BigDecimal credits = credits(requirement, total);
            shortfall(missing, "credits", requirement.minCredits(), credits);
            return new Judgement(credits, missing.isEmpty(), missing);
        }
        shortfall(missing, "total", requirement.minTotal(), total);
        shortfall(missing, "public", requirement.minPublic(), publicHours);
        shortfall(missing, "professional", requirement.minProfessional(), professionalHours);
        return new Judgement(null, missing.isEmpty(), missing);
    }

    static BigDecimal credits(Requirement requirement, BigDecimal hours) {
        return hours.divide(requirement.hoursPerCredit(), 2, RoundingMode.DOWN);
    }

    /**
     * How one entry counts for {@code year} in the person's city, or null when it has nothing to do
     * with the year. The first reason that leaves it out is the one given.
     */
    static Counted count(ComplianceRules rules, String city, int year, Entry e, LocalDate asOf) {
        MakeUp makeUp = rules.makeUp(city, e.subject(), e.courseName()).orElse(null);
        Integer madeUp = makeUp == null ? null : makeUp.madeUpYear(e.courseName());
        if (madeUp != null && !e.completionDate().isAfter(LocalDate.of(madeUp, 12, 31))) {
            // completed within its own year: ordinary study of that year, not a make-up
            madeUp = null;
        }
        int countsFor = madeUp != null ? madeUp : e.studyYear();
        if (countsFor != year && e.studyYear() != year) {
            return null;
        }
        if (madeUp != null && e.completionDate().isAfter(makeUp.until())) {
            return excluded(e, null, makeUp, "MAKE_UP_CLOSED: make-up study for " + madeUp + " closed on " + makeUp.until()
                    + "; completed " + e.completionDate() + ", it counts for no year");
        }
        if (countsFor != year) {
            return excluded(e, countsFor, makeUp, "MADE_UP_FOR_ANOTHER_YEAR: make-up study, counted for " + countsFor);
        }
        if (!"ACTIVE".equals(e.state())) {
            return excluded(e, year, null, "REVOKED: withdrawn by the platform");
        }
        if (OutboxStatus.REJECTED.name().equals(e.pushStatus())) {
            return excluded(e, year, null, "PROVINCE_REJECTED: the provincial platform refused it");
        }
        if (asOf != null && e.completionDate().isAfter(asOf)) {
            return excluded(e, year, null, "AFTER_SUBMISSION: completed " + e.completionDate()
                    + ", after the application's materials were submitted on " + asOf);
        }
        Status status = OutboxStatus.DONE.name().equals(e.pushStatus()) ? Status.COUNTED : Status.PENDING;
        Counted counted = converted(rules, city, year, e, status, madeUp == null ? null : makeUp);
        if (madeUp == null && counted.excluded() == null) {
            // the closing of the subject the record counts as: a publication Weihai counts as professional
            // is not held to Weihai's 30 September closing of public study
            ComplianceRules.Closing closing = rules.closing(city, year, counted.countsAs());
            if (e.completionDate().isAfter(closing.date())) {
                return new Counted(e, BigDecimal.ZERO, counted.countsAs(), year, Status.EXCLUDED, cite(null, closing.citation()),
                        "CLOSED_YEAR: completed after " + closing.date() + ", when the year's "
                                + counted.countsAs().name().toLowerCase() + " study closed");
            }
        }
        return counted;
    }

    /** The entry's hours and subject after the year's conversions and kind rules (points judged later). */
    private static Counted converted(ComplianceRules rules, String city, int year, Entry e, Status status, MakeUp makeUp) {
        if ("POINTS".equals(e.unit())) {
            Threshold threshold = rules.threshold(city, year, e.courseName()).orElse(null);
            if (threshold == null) {
                return excluded(e, year, null, "NO_CONVERSION: points count only where a rule converts them, "
                        + "and none does in " + city + " " + year);
            }
            // Judged with the person's other points of the year once all are seen (applyThresholds).
            return new Counted(e, BigDecimal.ZERO, threshold.subject(), year, status, cite(threshold.name(), threshold.citation()), null);
        }
        Threshold declared = rules.threshold(city, year, e.courseName()).orElse(null);
        if (declared != null) {
            // the conversion already made, in 学时 (the employer's batch declaration): counted as it is
            return new Counted(e, e.hours().setScale(2, RoundingMode.DOWN), declared.subject(), year, status,
                    cite(declared.name() + " (declared in 学时)", declared.citation()), null);
        }
        BigDecimal hours = e.hours();
        Subject subject = e.subject();
        List<String> applied = new ArrayList<>();
        if (makeUp != null) {
            applied.add(cite(makeUp.name(), makeUp.citation()));
        }
        Conversion conversion = rules.conversion(city, year, e.courseName()).orElse(null);
        if (conversion != null) {
            hours = conversion.factor() != null ? hours.multiply(conversion.factor()) : hours;
            subject = conversion.subject() != null ? conversion.subject() : subject;
            applied.add(cite(conversion.name(), conversion.citation()));
        }
        KindRule kindRule = rules.kind(city, year, e.kind()).orElse(null);
        if (kindRule != null && kindRule.countsAs() != null && conversion == null) {
            subject = kindRule.countsAs();
            applied.add(cite(e.kind().name(), kindRule.citation()));
        }
        return new Counted(e, hours.setScale(2, RoundingMode.DOWN), subject, year, status,
                applied.isEmpty() ? null : String.join("; ", applied), null);
    }

    /**
     * A threshold conversion counts once a year: an entry of its course already in 学时 (declared
     * in bulk by the employer) is the conversion done; else the entry with the most points, when
     * they reach the threshold, gives the rule's hours and the others nothing.
     */
    private static void applyThresholds(ComplianceRules rules, String city, int year, List<Counted> counted) {
        Map<Threshold, List<Integer>> points = new LinkedHashMap<>();
        Map<Threshold, Boolean> declared = new LinkedHashMap<>();
        for (int i = 0; i < counted.size(); i++) {
            Counted c = counted.get(i);
            if (c.status() == Status.EXCLUDED) {
                continue;
            }
            Threshold t = rules.threshold(city, year, c.entry().courseName()).orElse(null);
            if (t == null) {
                continue;
            }
            if ("POINTS".equals(c.entry().unit())) {
                points.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
            } else {
                declared.put(t, true);
            }
        }
        points.forEach((t, indexes) -> {
            int best = indexes.stream().max((a, b) -> counted.get(a).entry().amount().compareTo(counted.get(b).entry().amount()))
                    .orElseThrow();
            for (int i : indexes) {
                Counted c = counted.get(i);
                String rule = cite(t.name(), t.citation());
                String why = declared.containsKey(t)
                        ? "ALREADY_CONVERTED: the year's conversion is declared in 学时 already; points add nothing"
                        : i != best ? "ONCE_A_YEAR: the conversion is given once, for the most points of the year"
                        : c.entry().amount().compareTo(t.atLeast()) < 0
                        ? "BELOW_THRESHOLD: " + c.entry().amount().stripTrailingZeros().toPlainString() + " points, "
                                + t.atLeast().stripTrailingZeros().toPlainString() + " give " + t.hours().stripTrailingZeros().toPlainString() + " 学时"
                        : null;
                counted.set(i, why == null
                        ? new Counted(c.entry(), t.hours().setScale(2, RoundingMode.DOWN), t.subject(), year, c.status(), rule, null)
                        : new Counted(c.entry(), BigDecimal.ZERO, t.subject(), year, Status.EXCLUDED, rule, why));
            }
        });
    }

    /** A kind's yearly cap, where a rule sets one: entries in completion order fill it, the rest is cut. */
    private static void applyKindCaps(ComplianceRules rules, String city, int year, List<Counted> counted) {
        Map<Kind, BigDecimal> used = new EnumMap<>(Kind.class);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < counted.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> counted.get(a).entry().completionDate().compareTo(counted.get(b).entry().completionDate()));
        for (int i : order) {
            Counted c = counted.get(i);
            KindRule rule = rules.kind(city, year, c.entry().kind()).orElse(null);
            if (c.status() == Status.EXCLUDED || rule == null || rule.maxHoursPerYear() == null) {
                continue;
            }
            BigDecimal before = used.getOrDefault(c.entry().kind(), BigDecimal.ZERO);
            BigDecimal room = rule.maxHoursPerYear().subtract(before).max(BigDecimal.ZERO);
            BigDecimal hours = c.hours().min(room);
            used.put(c.entry().kind(), before.add(hours));
            if (hours.compareTo(c.hours()) < 0) {
                String why = "KIND_CAP: " + c.entry().kind() + " counts at most "
                        + rule.maxHoursPerYear().stripTrailingZeros().toPlainString() + " 学时 a year";
                String cited = cite(c.entry().kind() + " cap", rule.citation());
                counted.set(i, hours.signum() == 0
                        ? new Counted(c.entry(), BigDecimal.ZERO, c.countsAs(), year, Status.EXCLUDED, cited, why)
                        : new Counted(c.entry(), hours, c.countsAs(), year, c.status(), cited + " (" + why + ")", null));
            }
        }
    }

    private static Counted excluded(Entry e, Integer year, MakeUp makeUp, String why) {
        return new Counted(e, BigDecimal.ZERO, e.subject(), year, Status.EXCLUDED,
                makeUp == null ? null : cite(makeUp.name(), makeUp.citation()), why);
    }

    private static String cite(String name, Citation citation) {
        if (citation == null) {
            return name;
        }
        return (name == null ? "" : name + " — ") + citation;
    }

    private static void shortfall(Map<String, BigDecimal> missing, String what, BigDecimal minimum, BigDecimal have) {
        if (have.compareTo(minimum) < 0) {
            missing.put(what, minimum.subtract(have));
        }
    }
}
