-- From advice to plan (issue 12): the assessment's decisions, the draft
-- EHC plan with every version of every section, the parents' comments and
-- requests on a draft, and school consultations.
--
-- Every table carries council_id, tied to the assessment's own council by
-- a composite foreign key to assessments (id, council_id): a row can never
-- belong to one council's assessment and another council's scope. Queries
-- filter on council_id like they do on assessments.council_id.
-- Due dates are stored beside the date they follow from, with a CHECK,
-- like advice_requests.due_on, so the chaser can index them.

ALTER TABLE assessments ADD CONSTRAINT assessments_id_council UNIQUE (id, council_id);

-- Decisions and issues, each with its date, who recorded it and the
-- statutory date it is measured against (never changed by an exception):
--   decision_to_assess  yes/no, due week 6 (reg 4-5); "no" ends the assessment
--   plan_decision       yes/no, a "no" due by week 16 (reg 10(1))
--   draft_issued        the draft served on the family: decided_on is the day
--                       served, comments_due its last day (15 days beginning
--                       with that day, s.38 CFA, reg 13(1)); a draft may be
--                       served again after changes, so several may exist
--   final_issued        due week 20 (reg 13(2)); once only
CREATE TABLE assessment_decisions (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	council_id	bigint NOT NULL,
	assessment_id	bigint NOT NULL,
	kind		text NOT NULL CHECK (kind IN ('decision_to_assess',
			    'plan_decision', 'draft_issued', 'final_issued')),
	outcome		text CHECK (outcome IN ('yes', 'no')),
	decided_on	date NOT NULL,
	due_on		date NOT NULL,
	comments_due	date,
	plan_version	integer,	-- the plan version served or issued
	note		text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
	recorded_by	bigint NOT NULL REFERENCES accounts(id),
	recorded_at	timestamptz NOT NULL DEFAULT now(),
	FOREIGN KEY (assessment_id, council_id) REFERENCES assessments (id, council_id),
	UNIQUE (id, council_id),
	CHECK ((kind IN ('decision_to_assess', 'plan_decision')) = (outcome IS NOT NULL)),
	CHECK ((kind = 'draft_issued') = (comments_due IS NOT NULL)),
	CHECK (comments_due IS NULL OR comments_due = decided_on + 14),
	CHECK ((kind IN ('draft_issued', 'final_issued')) = (plan_version IS NOT NULL))
);
CREATE UNIQUE INDEX assessment_decisions_once ON assessment_decisions
	(assessment_id, kind) WHERE kind <> 'draft_issued';
CREATE INDEX assessment_decisions_council ON assessment_decisions
	(council_id, kind, decided_on);
-- The chaser's reminders on day 10 and the last day look drafts up by it.
CREATE INDEX assessment_decisions_comments_due ON assessment_decisions
	(comments_due) WHERE kind = 'draft_issued';

