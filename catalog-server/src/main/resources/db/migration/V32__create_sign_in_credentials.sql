-- AWS credentials that the SAML response of a console sign-in was exchanged for at sign-in
-- (AssumeRoleWithSAML), one row per role, bound to that sign-in's token. They are sealed
-- (AES-GCM) with a key derived from the token's value, which is never stored (tokens keep its
-- hash only): the rows are of no use without the token the user holds. They go with the token
-- (sign-out, revocation, its owner's deletion) and expire no later than it.
CREATE TABLE sign_in_credentials (
    token_id    varchar(64)  NOT NULL REFERENCES tokens (id) ON DELETE CASCADE,
    role_arn    text         NOT NULL,
    expires_at  timestamptz  NOT NULL,
    sealed      bytea        NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (token_id, role_arn)
);
CREATE INDEX sign_in_credentials_expiry ON sign_in_credentials (expires_at);
