-- Storage credentials: an IAM role Gatehouse assumes to reach cloud storage, the external id it
-- presents (against the confused deputy), and the mode that decides whose identity assumes which
-- role: CATALOG_ROLE, SCIM_PASSTHROUGH, SAML_PASSTHROUGH or OIDC_PASSTHROUGH.
CREATE TABLE storage_credentials (
    id           uuid          PRIMARY KEY,
    name         varchar(255)  NOT NULL,
    comment      text,
    owner        varchar(255)  NOT NULL,
    purpose      varchar(16)   NOT NULL DEFAULT 'STORAGE',
    role_arn     varchar(2048) NOT NULL,
    external_id  varchar(255)  NOT NULL,
    access_mode  varchar(32)   NOT NULL DEFAULT 'CATALOG_ROLE',
    created_at   timestamptz   NOT NULL,
    created_by   varchar(255)  NOT NULL,
    updated_at   timestamptz   NOT NULL,
    updated_by   varchar(255)  NOT NULL
);
CREATE UNIQUE INDEX storage_credentials_name_key ON storage_credentials (lower(name));

-- External locations: an s3:// URL and the storage credential that reaches it. The credential of
-- a table, volume or path is the one of the external location whose URL contains it. Locations
-- do not overlap one another (checked under an advisory lock when one is created or moved).
CREATE TABLE external_locations (
    id             uuid          PRIMARY KEY,
    name           varchar(255)  NOT NULL,
    comment        text,
    owner          varchar(255)  NOT NULL,
    url            text          NOT NULL,
    credential_id  uuid          NOT NULL REFERENCES storage_credentials (id),
    created_at     timestamptz   NOT NULL,
    created_by     varchar(255)  NOT NULL,
    updated_at     timestamptz   NOT NULL,
    updated_by     varchar(255)  NOT NULL
);
CREATE UNIQUE INDEX external_locations_name_key ON external_locations (lower(name));
CREATE UNIQUE INDEX external_locations_url_key ON external_locations (url);
CREATE INDEX external_locations_credential ON external_locations (credential_id);
