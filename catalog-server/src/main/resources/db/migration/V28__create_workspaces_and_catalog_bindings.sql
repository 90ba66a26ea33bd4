-- Workspaces of the account, the principals assigned to them, the workspace each token belongs
-- to, and the bindings of isolated catalogs, external locations and storage credentials to
-- workspaces. The default workspace (id 0, V25's settings rows belong to it) exists from here on
-- and admits every principal; tokens issued before belong to it.

CREATE TABLE workspaces (
    workspace_id      bigint        PRIMARY KEY,
    workspace_name    varchar(255)  NOT NULL,
    deployment_name   varchar(63),
    workspace_status  varchar(32)   NOT NULL DEFAULT 'RUNNING'
        CHECK (workspace_status IN ('RUNNING', 'PROVISIONING', 'FAILED', 'BANNED', 'CANCELLING', 'NOT_PROVISIONED')),
    created_at        timestamptz   NOT NULL,
    created_by        varchar(255)  NOT NULL
);
CREATE UNIQUE INDEX workspaces_name_key ON workspaces (lower(workspace_name));
CREATE UNIQUE INDEX workspaces_deployment_key ON workspaces (lower(deployment_name));
INSERT INTO workspaces (workspace_id, workspace_name, workspace_status, created_at, created_by)
    VALUES (0, 'default', 'RUNNING', now(), 'system');

CREATE TABLE workspace_assignments (
    workspace_id  bigint      NOT NULL REFERENCES workspaces (workspace_id) ON DELETE CASCADE,
    principal_id  uuid        NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
    permission    varchar(8)  NOT NULL CHECK (permission IN ('USER', 'ADMIN')),
    PRIMARY KEY (workspace_id, principal_id)
);

ALTER TABLE tokens ADD COLUMN workspace_id bigint NOT NULL DEFAULT 0 REFERENCES workspaces (workspace_id) ON DELETE CASCADE;

-- Every replica holds the workspaces and assignments in memory (identity.Workspaces): a change
-- tells them to read them again, on V25's channel.
CREATE TRIGGER workspaces_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON workspaces
    FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_settings_changed();
CREATE TRIGGER workspace_assignments_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON workspace_assignments
    FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_settings_changed();

-- Isolation: an isolated securable is reached only from the workspaces bound to it.
ALTER TABLE catalogs ADD COLUMN isolation_mode varchar(8) NOT NULL DEFAULT 'OPEN'
    CHECK (isolation_mode IN ('OPEN', 'ISOLATED'));
ALTER TABLE external_locations ADD COLUMN isolation_mode varchar(8) NOT NULL DEFAULT 'OPEN'
    CHECK (isolation_mode IN ('OPEN', 'ISOLATED'));
ALTER TABLE storage_credentials ADD COLUMN isolation_mode varchar(8) NOT NULL DEFAULT 'OPEN'
    CHECK (isolation_mode IN ('OPEN', 'ISOLATED'));

CREATE TABLE workspace_bindings (
    securable_type  varchar(32)  NOT NULL CHECK (securable_type IN ('CATALOG', 'EXTERNAL_LOCATION', 'STORAGE_CREDENTIAL')),
    securable_id    uuid         NOT NULL,
    workspace_id    bigint       NOT NULL REFERENCES workspaces (workspace_id) ON DELETE CASCADE,
    binding_type    varchar(32)  NOT NULL CHECK (binding_type IN ('BINDING_TYPE_READ_WRITE', 'BINDING_TYPE_READ_ONLY')),
    PRIMARY KEY (securable_id, workspace_id)
);

-- Bindings and isolation decide access: they move the policy version like grants (V11, V14).
CREATE CONSTRAINT TRIGGER workspace_bindings_policy_rows AFTER INSERT OR UPDATE OR DELETE ON workspace_bindings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_policy_version();
CREATE CONSTRAINT TRIGGER catalogs_isolation_change AFTER UPDATE ON catalogs DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.isolation_mode IS DISTINCT FROM NEW.isolation_mode) EXECUTE FUNCTION bump_policy_version();
CREATE CONSTRAINT TRIGGER external_locations_isolation_change AFTER UPDATE ON external_locations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.isolation_mode IS DISTINCT FROM NEW.isolation_mode) EXECUTE FUNCTION bump_policy_version();
CREATE CONSTRAINT TRIGGER storage_credentials_isolation_change AFTER UPDATE ON storage_credentials
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.isolation_mode IS DISTINCT FROM NEW.isolation_mode) EXECUTE FUNCTION bump_policy_version();

-- A dropped securable's bindings go with it (they name it by id, in no foreign key).
CREATE FUNCTION drop_workspace_bindings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM workspace_bindings WHERE securable_id = OLD.id;
  RETURN NULL;
END $$;
CREATE TRIGGER catalogs_drop_bindings AFTER DELETE ON catalogs FOR EACH ROW EXECUTE FUNCTION drop_workspace_bindings();
CREATE TRIGGER external_locations_drop_bindings AFTER DELETE ON external_locations
    FOR EACH ROW EXECUTE FUNCTION drop_workspace_bindings();
CREATE TRIGGER storage_credentials_drop_bindings AFTER DELETE ON storage_credentials
    FOR EACH ROW EXECUTE FUNCTION drop_workspace_bindings();

-- A console sign-in is for one workspace: the one its request addressed.
ALTER TABLE saml_sign_in_requests ADD COLUMN workspace_id bigint NOT NULL DEFAULT 0;
