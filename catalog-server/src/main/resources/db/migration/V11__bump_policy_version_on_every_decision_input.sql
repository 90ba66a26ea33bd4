-- Decisions read more than grants: group memberships, whether a principal is active, principal
-- names (owners are names), and the names, owners and places of securables. Engines cache answers
-- by policy version, so a change of any of these moves the version, in the writer's transaction,
-- whatever route made it (REST, SQL, SCIM, gRPC, a cascade).
--
-- The triggers are deferred constraint triggers: they run at commit, so the row lock on
-- policy_state is taken last and held only for the commit (no lock-order deadlocks with the
-- writer's own rows), and versions still follow commit order. One transaction moves the version
-- once however many rows it touches: policy_state remembers the transaction that last moved it.
ALTER TABLE policy_state ADD COLUMN bumped_in bigint;

CREATE FUNCTION bump_policy_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved bigint;
BEGIN
  UPDATE policy_state SET version = version + 1, bumped_in = txid_current()
   WHERE id = 1 AND bumped_in IS DISTINCT FROM txid_current()
   RETURNING version INTO moved;
  IF moved IS NOT NULL THEN
    PERFORM pg_notify('gatehouse_policy', moved::text);
  END IF;
  RETURN NULL;
END
$$;

-- Securables: created, dropped (cascades included), renamed, moved or given to another owner.
CREATE CONSTRAINT TRIGGER catalogs_policy_rows AFTER INSERT OR DELETE ON catalogs
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_policy_version();
CREATE CONSTRAINT TRIGGER catalogs_policy_change AFTER UPDATE ON catalogs DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.owner IS DISTINCT FROM NEW.owner)
  EXECUTE FUNCTION bump_policy_version();

CREATE CONSTRAINT TRIGGER schemas_policy_rows AFTER INSERT OR DELETE ON schemas
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_policy_version();
CREATE CONSTRAINT TRIGGER schemas_policy_change AFTER UPDATE ON schemas DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.owner IS DISTINCT FROM NEW.owner OR OLD.catalog_id IS DISTINCT FROM NEW.catalog_id)
  EXECUTE FUNCTION bump_policy_version();

CREATE CONSTRAINT TRIGGER tables_policy_rows AFTER INSERT OR DELETE ON tables
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_policy_version();
CREATE CONSTRAINT TRIGGER tables_policy_change AFTER UPDATE ON tables DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.owner IS DISTINCT FROM NEW.owner OR OLD.schema_id IS DISTINCT FROM NEW.schema_id
    OR OLD.storage_location IS DISTINCT FROM NEW.storage_location)
  EXECUTE FUNCTION bump_policy_version();

CREATE CONSTRAINT TRIGGER volumes_policy_rows AFTER INSERT OR DELETE ON volumes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_policy_version();
CREATE CONSTRAINT TRIGGER volumes_policy_change AFTER UPDATE ON volumes DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.owner IS DISTINCT FROM NEW.owner OR OLD.schema_id IS DISTINCT FROM NEW.schema_id
    OR OLD.storage_location IS DISTINCT FROM NEW.storage_location)
  EXECUTE FUNCTION bump_policy_version();

CREATE CONSTRAINT TRIGGER functions_policy_rows AFTER INSERT OR DELETE ON functions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_policy_version();
CREATE CONSTRAINT TRIGGER functions_policy_change AFTER UPDATE ON functions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.owner IS DISTINCT FROM NEW.owner OR OLD.schema_id IS DISTINCT FROM NEW.schema_id
    OR OLD.definition IS DISTINCT FROM NEW.definition)
  EXECUTE FUNCTION bump_policy_version();

CREATE CONSTRAINT TRIGGER external_locations_policy_rows AFTER INSERT OR DELETE ON external_locations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_policy_version();
CREATE CONSTRAINT TRIGGER external_locations_policy_change AFTER UPDATE ON external_locations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.owner IS DISTINCT FROM NEW.owner OR OLD.url IS DISTINCT FROM NEW.url
    OR OLD.credential_id IS DISTINCT FROM NEW.credential_id)
  EXECUTE FUNCTION bump_policy_version();

CREATE CONSTRAINT TRIGGER storage_credentials_policy_rows AFTER INSERT OR DELETE ON storage_credentials
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_policy_version();
CREATE CONSTRAINT TRIGGER storage_credentials_policy_change AFTER UPDATE ON storage_credentials
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.owner IS DISTINCT FROM NEW.owner)
  EXECUTE FUNCTION bump_policy_version();

-- Principals: created (an owner is a name), deleted, renamed, activated or deactivated.
CREATE CONSTRAINT TRIGGER principals_policy_rows AFTER INSERT OR DELETE ON principals
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_policy_version();
CREATE CONSTRAINT TRIGGER principals_policy_change AFTER UPDATE ON principals DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.active IS DISTINCT FROM NEW.active OR OLD.kind IS DISTINCT FROM NEW.kind)
  EXECUTE FUNCTION bump_policy_version();

-- Memberships, grants and denies, row filters and masks: any change of a row.
CREATE CONSTRAINT TRIGGER group_members_policy AFTER INSERT OR DELETE OR UPDATE ON group_members
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_policy_version();
CREATE CONSTRAINT TRIGGER grants_policy AFTER INSERT OR DELETE OR UPDATE ON grants
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_policy_version();
CREATE CONSTRAINT TRIGGER row_filters_policy AFTER INSERT OR DELETE OR UPDATE ON row_filters
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_policy_version();
CREATE CONSTRAINT TRIGGER column_masks_policy AFTER INSERT OR DELETE OR UPDATE ON column_masks
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_policy_version();
