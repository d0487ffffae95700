-- What operators and support staff read beyond the runs themselves.

-- The number of records the platform says a pass holds, when it says (its page's total): with
-- the records fetched so far it gives a running sync's progress and time to go.
ALTER TABLE sync_run ADD COLUMN expected_total INT;

-- The daily statement (对账) per source and day (Asia/Shanghai): what was fetched, what had to
-- go to the province, what we settled with it, and what the province says it took that day.
-- status: MATCHED, or MISMATCH (a TALLY reconciliation item says how).
CREATE TABLE daily_tally (
    tally_date         DATE         NOT NULL,
    source_id          VARCHAR(64)  NOT NULL,
    runs               INT          NOT NULL,
    fetched            INT          NOT NULL,
    stored             INT          NOT NULL,
    quarantined        INT          NOT NULL,
    pushed             INT          NOT NULL,
    rejected           INT          NOT NULL,
    province_accepted  INT          NOT NULL,
    province_rejected  INT          NOT NULL,
    status             VARCHAR(10)  NOT NULL,
    computed_at        DATETIME(3)  NOT NULL,
    PRIMARY KEY (tally_date, source_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
