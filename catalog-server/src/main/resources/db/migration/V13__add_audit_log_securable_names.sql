-- An engine's Authorize call is one audit record for all of its checks (docs/authorization.md,
-- "Audit"). The record of a call with several checks names no single securable; it lists the
-- names of all of them here, so that the audit endpoint's filter on a securable finds it. A GIN
-- index answers "contains this name"; records of one securable leave the column null.
ALTER TABLE audit_log ADD COLUMN securable_names text[];
CREATE INDEX audit_log_securables ON audit_log USING gin (securable_names);
