package cn.shandong.chsync.mapping;

import static cn.shandong.chsync.mapping.CanonicalField.*;

import cn.shandong.chsync.mapping.MappingDefinition.FieldSpec;
import cn.shandong.chsync.record.CreditRecord;
import cn.shandong.chsync.record.IdNumber;
import cn.shandong.chsync.record.Kind;
import cn.shandong.chsync.record.ReasonCode;
import cn.shandong.chsync.record.RecordState;
import cn.shandong.chsync.record.RecordValidator;
import cn.shandong.chsync.record.Subject;
import cn.shandong.chsync.record.Unit;
import cn.shandong.chsync.record.Violation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one item of a platform's page into the canonical record, following the platform's
 * mapping file; every field it cannot read, and every rule the result breaks, becomes a
 * {@link Violation}. Nothing here knows any particular platform.
 */
public final class RecordMapper {

    private final MappingDefinition mapping;
    private final Map<CanonicalField, FieldSpec> specs = new EnumMap<>(CanonicalField.class);
    private final Map<CanonicalField, JsonPointer> pointers = new EnumMap<>(CanonicalField.class);
    private final JsonPointer cursorPointer;
    private final BigDecimal hoursPerCredit;
    private final RecordValidator validator;

    public RecordMapper(MappingDefinition mapping, BigDecimal hoursPerCredit, RecordValidator validator) {
        this.mapping = mapping;
        this.hoursPerCredit = hoursPerCredit;
        this.validator = validator;
        mapping.fields().forEach((key, spec) -> {
            CanonicalField field = CanonicalField.byKey(key).orElseThrow();
            specs.put(field, spec);
            if (spec.path() != null) {
                pointers.put(field, JsonPaths.pointer(spec.path()));
            }
        });
        var cursor = mapping.request().cursor();
        this.cursorPointer = cursor == null ? null : JsonPaths.pointer(cursor.field());
    }

    public MappedRecord map(JsonNode item) {
        LocalDateTime cursorValue = null;
        if (!item.isObject()) {
            return MappedRecord.of(null, null, item, null, null,
                    List.of(new Violation(ReasonCode.RECORD_NOT_AN_OBJECT, "a page item is " + item.getNodeType() + ", not a record")));
        }
        String cursorText = cursorPointer == null ? null : JsonPaths.text(item, cursorPointer);
        if (cursorText != null) {
            cursorValue = ValueParsers.dateTime(cursorText, mapping.request().cursor().format());
        }
        String recordId = text(item, SOURCE_RECORD_ID);
        String rawId = text(item, ID_NUMBER);
        List<Violation> violations = new ArrayList<>();
        if (recordId == null) {
            violations.add(new Violation(ReasonCode.RECORD_ID_MISSING, "the record has no " + specs.get(SOURCE_RECORD_ID).path()));
        }
        IdNumber.Result id = IdNumber.check(rawId);
        if (!id.valid()) {
            violations.add(new Violation(id.problem(), id.message()));
        }
        String name = text(item, NAME);
        if (name == null) {
            violations.add(new Violation(ReasonCode.NAME_MISSING, "the person's name is empty"));
        }
        String courseName = text(item, COURSE_NAME);
        if (courseName == null) {
            violations.add(new Violation(ReasonCode.COURSE_MISSING, "the course name is empty"));
        }
        Subject subject = coded(item, SUBJECT, Subject.class, ReasonCode.SUBJECT_UNKNOWN, violations);
        Kind kind = coded(item, KIND, Kind.class, ReasonCode.KIND_UNKNOWN, violations);
        RecordState state = specs.containsKey(STATE)
                ? coded(item, STATE, RecordState.class, ReasonCode.STATE_UNKNOWN, violations) : RecordState.ACTIVE;
        ValueParsers.Amount amount = amount(item, violations);
        LocalDateTime completedAt = date(item, COMPLETION_DATE, ReasonCode.DATE_MISSING, violations);
        LocalDateTime updatedAt = specs.containsKey(SOURCE_UPDATED_AT) ? date(item, SOURCE_UPDATED_AT, null, violations) : null;
        if (!violations.isEmpty()) {
            return MappedRecord.of(recordId, rawId, item, cursorValue, null, violations);
        }
        // points (积分) are no 学时 until a threshold rule of the compliance rules converts them
        BigDecimal hours = switch (amount.unit()) {
            case CREDITS -> amount.value().multiply(hoursPerCredit);
            case POINTS -> BigDecimal.ZERO;
            case HOURS -> amount.value();
        };
        CreditRecord record = new CreditRecord(mapping.id(), mapping.cityCode(), recordId, updatedAt, id.value(), name,
                text(item, EMPLOYER_NAME), upper(text(item, EMPLOYER_CODE)), text(item, COURSE_ID), courseName,
                subject, kind, amount.value(), amount.unit(), hours, completedAt.toLocalDate(),
                text(item, CERTIFICATE_NO), state);
        violations.addAll(validator.check(record));
        return violations.isEmpty()
                ? MappedRecord.of(recordId, rawId, item, cursorValue, record, List.of())
                : MappedRecord.of(recordId, rawId, item, cursorValue, null, violations);
    }

    private String text(JsonNode item, CanonicalField field) {
        FieldSpec spec = specs.get(field);
        if (spec == null) {
            return null;
        }
        String value = spec.constant() != null ? spec.constant() : JsonPaths.text(item, pointers.get(field));
        if (value != null) {
            value = value.strip();
        }
        return value == null || value.isEmpty() ? spec.defaultValue() : value;
    }

    private <E extends Enum<E>> E coded(JsonNode item, CanonicalField field, Class<E> type, ReasonCode unknown,
                                        List<Violation> violations) {
        FieldSpec spec = specs.get(field);
        String code = spec.constant() != null ? spec.constant() : JsonPaths.text(item, pointers.get(field));
        code = code == null ? null : code.strip();
        String value;
        if (code == null || code.isEmpty()) {
            value = spec.defaultValue();
        } else {
            value = spec.codes() == null ? code : spec.codes().get(code);
        }
        if (value == null) {
            violations.add(new Violation(unknown, code == null || code.isEmpty()
                    ? field.key() + " is empty" : field.key() + " code '" + code + "' is not in the mapping's code table"));
            return null;
        }
        return Enum.valueOf(type, value);
    }

    private ValueParsers.Amount amount(JsonNode item, List<Violation> violations) {
        String text = text(item, AMOUNT);
        if (text == null) {
            violations.add(new Violation(ReasonCode.HOURS_MISSING, "the hours are empty"));
            return null;
        }
        ValueParsers.Amount amount = ValueParsers.amount(text, specs.get(AMOUNT).unit());
        if (amount == null) {
            violations.add(new Violation(ReasonCode.HOURS_UNPARSEABLE, "'" + text + "' is not a number of 学时 or 学分"));
        }
        return amount;
    }

    private LocalDateTime date(JsonNode item, CanonicalField field, ReasonCode missing, List<Violation> violations) {
        String text = text(item, field);
        if (text == null) {
            if (missing != null) {
                violations.add(new Violation(missing, field.key() + " is empty"));
            }
            return null;
        }
        LocalDateTime value = ValueParsers.dateTime(text, specs.get(field).format());
        if (value == null) {
            violations.add(new Violation(ReasonCode.DATE_UNPARSEABLE,
                    field.key() + " '" + text + "' does not match " + specs.get(field).format()));
        }
        return value;
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(java.util.Locale.ROOT);
    }
}
