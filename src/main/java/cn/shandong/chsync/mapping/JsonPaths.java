package cn.shandong.chsync.mapping;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Mapping files write paths into a record or a page; Jackson reads JSON Pointers. The syntax:
 * <ul>
 * <li>{@code data.list}: keys separated by dots;</li>
 * <li>{@code items[0].name}: an array element by its index;</li>
 * <li>{@code ['a.b']} or {@code ["first name"]}: a key quoted, as it must be where it holds a dot,
 * a bracket or a quote of the other kind ({@code meta['x.y'].z}); a key with spaces may also be
 * written as it is ({@code Course Name});</li>
 * <li>{@code course#text}, at the end only: the text of an XML element beside its attributes
 * ({@code <course code="C-X1">数字经济</course>}: {@code course#text} is 数字经济, {@code course.code}
 * C-X1); where the element has no attributes its text is the element itself, and #text reads that.</li>
 * </ul>
 * CSV rows are records keyed by their header's names, so a column is a path of one key.
 */
public final class JsonPaths {

    /** The suffix that names an XML element's text beside its attributes. */
    public static final String TEXT = "#text";

    private JsonPaths() {
    }

    /** The pointer {@code path} names; IllegalArgumentException, saying why, where it is not a path. */
    public static JsonPointer pointer(String path) {
        StringBuilder pointer = new StringBuilder();
        boolean text = path.endsWith(TEXT);
        String rest = text ? path.substring(0, path.length() - TEXT.length()) : path;
        int i = 0;
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (c == '.' && i > 0) {
                i++;
                c = i < rest.length() ? rest.charAt(i) : 0;
                if (c == 0 || c == '.' || c == '[') {
                    throw new IllegalArgumentException("'" + path + "': a dot must be followed by a key");
                }
            }
            if (c == '[') {
                int close;
                if (i + 1 < rest.length() && (rest.charAt(i + 1) == '\'' || rest.charAt(i + 1) == '"')) {
                    char quote = rest.charAt(i + 1);
                    int end = rest.indexOf(quote, i + 2);
                    if (end < 0 || end + 1 >= rest.length() || rest.charAt(end + 1) != ']') {
                        throw new IllegalArgumentException("'" + path + "': a quoted key is written ['key'] or [\"key\"]");
                    }
                    segment(pointer, rest.substring(i + 2, end));
                    close = end + 1;
                } else {
                    close = rest.indexOf(']', i);
                    String index = close < 0 ? "" : rest.substring(i + 1, close);
                    if (!index.matches("\\d+")) {
                        throw new IllegalArgumentException("'" + path + "': [" + index + "] is neither an index nor a quoted key");
                    }
                    pointer.append('/').append(Integer.parseInt(index));
                }
                i = close + 1;
            } else {
                int end = i;
                while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
                    end++;
                }
                if (end == i) {
                    throw new IllegalArgumentException("'" + path + "': an empty key");
                }
                segment(pointer, rest.substring(i, end));
                i = end;
            }
        }
        if (pointer.isEmpty()) {
            throw new IllegalArgumentException("'" + path + "': no key");
        }
        if (text) {
            // XmlMapper keeps an element's text beside its attributes under the empty key
            pointer.append('/');
        }
        return JsonPointer.compile(pointer.toString());
    }

    private static void segment(StringBuilder pointer, String key) {
        pointer.append('/').append(key.replace("~", "~0").replace("/", "~1"));
    }

    /**
     * The scalar at {@code pointer} as text; null when absent or JSON null. A number is written
     * plainly whatever its JSON spelling: 2E+1 reads as "20.0", never "2E+1".
     */
    public static String text(JsonNode node, JsonPointer pointer) {
        JsonNode value = node.at(pointer);
        if (value.isMissingNode() && isText(pointer)) {
            // course#text of an element without attributes: XML gave its text as the element itself
            JsonNode element = node.at(pointer.head());
            value = element.isValueNode() ? element : value;
        }
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static boolean isText(JsonPointer pointer) {
        JsonPointer last = pointer.last();
        return last != null && last.getMatchingProperty().isEmpty() && pointer.head() != null;
    }
}