-- One plan per assessment. version counts every change to any section
-- (the API's "version"). A draft names no school (s.38(5)): only a final
-- plan has a named setting (Section I).
CREATE TABLE plans (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	council_id	bigint NOT NULL,
	assessment_id	bigint NOT NULL UNIQUE,
	status		text NOT NULL DEFAULT 'draft' CHECK (status IN
			    ('draft', 'draft_issued', 'final')),
	version		integer NOT NULL DEFAULT 1 CHECK (version >= 1),
	named_setting_id bigint REFERENCES organisations(id),
	named_setting	text NOT NULL DEFAULT '' CHECK (length(named_setting) <= 200),
	created_by	bigint NOT NULL REFERENCES accounts(id),
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	FOREIGN KEY (assessment_id, council_id) REFERENCES assessments (id, council_id),
	UNIQUE (id, council_id),
	CHECK (status = 'final' OR (named_setting_id IS NULL AND named_setting = '')),
	CHECK (status <> 'final' OR named_setting_id IS NOT NULL OR named_setting <> '')
);
CREATE INDEX plans_council ON plans (council_id, status);

-- Every version of every section, never changed once written. Saving a
-- section inserts version = the version the editor opened + 1: the
-- UNIQUE key is the optimistic lock, so of two people saving the same
-- section from the same version the second is refused (plan.h:
-- plan_version_check), never silently overwriting the first.
CREATE TABLE plan_sections (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	council_id	bigint NOT NULL,
	plan_id		bigint NOT NULL,
	section		text NOT NULL CHECK (section IN ('A', 'B', 'C', 'D',
			    'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K')),
	version		integer NOT NULL CHECK (version >= 1),
	plan_version	integer NOT NULL CHECK (plan_version >= 1),
	reason		text NOT NULL CHECK (reason IN ('assembled',
			    'reassembled', 'edited', 'final')),
	saved_by	bigint NOT NULL REFERENCES accounts(id),
	saved_at	timestamptz NOT NULL DEFAULT now(),
	FOREIGN KEY (plan_id, council_id) REFERENCES plans (id, council_id),
	UNIQUE (plan_id, section, version),
	UNIQUE (id, council_id)
);

-- The paragraphs of one section version, in order, with their attribution
-- (a copy: the plan is a document, it does not change if an account is
-- renamed). source_request_id NULL: written by the caseworker. The cells
-- by_whom / how_often / how_long are NULL for a paragraph that is not a
-- provision row. is_new: added by the re-assembly that made this version.
CREATE TABLE plan_paragraphs (
	section_id	bigint NOT NULL,
	council_id	bigint NOT NULL,
	position	integer NOT NULL CHECK (position >= 1),
	area		text NOT NULL CHECK (area IN ('communication_interaction',
			    'cognition_learning', 'semh', 'sensory_physical',
			    'preparing_for_adulthood', 'general')),
	body		text NOT NULL CHECK (length(body) <= 20000),
	by_whom		text CHECK (length(by_whom) <= 1000),
	how_often	text CHECK (length(how_often) <= 1000),
	how_long	text CHECK (length(how_long) <= 1000),
	source_request_id bigint REFERENCES advice_requests(id),
	source_advice_id bigint REFERENCES advice(id),
	source_field	text NOT NULL DEFAULT '' CHECK (length(source_field) <= 63),
	source_part	integer NOT NULL DEFAULT -1 CHECK (source_part >= -1),
	adviser		text NOT NULL DEFAULT '',
	adviser_role	text NOT NULL DEFAULT '',
	service		text NOT NULL DEFAULT '',
	advice_date	date,
	edited		boolean NOT NULL DEFAULT false,
	is_new		boolean NOT NULL DEFAULT false,
	PRIMARY KEY (section_id, position),
	FOREIGN KEY (section_id, council_id) REFERENCES plan_sections (id, council_id),
	CHECK ((source_request_id IS NULL) = (source_advice_id IS NULL))
);
CREATE INDEX plan_paragraphs_source ON plan_paragraphs (source_request_id);

-- The advice already assembled into a plan: a paragraph the caseworker
-- deleted is not brought back by the next re-assembly.
CREATE TABLE plan_assembled_advice (
	plan_id		bigint NOT NULL,
	council_id	bigint NOT NULL,
	advice_id	bigint NOT NULL REFERENCES advice(id),
	plan_version	integer NOT NULL,	-- assembled into this version
	PRIMARY KEY (plan_id, advice_id),
	FOREIGN KEY (plan_id, council_id) REFERENCES plans (id, council_id)
);

-- A parent's comment on one section of a served draft: saved and come
-- back to (submitted_on NULL), then submitted. A comment submitted after
-- the draft's comments_due is accepted and marked late.
CREATE TABLE plan_comments (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	council_id	bigint NOT NULL,
	draft_issue_id	bigint NOT NULL,
	section		text NOT NULL CHECK (section IN ('A', 'B', 'C', 'D',
			    'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K')),
	body		text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
	account_id	bigint NOT NULL REFERENCES accounts(id),
	saved_at	timestamptz NOT NULL DEFAULT now(),
	submitted_on	date,
	late		boolean NOT NULL DEFAULT false,
	FOREIGN KEY (draft_issue_id, council_id) REFERENCES assessment_decisions (id, council_id),
	UNIQUE (draft_issue_id, account_id, section),
	CHECK (submitted_on IS NOT NULL OR NOT late)
);

-- What a parent asks for on a served draft: a school or setting to be
-- named (from the council's list, or written in), a personal budget, a
-- meeting. Saved, then submitted; late as for comments.
CREATE TABLE plan_requests (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	council_id	bigint NOT NULL,
	draft_issue_id	bigint NOT NULL,
	kind		text NOT NULL CHECK (kind IN ('school', 'personal_budget',
			    'meeting')),
	setting_id	bigint REFERENCES organisations(id),
	setting_name	text NOT NULL DEFAULT '' CHECK (length(setting_name) <= 200),
	detail		text NOT NULL DEFAULT '' CHECK (length(detail) <= 5000),
	account_id	bigint NOT NULL REFERENCES accounts(id),
	saved_at	timestamptz NOT NULL DEFAULT now(),
	submitted_on	date,
	late		boolean NOT NULL DEFAULT false,
	FOREIGN KEY (draft_issue_id, council_id) REFERENCES assessment_decisions (id, council_id),
	CHECK (kind = 'school' OR (setting_id IS NULL AND setting_name = '')),
	CHECK (kind <> 'school' OR setting_id IS NOT NULL OR setting_name <> ''),
	CHECK (submitted_on IS NOT NULL OR NOT late)
);
CREATE INDEX plan_requests_issue ON plan_requests (draft_issue_id);

-- A setting consulted on the draft (s.39 CFA): it should answer within
-- 15 days of the day it is sent (CoP 9.83), so due_on = sent_on + 15.
-- Several settings may be consulted for one child, side by side.
CREATE TABLE consultations (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	council_id	bigint NOT NULL,
	assessment_id	bigint NOT NULL,
	plan_id		bigint NOT NULL,
	plan_version	integer NOT NULL,	-- the draft sent
	setting_id	bigint REFERENCES organisations(id),
	setting_name	text NOT NULL DEFAULT '' CHECK (length(setting_name) <= 200),
	sent_on		date NOT NULL,
	due_on		date NOT NULL,
	answer		text CHECK (answer IN ('can_meet', 'cannot_meet')),
	reasons		text NOT NULL DEFAULT '' CHECK (length(reasons) <= 5000),
	adjustments	text NOT NULL DEFAULT '' CHECK (length(adjustments) <= 5000),
	costs		text NOT NULL DEFAULT '' CHECK (length(costs) <= 2000),
	answered_on	date,
	answered_by	bigint REFERENCES accounts(id),
	sent_by		bigint NOT NULL REFERENCES accounts(id),
	created_at	timestamptz NOT NULL DEFAULT now(),
	FOREIGN KEY (assessment_id, council_id) REFERENCES assessments (id, council_id),
	FOREIGN KEY (plan_id, council_id) REFERENCES plans (id, council_id),
	CHECK (setting_id IS NOT NULL OR setting_name <> ''),
	CHECK (due_on = sent_on + 15),
	CHECK ((answer IS NULL) = (answered_on IS NULL)),
	CHECK ((answer IS NULL) = (answered_by IS NULL)),
	CHECK (answer IS DISTINCT FROM 'cannot_meet' OR reasons <> ''),
	CHECK (answered_on IS NULL OR answered_on >= sent_on)
);
CREATE INDEX consultations_assessment ON consultations (assessment_id);
-- The school responder's list and the chaser: open consultations by setting and due date.
CREATE INDEX consultations_setting ON consultations (setting_id, due_on) WHERE answer IS NULL;
CREATE INDEX consultations_due ON consultations (due_on) WHERE answer IS NULL;

GRANT SELECT, INSERT, UPDATE ON assessment_decisions, plans, consultations TO portal_app;
GRANT SELECT, INSERT ON plan_sections, plan_paragraphs, plan_assembled_advice TO portal_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON plan_comments, plan_requests TO portal_app;
