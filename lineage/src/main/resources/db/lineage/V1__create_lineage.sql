-- OpenLineage events and the lineage graph projected from them, in the schema "lineage".
--
-- Dataset and job ids are name-based UUIDs (see LineageIds): the ingesting side computes them
-- from namespace and name, so one statement can write a job, its datasets and the edges between
-- them without reading ids back. Run ids are the OpenLineage runIds.
--
-- Every projected value is merged so that applying the same events in any order, or twice,
-- gives the same rows: newer event time wins, ties go to the further state.
--
-- Names compare byte by byte (COLLATE "C"): OpenLineage names are identifiers, and a linguistic
-- collation would make every index comparison slower and depend on the server's locale.
--
-- The edge tables have no foreign keys: the one ingestion statement writes both ends of every
-- edge it writes, and nothing deletes datasets or jobs. Their triggers took about a quarter of
-- the statement's execution time for a new run.

-- The raw events, as received. Append-only: rows are never updated (retention may delete).
CREATE TABLE events (
    id           uuid         PRIMARY KEY,  -- SHA-256 of the canonical JSON, first 128 bits
    received_at  timestamptz  NOT NULL DEFAULT now(),
    event_time   timestamptz  NOT NULL,
    kind         varchar(8)   NOT NULL CHECK (kind IN ('RUN', 'DATASET', 'JOB')),
    event_type   varchar(16),              -- START, RUNNING, COMPLETE, ABORT, FAIL, OTHER
    run_id       uuid,
    job_id       uuid,
    payload      jsonb        NOT NULL
);
CREATE INDEX events_run ON events (run_id) WHERE run_id IS NOT NULL;

CREATE FUNCTION refuse_event_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'lineage.events is append-only';
END
$$;
CREATE TRIGGER events_append_only BEFORE UPDATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_update();

-- A dataset: a node of the graph. It may be mapped to a catalog table (the server's resolver
-- decides at ingestion); an unmapped dataset stays an external node.
CREATE TABLE datasets (
    id               uuid         PRIMARY KEY,
    namespace        text         COLLATE "C" NOT NULL,
    name             text         COLLATE "C" NOT NULL,
    facets           jsonb        NOT NULL DEFAULT '{}',   -- facet name -> latest facet, merged
    facets_time      timestamptz,                         -- event time of the newest facets merged
    table_id         uuid,                                -- mapped catalog table
    table_full_name  text,                                -- catalog.schema.table
    mapped_at        timestamptz,                         -- when the mapping last changed
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now()
) WITH (fillfactor = 90);
CREATE UNIQUE INDEX datasets_name ON datasets (namespace, name);
CREATE INDEX datasets_table_id ON datasets (table_id) WHERE table_id IS NOT NULL;
CREATE INDEX datasets_table_full_name ON datasets (lower(table_full_name)) WHERE table_full_name IS NOT NULL;

CREATE TABLE jobs (
    id               uuid         PRIMARY KEY,
    namespace        text         COLLATE "C" NOT NULL,
    name             text         COLLATE "C" NOT NULL,
    facets           jsonb        NOT NULL DEFAULT '{}',
    facets_time      timestamptz,
    latest_run_id    uuid,                                -- run of the newest event that changed it
    latest_run_time  timestamptz,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    updated_at       timestamptz  NOT NULL DEFAULT now()
) WITH (fillfactor = 90);
CREATE UNIQUE INDEX jobs_name ON jobs (namespace, name);

-- The order of run states for events with the same time: a terminal state beats RUNNING, which
-- beats START; OTHER never replaces a known state.
CREATE FUNCTION state_rank(state text) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE state WHEN 'START' THEN 1 WHEN 'RUNNING' THEN 2
                      WHEN 'COMPLETE' THEN 3 WHEN 'ABORT' THEN 3 WHEN 'FAIL' THEN 3 ELSE 0 END
$$;

CREATE TABLE runs (
    id               uuid         PRIMARY KEY,            -- OpenLineage runId
    job_id           uuid         NOT NULL,
    state            varchar(16)  NOT NULL,
    state_time       timestamptz,                         -- time of the event that set state
    started_at       timestamptz,                         -- earliest START
    ended_at         timestamptz,                         -- latest COMPLETE, ABORT or FAIL
    last_event_time  timestamptz  NOT NULL,
    facets           jsonb        NOT NULL DEFAULT '{}',
    facets_time      timestamptz,
    created_at       timestamptz  NOT NULL DEFAULT now()
) WITH (fillfactor = 80);
-- created_at, not last_event_time: an indexed column that every event changes would rule out
-- HOT updates.
CREATE INDEX runs_job ON runs (job_id, created_at DESC);

-- Dataset <-> job edges: "output = false" means the job reads the dataset, true that it writes
-- it. Both traversal directions are index-only scans: the primary key leads with the dataset,
-- the second index with the job.
CREATE TABLE job_datasets (
    dataset_id   uuid         NOT NULL,
    output       boolean      NOT NULL,
    job_id       uuid         NOT NULL,
    last_run_id  uuid,                                    -- null for edges declared by a JobEvent
    updated_at   timestamptz  NOT NULL,                   -- event time that set last_run_id
    PRIMARY KEY (dataset_id, output, job_id)
) WITH (fillfactor = 90);
CREATE UNIQUE INDEX job_datasets_by_job ON job_datasets (job_id, output, dataset_id);

-- Column edges from the columnLineage facet: output (dataset, field) <- input (dataset, field),
-- written by a job. job_id is the nil UUID when a DatasetEvent declared the facet (no job).
CREATE TABLE column_edges (
    output_dataset_id           uuid  NOT NULL,
    output_field                text  COLLATE "C" NOT NULL,
    input_dataset_id            uuid  NOT NULL,
    input_field                 text  COLLATE "C" NOT NULL,
    job_id                      uuid  NOT NULL,
    transformation_type         text,                     -- DIRECT / INDIRECT, or the legacy field type
    transformation_subtype      text,
    transformation_description  text,
    transformations             jsonb,                    -- the facet's full list
    last_run_id                 uuid,
    updated_at                  timestamptz NOT NULL,
    PRIMARY KEY (output_dataset_id, output_field, input_dataset_id, input_field, job_id)
) WITH (fillfactor = 90);
CREATE INDEX column_edges_by_input
    ON column_edges (input_dataset_id, input_field, output_dataset_id, output_field);
