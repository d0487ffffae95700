package cn.shandong.chsync.compliance;

import cn.shandong.chsync.record.Kind;
import cn.shandong.chsync.record.Subject;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The requirement of each year and the notices' special rules (compliance-rules.yaml), checked
 * when loaded: a bad rule is refused with its list and position. Every rule names its notice,
 * the section and the notice's own words, which the tests find in the notice's text.
 * Longer than most because each rule's shape and its check on load are kept together, so a
 * rule added is checked the moment it is written.
 */
public final class ComplianceRules {

    public enum System { HOURS, CREDITS }

    /** What a title application is for (威海 2019 二(一)): 评审 (REVIEW) or 聘用 (APPOINTMENT). */
    public enum Purpose { REVIEW, APPOINTMENT }

    /** Where a rule comes from: the notice (e.g. "004 威海 2019"), its section, and its words. */
    public record Citation(String notice, String section, String words) {

        @Override
        public String toString() {
            return notice + " " + section + ": " + words;
        }
    }

    /**
     * What a year asks: 90/30/60 学时 (HOURS), or a number of 学分 (CREDITS, n 学时 each). termAverage,
     * when given, is the average of 学分 a year a title application's term needs, by purpose: the
     * years are then judged together, not one by one.
     */
    public record Requirement(String city, Integer from, Integer to, System system, BigDecimal minTotal,
                              BigDecimal minPublic, BigDecimal minProfessional, BigDecimal minCredits,
                              BigDecimal hoursPerCredit, Map<Purpose, BigDecimal> termAverage, String notice,
                              String section, String words) {

        public Citation citation() {
            return new Citation(notice, section, words);
        }
    }

    /** A year's study of one subject closing before 31 December in a city. */
    public record Closing(String city, Integer year, Subject subject, LocalDate date, String notice, String section,
                          String words) {

        public Citation citation() {
            return notice == null ? null : new Citation(notice, section, words);
        }
    }

    /**
     * How records whose course name matches count: hours multiplied (factor), counted as another
     * subject, or, with neither, as sent (a rule that only says the study counts, and why).
     */
    public record Conversion(String name, String city, Integer from, Integer to, String coursePattern,
                             BigDecimal factor, Subject subject, Boolean asSent, String notice, String section,
                             String words) {

        boolean matches(String courseName) {
            return courseName != null && Pattern.compile(coursePattern).matcher(courseName).find();
        }

        public Citation citation() {
            return new Citation(notice, section, words);
        }
    }

    /**
     * A conversion by threshold: a person whose points (积分) of the year reach atLeast gets
     * {@code hours} 学时 of {@code subject}, once a year however far beyond it they go. A record of the
     * same course already in 学时 (the employer's batch declaration) is the conversion done, counted
     * as it is, and the points then add nothing.
     */
    public record Threshold(String name, String city, Integer from, Integer to, String coursePattern,
                            BigDecimal atLeast, BigDecimal hours, Subject subject, String notice, String section,
                            String words) {

        boolean matches(String courseName) {
            return courseName != null && Pattern.compile(coursePattern).matcher(courseName).find();
        }

        public Citation citation() {
            return new Citation(notice, section, words);
        }
    }

    /**
     * Make-up study (补学): a record of {@code subject} whose course name names a year of
     * madeUpFrom..madeUpTo (the pattern's first group) counts for that year when completed by
     * {@code until}, and for no year when completed later.
     */
    public record MakeUp(String name, String city, Integer madeUpFrom, Integer madeUpTo, Subject subject,
                         String coursePattern, LocalDate until, String notice, String section, String words) {

        /** The year the course makes up, or null when it is not a make-up course of this rule. */
        Integer madeUpYear(String courseName) {
            if (courseName == null) {
                return null;
            }
            Matcher m = Pattern.compile(coursePattern).matcher(courseName);
            if (!m.find()) {
                return null;
            }
            int year = Integer.parseInt(m.group(1));
            return year >= madeUpFrom && year <= madeUpTo ? year : null;
        }

        public Citation citation() {
            return new Citation(notice, section, words);
        }
    }

