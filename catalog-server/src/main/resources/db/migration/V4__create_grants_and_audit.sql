-- Grants: a privilege on a securable (by id, so renames keep it) to a principal (by id).
CREATE TABLE grants (
    securable_type  varchar(24)  NOT NULL,
    securable_id    uuid         NOT NULL,
    principal_id    uuid         NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
    privilege       varchar(32)  NOT NULL,
    granted_by      varchar(255) NOT NULL,
    granted_at      timestamptz  NOT NULL,
    PRIMARY KEY (securable_id, principal_id, privilege)
);
CREATE INDEX grants_principal ON grants (principal_id);

-- The version of the policy snapshot. Every change of grants, memberships, ownership or names
-- that decisions depend on bumps it in the same transaction and notifies 'gatehouse_policy';
-- every replica then loads the snapshot of that version.
CREATE TABLE policy_state (
    id       integer PRIMARY KEY CHECK (id = 1),
    version  bigint  NOT NULL
);
INSERT INTO policy_state (id, version) VALUES (1, 1);

-- The audit trail: every authorization decision, grant change, ownership change and principal
-- change. Append-only: updates, deletes and truncation are refused by triggers.
CREATE TABLE audit_log (
    id                bigserial    PRIMARY KEY,
    occurred_at       timestamptz  NOT NULL,
    request_id        varchar(128),
    principal         varchar(255),
    acting_principal  varchar(255),
    source_address    varchar(64),
    action            varchar(64)  NOT NULL,
    securable_type    varchar(24),
    securable_name    text,
    result            varchar(16)  NOT NULL,
    detail            text
);
CREATE INDEX audit_log_time ON audit_log (occurred_at, id);
CREATE INDEX audit_log_principal ON audit_log (lower(principal), occurred_at);
CREATE INDEX audit_log_securable ON audit_log (securable_name, occurred_at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
