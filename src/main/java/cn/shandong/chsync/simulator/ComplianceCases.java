package cn.shandong.chsync.simulator;

import cn.shandong.chsync.record.EmployerCode;
import cn.shandong.chsync.record.IdNumber;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * People whose records have the shapes the notices' special rules are about (issue 29), added to
 * the world only when sync.simulators.compliance-cases is on, after everything the seed makes: a
 * world without them is record for record the one the other suites count. Each person is named
 * by what they show; their ID numbers (born in January 1960, before any generated person) and records are
 * fixed, so a test reads the answers the notices give. Public for the end-to-end suites, which
 * look the case people up.
 */
public final class ComplianceCases {

    /** A case person: the ID number, name, and employer with its GB 32100 code (of the person's city). */
    public record Person(String idNumber, String name, String employer, String employerCode) {
    }

    /** A Weihai employee studying on a Yantai base (鲁东大学, sdld): Weihai's 30 September 2019 public closing applies. */
    public static final Person WEIHAI_ON_YANTAI = person("37100219600101011", "威海甲", "威海市立医院", "371000");
    /** Weihai 2019: 4,000 学习强国 points, a 2016 make-up in time and a 2017 make-up too late; 2016-2017 a 评审 term. */
    public static final Person WEIHAI_POINTS = person("37100219600102021", "威海乙", "威海市第一中学", "371000");
    /** Weihai 2019: the employer's batch declaration of the 学习强国 conversion, 5 学时. */
    public static final Person WEIHAI_BATCH = person("37100219600103031", "威海丙", "威海职业学院", "371000");
    /** Weifang 2026: AI literacy sent as public. */
    public static final Person WEIFANG_AI = person("37070219600104041", "潍坊甲", "潍坊市人民医院", "370700");
    /** Yantai 2025: 20 professional hours arrive in epoch 2, after the year's first sync. */
    public static final Person YANTAI_PENDING = person("37060219600105051", "烟台甲", "烟台市中心医院", "370600");
    /** Yantai 2023-2024: a title application whose last professional course is after the submission. */
    public static final Person YANTAI_APPLICANT = person("37060219600106061", "烟台乙", "烟台职业学院", "370600");
    /** Yantai 2024: self-study sent as public and a publication, both registered as 专业科目. */
    public static final Person YANTAI_KINDS = person("37060219600107071", "烟台丙", "烟台市农业科学研究院", "370600");

    /** Studies on a Yantai base and sends no employer code: a bureau may set whose rules apply. */
    public static final Person NO_EMPLOYER_CODE = new Person(withCheck("37060219600108081"), "无码甲", "个体执业", null);

    public static final List<Person> ALL = List.of(WEIHAI_ON_YANTAI, WEIHAI_POINTS, WEIHAI_BATCH, WEIFANG_AI, YANTAI_PENDING,
            YANTAI_APPLICANT, YANTAI_KINDS, NO_EMPLOYER_CODE);

    /** When the epoch-2 completion of YANTAI_PENDING reaches its platform: after everything sdld showed in epoch 1. */
    private final LocalDateTime epochTwoUpdate;
    private final List<SimRecord> records = new ArrayList<>();
    private final Map<String, String> truths = new LinkedHashMap<>();
    private int serial;

