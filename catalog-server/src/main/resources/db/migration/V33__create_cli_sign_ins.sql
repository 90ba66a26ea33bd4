-- Sign-in from the command line (gatehouse login --sso), as RFC 8252 does it for native apps: the
-- CLI listens on 127.0.0.1:<cli_port> and made a random state and a PKCE verifier; a pending
-- sign-in (SAML or OIDC) started for it keeps the port, the state and the verifier's S256
-- challenge. Only the port is kept of where to go: the server itself builds the loopback address.
ALTER TABLE sign_in_requests
    ADD COLUMN cli_port      integer CHECK (cli_port BETWEEN 1024 AND 65535),
    ADD COLUMN cli_state     varchar(128),
    ADD COLUMN cli_challenge varchar(64),
    ADD CONSTRAINT sign_in_requests_cli_complete
        CHECK ((cli_port IS NULL) = (cli_state IS NULL) AND (cli_port IS NULL) = (cli_challenge IS NULL));

-- The one-time codes a finished command-line sign-in hands to the CLI's loopback address. Only
-- the code's SHA-256 is kept; the sign-in's token is sealed (AES-256-GCM) with a key derived from
-- the code, so a copy of the database yields no token. A code is redeemed once (marked, its
-- sealed token dropped, whatever follows), before it expires, with the verifier whose challenge it
-- keeps; presented again while its row lasts, it ends the sign-in it gave (RFC 6749 4.1.2). It
-- goes with the token.
CREATE TABLE cli_sign_in_codes (
    code_hash      bytea        PRIMARY KEY,
    token_id       varchar(64)  NOT NULL REFERENCES tokens (id) ON DELETE CASCADE,
    code_challenge varchar(64)  NOT NULL,
    sealed_token   bytea,
    expires_at     timestamptz  NOT NULL,
    redeemed_at    timestamptz,
    created_at     timestamptz  NOT NULL DEFAULT now(),
    CHECK ((redeemed_at IS NULL) = (sealed_token IS NOT NULL))
);
CREATE INDEX cli_sign_in_codes_expiry ON cli_sign_in_codes (expires_at);