    /**
     * How a registration kind counts in a city from a year: as which subject (countsAs; null: as
     * sent) and at most how many 学时 a year (maxHoursPerYear; null: no cap). openPoint names the
     * document that would set what the notice leaves open; such a rule changes nothing until filled.
     */
    public record KindRule(Kind kind, String city, Integer from, Integer to, Subject countsAs,
                           BigDecimal maxHoursPerYear, String openPoint, String notice, String section, String words) {

        public Citation citation() {
            return new Citation(notice, section, words);
        }
    }

    /** A rule of the answers themselves (whose rules apply, what has counted, a title application's cutoff). */
    public record Principle(String name, List<Citation> citations) {
    }

    record File(List<Requirement> requirements, List<Closing> closings, List<Conversion> conversions,
                List<Threshold> thresholds, List<MakeUp> makeUps, List<KindRule> kinds, List<Principle> principles) {
    }

    /** The principles the code applies; the file must cite each. */
    public static final List<String> PRINCIPLES = List.of("PERSON_CITY", "COUNTED_AT_PROVINCE", "TITLE_APPLICATION_CUTOFF");

    private final List<Requirement> requirements;
    private final List<Closing> closings;
    private final List<Conversion> conversions;
    private final List<Threshold> thresholds;
    private final List<MakeUp> makeUps;
    private final List<KindRule> kinds;
    private final List<Principle> principles;

