-- Copies of a record that a newer copy of the same pass replaced: a term of the run invariant
-- (fetched = new + replays + revisions + cross-source duplicates + quarantined + superseded).
ALTER TABLE sync_run ADD COLUMN superseded INT NOT NULL DEFAULT 0;
