-- Parents' comments on a served draft EHC plan (issue 12, s.38 CFA,
-- reg 13(1)). The tables are 015's; this adds what the pages need.

-- The day the family first sent their response to a served draft (their
-- comments and requests, or "I have no comments"). The chaser's day-10
-- and last-day reminders stop once it is set.
ALTER TABLE assessment_decisions ADD COLUMN IF NOT EXISTS responded_on date;

-- One comment per section (and one request of each kind) a parent is
-- still writing; once sent it is kept as sent, and the parent may write
-- and send another. 015's UNIQUE allowed one comment per section ever.
ALTER TABLE plan_comments DROP CONSTRAINT IF EXISTS
    plan_comments_draft_issue_id_account_id_section_key;
CREATE UNIQUE INDEX IF NOT EXISTS plan_comments_unsent ON plan_comments
    (draft_issue_id, account_id, section) WHERE submitted_on IS NULL;
CREATE INDEX IF NOT EXISTS plan_comments_issue ON plan_comments (draft_issue_id);
CREATE UNIQUE INDEX IF NOT EXISTS plan_requests_unsent ON plan_requests
    (draft_issue_id, account_id, kind) WHERE submitted_on IS NULL;

-- Each time a parent sends their response: how many comments and
-- requests went with it (0 and 0: "I have no comments"), and whether it
-- was after the window's last day.
CREATE TABLE IF NOT EXISTS plan_responses (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	council_id	bigint NOT NULL,
	draft_issue_id	bigint NOT NULL,
	account_id	bigint NOT NULL REFERENCES accounts(id),
	submitted_on	date NOT NULL,
	comments	integer NOT NULL CHECK (comments >= 0),
	requests	integer NOT NULL CHECK (requests >= 0),
	late		boolean NOT NULL,
	submitted_at	timestamptz NOT NULL DEFAULT now(),
	FOREIGN KEY (draft_issue_id, council_id) REFERENCES assessment_decisions (id, council_id)
);
CREATE INDEX IF NOT EXISTS plan_responses_issue ON plan_responses (draft_issue_id);
GRANT SELECT, INSERT ON plan_responses TO portal_app;
