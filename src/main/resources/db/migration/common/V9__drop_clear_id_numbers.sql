-- V8 has encrypted every ID number held: the clear columns go.
ALTER TABLE credit_record DROP INDEX ix_credit_record_person;
ALTER TABLE credit_record DROP COLUMN id_number;
ALTER TABLE credit_record MODIFY id_hash CHAR(64) NOT NULL;
ALTER TABLE credit_record MODIFY id_cipher VARCHAR(120) NOT NULL;
ALTER TABLE reconciliation_item DROP INDEX ix_reconciliation_person;
ALTER TABLE reconciliation_item DROP COLUMN id_number;
