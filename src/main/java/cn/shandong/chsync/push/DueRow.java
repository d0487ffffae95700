package cn.shandong.chsync.push;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A due outbox row and its record as read. The record's text is kept as the UTF-8 the database
 * sent (in ProvinceRequest.Text's order), to go into the request as it is: decoding it into
 * Strings to be encoded again was a third of the claim's work.
 */
record DueRow(long id, String completionKey, int revision, int attempts, String provinceKeyCipher, String idCipher,
              String sourceId, String sourceRecordId, byte[][] text, BigDecimal amount, BigDecimal hours,
              String completionDate, int studyYear) {

    /** Read once: values() copies its array at every call, and a claim reads eleven texts a row. */
    private static final ProvinceRequest.Text[] TEXTS = ProvinceRequest.Text.values();

    static DueRow read(ResultSet rs) throws SQLException {
        byte[][] text = new byte[TEXTS.length][];
        for (int i = 0; i < TEXTS.length; i++) {
            text[i] = rs.getBytes(TEXTS[i].column);
        }
        // A DATE's text is its ISO form, yyyy-MM-dd, on MySQL and H2 alike: read as text, not through a java.sql.Date.
        return new DueRow(rs.getLong("id"), rs.getString("completion_key"), rs.getInt("revision"), rs.getInt("attempts"),
                rs.getString("province_key"), rs.getString("id_cipher"), rs.getString("source_id"),
                rs.getString("source_record_id"), text, rs.getBigDecimal("amount"), rs.getBigDecimal("hours"),
                rs.getString("completion_date"), rs.getInt("study_year"));
    }

    /** This row as an item of the province's request, with its keys decrypted. */
    ProvinceRequest.Item item(String provinceKey, String idNumber) {
        DueRow row = this;
        return new ProvinceRequest.Item() {
            public String provinceKey() {
                return provinceKey;
            }

            public int revision() {
                return row.revision;
            }

            public String idNumber() {
                return idNumber;
            }

            public String sourceId() {
                return row.sourceId;
            }

            public String sourceRecordId() {
                return row.sourceRecordId;
            }

            public void text(JsonGenerator out, ProvinceRequest.Text field) throws IOException {
                out.writeFieldName(field.field);
                byte[] value = row.text[field.ordinal()];
                if (value == null) {
                    out.writeNull();
                } else {
                    out.writeUTF8String(value, 0, value.length);
                }
            }

            public BigDecimal amount() {
                return row.amount;
            }

            public BigDecimal hours() {
                return row.hours;
            }

            public String completionDate() {
                return row.completionDate;
            }

            public int studyYear() {
                return row.studyYear;
            }
        };
    }
}