    private ComplianceRules(File file) {
        this.requirements = List.copyOf(orEmpty(file.requirements()));
        this.closings = List.copyOf(orEmpty(file.closings()));
        this.conversions = List.copyOf(orEmpty(file.conversions()));
        this.thresholds = List.copyOf(orEmpty(file.thresholds()));
        this.makeUps = List.copyOf(orEmpty(file.makeUps()));
        this.kinds = List.copyOf(orEmpty(file.kinds()));
        this.principles = List.copyOf(orEmpty(file.principles()));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Reads and checks a rules file; IllegalArgumentException says which rule is wrong and how. */
    public static ComplianceRules load(InputStream yaml, String name) {
        ObjectMapper mapper = JsonMapper.builder(new YAMLFactory()).addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        File file;
        try {
            file = mapper.readValue(yaml, File.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        List<Requirement> requirements = orEmpty(file.requirements());
        if (requirements.isEmpty()) {
            problems.add("requirements: none given");
        }
        for (int i = 0; i < requirements.size(); i++) {
            Requirement r = requirements.get(i);
            String at = "requirements[" + i + "]";
            years(problems, at, r.from(), r.to());
            city(problems, at, r.city());
            cited(problems, at, r.notice(), r.section(), r.words());
            if (r.system() == null) {
                problems.add(at + ".system: HOURS or CREDITS");
            } else if (r.system() == System.HOURS && (positive(r.minTotal()) + positive(r.minPublic())
                    + positive(r.minProfessional()) < 3 || r.minPublic().add(r.minProfessional()).compareTo(r.minTotal()) > 0)) {
                problems.add(at + ": HOURS needs minTotal, minPublic and minProfessional above 0, public + professional at most the total");
            } else if (r.system() == System.CREDITS && positive(r.minCredits()) + positive(r.hoursPerCredit()) < 2) {
                problems.add(at + ": CREDITS needs minCredits and hoursPerCredit above 0");
            }
            if (r.termAverage() != null && (r.system() != System.CREDITS
                    || r.termAverage().values().stream().anyMatch(v -> positive(v) == 0))) {
                problems.add(at + ".termAverage: a CREDITS year's 学分 by purpose, each above 0");
            }
        }
        List<Closing> closings = orEmpty(file.closings());
        for (int i = 0; i < closings.size(); i++) {
            Closing c = closings.get(i);
            String at = "closings[" + i + "]";
            city(problems, at, c.city());
            cited(problems, at, c.notice(), c.section(), c.words());
            if (c.year() == null || c.date() == null || c.date().getYear() != c.year()) {
                problems.add(at + ": year and a date in that year are required");
            }
        }
        List<Conversion> conversions = orEmpty(file.conversions());
        for (int i = 0; i < conversions.size(); i++) {
            Conversion c = conversions.get(i);
            String at = "conversions[" + i + "]" + (c.name() == null ? "" : " (" + c.name() + ")");
            years(problems, at, c.from(), c.to());
            city(problems, at, c.city());
            cited(problems, at, c.notice(), c.section(), c.words());
            pattern(problems, at, c.coursePattern());
            if (c.factor() != null && positive(c.factor()) == 0) {
                problems.add(at + ".factor: above 0");
            }
            if (c.factor() == null && c.subject() == null && !Boolean.TRUE.equals(c.asSent())) {
                problems.add(at + ": says nothing (no factor, subject or asSent: true)");
            }
        }
        List<Threshold> thresholds = orEmpty(file.thresholds());
        for (int i = 0; i < thresholds.size(); i++) {
            Threshold t = thresholds.get(i);
            String at = "thresholds[" + i + "]" + (t.name() == null ? "" : " (" + t.name() + ")");
            years(problems, at, t.from(), t.to());
            city(problems, at, t.city());
            cited(problems, at, t.notice(), t.section(), t.words());
            pattern(problems, at, t.coursePattern());
            if (positive(t.atLeast()) + positive(t.hours()) < 2 || t.subject() == null) {
                problems.add(at + ": atLeast (points) and hours above 0 and a subject are required");
            }
        }
        List<MakeUp> makeUps = orEmpty(file.makeUps());
        for (int i = 0; i < makeUps.size(); i++) {
            MakeUp m = makeUps.get(i);
            String at = "makeUps[" + i + "]" + (m.name() == null ? "" : " (" + m.name() + ")");
            years(problems, at, m.madeUpFrom(), m.madeUpTo());
            city(problems, at, m.city());
            cited(problems, at, m.notice(), m.section(), m.words());
            pattern(problems, at, m.coursePattern());
            if (m.coursePattern() != null && !m.coursePattern().contains("(")) {
                problems.add(at + ".coursePattern: its first group must capture the year made up");
            }
            if (m.until() == null || (m.madeUpTo() != null && m.until().getYear() <= m.madeUpTo())) {
                problems.add(at + ".until: a date after the years made up is required");
            }
        }
        List<KindRule> kinds = orEmpty(file.kinds());
        for (int i = 0; i < kinds.size(); i++) {
            KindRule k = kinds.get(i);
            String at = "kinds[" + i + "]" + (k.kind() == null ? "" : " (" + k.kind() + ")");
            years(problems, at, k.from(), k.to());
            city(problems, at, k.city());
            cited(problems, at, k.notice(), k.section(), k.words());
            if (k.kind() == null) {
                problems.add(at + ".kind: required");
            }
            if (k.maxHoursPerYear() != null && positive(k.maxHoursPerYear()) == 0) {
                problems.add(at + ".maxHoursPerYear: above 0, or left out for no cap");
            }
            if (k.countsAs() == null && k.maxHoursPerYear() == null && (k.openPoint() == null || k.openPoint().isBlank())) {
                problems.add(at + ": says nothing (no countsAs, maxHoursPerYear or openPoint)");
            }
        }
        List<Principle> principles = orEmpty(file.principles());
        for (String required : PRINCIPLES) {
            if (principles.stream().noneMatch(p -> required.equals(p.name()))) {
                problems.add("principles: " + required + " is not cited");
            }
        }
        for (int i = 0; i < principles.size(); i++) {
            Principle p = principles.get(i);
            String at = "principles[" + i + "]" + (p.name() == null ? "" : " (" + p.name() + ")");
            if (p.citations() == null || p.citations().isEmpty()) {
                problems.add(at + ".citations: at least one");
            } else {
                for (Citation c : p.citations()) {
                    cited(problems, at, c.notice(), c.section(), c.words());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(name + ": " + String.join("; ", problems));
        }
        return new ComplianceRules(file);
    }

    /** The requirement of the year in the city: the city's own rule if it has one, else the province's. */
    public Optional<Requirement> requirement(String city, int year) {
        Requirement found = null;
        for (Requirement r : requirements) {
            if (covers(r.from(), r.to(), year) && (r.city() == null || r.city().equals(city))
                    && (found == null || r.city() != null || found.city() == null)) {
                found = r;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The last day a record of the subject counts for the year in the city. */
    public Closing closing(String city, int year, Subject subject) {
        for (Closing c : closings) {
            if (c.year() == year && (c.city() == null || c.city().equals(city)) && (c.subject() == null || c.subject() == subject)) {
                return c;
            }
        }
        return new Closing(null, year, subject, LocalDate.of(year, 12, 31), null, null, null);
    }

    /** The conversion that applies to a record of the course, the year and the city, if any. */
    public Optional<Conversion> conversion(String city, int year, String courseName) {
        return conversions.stream()
                .filter(c -> covers(c.from(), c.to(), year) && (c.city() == null || c.city().equals(city)) && c.matches(courseName))
                .findFirst();
    }

    /** The threshold conversion of the course in the year and city, if any. */
    public Optional<Threshold> threshold(String city, int year, String courseName) {
        return thresholds.stream()
                .filter(t -> covers(t.from(), t.to(), year) && (t.city() == null || t.city().equals(city)) && t.matches(courseName))
                .findFirst();
    }

    /** The make-up rule a record of the city, subject and course falls under, if any. */
    public Optional<MakeUp> makeUp(String city, Subject subject, String courseName) {
        return makeUps.stream()
                .filter(m -> (m.city() == null || m.city().equals(city)) && (m.subject() == null || m.subject() == subject)
                        && m.madeUpYear(courseName) != null)
                .findFirst();
    }

    /** The latest year a make-up record may be completed in: records of it may count for earlier years. */
    public int lastMakeUpYear() {
        return makeUps.stream().mapToInt(m -> m.until().getYear()).max().orElse(0);
    }

    /** How a kind counts in the city and year: the city's own rule, else the province's; the later of two. */
    public Optional<KindRule> kind(String city, int year, Kind kind) {
        KindRule found = null;
        for (KindRule k : kinds) {
            if (k.kind() == kind && covers(k.from(), k.to(), year) && (k.city() == null || k.city().equals(city))
                    && (found == null || k.city() != null || found.city() == null)) {
                found = k;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Every kind rule, for the documentation's list of open points. */
    public List<KindRule> kindRules() {
        return kinds;
    }

    /** The notices behind one of {@link #PRINCIPLES}. */
    public List<Citation> principle(String name) {
        return principles.stream().filter(p -> p.name().equals(name)).findFirst().map(Principle::citations).orElse(List.of());
    }

    private static boolean covers(Integer from, Integer to, int year) {
        return (from == null || year >= from) && (to == null || year <= to);
    }

    private static int positive(BigDecimal value) {
        return value != null && value.signum() > 0 ? 1 : 0;
    }

    private static void pattern(List<String> problems, String at, String pattern) {
        try {
            Pattern.compile(pattern == null ? "" : pattern);
            if (pattern == null || pattern.isBlank()) {
                problems.add(at + ".coursePattern: required");
            }
        } catch (PatternSyntaxException e) {
            problems.add(at + ".coursePattern: " + e.getDescription());
        }
    }

    private static void years(List<String> problems, String at, Integer from, Integer to) {
        if (from == null) {
            problems.add(at + ".from: the first year it applies is required");
        } else if (to != null && to < from) {
            problems.add(at + ": to (" + to + ") is before from (" + from + ")");
        }
    }

    private static void city(List<String> problems, String at, String city) {
        if (city != null && !city.matches("\\d{6}")) {
            problems.add(at + ".city: a six-digit GB/T 2260 code, not '" + city + "'");
        }
    }

    private static void cited(List<String> problems, String at, String notice, String section, String words) {
        if (notice == null || !notice.matches("00[0-4] .+")) {
            problems.add(at + ".notice: say which notice the rule comes from (000-004 and its short name)");
        }
        if (section == null || section.isBlank()) {
            problems.add(at + ".section: say which section of the notice");
        }
        if (words == null || words.isBlank()) {
            problems.add(at + ".words: quote the notice's words");
        }
    }
}
