-- Two-step set-up: the secret waiting to be confirmed belongs to the one
-- session that was shown it, for 15 minutes (sessions.totp_pending, sealed
-- like accounts.totp_sealed, and the time it was made). It goes with the
-- session: sign-out, a password reset (every session ends), an
-- administrator's reset, or the next set-up page after 15 minutes shows a
-- new one. accounts.totp_sealed now holds only a confirmed secret, so
-- whoever once knew the password cannot learn the second factor the owner
-- enrols later.
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS totp_pending text;
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS totp_pending_at timestamptz;
-- Secrets shown before this change, never confirmed: forgotten.
UPDATE accounts SET totp_sealed = NULL WHERE totp_enabled_at IS NULL
    AND totp_sealed IS NOT NULL;
