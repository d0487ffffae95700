package cn.shandong.chsync.mapping;

import cn.shandong.chsync.record.Kind;
import cn.shandong.chsync.record.RecordState;
import cn.shandong.chsync.record.Subject;
import java.util.Arrays;
import java.util.Optional;

/** The fields of the canonical record a mapping file may fill, by the name it uses for them. */
public enum CanonicalField {
    SOURCE_RECORD_ID("sourceRecordId", true, null),
    ID_NUMBER("idNumber", true, null),
    NAME("name", true, null),
    EMPLOYER_NAME("employerName", false, null),
    EMPLOYER_CODE("employerCode", false, null),
    COURSE_ID("courseId", false, null),
    COURSE_NAME("courseName", true, null),
    SUBJECT("subject", true, Subject.class),
    KIND("kind", true, Kind.class),
    AMOUNT("amount", true, null),
    COMPLETION_DATE("completionDate", true, null),
    CERTIFICATE_NO("certificateNo", false, null),
    STATE("state", false, RecordState.class),
    SOURCE_UPDATED_AT("sourceUpdatedAt", false, null);

    private final String key;
    private final boolean required;
    private final Class<? extends Enum<?>> codedAs;

    CanonicalField(String key, boolean required, Class<? extends Enum<?>> codedAs) {
        this.key = key;
        this.required = required;
        this.codedAs = codedAs;
    }

    public String key() {
        return key;
    }

    public boolean required() {
        return required;
    }

    /** The enum a coded field's code table must map to, or null for a plain field. */
    public Class<? extends Enum<?>> codedAs() {
        return codedAs;
    }

    public static Optional<CanonicalField> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
