-- Grants are logged by the securable they are made on, as securables are: a replica moving from
-- version n to m then reads again only the grants of the securables whose grants changed, and
-- compiles only the policies of the principals those grants name, instead of every grant.
-- A grant row moved to another securable (never done today) logs both. Filters, masks,
-- memberships and principals keep one row per source, operation and version: a principal
-- created cannot change a grant, one renamed or deactivated changes every grant it holds.
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
