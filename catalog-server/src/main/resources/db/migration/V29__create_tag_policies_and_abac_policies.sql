-- Governed tags: a tag key whose values are controlled. A key is governed whatever its case
-- ('PII' and 'pii' are one governed tag); an empty allowed_values list allows any value.
CREATE TABLE tag_policies (
    tag_key         varchar(255)  PRIMARY KEY,
    description     text,
    allowed_values  jsonb         NOT NULL DEFAULT '[]',
    created_by      varchar(255)  NOT NULL,
    created_at      timestamptz   NOT NULL,
    updated_by      varchar(255)  NOT NULL,
    updated_at      timestamptz   NOT NULL
);
CREATE UNIQUE INDEX tag_policies_key_ci ON tag_policies (lower(tag_key));

-- Who may assign a governed tag (ASSIGN on it): principals by id, so a rename keeps the permission.
CREATE TABLE tag_policy_assigners (
    tag_key       varchar(255) NOT NULL REFERENCES tag_policies (tag_key) ON DELETE CASCADE,
    principal_id  uuid         NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
    PRIMARY KEY (tag_key, principal_id)
);

-- Attribute-based row filter and column mask policies (CREATE POLICY), named within the
-- securable they are defined on. The definition is the parsed policy as JSON: principals, the
-- WHEN and MATCH COLUMNS conditions, the function's arguments. A function in use cannot be
-- dropped on its own (the foreign key); the policy goes with its securable (the triggers below).
CREATE TABLE abac_policies (
    id                 uuid          PRIMARY KEY,
    name               varchar(255)  NOT NULL,
    on_securable_type  varchar(32)   NOT NULL,
    on_securable_id    uuid          NOT NULL,
    policy_type        varchar(32)   NOT NULL,
    function_id        uuid          NOT NULL REFERENCES functions (id),
    definition         jsonb         NOT NULL,
    comment            text,
    created_by         varchar(255)  NOT NULL,
    created_at         timestamptz   NOT NULL,
    updated_by         varchar(255)  NOT NULL,
    updated_at         timestamptz   NOT NULL
);
CREATE UNIQUE INDEX abac_policies_name ON abac_policies (on_securable_id, lower(name));
CREATE INDEX abac_policies_function ON abac_policies (function_id);

CREATE FUNCTION drop_abac_policies_of_securable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM abac_policies WHERE on_securable_id = OLD.id;
  RETURN OLD;
END
$$;
CREATE TRIGGER catalogs_abac_policies AFTER DELETE ON catalogs FOR EACH ROW EXECUTE FUNCTION drop_abac_policies_of_securable();
CREATE TRIGGER schemas_abac_policies AFTER DELETE ON schemas FOR EACH ROW EXECUTE FUNCTION drop_abac_policies_of_securable();
CREATE TRIGGER tables_abac_policies AFTER DELETE ON tables FOR EACH ROW EXECUTE FUNCTION drop_abac_policies_of_securable();

-- A policy created, replaced or dropped moves the policy version (source 'abac_policies').
CREATE CONSTRAINT TRIGGER abac_policies_policy AFTER INSERT OR DELETE OR UPDATE ON abac_policies
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_policy_version();

-- Tags decide what a policy covers: while any policy exists, a change of tags on a catalog, a
-- schema, a table or in a table's columns moves the version too, logged as source 'tags'. With
-- no policy, tags decide nothing and move nothing.
CREATE FUNCTION bump_policy_version_for_tags() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM abac_policies) THEN
    RETURN NULL;
  END IF;
  UPDATE policy_state SET version = version + 1, bumped_in = txid_current()
   WHERE id = 1 AND bumped_in IS DISTINCT FROM txid_current()
   RETURNING version INTO moved;
  IF moved IS NOT NULL THEN
    PERFORM pg_notify('gatehouse_policy', moved::text);
  ELSE
    SELECT version INTO moved FROM policy_state WHERE id = 1;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM policy_changes WHERE version = moved AND source = 'tags') THEN
    INSERT INTO policy_changes (version, source, op) VALUES (moved, 'tags', TG_OP);
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER catalogs_tags_policy AFTER UPDATE ON catalogs DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.tags IS DISTINCT FROM NEW.tags) EXECUTE FUNCTION bump_policy_version_for_tags();
CREATE CONSTRAINT TRIGGER schemas_tags_policy AFTER UPDATE ON schemas DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.tags IS DISTINCT FROM NEW.tags) EXECUTE FUNCTION bump_policy_version_for_tags();
CREATE CONSTRAINT TRIGGER tables_tags_policy AFTER UPDATE ON tables DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.tags IS DISTINCT FROM NEW.tags OR OLD.columns::text IS DISTINCT FROM NEW.columns::text)
  EXECUTE FUNCTION bump_policy_version_for_tags();
