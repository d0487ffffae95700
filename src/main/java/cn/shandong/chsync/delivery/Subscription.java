package cn.shandong.chsync.delivery;

import cn.shandong.chsync.security.Role;
import java.time.Instant;

/**
 * Who receives which city's report, how, and with what sight of ID numbers: the report's ID
 * numbers are in clear only when asked for and the subscription's role may see them.
 */
public record Subscription(long id, String cityCode, Report report, Channel channel, String recipient, Role role,
                    boolean clearIdNumbers, String language, String createdBy, Instant createdAt) {

    /** COMPLIANCE: the year's 达标 report of the city; STATEMENT: the month's daily statements (对账) of its platforms. */
    public enum Report { COMPLIANCE, STATEMENT }

    /** ATTACHMENT: the workbook in the mail; LINK: a signed download link that expires. */
    public enum Channel { ATTACHMENT, LINK }

    /** The language the mail and the workbook are written in: English when asked for, else Simplified Chinese. */
    java.util.Locale locale() {
        return "en".equals(language) ? java.util.Locale.ENGLISH : java.util.Locale.SIMPLIFIED_CHINESE;
    }

    /** Whether the workbook masks ID numbers (first 6 + last 4). */
    boolean masked() {
        return !(clearIdNumbers && role.seesClearIdNumbers());
    }
}
