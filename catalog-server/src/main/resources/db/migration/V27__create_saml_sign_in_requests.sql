-- SAML sign-in requests this service sent to the identity provider and not yet answered: a
-- response is accepted only in answer to one of them (InResponseTo), once, before it expires, on
-- whichever replica the browser posts it to.
CREATE TABLE saml_sign_in_requests (
    id          varchar(64)  PRIMARY KEY,
    return_to   text         NOT NULL,
    expires_at  timestamptz  NOT NULL
);
CREATE INDEX saml_sign_in_requests_expiry ON saml_sign_in_requests (expires_at);