    /** The records, and the true completion of each (key: ID number|course|date, as the world keeps them). */
    static ComplianceCases make(LocalDateTime epochTwoUpdate) {
        ComplianceCases c = new ComplianceCases(epochTwoUpdate);
        c.add("sdld", WEIHAI_ON_YANTAI, "公需课·乡村振兴与精准扶贫", "1", "01", "30学时", "2019-10-08", 1);
        c.add("sdld", WEIHAI_ON_YANTAI, "专业课·医疗质量管理", "2", "01", "60学时", "2019-05-01", 1);

        c.add("sdwh", WEIHAI_POINTS, "学习强国积分", "1", "03", "4000积分", "2019-06-01", 1);
        c.add("sdwh", WEIHAI_POINTS, "公需课·习近平新时代中国特色社会主义思想", "1", "01", "25学时", "2019-06-10", 1);
        c.add("sdwh", WEIHAI_POINTS, "专业课·课堂教学设计", "2", "01", "60学时", "2019-07-01", 1);
        c.add("sdwh", WEIHAI_POINTS, "2016年度公需科目补学：专业技术人员职业道德修养", "1", "01", "20学时", "2019-08-20", 1);
        c.add("sdwh", WEIHAI_POINTS, "2017年度公需科目补学：乡村振兴", "1", "01", "10学时", "2019-10-08", 1);
        c.add("sdwh", WEIHAI_POINTS, "专业课·学科教学", "2", "01", "11学分", "2016-06-01", 1);
        c.add("sdwh", WEIHAI_POINTS, "专业课·教育科研", "2", "01", "25学分", "2017-06-01", 1);

        c.add("sdwh", WEIHAI_BATCH, "学习强国积分折算", "1", "03", "5学时", "2019-09-20", 1);
        c.add("sdwh", WEIHAI_BATCH, "公需课·专业技术人员职业道德修养", "1", "01", "25学时", "2019-05-10", 1);
        c.add("sdwh", WEIHAI_BATCH, "专业课·职业教育改革", "2", "01", "60学时", "2019-06-10", 1);

        c.add("wfjd", WEIFANG_AI, "人工智能通识（大模型应用）", "1", "01", "20学时", "2026-03-10", 1);
        c.add("wfjd", WEIFANG_AI, "公需课·职业道德养成", "1", "01", "10学时", "2026-03-20", 1);
        c.add("wfjd", WEIFANG_AI, "专业课·临床护理新进展", "2", "01", "60学时", "2026-04-10", 1);

        c.add("sdld", YANTAI_PENDING, "公需课·绿色低碳高质量发展", "1", "01", "30学时", "2025-03-01", 1);
        c.add("sdld", YANTAI_PENDING, "专业课·急诊医学", "2", "01", "40学时", "2025-05-01", 1);
        c.add("sdld", YANTAI_PENDING, "专业课·重症医学", "2", "01", "20学时", "2025-12-10", 2);

        c.add("sdld", YANTAI_APPLICANT, "公需课·知识产权", "1", "01", "30学时", "2023-03-01", 1);
        c.add("sdld", YANTAI_APPLICANT, "专业课·智能制造", "2", "01", "60学时", "2023-04-01", 1);
        c.add("sdld", YANTAI_APPLICANT, "公需课·网络安全", "1", "01", "30学时", "2024-03-01", 1);
        c.add("sdld", YANTAI_APPLICANT, "专业课·工业互联网", "2", "01", "60学时", "2024-05-20", 1);

        c.add("sdld", YANTAI_KINDS, "公需课·数字技术", "1", "01", "30学时", "2024-03-01", 1);
        c.add("sdld", YANTAI_KINDS, "自学·果树栽培技术规范", "1", "02", "20学时", "2024-04-01", 1);
        c.add("sdld", YANTAI_KINDS, "论文《苹果矮化密植》", "2", "05", "40学时", "2024-06-01", 1);

        c.add("sdld", NO_EMPLOYER_CODE, "公需课·应急管理", "1", "01", "30学时", "2019-10-08", 1);
        c.add("sdld", NO_EMPLOYER_CODE, "专业课·财务管理", "2", "01", "60学时", "2019-05-01", 1);
        return c;
    }

    private ComplianceCases(LocalDateTime epochTwoUpdate) {
        this.epochTwoUpdate = epochTwoUpdate;
    }

    List<SimRecord> records() {
        return records;
    }

    Map<String, String> truths() {
        return truths;
    }

    private void add(String platform, Person person, String course, String subject, String kind, String amount, String date,
                     int epoch) {
        LocalDateTime completed = LocalDate.parse(date).atTime(10, 0);
        LocalDateTime updated = epoch == 2 ? epochTwoUpdate : completed.plusHours(1);
        String id = "C" + platform.toUpperCase() + String.format("%08d", ++serial);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("sfzh", person.idNumber());
        fields.put("xm", person.name());
        fields.put("dwmc", person.employer());
        fields.put("tyshxydm", person.employerCode());
        fields.put("kcbh", "CASE" + serial);
        fields.put("kcmc", course);
        fields.put("kclb", subject);
        fields.put("pxlx", kind);
        fields.put("xs", amount);
        fields.put("hgsj", completed.format(Population.TIME));
        fields.put("zsbh", null);
        fields.put("zt", "1");
        fields.put("gxsj", updated.format(Population.TIME));
        String truth = "C" + serial;
        truths.put(person.idNumber() + '|' + course + '|' + completed.toLocalDate(), truth);
        records.add(new SimRecord(platform, id, epoch, updated, fields, truth, null, false, false, false));
    }

    private static Person person(String first17, String name, String employer, String cityCode) {
        // the employer's code carries its city's division in characters 3-8, as GB 32100 codes do
        StringBuilder code = new StringBuilder("12").append(cityCode).append("MB0").append(first17, 12, 15);
        while (code.length() < 17) {
            code.append('0');
        }
        return new Person(withCheck(first17), name, employer, code.append(EmployerCode.checkCharacter(code.toString())).toString());
    }

    private static String withCheck(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }
}
