-- ID numbers are personal data: from here on stored encrypted (id_cipher: AES-256-GCM under a
-- key id, "keyId:Base64") beside a keyed hash (id_hash: HMAC-SHA256, hex) that finds and matches
-- a person without decrypting. V8 fills both for the rows already held, V9 drops the clear columns.
ALTER TABLE credit_record ADD COLUMN id_hash CHAR(64);
ALTER TABLE credit_record ADD COLUMN id_cipher VARCHAR(120);
CREATE INDEX ix_credit_record_person_hash ON credit_record (id_hash, study_year);

-- A reconciliation item's ID number is as the platform sent it (it may be why the record failed);
-- its raw record, which holds it too, is encrypted in place.
ALTER TABLE reconciliation_item ADD COLUMN id_hash CHAR(64);
ALTER TABLE reconciliation_item ADD COLUMN id_cipher VARCHAR(400);
CREATE INDEX ix_reconciliation_person_hash ON reconciliation_item (id_hash);
