-- Explicit denies live beside grants: a row grants, or denies, one privilege to one principal.
ALTER TABLE grants ADD COLUMN deny boolean NOT NULL DEFAULT false;
ALTER TABLE grants DROP CONSTRAINT grants_pkey;
ALTER TABLE grants ADD PRIMARY KEY (securable_id, principal_id, privilege, deny);

-- The row filter of a table: a function whose parameters are bound to the table's columns.
-- A function in use may not be dropped on its own (the foreign key), but goes with its schema.
CREATE TABLE row_filters (
    table_id     uuid         PRIMARY KEY REFERENCES tables (id) ON DELETE CASCADE,
    function_id  uuid         NOT NULL REFERENCES functions (id),
    columns      jsonb        NOT NULL,
    set_by       varchar(255) NOT NULL,
    set_at       timestamptz  NOT NULL
);
CREATE INDEX row_filters_function ON row_filters (function_id);

-- The mask of a column: a function of the column's value and, optionally, further arguments
-- (columns or literals, kept as SQL text).
CREATE TABLE column_masks (
    table_id       uuid         NOT NULL REFERENCES tables (id) ON DELETE CASCADE,
    column_name    varchar(255) NOT NULL,
    function_id    uuid         NOT NULL REFERENCES functions (id),
    using_columns  jsonb        NOT NULL DEFAULT '[]',
    set_by         varchar(255) NOT NULL,
    set_at         timestamptz  NOT NULL,
    PRIMARY KEY (table_id, column_name)
);
CREATE INDEX column_masks_function ON column_masks (function_id);

-- What table info shows of the row filter ({"function_name", "input_column_names"}); column
-- masks and column tags are shown inside the columns document, as Databricks' ColumnInfo has them.
ALTER TABLE tables ADD COLUMN row_filter jsonb;

-- Governance tags, key to value ('' when only a key was set).
ALTER TABLE catalogs ADD COLUMN tags jsonb NOT NULL DEFAULT '{}';
ALTER TABLE schemas ADD COLUMN tags jsonb NOT NULL DEFAULT '{}';
ALTER TABLE tables ADD COLUMN tags jsonb NOT NULL DEFAULT '{}';
ALTER TABLE volumes ADD COLUMN tags jsonb NOT NULL DEFAULT '{}';
