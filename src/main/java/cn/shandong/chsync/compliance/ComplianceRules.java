package cn.shandong.chsync.compliance;

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
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The requirement of each year and the notices' special rules (compliance-rules.yaml), checked
 * when loaded: a bad rule is refused with its list and position.
 */
public final class ComplianceRules {

    public enum System { HOURS, CREDITS }

    /** What a year asks: 90/30/60 学时 (HOURS), or a number of 学分 (CREDITS, n 学时 each). */
    public record Requirement(String city, Integer from, Integer to, System system, BigDecimal minTotal,
                              BigDecimal minPublic, BigDecimal minProfessional, BigDecimal minCredits,
                              BigDecimal hoursPerCredit, String notice) {
    }

    /** A year's study of one subject closing before 31 December in a city. */
    public record Closing(String city, Integer year, Subject subject, LocalDate date, String notice) {
    }

    /**
     * How records whose course name matches count: points converted (pointsPer points give
     * hoursPer 学时), hours multiplied (factor), and/or counted as another subject.
     */
    public record Conversion(String name, String city, Integer from, Integer to, String coursePattern,
                             BigDecimal pointsPer, BigDecimal hoursPer, BigDecimal factor, Subject subject,
                             String notice) {

        boolean matches(String courseName) {
            return courseName != null && Pattern.compile(coursePattern).matcher(courseName).find();
        }
    }

    record File(List<Requirement> requirements, List<Closing> closings, List<Conversion> conversions) {
    }

    private final List<Requirement> requirements;
    private final List<Closing> closings;
    private final List<Conversion> conversions;

    private ComplianceRules(File file) {
        this.requirements = List.copyOf(file.requirements() == null ? List.of() : file.requirements());
        this.closings = List.copyOf(file.closings() == null ? List.of() : file.closings());
        this.conversions = List.copyOf(file.conversions() == null ? List.of() : file.conversions());
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
        List<Requirement> requirements = file.requirements() == null ? List.of() : file.requirements();
        if (requirements.isEmpty()) {
            problems.add("requirements: none given");
        }
        for (int i = 0; i < requirements.size(); i++) {
            Requirement r = requirements.get(i);
            String at = "requirements[" + i + "]";
            years(problems, at, r.from(), r.to());
            city(problems, at, r.city());
            notice(problems, at, r.notice());
            if (r.system() == null) {
                problems.add(at + ".system: HOURS or CREDITS");
            } else if (r.system() == System.HOURS && (positive(r.minTotal()) + positive(r.minPublic())
                    + positive(r.minProfessional()) < 3 || r.minPublic().add(r.minProfessional()).compareTo(r.minTotal()) > 0)) {
                problems.add(at + ": HOURS needs minTotal, minPublic and minProfessional above 0, public + professional at most the total");
            } else if (r.system() == System.CREDITS && positive(r.minCredits()) + positive(r.hoursPerCredit()) < 2) {
                problems.add(at + ": CREDITS needs minCredits and hoursPerCredit above 0");
            }
        }
        List<Closing> closings = file.closings() == null ? List.of() : file.closings();
        for (int i = 0; i < closings.size(); i++) {
            Closing c = closings.get(i);
            String at = "closings[" + i + "]";
            city(problems, at, c.city());
            notice(problems, at, c.notice());
            if (c.year() == null || c.date() == null || c.date().getYear() != c.year()) {
                problems.add(at + ": year and a date in that year are required");
            }
        }
        List<Conversion> conversions = file.conversions() == null ? List.of() : file.conversions();
        for (int i = 0; i < conversions.size(); i++) {
            Conversion c = conversions.get(i);
            String at = "conversions[" + i + "]" + (c.name() == null ? "" : " (" + c.name() + ")");
            years(problems, at, c.from(), c.to());
            city(problems, at, c.city());
            notice(problems, at, c.notice());
            try {
                Pattern.compile(c.coursePattern() == null ? "" : c.coursePattern());
                if (c.coursePattern() == null || c.coursePattern().isBlank()) {
                    problems.add(at + ".coursePattern: required");
                }
            } catch (PatternSyntaxException e) {
                problems.add(at + ".coursePattern: " + e.getDescription());
            }
            boolean points = c.pointsPer() != null || c.hoursPer() != null;
            if (points && positive(c.pointsPer()) + positive(c.hoursPer()) < 2) {
                problems.add(at + ": pointsPer and hoursPer go together, both above 0");
            }
            if (c.factor() != null && positive(c.factor()) == 0) {
                problems.add(at + ".factor: above 0");
            }
            if (!points && c.factor() == null && c.subject() == null) {
                problems.add(at + ": says nothing (no points, factor or subject)");
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
        return new Closing(null, year, subject, LocalDate.of(year, 12, 31), null);
    }

    /** The conversion that applies to a record of the course, the year and the city, if any. */
    public Optional<Conversion> conversion(String city, int year, String courseName) {
        return conversions.stream()
                .filter(c -> covers(c.from(), c.to(), year) && (c.city() == null || c.city().equals(city)) && c.matches(courseName))
                .findFirst();
    }

    private static boolean covers(Integer from, Integer to, int year) {
        return (from == null || year >= from) && (to == null || year <= to);
    }

    private static int positive(BigDecimal value) {
        return value != null && value.signum() > 0 ? 1 : 0;
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

    private static void notice(List<String> problems, String at, String notice) {
        if (notice == null || notice.isBlank()) {
            problems.add(at + ".notice: say which notice the rule comes from");
        }
    }
}
