package cn.shandong.chsync.simulator;

import cn.shandong.chsync.simulator.Population.Course;
import java.math.BigDecimal;
import java.util.List;

/** The course catalogue: public topics from the provincial notices, professional courses by field. */
final class Courses {

    private Courses() {
    }

    static List<Course> catalogue() {
        return List.of(
                pub("GX2024-001", "习近平新时代中国特色社会主义思想", "12"),
                pub("GX2024-002", "黄河流域生态保护和高质量发展", "6"),
                pub("GX2024-003", "绿色低碳高质量发展", "6"),
                pub("GX2024-004", "专业技术人员职业道德和能力建设", "8"),
                pub("GX2024-005", "数字技术与数字经济", "6"),
                pub("GX2024-006", "知识产权保护与运用", "4"),
                pub("GX2024-007", "网络安全", "4"),
                pub("GX2024-008", "应急管理", "3"),
                pub("GX2024-009", "医养健康", "2.5"),
                pub("GX2024-010", "人才国际化", "2"),
                pub("GX2024-011", "科学精神培育", "3"),
                pub("GX2024-012", "团队合作建设", "2"),
                pub("GX2024-013", "人文素养", "2"),
                pub("GX2024-014", "人工智能素养提升", "6"),
                pro("ZY2024-101", "临床医学新进展", "20", false),
                pro("ZY2024-102", "基层常见病诊疗规范", "12", false),
                pro("ZY2024-103", "中小学教师信息技术应用能力提升", "30", false),
                pro("ZY2024-104", "新课标下的课堂教学设计", "16", false),
                pro("ZY2024-105", "建筑工程质量安全管理", "24", false),
                pro("ZY2024-106", "装配式建筑技术", "12", false),
                pro("ZY2024-107", "现代农业技术推广", "18", false),
                pro("ZY2024-108", "高标准农田建设", "10", false),
                pro("ZY2024-109", "化工过程安全管理", "16", false),
                pro("ZY2024-110", "公路养护新技术", "8", false),
                pro("ZY2024-111", "疾病预防控制实务", "14", false),
                pro("ZY2024-112", "数字技术工程师培育", "40", false),
                // Run by an organiser that never filed it with the bureau: 未备案, not registrable.
                pro("ZY2024-199", "新技术应用专题研修班", "16", true));
    }

    private static Course pub(String id, String name, String hours) {
        return new Course(id, name, true, new BigDecimal(hours), false);
    }

    private static Course pro(String id, String name, String hours, boolean unfiled) {
        return new Course(id, name, false, new BigDecimal(hours), unfiled);
    }
}
