-- Parents and carers named on an assessment get an account of their own:
-- created without a usable password (password_hash starting with '!'),
-- and a one-time code mailed to them. Only the code's SHA-256 is stored;
-- it lasts 14 days and works once. The code never appears in a URL.
CREATE TABLE invitations (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	account_id	bigint NOT NULL REFERENCES accounts(id),
	assessment_id	bigint NOT NULL REFERENCES assessments(id),
	code_hash	text NOT NULL UNIQUE CHECK (code_hash ~ '^[0-9a-f]{64}$'),
	created_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL,
	used_at		timestamptz
);
CREATE INDEX invitations_account ON invitations (account_id);

-- A mail carrying a secret (the invitation code) keeps its body only
-- until the relay has accepted it; then the body is blanked.
ALTER TABLE outbox ADD COLUMN secret boolean NOT NULL DEFAULT false;

GRANT SELECT, INSERT, UPDATE ON invitations TO portal_app;
