package cn.shandong.chsync.simulator;

import cn.shandong.chsync.record.EmployerCode;
import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.record.ReasonCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The simulated platforms' people, employers, courses and study records, generated from a seed
 * and the day the world is made on (the closed years from the seed alone; the year in progress,
 * and epoch 2's place in time, from the day too), as versions by epoch: epoch 1 is the platforms'
 * first state, epoch 2 adds re-sends, corrections, revocations, late arrivals and new completions
 * on top of it. People study as real ones do: most meet a closed year's requirement, some fall a
 * few hours short, a few study little. Records are kept in yxlearning's shape; each platform's
 * {@link Vendor} renders them in its own when served.
 * Longer than most because the population's parts (people, employers, study, epoch 2's changes)
 * are generated from one random stream in a fixed order: split apart, that order would be
 * everyone's to keep, and the simulated data would change with every refactoring.
 */
final class Population {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The kinds of bad record platforms send, each with the reason the service must give. */
    static final List<ReasonCode> BAD_KINDS = List.of(ReasonCode.ID_NUMBER_CHECKSUM, ReasonCode.ID_NUMBER_FULLWIDTH,
            ReasonCode.ID_NUMBER_FORMAT, ReasonCode.ID_NUMBER_MISSING, ReasonCode.NAME_MISSING,
            ReasonCode.HOURS_NOT_POSITIVE, ReasonCode.HOURS_UNPARSEABLE, ReasonCode.HOURS_TOO_LARGE,
            ReasonCode.DATE_IN_FUTURE, ReasonCode.DATE_BEFORE_MIN, ReasonCode.SUBJECT_UNKNOWN);

    private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华建国志红玉兰海燕晓东文波婷雪梅鹏飞宇浩然欣怡子涵俊凯";
    /** Epoch 2 starts here, or three weeks before today when that is later. */
    private static final LocalDateTime FIRST_EPOCH_2_START = LocalDateTime.of(2026, 1, 5, 8, 0);
    static final java.time.ZoneId SHANGHAI = java.time.ZoneId.of("Asia/Shanghai");
    /** The year in progress: 2023-2025 are closed, this one has its records up to yesterday. */
    static final int CURRENT_YEAR = 2026;

    /** A course of the catalogue; unfiled ones are training projects the bureau never registered. */
    record Course(String id, String name, boolean isPublic, BigDecimal hours, boolean unfiled) {
    }

    private record Person(String idNumber, String name, String employer, String employerCode, PlatformSpec home) {
    }

    /** Who studied where, so epoch 2 can add completions for the same people on the same platforms. */
    private record Enrolment(Person person, PlatformSpec platform) {
    }

    /**
     * Which platforms exist, what share of valid completions a second platform reports too, when
     * changePercent is set the share of epoch 1's records epoch 2 changes (instead of its mix), and
     * whether the compliance case people ({@link ComplianceCases}) are added.
     */
    record Shape(List<PlatformSpec> platforms, int secondSourcePercent, Double changePercent, boolean complianceCases) {

        static final Shape STANDARD = new Shape(Platforms.ALL, 0, null);

        Shape(List<PlatformSpec> platforms, int secondSourcePercent, Double changePercent) {
            this(platforms, secondSourcePercent, changePercent, false);
        }

        Shape {
            if (platforms.isEmpty()) {
                throw new IllegalArgumentException("the simulated world needs at least one platform");
            }
            if (secondSourcePercent < 0 || secondSourcePercent > 100 || (changePercent != null && (changePercent < 0 || changePercent > 100))) {
                throw new IllegalArgumentException("shares are percentages from 0 to 100");
            }
        }
    }

    private final SplittableRandom random;
    private final Shape shape;
    private final List<Course> courses = Courses.catalogue();
    private final List<PlatformSpec> platforms;
    private final LocalDateTime epochTwoStart;
    private final int epochTwoMinutes;
    private final List<SimRecord> versions = new ArrayList<>();
    private final Map<String, String> truthByCompletion = new HashMap<>();
    private final List<Enrolment> enrolments = new ArrayList<>();
    private final Map<String, Integer> recordSerials = new HashMap<>();
    private int certificateSerial;
    private int completionSerial;
    private int badSerial;

    Population(long seed, int peoplePerCity) {
        this(seed, peoplePerCity, Shape.STANDARD);
    }

    Population(long seed, int peoplePerCity, List<PlatformSpec> platforms) {
        this(seed, peoplePerCity, new Shape(platforms, 0, null));
    }

