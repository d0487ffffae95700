-- A claimed batch is read back by the ids it claimed (still checking the lease), so nothing looks
-- rows up by lease_owner any more: the index cost three changes per pushed row (the insert, the
-- claim and the settle each moved its entry) and served nothing.
DROP INDEX ix_push_outbox_lease ON push_outbox;
