package cn.shandong.chsync.simulator;

import java.util.List;
import java.util.Map;

/** Pages written as XML and CSV text, the way the vendors that use them write them. */
final class XmlAndCsvPages {

    /** The columns of huaxuedu's daily file, as its vendor writes every record. */
    static final List<String> HUAXUEDU_HEADER = List.copyOf(Vendor.HUAXUEDU.render(Map.of("id", "", "sfzh", "", "xs", "",
            "hgsj", "2024-01-01 00:00:00", "gxsj", "2024-01-01 00:00:00")).keySet());

    private XmlAndCsvPages() {
    }

    static String xml(int total, List<Map<String, Object>> records) {
        return xml(records.stream().map(XmlAndCsvPages::xmlRecord).toList(), total);
    }

    /** The page of the records' elements, each as {@link #xmlRecord} writes it. */
    static String xml(List<String> records, int total) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response><head><code>0</code>"
                + "<msg>操作成功</msg></head><body><total>").append(total).append("</total><records>");
        records.forEach(xml::append);
        return xml.append("</records></body></response>").toString();
    }

    /** One record's element: {@code <record>}, a child per field (empty for none), {@code </record>}. */
    static String xmlRecord(Map<String, Object> record) {
        StringBuilder xml = new StringBuilder("<record>");
        record.forEach((name, value) -> {
            if (value == null) {
                xml.append('<').append(name).append("/>");
            } else {
                xml.append('<').append(name).append('>').append(escape(value.toString())).append("</").append(name).append('>');
            }
        });
        return xml.append("</record>").toString();
    }

    /** A header row of the records' keys, then one row each; a header-only file when there are none. */
    static String csv(List<Map<String, Object>> records) {
        List<String> header = records.isEmpty() ? HUAXUEDU_HEADER : List.copyOf(records.get(0).keySet());
        return csv(header, records.stream().map(r -> csvRow(header, r)).toList());
    }

    /** The header row, then the rows, each as {@link #csvRow} writes it. */
    static String csv(List<String> header, List<String> rows) {
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", header)).append("\r\n");
        rows.forEach(csv::append);
        return csv.toString();
    }

    /** One record's row: its cells in the header's order (empty where it has none), then CRLF. */
    static String csvRow(List<String> header, Map<String, Object> record) {
        return String.join(",", header.stream().map(h -> cell(record.get(h))).toList()) + "\r\n";
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
