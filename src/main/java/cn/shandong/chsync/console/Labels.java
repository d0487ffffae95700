package cn.shandong.chsync.console;

import cn.shandong.chsync.record.CreditRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Chinese names of the codes the API answers, for the templates ({@code @labels.of(code)}). The
 * code itself stays on the page beside its name: it is what the API, the logs and the README say.
 * Reason codes are not translated: support staff look them up in the README by code. Its
 * methods are public because the templates' SpEL calls only public methods.
 */
@Component("labels")
class Labels {

    private static final Map<String, String> NAMES = Map.ofEntries(
            // runs
            Map.entry("RUNNING", "运行中"), Map.entry("SUCCEEDED", "成功"), Map.entry("FAILED", "失败"),
            Map.entry("ABANDONED", "已中断"),
            Map.entry("SCHEDULE", "定时"), Map.entry("MANUAL", "手动"), Map.entry("FULL", "全量"),
            Map.entry("STARTUP", "启动"), Map.entry("RETRY", "重试"), Map.entry("RESOLVE", "标记已解决"),
            Map.entry("IGNORE", "忽略"), Map.entry("TAKEOVER", "接管"),
            // reconciliation
            Map.entry("OPEN", "待处理"), Map.entry("RETRYING", "重试中"), Map.entry("RESOLVED", "已解决"),
            Map.entry("IGNORED", "已忽略"),
            Map.entry("FETCH", "拉取"), Map.entry("PARSE", "解析"), Map.entry("MAP", "映射"), Map.entry("VALIDATE", "校验"),
            Map.entry("PUSH", "推送"), Map.entry("TALLY", "对账"),
            // outbox, daily statement
            Map.entry("PENDING", "待推送"), Map.entry("DONE", "已接收"), Map.entry("REJECTED", "被拒"),
            Map.entry("SUPERSEDED", "已被新版本取代"), Map.entry("ACCEPTED", "已接收"), Map.entry("DUPLICATE", "重复"),
            Map.entry("MATCHED", "一致"), Map.entry("MISMATCH", "不一致"),
            // alerts
            Map.entry("STALE", "数据陈旧"), Map.entry("LOW_VOLUME", "数据量偏低"),
            // records
            Map.entry("ACTIVE", "有效"), Map.entry("REVOKED", "已撤销"), Map.entry("PUBLIC", "公需科目"),
            Map.entry("PROFESSIONAL", "专业科目"));

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(CreditRecord.ZONE);

    /**
     * A moment as Shandong's clock shows it (the API answers UTC). An action's time comes as the
     * driver reads the column: a Timestamp (H2) or the JVM zone's wall time (MySQL's driver).
     */
    public String time(Object at) {
        Instant instant = null;
        if (at instanceof Instant i) {
            instant = i;
        } else if (at instanceof java.sql.Timestamp t) {
            instant = t.toInstant();
        } else if (at instanceof java.time.LocalDateTime t) {
            instant = t.atZone(java.time.ZoneId.systemDefault()).toInstant();
        } else if (at instanceof java.time.OffsetDateTime t) {
            instant = t.toInstant();
        }
        return instant == null ? (at == null ? "" : at.toString()) : TIME.format(instant);
    }

    /** A duration as 1 时 5 分 3 秒, its largest units only. */
    public String duration(Object seconds) {
        if (seconds == null) {
            return "";
        }
        long s = seconds instanceof Duration d ? d.toSeconds() : ((Number) seconds).longValue();
        if (s < 60) {
            return s + " 秒";
        }
        if (s < 3600) {
            return s / 60 + " 分 " + s % 60 + " 秒";
        }
        return s / 3600 + " 时 " + s % 3600 / 60 + " 分";
    }

    /** The Chinese name of a code, or the code where it has none. */
    public String of(Object code) {
        if (code == null) {
            return "";
        }
        String text = code.toString();
        return NAMES.getOrDefault(text, text);
    }
}
