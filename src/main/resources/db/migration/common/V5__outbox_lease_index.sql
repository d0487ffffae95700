-- A claimed batch is read back by its lease (WHERE lease_owner = ?). Without an index that read
-- went through the whole outbox for every batch, costing more the more the outbox held.
CREATE INDEX ix_push_outbox_lease ON push_outbox (lease_owner);
