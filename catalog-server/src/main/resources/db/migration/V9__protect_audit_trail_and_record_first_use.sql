-- Two database roles. The owner (this migration's user) owns the schema and runs the migrations;
-- the application's role, what the server's connection pool logs in as, reads and writes every
-- table but may only add audit records and read them: no UPDATE, DELETE or TRUNCATE on audit_log,
-- and, not being its owner, it can neither drop nor disable the triggers that refuse those (V4, V5).
--
-- The application's role is the placeholder app_role (the datasource's user name). It must exist
-- before this runs: creating roles needs a privilege the owner of an external database may lack,
-- so the operator creates it (docs/design-store.md); the embedded store creates gatehouse_app
-- itself. When the application logs in as the owner ('-' or the owner's own name) there is no
-- second role and nothing is granted: only the triggers protect the trail then, and the server
-- says so at start.
--
-- The grants live in a function so that the afterMigrate callback applies them again at every
-- start: to a role created after this migration ran, and to tables of later migrations. The
-- lineage module's schema, migrated after this one, gets the same grants through it.

-- A client secret's first use is audited once: the request whose UPDATE sets this column records it.
ALTER TABLE service_principal_secrets ADD COLUMN first_used_at timestamptz;

CREATE FUNCTION gatehouse_grant_application_role(app text, s text DEFAULT current_schema()) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF app IS NULL OR app IN ('', '-') OR app = current_user THEN
        RAISE NOTICE 'No separate application role: the audit trail is protected by its triggers only.';
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = app) THEN
        RAISE EXCEPTION 'The application role "%" does not exist: create it first (docs/design-store.md).', app;
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = app AND (rolsuper OR rolbypassrls))
        OR pg_has_role(app, (SELECT relowner FROM pg_class WHERE oid = 'audit_log'::regclass), 'USAGE') THEN
        RAISE EXCEPTION 'The application role "%" is a superuser or shares the owner''s rights: it could change the audit trail.', app;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', s, app);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', s, app);
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO %I', s, app);
    EXECUTE format('REVOKE ALL ON audit_log FROM %I', app);
    EXECUTE format('GRANT SELECT, INSERT ON audit_log TO %I', app);
    IF to_regclass(format('%I.flyway_schema_history', s)) IS NOT NULL THEN
        EXECUTE format('REVOKE ALL ON %I.flyway_schema_history FROM %I', s, app);
        EXECUTE format('GRANT SELECT ON %I.flyway_schema_history TO %I', s, app);
    END IF;
    -- Tables and sequences of later migrations, created by the owner, are the application's too.
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', s, app);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I', s, app);
END
$$;
REVOKE ALL ON FUNCTION gatehouse_grant_application_role(text, text) FROM PUBLIC;

REVOKE ALL ON audit_log FROM PUBLIC;

SELECT gatehouse_grant_application_role('${app_role}');
