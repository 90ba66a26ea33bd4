-- Principals: users (userName, an email), groups (displayName) and service principals
-- (applicationId). One namespace for all three, compared ignoring case, so that a grant to a
-- name means one principal. The SCIM attributes without a column of their own (name, emails,
-- title, extensions, ...) are kept as the jsonb document `scim`.
CREATE TABLE principals (
    id            uuid         PRIMARY KEY,
    kind          varchar(24)  NOT NULL,
    name          varchar(255) NOT NULL,
    display_name  varchar(255),
    external_id   varchar(255),
    active        boolean      NOT NULL DEFAULT true,
    scim          jsonb        NOT NULL DEFAULT '{}',
    version       bigint       NOT NULL DEFAULT 1,
    created_at    timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL
);
CREATE UNIQUE INDEX principals_name_key ON principals (lower(name));
CREATE INDEX principals_kind ON principals (kind, lower(name));
CREATE INDEX principals_external_id ON principals (external_id);

-- Direct memberships; effective groups are their transitive closure (cycles are refused).
CREATE TABLE group_members (
    group_id   uuid NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
    member_id  uuid NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, member_id)
);
CREATE INDEX group_members_member ON group_members (member_id);

-- Access tokens: personal access tokens and OAuth access tokens of service principals. Only the
-- SHA-256 of a token is stored; revoking deletes the row.
CREATE TABLE tokens (
    id            varchar(64)  PRIMARY KEY,
    principal_id  uuid         NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
    hash          bytea        NOT NULL UNIQUE,
    kind          varchar(16)  NOT NULL,
    comment       text,
    created_by    uuid         REFERENCES principals (id) ON DELETE SET NULL,
    created_at    timestamptz  NOT NULL,
    expires_at    timestamptz,
    last_used_at  timestamptz
);
CREATE INDEX tokens_principal ON tokens (principal_id);

-- OAuth client secrets of service principals (client credentials grant), hashed.
CREATE TABLE service_principal_secrets (
    id            varchar(64)  PRIMARY KEY,
    principal_id  uuid         NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
    hash          bytea        NOT NULL,
    created_at    timestamptz  NOT NULL,
    expires_at    timestamptz
);
CREATE INDEX service_principal_secrets_principal ON service_principal_secrets (principal_id);
