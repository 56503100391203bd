-- Self-service password reset: a one-time code mailed to the account's
-- own address and redeemed on /password-reset/code with a new password.
-- Reset codes live beside invitation codes (kind 'reset', no assessment):
-- only the SHA-256 is stored, they last 1 hour, work once, and are never
-- in a URL. A new code voids the last; at most 3 are mailed an hour.
ALTER TABLE invitations ADD COLUMN kind text NOT NULL DEFAULT 'invitation'
    CHECK (kind IN ('invitation', 'reset'));
ALTER TABLE invitations ALTER COLUMN assessment_id DROP NOT NULL;
ALTER TABLE invitations ADD CONSTRAINT invitations_kind_assessment
    CHECK ((kind = 'invitation') = (assessment_id IS NOT NULL));
