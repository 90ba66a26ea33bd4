-- Secret keys of this installation, each generated at random on first start (LineageKeys) and
-- never written anywhere else: the graph API shows dataset, job and column ids encrypted under
-- one of them, so a name-based id guessed from a name cannot be confirmed offline.
CREATE TABLE installation_keys (
    name        text         PRIMARY KEY,
    key_bytes   bytea        NOT NULL CHECK (octet_length(key_bytes) >= 32),
    created_at  timestamptz  NOT NULL DEFAULT now()
);
