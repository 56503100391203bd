-- Two-step verification at sign-in: a time-based code (TOTP, RFC 6238,
-- 30-second steps, 6 digits, HMAC-SHA1 as every authenticator app reads).
--
-- accounts.totp_sealed holds the shared secret sealed with a key derived
-- from the master key (crypto_secretbox; the database alone cannot
-- produce codes). It is set up but not yet on while totp_enabled_at is
-- NULL. totp_last_step is the newest time step accepted: a code is taken
-- once (replay), and only for a later step.
-- organisations.require_two_step: staff of that organisation cannot use
-- the portal until they have set it up (parents are never made to).
-- A session whose password was right but whose code is still to come is
-- second_step_pending: no page accepts it except the code page, which
-- counts wrong codes in code_failures.
ALTER TABLE organisations ADD COLUMN require_two_step boolean NOT NULL DEFAULT false;
ALTER TABLE accounts ADD COLUMN totp_sealed text;
ALTER TABLE accounts ADD COLUMN totp_enabled_at timestamptz;
ALTER TABLE accounts ADD COLUMN totp_last_step bigint NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD CONSTRAINT accounts_totp_enabled_has_secret
    CHECK (totp_enabled_at IS NULL OR totp_sealed IS NOT NULL);
ALTER TABLE sessions ADD COLUMN second_step_pending boolean NOT NULL DEFAULT false;
ALTER TABLE sessions ADD COLUMN code_failures integer NOT NULL DEFAULT 0;
