-- Workspace settings (the Databricks workspace-conf API), token usage permissions and IP access
-- lists. Each row belongs to a workspace; until workspaces exist there is one, the default
-- workspace, whose id is 0.

-- Settings by key, as strings ("true", "90"); a key without a row has its default.
CREATE TABLE workspace_conf (
    workspace_id  bigint        NOT NULL DEFAULT 0,
    key           varchar(128)  NOT NULL,
    value         varchar(1024) NOT NULL,
    updated_at    timestamptz   NOT NULL,
    updated_by    varchar(255)  NOT NULL,
    PRIMARY KEY (workspace_id, key)
);

-- Who may create and use personal access tokens (CAN_USE): a user, a service principal or a
-- group, or, with no principal, every user (the "users" group of Databricks). Admins always may.
-- Every user may until an admin says otherwise.
CREATE TABLE token_permissions (
    workspace_id  bigint  NOT NULL DEFAULT 0,
    principal_id  uuid    REFERENCES principals (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX token_permissions_key
    ON token_permissions (workspace_id, coalesce(principal_id, '00000000-0000-0000-0000-000000000000'));
INSERT INTO token_permissions (workspace_id, principal_id) VALUES (0, NULL);

-- IP access lists: addresses and CIDR ranges as written (checked by the server), ALLOW or BLOCK.
CREATE TABLE ip_access_lists (
    list_id       uuid          PRIMARY KEY,
    workspace_id  bigint        NOT NULL DEFAULT 0,
    label         varchar(255)  NOT NULL,
    list_type     varchar(8)    NOT NULL CHECK (list_type IN ('ALLOW', 'BLOCK')),
    ip_addresses  text[]        NOT NULL,
    enabled       boolean       NOT NULL,
    created_at    timestamptz   NOT NULL,
    created_by    varchar(255)  NOT NULL,
    updated_at    timestamptz   NOT NULL,
    updated_by    varchar(255)  NOT NULL
);
CREATE INDEX ip_access_lists_workspace ON ip_access_lists (workspace_id);

-- Every replica holds these in memory: a change tells them to read them again. Deleting a token
-- tells them too, so that a revoked token stops working on every replica at once.
CREATE FUNCTION gatehouse_settings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gatehouse_settings', TG_TABLE_NAME);
    RETURN NULL;
END $$;

CREATE TRIGGER workspace_conf_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON workspace_conf
    FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_settings_changed();
CREATE TRIGGER token_permissions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON token_permissions
    FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_settings_changed();
CREATE TRIGGER ip_access_lists_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ip_access_lists
    FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_settings_changed();
CREATE TRIGGER tokens_revoked AFTER DELETE ON tokens
    FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_settings_changed();
