-- Staging tables: a storage location reserved for a managed table whose data is written before
-- the table is created (Unity Catalog's staging-table flow). Creating the MANAGED table at the
-- staging location promotes it; the table takes the staging id and keeps the location claim.
CREATE TABLE staging_tables (
    id                uuid         PRIMARY KEY,
    schema_id         uuid         NOT NULL REFERENCES schemas (id) ON DELETE CASCADE,
    name              varchar(255) NOT NULL,
    staging_location  text         NOT NULL UNIQUE,
    created_at        timestamptz  NOT NULL,
    created_by        varchar(255) NOT NULL
);
CREATE INDEX staging_tables_schema ON staging_tables (schema_id);
