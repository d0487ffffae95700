package cn.shandong.chsync.mapping;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/** Mapping files write paths as "data.list" or "items[0].name"; Jackson reads JSON Pointers. */
public final class JsonPaths {

    private JsonPaths() {
    }

    public static JsonPointer pointer(String path) {
        String pointer = "/" + path.replace("[", ".").replace("]", "").replace('.', '/');
        return JsonPointer.compile(pointer);
    }

    /**
     * The scalar at {@code pointer} as text; null when absent or JSON null. A number is written
     * plainly whatever its JSON spelling: 2E+1 reads as "20.0", never "2E+1".
     */
    public static String text(JsonNode node, JsonPointer pointer) {
        JsonNode value = node.at(pointer);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
