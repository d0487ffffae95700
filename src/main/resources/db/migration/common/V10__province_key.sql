-- The completion key and the fingerprint are hashes over content that holds the ID number; with
-- the rest of the row in clear they would give it away. From here on both are stored keyed
-- (HMAC-SHA256 over the plain hash, see RecordKeys), and the plain completion key, the
-- idempotency key the province knows the completion by, is kept encrypted here for the push.
-- V11 rewrites the rows held; V12 makes the column required.
ALTER TABLE credit_record ADD COLUMN province_key VARCHAR(160);
CREATE TABLE key_rewrite (old_key CHAR(64) NOT NULL PRIMARY KEY, new_key CHAR(64) NOT NULL)
    ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
