-- The sync service's own tables. Written once for MySQL/MariaDB and H2 in MySQL mode: only the
-- SQL both accept (inline INDEX, DATETIME(3), LONGTEXT, table options H2 ignores).

-- A platform records are pulled from; its mapping file in mappings/ is the source of truth for
-- how, this row for its run-time state. The lease makes "one sync per source at a time" hold
-- across instances: a sync takes it with a conditional UPDATE and renews it on every page.
CREATE TABLE source (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    city_code       CHAR(6)      NOT NULL,
    vendor          VARCHAR(64),
    cron            VARCHAR(120) NOT NULL,
    paused          BOOLEAN      NOT NULL DEFAULT FALSE,
    lease_owner     VARCHAR(100),
    lease_until     DATETIME(3),
    running_run_id  BIGINT,
    created_at      DATETIME(3)  NOT NULL,
    updated_at      DATETIME(3)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Where the next page of a source starts. since_value is the high-water mark of the last
-- finished pass; pass_since and page_state describe a pass in progress, so a run that breaks
-- between pages resumes at the next page of the same pass instead of starting over.
CREATE TABLE source_cursor (
    source_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    since_value      VARCHAR(100),
    pass_since       VARCHAR(100),
    page_state       VARCHAR(500),
    pass_high_water  VARCHAR(100),
    updated_at       DATETIME(3)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per sync. The counts obey, per run and per page:
-- fetched = new_records + replays + revisions + cross_source_duplicates + quarantined.
CREATE TABLE sync_run (
    id                       BIGINT AUTO_INCREMENT PRIMARY KEY,
    source_id                VARCHAR(64)  NOT NULL,
    trigger_type             VARCHAR(16)  NOT NULL,
    status                   VARCHAR(16)  NOT NULL,
    node                     VARCHAR(100) NOT NULL,
    started_at               DATETIME(3)  NOT NULL,
    finished_at              DATETIME(3),
    pages                    INT          NOT NULL DEFAULT 0,
    fetched                  INT          NOT NULL DEFAULT 0,
    new_records              INT          NOT NULL DEFAULT 0,
    replays                  INT          NOT NULL DEFAULT 0,
    revisions                INT          NOT NULL DEFAULT 0,
    cross_source_duplicates  INT          NOT NULL DEFAULT 0,
    quarantined              INT          NOT NULL DEFAULT 0,
    cursor_before            VARCHAR(600),
    cursor_after             VARCHAR(600),
    message                  VARCHAR(2000),
    INDEX ix_sync_run_source (source_id, started_at),
    INDEX ix_sync_run_status (status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per completion, wherever it was reported: the canonical record. completion_key is
-- the SHA-256 of the certificate number (with the ID number) when there is one, else of
-- (ID number, normalised course name, completion date, hours, subject); with the revision it is
-- the idempotency key sent to the provincial platform. Content follows the primary source.
CREATE TABLE credit_record (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    completion_key    CHAR(64)      NOT NULL,
    revision          INT           NOT NULL,
    fingerprint       CHAR(64)      NOT NULL,
    id_number         CHAR(18)      NOT NULL,
    person_name       VARCHAR(50)   NOT NULL,
    employer_name     VARCHAR(200),
    employer_code     VARCHAR(18),
    city_code         CHAR(6)       NOT NULL,
    source_id         VARCHAR(64)   NOT NULL,
    source_record_id  VARCHAR(64)   NOT NULL,
    course_id         VARCHAR(64),
    course_name       VARCHAR(200)  NOT NULL,
    subject           VARCHAR(16)   NOT NULL,
    kind              VARCHAR(16)   NOT NULL,
    amount            DECIMAL(8,2)  NOT NULL,
    unit              VARCHAR(8)    NOT NULL,
    hours             DECIMAL(8,2)  NOT NULL,
    completion_date   DATE          NOT NULL,
    study_year        SMALLINT      NOT NULL,
    certificate_no    VARCHAR(64),
    state             VARCHAR(10)   NOT NULL,
    created_at        DATETIME(3)   NOT NULL,
    updated_at        DATETIME(3)   NOT NULL,
    CONSTRAINT uk_credit_record_key UNIQUE (completion_key),
    INDEX ix_credit_record_person (id_number, study_year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Lineage: every (source, source record id) seen, and the completion it was linked to. A
-- second source key with the same completion key is a cross-source duplicate: linked here,
-- never pushed. fingerprint tells a replay (same content) from a revision (changed content).
CREATE TABLE credit_record_source (
    source_id          VARCHAR(64)  NOT NULL,
    source_record_id   VARCHAR(64)  NOT NULL,
    completion_key     CHAR(64)     NOT NULL,
    is_primary         BOOLEAN      NOT NULL,
    fingerprint        CHAR(64)     NOT NULL,
    revision           INT          NOT NULL,
    source_updated_at  DATETIME(3),
    first_run_id       BIGINT       NOT NULL,
    last_run_id        BIGINT       NOT NULL,
    created_at         DATETIME(3)  NOT NULL,
    updated_at         DATETIME(3)  NOT NULL,
    PRIMARY KEY (source_id, source_record_id),
    INDEX ix_lineage_completion (completion_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- What must reach the provincial platform: one row per (completion, revision), written in the
-- same transaction as the record. A push claims rows by setting a lease; a row whose lease ran
-- out is claimed again, and the province answers a resend of the same key+revision DUPLICATE.
CREATE TABLE push_outbox (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    completion_key   CHAR(64)      NOT NULL,
    revision         INT           NOT NULL,
    status           VARCHAR(12)   NOT NULL,
    attempts         INT           NOT NULL DEFAULT 0,
    last_attempt_at  DATETIME(3),
    next_attempt_at  DATETIME(3)   NOT NULL,
    lease_owner      VARCHAR(64),
    lease_until      DATETIME(3),
    result           VARCHAR(12),
    last_error       VARCHAR(1000),
    created_at       DATETIME(3)   NOT NULL,
    done_at          DATETIME(3),
    CONSTRAINT uk_push_outbox_key UNIQUE (completion_key, revision),
    INDEX ix_push_outbox_ready (status, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Everything that could not be used, with why, so nothing is lost to a log line. dedupe_key
-- keeps a bad record that is fetched again from opening a second item: it counts occurrences.
CREATE TABLE reconciliation_item (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    dedupe_key        CHAR(64)      NOT NULL,
    source_id         VARCHAR(64),
    run_id            BIGINT,
    stage             VARCHAR(10)   NOT NULL,
    reason_code       VARCHAR(64)   NOT NULL,
    message           VARCHAR(1000) NOT NULL,
    source_record_id  VARCHAR(64),
    completion_key    CHAR(64),
    id_number         VARCHAR(64),
    raw_payload       LONGTEXT,
    status            VARCHAR(10)   NOT NULL,
    attempts          INT           NOT NULL DEFAULT 0,
    occurrences       INT           NOT NULL DEFAULT 1,
    created_at        DATETIME(3)   NOT NULL,
    updated_at        DATETIME(3)   NOT NULL,
    resolved_at       DATETIME(3),
    CONSTRAINT uk_reconciliation_dedupe UNIQUE (dedupe_key),
    INDEX ix_reconciliation_queue (status, stage, reason_code),
    INDEX ix_reconciliation_source (source_id, created_at),
    INDEX ix_reconciliation_person (id_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Who did what to a reconciliation item, when and why.
CREATE TABLE reconciliation_action (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    item_id     BIGINT        NOT NULL,
    action      VARCHAR(16)   NOT NULL,
    actor       VARCHAR(100)  NOT NULL,
    note        VARCHAR(1000),
    created_at  DATETIME(3)   NOT NULL,
    INDEX ix_reconciliation_action_item (item_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
