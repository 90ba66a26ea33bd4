-- securable_names is set only on records of several securables (an engine's batch of checks); the
-- GIN index of V13 also indexed the null of every other record, which is nearly all of them, and
-- each such insert added an entry to the index's pending list, merged later on some request's
-- connection. The audit endpoint's filter (securable_names @> ARRAY[...]) implies the column is
-- not null, so PostgreSQL still answers it from this partial index.
DROP INDEX audit_log_securables;
CREATE INDEX audit_log_securables ON audit_log USING gin (securable_names) WHERE securable_names IS NOT NULL;
