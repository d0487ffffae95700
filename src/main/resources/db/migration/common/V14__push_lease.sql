-- New completions a page hands to its instance's push loops get their outbox row once the province
-- has answered for them, written once in the state the answer gives, instead of written leased by
-- the page and updated by the answer: two writes of a three-index row per completion pushed.
-- Meanwhile the page's lease here stands for them: the completions it holds ("key:revision", one
-- per line), how many of them are still unanswered, and when it runs out. A lease whose completions
-- have all been answered is deleted; one that runs out first (its instance stopped, or its loops let
-- the completions go) becomes their outbox rows, due at once, as the page would have written them.
CREATE TABLE push_lease (
    token        CHAR(36)     NOT NULL PRIMARY KEY,
    created_at   DATETIME(3)  NOT NULL,
    lease_until  DATETIME(3)  NOT NULL,
    unanswered   INT          NOT NULL,
    entries      LONGTEXT     NOT NULL,
    INDEX ix_push_lease_until (lease_until)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
