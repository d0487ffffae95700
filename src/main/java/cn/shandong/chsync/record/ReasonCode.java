package cn.shandong.chsync.record;

/**
 * Why a record or a page could not be used. Each code belongs to the pipeline stage that finds
 * it; support staff filter the reconciliation tables by it, so a code is never renamed.
 */
public enum ReasonCode {
    // FETCH: the platform could not be read
    FETCH_FAILED(Stage.FETCH),
    // FETCH: a run went past one of its limits (sync.pull.run-limits, or the mapping's limits)
    RUN_PAGE_LIMIT(Stage.FETCH),
    RUN_RECORD_LIMIT(Stage.FETCH),
    RUN_TIME_LIMIT(Stage.FETCH),
    // FETCH: an answer did not arrive whole within the request's deadline
    PAGE_TOO_SLOW(Stage.FETCH),
    // PARSE: a page came back but is not what the mapping describes
    PAGE_MALFORMED(Stage.PARSE),
    PAGE_REJECTED(Stage.PARSE),
    PAGE_REPEATED(Stage.PARSE),
    PAGE_TOO_LARGE(Stage.PARSE),
    PAGE_COMPRESSION_RATIO(Stage.PARSE),
    PAGE_WRONG_CHARSET(Stage.PARSE),
    // MAP: an item of a page cannot be turned into a record at all
    RECORD_NOT_AN_OBJECT(Stage.MAP),
    RECORD_ID_MISSING(Stage.MAP),
    // No longer filed: a record id met again in a pass is a version of the record (see PageClassifier).
    // Kept so that items filed before still read.
    RECORD_ID_REPEATED_IN_PAGE(Stage.MAP),
    // VALIDATE: a field is missing, unreadable or breaks a rule
    ID_NUMBER_MISSING(Stage.VALIDATE),
    ID_NUMBER_FORMAT(Stage.VALIDATE),
    ID_NUMBER_FULLWIDTH(Stage.VALIDATE),
    ID_NUMBER_BIRTH_DATE(Stage.VALIDATE),
    ID_NUMBER_CHECKSUM(Stage.VALIDATE),
    NAME_MISSING(Stage.VALIDATE),
    NAME_INVALID_CHARACTERS(Stage.VALIDATE),
    TEXT_ENCODING_BROKEN(Stage.VALIDATE),
    TEXT_CONTROL_CHARACTERS(Stage.VALIDATE),
    TEXT_MARKUP(Stage.VALIDATE),
    FIELD_TOO_LONG(Stage.VALIDATE),
    EMPLOYER_CODE_INVALID(Stage.VALIDATE),
    COURSE_MISSING(Stage.VALIDATE),
    SUBJECT_UNKNOWN(Stage.VALIDATE),
    KIND_UNKNOWN(Stage.VALIDATE),
    STATE_UNKNOWN(Stage.VALIDATE),
    HOURS_MISSING(Stage.VALIDATE),
    HOURS_UNPARSEABLE(Stage.VALIDATE),
    HOURS_NOT_POSITIVE(Stage.VALIDATE),
    HOURS_TOO_LARGE(Stage.VALIDATE),
    HOURS_TOO_PRECISE(Stage.VALIDATE),
    CREDITS_AFTER_CREDIT_YEARS(Stage.VALIDATE),
    DATE_MISSING(Stage.VALIDATE),
    DATE_UNPARSEABLE(Stage.VALIDATE),
    DATE_IN_FUTURE(Stage.VALIDATE),
    DATE_BEFORE_MIN(Stage.VALIDATE),
    UPDATED_IN_FUTURE(Stage.VALIDATE),
    // PUSH: the provincial platform would not take it
    PUSH_REJECTED(Stage.PUSH),
    PUSH_RETRIES_EXHAUSTED(Stage.PUSH),
    // TALLY: the day's statement (对账) does not add up with the province's
    TALLY_MISMATCH(Stage.TALLY);

    private final Stage stage;

    ReasonCode(Stage stage) {
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
