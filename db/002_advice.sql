-- Assessments, advice requests, advice (every version kept), documents,
-- in-portal notifications and API keys.

-- One child's EHC needs assessment, owned by one council. The reference
-- ("DEM-2026-0001") is what mail and logs name, never the child.
CREATE TABLE assessments (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	council_id		bigint NOT NULL REFERENCES organisations(id),
	reference		text NOT NULL UNIQUE,
	child_given_name	text NOT NULL CHECK (length(child_given_name) BETWEEN 1 AND 100),
	child_family_name	text NOT NULL CHECK (length(child_family_name) BETWEEN 1 AND 100),
	date_of_birth		date NOT NULL,
	year_group		text NOT NULL DEFAULT '',
	current_setting		text NOT NULL DEFAULT '',
	nhs_number		text NOT NULL DEFAULT '' CHECK (nhs_number ~ '^([0-9]{10})?$'),
	upn			text NOT NULL DEFAULT '' CHECK (upn ~ '^([A-Z][0-9]{11}[0-9A-Z])?$'),
	request_received	date NOT NULL,
	caseworker_id		bigint NOT NULL REFERENCES accounts(id),
	created_at		timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessments_council ON assessments (council_id, request_received);
CREATE INDEX assessments_caseworker ON assessments (caseworker_id);

-- Parents and carers (or the young person): invited to a parent account.
CREATE TABLE assessment_contacts (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	assessment_id	bigint NOT NULL REFERENCES assessments(id),
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	email		text NOT NULL CHECK (email = lower(email)),
	relationship	text NOT NULL DEFAULT '',
	account_id	bigint REFERENCES accounts(id)
);
CREATE INDEX assessment_contacts_account ON assessment_contacts (account_id);
CREATE INDEX assessment_contacts_assessment ON assessment_contacts (assessment_id);

-- A request for advice under reg 6(1). due_on = requested_on + 42 days
-- (reg 8(1)); stored so the inbox and the chaser can index it.
CREATE TABLE advice_requests (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	assessment_id		bigint NOT NULL REFERENCES assessments(id),
	kind			text NOT NULL CHECK (kind IN ('parent', 'educational',
				    'medical', 'psychological', 'social_care', 'other',
				    'preparing_for_adulthood')),
	profession		text NOT NULL DEFAULT '',
	organisation_id		bigint NOT NULL REFERENCES organisations(id),
	professional_id		bigint REFERENCES accounts(id),
	template_id		text NOT NULL,
	template_version	integer NOT NULL,
	question		text NOT NULL DEFAULT '',
	requested_on		date NOT NULL,
	due_on			date NOT NULL,
	status			text NOT NULL DEFAULT 'requested' CHECK (status IN
				    ('requested', 'allocated', 'draft', 'submitted',
				    'returned', 'accepted', 'declined', 'withdrawn')),
	parent_asked		boolean NOT NULL DEFAULT false,
	created_by		bigint NOT NULL REFERENCES accounts(id),
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	CHECK (due_on = requested_on + 42)
);
CREATE INDEX advice_requests_assessment ON advice_requests (assessment_id);
CREATE INDEX advice_requests_org ON advice_requests (organisation_id, status, due_on);
CREATE INDEX advice_requests_professional ON advice_requests (professional_id, due_on);

-- Advice written against a request: version 1, 2… (a new version after
-- each return for clarification); submitted versions never change.
CREATE TABLE advice (
	id			bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	request_id		bigint NOT NULL REFERENCES advice_requests(id),
	version			integer NOT NULL,
	template_id		text NOT NULL,
	template_version	integer NOT NULL,
	status			text NOT NULL DEFAULT 'draft' CHECK (status IN
				    ('draft', 'submitted', 'returned', 'accepted')),
	author_id		bigint NOT NULL REFERENCES accounts(id),
	declaration_name	text NOT NULL DEFAULT '',
	declaration_role	text NOT NULL DEFAULT '',
	declaration_registration text NOT NULL DEFAULT '',
	declaration_date	date,
	return_message		text NOT NULL DEFAULT '',
	saved_at		timestamptz NOT NULL DEFAULT now(),
	submitted_at		timestamptz,
	reviewed_by		bigint REFERENCES accounts(id),
	reviewed_at		timestamptz,
	UNIQUE (request_id, version)
);

-- One value of one template field; rows fields have row_no ≥ 0 and a column.
CREATE TABLE advice_values (
	advice_id	bigint NOT NULL REFERENCES advice(id) ON DELETE CASCADE,
	field_id	text NOT NULL,
	row_no		integer NOT NULL DEFAULT -1,
	column_id	text NOT NULL DEFAULT '',
	value		text NOT NULL,
	PRIMARY KEY (advice_id, field_id, row_no, column_id)
);

-- Attachments: content encrypted with a per-file key, itself wrapped by a
-- master key kept outside the database.
CREATE TABLE documents (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	request_id	bigint NOT NULL REFERENCES advice_requests(id),
	advice_id	bigint REFERENCES advice(id),
	filename	text NOT NULL,
	media_type	text NOT NULL,
	size		bigint NOT NULL,
	sha256		text NOT NULL,
	wrapped_key	bytea NOT NULL,
	content		bytea NOT NULL,
	uploaded_by	bigint NOT NULL REFERENCES accounts(id),
	uploaded_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_request ON documents (request_id);

CREATE TABLE notifications (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	account_id	bigint NOT NULL REFERENCES accounts(id),
	message		text NOT NULL,
	link		text NOT NULL DEFAULT '',
	created_at	timestamptz NOT NULL DEFAULT now(),
	read_at		timestamptz
);
CREATE INDEX notifications_unread ON notifications (account_id) WHERE read_at IS NULL;

-- One key per council for its case-management system; only the hash.
CREATE TABLE api_keys (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	council_id	bigint NOT NULL REFERENCES organisations(id),
	key_hash	text NOT NULL UNIQUE,
	label		text NOT NULL DEFAULT '',
	created_at	timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE assessment_reference_seq;

GRANT SELECT, INSERT, UPDATE ON assessments, assessment_contacts,
	advice_requests, advice, notifications, api_keys TO portal_app;
GRANT SELECT, INSERT, DELETE ON advice_values TO portal_app;
GRANT SELECT, INSERT, DELETE ON documents TO portal_app;
GRANT USAGE ON SEQUENCE assessment_reference_seq TO portal_app;
