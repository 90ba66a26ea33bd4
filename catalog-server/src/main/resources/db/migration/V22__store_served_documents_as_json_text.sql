-- The documents a listing serves as stored (a table's columns, properties and view dependencies;
-- a catalog's and a schema's properties) are kept as json, their text, instead of jsonb. They are
-- never queried inside PostgreSQL, and rendering jsonb as text was most of PostgreSQL's work in a
-- listing (about 3.5 ms a page of 1,000 tables). Existing documents are converted through jsonb's
-- text, and writes that bind jsonb are cast on assignment the same way, so every answer keeps the
-- bytes it had.
ALTER TABLE tables
  ALTER COLUMN columns DROP DEFAULT,
  ALTER COLUMN columns TYPE json USING columns::json,
  ALTER COLUMN columns SET DEFAULT '[]',
  ALTER COLUMN properties DROP DEFAULT,
  ALTER COLUMN properties TYPE json USING properties::json,
  ALTER COLUMN properties SET DEFAULT '{}',
  ALTER COLUMN view_dependencies TYPE json USING view_dependencies::json;

ALTER TABLE catalogs
  ALTER COLUMN properties DROP DEFAULT,
  ALTER COLUMN properties TYPE json USING properties::json,
  ALTER COLUMN properties SET DEFAULT '{}';

ALTER TABLE schemas
  ALTER COLUMN properties DROP DEFAULT,
  ALTER COLUMN properties TYPE json USING properties::json,
  ALTER COLUMN properties SET DEFAULT '{}';
