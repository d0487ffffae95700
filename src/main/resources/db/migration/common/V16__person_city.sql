-- Whose rules apply to a person (issue 29): the employer's city comes first, from its credit code;
-- for a person whose records carry no Shandong employer code a bureau may set the city here (by
-- 属地 and 管理权限), before the city of most hours is guessed. Keyed by the ID number's keyed
-- hash, like credit_record: no ID number in clear.
CREATE TABLE person_city (
    id_hash     CHAR(64)     NOT NULL PRIMARY KEY,
    city_code   CHAR(6)      NOT NULL,
    set_by      VARCHAR(64)  NOT NULL,
    reason      VARCHAR(200),
    set_at      DATETIME(3)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The registration kinds of 烟台 2024 附件2 include CONVERTED_SERVICE (17 characters).
ALTER TABLE credit_record MODIFY kind VARCHAR(24) NOT NULL;
