-- Registered models and their versions (Unity Catalog's /models API, docs/models.md). A model is
-- a securable in a schema, beside tables, volumes and functions: its rows move the policy version
-- as theirs do (V11), are logged by id in policy_changes (V14) and have a path in securable_paths
-- (V12). A model's versions are not securables: they are decided on their model, and their rows
-- move no policy version. Each model holds a managed storage location (storage_locations, holder
-- MODEL); a version's artifacts lie at <model location>/versions/<version>.
CREATE TABLE registered_models (
    id                uuid         PRIMARY KEY,
    schema_id         uuid         NOT NULL REFERENCES schemas (id) ON DELETE CASCADE,
    name              varchar(255) NOT NULL,
    storage_location  text         NOT NULL,
    -- The last version number handed out: versions count from 1 and a number is never reused.
    last_version      bigint       NOT NULL DEFAULT 0,
    comment           text,
    owner             varchar(255) NOT NULL,
    created_at        timestamptz  NOT NULL,
    created_by        varchar(255) NOT NULL,
    updated_at        timestamptz  NOT NULL,
    updated_by        varchar(255) NOT NULL
);
CREATE UNIQUE INDEX registered_models_name_key ON registered_models (schema_id, lower(name));

CREATE TABLE model_versions (
    id                uuid         PRIMARY KEY,
    model_id          uuid         NOT NULL REFERENCES registered_models (id) ON DELETE CASCADE,
    version           bigint       NOT NULL,
    source            text         NOT NULL,
    run_id            varchar(255),
    status            varchar(32)  NOT NULL,
    storage_location  text         NOT NULL,
    comment           text,
    created_at        timestamptz  NOT NULL,
    created_by        varchar(255) NOT NULL,
    updated_at        timestamptz  NOT NULL,
    updated_by        varchar(255) NOT NULL,
    CONSTRAINT model_versions_status CHECK (status IN ('PENDING_REGISTRATION', 'FAILED_REGISTRATION', 'READY'))
);
CREATE UNIQUE INDEX model_versions_version_key ON model_versions (model_id, version);

CREATE CONSTRAINT TRIGGER registered_models_policy_rows AFTER INSERT OR DELETE ON registered_models
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_policy_version();
CREATE CONSTRAINT TRIGGER registered_models_policy_change AFTER UPDATE ON registered_models
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.owner IS DISTINCT FROM NEW.owner OR OLD.schema_id IS DISTINCT FROM NEW.schema_id
    OR OLD.storage_location IS DISTINCT FROM NEW.storage_location)
  EXECUTE FUNCTION bump_policy_version();

-- As V20's, with registered_models among the securable tables logged by id.
CREATE OR REPLACE FUNCTION bump_policy_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved bigint;
  changed uuid;
BEGIN
  UPDATE policy_state SET version = version + 1, bumped_in = txid_current()
   WHERE id = 1 AND bumped_in IS DISTINCT FROM txid_current()
   RETURNING version INTO moved;
  IF moved IS NOT NULL THEN
    PERFORM pg_notify('gatehouse_policy', moved::text);
  ELSE
    -- This transaction moved the version already: its changes share that version.
    SELECT version INTO moved FROM policy_state WHERE id = 1;
  END IF;
  IF TG_TABLE_NAME IN ('catalogs', 'schemas', 'tables', 'volumes', 'functions', 'registered_models', 'external_locations',
      'storage_credentials') THEN
    IF TG_OP = 'DELETE' THEN
      changed := OLD.id;
    ELSE
      changed := NEW.id;
    END IF;
    INSERT INTO policy_changes (version, source, op, row_id) VALUES (moved, TG_TABLE_NAME, TG_OP, changed);
  ELSIF TG_TABLE_NAME = 'grants' THEN
    IF TG_OP <> 'INSERT' THEN
      INSERT INTO policy_changes (version, source, op, row_id) VALUES (moved, 'grants', TG_OP, OLD.securable_id);
    END IF;
    IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' AND NEW.securable_id IS DISTINCT FROM OLD.securable_id THEN
      INSERT INTO policy_changes (version, source, op, row_id) VALUES (moved, 'grants', TG_OP, NEW.securable_id);
    END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM policy_changes WHERE version = moved AND source = TG_TABLE_NAME AND op = TG_OP) THEN
    INSERT INTO policy_changes (version, source, op) VALUES (moved, TG_TABLE_NAME, TG_OP);
  END IF;
  RETURN NULL;
END
$$;

-- As V12's, with registered models.
CREATE OR REPLACE VIEW securable_paths AS
SELECT o.securable_type,
       o.securable_id,
       coalesce(s.catalog_id, o.securable_id) AS root_id,
       o.schema_id,
       o.object_id,
       CASE
           WHEN o.schema_id IS NULL THEN o.name
           WHEN o.object_id IS NULL THEN c.name || '.' || o.name
           ELSE c.name || '.' || s.name || '.' || o.name
       END AS full_name
  FROM (
        SELECT 'METASTORE'::text AS securable_type, id AS securable_id, NULL::uuid AS schema_id,
               NULL::uuid AS object_id, name::text AS name FROM metastore
        UNION ALL SELECT 'CATALOG'::text, id, NULL::uuid, NULL::uuid, name::text FROM catalogs
        UNION ALL SELECT 'SCHEMA'::text, id, id, NULL::uuid, name::text FROM schemas
        UNION ALL SELECT 'TABLE'::text, id, schema_id, id, name::text FROM tables
        UNION ALL SELECT 'VOLUME'::text, id, schema_id, id, name::text FROM volumes
        UNION ALL SELECT 'FUNCTION'::text, id, schema_id, id, name::text FROM functions
        UNION ALL SELECT 'EXTERNAL_LOCATION'::text, id, NULL::uuid, NULL::uuid, name::text FROM external_locations
        UNION ALL SELECT 'STORAGE_CREDENTIAL'::text, id, NULL::uuid, NULL::uuid, name::text FROM storage_credentials
        UNION ALL SELECT 'REGISTERED_MODEL'::text, id, schema_id, id, name::text FROM registered_models
       ) o
  LEFT JOIN schemas s ON s.id = o.schema_id
  LEFT JOIN catalogs c ON c.id = s.catalog_id;
