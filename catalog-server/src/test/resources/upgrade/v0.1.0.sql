-- Gatehouse upgrade test dump, made by scripts/make-upgrade-dump from v0.1.0
-- service principal token: gat_Rj75AMoj0b6dzL_2LWs7dnZbYPy5SIyZQGef9kDGJ70
-- service principal application id: 7613fb0e-5c1d-4cf3-b85d-d26a6c620174
--
-- PostgreSQL database dump
--

\restrict OhSdVdlZJSRdUfjU6vaf0FaG5p3OOLzrdv9twBWARg66SrZZGqtd6BV5IHacEHR

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: lineage; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA "lineage";


--
-- Name: SCHEMA "public"; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA "public" IS 'standard public schema';


--
-- Name: refuse_event_update(); Type: FUNCTION; Schema: lineage; Owner: -
--

CREATE FUNCTION "lineage"."refuse_event_update"() RETURNS "trigger"
    LANGUAGE "plpgsql"
    AS $$
BEGIN
    RAISE EXCEPTION 'lineage.events is append-only';
END
$$;


--
-- Name: state_rank("text"); Type: FUNCTION; Schema: lineage; Owner: -
--

CREATE FUNCTION "lineage"."state_rank"("state" "text") RETURNS integer
    LANGUAGE "sql" IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE state WHEN 'START' THEN 1 WHEN 'RUNNING' THEN 2
                      WHEN 'COMPLETE' THEN 3 WHEN 'ABORT' THEN 3 WHEN 'FAIL' THEN 3 ELSE 0 END
$$;