    Population(long seed, int peoplePerCity, Shape shape) {
        this(seed, peoplePerCity, shape, LocalDate.now(SHANGHAI));
    }

    /**
     * The world as it stands on {@code today}: the closed years whole, the current year's study up
     * to a few days before it. Epoch 2 is the last three weeks before today (never before 5 January 2026),
     * epoch 1 everything up to a few days before them, so an incremental pass after the first
     * finds epoch 2's records after the first pass's high-water mark.
     */
    Population(long seed, int peoplePerCity, Shape shape, LocalDate today) {
        this.random = new SplittableRandom(seed);
        this.shape = shape;
        this.platforms = shape.platforms();
        LocalDateTime threeWeeksBack = today.minusDays(21).atTime(8, 0);
        this.epochTwoStart = threeWeeksBack.isAfter(FIRST_EPOCH_2_START) ? threeWeeksBack : FIRST_EPOCH_2_START;
        this.epochTwoMinutes = (int) Math.max(60 * 24, Math.min(60 * 24 * 80,
                java.time.Duration.between(epochTwoStart, today.atStartOfDay()).toMinutes()));
        List<SimRecord> first = new ArrayList<>();
        List<SimRecord> currentLater = new ArrayList<>();
        List<Person> people = people(peoplePerCity);
        for (Person person : people) {
            for (int year = 2023; year < CURRENT_YEAR; year++) {
                LocalDate from = LocalDate.of(year, 1, 10);
                for (Course course : plan(person, year)) {
                    LocalDateTime at = from.atTime(8, 0).plusDays(random.nextInt(340)).plusMinutes(random.nextInt(12 * 60));
                    study(person, course, at, 1, at.plusSeconds(5 + random.nextInt(600)), first);
                }
            }
        }
        // The current year after the closed ones: only its records, and epoch 2's, depend on today.
        LocalDate epochOneUntil = epochTwoStart.toLocalDate().minusDays(5);
        for (Person person : people) {
            for (Course course : plan(person, CURRENT_YEAR)) {
                LocalDateTime at = LocalDateTime.of(CURRENT_YEAR, 1, 10, 8, 0).plusDays(random.nextInt(350))
                        .plusMinutes(random.nextInt(12 * 60));
                // a second platform's copy comes up to three days later: none may be stamped after today
                if (!at.toLocalDate().isBefore(today.minusDays(4))) {
                    continue;
                }
                if (at.toLocalDate().isBefore(epochOneUntil)) {
                    study(person, course, at, 1, at.plusSeconds(5 + random.nextInt(600)), first);
                } else {
                    LocalDateTime listed = at.isBefore(epochTwoStart) ? epochTwoStart : at;
                    study(person, course, at, 2, listed.plusSeconds(5 + random.nextInt(600)), currentLater);
                }
            }
        }
        versions.addAll(first);
        if (shape.changePercent() == null) {
            epochTwo(first);
            versions.addAll(currentLater);
        } else {
            // epoch 2 as a share of changes and nothing else: the current year's later study stays out
            changes(first);
        }
        if (shape.complianceCases()) {
            // last, drawing nothing from the seed's stream: the generated world stays as it is
            ComplianceCases cases = ComplianceCases.make(epochTwoStart.plusDays(1).withHour(9));
            cases.records().stream().filter(r -> platforms.stream().anyMatch(p -> p.id().equals(r.sourceId())))
                    .forEach(versions::add);
            truthByCompletion.putAll(cases.truths());
        }
    }

    List<SimRecord> versions() {
        return versions;
    }

    List<Course> courses() {
        return courses;
    }

    List<PlatformSpec> platforms() {
        return platforms;
    }

    /** The true completion a pushed item reports, or null when it reports none the world knows. */
    String truthOf(String idNumber, String courseName, String completionDate) {
        return truthByCompletion.get(idNumber + '|' + courseName + '|' + completionDate);
    }

