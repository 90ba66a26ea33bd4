-- Every securable that exists, with its place in the hierarchy: the policy snapshot (grants as
-- paths of ids) and the grants a principal holds (with full names) both read it, instead of each
-- spelling out a union over every securable table. A dropped object has no row, so its grants
-- drop out of both.
--
--   root_id    the catalog, or the securable itself when it has no parent (metastore, external
--              location, storage credential)
--   schema_id  the schema, for a schema and what lies in it
--   object_id  the table, volume or function
--   full_name  the dotted name the API shows
--
-- The union's branches are single tables with the same column types (explicit casts: otherwise
-- PostgreSQL plans each branch apart) and the parents are joined above the union, so a query
-- that joins a few grants to the view looks each securable up by its primary key rather than
-- reading every table; the join to catalogs is a left join on its key, which PostgreSQL leaves out when
-- full_name is not asked for. Names and parents come from the tables, whose V11 triggers move the
-- policy version when they change; the view needs none of its own.
CREATE VIEW securable_paths AS
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
       ) o
  LEFT JOIN schemas s ON s.id = o.schema_id
  LEFT JOIN catalogs c ON c.id = s.catalog_id;

-- The application's role reads it. V9's grants cover views (ALL TABLES includes them); the view
-- is not updatable, so the write rights they also give have nothing to act on.
SELECT gatehouse_grant_application_role('${app_role}');
