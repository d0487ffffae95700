package cn.shandong.chsync.console;

import cn.shandong.chsync.RequestRefused;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import org.springframework.http.HttpStatus;

/**
 * A day typed into a console form as yyyy-MM-dd. The field is plain text, not a browser's date
 * picker, whose format follows the browser's language (mm/dd/yyyy in an American one); so the
 * server reads it, strictly (no 2026-02-30), and refuses anything else with a sentence saying the
 * format (error.BAD_DATE), leaving what was typed in the field to be corrected.
 */
final class DayField {

    /** The pattern the form's field asks the browser to check too (its pattern attribute). */
    static final String PATTERN = "\\d{4}-\\d{2}-\\d{2}";
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private DayField() {
    }

    /** The day typed, null for a blank field; a RequestRefused BAD_DATE for anything else. */
    static LocalDate read(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String text = typed.strip();
        try {
            return LocalDate.parse(text, FORMAT);
        } catch (DateTimeParseException e) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, "BAD_DATE", "not a day as yyyy-MM-dd: " + text, text);
        }
    }
}
