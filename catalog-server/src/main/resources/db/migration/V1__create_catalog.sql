-- The catalog hierarchy: metastore > catalog > schema > table / volume / function.
-- Names keep the case they were created with and are unique case-insensitively within their
-- parent, through unique indexes on lower(name); listings page by the same expression.

CREATE TABLE metastore (
    id          uuid         PRIMARY KEY,
    name        varchar(255) NOT NULL,
    created_at  timestamptz  NOT NULL
);
-- Exactly one metastore per installation, with an id of its own.
INSERT INTO metastore (id, name, created_at) VALUES (gen_random_uuid(), 'gatehouse', now());

CREATE TABLE catalogs (
    id                uuid         PRIMARY KEY,
    name              varchar(255) NOT NULL,
    comment           text,
    properties        jsonb        NOT NULL DEFAULT '{}',
    owner             varchar(255) NOT NULL,
    storage_root      text,
    storage_location  text,
    created_at        timestamptz  NOT NULL,
    created_by        varchar(255) NOT NULL,
    updated_at        timestamptz  NOT NULL,
    updated_by        varchar(255) NOT NULL
);
CREATE UNIQUE INDEX catalogs_name_key ON catalogs (lower(name));

CREATE TABLE schemas (
    id                uuid         PRIMARY KEY,
    catalog_id        uuid         NOT NULL REFERENCES catalogs (id) ON DELETE CASCADE,
    name              varchar(255) NOT NULL,
    comment           text,
    properties        jsonb        NOT NULL DEFAULT '{}',
    owner             varchar(255) NOT NULL,
    storage_root      text,
    storage_location  text,
    created_at        timestamptz  NOT NULL,
    created_by        varchar(255) NOT NULL,
    updated_at        timestamptz  NOT NULL,
    updated_by        varchar(255) NOT NULL
);
CREATE UNIQUE INDEX schemas_name_key ON schemas (catalog_id, lower(name));

CREATE TABLE tables (
    id                  uuid         PRIMARY KEY,
    schema_id           uuid         NOT NULL REFERENCES schemas (id) ON DELETE CASCADE,
    name                varchar(255) NOT NULL,
    table_type          varchar(32)  NOT NULL,
    data_source_format  varchar(16),
    columns             jsonb        NOT NULL DEFAULT '[]',
    storage_location    text,
    view_definition     text,
    view_dependencies   jsonb,
    comment             text,
    properties          jsonb        NOT NULL DEFAULT '{}',
    owner               varchar(255) NOT NULL,
    created_at          timestamptz  NOT NULL,
    created_by          varchar(255) NOT NULL,
    updated_at          timestamptz  NOT NULL,
    updated_by          varchar(255) NOT NULL
);
CREATE UNIQUE INDEX tables_name_key ON tables (schema_id, lower(name));

CREATE TABLE volumes (
    id                uuid         PRIMARY KEY,
    schema_id         uuid         NOT NULL REFERENCES schemas (id) ON DELETE CASCADE,
    name              varchar(255) NOT NULL,
    volume_type       varchar(16)  NOT NULL,
    storage_location  text         NOT NULL,
    comment           text,
    owner             varchar(255) NOT NULL,
    created_at        timestamptz  NOT NULL,
    created_by        varchar(255) NOT NULL,
    updated_at        timestamptz  NOT NULL,
    updated_by        varchar(255) NOT NULL
);
CREATE UNIQUE INDEX volumes_name_key ON volumes (schema_id, lower(name));

-- A function's signature and body (everything of Unity Catalog's CreateFunction beyond names,
-- comment and owner) is kept as one jsonb document.
CREATE TABLE functions (
    id          uuid         PRIMARY KEY,
    schema_id   uuid         NOT NULL REFERENCES schemas (id) ON DELETE CASCADE,
    name        varchar(255) NOT NULL,
    definition  jsonb        NOT NULL,
    comment     text,
    owner       varchar(255) NOT NULL,
    created_at  timestamptz  NOT NULL,
    created_by  varchar(255) NOT NULL,
    updated_at  timestamptz  NOT NULL,
    updated_by  varchar(255) NOT NULL
);
CREATE UNIQUE INDEX functions_name_key ON functions (schema_id, lower(name));

-- Every storage path that a table or volume holds. Paths may not equal, contain or lie inside
-- one another: credentials are vended by prefix. Rows go when their owner goes.
CREATE TABLE storage_locations (
    location        text         PRIMARY KEY,
    securable_type  varchar(16)  NOT NULL,
    securable_id    uuid         NOT NULL
);
CREATE INDEX storage_locations_prefix ON storage_locations (location text_pattern_ops);
CREATE INDEX storage_locations_securable ON storage_locations (securable_id);
