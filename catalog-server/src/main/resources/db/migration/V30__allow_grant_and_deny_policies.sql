-- GRANT and DENY policies (CREATE POLICY ... DENY SELECT ... FOR TABLES WHEN ...) call no
-- function: their definition holds the privileges and the kind of securable they are for.
ALTER TABLE abac_policies ALTER COLUMN function_id DROP NOT NULL;
ALTER TABLE abac_policies ADD CONSTRAINT abac_policies_function_of_type
  CHECK ((policy_type IN ('ROW_FILTER', 'COLUMN_MASK')) = (function_id IS NOT NULL));

-- A policy FOR VOLUMES matches volumes by their tags: while any policy exists, a change of a
-- volume's tags moves the version too (source 'tags'), as V29 does for catalogs, schemas and tables.
CREATE CONSTRAINT TRIGGER volumes_tags_policy AFTER UPDATE ON volumes DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.tags IS DISTINCT FROM NEW.tags) EXECUTE FUNCTION bump_policy_version_for_tags();
