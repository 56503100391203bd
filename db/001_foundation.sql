-- Foundation: organisations, accounts, sessions, sign-in throttling, audit log.
-- Runs as portal_owner. portal_app gets only what it needs.

-- An organisation is a council (local authority) or a provider: EP service,
-- NHS body, social care team, school/setting. Providers may serve several
-- councils (council_providers), so their professionals work one inbox.
CREATE TABLE organisations (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	kind		text NOT NULL CHECK (kind IN ('local_authority', 'ep_service',
			    'nhs_body', 'social_care', 'school')),
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	created_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (kind, name)
);

CREATE TABLE council_providers (
	council_id	bigint NOT NULL REFERENCES organisations(id),
	provider_id	bigint NOT NULL REFERENCES organisations(id),
	PRIMARY KEY (council_id, provider_id)
);

CREATE TABLE accounts (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	organisation_id	bigint NOT NULL REFERENCES organisations(id),
	role		text NOT NULL CHECK (role IN ('caseworker', 'manager',
			    'service_lead', 'professional', 'parent',
			    'school_responder', 'admin')),
	email		text NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
	display_name	text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
	job_title	text NOT NULL DEFAULT '',
	password_hash	text NOT NULL,
	disabled	boolean NOT NULL DEFAULT false,
	created_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (email)
);
CREATE INDEX accounts_organisation ON accounts (organisation_id);

-- Only the SHA-256 of the session token is stored: a copy of this table
-- does not let anyone sign in.
CREATE TABLE sessions (
	token_hash	text PRIMARY KEY CHECK (length(token_hash) = 64),
	account_id	bigint NOT NULL REFERENCES accounts(id),
	csrf		text NOT NULL,
	created_at	timestamptz NOT NULL DEFAULT now(),
	last_seen	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Every sign-in attempt, for throttling per account (by hashed email, so
-- unknown addresses are throttled too) and per IP address.
CREATE TABLE signin_attempts (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at		timestamptz NOT NULL DEFAULT now(),
	email_hash	text NOT NULL,
	ip		text NOT NULL,
	succeeded	boolean NOT NULL
);
CREATE INDEX signin_attempts_email ON signin_attempts (email_hash, at);
CREATE INDEX signin_attempts_ip ON signin_attempts (ip, at);

-- Append-only audit log. portal_app may INSERT and SELECT, never UPDATE or
-- DELETE; a trigger refuses changes by anyone else too.
CREATE TABLE audit_log (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at		timestamptz NOT NULL DEFAULT now(),
	account_id	bigint REFERENCES accounts(id),
	action		text NOT NULL,
	object_type	text NOT NULL DEFAULT '',
	object_id	bigint,
	ip		text NOT NULL DEFAULT '',
	detail		text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);
CREATE INDEX audit_log_account ON audit_log (account_id, at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
	ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

GRANT USAGE ON SCHEMA public TO portal_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON organisations, council_providers,
	accounts, sessions, signin_attempts TO portal_app;
GRANT SELECT, INSERT ON audit_log TO portal_app;
GRANT SELECT ON schema_migrations TO portal_app;
