package cn.shandong.chsync.push;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * The provincial platform's batch request, {"items": [...]}: every item's fields written in one
 * place, in the order the province reads them, whether the completion comes from an outbox row as
 * the database sent it or from a record a page handed over.
 */
final class ProvinceRequest implements AutoCloseable {

    /** An item's text fields, in the request's order among its other fields (see write). */
    enum Text {
        NAME("name", "person_name"), EMPLOYER_NAME("employerName", "employer_name"),
        EMPLOYER_CODE("employerCode", "employer_code"), CITY_CODE("cityCode", "city_code"), COURSE_ID("courseId", "course_id"),
        COURSE_NAME("courseName", "course_name"), SUBJECT("subject", "subject"), KIND("kind", "kind"), UNIT("unit", "unit"),
        CERTIFICATE_NO("certificateNo", "certificate_no"), STATE("state", "state");

        final String field;
        /** The credit_record column it is read from when an outbox row is claimed. */
        final String column;

        Text(String field, String column) {
            this.field = field;
            this.column = column;
        }
    }

    /** One completion to send, whatever it was read from. */
    interface Item {
        String provinceKey();

        int revision();

        String idNumber();

        String sourceId();

        String sourceRecordId();

        /** Writes the text field's name and its value (null as null). */
        void text(JsonGenerator out, Text field) throws IOException;

        BigDecimal amount();

        BigDecimal hours();

        /** yyyy-MM-dd */
        String completionDate();

        int studyYear();
    }

    private final JsonGenerator out;

    /** Starts a request written to {@code body}. */
    ProvinceRequest(ObjectMapper json, ByteArrayOutputStream body) {
        try {
            out = json.getFactory().createGenerator(body);
            out.writeStartObject();
            out.writeArrayFieldStart("items");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(Item item) throws IOException {
        out.writeStartObject();
        out.writeStringField("completionKey", item.provinceKey());
        out.writeNumberField("revision", item.revision());
        out.writeStringField("idNumber", item.idNumber());
        item.text(out, Text.NAME);
        item.text(out, Text.EMPLOYER_NAME);
        item.text(out, Text.EMPLOYER_CODE);
        item.text(out, Text.CITY_CODE);
        out.writeStringField("sourceId", item.sourceId());
        out.writeStringField("sourceRecordId", item.sourceRecordId());
        item.text(out, Text.COURSE_ID);
        item.text(out, Text.COURSE_NAME);
        item.text(out, Text.SUBJECT);
        item.text(out, Text.KIND);
        out.writeNumberField("amount", item.amount());
        item.text(out, Text.UNIT);
        out.writeNumberField("hours", item.hours());
        out.writeStringField("completionDate", item.completionDate());
        out.writeNumberField("studyYear", item.studyYear());
        item.text(out, Text.CERTIFICATE_NO);
        item.text(out, Text.STATE);
        out.writeEndObject();
    }

    /** Ends the request; its bytes are in the body it was started on. */
    @Override
    public void close() throws IOException {
        out.writeEndArray();
        out.writeEndObject();
        out.close();
    }
}
