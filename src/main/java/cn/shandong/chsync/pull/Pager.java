package cn.shandong.chsync.pull;

import cn.shandong.chsync.mapping.JsonPaths;
import cn.shandong.chsync.mapping.MappingDefinition.Paging;
import cn.shandong.chsync.mapping.PageReader;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a platform pages, as a page state kept in the checkpoint: which query parameters ask for
 * the page a state names, where a pass starts, and which state follows a page (none at the end).
 */
public sealed interface Pager {

    /** The first page of a pass that starts at {@code passSince} (null: from the beginning). */
    String first(LocalDateTime passSince);

    /** The paging parameters of the page {@code state} names. */
    Map<String, String> query(String state);

    /** The state after {@code page}, or null when it ends the pass. */
    String next(String state, PageReader.Page page);

    static Pager of(Paging p, Clock clock) {
        return switch (p.type()) {
            case PAGE_NUMBER -> new PageNumber(p.pageParam(), p.sizeParam(), p.size(), p.first() == null ? 1 : p.first());
            case OFFSET_LIMIT -> new OffsetLimit(p.offsetParam(), p.limitParam(), p.size());
            case NEXT_TOKEN -> new NextToken(p.tokenParam(), p.sizeParam(), p.size(), p.tokenPath());
            case DAILY_FILE -> new DailyFile(p.dateParam(), DateTimeFormatter.ofPattern(p.dateFormat()), p.firstDate(), clock);
        };
    }

    /** pageNo=1,2,3…; a short page, or reaching the total the platform gives, ends the pass. */
    record PageNumber(String pageParam, String sizeParam, int size, int firstPage) implements Pager {

        public String first(LocalDateTime passSince) {
            return Integer.toString(firstPage);
        }

        public Map<String, String> query(String state) {
            return params(pageParam, state, sizeParam, Integer.toString(size));
        }

        public String next(String state, PageReader.Page page) {
            int number = Integer.parseInt(state);
            long seen = (long) (number - firstPage + 1) * size;
            boolean last = page.items().size() < size || (page.total() != null && seen >= page.total());
            return last ? null : Integer.toString(number + 1);
        }
    }

    /** offset=0,size,2×size…; ends like page numbers do. */
    record OffsetLimit(String offsetParam, String limitParam, int size) implements Pager {

        public String first(LocalDateTime passSince) {
            return "0";
        }

        public Map<String, String> query(String state) {
            return params(offsetParam, state, limitParam, Integer.toString(size));
        }

        public String next(String state, PageReader.Page page) {
            long offset = Long.parseLong(state) + size;
            boolean last = page.items().size() < size || (page.total() != null && offset >= page.total());
            return last ? null : Long.toString(offset);
        }
    }

    /** The first page has no token; each page names the next, and a page without one is the last. */
    record NextToken(String tokenParam, String sizeParam, int size, String tokenPath) implements Pager {

        static final String START = "start";

        public String first(LocalDateTime passSince) {
            return START;
        }

        public Map<String, String> query(String state) {
            Map<String, String> query = params(sizeParam, Integer.toString(size));
            if (!START.equals(state)) {
                query.put(tokenParam, state);
            }
            return query;
        }

        public String next(String state, PageReader.Page page) {
            String token = page.envelope() == null ? null : JsonPaths.text(page.envelope(), JsonPaths.pointer(tokenPath));
            return token == null || token.isBlank() || token.equals(state) ? null : token;
        }
    }

    /**
     * One file per day: a pass walks from the day of its cursor (or the first date) to today. The
     * last day is fetched again by the next pass, as it may have grown since.
     */
    record DailyFile(String dateParam, DateTimeFormatter format, LocalDate firstDate, Clock clock) implements Pager {

        public String first(LocalDateTime passSince) {
            return (passSince == null ? firstDate : passSince.toLocalDate()).toString();
        }

        public Map<String, String> query(String state) {
            return params(dateParam, LocalDate.parse(state).format(format));
        }

        public String next(String state, PageReader.Page page) {
            LocalDate day = LocalDate.parse(state);
            return day.isBefore(LocalDate.now(clock)) ? day.plusDays(1).toString() : null;
        }
    }

    private static Map<String, String> params(String... nameValue) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValue.length; i += 2) {
            if (nameValue[i] != null) {
                query.put(nameValue[i], nameValue[i + 1]);
            }
        }
        return query;
    }
}