    /** The people of every city that has a platform of its own, each studying on one of them. */
    private List<Person> people(int perCity) {
        List<Person> people = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String cityCode : platforms.stream().map(PlatformSpec::cityCode).distinct().sorted().toList()) {
            Cities.City city = Cities.ALL.get(cityCode);
            List<PlatformSpec> homes = platforms.stream().filter(p -> p.cityCode().equals(cityCode)).toList();
            if (city == null) {
                continue;
            }
            int made = 0;
            while (made < perCity) {
                String id = idNumber(city);
                if (ids.add(id)) {
                    String employer = String.format(Cities.EMPLOYERS.get(random.nextInt(Cities.EMPLOYERS.size())), city.name());
                    people.add(new Person(id, name(), employer, employerCode(city, employer), homes.get(random.nextInt(homes.size()))));
                    made++;
                }
            }
        }
        return people;
    }

    /**
     * Of a city's people, the share (percent) that plans a year meeting the requirement; each
     * employer is a few points above or below its city, and every year a point better.
     */
    private static final Map<String, Integer> MEETS_PERCENT = Map.of("371600", 86, "370600", 91, "371000", 85, "370700", 87);

    /**
     * What the person studies in the year, as people do: most plan to meet the requirement with a
     * little to spare, some stop a few hours short of one minimum, a few study little. A course is
     * taken once a year; now and then one of them is a training project nobody filed.
     */
    private List<Course> plan(Person person, int year) {
        int meets = Math.min(97, MEETS_PERCENT.getOrDefault(person.home().cityCode(), 85)
                + Math.floorMod(person.employer().hashCode(), 11) - 5 + (year - 2023));
        int roll = random.nextInt(100);
        List<Course> chosen = new ArrayList<>();
        if (roll < meets) {
            fill(chosen, true, 30, 40);
            fill(chosen, false, 60, 84);
        } else if (roll < meets + (100 - meets) * 2 / 3) {
            int shortBy = 1 + random.nextInt(8);
            boolean publicShort = random.nextBoolean();
            fill(chosen, true, publicShort ? 30 - shortBy : 30, publicShort ? 29.5 : 40);
            fill(chosen, false, publicShort ? 60 : 60 - shortBy, publicShort ? 84 : 59.5);
        } else {
            int publicHours = 4 + random.nextInt(14);
            int professionalHours = random.nextInt(36);
            fill(chosen, true, publicHours, publicHours + 6);
            fill(chosen, false, professionalHours, professionalHours + 12);
        }
        if (random.nextInt(100) < 4) {
            courses.stream().filter(Course::unfiled).findFirst().ifPresent(chosen::add);
        }
        return chosen;
    }

    /** Adds courses of the subject, at random, until their hours reach {@code atLeast} or none fits under {@code atMost}. */
    private void fill(List<Course> chosen, boolean isPublic, double atLeast, double atMost) {
        double sum = 0;
        while (sum < atLeast) {
            double have = sum;
            List<Course> fitting = courses.stream().filter(c -> c.isPublic() == isPublic && !c.unfiled() && !chosen.contains(c)
                    && have + c.hours().doubleValue() <= atMost).toList();
            if (fitting.isEmpty()) {
                return;
            }
            Course course = fitting.get(random.nextInt(fitting.size()));
            chosen.add(course);
            sum += course.hours().doubleValue();
        }
    }

    /**
     * One course studied: on the person's own platform, or for about one public course in seven on
     * a provincial platform, which the person's base may list too.
     */
    private void study(Person person, Course course, LocalDateTime at, int epoch, LocalDateTime updatedAt, List<SimRecord> into) {
        List<PlatformSpec> provincial = platforms.stream().filter(PlatformSpec::provincial).toList();
        if (!course.isPublic() || provincial.isEmpty() || random.nextInt(100) >= 15) {
            report(person, person.home(), course, at, epoch, updatedAt, into);
            return;
        }
        PlatformSpec platform = provincial.get(random.nextInt(provincial.size()));
        SimRecord reported = report(person, platform, course, at, epoch, updatedAt, into);
        if (reported.valid() && person.home().importsProvincial() && random.nextInt(100) < 30) {
            // The base lists its member's public course from the provincial platform: the same completion.
            Map<String, Object> copy = new LinkedHashMap<>(reported.fields());
            copy.put("id", nextRecordId(person.home(), person.home().recordPrefix()));
            LocalDateTime listedAt = reported.updatedAt().plusHours(1 + random.nextInt(48));
            copy.put("gxsj", listedAt.format(TIME));
            into.add(new SimRecord(person.home().id(), (String) copy.get("id"), epoch, listedAt, copy,
                    reported.trueCompletion(), null, false, false, course.unfiled()));
        }
    }

    private void epochTwo(List<SimRecord> first) {
        Map<String, Integer> reports = reportsPerCompletion(first);
        List<SimRecord> second = new ArrayList<>();
        for (SimRecord record : first) {
            int roll = random.nextInt(100);
            LocalDateTime at = epochTwoStart.plusMinutes(random.nextInt(epochTwoMinutes));
            if (roll < 5) {
                second.add(record.resent(2, at));
            } else if (roll < 9 && record.valid() && !record.unfiled() && reports.get(record.trueCompletion()) == 1) {
                second.add(roll < 8 ? corrected(record, at) : revoked(record, at));
            }
        }
        lateArrivals(first, second);
        int fresh = first.size() * 3 / 100;
        for (int i = 0; i < fresh; i++) {
            Enrolment e = enrolments.get(random.nextInt(enrolments.size()));
            Course course = pickCourses(1, e.platform().publicOnly()).get(0);
            LocalDateTime at = LocalDateTime.of(2025, 12, 1, 8, 0).plusDays(random.nextInt(30)).plusMinutes(random.nextInt(600));
            report(e.person(), e.platform(), course, at, 2, epochTwoStart.plusMinutes(random.nextInt(epochTwoMinutes)), second);
        }
        versions.addAll(second);
    }

    /** How many valid records report each true completion: a completion reported once may be corrected. */
    private static Map<String, Integer> reportsPerCompletion(List<SimRecord> records) {
        Map<String, Integer> reports = new HashMap<>();
        records.stream().filter(SimRecord::valid).forEach(r -> reports.merge(r.trueCompletion(), 1, Integer::sum));
        return reports;
    }

    /**
     * Epoch 2 as a share of epoch 1 changed and nothing else: each record chosen is re-sent
     * unchanged or, when it is a valid completion only it reports, corrected.
     */
    private void changes(List<SimRecord> first) {
        Map<String, Integer> reports = reportsPerCompletion(first);
        int perMillion = (int) Math.round(shape.changePercent() * 10_000);
        for (SimRecord record : first) {
            if (random.nextInt(1_000_000) >= perMillion) {
                continue;
            }
            LocalDateTime at = epochTwoStart.plusMinutes(random.nextInt(epochTwoMinutes));
            boolean correctable = record.valid() && !record.unfiled() && reports.get(record.trueCompletion()) == 1;
            versions.add(correctable && random.nextBoolean() ? corrected(record, at) : record.resent(2, at));
        }
    }

    /**
     * Records that reach a platform's export late, stamped a few minutes before the newest record a
     * first sync saw (same day): only a look-back window, or a daily file fetched again, catches them.
     */
    private void lateArrivals(List<SimRecord> first, List<SimRecord> second) {
        for (PlatformSpec platform : platforms) {
            LocalDateTime newest = first.stream().filter(r -> r.sourceId().equals(platform.id()))
                    .map(SimRecord::updatedAt).max(LocalDateTime::compareTo).orElse(null);
            List<Enrolment> members = enrolments.stream().filter(e -> e.platform().equals(platform)).toList();
            if (newest == null || members.isEmpty()) {
                continue;
            }
            for (int i = 0; i < 2; i++) {
                LocalDateTime stamped = newest.minusMinutes(3 + random.nextInt(5));
                if (!stamped.toLocalDate().equals(newest.toLocalDate())) {
                    stamped = newest.toLocalDate().atStartOfDay();
                }
                Enrolment e = members.get(random.nextInt(members.size()));
                Course course = pickCourses(1, platform.publicOnly()).get(0);
                report(e.person(), platform, course, stamped.minusDays(1 + random.nextInt(20)), 2, stamped, second);
            }
        }
    }

    /** One completion as a platform reports it: usually once, sometimes twice, sometimes badly. */
    private SimRecord report(Person person, PlatformSpec platform, Course course, LocalDateTime completedAt, int epoch,
                             LocalDateTime updatedAt, List<SimRecord> into) {
        enrolments.add(new Enrolment(person, platform));
        // Nobody completes one course twice on one day; two such completions could not be told apart.
        while (truthByCompletion.containsKey(person.idNumber() + '|' + course.name() + '|' + completedAt.toLocalDate())) {
            completedAt = completedAt.plusDays(1);
        }
        String certificate = random.nextInt(100) < 70
                ? platform.recordPrefix() + completedAt.getYear() + String.format("%08d", ++certificateSerial) : null;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", nextRecordId(platform, platform.recordPrefix()));
        fields.put("sfzh", sentIdNumber(person.idNumber()));
        fields.put("xm", person.name());
        fields.put("dwmc", person.employer());
        fields.put("tyshxydm", person.employerCode());
        fields.put("kcbh", course.id());
        fields.put("kcmc", course.name());
        fields.put("kclb", course.isPublic() ? "1" : "2");
        fields.put("pxlx", "01");
        fields.put("xs", hoursText(course.hours()));
        fields.put("hgsj", completedAt.format(TIME));
        fields.put("zsbh", certificate);
        fields.put("zt", "1");
        fields.put("gxsj", updatedAt.format(TIME));
        if (random.nextInt(100) < 2) {
            ReasonCode reason = BAD_KINDS.get(badSerial++ % BAD_KINDS.size());
            corrupt(fields, reason);
            SimRecord bad = new SimRecord(platform.id(), (String) fields.get("id"), epoch, updatedAt, fields, null, reason,
                    false, false, course.unfiled());
            into.add(bad);
            return bad;
        }
        String truth = "T" + ++completionSerial;
        truthByCompletion.put(person.idNumber() + '|' + course.name() + '|' + completedAt.toLocalDate(), truth);
        SimRecord record = new SimRecord(platform.id(), (String) fields.get("id"), epoch, updatedAt, fields, truth, null,
                false, false, course.unfiled());
        into.add(record);
        if (platform.accountCopyPrefix() != null && random.nextInt(100) < 4) {
            // The copy synced from the person's account on the provincial platform.
            Map<String, Object> copy = new LinkedHashMap<>(fields);
            copy.put("id", nextRecordId(platform, platform.accountCopyPrefix()));
            copy.put("sfzh", person.idNumber());
            LocalDateTime copiedAt = updatedAt.plusMinutes(30 + random.nextInt(90));
            copy.put("gxsj", copiedAt.format(TIME));
            into.add(new SimRecord(platform.id(), (String) copy.get("id"), epoch, copiedAt, copy, truth, null, false, false,
                    course.unfiled()));
        }
        if (shape.secondSourcePercent() > 0 && random.nextInt(100) < shape.secondSourcePercent()) {
            secondSource(person, platform, course, fields, epoch, updatedAt, truth, into);
        }
        return record;
    }

    /**
     * The same completion reported by a second platform as well, under its own record id: a
     * provincial public-course platform or another of the person's city (for a public course),
     * else any other platform that teaches the course.
     */
    private void secondSource(Person person, PlatformSpec first, Course course, Map<String, Object> fields, int epoch,
                              LocalDateTime updatedAt, String truth, List<SimRecord> into) {
        List<PlatformSpec> teaching = platforms.stream()
                .filter(p -> !p.equals(first) && (course.isPublic() || !p.publicOnly())).toList();
        List<PlatformSpec> near = teaching.stream()
                .filter(p -> p.cityCode().equals(person.home().cityCode()) || p.provincial()).toList();
        List<PlatformSpec> candidates = near.isEmpty() ? teaching : near;
        if (candidates.isEmpty()) {
            return;
        }
        PlatformSpec second = candidates.get(random.nextInt(candidates.size()));
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put("id", nextRecordId(second, second.recordPrefix()));
        LocalDateTime reportedAt = updatedAt.plusMinutes(10 + random.nextInt(60 * 24 * 3));
        copy.put("gxsj", reportedAt.format(TIME));
        into.add(new SimRecord(second.id(), (String) copy.get("id"), epoch, reportedAt, copy, truth, null, false, false,
                course.unfiled()));
    }

    private String nextRecordId(PlatformSpec platform, String prefix) {
        int serial = recordSerials.merge(platform.id(), 1, Integer::sum);
        return prefix + String.format("%010d", serial);
    }

    private SimRecord corrected(SimRecord record, LocalDateTime at) {
        Map<String, Object> fields = new LinkedHashMap<>(record.fields());
        int what = random.nextInt(3);
        if (what == 0 && fields.get("zsbh") != null) {
            BigDecimal hours = new BigDecimal(((String) fields.get("xs")).replace("学时", "")).add(BigDecimal.ONE);
            fields.put("xs", hoursText(hours));
        } else if (what == 1) {
            fields.put("xm", name());
        } else {
            // The person moved to another unit of their city: name and code change together.
            String id = ((String) fields.get("sfzh")).strip().toUpperCase();
            Cities.City city = Cities.ALL.get(id.substring(0, 4) + "00");
            String employer = (String) fields.get("dwmc");
            while (employer.equals(fields.get("dwmc"))) {
                employer = String.format(Cities.EMPLOYERS.get(random.nextInt(Cities.EMPLOYERS.size())), city.name());
            }
            fields.put("dwmc", employer);
            fields.put("tyshxydm", employerCode(city, employer));
        }
        fields.put("gxsj", at.format(TIME));
        return new SimRecord(record.sourceId(), record.recordId(), 2, at, fields, record.trueCompletion(), null, true, false,
                record.unfiled());
    }

    /** The platform withdraws a completion (a certificate found void): the same record, zt 0. */
    private SimRecord revoked(SimRecord record, LocalDateTime at) {
        Map<String, Object> fields = new LinkedHashMap<>(record.fields());
        fields.put("zt", "0");
        fields.put("gxsj", at.format(TIME));
        return new SimRecord(record.sourceId(), record.recordId(), 2, at, fields, record.trueCompletion(), null, false, true,
                record.unfiled());
    }

    private void corrupt(Map<String, Object> fields, ReasonCode reason) {
        String id = ((String) fields.get("sfzh")).strip();
        switch (reason) {
            case ID_NUMBER_CHECKSUM -> fields.put("sfzh", id.substring(0, 17) + wrongCheck(id));
            case ID_NUMBER_FULLWIDTH -> fields.put("sfzh", fullWidth(id));
            case ID_NUMBER_FORMAT -> fields.put("sfzh", id.substring(0, 6) + id.substring(8, 17));
            case ID_NUMBER_MISSING -> fields.put("sfzh", "");
            case NAME_MISSING -> fields.put("xm", "");
            case HOURS_NOT_POSITIVE -> fields.put("xs", "0学时");
            case HOURS_UNPARSEABLE -> fields.put("xs", "约两学时");
            case HOURS_TOO_LARGE -> fields.put("xs", "999学时");
            case DATE_IN_FUTURE -> fields.put("hgsj", "2031" + ((String) fields.get("hgsj")).substring(4));
            case DATE_BEFORE_MIN -> fields.put("hgsj", "2013" + ((String) fields.get("hgsj")).substring(4));
            case SUBJECT_UNKNOWN -> fields.put("kclb", "9");
            default -> throw new IllegalArgumentException("no way to make a record bad with " + reason);
        }
    }

    /** About 3 % of platforms' ID numbers come with a lower-case x or stray spaces: still valid. */
    private String sentIdNumber(String id) {
        if (random.nextInt(100) < 3) {
            return id.endsWith("X") ? id.toLowerCase() : " " + id + " ";
        }
        return id;
    }

    private String hoursText(BigDecimal hours) {
        String number = hours.stripTrailingZeros().scale() <= 0 && random.nextBoolean()
                ? hours.setScale(1).toPlainString() : hours.stripTrailingZeros().toPlainString();
        return number + "学时";
    }

    private List<Course> pickCourses(int count, boolean publicOnly) {
        List<Course> eligible = publicOnly ? courses.stream().filter(Course::isPublic).toList() : courses;
        List<Course> picked = new ArrayList<>();
        while (picked.size() < count) {
            Course course = eligible.get(random.nextInt(eligible.size()));
            if (!picked.contains(course)) {
                picked.add(course);
            }
        }
        return picked;
    }

    private String idNumber(Cities.City city) {
        LocalDate birth = LocalDate.of(1965, 1, 1).plusDays(random.nextInt(365 * 36));
        String first17 = city.counties().get(random.nextInt(city.counties().size()))
                + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", random.nextInt(1000));
        return first17 + IdNumber.checkCharacter(first17);
    }

    private String name() {
        StringBuilder name = new StringBuilder().append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        name.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        if (random.nextInt(100) < 60) {
            name.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        }
        return name.toString();
    }

    /**
     * A unit's unified social credit code: public institutions start 12, companies 91; the same
     * unit always gets the same code, derived from its name.
     */
    private static String employerCode(Cities.City city, String employer) {
        SplittableRandom byName = new SplittableRandom(employer.hashCode());
        StringBuilder code = new StringBuilder(employer.endsWith("公司") ? "91" : "12").append(city.code());
        while (code.length() < 17) {
            code.append(EmployerCode.CHARSET.charAt(byName.nextInt(EmployerCode.CHARSET.length())));
        }
        return code.append(EmployerCode.checkCharacter(code.toString())).toString();
    }

    private static char wrongCheck(String id) {
        return IdNumber.checkCharacter(id) == '1' ? '2' : '1';
    }

    private static String fullWidth(String id) {
        StringBuilder wide = new StringBuilder();
        id.chars().forEach(c -> wide.append(Character.isDigit(c) ? (char) (c - '0' + '０') : (char) c));
        return wide.toString();
    }
}
