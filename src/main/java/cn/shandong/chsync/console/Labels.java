package cn.shandong.chsync.console;

import cn.shandong.chsync.compliance.ReportWords;
import cn.shandong.chsync.pull.RunStatus;
import cn.shandong.chsync.pull.RunView;
import cn.shandong.chsync.record.CreditRecord;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Names of the codes the API answers, for the templates ({@code @labels.of(code)}), in the
 * reader's language from the message bundles (i18n/messages*.properties). The code itself stays on
 * the page beside its name: it is what the API and the logs say. A reason code also has guidance:
 * what happened, who must act, what to ask them for and whether a retry can help. Its methods are
 * public because the templates' SpEL calls only public methods.
 */
@Component("labels")
class Labels {

    /** What support staff should do about an item of one reason, in the reader's language. */
    public record Guidance(String name, String what, String who, String ask, String retry, boolean retryHelps,
                           String summary) {
    }

    private final MessageSource messages;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
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

    /** A duration as 1 时 5 分 (1 h 5 min), its largest units only, in the reader's language. */
    public String duration(Object seconds) {
        if (seconds == null) {
            return "";
        }
        long s = seconds instanceof Duration d ? d.toSeconds() : ((Number) seconds).longValue();
        Locale locale = LocaleContextHolder.getLocale();
        if (s < 60) {
            return messages.getMessage("duration.s", new Object[] {s}, locale);
        }
        if (s < 3600) {
            return messages.getMessage("duration.ms", new Object[] {s / 60, s % 60}, locale);
        }
        return messages.getMessage("duration.hm", new Object[] {s / 3600, s % 3600 / 60}, locale);
    }

    /**
     * A count as every page shows one: digits grouped by thousands with a comma (1,234,567), the
     * grouping Chinese and English readers share; blank for none. The one place pages format counts.
     */
    public String count(Object n) {
        if (n == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getIntegerInstance(Locale.ROOT);
        format.setGroupingUsed(true);
        return format.format(n instanceof Number number ? number : Long.parseLong(n.toString()));
    }

    /** What a person's year falls short by (requirement → hours or credits), as the report says it: 公需差 5，专业差 3. */
    public String missing(java.util.Map<String, java.math.BigDecimal> shortfall) {
        return shortfall == null ? "" : new ReportWords(messages, LocaleContextHolder.getLocale()).shortfall(shortfall);
    }

    /** Whether a label is a code the bundles name (else it is data: an employer, a platform's word). */
    public boolean known(Object code) {
        return code != null && messages.getMessage("code." + code, null, null, LocaleContextHolder.getLocale()) != null;
    }

    Labels(MessageSource messages) {
        this.messages = messages;
    }

    /** The name of a code, or the code where it has none. */
    public String of(Object code) {
        if (code == null) {
            return "";
        }
        String text = code.toString();
        return messages.getMessage("code." + text, null, text, LocaleContextHolder.getLocale());
    }

    /** The name of a reason code, or the code where it has none (a reason filed by a newer version). */
    public String reason(Object code) {
        if (code == null) {
            return "";
        }
        String text = code.toString();
        return messages.getMessage("reason." + text, null, text, LocaleContextHolder.getLocale());
    }

    /**
     * What a person reads of how a run ended: the sentence of its code (a reason's name and what
     * happened, or a run's own outcome), in their language; an abandoned run's from its status. The
     * run's message, technical detail with its cursor, is for the run's own page, not here.
     */
    public String runOutcome(RunView run) {
        Locale locale = LocaleContextHolder.getLocale();
        String code = run.reasonCode();
        if (code == null) {
            return RunStatus.ABANDONED.name().equals(run.status()) ? messages.getMessage("run.outcome.ABANDONED", null, "", locale) : "";
        }
        String what = messages.getMessage("reason." + code + ".what", null, null, locale);
        if (what != null) {
            return messages.getMessage("run.outcome.reason", new Object[] {messages.getMessage("reason." + code, null, code, locale),
                    what}, locale);
        }
        return messages.getMessage("run.outcome." + code, null, code, locale);
    }

    /** The guidance for a reason code, or null where the bundles have none. */
    public Guidance guidance(Object code) {
        if (code == null) {
            return null;
        }
        Locale locale = LocaleContextHolder.getLocale();
        String key = "reason." + code;
        String what = messages.getMessage(key + ".what", null, null, locale);
        if (what == null) {
            return null;
        }
        String who = messages.getMessage(key + ".who", null, "OPERATIONS", locale);
        String retry = messages.getMessage(key + ".retry", null, "USELESS", locale);
        String actor = messages.getMessage("actor." + who, null, who, locale);
        String ask = messages.getMessage(key + ".ask", null, "", locale);
        String retryText = messages.getMessage("retry." + retry, null, retry, locale);
        return new Guidance(messages.getMessage(key, null, code.toString(), locale), what, actor, ask, retryText,
                "HELPS".equals(retry), messages.getMessage("reason.summary", new Object[] {what, actor, ask, retryText}, locale));
    }
}
