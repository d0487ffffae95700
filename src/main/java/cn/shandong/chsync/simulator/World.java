package cn.shandong.chsync.simulator;

import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.record.ReasonCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The simulated Binzhou platform's people, employers, courses and study records, generated from
 * a seed alone (never the clock), as versions by epoch: epoch 1 is the platform's first state,
 * epoch 2 adds re-sends, corrections, revocations and new completions on top of it.
 */
final class World {

    static final String SOURCE = "sdbz";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The kinds of bad record the platform sends, each with the reason the service must give. */
    static final List<ReasonCode> BAD_KINDS = List.of(ReasonCode.ID_NUMBER_CHECKSUM, ReasonCode.ID_NUMBER_FULLWIDTH,
            ReasonCode.ID_NUMBER_FORMAT, ReasonCode.ID_NUMBER_MISSING, ReasonCode.NAME_MISSING,
            ReasonCode.HOURS_NOT_POSITIVE, ReasonCode.HOURS_UNPARSEABLE, ReasonCode.HOURS_TOO_LARGE,
            ReasonCode.DATE_IN_FUTURE, ReasonCode.DATE_BEFORE_MIN, ReasonCode.SUBJECT_UNKNOWN);

    private static final String[] COUNTIES = {"371602", "371603", "371621", "371622", "371623", "371625", "371681"};
    private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华建国志红玉兰海燕晓东文波婷雪梅鹏飞宇浩然欣怡子涵俊凯";
    private static final String[] EMPLOYERS = {"滨州市人民医院", "滨州医学院附属医院", "滨州市中心医院", "惠民县人民医院",
            "滨州市第一中学", "惠民县第一中学", "博兴县第二中学", "邹平市实验中学", "滨州市滨城区第三小学", "阳信县职业中专",
            "滨州市农业农村局", "博兴县农业农村局", "无棣县自然资源局", "沾化区水利局", "滨州市建筑设计研究院有限公司",
            "邹平市建筑设计院有限公司", "山东滨化集团股份有限公司", "滨州市公路事业发展中心", "滨州市疾病预防控制中心",
            "滨州职业学院"};
    private static final LocalDateTime EPOCH_2_START = LocalDateTime.of(2026, 1, 5, 8, 0);

    /** A course of the catalogue; unfiled ones are training projects the bureau never registered. */
    record Course(String id, String name, boolean isPublic, BigDecimal hours, boolean unfiled) {
    }

    private record Person(String idNumber, String name, String employer, String employerCode) {
    }

    private final SplittableRandom random;
    private final List<Course> courses = Courses.catalogue();
    private final List<Person> people = new ArrayList<>();
    private final Map<String, String> employerCodes = new LinkedHashMap<>();
    private final List<SimRecord> versions = new ArrayList<>();
    private final Map<String, String> truthByCompletion = new LinkedHashMap<>();
    private int recordSerial;
    private int certificateSerial;
    private int completionSerial;
    private int badSerial;

    World(long seed, int population) {
        this.random = new SplittableRandom(seed);
        for (String employer : EMPLOYERS) {
            employerCodes.put(employer, employerCode());
        }
        Set<String> ids = new HashSet<>();
        while (people.size() < population) {
            String id = idNumber();
            if (ids.add(id)) {
                String employer = EMPLOYERS[random.nextInt(EMPLOYERS.length)];
                people.add(new Person(id, name(), employer, employerCodes.get(employer)));
            }
        }
        List<SimRecord> first = new ArrayList<>();
        for (Person person : people) {
            for (int year = 2023; year <= 2025; year++) {
                for (Course course : pickCourses(3 + random.nextInt(4))) {
                    LocalDateTime at = LocalDateTime.of(year, 1, 10, 8, 0)
                            .plusDays(random.nextInt(340)).plusMinutes(random.nextInt(12 * 60));
                    report(person, course, at, 1, at.plusSeconds(5 + random.nextInt(600)), first);
                }
            }
        }
        versions.addAll(first);
        epochTwo(first);
    }

    List<SimRecord> versions() {
        return versions;
    }

    List<Course> courses() {
        return courses;
    }

    /** The true completion a pushed item reports, or null when it reports none the world knows. */
    String truthOf(String idNumber, String courseName, String completionDate) {
        return truthByCompletion.get(idNumber + '|' + courseName + '|' + completionDate);
    }

    private void epochTwo(List<SimRecord> first) {
        Map<String, Integer> reports = new java.util.HashMap<>();
        first.stream().filter(SimRecord::valid).forEach(r -> reports.merge(r.trueCompletion(), 1, Integer::sum));
        List<SimRecord> second = new ArrayList<>();
        for (SimRecord record : first) {
            int roll = random.nextInt(100);
            LocalDateTime at = EPOCH_2_START.plusMinutes(random.nextInt(60 * 24 * 80));
            if (roll < 5) {
                second.add(record.resent(2, at));
            } else if (roll < 9 && record.valid() && !record.unfiled() && record.recordId().startsWith("BZ")
                    && reports.get(record.trueCompletion()) == 1) {
                second.add(roll < 8 ? corrected(record, at) : revoked(record, at));
            }
        }
        int fresh = first.size() * 8 / 100;
        for (int i = 0; i < fresh; i++) {
            Person person = people.get(random.nextInt(people.size()));
            Course course = pickCourses(1).get(0);
            LocalDateTime at = LocalDateTime.of(2025, 12, 1, 8, 0).plusDays(random.nextInt(30)).plusMinutes(random.nextInt(600));
            report(person, course, at, 2, EPOCH_2_START.plusMinutes(random.nextInt(60 * 24 * 80)), second);
        }
        versions.addAll(second);
    }

