package cn.shandong.chsync.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a page's own text is in one language. The text is what a person reads of the page's
 * chrome: headings, labels, buttons, table headers, navigation, messages, tooltips and
 * placeholders; not its data (names, courses, platforms' words, IDs, technical detail), which
 * the templates mark {@code translate="no"} and {@link #READABLE_TEXT} leaves out.
 */
final class PageLanguage {

    /**
     * Run in the page: every text node and every placeholder, title and aria-label outside
     * {@code translate="no"}, scripts and styles, hidden ones included (a message shown later is
     * the page's text too), and the document's title.
     */
    static final String READABLE_TEXT = """
            var out = [document.title];
            function data(el) { return el.closest('[translate=no], script, style, noscript') !== null; }
            var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (var n = walker.nextNode(); n; n = walker.nextNode()) {
              if (n.nodeValue.trim() && !data(n.parentElement)) { out.push(n.nodeValue.trim()); }
            }
            document.body.querySelectorAll('[placeholder], [title], [aria-label]').forEach(function (el) {
              if (data(el)) { return; }
              ['placeholder', 'title', 'aria-label'].forEach(function (a) {
                if (el.getAttribute(a)) { out.push(el.getAttribute(a)); }
              });
            });
            return out.join('\\n');
            """;

    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_'’.-]*");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*|.*[0-9_].*");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    /** Names and terms a Chinese page writes as they are: product and format names, the cron of Quartz. */
    static final Set<String> PROPER_NAMES = Set.of("Excel", "Quartz", "cron", "GB/T", "e.g.");

    private PageLanguage() {
    }

    /**
     * The Latin-letter words of a Chinese page's text that are not a code or an acronym (upper
     * case: FETCH_FAILED, API, ID, CSV, XLSX, HTTP), an identifier (with a digit or an
     * underscore, or one of those given: the sources' ids, sdbz) or a proper name: an English
     * word left untranslated.
     */
    static List<String> englishWords(String text, Set<String> identifiers) {
        List<String> words = new ArrayList<>();
        Matcher m = LATIN_WORD.matcher(text);
        while (m.find()) {
            String word = m.group().replaceAll("[.'’-]+$", "");
            if (!word.isEmpty() && !CODE.matcher(word).matches() && !PROPER_NAMES.contains(word)
                    && !identifiers.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    /** The lines of an English page's text that hold a Chinese character. */
    static List<String> chineseLines(String text) {
        return text.lines().filter(line -> HAN.matcher(line).find()).toList();
    }
}
