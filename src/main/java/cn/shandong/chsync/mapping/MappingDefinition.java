package cn.shandong.chsync.mapping;

import cn.shandong.chsync.record.Unit;
import java.time.Duration;
import java.util.Map;

/**
 * One platform, as its mapping file in mappings/ declares it: where to fetch, how pages and the
 * cursor work, and how each canonical field is read from the platform's records. Strings of the
 * request may hold ${...} placeholders (secrets, base URLs); they are resolved when a request is
 * made, so an environment variable can change them without touching the file.
 */
public record MappingDefinition(
        String id,
        String name,
        String cityCode,
        String vendor,
        String schedule,
        Request request,
        Response response,
        Map<String, FieldSpec> fields,
        Limits limits) {

    /**
     * What one run of this platform may take at most, where it differs from sync.pull.run-limits
     * (a platform that serves a million records a day needs more pages): unset keys keep those.
     */
    public record Limits(Integer maxPages, Integer maxRecords, Duration maxDuration) {
    }

    public record Request(String baseUrl, String path, Map<String, String> headers, Auth auth, Paging paging,
                          Cursor cursor) {
    }

    /**
     * A platform that wants a token: POST {@code body} (secrets as ${...}) as JSON to
     * {@code path} under the base URL, read the token at {@code tokenPath} and its lifetime in
     * seconds at {@code expiresInPath}, send it as {@code header} with {@code prefix}. A platform
     * with an API key needs no auth block: the key is one of its headers.
     */
    public record Auth(AuthType type, String path, Map<String, String> body, String tokenPath, String expiresInPath,
                       String header, String prefix) {
    }

    public enum AuthType {
        LOGIN
    }

    /**
     * How a platform pages: by page number and size, by offset and limit, by a token each page
     * gives for the next, or one file per day. Only the keys of its kind are used.
     */
    public record Paging(PagingType type, String pageParam, String sizeParam, Integer size, Integer first,
                         String offsetParam, String limitParam, String tokenParam, String tokenPath,
                         String dateParam, String dateFormat, java.time.LocalDate firstDate) {
    }

    public enum PagingType {
        PAGE_NUMBER, OFFSET_LIMIT, NEXT_TOKEN, DAILY_FILE
    }

    /**
     * The updated-since cursor: the query parameter it is sent as (none for daily files, whose
     * date is the cursor), the record field the high-water mark is read from, its format, and how
     * far back each new pass starts so that a record updated while the previous pass ran is not
     * missed.
     */
    public record Cursor(String param, String field, String format, Duration lookback) {
    }

    /**
     * How a page reads: its format; for JSON and XML the path of the record list, of the total
     * and of the success flag; for CSV the charset (GBK exports are common) and the delimiter,
     * the header row naming the fields.
     */
    public record Response(Format format, String items, String total, Success success, String message,
                           String charset, String delimiter) {
    }

    public enum Format {
        JSON, CSV, XML
    }

    /** A page is good when the value at {@code path} equals {@code equals}. */
    public record Success(String path, String equals) {
    }

    /**
     * How one canonical field is read: a path into the record, or a constant; a code table for
     * coded fields; a default when the platform leaves it empty; a date format; the unit an
     * amount is in when its text does not say.
     */
    public record FieldSpec(
            String path,
            String constant,
            Map<String, String> codes,
            String defaultValue,
            String format,
            Unit unit) {
    }
}
