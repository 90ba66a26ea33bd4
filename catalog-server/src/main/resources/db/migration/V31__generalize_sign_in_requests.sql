-- Pending console sign-ins of every method, SAML (V27) and OIDC: a request this service started
-- and the identity provider has not answered yet. An answer is taken only for a pending request
-- of its own method, once, before it expires, on whichever replica the browser comes back to.
-- For OIDC the id is the state parameter, and the row keeps the nonce the ID token must carry and
-- the PKCE code verifier the code is exchanged with: neither leaves the server before then.
ALTER TABLE saml_sign_in_requests RENAME TO sign_in_requests;
ALTER INDEX saml_sign_in_requests_expiry RENAME TO sign_in_requests_expiry;
ALTER TABLE sign_in_requests RENAME CONSTRAINT saml_sign_in_requests_pkey TO sign_in_requests_pkey;
ALTER TABLE sign_in_requests
    ADD COLUMN method        varchar(8)  NOT NULL DEFAULT 'SAML' CHECK (method IN ('SAML', 'OIDC')),
    ADD COLUMN issuer        varchar(128),
    ADD COLUMN nonce         varchar(64),
    ADD COLUMN code_verifier varchar(128),
    ADD CONSTRAINT sign_in_requests_oidc_complete
        CHECK (method <> 'OIDC' OR (issuer IS NOT NULL AND nonce IS NOT NULL AND code_verifier IS NOT NULL));
ALTER TABLE sign_in_requests ALTER COLUMN method DROP DEFAULT;
