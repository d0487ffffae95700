package cn.shandong.chsync.api;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;

/**
 * The service's CSV exports, row by row, written by jackson-dataformat-csv (quoting, doubled
 * quotes, line breaks in cells), CRLF between rows as spreadsheets expect. A text cell that a
 * spreadsheet would take for a formula (a leading =, +, -, @, tab or carriage return) is defused
 * with a leading apostrophe: a platform controls names, employers and course names, and an
 * export opened in Excel must not run what a platform wrote. Numbers are written as numbers.
 */
public final class CsvRows implements AutoCloseable {

    private final CsvGenerator csv;

    private CsvRows(CsvGenerator csv) {
        this.csv = csv;
    }

    /** Rows into {@code out}; closing them flushes {@code out} and leaves it open. */
    public static CsvRows to(Writer out) throws IOException {
        CsvFactory factory = new CsvFactory();
        factory.disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // quoted only where a cell needs it (separator, quote, line break), as before: not every space
        factory.enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);
        CsvGenerator generator = factory.createGenerator(out);
        generator.setSchema(CsvSchema.emptySchema().withLineSeparator("\r\n").withoutHeader());
        return new CsvRows(generator);
    }

    /** One row: a String as text (defused), a Number as written, null as empty. */
    public void row(Object... cells) throws IOException {
        csv.writeStartArray();
        for (Object cell : cells) {
            if (cell == null) {
                csv.writeString("");
            } else if (cell instanceof BigDecimal number) {
                csv.writeNumber(number.stripTrailingZeros().toPlainString());
            } else if (cell instanceof Number number) {
                csv.writeNumber(number.toString());
            } else {
                csv.writeString(defused(cell.toString()));
            }
        }
        csv.writeEndArray();
    }

    /** The text, with an apostrophe before a leading character that makes a spreadsheet read a formula. */
    public static String defused(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