--
-- Name: audit_log_is_append_only(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION "public"."audit_log_is_append_only"() RETURNS "trigger"
    LANGUAGE "plpgsql"
    AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;


--
-- Name: bump_policy_version(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION "public"."bump_policy_version"() RETURNS "trigger"
    LANGUAGE "plpgsql"
    AS $$
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


--
-- Name: bump_policy_version_for_tags(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION "public"."bump_policy_version_for_tags"() RETURNS "trigger"
    LANGUAGE "plpgsql"
    AS $$
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


--
-- Name: drop_abac_policies_of_securable(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION "public"."drop_abac_policies_of_securable"() RETURNS "trigger"
    LANGUAGE "plpgsql"
    AS $$
BEGIN
  DELETE FROM abac_policies WHERE on_securable_id = OLD.id;
  RETURN OLD;
END
$$;


--
-- Name: drop_workspace_bindings(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION "public"."drop_workspace_bindings"() RETURNS "trigger"
    LANGUAGE "plpgsql"
    AS $$
BEGIN
  DELETE FROM workspace_bindings WHERE securable_id = OLD.id;
  RETURN NULL;
END $$;


--
-- Name: gatehouse_grant_application_role("text", "text"); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION "public"."gatehouse_grant_application_role"("app" "text", "s" "text" DEFAULT "current_schema"()) RETURNS "void"
    LANGUAGE "plpgsql"
    AS $$
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


--
-- Name: gatehouse_settings_changed(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION "public"."gatehouse_settings_changed"() RETURNS "trigger"
    LANGUAGE "plpgsql"
    AS $$
BEGIN
    PERFORM pg_notify('gatehouse_settings', TG_TABLE_NAME);
    RETURN NULL;
END $$;


SET default_tablespace = '';

SET default_table_access_method = "heap";

--
-- Name: column_edges; Type: TABLE; Schema: lineage; Owner: -
--

CREATE TABLE "lineage"."column_edges" (
    "output_dataset_id" "uuid" NOT NULL,
    "output_field" "text" NOT NULL COLLATE "pg_catalog"."C",
    "input_dataset_id" "uuid" NOT NULL,
    "input_field" "text" NOT NULL COLLATE "pg_catalog"."C",
    "job_id" "uuid" NOT NULL,
    "transformation_type" "text",
    "transformation_subtype" "text",
    "transformation_description" "text",
    "transformations" "jsonb",
    "last_run_id" "uuid",
    "updated_at" timestamp with time zone NOT NULL
)
WITH ("fillfactor"='90');


--
-- Name: datasets; Type: TABLE; Schema: lineage; Owner: -
--

CREATE TABLE "lineage"."datasets" (
    "id" "uuid" NOT NULL,
    "namespace" "text" NOT NULL COLLATE "pg_catalog"."C",
    "name" "text" NOT NULL COLLATE "pg_catalog"."C",
    "facets" "jsonb" DEFAULT '{}'::"jsonb" NOT NULL,
    "facets_time" timestamp with time zone,
    "table_id" "uuid",
    "table_full_name" "text",
    "mapped_at" timestamp with time zone,
    "created_at" timestamp with time zone DEFAULT "now"() NOT NULL,
    "updated_at" timestamp with time zone DEFAULT "now"() NOT NULL
)
WITH ("fillfactor"='90');


--
-- Name: events; Type: TABLE; Schema: lineage; Owner: -
--

CREATE TABLE "lineage"."events" (
    "id" "uuid" NOT NULL,
    "received_at" timestamp with time zone DEFAULT "now"() NOT NULL,
    "event_time" timestamp with time zone NOT NULL,
    "kind" character varying(8) NOT NULL,
    "event_type" character varying(16),
    "run_id" "uuid",
    "job_id" "uuid",
    "payload" "jsonb" NOT NULL,
    CONSTRAINT "events_kind_check" CHECK ((("kind")::"text" = ANY ((ARRAY['RUN'::character varying, 'DATASET'::character varying, 'JOB'::character varying])::"text"[])))
);


--
-- Name: flyway_schema_history; Type: TABLE; Schema: lineage; Owner: -
--

CREATE TABLE "lineage"."flyway_schema_history" (
    "installed_rank" integer NOT NULL,
    "version" character varying(50),
    "description" character varying(200) NOT NULL,
    "type" character varying(20) NOT NULL,
    "script" character varying(1000) NOT NULL,
    "checksum" integer,
    "installed_by" character varying(100) NOT NULL,
    "installed_on" timestamp without time zone DEFAULT "now"() NOT NULL,
    "execution_time" integer NOT NULL,
    "success" boolean NOT NULL
);


--
-- Name: installation_keys; Type: TABLE; Schema: lineage; Owner: -
--

CREATE TABLE "lineage"."installation_keys" (
    "name" "text" NOT NULL,
    "key_bytes" "bytea" NOT NULL,
    "created_at" timestamp with time zone DEFAULT "now"() NOT NULL,
    CONSTRAINT "installation_keys_key_bytes_check" CHECK (("octet_length"("key_bytes") >= 32))
);


--
-- Name: job_datasets; Type: TABLE; Schema: lineage; Owner: -
--

CREATE TABLE "lineage"."job_datasets" (
    "dataset_id" "uuid" NOT NULL,
    "output" boolean NOT NULL,
    "job_id" "uuid" NOT NULL,
    "last_run_id" "uuid",
    "updated_at" timestamp with time zone NOT NULL
)
WITH ("fillfactor"='90');


--
-- Name: jobs; Type: TABLE; Schema: lineage; Owner: -
--

CREATE TABLE "lineage"."jobs" (
    "id" "uuid" NOT NULL,
    "namespace" "text" NOT NULL COLLATE "pg_catalog"."C",
    "name" "text" NOT NULL COLLATE "pg_catalog"."C",
    "facets" "jsonb" DEFAULT '{}'::"jsonb" NOT NULL,
    "facets_time" timestamp with time zone,
    "latest_run_id" "uuid",
    "latest_run_time" timestamp with time zone,
    "created_at" timestamp with time zone DEFAULT "now"() NOT NULL,
    "updated_at" timestamp with time zone DEFAULT "now"() NOT NULL
)
WITH ("fillfactor"='90');


--
-- Name: projection_queue; Type: TABLE; Schema: lineage; Owner: -
--

CREATE TABLE "lineage"."projection_queue" (
    "event_id" "uuid" NOT NULL,
    "received_at" timestamp with time zone DEFAULT "now"() NOT NULL,
    "attempts" smallint DEFAULT 0 NOT NULL,
    "last_error" "text"
);


--
-- Name: runs; Type: TABLE; Schema: lineage; Owner: -
--

CREATE TABLE "lineage"."runs" (
    "id" "uuid" NOT NULL,
    "job_id" "uuid" NOT NULL,
    "state" character varying(16) NOT NULL,
    "state_time" timestamp with time zone,
    "started_at" timestamp with time zone,
    "ended_at" timestamp with time zone,
    "last_event_time" timestamp with time zone NOT NULL,
    "facets" "jsonb" DEFAULT '{}'::"jsonb" NOT NULL,
    "facets_time" timestamp with time zone,
    "created_at" timestamp with time zone DEFAULT "now"() NOT NULL
)
WITH ("fillfactor"='80');


--
-- Name: abac_policies; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."abac_policies" (
    "id" "uuid" NOT NULL,
    "name" character varying(255) NOT NULL,
    "on_securable_type" character varying(32) NOT NULL,
    "on_securable_id" "uuid" NOT NULL,
    "policy_type" character varying(32) NOT NULL,
    "function_id" "uuid" NOT NULL,
    "definition" "jsonb" NOT NULL,
    "comment" "text",
    "created_by" character varying(255) NOT NULL,
    "created_at" timestamp with time zone NOT NULL,
    "updated_by" character varying(255) NOT NULL,
    "updated_at" timestamp with time zone NOT NULL
);


--
-- Name: audit_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."audit_log" (
    "id" bigint NOT NULL,
    "occurred_at" timestamp with time zone NOT NULL,
    "request_id" character varying(128),
    "principal" character varying(255),
    "acting_principal" character varying(255),
    "source_address" character varying(64),
    "action" character varying(64) NOT NULL,
    "securable_type" character varying(24),
    "securable_name" "text",
    "result" character varying(16) NOT NULL,
    "detail" "text",
    "securable_names" "text"[]
);


--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE "public"."audit_log_id_seq"
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: audit_log_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE "public"."audit_log_id_seq" OWNED BY "public"."audit_log"."id";


--
-- Name: catalogs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."catalogs" (
    "id" "uuid" NOT NULL,
    "name" character varying(255) NOT NULL,
    "comment" "text",
    "properties" "json" DEFAULT '{}'::"json" NOT NULL,
    "owner" character varying(255) NOT NULL,
    "storage_root" "text",
    "storage_location" "text",
    "created_at" timestamp with time zone NOT NULL,
    "created_by" character varying(255) NOT NULL,
    "updated_at" timestamp with time zone NOT NULL,
    "updated_by" character varying(255) NOT NULL,
    "tags" "jsonb" DEFAULT '{}'::"jsonb" NOT NULL,
    "isolation_mode" character varying(8) DEFAULT 'OPEN'::character varying NOT NULL,
    CONSTRAINT "catalogs_isolation_mode_check" CHECK ((("isolation_mode")::"text" = ANY ((ARRAY['OPEN'::character varying, 'ISOLATED'::character varying])::"text"[])))
);


--
-- Name: column_masks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."column_masks" (
    "table_id" "uuid" NOT NULL,
    "column_name" character varying(255) NOT NULL,
    "function_id" "uuid" NOT NULL,
    "using_columns" "jsonb" DEFAULT '[]'::"jsonb" NOT NULL,
    "set_by" character varying(255) NOT NULL,
    "set_at" timestamp with time zone NOT NULL
);


--
-- Name: external_locations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."external_locations" (
    "id" "uuid" NOT NULL,
    "name" character varying(255) NOT NULL,
    "comment" "text",
    "owner" character varying(255) NOT NULL,
    "url" "text" NOT NULL,
    "credential_id" "uuid" NOT NULL,
    "created_at" timestamp with time zone NOT NULL,
    "created_by" character varying(255) NOT NULL,
    "updated_at" timestamp with time zone NOT NULL,
    "updated_by" character varying(255) NOT NULL,
    "sse_algorithm" character varying(16),
    "kms_key_arn" "text",
    "isolation_mode" character varying(8) DEFAULT 'OPEN'::character varying NOT NULL,
    CONSTRAINT "external_locations_isolation_mode_check" CHECK ((("isolation_mode")::"text" = ANY ((ARRAY['OPEN'::character varying, 'ISOLATED'::character varying])::"text"[]))),
    CONSTRAINT "external_locations_sse" CHECK (((("sse_algorithm" IS NULL) AND ("kms_key_arn" IS NULL)) OR ((("sse_algorithm")::"text" = 'AWS_SSE_S3'::"text") AND ("kms_key_arn" IS NULL)) OR ((("sse_algorithm")::"text" = 'AWS_SSE_KMS'::"text") AND ("kms_key_arn" IS NOT NULL))))
);


--
-- Name: flyway_schema_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."flyway_schema_history" (
    "installed_rank" integer NOT NULL,
    "version" character varying(50),
    "description" character varying(200) NOT NULL,
    "type" character varying(20) NOT NULL,
    "script" character varying(1000) NOT NULL,
    "checksum" integer,
    "installed_by" character varying(100) NOT NULL,
    "installed_on" timestamp without time zone DEFAULT "now"() NOT NULL,
    "execution_time" integer NOT NULL,
    "success" boolean NOT NULL
);


--
-- Name: functions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."functions" (
    "id" "uuid" NOT NULL,
    "schema_id" "uuid" NOT NULL,
    "name" character varying(255) NOT NULL,
    "definition" "jsonb" NOT NULL,
    "comment" "text",
    "owner" character varying(255) NOT NULL,
    "created_at" timestamp with time zone NOT NULL,
    "created_by" character varying(255) NOT NULL,
    "updated_at" timestamp with time zone NOT NULL,
    "updated_by" character varying(255) NOT NULL
);


--
-- Name: grants; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."grants" (
    "securable_type" character varying(24) NOT NULL,
    "securable_id" "uuid" NOT NULL,
    "principal_id" "uuid" NOT NULL,
    "privilege" character varying(32) NOT NULL,
    "granted_by" character varying(255) NOT NULL,
    "granted_at" timestamp with time zone NOT NULL,
    "deny" boolean DEFAULT false NOT NULL
);


--
-- Name: group_members; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."group_members" (
    "group_id" "uuid" NOT NULL,
    "member_id" "uuid" NOT NULL
);


--
-- Name: iceberg_tables; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."iceberg_tables" (
    "table_id" "uuid" NOT NULL,
    "metadata_location" "text" NOT NULL,
    "updated_at" timestamp with time zone NOT NULL
);


--
-- Name: instance_profiles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."instance_profiles" (
    "id" "uuid" NOT NULL,
    "instance_profile_arn" character varying(2048) NOT NULL,
    "iam_role_arn" character varying(2048) NOT NULL,
    "is_meta_instance_profile" boolean DEFAULT false NOT NULL,
    "created_at" timestamp with time zone NOT NULL,
    "created_by" character varying(255) NOT NULL,
    "updated_at" timestamp with time zone NOT NULL,
    "updated_by" character varying(255) NOT NULL
);


--
-- Name: ip_access_lists; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."ip_access_lists" (
    "list_id" "uuid" NOT NULL,
    "workspace_id" bigint DEFAULT 0 NOT NULL,
    "label" character varying(255) NOT NULL,
    "list_type" character varying(8) NOT NULL,
    "ip_addresses" "text"[] NOT NULL,
    "enabled" boolean NOT NULL,
    "created_at" timestamp with time zone NOT NULL,
    "created_by" character varying(255) NOT NULL,
    "updated_at" timestamp with time zone NOT NULL,
    "updated_by" character varying(255) NOT NULL,
    CONSTRAINT "ip_access_lists_list_type_check" CHECK ((("list_type")::"text" = ANY ((ARRAY['ALLOW'::character varying, 'BLOCK'::character varying])::"text"[])))
);


--
-- Name: metastore; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."metastore" (
    "id" "uuid" NOT NULL,
    "name" character varying(255) NOT NULL,
    "created_at" timestamp with time zone NOT NULL
);


--
-- Name: model_versions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."model_versions" (
    "id" "uuid" NOT NULL,
    "model_id" "uuid" NOT NULL,
    "version" bigint NOT NULL,
    "source" "text" NOT NULL,
    "run_id" character varying(255),
    "status" character varying(32) NOT NULL,
    "storage_location" "text" NOT NULL,
    "comment" "text",
    "created_at" timestamp with time zone NOT NULL,
    "created_by" character varying(255) NOT NULL,
    "updated_at" timestamp with time zone NOT NULL,
    "updated_by" character varying(255) NOT NULL,
    CONSTRAINT "model_versions_status" CHECK ((("status")::"text" = ANY ((ARRAY['PENDING_REGISTRATION'::character varying, 'FAILED_REGISTRATION'::character varying, 'READY'::character varying])::"text"[])))
);


--
-- Name: policy_changes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."policy_changes" (
    "version" bigint NOT NULL,
    "source" "text" NOT NULL,
    "op" "text" NOT NULL,
    "row_id" "uuid",
    "recorded_at" timestamp with time zone DEFAULT "now"() NOT NULL
);


--
-- Name: policy_state; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."policy_state" (
    "id" integer NOT NULL,
    "version" bigint NOT NULL,
    "bumped_in" bigint,
    "changes_from" bigint DEFAULT 0 NOT NULL,
    CONSTRAINT "policy_state_id_check" CHECK (("id" = 1))
);


--
-- Name: principal_entitlements; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."principal_entitlements" (
    "principal_id" "uuid" NOT NULL,
    "entitlement" character varying(64) NOT NULL
);


--
-- Name: principal_roles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."principal_roles" (
    "principal_id" "uuid" NOT NULL,
    "instance_profile_id" "uuid" NOT NULL
);


--
-- Name: principals; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."principals" (
    "id" "uuid" NOT NULL,
    "kind" character varying(24) NOT NULL,
    "name" character varying(255) NOT NULL,
    "display_name" character varying(255),
    "external_id" character varying(255),
    "active" boolean DEFAULT true NOT NULL,
    "scim" "jsonb" DEFAULT '{}'::"jsonb" NOT NULL,
    "version" bigint DEFAULT 1 NOT NULL,
    "created_at" timestamp with time zone NOT NULL,
    "updated_at" timestamp with time zone NOT NULL
);


--
-- Name: registered_models; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."registered_models" (
    "id" "uuid" NOT NULL,
    "schema_id" "uuid" NOT NULL,
    "name" character varying(255) NOT NULL,
    "storage_location" "text" NOT NULL,
    "last_version" bigint DEFAULT 0 NOT NULL,
    "comment" "text",
    "owner" character varying(255) NOT NULL,
    "created_at" timestamp with time zone NOT NULL,
    "created_by" character varying(255) NOT NULL,
    "updated_at" timestamp with time zone NOT NULL,
    "updated_by" character varying(255) NOT NULL
);


--
-- Name: row_filters; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."row_filters" (
    "table_id" "uuid" NOT NULL,
    "function_id" "uuid" NOT NULL,
    "columns" "jsonb" NOT NULL,
    "set_by" character varying(255) NOT NULL,
    "set_at" timestamp with time zone NOT NULL
);


--
-- Name: saml_sign_in_requests; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."saml_sign_in_requests" (
    "id" character varying(64) NOT NULL,
    "return_to" "text" NOT NULL,
    "expires_at" timestamp with time zone NOT NULL,
    "workspace_id" bigint DEFAULT 0 NOT NULL
);


--
-- Name: schemas; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."schemas" (
    "id" "uuid" NOT NULL,
    "catalog_id" "uuid" NOT NULL,
    "name" character varying(255) NOT NULL,
    "comment" "text",
    "properties" "json" DEFAULT '{}'::"json" NOT NULL,
    "owner" character varying(255) NOT NULL,
    "storage_root" "text",
    "storage_location" "text",
    "created_at" timestamp with time zone NOT NULL,
    "created_by" character varying(255) NOT NULL,
    "updated_at" timestamp with time zone NOT NULL,
    "updated_by" character varying(255) NOT NULL,
    "tags" "jsonb" DEFAULT '{}'::"jsonb" NOT NULL
);


--
-- Name: storage_credentials; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."storage_credentials" (
    "id" "uuid" NOT NULL,
    "name" character varying(255) NOT NULL,
    "comment" "text",
    "owner" character varying(255) NOT NULL,
    "purpose" character varying(16) DEFAULT 'STORAGE'::character varying NOT NULL,
    "role_arn" character varying(2048) NOT NULL,
    "external_id" character varying(255) NOT NULL,
    "access_mode" character varying(32) DEFAULT 'CATALOG_ROLE'::character varying NOT NULL,
    "created_at" timestamp with time zone NOT NULL,
    "created_by" character varying(255) NOT NULL,
    "updated_at" timestamp with time zone NOT NULL,
    "updated_by" character varying(255) NOT NULL,
    "data_role_arns" "jsonb" DEFAULT '[]'::"jsonb" NOT NULL,
    "isolation_mode" character varying(8) DEFAULT 'OPEN'::character varying NOT NULL,
    CONSTRAINT "storage_credentials_isolation_mode_check" CHECK ((("isolation_mode")::"text" = ANY ((ARRAY['OPEN'::character varying, 'ISOLATED'::character varying])::"text"[])))
);


--
-- Name: tables; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."tables" (
    "id" "uuid" NOT NULL,
    "schema_id" "uuid" NOT NULL,
    "name" character varying(255) NOT NULL,
    "table_type" character varying(32) NOT NULL,
    "data_source_format" character varying(16),
    "columns" "json" DEFAULT '[]'::"json" NOT NULL,
    "storage_location" "text",
    "view_definition" "text",
    "view_dependencies" "json",
    "comment" "text",
    "properties" "json" DEFAULT '{}'::"json" NOT NULL,
    "owner" character varying(255) NOT NULL,
    "created_at" timestamp with time zone NOT NULL,
    "created_by" character varying(255) NOT NULL,
    "updated_at" timestamp with time zone NOT NULL,
    "updated_by" character varying(255) NOT NULL,
    "row_filter" "jsonb",
    "tags" "jsonb" DEFAULT '{}'::"jsonb" NOT NULL
);


--
-- Name: volumes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."volumes" (
    "id" "uuid" NOT NULL,
    "schema_id" "uuid" NOT NULL,
    "name" character varying(255) NOT NULL,
    "volume_type" character varying(16) NOT NULL,
    "storage_location" "text" NOT NULL,
    "comment" "text",
    "owner" character varying(255) NOT NULL,
    "created_at" timestamp with time zone NOT NULL,
    "created_by" character varying(255) NOT NULL,
    "updated_at" timestamp with time zone NOT NULL,
    "updated_by" character varying(255) NOT NULL,
    "tags" "jsonb" DEFAULT '{}'::"jsonb" NOT NULL
);


--
-- Name: securable_paths; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW "public"."securable_paths" AS
 SELECT "o"."securable_type",
    "o"."securable_id",
    COALESCE("s"."catalog_id", "o"."securable_id") AS "root_id",
    "o"."schema_id",
    "o"."object_id",
        CASE
            WHEN ("o"."schema_id" IS NULL) THEN "o"."name"
            WHEN ("o"."object_id" IS NULL) THEN ((("c"."name")::"text" || '.'::"text") || "o"."name")
            ELSE ((((("c"."name")::"text" || '.'::"text") || ("s"."name")::"text") || '.'::"text") || "o"."name")
        END AS "full_name"
   FROM ((( SELECT 'METASTORE'::"text" AS "securable_type",
            "metastore"."id" AS "securable_id",
            NULL::"uuid" AS "schema_id",
            NULL::"uuid" AS "object_id",
            ("metastore"."name")::"text" AS "name"
           FROM "public"."metastore"
        UNION ALL
         SELECT 'CATALOG'::"text" AS "text",
            "catalogs"."id",
            NULL::"uuid" AS "uuid",
            NULL::"uuid" AS "uuid",
            ("catalogs"."name")::"text" AS "name"
           FROM "public"."catalogs"
        UNION ALL
         SELECT 'SCHEMA'::"text" AS "text",
            "schemas"."id",
            "schemas"."id",
            NULL::"uuid" AS "uuid",
            ("schemas"."name")::"text" AS "name"
           FROM "public"."schemas"
        UNION ALL
         SELECT 'TABLE'::"text" AS "text",
            "tables"."id",
            "tables"."schema_id",
            "tables"."id",
            ("tables"."name")::"text" AS "name"
           FROM "public"."tables"
        UNION ALL
         SELECT 'VOLUME'::"text" AS "text",
            "volumes"."id",
            "volumes"."schema_id",
            "volumes"."id",
            ("volumes"."name")::"text" AS "name"
           FROM "public"."volumes"
        UNION ALL
         SELECT 'FUNCTION'::"text" AS "text",
            "functions"."id",
            "functions"."schema_id",
            "functions"."id",
            ("functions"."name")::"text" AS "name"
           FROM "public"."functions"
        UNION ALL
         SELECT 'EXTERNAL_LOCATION'::"text" AS "text",
            "external_locations"."id",
            NULL::"uuid" AS "uuid",
            NULL::"uuid" AS "uuid",
            ("external_locations"."name")::"text" AS "name"
           FROM "public"."external_locations"
        UNION ALL
         SELECT 'STORAGE_CREDENTIAL'::"text" AS "text",
            "storage_credentials"."id",
            NULL::"uuid" AS "uuid",
            NULL::"uuid" AS "uuid",
            ("storage_credentials"."name")::"text" AS "name"
           FROM "public"."storage_credentials"
        UNION ALL
         SELECT 'REGISTERED_MODEL'::"text" AS "text",
            "registered_models"."id",
            "registered_models"."schema_id",
            "registered_models"."id",
            ("registered_models"."name")::"text" AS "name"
           FROM "public"."registered_models") "o"
     LEFT JOIN "public"."schemas" "s" ON (("s"."id" = "o"."schema_id")))
     LEFT JOIN "public"."catalogs" "c" ON (("c"."id" = "s"."catalog_id")));


--
-- Name: service_principal_secrets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."service_principal_secrets" (
    "id" character varying(64) NOT NULL,
    "principal_id" "uuid" NOT NULL,
    "hash" "bytea" NOT NULL,
    "created_at" timestamp with time zone NOT NULL,
    "expires_at" timestamp with time zone,
    "first_used_at" timestamp with time zone
);


--
-- Name: staging_tables; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."staging_tables" (
    "id" "uuid" NOT NULL,
    "schema_id" "uuid" NOT NULL,
    "name" character varying(255) NOT NULL,
    "staging_location" "text" NOT NULL,
    "created_at" timestamp with time zone NOT NULL,
    "created_by" character varying(255) NOT NULL
);


--
-- Name: storage_locations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."storage_locations" (
    "location" "text" NOT NULL,
    "securable_type" character varying(16) NOT NULL,
    "securable_id" "uuid" NOT NULL
);


--
-- Name: tag_policies; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."tag_policies" (
    "tag_key" character varying(255) NOT NULL,
    "description" "text",
    "allowed_values" "jsonb" DEFAULT '[]'::"jsonb" NOT NULL,
    "created_by" character varying(255) NOT NULL,
    "created_at" timestamp with time zone NOT NULL,
    "updated_by" character varying(255) NOT NULL,
    "updated_at" timestamp with time zone NOT NULL
);


--
-- Name: tag_policy_assigners; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."tag_policy_assigners" (
    "tag_key" character varying(255) NOT NULL,
    "principal_id" "uuid" NOT NULL
);


--
-- Name: token_permissions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."token_permissions" (
    "workspace_id" bigint DEFAULT 0 NOT NULL,
    "principal_id" "uuid"
);


--
-- Name: tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."tokens" (
    "id" character varying(64) NOT NULL,
    "principal_id" "uuid" NOT NULL,
    "hash" "bytea" NOT NULL,
    "kind" character varying(16) NOT NULL,
    "comment" "text",
    "created_by" "uuid",
    "created_at" timestamp with time zone NOT NULL,
    "expires_at" timestamp with time zone,
    "last_used_at" timestamp with time zone,
    "workspace_id" bigint DEFAULT 0 NOT NULL
);


--
-- Name: workspace_assignments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."workspace_assignments" (
    "workspace_id" bigint NOT NULL,
    "principal_id" "uuid" NOT NULL,
    "permission" character varying(8) NOT NULL,
    CONSTRAINT "workspace_assignments_permission_check" CHECK ((("permission")::"text" = ANY ((ARRAY['USER'::character varying, 'ADMIN'::character varying])::"text"[])))
);


--
-- Name: workspace_bindings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."workspace_bindings" (
    "securable_type" character varying(32) NOT NULL,
    "securable_id" "uuid" NOT NULL,
    "workspace_id" bigint NOT NULL,
    "binding_type" character varying(32) NOT NULL,
    CONSTRAINT "workspace_bindings_binding_type_check" CHECK ((("binding_type")::"text" = ANY ((ARRAY['BINDING_TYPE_READ_WRITE'::character varying, 'BINDING_TYPE_READ_ONLY'::character varying])::"text"[]))),
    CONSTRAINT "workspace_bindings_securable_type_check" CHECK ((("securable_type")::"text" = ANY ((ARRAY['CATALOG'::character varying, 'EXTERNAL_LOCATION'::character varying, 'STORAGE_CREDENTIAL'::character varying])::"text"[])))
);


--
-- Name: workspace_conf; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."workspace_conf" (
    "workspace_id" bigint DEFAULT 0 NOT NULL,
    "key" character varying(128) NOT NULL,
    "value" character varying(1024) NOT NULL,
    "updated_at" timestamp with time zone NOT NULL,
    "updated_by" character varying(255) NOT NULL
);


--
-- Name: workspaces; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."workspaces" (
    "workspace_id" bigint NOT NULL,
    "workspace_name" character varying(255) NOT NULL,
    "deployment_name" character varying(63),
    "workspace_status" character varying(32) DEFAULT 'RUNNING'::character varying NOT NULL,
    "created_at" timestamp with time zone NOT NULL,
    "created_by" character varying(255) NOT NULL,
    CONSTRAINT "workspaces_workspace_status_check" CHECK ((("workspace_status")::"text" = ANY ((ARRAY['RUNNING'::character varying, 'PROVISIONING'::character varying, 'FAILED'::character varying, 'BANNED'::character varying, 'CANCELLING'::character varying, 'NOT_PROVISIONED'::character varying])::"text"[])))
);


--
-- Name: audit_log id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."audit_log" ALTER COLUMN "id" SET DEFAULT "nextval"('"public"."audit_log_id_seq"'::"regclass");


--
-- Data for Name: column_edges; Type: TABLE DATA; Schema: lineage; Owner: -
--



--
-- Data for Name: datasets; Type: TABLE DATA; Schema: lineage; Owner: -
--

INSERT INTO "lineage"."datasets" ("id", "namespace", "name", "facets", "facets_time", "table_id", "table_full_name", "mapped_at", "created_at", "updated_at") VALUES ('d4d20a93-60c0-548c-ba33-019fb6f60366', 'gatehouse', 'sales.orders.orders', '{}', NULL, 'b7299b11-7a7a-4771-88c7-a645835ce2c3', 'sales.orders.orders', '2026-12-07 07:13:49.847512+00', '2026-12-07 07:13:49.847512+00', '2026-12-07 07:13:49.847512+00');
INSERT INTO "lineage"."datasets" ("id", "namespace", "name", "facets", "facets_time", "table_id", "table_full_name", "mapped_at", "created_at", "updated_at") VALUES ('f2597a45-864f-56a1-b743-2683d98efb78', 's3://gatehouse-upgrade', 'raw/events', '{}', NULL, 'b0267db4-06ba-40dc-9134-677d08fe37f9', 'sales.orders.raw_events', '2026-12-07 07:13:49.847512+00', '2026-12-07 07:13:49.847512+00', '2026-12-07 07:13:49.847512+00');


--
-- Data for Name: events; Type: TABLE DATA; Schema: lineage; Owner: -
--

INSERT INTO "lineage"."events" ("id", "received_at", "event_time", "kind", "event_type", "run_id", "job_id", "payload") VALUES ('0e7b9ffb-6df4-8bcf-8640-e48f04a483d8', '2026-12-07 07:13:49.844658+00', '2026-12-01 10:00:00+00', 'RUN', 'COMPLETE', '0192f0c4-7d8a-7b3e-9a6e-2f1d3c4b5a69', 'babf7676-4405-5234-8d33-a6a072d9aae2', '{"job": {"name": "load_orders", "namespace": "etl"}, "run": {"runId": "0192f0c4-7d8a-7b3e-9a6e-2f1d3c4b5a69"}, "inputs": [{"name": "raw/events", "namespace": "s3://gatehouse-upgrade"}], "outputs": [{"name": "sales.orders.orders", "namespace": "gatehouse"}], "producer": "https://example.com/upgrade", "eventTime": "2026-12-01T10:00:00Z", "eventType": "COMPLETE", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"}');


--
-- Data for Name: flyway_schema_history; Type: TABLE DATA; Schema: lineage; Owner: -
--

INSERT INTO "lineage"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (0, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', '"lineage"', NULL, 'gatehouse_owner', '2026-12-07 07:13:47.408341', 0, true);
INSERT INTO "lineage"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (1, '1', 'create lineage', 'SQL', 'V1__create_lineage.sql', -1742442543, 'gatehouse_owner', '2026-12-07 07:13:47.422828', 25, true);
INSERT INTO "lineage"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (2, '2', 'create installation keys', 'SQL', 'V2__create_installation_keys.sql', 871325287, 'gatehouse_owner', '2026-12-07 07:13:47.45619', 6, true);
INSERT INTO "lineage"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (3, '3', 'create projection queue', 'SQL', 'V3__create_projection_queue.sql', 75287038, 'gatehouse_owner', '2026-12-07 07:13:47.46677', 7, true);


--
-- Data for Name: installation_keys; Type: TABLE DATA; Schema: lineage; Owner: -
--

INSERT INTO "lineage"."installation_keys" ("name", "key_bytes", "created_at") VALUES ('public-ids', '\x51564225898d11b742ef276e0e0cb89a6adacab8641ad9d7fdc66aa84b7cb282', '2026-12-07 07:13:47.503017+00');


--
-- Data for Name: job_datasets; Type: TABLE DATA; Schema: lineage; Owner: -
--

INSERT INTO "lineage"."job_datasets" ("dataset_id", "output", "job_id", "last_run_id", "updated_at") VALUES ('d4d20a93-60c0-548c-ba33-019fb6f60366', true, 'babf7676-4405-5234-8d33-a6a072d9aae2', '0192f0c4-7d8a-7b3e-9a6e-2f1d3c4b5a69', '2026-12-01 10:00:00+00');
INSERT INTO "lineage"."job_datasets" ("dataset_id", "output", "job_id", "last_run_id", "updated_at") VALUES ('f2597a45-864f-56a1-b743-2683d98efb78', false, 'babf7676-4405-5234-8d33-a6a072d9aae2', '0192f0c4-7d8a-7b3e-9a6e-2f1d3c4b5a69', '2026-12-01 10:00:00+00');


--
-- Data for Name: jobs; Type: TABLE DATA; Schema: lineage; Owner: -
--

INSERT INTO "lineage"."jobs" ("id", "namespace", "name", "facets", "facets_time", "latest_run_id", "latest_run_time", "created_at", "updated_at") VALUES ('babf7676-4405-5234-8d33-a6a072d9aae2', 'etl', 'load_orders', '{}', NULL, '0192f0c4-7d8a-7b3e-9a6e-2f1d3c4b5a69', '2026-12-01 10:00:00+00', '2026-12-07 07:13:49.847512+00', '2026-12-07 07:13:49.847512+00');


--
-- Data for Name: projection_queue; Type: TABLE DATA; Schema: lineage; Owner: -
--



--
-- Data for Name: runs; Type: TABLE DATA; Schema: lineage; Owner: -
--

INSERT INTO "lineage"."runs" ("id", "job_id", "state", "state_time", "started_at", "ended_at", "last_event_time", "facets", "facets_time", "created_at") VALUES ('0192f0c4-7d8a-7b3e-9a6e-2f1d3c4b5a69', 'babf7676-4405-5234-8d33-a6a072d9aae2', 'COMPLETE', '2026-12-01 10:00:00+00', NULL, '2026-12-01 10:00:00+00', '2026-12-01 10:00:00+00', '{}', NULL, '2026-12-07 07:13:49.847512+00');


--
-- Data for Name: abac_policies; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."abac_policies" ("id", "name", "on_securable_type", "on_securable_id", "policy_type", "function_id", "definition", "comment", "created_by", "created_at", "updated_by", "updated_at") VALUES ('93e49b75-fa02-4d1e-840b-fffc0b502e85', 'mask_amounts', 'SCHEMA', 'd271b828-a03b-4b83-ba87-c935e5172fb5', 'COLUMN_MASK', '62033f07-d0c7-4784-b49a-369bed70c545', '{"using": [], "on_column": "a", "match_columns": [{"alias": "a", "condition": "hasTagValue(''finance'', ''amount'')"}], "to_principals": ["account users"], "except_principals": ["data-eng"]}', 'amounts for data-eng only', 'admin', '2026-12-07 07:13:49.383582+00', 'admin', '2026-12-07 07:13:49.383582+00');


--
-- Data for Name: audit_log; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (1, '2026-12-07 07:13:47.731487+00', NULL, 'admin', NULL, '127.0.0.1', 'USE_TOKEN_FIRST_TIME', 'TOKEN', '6470e802ea50a86847d1c220e1f02639', 'SUCCEEDED', 'kind=PAT', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (2, '2026-12-07 07:13:47.799786+00', '0f3993c0-1eed-4161-8d3a-934bbb68c139', 'admin', NULL, '127.0.0.1', 'CREATE_USER', 'user', 'alice@example.com', 'SUCCEEDED', 'active=true, id=79195563-3364-4a82-ab67-4a09f5875328', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (3, '2026-12-07 07:13:47.903073+00', 'ebf7ac7a-14a8-4594-9b80-e9de085051d6', 'admin', NULL, '127.0.0.1', 'CREATE_USER', 'user', 'bob@example.com', 'SUCCEEDED', 'active=true, id=e3a189b9-3e16-4b7b-9f98-71e06c624b81', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (4, '2026-12-07 07:13:48.017073+00', 'a9fd17fe-2c85-466b-8883-f3fc2c49149c', 'admin', NULL, '127.0.0.1', 'CREATE_USER', 'user', 'carol@example.com', 'SUCCEEDED', 'active=true, id=0e113605-3fb2-4777-9d33-9637b31888b6', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (5, '2026-12-07 07:13:48.110884+00', '48c5c6f8-0cab-4ea7-a896-1f8bcda96616', 'admin', NULL, '127.0.0.1', 'CREATE_SERVICE_PRINCIPAL', 'serviceprincipal', '7613fb0e-5c1d-4cf3-b85d-d26a6c620174', 'SUCCEEDED', 'active=true, id=3d4371c7-2610-479b-9f08-569ffdd29295', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (6, '2026-12-07 07:13:48.344739+00', '462d9b18-bc26-4583-93cd-821737ff6cd5', 'admin', NULL, '127.0.0.1', 'CREATE_GROUP', 'group', 'analysts', 'SUCCEEDED', 'active=true, id=05e7a640-53cb-4fe7-9705-05588dc6d319', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (7, '2026-12-07 07:13:48.443171+00', 'f9b4d47f-a201-45ed-bb8a-b40208509924', 'admin', NULL, '127.0.0.1', 'CREATE_GROUP', 'group', 'contractors', 'SUCCEEDED', 'active=true, id=d5fcb056-657d-4a78-9218-51cdd86d63e1', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (8, '2026-12-07 07:13:48.543738+00', '36457593-de68-4771-b9a8-ccb32d0b5711', 'admin', NULL, '127.0.0.1', 'CREATE_GROUP', 'group', 'staff', 'SUCCEEDED', 'active=true, id=fc373ea1-f5cf-4d5b-a53e-c9f18057fd16', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (9, '2026-12-07 07:13:48.628988+00', 'bf2e76b2-7cec-47a8-a922-2a1540b62cae', 'admin', NULL, '127.0.0.1', 'CREATE_GROUP', 'group', 'data-eng', 'SUCCEEDED', 'active=true, id=90d50cf2-dc2c-405e-be29-ca4e435f623a', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (10, '2026-12-07 07:13:48.812955+00', '61b49471-9d9f-4d41-bfd2-936c2565112b', 'admin', NULL, '127.0.0.1', 'CREATE_TOKEN', 'TOKEN', '4e29a3ef4b7bfca5f9bef541e1891e6c', 'SUCCEEDED', 'kind=PAT (on-behalf-of), owner=7613fb0e-5c1d-4cf3-b85d-d26a6c620174, expires=never, workspace=0', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (11, '2026-12-07 07:13:48.872629+00', '9700d4c9-e4e2-4616-88d5-9d50dc3022a6', 'admin', NULL, '127.0.0.1', 'CREATE_STORAGE_CREDENTIAL', 'metastore', 'gatehouse', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (12, '2026-12-07 07:13:48.924023+00', '6741f53f-f869-4758-b80a-4705e560a587', 'admin', NULL, '127.0.0.1', 'CREATE_EXTERNAL_LOCATION', 'metastore', 'gatehouse', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (13, '2026-12-07 07:13:48.926372+00', '6741f53f-f869-4758-b80a-4705e560a587', 'admin', NULL, '127.0.0.1', 'CREATE_EXTERNAL_LOCATION', 'credential', 'upgrade_cred', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (14, '2026-12-07 07:13:49.001978+00', '77dd5180-987b-48a3-a6e7-02452d7e6382', 'admin', NULL, '127.0.0.1', 'CREATE_TAG_POLICY', 'METASTORE', 'sensitivity', 'SUCCEEDED', 'values [high, low]', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (15, '2026-12-07 07:13:49.179501+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'CREATE_CATALOG', 'metastore', 'gatehouse', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (16, '2026-12-07 07:13:49.195176+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'CREATE_SCHEMA', 'catalog', 'sales', 'ALLOWED', 'metastore admin; metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (17, '2026-12-07 07:13:49.212719+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'CREATE_TABLE', 'schema', 'sales.orders', 'ALLOWED', 'metastore admin; metastore admin; metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (18, '2026-12-07 07:13:49.246615+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'CREATE_TABLE', 'schema', 'sales.orders', 'ALLOWED', 'metastore admin; metastore admin; metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (19, '2026-12-07 07:13:49.255407+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'CREATE_TABLE', 'external_location', 'raw_bucket', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (20, '2026-12-07 07:13:49.26106+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'CREATE_VOLUME', 'schema', 'sales.orders', 'ALLOWED', 'metastore admin; metastore admin; metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (21, '2026-12-07 07:13:49.278958+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'CREATE_FUNCTION', 'schema', 'sales.orders', 'ALLOWED', 'metastore admin; metastore admin; metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (22, '2026-12-07 07:13:49.292511+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'CREATE_FUNCTION', 'schema', 'sales.orders', 'ALLOWED', 'metastore admin; metastore admin; metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (23, '2026-12-07 07:13:49.297433+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'CREATE_FUNCTION', 'schema', 'sales.orders', 'ALLOWED', 'metastore admin; metastore admin; metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (24, '2026-12-07 07:13:49.309246+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'GET_TABLE', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (25, '2026-12-07 07:13:49.311118+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'SET_ROW_FILTER', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (26, '2026-12-07 07:13:49.314592+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'GET_FUNCTION', 'function', 'sales.orders.region_filter', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (27, '2026-12-07 07:13:49.315366+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'SET_ROW_FILTER', 'function', 'sales.orders.region_filter', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (28, '2026-12-07 07:13:49.332247+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'SET_ROW_FILTER', 'table', 'sales.orders.orders', 'SUCCEEDED', 'sales.orders.region_filter ON (region)', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (29, '2026-12-07 07:13:49.344172+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'GET_TABLE', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (30, '2026-12-07 07:13:49.345635+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'SET_COLUMN_MASK', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (31, '2026-12-07 07:13:49.350051+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'GET_FUNCTION', 'function', 'sales.orders.ssn_mask', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (32, '2026-12-07 07:13:49.350407+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'SET_COLUMN_MASK', 'function', 'sales.orders.ssn_mask', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (33, '2026-12-07 07:13:49.356835+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'SET_COLUMN_MASK', 'table', 'sales.orders.orders', 'SUCCEEDED', 'ssn: sales.orders.ssn_mask', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (34, '2026-12-07 07:13:49.36271+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'GET_TABLE', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (35, '2026-12-07 07:13:49.363546+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'SET_TAGS', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (36, '2026-12-07 07:13:49.365627+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'SET_TAGS', 'table', 'sales.orders.orders', 'SUCCEEDED', '{"domain":"sales","sensitivity":"high"}', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (37, '2026-12-07 07:13:49.368475+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'GET_TABLE', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (38, '2026-12-07 07:13:49.368961+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'SET_TAGS', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (39, '2026-12-07 07:13:49.37159+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'SET_TAGS', 'table', 'sales.orders.orders', 'SUCCEEDED', 'amount', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (40, '2026-12-07 07:13:49.374765+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'GET_SCHEMA', 'schema', 'sales.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (41, '2026-12-07 07:13:49.375502+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'MANAGE_POLICY', 'schema', 'sales.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (42, '2026-12-07 07:13:49.376751+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'GET_FUNCTION', 'function', 'sales.orders.amount_mask', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (43, '2026-12-07 07:13:49.37829+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'MANAGE_POLICY', 'function', 'sales.orders.amount_mask', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (44, '2026-12-07 07:13:49.387737+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'CREATE_POLICY', 'schema', 'sales.orders', 'SUCCEEDED', 'mask_amounts: COLUMN MASK sales.orders.amount_mask', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (46, '2026-12-07 07:13:49.398252+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'GRANT', 'catalog', 'sales', 'SUCCEEDED', 'USE CATALOG to staff', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (48, '2026-12-07 07:13:49.404051+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'GRANT', 'schema', 'sales.orders', 'SUCCEEDED', 'USE SCHEMA to staff', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (50, '2026-12-07 07:13:49.406185+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'GRANT', 'schema', 'sales.orders', 'SUCCEEDED', 'SELECT to staff', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (52, '2026-12-07 07:13:49.40882+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'GRANT', 'function', 'sales.orders.region_filter', 'SUCCEEDED', 'EXECUTE to staff', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (54, '2026-12-07 07:13:49.414106+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'GRANT', 'volume', 'sales.orders.files', 'SUCCEEDED', 'READ VOLUME to analysts', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (56, '2026-12-07 07:13:49.41704+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'DENY', 'table', 'sales.orders.orders', 'SUCCEEDED', 'SELECT to contractors', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (58, '2026-12-07 07:13:49.419163+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'GRANT', 'table', 'sales.orders.raw_events', 'SUCCEEDED', 'MODIFY to 7613fb0e-5c1d-4cf3-b85d-d26a6c620174', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (60, '2026-12-07 07:13:49.424226+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'CHANGE_OWNER', 'table', 'sales.orders.raw_events', 'SUCCEEDED', 'from admin to data-eng', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (64, '2026-12-07 07:13:49.431044+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'GRANT', 'catalog', 'finance', 'SUCCEEDED', 'USE CATALOG to bob@example.com', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (68, '2026-12-07 07:13:49.647402+00', 'be89f499-6763-4746-b49d-829bf04f4937', 'admin', NULL, '127.0.0.1', 'CREATE_WORKSPACE', 'WORKSPACE', '6815021304635476', 'SUCCEEDED', 'name=analytics, deployment=analytics', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (70, '2026-12-07 07:13:49.745278+00', '24426cae-0264-458d-a60c-737a357a8b66', 'admin', NULL, '127.0.0.1', 'UPDATE_WORKSPACE_BINDINGS', 'catalog', 'finance', 'SUCCEEDED', 'add={6815021304635476=BINDING_TYPE_READ_ONLY}, remove=[]', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (71, '2026-12-07 07:13:49.791989+00', 'ba59a709-db1c-4219-8fff-ddd8cc96b003', 'admin', NULL, '127.0.0.1', 'ASSIGN_WORKSPACE_PERMISSION', 'WORKSPACE', '6815021304635476', 'SUCCEEDED', 'principal=alice@example.com, permission=USER', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (74, '2026-12-07 07:13:49.892017+00', '76152e94-2b73-4f9b-82b4-707c0eb685ed', '7613fb0e-5c1d-4cf3-b85d-d26a6c620174', NULL, '127.0.0.1', 'GET_TABLE', 'table', 'sales.orders.raw_events', 'ALLOWED', 'USE CATALOG on catalog sales to staff; USE SCHEMA on schema sales.orders to staff; a privilege on table sales.orders.raw_events', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (45, '2026-12-07 07:13:49.395648+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'UPDATE_PERMISSIONS', 'catalog', 'sales', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (47, '2026-12-07 07:13:49.401684+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'UPDATE_PERMISSIONS', 'schema', 'sales.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (49, '2026-12-07 07:13:49.404981+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'UPDATE_PERMISSIONS', 'schema', 'sales.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (51, '2026-12-07 07:13:49.407687+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'UPDATE_PERMISSIONS', 'function', 'sales.orders.region_filter', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (53, '2026-12-07 07:13:49.412872+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'UPDATE_PERMISSIONS', 'volume', 'sales.orders.files', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (55, '2026-12-07 07:13:49.415856+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'DENY', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (57, '2026-12-07 07:13:49.418094+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'UPDATE_PERMISSIONS', 'table', 'sales.orders.raw_events', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (59, '2026-12-07 07:13:49.420738+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'UPDATE_TABLE', 'table', 'sales.orders.raw_events', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (61, '2026-12-07 07:13:49.426143+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'CREATE_CATALOG', 'metastore', 'gatehouse', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (62, '2026-12-07 07:13:49.428277+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'CREATE_SCHEMA', 'catalog', 'finance', 'ALLOWED', 'metastore admin; metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (63, '2026-12-07 07:13:49.429927+00', '429831dc-d18a-4ca6-afd6-cdedc140ab10', 'admin', NULL, '127.0.0.1', 'UPDATE_PERMISSIONS', 'catalog', 'finance', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (65, '2026-12-07 07:13:49.507122+00', '247a0c8f-0357-496b-a941-b118cf51cbca', 'admin', NULL, '127.0.0.1', 'CREATE_TABLE', 'schema', 'sales.orders', 'ALLOWED', 'metastore admin; metastore admin; metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (66, '2026-12-07 07:13:49.551822+00', '1b65a45b-88e0-4092-a573-95e917020978', 'admin', NULL, '127.0.0.1', 'CREATE_REGISTERED_MODEL', 'schema', 'sales.orders', 'ALLOWED', 'metastore admin; metastore admin; metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (67, '2026-12-07 07:13:49.591774+00', '782b664a-9fa9-4a62-b436-507349b7d392', 'admin', NULL, '127.0.0.1', 'CREATE_MODEL_VERSION', 'registered_model', 'sales.orders.churn', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (69, '2026-12-07 07:13:49.742734+00', '24426cae-0264-458d-a60c-737a357a8b66', 'admin', NULL, '127.0.0.1', 'UPDATE_WORKSPACE_BINDINGS', 'catalog', 'finance', 'ALLOWED', 'metastore admin (bindings are managed from any workspace)', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (73, '2026-12-07 07:13:49.873545+00', NULL, '7613fb0e-5c1d-4cf3-b85d-d26a6c620174', NULL, '127.0.0.1', 'USE_TOKEN_FIRST_TIME', 'TOKEN', '4e29a3ef4b7bfca5f9bef541e1891e6c', 'SUCCEEDED', 'kind=PAT', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (75, '2026-12-07 07:13:49.915576+00', '448e6edb-4d38-483f-ab9b-405674a0adf5', '7613fb0e-5c1d-4cf3-b85d-d26a6c620174', NULL, '127.0.0.1', 'GET_TABLE', 'table', 'sales.orders.orders', 'DENIED', 'missing SELECT (or BROWSE) on table sales.orders.orders', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (76, '2026-12-07 07:13:50.04465+00', '7acf750d-4a4f-4968-ae7c-76470dac5251', 'admin', NULL, '127.0.0.1', 'SHOW_GRANTS', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (77, '2026-12-07 07:13:50.16021+00', 'a62b79d4-1c00-456e-8b11-c60d0c5c8c43', 'admin', NULL, '127.0.0.1', 'SHOW_GRANTS', 'schema', 'sales.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (78, '2026-12-07 07:13:50.274201+00', 'd782e35f-2ebf-496e-a7b6-b04505447f40', 'admin', NULL, '127.0.0.1', 'SHOW_GRANTS', 'table', 'sales.orders.raw_events', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (79, '2026-12-07 07:13:50.439525+00', '73f5990f-c2a3-40db-a241-5b6ea356e874', 'admin', NULL, '127.0.0.1', 'GET_EFFECTIVE_PERMISSIONS', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (80, '2026-12-07 07:13:50.461011+00', '03d79260-5350-4fe2-9803-350aee86af91', 'admin', NULL, '127.0.0.1', 'GET_EFFECTIVE_PERMISSIONS', 'volume', 'sales.orders.files', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (81, '2026-12-07 07:13:50.482634+00', '34cae744-d038-4c23-9b30-5abd63a5e1f1', 'admin', NULL, '127.0.0.1', 'GET_DATA_POLICIES', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (82, '2026-12-07 07:13:50.51107+00', 'ff0af394-c7d9-45f6-ad66-b7b94404d1f6', 'admin', NULL, '127.0.0.1', 'EXPLAIN', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (83, '2026-12-07 07:13:50.535977+00', '3fc9698f-81a8-4820-8ef8-6fdacf1e8c56', 'admin', NULL, '127.0.0.1', 'EXPLAIN', 'table', 'sales.orders.raw_events', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (84, '2026-12-07 07:13:50.557703+00', '7fbf30a3-779f-4ad6-a575-dd83b773a60b', 'admin', NULL, '127.0.0.1', 'EXPLAIN', 'table', 'sales.orders.emea_orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (85, '2026-12-07 07:13:50.578171+00', 'd6b9e29b-e99d-4cd7-a921-01e28c5797a7', 'admin', NULL, '127.0.0.1', 'GET_EFFECTIVE_PERMISSIONS', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (86, '2026-12-07 07:13:50.5951+00', '84a344f0-0e3b-47ad-8661-da3db84b250d', 'admin', NULL, '127.0.0.1', 'GET_EFFECTIVE_PERMISSIONS', 'volume', 'sales.orders.files', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (87, '2026-12-07 07:13:50.614215+00', '2ee38faa-ce02-4dac-bedd-9d512a1e7ddf', 'admin', NULL, '127.0.0.1', 'GET_DATA_POLICIES', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (88, '2026-12-07 07:13:50.63984+00', 'b956fa5d-f93a-4533-84d0-ec3df9fcedfb', 'admin', NULL, '127.0.0.1', 'EXPLAIN', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (89, '2026-12-07 07:13:50.661657+00', '4e1c1e8f-daca-4562-bd1e-5c3360fa42fd', 'admin', NULL, '127.0.0.1', 'EXPLAIN', 'table', 'sales.orders.raw_events', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (90, '2026-12-07 07:13:50.687666+00', 'ef27a10b-7c5c-4afb-91c0-895dd0ebf293', 'admin', NULL, '127.0.0.1', 'EXPLAIN', 'table', 'sales.orders.emea_orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (91, '2026-12-07 07:13:50.709901+00', '423df0b5-c52e-4c06-856c-9d25d33ccde0', 'admin', NULL, '127.0.0.1', 'GET_EFFECTIVE_PERMISSIONS', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (92, '2026-12-07 07:13:50.729669+00', '6263d7cc-f01d-4942-8cbb-9d51cf920d42', 'admin', NULL, '127.0.0.1', 'GET_EFFECTIVE_PERMISSIONS', 'volume', 'sales.orders.files', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (93, '2026-12-07 07:13:50.746234+00', '92d08755-a462-4e7f-8280-8d7f467c680b', 'admin', NULL, '127.0.0.1', 'GET_DATA_POLICIES', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (94, '2026-12-07 07:13:50.766037+00', '1c84e58c-de7a-445a-b61a-cbed4f47253a', 'admin', NULL, '127.0.0.1', 'EXPLAIN', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (95, '2026-12-07 07:13:50.791643+00', '176bb2fc-8d6a-46b0-89ed-c52f36bf76a9', 'admin', NULL, '127.0.0.1', 'EXPLAIN', 'table', 'sales.orders.raw_events', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (96, '2026-12-07 07:13:50.813655+00', '3f31ba31-28ae-423e-b9cd-c18ee763b5b7', 'admin', NULL, '127.0.0.1', 'EXPLAIN', 'table', 'sales.orders.emea_orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (97, '2026-12-07 07:13:50.834001+00', '488b391c-a19a-44ed-b947-f443625ef275', 'admin', NULL, '127.0.0.1', 'GET_EFFECTIVE_PERMISSIONS', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (98, '2026-12-07 07:13:50.851971+00', '5e6145c1-324c-4005-859a-324d3fccc85d', 'admin', NULL, '127.0.0.1', 'GET_EFFECTIVE_PERMISSIONS', 'volume', 'sales.orders.files', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (99, '2026-12-07 07:13:50.86742+00', '4ad53830-b103-4a5b-a7ff-f3b733fbe3bf', 'admin', NULL, '127.0.0.1', 'GET_DATA_POLICIES', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (100, '2026-12-07 07:13:50.886409+00', 'b9d8e5ce-6500-4778-b51d-4a1e63cc08fe', 'admin', NULL, '127.0.0.1', 'EXPLAIN', 'table', 'sales.orders.orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (101, '2026-12-07 07:13:50.901355+00', '885f426e-cf3b-4e77-93d1-9c508dde2db6', 'admin', NULL, '127.0.0.1', 'EXPLAIN', 'table', 'sales.orders.raw_events', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (102, '2026-12-07 07:13:50.916421+00', '05070a3d-9760-4185-944e-52f5515b3018', 'admin', NULL, '127.0.0.1', 'EXPLAIN', 'table', 'sales.orders.emea_orders', 'ALLOWED', 'metastore admin', NULL);
INSERT INTO "public"."audit_log" ("id", "occurred_at", "request_id", "principal", "acting_principal", "source_address", "action", "securable_type", "securable_name", "result", "detail", "securable_names") VALUES (72, '2026-12-07 07:13:49.815865+00', '610c617e-76e2-4b99-a802-ea1c7d1efe97', 'admin', NULL, '127.0.0.1', 'EMIT_LINEAGE', 'metastore', 'gatehouse', 'ALLOWED', 'metastore admin', NULL);


--
-- Data for Name: catalogs; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."catalogs" ("id", "name", "comment", "properties", "owner", "storage_root", "storage_location", "created_at", "created_by", "updated_at", "updated_by", "tags", "isolation_mode") VALUES ('81db4049-e400-4c56-8b05-3405b9046ac5', 'sales', 'Sales data', '{}', 'admin', NULL, NULL, '2026-12-07 07:13:49.18+00', 'admin', '2026-12-07 07:13:49.18+00', 'admin', '{}', 'OPEN');
INSERT INTO "public"."catalogs" ("id", "name", "comment", "properties", "owner", "storage_root", "storage_location", "created_at", "created_by", "updated_at", "updated_by", "tags", "isolation_mode") VALUES ('6517df70-d2d9-48a8-9ce7-960b0bb1cfae', 'finance', 'bound to the analytics workspace', '{}', 'admin', NULL, NULL, '2026-12-07 07:13:49.426+00', 'admin', '2026-12-07 07:13:49.426+00', 'admin', '{}', 'OPEN');


--
-- Data for Name: column_masks; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."column_masks" ("table_id", "column_name", "function_id", "using_columns", "set_by", "set_at") VALUES ('b7299b11-7a7a-4771-88c7-a645835ce2c3', 'ssn', 'd8c8248c-ba15-447d-a10a-6e98539abf21', '[]', 'admin', '2026-12-07 07:13:49.17827+00');


--
-- Data for Name: external_locations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."external_locations" ("id", "name", "comment", "owner", "url", "credential_id", "created_at", "created_by", "updated_at", "updated_by", "sse_algorithm", "kms_key_arn", "isolation_mode") VALUES ('536f2484-d3d9-41e8-a53e-caf6b12f7df6', 'raw_bucket', 'raw data', 'admin', 's3://gatehouse-upgrade/raw', '25bac860-59ec-48e0-b4f7-a22cd8372785', '2026-12-07 07:13:48.953+00', 'admin', '2026-12-07 07:13:48.953+00', 'admin', NULL, NULL, 'OPEN');


--
-- Data for Name: flyway_schema_history; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (1, '1', 'create catalog', 'SQL', 'db/migration/V1__create_catalog.sql', 360222759, 'gatehouse_owner', '2026-12-07 07:13:45.548828', 29, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (2, '2', 'create staging tables', 'SQL', 'db/migration/V2__create_staging_tables.sql', 344051563, 'gatehouse_owner', '2026-12-07 07:13:45.608254', 8, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (3, '3', 'create identity', 'SQL', 'db/migration/V3__create_identity.sql', -738311577, 'gatehouse_owner', '2026-12-07 07:13:45.629973', 14, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (4, '4', 'create grants and audit', 'SQL', 'db/migration/V4__create_grants_and_audit.sql', -1736682714, 'gatehouse_owner', '2026-12-07 07:13:45.666165', 14, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (5, '5', 'audit log statement triggers', 'SQL', 'db/migration/V5__audit_log_statement_triggers.sql', 1067759881, 'gatehouse_owner', '2026-12-07 07:13:45.693185', 3, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (6, '6', 'create denies row filters masks and tags', 'SQL', 'db/migration/V6__create_denies_row_filters_masks_and_tags.sql', -1041469971, 'gatehouse_owner', '2026-12-07 07:13:45.702425', 15, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (7, '7', 'create storage credentials and external locations', 'SQL', 'db/migration/V7__create_storage_credentials_and_external_locations.sql', 2062585621, 'gatehouse_owner', '2026-12-07 07:13:45.727034', 7, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (8, '8', 'canonicalize storage locations', 'JDBC', 'db.migration.V8__canonicalize_storage_locations', NULL, 'gatehouse_owner', '2026-12-07 07:13:45.738458', 4, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (9, '9', 'protect audit trail and record first use', 'SQL', 'db/migration/V9__protect_audit_trail_and_record_first_use.sql', -151599967, 'gatehouse_owner', '2026-12-07 07:13:45.745225', 4, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (10, '11', 'bump policy version on every decision input', 'SQL', 'db/migration/V11__bump_policy_version_on_every_decision_input.sql', 1830768054, 'gatehouse_owner', '2026-12-07 07:13:45.753862', 5, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (11, '12', 'create securable paths view', 'SQL', 'db/migration/V12__create_securable_paths_view.sql', 607774503, 'gatehouse_owner', '2026-12-07 07:13:45.766035', 3, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (12, '13', 'add audit log securable names', 'SQL', 'db/migration/V13__add_audit_log_securable_names.sql', 1218676336, 'gatehouse_owner', '2026-12-07 07:13:45.773576', 1, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (13, '14', 'log what moved the policy version', 'SQL', 'db/migration/V14__log_what_moved_the_policy_version.sql', 1062398342, 'gatehouse_owner', '2026-12-07 07:13:45.778051', 3, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (14, '17', 'create iceberg tables', 'SQL', 'db/migration/V17__create_iceberg_tables.sql', -1925612635, 'gatehouse_owner', '2026-12-07 07:13:45.785615', 7, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (15, '20', 'log grants by securable', 'SQL', 'db/migration/V20__log_grants_by_securable.sql', 127217806, 'gatehouse_owner', '2026-12-07 07:13:45.796493', 2, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (16, '21', 'index only audit records of several securables', 'SQL', 'db/migration/V21__index_only_audit_records_of_several_securables.sql', 2113171861, 'gatehouse_owner', '2026-12-07 07:13:45.802149', 1, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (17, '22', 'store served documents as json text', 'SQL', 'db/migration/V22__store_served_documents_as_json_text.sql', 133306153, 'gatehouse_owner', '2026-12-07 07:13:45.806567', 8, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (18, '23', 'create instance profiles and scim roles', 'SQL', 'db/migration/V23__create_instance_profiles_and_scim_roles.sql', 1271529151, 'gatehouse_owner', '2026-12-07 07:13:45.81944', 8, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (19, '24', 'create registered models and versions', 'SQL', 'db/migration/V24__create_registered_models_and_versions.sql', -1501905133, 'gatehouse_owner', '2026-12-07 07:13:45.833728', 10, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (20, '25', 'create workspace settings and ip access lists', 'SQL', 'db/migration/V25__create_workspace_settings_and_ip_access_lists.sql', 976038074, 'gatehouse_owner', '2026-12-07 07:13:45.85599', 18, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (21, '26', 'external location encryption', 'SQL', 'db/migration/V26__external_location_encryption.sql', 230831514, 'gatehouse_owner', '2026-12-07 07:13:45.883363', 5, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (22, '27', 'create saml sign in requests', 'SQL', 'db/migration/V27__create_saml_sign_in_requests.sql', 1983204986, 'gatehouse_owner', '2026-12-07 07:13:45.893568', 6, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (23, '28', 'create workspaces and catalog bindings', 'SQL', 'db/migration/V28__create_workspaces_and_catalog_bindings.sql', -1911526906, 'gatehouse_owner', '2026-12-07 07:13:45.906602', 16, true);
INSERT INTO "public"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success") VALUES (24, '29', 'create tag policies and abac policies', 'SQL', 'db/migration/V29__create_tag_policies_and_abac_policies.sql', 1922238863, 'gatehouse_owner', '2026-12-07 07:13:45.93114', 11, true);


--
-- Data for Name: functions; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."functions" ("id", "schema_id", "name", "definition", "comment", "owner", "created_at", "created_by", "updated_at", "updated_by") VALUES ('feec129a-a0f2-486d-9966-e31a7e147a8d', 'd271b828-a03b-4b83-ba87-c935e5172fb5', 'region_filter', '{"data_type": "BOOLEAN", "input_params": {"parameters": [{"name": "region", "position": 0, "type_name": "STRING", "type_text": "string", "parameter_mode": "IN", "parameter_type": "PARAM"}]}, "is_null_call": false, "routine_body": "SQL", "security_type": "DEFINER", "specific_name": "region_filter", "full_data_type": "boolean", "parameter_style": "S", "sql_data_access": "CONTAINS_SQL", "is_deterministic": true, "routine_definition": "IF(is_account_group_member(''staff''), true, region = ''EMEA'')"}', NULL, 'admin', '2026-12-07 07:13:49.277+00', 'admin', '2026-12-07 07:13:49.277+00', 'admin');
INSERT INTO "public"."functions" ("id", "schema_id", "name", "definition", "comment", "owner", "created_at", "created_by", "updated_at", "updated_by") VALUES ('d8c8248c-ba15-447d-a10a-6e98539abf21', 'd271b828-a03b-4b83-ba87-c935e5172fb5', 'ssn_mask', '{"data_type": "STRING", "input_params": {"parameters": [{"name": "ssn", "position": 0, "type_name": "STRING", "type_text": "string", "parameter_mode": "IN", "parameter_type": "PARAM"}]}, "is_null_call": false, "routine_body": "SQL", "security_type": "DEFINER", "specific_name": "ssn_mask", "full_data_type": "string", "parameter_style": "S", "sql_data_access": "CONTAINS_SQL", "is_deterministic": true, "routine_definition": "IF(is_account_group_member(''data-eng''), ssn, ''***'')"}', 'masks social security numbers', 'admin', '2026-12-07 07:13:49.291+00', 'admin', '2026-12-07 07:13:49.291+00', 'admin');
INSERT INTO "public"."functions" ("id", "schema_id", "name", "definition", "comment", "owner", "created_at", "created_by", "updated_at", "updated_by") VALUES ('62033f07-d0c7-4784-b49a-369bed70c545', 'd271b828-a03b-4b83-ba87-c935e5172fb5', 'amount_mask', '{"data_type": "STRING", "input_params": {"parameters": [{"name": "amount", "position": 0, "type_name": "DOUBLE", "type_text": "double", "parameter_mode": "IN", "parameter_type": "PARAM"}]}, "is_null_call": false, "routine_body": "SQL", "security_type": "DEFINER", "specific_name": "amount_mask", "full_data_type": "string", "parameter_style": "S", "sql_data_access": "CONTAINS_SQL", "is_deterministic": true, "routine_definition": "IF(is_account_group_member(''data-eng''), amount, NULL)"}', NULL, 'admin', '2026-12-07 07:13:49.295+00', 'admin', '2026-12-07 07:13:49.295+00', 'admin');


--
-- Data for Name: grants; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."grants" ("securable_type", "securable_id", "principal_id", "privilege", "granted_by", "granted_at", "deny") VALUES ('CATALOG', '81db4049-e400-4c56-8b05-3405b9046ac5', 'fc373ea1-f5cf-4d5b-a53e-c9f18057fd16', 'USE_CATALOG', 'admin', '2026-12-07 07:13:49.17827+00', false);
INSERT INTO "public"."grants" ("securable_type", "securable_id", "principal_id", "privilege", "granted_by", "granted_at", "deny") VALUES ('SCHEMA', 'd271b828-a03b-4b83-ba87-c935e5172fb5', 'fc373ea1-f5cf-4d5b-a53e-c9f18057fd16', 'USE_SCHEMA', 'admin', '2026-12-07 07:13:49.17827+00', false);
INSERT INTO "public"."grants" ("securable_type", "securable_id", "principal_id", "privilege", "granted_by", "granted_at", "deny") VALUES ('SCHEMA', 'd271b828-a03b-4b83-ba87-c935e5172fb5', 'fc373ea1-f5cf-4d5b-a53e-c9f18057fd16', 'SELECT', 'admin', '2026-12-07 07:13:49.17827+00', false);
INSERT INTO "public"."grants" ("securable_type", "securable_id", "principal_id", "privilege", "granted_by", "granted_at", "deny") VALUES ('FUNCTION', 'feec129a-a0f2-486d-9966-e31a7e147a8d', 'fc373ea1-f5cf-4d5b-a53e-c9f18057fd16', 'EXECUTE', 'admin', '2026-12-07 07:13:49.17827+00', false);
INSERT INTO "public"."grants" ("securable_type", "securable_id", "principal_id", "privilege", "granted_by", "granted_at", "deny") VALUES ('VOLUME', 'd18b8838-e057-496d-aac3-a687aa871da6', '05e7a640-53cb-4fe7-9705-05588dc6d319', 'READ_VOLUME', 'admin', '2026-12-07 07:13:49.17827+00', false);
INSERT INTO "public"."grants" ("securable_type", "securable_id", "principal_id", "privilege", "granted_by", "granted_at", "deny") VALUES ('TABLE', 'b7299b11-7a7a-4771-88c7-a645835ce2c3', 'd5fcb056-657d-4a78-9218-51cdd86d63e1', 'SELECT', 'admin', '2026-12-07 07:13:49.17827+00', true);
INSERT INTO "public"."grants" ("securable_type", "securable_id", "principal_id", "privilege", "granted_by", "granted_at", "deny") VALUES ('TABLE', 'b0267db4-06ba-40dc-9134-677d08fe37f9', '3d4371c7-2610-479b-9f08-569ffdd29295', 'MODIFY', 'admin', '2026-12-07 07:13:49.17827+00', false);
INSERT INTO "public"."grants" ("securable_type", "securable_id", "principal_id", "privilege", "granted_by", "granted_at", "deny") VALUES ('CATALOG', '6517df70-d2d9-48a8-9ce7-960b0bb1cfae', 'e3a189b9-3e16-4b7b-9f98-71e06c624b81', 'USE_CATALOG', 'admin', '2026-12-07 07:13:49.17827+00', false);


--
-- Data for Name: group_members; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."group_members" ("group_id", "member_id") VALUES ('f2d3a92d-c018-4fb0-a434-45816f7e0615', '129249eb-ea1b-4de3-9063-eee22992906e');
INSERT INTO "public"."group_members" ("group_id", "member_id") VALUES ('05e7a640-53cb-4fe7-9705-05588dc6d319', '79195563-3364-4a82-ab67-4a09f5875328');
INSERT INTO "public"."group_members" ("group_id", "member_id") VALUES ('d5fcb056-657d-4a78-9218-51cdd86d63e1', '3d4371c7-2610-479b-9f08-569ffdd29295');
INSERT INTO "public"."group_members" ("group_id", "member_id") VALUES ('fc373ea1-f5cf-4d5b-a53e-c9f18057fd16', 'd5fcb056-657d-4a78-9218-51cdd86d63e1');
INSERT INTO "public"."group_members" ("group_id", "member_id") VALUES ('fc373ea1-f5cf-4d5b-a53e-c9f18057fd16', '05e7a640-53cb-4fe7-9705-05588dc6d319');
INSERT INTO "public"."group_members" ("group_id", "member_id") VALUES ('90d50cf2-dc2c-405e-be29-ca4e435f623a', 'e3a189b9-3e16-4b7b-9f98-71e06c624b81');


--
-- Data for Name: iceberg_tables; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: instance_profiles; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: ip_access_lists; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: metastore; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."metastore" ("id", "name", "created_at") VALUES ('dd1de974-d82d-4e47-b2e3-26ddc0ff5667', 'gatehouse', '2026-12-07 07:13:45.567449+00');


--
-- Data for Name: model_versions; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."model_versions" ("id", "model_id", "version", "source", "run_id", "status", "storage_location", "comment", "created_at", "created_by", "updated_at", "updated_by") VALUES ('4916fb0c-5a94-45dc-bc3e-685e9a555ef7', 'cfc780d9-061d-41e4-b969-187c7064e8fa', 1, 'runs:/r1/model', 'r1', 'PENDING_REGISTRATION', 'file:///tmp/tmp.Yrh8rrsS7Q/data/managed/__unitystorage/catalogs/81db4049-e400-4c56-8b05-3405b9046ac5/models/cfc780d9-061d-41e4-b969-187c7064e8fa/versions/1', 'first', '2026-12-07 07:13:49.595+00', 'admin', '2026-12-07 07:13:49.595+00', 'admin');


--
-- Data for Name: policy_changes; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (2, 'principals', 'INSERT', NULL, '2026-12-07 07:13:46.97004+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (2, 'group_members', 'INSERT', NULL, '2026-12-07 07:13:46.97004+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (3, 'principals', 'INSERT', NULL, '2026-12-07 07:13:47.778805+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (4, 'principals', 'INSERT', NULL, '2026-12-07 07:13:47.881084+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (5, 'principals', 'INSERT', NULL, '2026-12-07 07:13:48.004624+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (6, 'principals', 'INSERT', NULL, '2026-12-07 07:13:48.103593+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (7, 'principals', 'INSERT', NULL, '2026-12-07 07:13:48.304353+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (7, 'group_members', 'INSERT', NULL, '2026-12-07 07:13:48.304353+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (8, 'principals', 'INSERT', NULL, '2026-12-07 07:13:48.430056+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (8, 'group_members', 'INSERT', NULL, '2026-12-07 07:13:48.430056+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (9, 'principals', 'INSERT', NULL, '2026-12-07 07:13:48.523536+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (9, 'group_members', 'INSERT', NULL, '2026-12-07 07:13:48.523536+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (10, 'principals', 'INSERT', NULL, '2026-12-07 07:13:48.617172+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (10, 'group_members', 'INSERT', NULL, '2026-12-07 07:13:48.617172+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (11, 'storage_credentials', 'INSERT', '25bac860-59ec-48e0-b4f7-a22cd8372785', '2026-12-07 07:13:48.868965+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (12, 'external_locations', 'INSERT', '536f2484-d3d9-41e8-a53e-caf6b12f7df6', '2026-12-07 07:13:48.921705+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'catalogs', 'INSERT', '81db4049-e400-4c56-8b05-3405b9046ac5', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'schemas', 'INSERT', 'd271b828-a03b-4b83-ba87-c935e5172fb5', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'tables', 'INSERT', 'b7299b11-7a7a-4771-88c7-a645835ce2c3', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'tables', 'INSERT', 'b0267db4-06ba-40dc-9134-677d08fe37f9', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'volumes', 'INSERT', 'd18b8838-e057-496d-aac3-a687aa871da6', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'functions', 'INSERT', 'feec129a-a0f2-486d-9966-e31a7e147a8d', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'functions', 'INSERT', 'd8c8248c-ba15-447d-a10a-6e98539abf21', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'functions', 'INSERT', '62033f07-d0c7-4784-b49a-369bed70c545', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'row_filters', 'INSERT', NULL, '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'column_masks', 'INSERT', NULL, '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'tags', 'UPDATE', NULL, '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'abac_policies', 'INSERT', NULL, '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'grants', 'INSERT', '81db4049-e400-4c56-8b05-3405b9046ac5', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'grants', 'INSERT', 'd271b828-a03b-4b83-ba87-c935e5172fb5', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'grants', 'INSERT', 'd271b828-a03b-4b83-ba87-c935e5172fb5', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'grants', 'INSERT', 'feec129a-a0f2-486d-9966-e31a7e147a8d', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'grants', 'INSERT', 'd18b8838-e057-496d-aac3-a687aa871da6', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'grants', 'INSERT', 'b7299b11-7a7a-4771-88c7-a645835ce2c3', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'grants', 'INSERT', 'b0267db4-06ba-40dc-9134-677d08fe37f9', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'tables', 'UPDATE', 'b0267db4-06ba-40dc-9134-677d08fe37f9', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'catalogs', 'INSERT', '6517df70-d2d9-48a8-9ce7-960b0bb1cfae', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'schemas', 'INSERT', '586a8ea8-2a81-4ba9-85bf-393c18e2e733', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (13, 'grants', 'INSERT', '6517df70-d2d9-48a8-9ce7-960b0bb1cfae', '2026-12-07 07:13:49.17827+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (14, 'tables', 'INSERT', '73560991-c499-48c5-8085-55f2b4e2344e', '2026-12-07 07:13:49.506034+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (15, 'registered_models', 'INSERT', 'cfc780d9-061d-41e4-b969-187c7064e8fa', '2026-12-07 07:13:49.55041+00');
INSERT INTO "public"."policy_changes" ("version", "source", "op", "row_id", "recorded_at") VALUES (16, 'workspace_bindings', 'INSERT', NULL, '2026-12-07 07:13:49.740192+00');


--
-- Data for Name: policy_state; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."policy_state" ("id", "version", "bumped_in", "changes_from") VALUES (1, 16, 848, 2);


--
-- Data for Name: principal_entitlements; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: principal_roles; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: principals; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."principals" ("id", "kind", "name", "display_name", "external_id", "active", "scim", "version", "created_at", "updated_at") VALUES ('129249eb-ea1b-4de3-9063-eee22992906e', 'USER', 'admin', 'Metastore admin', NULL, true, '{}', 0, '2026-12-07 07:13:46.982+00', '2026-12-07 07:13:46.982+00');
INSERT INTO "public"."principals" ("id", "kind", "name", "display_name", "external_id", "active", "scim", "version", "created_at", "updated_at") VALUES ('f2d3a92d-c018-4fb0-a434-45816f7e0615', 'GROUP', 'admins', 'admins', NULL, true, '{}', 0, '2026-12-07 07:13:47.018+00', '2026-12-07 07:13:47.018+00');
INSERT INTO "public"."principals" ("id", "kind", "name", "display_name", "external_id", "active", "scim", "version", "created_at", "updated_at") VALUES ('0e5bbbe4-8a46-412a-af92-af06ccc3f206', 'GROUP', 'account users', 'account users', NULL, true, '{}', 0, '2026-12-07 07:13:47.043+00', '2026-12-07 07:13:47.043+00');
INSERT INTO "public"."principals" ("id", "kind", "name", "display_name", "external_id", "active", "scim", "version", "created_at", "updated_at") VALUES ('79195563-3364-4a82-ab67-4a09f5875328', 'USER', 'alice@example.com', 'Alice', NULL, true, '{}', 0, '2026-12-07 07:13:47.787+00', '2026-12-07 07:13:47.787+00');
INSERT INTO "public"."principals" ("id", "kind", "name", "display_name", "external_id", "active", "scim", "version", "created_at", "updated_at") VALUES ('e3a189b9-3e16-4b7b-9f98-71e06c624b81', 'USER', 'bob@example.com', 'Bob', NULL, true, '{}', 0, '2026-12-07 07:13:47.884+00', '2026-12-07 07:13:47.884+00');
INSERT INTO "public"."principals" ("id", "kind", "name", "display_name", "external_id", "active", "scim", "version", "created_at", "updated_at") VALUES ('0e113605-3fb2-4777-9d33-9637b31888b6', 'USER', 'carol@example.com', 'Carol', NULL, true, '{}', 0, '2026-12-07 07:13:48.008+00', '2026-12-07 07:13:48.008+00');
INSERT INTO "public"."principals" ("id", "kind", "name", "display_name", "external_id", "active", "scim", "version", "created_at", "updated_at") VALUES ('3d4371c7-2610-479b-9f08-569ffdd29295', 'SERVICE_PRINCIPAL', '7613fb0e-5c1d-4cf3-b85d-d26a6c620174', 'etl-bot', NULL, true, '{}', 0, '2026-12-07 07:13:48.104+00', '2026-12-07 07:13:48.104+00');
INSERT INTO "public"."principals" ("id", "kind", "name", "display_name", "external_id", "active", "scim", "version", "created_at", "updated_at") VALUES ('05e7a640-53cb-4fe7-9705-05588dc6d319', 'GROUP', 'analysts', 'analysts', NULL, true, '{}', 0, '2026-12-07 07:13:48.306+00', '2026-12-07 07:13:48.306+00');
INSERT INTO "public"."principals" ("id", "kind", "name", "display_name", "external_id", "active", "scim", "version", "created_at", "updated_at") VALUES ('d5fcb056-657d-4a78-9218-51cdd86d63e1', 'GROUP', 'contractors', 'contractors', NULL, true, '{}', 0, '2026-12-07 07:13:48.431+00', '2026-12-07 07:13:48.431+00');
INSERT INTO "public"."principals" ("id", "kind", "name", "display_name", "external_id", "active", "scim", "version", "created_at", "updated_at") VALUES ('fc373ea1-f5cf-4d5b-a53e-c9f18057fd16', 'GROUP', 'staff', 'staff', NULL, true, '{}', 0, '2026-12-07 07:13:48.524+00', '2026-12-07 07:13:48.524+00');
INSERT INTO "public"."principals" ("id", "kind", "name", "display_name", "external_id", "active", "scim", "version", "created_at", "updated_at") VALUES ('90d50cf2-dc2c-405e-be29-ca4e435f623a', 'GROUP', 'data-eng', 'data-eng', NULL, true, '{}', 0, '2026-12-07 07:13:48.618+00', '2026-12-07 07:13:48.618+00');


--
-- Data for Name: registered_models; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."registered_models" ("id", "schema_id", "name", "storage_location", "last_version", "comment", "owner", "created_at", "created_by", "updated_at", "updated_by") VALUES ('cfc780d9-061d-41e4-b969-187c7064e8fa', 'd271b828-a03b-4b83-ba87-c935e5172fb5', 'churn', 'file:///tmp/tmp.Yrh8rrsS7Q/data/managed/__unitystorage/catalogs/81db4049-e400-4c56-8b05-3405b9046ac5/models/cfc780d9-061d-41e4-b969-187c7064e8fa', 1, 'who leaves', 'admin', '2026-12-07 07:13:49.549+00', 'admin', '2026-12-07 07:13:49.549+00', 'admin');


--
-- Data for Name: row_filters; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."row_filters" ("table_id", "function_id", "columns", "set_by", "set_at") VALUES ('b7299b11-7a7a-4771-88c7-a645835ce2c3', 'feec129a-a0f2-486d-9966-e31a7e147a8d', '["region"]', 'admin', '2026-12-07 07:13:49.17827+00');


--
-- Data for Name: saml_sign_in_requests; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: schemas; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."schemas" ("id", "catalog_id", "name", "comment", "properties", "owner", "storage_root", "storage_location", "created_at", "created_by", "updated_at", "updated_by", "tags") VALUES ('d271b828-a03b-4b83-ba87-c935e5172fb5', '81db4049-e400-4c56-8b05-3405b9046ac5', 'orders', 'Orders', '{"team": "sales-eng"}', 'admin', NULL, NULL, '2026-12-07 07:13:49.191+00', 'admin', '2026-12-07 07:13:49.191+00', 'admin', '{}');
INSERT INTO "public"."schemas" ("id", "catalog_id", "name", "comment", "properties", "owner", "storage_root", "storage_location", "created_at", "created_by", "updated_at", "updated_by", "tags") VALUES ('586a8ea8-2a81-4ba9-85bf-393c18e2e733', '6517df70-d2d9-48a8-9ce7-960b0bb1cfae', 'ledger', NULL, '{}', 'admin', NULL, NULL, '2026-12-07 07:13:49.427+00', 'admin', '2026-12-07 07:13:49.427+00', 'admin', '{}');


--
-- Data for Name: service_principal_secrets; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: staging_tables; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: storage_credentials; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."storage_credentials" ("id", "name", "comment", "owner", "purpose", "role_arn", "external_id", "access_mode", "created_at", "created_by", "updated_at", "updated_by", "data_role_arns", "isolation_mode") VALUES ('25bac860-59ec-48e0-b4f7-a22cd8372785', 'upgrade_cred', 'the raw bucket', 'admin', 'STORAGE', 'arn:aws:iam::123456789012:role/gatehouse-upgrade', '14bd8aa6-f215-40db-88ec-8ff3256565ba', 'CATALOG_ROLE', '2026-12-07 07:13:48.873+00', 'admin', '2026-12-07 07:13:48.873+00', 'admin', '[]', 'OPEN');


--
-- Data for Name: storage_locations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."storage_locations" ("location", "securable_type", "securable_id") VALUES ('file:///tmp/tmp.Yrh8rrsS7Q/data/managed/__unitystorage/catalogs/81db4049-e400-4c56-8b05-3405b9046ac5/tables/b7299b11-7a7a-4771-88c7-a645835ce2c3', 'TABLE', 'b7299b11-7a7a-4771-88c7-a645835ce2c3');
INSERT INTO "public"."storage_locations" ("location", "securable_type", "securable_id") VALUES ('s3://gatehouse-upgrade/raw/events', 'TABLE', 'b0267db4-06ba-40dc-9134-677d08fe37f9');
INSERT INTO "public"."storage_locations" ("location", "securable_type", "securable_id") VALUES ('file:///tmp/tmp.Yrh8rrsS7Q/data/managed/__unitystorage/catalogs/81db4049-e400-4c56-8b05-3405b9046ac5/volumes/d18b8838-e057-496d-aac3-a687aa871da6', 'VOLUME', 'd18b8838-e057-496d-aac3-a687aa871da6');
INSERT INTO "public"."storage_locations" ("location", "securable_type", "securable_id") VALUES ('file:///tmp/tmp.Yrh8rrsS7Q/data/managed/__unitystorage/catalogs/81db4049-e400-4c56-8b05-3405b9046ac5/models/cfc780d9-061d-41e4-b969-187c7064e8fa', 'MODEL', 'cfc780d9-061d-41e4-b969-187c7064e8fa');


--
-- Data for Name: tables; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."tables" ("id", "schema_id", "name", "table_type", "data_source_format", "columns", "storage_location", "view_definition", "view_dependencies", "comment", "properties", "owner", "created_at", "created_by", "updated_at", "updated_by", "row_filter", "tags") VALUES ('73560991-c499-48c5-8085-55f2b4e2344e', 'd271b828-a03b-4b83-ba87-c935e5172fb5', 'emea_orders', 'VIEW', NULL, '[{"name": "id", "nullable": true, "position": 0, "type_json": "{}", "type_name": "LONG", "type_text": "bigint"}, {"name": "amount", "nullable": true, "position": 1, "type_json": "{}", "type_name": "DOUBLE", "type_text": "double"}]', NULL, 'SELECT id, amount FROM sales.orders.orders WHERE region = ''EMEA''', NULL, 'EMEA only', '{}', 'admin', '2026-12-07 07:13:49.504+00', 'admin', '2026-12-07 07:13:49.504+00', 'admin', NULL, '{}');
INSERT INTO "public"."tables" ("id", "schema_id", "name", "table_type", "data_source_format", "columns", "storage_location", "view_definition", "view_dependencies", "comment", "properties", "owner", "created_at", "created_by", "updated_at", "updated_by", "row_filter", "tags") VALUES ('b7299b11-7a7a-4771-88c7-a645835ce2c3', 'd271b828-a03b-4b83-ba87-c935e5172fb5', 'orders', 'MANAGED', 'DELTA', '[{"name": "id", "comment": "order id", "nullable": false, "position": 0, "type_json": "{\"nullable\":false,\"type\":\"long\",\"name\":\"id\",\"metadata\":{}}", "type_name": "LONG", "type_text": "bigint"}, {"name": "region", "nullable": true, "position": 1, "type_json": "{\"nullable\":true,\"type\":\"string\",\"name\":\"region\",\"metadata\":{}}", "type_name": "STRING", "type_text": "string"}, {"mask": {"function_name": "sales.orders.ssn_mask", "using_column_names": []}, "name": "ssn", "nullable": true, "position": 2, "type_json": "{\"nullable\":true,\"type\":\"string\",\"name\":\"ssn\",\"metadata\":{}}", "type_name": "STRING", "type_text": "string"}, {"name": "amount", "tags": {"finance": "amount"}, "nullable": true, "position": 3, "type_json": "{\"nullable\":true,\"type\":\"double\",\"name\":\"amount\",\"metadata\":{}}", "type_name": "DOUBLE", "type_text": "double"}]', 'file:///tmp/tmp.Yrh8rrsS7Q/data/managed/__unitystorage/catalogs/81db4049-e400-4c56-8b05-3405b9046ac5/tables/b7299b11-7a7a-4771-88c7-a645835ce2c3', NULL, NULL, 'every order', '{"quality": "gold"}', 'admin', '2026-12-07 07:13:49.206+00', 'admin', '2026-12-07 07:13:49.356+00', 'admin', '{"function_name": "sales.orders.region_filter", "input_column_names": ["region"]}', '{"domain": "sales", "sensitivity": "high"}');
INSERT INTO "public"."tables" ("id", "schema_id", "name", "table_type", "data_source_format", "columns", "storage_location", "view_definition", "view_dependencies", "comment", "properties", "owner", "created_at", "created_by", "updated_at", "updated_by", "row_filter", "tags") VALUES ('b0267db4-06ba-40dc-9134-677d08fe37f9', 'd271b828-a03b-4b83-ba87-c935e5172fb5', 'raw_events', 'EXTERNAL', 'PARQUET', '[{"name": "id", "nullable": true, "position": 0, "type_json": "{\"nullable\":true,\"type\":\"long\",\"name\":\"id\",\"metadata\":{}}", "type_name": "LONG", "type_text": "bigint"}, {"name": "payload", "nullable": true, "position": 1, "type_json": "{\"nullable\":true,\"type\":\"string\",\"name\":\"payload\",\"metadata\":{}}", "type_name": "STRING", "type_text": "string"}]', 's3://gatehouse-upgrade/raw/events', NULL, NULL, 'landed events', '{}', 'data-eng', '2026-12-07 07:13:49.244+00', 'admin', '2026-12-07 07:13:49.424+00', 'admin', NULL, '{}');


--
-- Data for Name: tag_policies; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."tag_policies" ("tag_key", "description", "allowed_values", "created_by", "created_at", "updated_by", "updated_at") VALUES ('sensitivity', 'how sensitive', '["high", "low"]', 'admin', '2026-12-07 07:13:48.997424+00', 'admin', '2026-12-07 07:13:48.997424+00');


--
-- Data for Name: tag_policy_assigners; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: token_permissions; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."token_permissions" ("workspace_id", "principal_id") VALUES (0, NULL);
INSERT INTO "public"."token_permissions" ("workspace_id", "principal_id") VALUES (6815021304635476, NULL);


--
-- Data for Name: tokens; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."tokens" ("id", "principal_id", "hash", "kind", "comment", "created_by", "created_at", "expires_at", "last_used_at", "workspace_id") VALUES ('6470e802ea50a86847d1c220e1f02639', '129249eb-ea1b-4de3-9063-eee22992906e', '\x47aaac25d148326a1a288195a05797e6e30037834cf37f1b1e5e2d4984366b74', 'PAT', 'bootstrap (gatehouse.bootstrap.admin-token)', NULL, '2026-12-07 07:13:47.055+00', NULL, '2026-12-07 07:13:47.726292+00', 0);
INSERT INTO "public"."tokens" ("id", "principal_id", "hash", "kind", "comment", "created_by", "created_at", "expires_at", "last_used_at", "workspace_id") VALUES ('4e29a3ef4b7bfca5f9bef541e1891e6c', '3d4371c7-2610-479b-9f08-569ffdd29295', '\x19c3f4b2e6c1a724705747b1f295f9c91d46524356e316eefe092e0383e5cacf', 'PAT', 'etl', '129249eb-ea1b-4de3-9063-eee22992906e', '2026-12-07 07:13:48.803+00', NULL, '2026-12-07 07:13:49.871963+00', 0);


--
-- Data for Name: volumes; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."volumes" ("id", "schema_id", "name", "volume_type", "storage_location", "comment", "owner", "created_at", "created_by", "updated_at", "updated_by", "tags") VALUES ('d18b8838-e057-496d-aac3-a687aa871da6', 'd271b828-a03b-4b83-ba87-c935e5172fb5', 'files', 'MANAGED', 'file:///tmp/tmp.Yrh8rrsS7Q/data/managed/__unitystorage/catalogs/81db4049-e400-4c56-8b05-3405b9046ac5/volumes/d18b8838-e057-496d-aac3-a687aa871da6', 'attachments', 'admin', '2026-12-07 07:13:49.259+00', 'admin', '2026-12-07 07:13:49.259+00', 'admin', '{}');


--
-- Data for Name: workspace_assignments; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."workspace_assignments" ("workspace_id", "principal_id", "permission") VALUES (6815021304635476, '79195563-3364-4a82-ab67-4a09f5875328', 'USER');


--
-- Data for Name: workspace_bindings; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."workspace_bindings" ("securable_type", "securable_id", "workspace_id", "binding_type") VALUES ('CATALOG', '6517df70-d2d9-48a8-9ce7-960b0bb1cfae', 6815021304635476, 'BINDING_TYPE_READ_ONLY');


--
-- Data for Name: workspace_conf; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: workspaces; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."workspaces" ("workspace_id", "workspace_name", "deployment_name", "workspace_status", "created_at", "created_by") VALUES (0, 'default', NULL, 'RUNNING', '2026-12-07 07:13:45.91062+00', 'system');
INSERT INTO "public"."workspaces" ("workspace_id", "workspace_name", "deployment_name", "workspace_status", "created_at", "created_by") VALUES (6815021304635476, 'analytics', 'analytics', 'RUNNING', '2026-12-07 07:13:49.643953+00', 'admin');


--
-- Name: audit_log_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('"public"."audit_log_id_seq"', 102, true);


--
-- Name: column_edges column_edges_pkey; Type: CONSTRAINT; Schema: lineage; Owner: -
--

ALTER TABLE ONLY "lineage"."column_edges"
    ADD CONSTRAINT "column_edges_pkey" PRIMARY KEY ("output_dataset_id", "output_field", "input_dataset_id", "input_field", "job_id");


--
-- Name: datasets datasets_pkey; Type: CONSTRAINT; Schema: lineage; Owner: -
--

ALTER TABLE ONLY "lineage"."datasets"
    ADD CONSTRAINT "datasets_pkey" PRIMARY KEY ("id");


--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: lineage; Owner: -
--

ALTER TABLE ONLY "lineage"."events"
    ADD CONSTRAINT "events_pkey" PRIMARY KEY ("id");


--
-- Name: flyway_schema_history flyway_schema_history_pk; Type: CONSTRAINT; Schema: lineage; Owner: -
--

ALTER TABLE ONLY "lineage"."flyway_schema_history"
    ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");


--
-- Name: installation_keys installation_keys_pkey; Type: CONSTRAINT; Schema: lineage; Owner: -
--

ALTER TABLE ONLY "lineage"."installation_keys"
    ADD CONSTRAINT "installation_keys_pkey" PRIMARY KEY ("name");


--
-- Name: job_datasets job_datasets_pkey; Type: CONSTRAINT; Schema: lineage; Owner: -
--

ALTER TABLE ONLY "lineage"."job_datasets"
    ADD CONSTRAINT "job_datasets_pkey" PRIMARY KEY ("dataset_id", "output", "job_id");


--
-- Name: jobs jobs_pkey; Type: CONSTRAINT; Schema: lineage; Owner: -
--

ALTER TABLE ONLY "lineage"."jobs"
    ADD CONSTRAINT "jobs_pkey" PRIMARY KEY ("id");


--
-- Name: projection_queue projection_queue_pkey; Type: CONSTRAINT; Schema: lineage; Owner: -
--

ALTER TABLE ONLY "lineage"."projection_queue"
    ADD CONSTRAINT "projection_queue_pkey" PRIMARY KEY ("event_id");


--
-- Name: runs runs_pkey; Type: CONSTRAINT; Schema: lineage; Owner: -
--

ALTER TABLE ONLY "lineage"."runs"
    ADD CONSTRAINT "runs_pkey" PRIMARY KEY ("id");


--
-- Name: abac_policies abac_policies_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."abac_policies"
    ADD CONSTRAINT "abac_policies_pkey" PRIMARY KEY ("id");


--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."audit_log"
    ADD CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id");


--
-- Name: catalogs catalogs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."catalogs"
    ADD CONSTRAINT "catalogs_pkey" PRIMARY KEY ("id");


--
-- Name: column_masks column_masks_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."column_masks"
    ADD CONSTRAINT "column_masks_pkey" PRIMARY KEY ("table_id", "column_name");


--
-- Name: external_locations external_locations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."external_locations"
    ADD CONSTRAINT "external_locations_pkey" PRIMARY KEY ("id");


--
-- Name: flyway_schema_history flyway_schema_history_pk; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."flyway_schema_history"
    ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");


--
-- Name: functions functions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."functions"
    ADD CONSTRAINT "functions_pkey" PRIMARY KEY ("id");


--
-- Name: grants grants_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."grants"
    ADD CONSTRAINT "grants_pkey" PRIMARY KEY ("securable_id", "principal_id", "privilege", "deny");


--
-- Name: group_members group_members_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."group_members"
    ADD CONSTRAINT "group_members_pkey" PRIMARY KEY ("group_id", "member_id");


--
-- Name: iceberg_tables iceberg_tables_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."iceberg_tables"
    ADD CONSTRAINT "iceberg_tables_pkey" PRIMARY KEY ("table_id");


--
-- Name: instance_profiles instance_profiles_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."instance_profiles"
    ADD CONSTRAINT "instance_profiles_pkey" PRIMARY KEY ("id");


--
-- Name: ip_access_lists ip_access_lists_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."ip_access_lists"
    ADD CONSTRAINT "ip_access_lists_pkey" PRIMARY KEY ("list_id");


--
-- Name: metastore metastore_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."metastore"
    ADD CONSTRAINT "metastore_pkey" PRIMARY KEY ("id");


--
-- Name: model_versions model_versions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."model_versions"
    ADD CONSTRAINT "model_versions_pkey" PRIMARY KEY ("id");


--
-- Name: policy_state policy_state_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."policy_state"
    ADD CONSTRAINT "policy_state_pkey" PRIMARY KEY ("id");


--
-- Name: principal_entitlements principal_entitlements_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."principal_entitlements"
    ADD CONSTRAINT "principal_entitlements_pkey" PRIMARY KEY ("principal_id", "entitlement");


--
-- Name: principal_roles principal_roles_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."principal_roles"
    ADD CONSTRAINT "principal_roles_pkey" PRIMARY KEY ("principal_id", "instance_profile_id");


--
-- Name: principals principals_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."principals"
    ADD CONSTRAINT "principals_pkey" PRIMARY KEY ("id");


--
-- Name: registered_models registered_models_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."registered_models"
    ADD CONSTRAINT "registered_models_pkey" PRIMARY KEY ("id");


--
-- Name: row_filters row_filters_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."row_filters"
    ADD CONSTRAINT "row_filters_pkey" PRIMARY KEY ("table_id");


--
-- Name: saml_sign_in_requests saml_sign_in_requests_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."saml_sign_in_requests"
    ADD CONSTRAINT "saml_sign_in_requests_pkey" PRIMARY KEY ("id");


--
-- Name: schemas schemas_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."schemas"
    ADD CONSTRAINT "schemas_pkey" PRIMARY KEY ("id");


--
-- Name: service_principal_secrets service_principal_secrets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."service_principal_secrets"
    ADD CONSTRAINT "service_principal_secrets_pkey" PRIMARY KEY ("id");


--
-- Name: staging_tables staging_tables_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."staging_tables"
    ADD CONSTRAINT "staging_tables_pkey" PRIMARY KEY ("id");


--
-- Name: staging_tables staging_tables_staging_location_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."staging_tables"
    ADD CONSTRAINT "staging_tables_staging_location_key" UNIQUE ("staging_location");


--
-- Name: storage_credentials storage_credentials_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."storage_credentials"
    ADD CONSTRAINT "storage_credentials_pkey" PRIMARY KEY ("id");


--
-- Name: storage_locations storage_locations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."storage_locations"
    ADD CONSTRAINT "storage_locations_pkey" PRIMARY KEY ("location");


--
-- Name: tables tables_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."tables"
    ADD CONSTRAINT "tables_pkey" PRIMARY KEY ("id");


--
-- Name: tag_policies tag_policies_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."tag_policies"
    ADD CONSTRAINT "tag_policies_pkey" PRIMARY KEY ("tag_key");


--
-- Name: tag_policy_assigners tag_policy_assigners_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."tag_policy_assigners"
    ADD CONSTRAINT "tag_policy_assigners_pkey" PRIMARY KEY ("tag_key", "principal_id");


--
-- Name: tokens tokens_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."tokens"
    ADD CONSTRAINT "tokens_hash_key" UNIQUE ("hash");


--
-- Name: tokens tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."tokens"
    ADD CONSTRAINT "tokens_pkey" PRIMARY KEY ("id");


--
-- Name: volumes volumes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."volumes"
    ADD CONSTRAINT "volumes_pkey" PRIMARY KEY ("id");


--
-- Name: workspace_assignments workspace_assignments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."workspace_assignments"
    ADD CONSTRAINT "workspace_assignments_pkey" PRIMARY KEY ("workspace_id", "principal_id");


--
-- Name: workspace_bindings workspace_bindings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."workspace_bindings"
    ADD CONSTRAINT "workspace_bindings_pkey" PRIMARY KEY ("securable_id", "workspace_id");


--
-- Name: workspace_conf workspace_conf_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."workspace_conf"
    ADD CONSTRAINT "workspace_conf_pkey" PRIMARY KEY ("workspace_id", "key");


--
-- Name: workspaces workspaces_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."workspaces"
    ADD CONSTRAINT "workspaces_pkey" PRIMARY KEY ("workspace_id");


--
-- Name: column_edges_by_input; Type: INDEX; Schema: lineage; Owner: -
--

CREATE INDEX "column_edges_by_input" ON "lineage"."column_edges" USING "btree" ("input_dataset_id", "input_field", "output_dataset_id", "output_field");


--
-- Name: datasets_name; Type: INDEX; Schema: lineage; Owner: -
--

CREATE UNIQUE INDEX "datasets_name" ON "lineage"."datasets" USING "btree" ("namespace", "name");


--
-- Name: datasets_table_full_name; Type: INDEX; Schema: lineage; Owner: -
--

CREATE INDEX "datasets_table_full_name" ON "lineage"."datasets" USING "btree" ("lower"("table_full_name")) WHERE ("table_full_name" IS NOT NULL);


--
-- Name: datasets_table_id; Type: INDEX; Schema: lineage; Owner: -
--

CREATE INDEX "datasets_table_id" ON "lineage"."datasets" USING "btree" ("table_id") WHERE ("table_id" IS NOT NULL);


--
-- Name: events_run; Type: INDEX; Schema: lineage; Owner: -
--

CREATE INDEX "events_run" ON "lineage"."events" USING "btree" ("run_id") WHERE ("run_id" IS NOT NULL);


--
-- Name: flyway_schema_history_s_idx; Type: INDEX; Schema: lineage; Owner: -
--

CREATE INDEX "flyway_schema_history_s_idx" ON "lineage"."flyway_schema_history" USING "btree" ("success");


--
-- Name: job_datasets_by_job; Type: INDEX; Schema: lineage; Owner: -
--

CREATE UNIQUE INDEX "job_datasets_by_job" ON "lineage"."job_datasets" USING "btree" ("job_id", "output", "dataset_id");


--
-- Name: jobs_name; Type: INDEX; Schema: lineage; Owner: -
--

CREATE UNIQUE INDEX "jobs_name" ON "lineage"."jobs" USING "btree" ("namespace", "name");


--
-- Name: projection_queue_received; Type: INDEX; Schema: lineage; Owner: -
--

CREATE INDEX "projection_queue_received" ON "lineage"."projection_queue" USING "btree" ("received_at");


--
-- Name: runs_job; Type: INDEX; Schema: lineage; Owner: -
--

CREATE INDEX "runs_job" ON "lineage"."runs" USING "btree" ("job_id", "created_at" DESC);


--
-- Name: abac_policies_function; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "abac_policies_function" ON "public"."abac_policies" USING "btree" ("function_id");


--
-- Name: abac_policies_name; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "abac_policies_name" ON "public"."abac_policies" USING "btree" ("on_securable_id", "lower"(("name")::"text"));


--
-- Name: audit_log_principal; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "audit_log_principal" ON "public"."audit_log" USING "btree" ("lower"(("principal")::"text"), "occurred_at");


--
-- Name: audit_log_securable; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "audit_log_securable" ON "public"."audit_log" USING "btree" ("securable_name", "occurred_at");


--
-- Name: audit_log_securables; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "audit_log_securables" ON "public"."audit_log" USING "gin" ("securable_names") WHERE ("securable_names" IS NOT NULL);


--
-- Name: audit_log_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "audit_log_time" ON "public"."audit_log" USING "btree" ("occurred_at", "id");


--
-- Name: catalogs_name_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "catalogs_name_key" ON "public"."catalogs" USING "btree" ("lower"(("name")::"text"));


--
-- Name: column_masks_function; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "column_masks_function" ON "public"."column_masks" USING "btree" ("function_id");


--
-- Name: external_locations_credential; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "external_locations_credential" ON "public"."external_locations" USING "btree" ("credential_id");


--
-- Name: external_locations_name_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "external_locations_name_key" ON "public"."external_locations" USING "btree" ("lower"(("name")::"text"));


--
-- Name: external_locations_url_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "external_locations_url_key" ON "public"."external_locations" USING "btree" ("url");


--
-- Name: flyway_schema_history_s_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "flyway_schema_history_s_idx" ON "public"."flyway_schema_history" USING "btree" ("success");


--
-- Name: functions_name_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "functions_name_key" ON "public"."functions" USING "btree" ("schema_id", "lower"(("name")::"text"));


--
-- Name: grants_principal; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "grants_principal" ON "public"."grants" USING "btree" ("principal_id");


--
-- Name: group_members_member; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "group_members_member" ON "public"."group_members" USING "btree" ("member_id");


--
-- Name: instance_profiles_arn_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "instance_profiles_arn_key" ON "public"."instance_profiles" USING "btree" ("lower"(("instance_profile_arn")::"text"));


--
-- Name: instance_profiles_one_meta; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "instance_profiles_one_meta" ON "public"."instance_profiles" USING "btree" ("is_meta_instance_profile") WHERE "is_meta_instance_profile";


--
-- Name: ip_access_lists_workspace; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "ip_access_lists_workspace" ON "public"."ip_access_lists" USING "btree" ("workspace_id");


--
-- Name: model_versions_version_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "model_versions_version_key" ON "public"."model_versions" USING "btree" ("model_id", "version");


--
-- Name: policy_changes_recorded_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "policy_changes_recorded_at" ON "public"."policy_changes" USING "btree" ("recorded_at");


--
-- Name: policy_changes_version; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "policy_changes_version" ON "public"."policy_changes" USING "btree" ("version");


--
-- Name: principal_roles_profile; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "principal_roles_profile" ON "public"."principal_roles" USING "btree" ("instance_profile_id");


--
-- Name: principals_external_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "principals_external_id" ON "public"."principals" USING "btree" ("external_id");


--
-- Name: principals_kind; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "principals_kind" ON "public"."principals" USING "btree" ("kind", "lower"(("name")::"text"));


--
-- Name: principals_name_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "principals_name_key" ON "public"."principals" USING "btree" ("lower"(("name")::"text"));


--
-- Name: registered_models_name_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "registered_models_name_key" ON "public"."registered_models" USING "btree" ("schema_id", "lower"(("name")::"text"));


--
-- Name: row_filters_function; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "row_filters_function" ON "public"."row_filters" USING "btree" ("function_id");


--
-- Name: saml_sign_in_requests_expiry; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "saml_sign_in_requests_expiry" ON "public"."saml_sign_in_requests" USING "btree" ("expires_at");


--
-- Name: schemas_name_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "schemas_name_key" ON "public"."schemas" USING "btree" ("catalog_id", "lower"(("name")::"text"));


--
-- Name: service_principal_secrets_principal; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "service_principal_secrets_principal" ON "public"."service_principal_secrets" USING "btree" ("principal_id");


--
-- Name: staging_tables_schema; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "staging_tables_schema" ON "public"."staging_tables" USING "btree" ("schema_id");


--
-- Name: storage_credentials_name_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "storage_credentials_name_key" ON "public"."storage_credentials" USING "btree" ("lower"(("name")::"text"));


--
-- Name: storage_locations_prefix; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "storage_locations_prefix" ON "public"."storage_locations" USING "btree" ("location" "text_pattern_ops");


--
-- Name: storage_locations_securable; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "storage_locations_securable" ON "public"."storage_locations" USING "btree" ("securable_id");


--
-- Name: tables_name_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "tables_name_key" ON "public"."tables" USING "btree" ("schema_id", "lower"(("name")::"text"));


--
-- Name: tag_policies_key_ci; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "tag_policies_key_ci" ON "public"."tag_policies" USING "btree" ("lower"(("tag_key")::"text"));


--
-- Name: token_permissions_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "token_permissions_key" ON "public"."token_permissions" USING "btree" ("workspace_id", COALESCE("principal_id", '00000000-0000-0000-0000-000000000000'::"uuid"));


--
-- Name: tokens_principal; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "tokens_principal" ON "public"."tokens" USING "btree" ("principal_id");


--
-- Name: volumes_name_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "volumes_name_key" ON "public"."volumes" USING "btree" ("schema_id", "lower"(("name")::"text"));


--
-- Name: workspaces_deployment_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "workspaces_deployment_key" ON "public"."workspaces" USING "btree" ("lower"(("deployment_name")::"text"));


--
-- Name: workspaces_name_key; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "workspaces_name_key" ON "public"."workspaces" USING "btree" ("lower"(("workspace_name")::"text"));


--
-- Name: events events_append_only; Type: TRIGGER; Schema: lineage; Owner: -
--

CREATE TRIGGER "events_append_only" BEFORE UPDATE ON "lineage"."events" FOR EACH STATEMENT EXECUTE FUNCTION "lineage"."refuse_event_update"();


--
-- Name: abac_policies abac_policies_policy; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "abac_policies_policy" AFTER INSERT OR DELETE OR UPDATE ON "public"."abac_policies" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: audit_log audit_log_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "public"."audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "public"."audit_log_is_append_only"();


--
-- Name: audit_log audit_log_no_update_or_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "audit_log_no_update_or_delete" BEFORE DELETE OR UPDATE ON "public"."audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "public"."audit_log_is_append_only"();


--
-- Name: catalogs catalogs_abac_policies; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "catalogs_abac_policies" AFTER DELETE ON "public"."catalogs" FOR EACH ROW EXECUTE FUNCTION "public"."drop_abac_policies_of_securable"();


--
-- Name: catalogs catalogs_drop_bindings; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "catalogs_drop_bindings" AFTER DELETE ON "public"."catalogs" FOR EACH ROW EXECUTE FUNCTION "public"."drop_workspace_bindings"();


--
-- Name: catalogs catalogs_isolation_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "catalogs_isolation_change" AFTER UPDATE ON "public"."catalogs" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ((("old"."isolation_mode")::"text" IS DISTINCT FROM ("new"."isolation_mode")::"text")) EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: catalogs catalogs_policy_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "catalogs_policy_change" AFTER UPDATE ON "public"."catalogs" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (((("old"."name")::"text" IS DISTINCT FROM ("new"."name")::"text") OR (("old"."owner")::"text" IS DISTINCT FROM ("new"."owner")::"text"))) EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: catalogs catalogs_policy_rows; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "catalogs_policy_rows" AFTER INSERT OR DELETE ON "public"."catalogs" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: catalogs catalogs_tags_policy; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "catalogs_tags_policy" AFTER UPDATE ON "public"."catalogs" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (("old"."tags" IS DISTINCT FROM "new"."tags")) EXECUTE FUNCTION "public"."bump_policy_version_for_tags"();


--
-- Name: column_masks column_masks_policy; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "column_masks_policy" AFTER INSERT OR DELETE OR UPDATE ON "public"."column_masks" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: external_locations external_locations_drop_bindings; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "external_locations_drop_bindings" AFTER DELETE ON "public"."external_locations" FOR EACH ROW EXECUTE FUNCTION "public"."drop_workspace_bindings"();


--
-- Name: external_locations external_locations_isolation_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "external_locations_isolation_change" AFTER UPDATE ON "public"."external_locations" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ((("old"."isolation_mode")::"text" IS DISTINCT FROM ("new"."isolation_mode")::"text")) EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: external_locations external_locations_policy_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "external_locations_policy_change" AFTER UPDATE ON "public"."external_locations" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (((("old"."name")::"text" IS DISTINCT FROM ("new"."name")::"text") OR (("old"."owner")::"text" IS DISTINCT FROM ("new"."owner")::"text") OR ("old"."url" IS DISTINCT FROM "new"."url") OR ("old"."credential_id" IS DISTINCT FROM "new"."credential_id"))) EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: external_locations external_locations_policy_rows; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "external_locations_policy_rows" AFTER INSERT OR DELETE ON "public"."external_locations" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: functions functions_policy_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "functions_policy_change" AFTER UPDATE ON "public"."functions" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (((("old"."name")::"text" IS DISTINCT FROM ("new"."name")::"text") OR (("old"."owner")::"text" IS DISTINCT FROM ("new"."owner")::"text") OR ("old"."schema_id" IS DISTINCT FROM "new"."schema_id") OR ("old"."definition" IS DISTINCT FROM "new"."definition"))) EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: functions functions_policy_rows; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "functions_policy_rows" AFTER INSERT OR DELETE ON "public"."functions" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: grants grants_policy; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "grants_policy" AFTER INSERT OR DELETE OR UPDATE ON "public"."grants" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: group_members group_members_policy; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "group_members_policy" AFTER INSERT OR DELETE OR UPDATE ON "public"."group_members" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: ip_access_lists ip_access_lists_changed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "ip_access_lists_changed" AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON "public"."ip_access_lists" FOR EACH STATEMENT EXECUTE FUNCTION "public"."gatehouse_settings_changed"();


--
-- Name: principals principals_policy_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "principals_policy_change" AFTER UPDATE ON "public"."principals" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (((("old"."name")::"text" IS DISTINCT FROM ("new"."name")::"text") OR ("old"."active" IS DISTINCT FROM "new"."active") OR (("old"."kind")::"text" IS DISTINCT FROM ("new"."kind")::"text"))) EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: principals principals_policy_rows; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "principals_policy_rows" AFTER INSERT OR DELETE ON "public"."principals" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: registered_models registered_models_policy_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "registered_models_policy_change" AFTER UPDATE ON "public"."registered_models" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (((("old"."name")::"text" IS DISTINCT FROM ("new"."name")::"text") OR (("old"."owner")::"text" IS DISTINCT FROM ("new"."owner")::"text") OR ("old"."schema_id" IS DISTINCT FROM "new"."schema_id") OR ("old"."storage_location" IS DISTINCT FROM "new"."storage_location"))) EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: registered_models registered_models_policy_rows; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "registered_models_policy_rows" AFTER INSERT OR DELETE ON "public"."registered_models" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: row_filters row_filters_policy; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "row_filters_policy" AFTER INSERT OR DELETE OR UPDATE ON "public"."row_filters" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: schemas schemas_abac_policies; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "schemas_abac_policies" AFTER DELETE ON "public"."schemas" FOR EACH ROW EXECUTE FUNCTION "public"."drop_abac_policies_of_securable"();


--
-- Name: schemas schemas_policy_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "schemas_policy_change" AFTER UPDATE ON "public"."schemas" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (((("old"."name")::"text" IS DISTINCT FROM ("new"."name")::"text") OR (("old"."owner")::"text" IS DISTINCT FROM ("new"."owner")::"text") OR ("old"."catalog_id" IS DISTINCT FROM "new"."catalog_id"))) EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: schemas schemas_policy_rows; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "schemas_policy_rows" AFTER INSERT OR DELETE ON "public"."schemas" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: schemas schemas_tags_policy; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "schemas_tags_policy" AFTER UPDATE ON "public"."schemas" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (("old"."tags" IS DISTINCT FROM "new"."tags")) EXECUTE FUNCTION "public"."bump_policy_version_for_tags"();


--
-- Name: storage_credentials storage_credentials_drop_bindings; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "storage_credentials_drop_bindings" AFTER DELETE ON "public"."storage_credentials" FOR EACH ROW EXECUTE FUNCTION "public"."drop_workspace_bindings"();


--
-- Name: storage_credentials storage_credentials_isolation_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "storage_credentials_isolation_change" AFTER UPDATE ON "public"."storage_credentials" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ((("old"."isolation_mode")::"text" IS DISTINCT FROM ("new"."isolation_mode")::"text")) EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: storage_credentials storage_credentials_policy_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "storage_credentials_policy_change" AFTER UPDATE ON "public"."storage_credentials" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (((("old"."name")::"text" IS DISTINCT FROM ("new"."name")::"text") OR (("old"."owner")::"text" IS DISTINCT FROM ("new"."owner")::"text"))) EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: storage_credentials storage_credentials_policy_rows; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "storage_credentials_policy_rows" AFTER INSERT OR DELETE ON "public"."storage_credentials" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: tables tables_abac_policies; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "tables_abac_policies" AFTER DELETE ON "public"."tables" FOR EACH ROW EXECUTE FUNCTION "public"."drop_abac_policies_of_securable"();


--
-- Name: tables tables_policy_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "tables_policy_change" AFTER UPDATE ON "public"."tables" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (((("old"."name")::"text" IS DISTINCT FROM ("new"."name")::"text") OR (("old"."owner")::"text" IS DISTINCT FROM ("new"."owner")::"text") OR ("old"."schema_id" IS DISTINCT FROM "new"."schema_id") OR ("old"."storage_location" IS DISTINCT FROM "new"."storage_location"))) EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: tables tables_policy_rows; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "tables_policy_rows" AFTER INSERT OR DELETE ON "public"."tables" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: tables tables_tags_policy; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "tables_tags_policy" AFTER UPDATE ON "public"."tables" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN ((("old"."tags" IS DISTINCT FROM "new"."tags") OR (("old"."columns")::"text" IS DISTINCT FROM ("new"."columns")::"text"))) EXECUTE FUNCTION "public"."bump_policy_version_for_tags"();


--
-- Name: token_permissions token_permissions_changed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "token_permissions_changed" AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON "public"."token_permissions" FOR EACH STATEMENT EXECUTE FUNCTION "public"."gatehouse_settings_changed"();


--
-- Name: tokens tokens_revoked; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "tokens_revoked" AFTER DELETE ON "public"."tokens" FOR EACH STATEMENT EXECUTE FUNCTION "public"."gatehouse_settings_changed"();


--
-- Name: volumes volumes_policy_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "volumes_policy_change" AFTER UPDATE ON "public"."volumes" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (((("old"."name")::"text" IS DISTINCT FROM ("new"."name")::"text") OR (("old"."owner")::"text" IS DISTINCT FROM ("new"."owner")::"text") OR ("old"."schema_id" IS DISTINCT FROM "new"."schema_id") OR ("old"."storage_location" IS DISTINCT FROM "new"."storage_location"))) EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: volumes volumes_policy_rows; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "volumes_policy_rows" AFTER INSERT OR DELETE ON "public"."volumes" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: workspace_assignments workspace_assignments_changed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "workspace_assignments_changed" AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON "public"."workspace_assignments" FOR EACH STATEMENT EXECUTE FUNCTION "public"."gatehouse_settings_changed"();


--
-- Name: workspace_bindings workspace_bindings_policy_rows; Type: TRIGGER; Schema: public; Owner: -
--

CREATE CONSTRAINT TRIGGER "workspace_bindings_policy_rows" AFTER INSERT OR DELETE OR UPDATE ON "public"."workspace_bindings" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "public"."bump_policy_version"();


--
-- Name: workspace_conf workspace_conf_changed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "workspace_conf_changed" AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON "public"."workspace_conf" FOR EACH STATEMENT EXECUTE FUNCTION "public"."gatehouse_settings_changed"();


--
-- Name: workspaces workspaces_changed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "workspaces_changed" AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON "public"."workspaces" FOR EACH STATEMENT EXECUTE FUNCTION "public"."gatehouse_settings_changed"();


--
-- Name: abac_policies abac_policies_function_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."abac_policies"
    ADD CONSTRAINT "abac_policies_function_id_fkey" FOREIGN KEY ("function_id") REFERENCES "public"."functions"("id");


--
-- Name: column_masks column_masks_function_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."column_masks"
    ADD CONSTRAINT "column_masks_function_id_fkey" FOREIGN KEY ("function_id") REFERENCES "public"."functions"("id");


--
-- Name: column_masks column_masks_table_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."column_masks"
    ADD CONSTRAINT "column_masks_table_id_fkey" FOREIGN KEY ("table_id") REFERENCES "public"."tables"("id") ON DELETE CASCADE;


--
-- Name: external_locations external_locations_credential_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."external_locations"
    ADD CONSTRAINT "external_locations_credential_id_fkey" FOREIGN KEY ("credential_id") REFERENCES "public"."storage_credentials"("id");


--
-- Name: functions functions_schema_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."functions"
    ADD CONSTRAINT "functions_schema_id_fkey" FOREIGN KEY ("schema_id") REFERENCES "public"."schemas"("id") ON DELETE CASCADE;


--
-- Name: grants grants_principal_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."grants"
    ADD CONSTRAINT "grants_principal_id_fkey" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE CASCADE;


--
-- Name: group_members group_members_group_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."group_members"
    ADD CONSTRAINT "group_members_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "public"."principals"("id") ON DELETE CASCADE;


--
-- Name: group_members group_members_member_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."group_members"
    ADD CONSTRAINT "group_members_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "public"."principals"("id") ON DELETE CASCADE;


--
-- Name: iceberg_tables iceberg_tables_table_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."iceberg_tables"
    ADD CONSTRAINT "iceberg_tables_table_id_fkey" FOREIGN KEY ("table_id") REFERENCES "public"."tables"("id") ON DELETE CASCADE;


--
-- Name: model_versions model_versions_model_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."model_versions"
    ADD CONSTRAINT "model_versions_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "public"."registered_models"("id") ON DELETE CASCADE;


--
-- Name: principal_entitlements principal_entitlements_principal_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."principal_entitlements"
    ADD CONSTRAINT "principal_entitlements_principal_id_fkey" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE CASCADE;


--
-- Name: principal_roles principal_roles_instance_profile_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."principal_roles"
    ADD CONSTRAINT "principal_roles_instance_profile_id_fkey" FOREIGN KEY ("instance_profile_id") REFERENCES "public"."instance_profiles"("id") ON DELETE CASCADE;


--
-- Name: principal_roles principal_roles_principal_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."principal_roles"
    ADD CONSTRAINT "principal_roles_principal_id_fkey" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE CASCADE;


--
-- Name: registered_models registered_models_schema_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."registered_models"
    ADD CONSTRAINT "registered_models_schema_id_fkey" FOREIGN KEY ("schema_id") REFERENCES "public"."schemas"("id") ON DELETE CASCADE;


--
-- Name: row_filters row_filters_function_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."row_filters"
    ADD CONSTRAINT "row_filters_function_id_fkey" FOREIGN KEY ("function_id") REFERENCES "public"."functions"("id");


--
-- Name: row_filters row_filters_table_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."row_filters"
    ADD CONSTRAINT "row_filters_table_id_fkey" FOREIGN KEY ("table_id") REFERENCES "public"."tables"("id") ON DELETE CASCADE;


--
-- Name: schemas schemas_catalog_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."schemas"
    ADD CONSTRAINT "schemas_catalog_id_fkey" FOREIGN KEY ("catalog_id") REFERENCES "public"."catalogs"("id") ON DELETE CASCADE;


--
-- Name: service_principal_secrets service_principal_secrets_principal_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."service_principal_secrets"
    ADD CONSTRAINT "service_principal_secrets_principal_id_fkey" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE CASCADE;


--
-- Name: staging_tables staging_tables_schema_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."staging_tables"
    ADD CONSTRAINT "staging_tables_schema_id_fkey" FOREIGN KEY ("schema_id") REFERENCES "public"."schemas"("id") ON DELETE CASCADE;


--
-- Name: tables tables_schema_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."tables"
    ADD CONSTRAINT "tables_schema_id_fkey" FOREIGN KEY ("schema_id") REFERENCES "public"."schemas"("id") ON DELETE CASCADE;


--
-- Name: tag_policy_assigners tag_policy_assigners_principal_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."tag_policy_assigners"
    ADD CONSTRAINT "tag_policy_assigners_principal_id_fkey" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE CASCADE;


--
-- Name: tag_policy_assigners tag_policy_assigners_tag_key_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."tag_policy_assigners"
    ADD CONSTRAINT "tag_policy_assigners_tag_key_fkey" FOREIGN KEY ("tag_key") REFERENCES "public"."tag_policies"("tag_key") ON DELETE CASCADE;


--
-- Name: token_permissions token_permissions_principal_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."token_permissions"
    ADD CONSTRAINT "token_permissions_principal_id_fkey" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE CASCADE;


--
-- Name: tokens tokens_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."tokens"
    ADD CONSTRAINT "tokens_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "public"."principals"("id") ON DELETE SET NULL;


--
-- Name: tokens tokens_principal_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."tokens"
    ADD CONSTRAINT "tokens_principal_id_fkey" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE CASCADE;


--
-- Name: tokens tokens_workspace_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."tokens"
    ADD CONSTRAINT "tokens_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE CASCADE;


--
-- Name: volumes volumes_schema_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."volumes"
    ADD CONSTRAINT "volumes_schema_id_fkey" FOREIGN KEY ("schema_id") REFERENCES "public"."schemas"("id") ON DELETE CASCADE;


--
-- Name: workspace_assignments workspace_assignments_principal_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."workspace_assignments"
    ADD CONSTRAINT "workspace_assignments_principal_id_fkey" FOREIGN KEY ("principal_id") REFERENCES "public"."principals"("id") ON DELETE CASCADE;


--
-- Name: workspace_assignments workspace_assignments_workspace_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."workspace_assignments"
    ADD CONSTRAINT "workspace_assignments_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE CASCADE;


--
-- Name: workspace_bindings workspace_bindings_workspace_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."workspace_bindings"
    ADD CONSTRAINT "workspace_bindings_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--

\unrestrict OhSdVdlZJSRdUfjU6vaf0FaG5p3OOLzrdv9twBWARg66SrZZGqtd6BV5IHacEHR

