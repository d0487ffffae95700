package cn.shandong.chsync.compliance;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;

/**
 * The words of a compliance report (its sheets' names, its headers, met or not, the basis of a
 * person's city, what falls short) in the language of the request that asked for it. Taken with
 * the request's locale, not read from the thread: the workbook is written after the controller
 * returns, on another thread, where the request's language is not known.
 */
public record ReportWords(MessageSource messages, Locale locale) {

    static final List<String> HEADERS = List.of("idNumber", "name", "employer", "employerCode", "publicHours",
            "professionalHours", "totalHours", "credits", "met", "missing", "pendingHours", "metWithPending", "cityBasis");
    static final List<String> SUMMARY_HEADERS = List.of("employer", "employerCode", "people", "metPeople", "rate");

    String word(String key, Object... args) {
        return messages.getMessage("report." + key, args, locale);
    }

    String[] headers() {
        return HEADERS.stream().map(h -> word("header." + h)).toArray(String[]::new);
    }

    String[] summaryHeaders() {
        return SUMMARY_HEADERS.stream().map(h -> word("header." + h)).toArray(String[]::new);
    }

    String met(boolean met) {
        return word(met ? "met" : "notMet");
    }

    String basis(PersonCity.Basis basis) {
        return messages.getMessage("code.BASIS_" + basis.name(), null, locale);
    }

    /**
     * What falls short, in the order the rules judged it, as the console says it too (shortfall.*
     * in the bundles): 总学时差60；专业差60.
     */
    public String shortfall(Map<String, BigDecimal> missing) {
        return missing.entrySet().stream()
                .map(e -> messages.getMessage("shortfall." + e.getKey(), new Object[] {e.getValue().stripTrailingZeros().toPlainString()},
                        e.getKey() + " " + e.getValue().toPlainString(), locale))
                .collect(Collectors.joining(messages.getMessage("shortfall.separator", null, locale)));
    }
}
