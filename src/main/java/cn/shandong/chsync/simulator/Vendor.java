package cn.shandong.chsync.simulator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The vendors behind the simulated platforms and how each writes a study record. The world keeps
 * every record in yxlearning's shape; a vendor renders it in its own when a page is served. Bad
 * values stay bad in every shape: "约两学时" becomes "约两", a 2031 date stays in 2031.
 */
enum Vendor {

    /** *.yxlearning.com: JSON pages by page number, pinyin field names, "6.0学时". */
    YXLEARNING {
        @Override
        Map<String, Object> render(Map<String, Object> r) {
            return r;
        }
    },

    /** 专技知到: JSON by offset and limit, English field names, ISO times, hours as a bare number. */
    ZHIDAO {
        @Override
        Map<String, Object> render(Map<String, Object> r) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("recordNo", r.get("id"));
            out.put("identityNo", r.get("sfzh"));
            out.put("fullName", r.get("xm"));
            out.put("workUnit", r.get("dwmc"));
            out.put("unitCode", r.get("tyshxydm"));
            out.put("courseCode", r.get("kcbh"));
            out.put("courseName", r.get("kcmc"));
            out.put("category", code(r.get("kclb"), "public", "professional", "elective"));
            out.put("period", hours(r));
            out.put("finishDate", date(r).toString());
            out.put("certificateCode", r.get("zsbh"));
            out.put("status", "0".equals(r.get("zt")) ? "withdrawn" : "normal");
            out.put("updateTime", time(r, "gxsj").format(ISO_SECONDS));
            return out;
        }
    },

    /** 111net (烟台大学): XML by page number, "2024年5月12日", 公需科目 / 专业科目, 有效 / 撤销. */
    NET111 {
        @Override
        Map<String, Object> render(Map<String, Object> r) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("jlbh", r.get("id"));
            out.put("sfzhm", r.get("sfzh"));
            out.put("xm", r.get("xm"));
            out.put("gzdw", r.get("dwmc"));
            out.put("dwdm", r.get("tyshxydm"));
            out.put("kcdm", r.get("kcbh"));
            out.put("kcmc", r.get("kcmc"));
            out.put("kclx", code(r.get("kclb"), "公需科目", "专业科目", "选修课"));
            out.put("xs", hours(r));
            out.put("hgrq", date(r).format(DateTimeFormatter.ofPattern("yyyy年M月d日")));
            out.put("zsbh", r.get("zsbh"));
            out.put("zt", "0".equals(r.get("zt")) ? "撤销" : "有效");
            out.put("gxsj", r.get("gxsj"));
            return out;
        }
    },

    /**
     * tyjrp (烟台人力资源发展促进会): JSON behind a login token, paged by an opaque next cursor,
     * times in epoch milliseconds, hours as a number, GX / ZY codes.
     */
    TYJRP {
        @Override
        Map<String, Object> render(Map<String, Object> r) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("recordId", r.get("id"));
            out.put("idCard", r.get("sfzh"));
            out.put("realName", r.get("xm"));
            out.put("orgName", r.get("dwmc"));
            out.put("orgCode", r.get("tyshxydm"));
            out.put("courseCode", r.get("kcbh"));
            out.put("courseTitle", r.get("kcmc"));
            out.put("category", code(r.get("kclb"), "GX", "ZY", "XX"));
            String hours = hours(r);
            out.put("creditHours", hours.matches("-?\\d+(\\.\\d+)?") ? new java.math.BigDecimal(hours) : hours);
            out.put("passTime", millis(time(r, "hgsj")));
            out.put("certNo", r.get("zsbh"));
            out.put("status", "0".equals(r.get("zt")) ? 0 : 1);
            out.put("modifyTime", millis(time(r, "gxsj")));
            return out;
        }
    },

    /** huaxuedu (烟台工程职业技术学院): a GBK CSV file per day of updates, Chinese headers, 2024/05/12. */
    HUAXUEDU {
        @Override
        Map<String, Object> render(Map<String, Object> r) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("记录编号", r.get("id"));
            out.put("身份证号", r.get("sfzh"));
            out.put("姓名", r.get("xm"));
            out.put("工作单位", r.get("dwmc"));
            out.put("单位代码", r.get("tyshxydm"));
            out.put("课程编号", r.get("kcbh"));
            out.put("课程名称", r.get("kcmc"));
            out.put("科目类别", code(r.get("kclb"), "公需", "专业", "其他"));
            out.put("学时", hours(r));
            out.put("合格日期", date(r).format(DateTimeFormatter.ofPattern("yyyy/MM/dd")));
            out.put("证书编号", r.get("zsbh"));
            out.put("状态", "0".equals(r.get("zt")) ? "撤销" : "正常");
            out.put("更新时间", time(r, "gxsj").format(DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss")));
            return out;
        }
    };

    /** ISO date-time always with seconds (LocalDateTime.toString drops ":00"). */
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    abstract Map<String, Object> render(Map<String, Object> record);

    private static String code(Object kclb, String publicCode, String professionalCode, String otherCode) {
        return "1".equals(kclb) ? publicCode : "2".equals(kclb) ? professionalCode : otherCode;
    }

    private static String hours(Map<String, Object> r) {
        return ((String) r.get("xs")).replace("学时", "");
    }

    static long millis(LocalDateTime time) {
        return time.atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli();
    }

    private static LocalDate date(Map<String, Object> r) {
        return time(r, "hgsj").toLocalDate();
    }

    private static LocalDateTime time(Map<String, Object> r, String field) {
        return LocalDateTime.parse((String) r.get(field), Population.TIME);
    }
}