    /** One completion as the platform reports it: usually once, sometimes twice, sometimes badly. */
    private void report(Person person, Course course, LocalDateTime completedAt, int epoch, LocalDateTime updatedAt,
                        List<SimRecord> into) {
        String certificate = random.nextInt(100) < 70
                ? "BZ" + completedAt.getYear() + String.format("%08d", ++certificateSerial) : null;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", "BZ" + String.format("%010d", ++recordSerial));
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
            into.add(new SimRecord(SOURCE, (String) fields.get("id"), epoch, updatedAt, fields, null, reason, false, false, course.unfiled()));
            return;
        }
        String truth = "T" + ++completionSerial;
        truthByCompletion.put(person.idNumber() + '|' + course.name() + '|' + completedAt.toLocalDate(), truth);
        into.add(new SimRecord(SOURCE, (String) fields.get("id"), epoch, updatedAt, fields, truth, null, false, false, course.unfiled()));
        if (random.nextInt(100) < 4) {
            // The copy synced from the person's account on the provincial platform.
            Map<String, Object> copy = new LinkedHashMap<>(fields);
            copy.put("id", "SD" + String.format("%010d", recordSerial));
            copy.put("sfzh", person.idNumber());
            LocalDateTime copiedAt = updatedAt.plusMinutes(30 + random.nextInt(90));
            copy.put("gxsj", copiedAt.format(TIME));
            into.add(new SimRecord(SOURCE, (String) copy.get("id"), epoch, copiedAt, copy, truth, null, false, false, course.unfiled()));
        }
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
            String employer = EMPLOYERS[(List.of(EMPLOYERS).indexOf(fields.get("dwmc")) + 1) % EMPLOYERS.length];
            fields.put("dwmc", employer);
            fields.put("tyshxydm", employerCodes.get(employer));
        }
        fields.put("gxsj", at.format(TIME));
        return new SimRecord(SOURCE, record.recordId(), 2, at, fields, record.trueCompletion(), null, true, false, record.unfiled());
    }

    /** The platform withdraws a completion (a certificate found void): the same record, zt 0. */
    private SimRecord revoked(SimRecord record, LocalDateTime at) {
        Map<String, Object> fields = new LinkedHashMap<>(record.fields());
        fields.put("zt", "0");
        fields.put("gxsj", at.format(TIME));
        return new SimRecord(SOURCE, record.recordId(), 2, at, fields, record.trueCompletion(), null, false, true, record.unfiled());
    }

    private void corrupt(Map<String, Object> fields, ReasonCode reason) {
        String id = (String) fields.get("sfzh");
        switch (reason) {
            case ID_NUMBER_CHECKSUM -> fields.put("sfzh", id.strip().substring(0, 17) + wrongCheck(id.strip()));
            case ID_NUMBER_FULLWIDTH -> fields.put("sfzh", fullWidth(id.strip()));
            case ID_NUMBER_FORMAT -> fields.put("sfzh", id.strip().substring(0, 6) + id.strip().substring(8, 17));
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
        int roll = random.nextInt(100);
        if (roll < 3) {
            return id.endsWith("X") ? id.toLowerCase() : " " + id + " ";
        }
        return id;
    }

    private String hoursText(BigDecimal hours) {
        String number = hours.stripTrailingZeros().scale() <= 0 && random.nextBoolean()
                ? hours.setScale(1).toPlainString() : hours.stripTrailingZeros().toPlainString();
        return number + "学时";
    }

    private List<Course> pickCourses(int count) {
        List<Course> picked = new ArrayList<>();
        while (picked.size() < count) {
            Course course = courses.get(random.nextInt(courses.size()));
            if (!picked.contains(course)) {
                picked.add(course);
            }
        }
        return picked;
    }

    private String idNumber() {
        LocalDate birth = LocalDate.of(1965, 1, 1).plusDays(random.nextInt(365 * 36));
        String first17 = COUNTIES[random.nextInt(COUNTIES.length)] + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%03d", random.nextInt(1000));
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

    /** Public institutions' codes start 12, companies' 91; the region is Binzhou's. */
    private String employerCode() {
        StringBuilder code = new StringBuilder(random.nextBoolean() ? "12" : "91").append("371600");
        while (code.length() < 17) {
            code.append(Uscc.CHARSET.charAt(random.nextInt(Uscc.CHARSET.length())));
        }
        return code.append(Uscc.checkCharacter(code.toString())).toString();
    }

    private static char wrongCheck(String id) {
        char right = IdNumber.checkCharacter(id);
        return right == '1' ? '2' : '1';
    }

    private static String fullWidth(String id) {
        StringBuilder wide = new StringBuilder();
        id.chars().forEach(c -> wide.append(Character.isDigit(c) ? (char) (c - '0' + '０') : (char) c));
        return wide.toString();
    }
}
