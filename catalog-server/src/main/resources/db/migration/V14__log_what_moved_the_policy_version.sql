-- What each policy version changed, so that a replica moving from version n to m reloads only the
-- securables that changed between them, not the whole catalog. bump_policy_version() (V11) now
-- also logs, in the writer's transaction and under the version it moved to: for securables, one
-- row per changed row (its id; a cascade logs every row it drops); for grants, filters, masks,
-- memberships and principals, one row per source and version (those are reloaded whole).
--
-- The log is pruned by age (gatehouse.authz.change-log-retention); changes_from is the lowest
-- version whose changes are all still logged. A replica further behind than that loads the whole
-- snapshot, as it does at start.
CREATE TABLE policy_changes (
  version bigint NOT NULL,
  source text NOT NULL,
  op text NOT NULL,
  row_id uuid,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX policy_changes_version ON policy_changes (version);
CREATE INDEX policy_changes_recorded_at ON policy_changes (recorded_at);

-- Versions up to now were never logged.
ALTER TABLE policy_state ADD COLUMN changes_from bigint NOT NULL DEFAULT 0;
UPDATE policy_state SET changes_from = version + 1;

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
  IF TG_TABLE_NAME IN ('catalogs', 'schemas', 'tables', 'volumes', 'functions', 'external_locations', 'storage_credentials') THEN
    IF TG_OP = 'DELETE' THEN
      changed := OLD.id;
    ELSE
      changed := NEW.id;
    END IF;
    INSERT INTO policy_changes (version, source, op, row_id) VALUES (moved, TG_TABLE_NAME, TG_OP, changed);
  ELSIF NOT EXISTS (SELECT 1 FROM policy_changes WHERE version = moved AND source = TG_TABLE_NAME) THEN
    INSERT INTO policy_changes (version, source, op) VALUES (moved, TG_TABLE_NAME, TG_OP);
  END IF;
  RETURN NULL;
END
$$;
