-- Iceberg tables served over the Iceberg REST catalog (docs/iceberg.md): the table itself is a row
-- of tables (data_source_format ICEBERG); its current metadata file lives here, apart from the
-- table row, so that a commit (which moves only this) does not move the policy version. A commit
-- moves metadata_location by compare-and-swap in its own transaction:
--   UPDATE iceberg_tables SET metadata_location = new WHERE table_id = ? AND metadata_location = old
-- and loses the race when no row matched.
CREATE TABLE iceberg_tables (
    table_id           uuid         PRIMARY KEY REFERENCES tables (id) ON DELETE CASCADE,
    metadata_location  text         NOT NULL,
    updated_at         timestamptz  NOT NULL
);
