-- V11 has keyed every completion key and fingerprint held.
DROP TABLE key_rewrite;
ALTER TABLE credit_record MODIFY province_key VARCHAR(160) NOT NULL;
