-- A form typed in a session that has ended (signed out, idle, expired)
-- carries that session's CSRF token. The token of every ended session is
-- kept, hashed, for 12 hours, so that such a form posted after its author
-- signs in again can be recognised as theirs: the advice they typed is
-- given back on the page with the new session's token, never saved on the
-- old token's strength (portal/web/dispatch.c). A forger knows no token of the
-- account, retired or live, so the per-session CSRF rule is unchanged.
CREATE TABLE IF NOT EXISTS csrf_retired (
	account_id	bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	csrf_hash	bytea NOT NULL,
	retired_at	timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (account_id, csrf_hash)
);
CREATE INDEX IF NOT EXISTS csrf_retired_at ON csrf_retired (retired_at);

CREATE OR REPLACE FUNCTION session_retire_csrf() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO csrf_retired (account_id, csrf_hash)
	    VALUES (OLD.account_id, sha256(convert_to(OLD.csrf, 'UTF8')))
	    ON CONFLICT DO NOTHING;
	DELETE FROM csrf_retired WHERE retired_at < now() - interval '12 hours';
	RETURN OLD;
END $$;

DROP TRIGGER IF EXISTS sessions_retire_csrf ON sessions;
CREATE TRIGGER sessions_retire_csrf AFTER DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION session_retire_csrf();

GRANT SELECT, INSERT, DELETE ON csrf_retired TO portal_app;
