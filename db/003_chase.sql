-- The six-week clock and chasing: the chase log (each step exactly once),
-- the mail outbox, exceptions (reg 8(2), reg 10(4)), a professional's
-- acknowledgement or decline, and the daily-digest preference.

-- A professional may acknowledge a request ("I will provide it by …") or
-- decline it with a reason. Neither changes due_on.
ALTER TABLE advice_requests
	ADD COLUMN acknowledged_on date,
	ADD COLUMN promised_by date,
	ADD COLUMN declined_reason text NOT NULL DEFAULT ''
	    CHECK (length(declined_reason) <= 2000),
	ADD COLUMN declined_on date;

-- The chaser looks up open requests by due date: one index descent per
-- (status, due date) it asks for, so a pass reads the due rows only.
CREATE INDEX advice_requests_chase ON advice_requests (status, due_on);

-- One mail per event, or one digest a day.
ALTER TABLE accounts ADD COLUMN mail_digest boolean NOT NULL DEFAULT false;

-- Every chase step sent, once per target, step, step date and recipient.
-- The unique key is what makes a step exactly-once across portal nodes:
-- a pass inserts with ON CONFLICT DO NOTHING and queues mail only for the
-- rows it inserted, in the same transaction.
CREATE TABLE chase_log (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	target_kind	text NOT NULL CHECK (target_kind IN ('advice',
			    'draft_comment', 'consultation')),
	target_id	bigint NOT NULL,
	step		text NOT NULL,
	step_on		date NOT NULL,	-- the day the step falls on
	due_on		date NOT NULL,	-- the target's due date then
	recipient_id	bigint NOT NULL REFERENCES accounts(id),
	created_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (target_kind, target_id, step, step_on, recipient_id)
);

-- Mail waiting for, or given to, the SMTP relay. A sender claims rows with
-- FOR UPDATE SKIP LOCKED and a lease (claimed_until), so two senders never
-- hold the same row; a failure pushes next_attempt_at back exponentially.
-- status: queued (to send), held (for the daily digest), digested (sent
-- inside a digest), sent.
CREATE TABLE outbox (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	to_address	text NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
	subject		text NOT NULL CHECK (subject !~ '[\r\n]'),
	body		text NOT NULL,
	status		text NOT NULL DEFAULT 'queued' CHECK (status IN
			    ('queued', 'held', 'digested', 'sent')),
	attempts	integer NOT NULL DEFAULT 0,
	next_attempt_at	timestamptz NOT NULL DEFAULT now(),
	claimed_until	timestamptz,
	last_error	text NOT NULL DEFAULT '',
	-- The chase step it was queued for (no foreign key: written in the
	-- same statement as its chase_log row, and the check would cost a
	-- lookup per mail in a pass of 100,000).
	chase_log_id	bigint,
	link		text NOT NULL DEFAULT '',	-- for the daily digest
	sent_at		timestamptz,
	created_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'queued';
CREATE INDEX outbox_held ON outbox (to_address) WHERE status = 'held';
CREATE INDEX outbox_chase ON outbox (chase_log_id);

-- Exceptions to the time limits (reg 8(2) for advice, reg 10(4) for the
-- 6/16/20-week limits). Recorded with reason, period and who recorded it;
-- shown on the timeline and reported apart. They never change a due date.
-- A waiting list is not an exception.
CREATE TABLE exceptions (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	assessment_id	bigint NOT NULL REFERENCES assessments(id),
	request_id	bigint REFERENCES advice_requests(id),
	kind		text NOT NULL CHECK (kind IN ('school_closure',
			    'personal_circumstances', 'absence', 'missed_appointment')),
	starts_on	date NOT NULL,
	ends_on		date NOT NULL CHECK (ends_on >= starts_on),
	reason		text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
	recorded_by	bigint NOT NULL REFERENCES accounts(id),
	recorded_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX exceptions_assessment ON exceptions (assessment_id);

GRANT SELECT, INSERT ON chase_log, exceptions TO portal_app;
GRANT SELECT, INSERT, UPDATE ON outbox TO portal_app;

-- A mail template filled in for one recipient. Only these placeholders
-- exist (chase.c refuses others), so a mail can name the case reference
-- but never the child or anything from the advice. The recipient's name
-- goes in last, so nothing in it is substituted again.
CREATE FUNCTION chase_mail_fill(t text, reference text, link text,
    due_on date, days integer, recipient text) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT replace(replace(replace(replace(replace(t,
	    '{{reference}}', reference), '{{link}}', link),
	    '{{due_on}}', to_char(due_on, 'FMDD FMMonth YYYY')),
	    '{{days}}', days::text),
	    '{{recipient}}', translate(recipient, E'\r\n', '  '))
$$;
GRANT EXECUTE ON FUNCTION chase_mail_fill(text, text, text, date, integer, text) TO portal_app;
