-- Why a run ended as it did, as a code (a reason code, or DATABASE_UNAVAILABLE, INTERNAL_ERROR,
-- UNORDERED_COPIES): what a person reads is that code's sentence in their language, while
-- message keeps the technical detail for operators.
ALTER TABLE sync_run ADD COLUMN reason_code VARCHAR(40) NULL;
