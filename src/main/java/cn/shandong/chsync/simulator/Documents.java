package cn.shandong.chsync.simulator;

import java.util.List;
import java.util.Map;

/** Pages written as XML and CSV text, the way the vendors that use them write them. */
final class Documents {

    private Documents() {
    }

    static String xml(int total, List<Map<String, Object>> records) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response><head><code>0</code>"
                + "<msg>操作成功</msg></head><body><total>").append(total).append("</total><records>");
        for (Map<String, Object> record : records) {
            xml.append("<record>");
            record.forEach((name, value) -> {
                if (value == null) {
                    xml.append('<').append(name).append("/>");
                } else {
                    xml.append('<').append(name).append('>').append(escape(value.toString())).append("</").append(name).append('>');
                }
            });
            xml.append("</record>");
        }
        return xml.append("</records></body></response>").toString();
    }

    /** A header row of the records' keys, then one row each; a header-only file when there are none. */
    static String csv(List<Map<String, Object>> records) {
        StringBuilder csv = new StringBuilder();
        List<String> header = records.isEmpty()
                ? List.copyOf(Vendor.HUAXUEDU.render(Map.of("id", "", "sfzh", "", "xs", "", "hgsj", "2024-01-01 00:00:00",
                        "gxsj", "2024-01-01 00:00:00")).keySet())
                : List.copyOf(records.get(0).keySet());
        csv.append(String.join(",", header)).append("\r\n");
        for (Map<String, Object> record : records) {
            csv.append(String.join(",", header.stream().map(h -> cell(record.get(h))).toList())).append("\r\n");
        }
        return csv.toString();
    }

    private static String cell(Object value) {
        String text = value == null ? "" : value.toString();
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
