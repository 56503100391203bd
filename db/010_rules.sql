-- One set of rules (portal/domain/validate.c, portal/domain/vocab.c), kept here as the
-- last line: the open statuses of an advice request in one function,
-- which kinds of advice each organisation gives, the field limits and
-- lists the form and the API check, an exception's period, and when an
-- assessment is closed (for "a second open assessment of the same child").
-- New CHECKs are NOT VALID: they hold for every row written from now on
-- without refusing a database whose old rows were let in by the API.

-- The statuses in which advice is still awaited; the same list as
-- vocab_statuses[].open (tests/unit/test_vocab.c reads this file).
-- IMMUTABLE, so `status = ANY (advice_request_open_statuses())` is folded
-- to a constant and the (status, due_on) index is used as before.
CREATE FUNCTION advice_request_open_statuses() RETURNS text[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ SELECT ARRAY['requested', 'allocated', 'draft', 'returned'] $$;
CREATE FUNCTION advice_request_open(status text) RETURNS boolean
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ SELECT status = ANY (advice_request_open_statuses()) $$;

-- Which kinds of advice an organisation gives (a request of another kind
-- to it is refused). The default by organisation kind is the same as
-- vocab_kinds[].org_kinds; an administrator may change it per organisation.
CREATE FUNCTION advice_kinds_default(org_kind text) RETURNS text[]
	LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE org_kind
		WHEN 'local_authority' THEN ARRAY['parent']
		WHEN 'ep_service' THEN ARRAY['psychological', 'other']
		WHEN 'nhs_body' THEN ARRAY['medical', 'other']
		WHEN 'social_care' THEN ARRAY['social_care', 'other',
		    'preparing_for_adulthood']
		WHEN 'school' THEN ARRAY['educational', 'preparing_for_adulthood']
		WHEN 'other' THEN ARRAY['other', 'preparing_for_adulthood']
		ELSE ARRAY[]::text[] END $$;

ALTER TABLE organisations ADD COLUMN advice_kinds text[];
UPDATE organisations SET advice_kinds = advice_kinds_default(kind);
ALTER TABLE organisations ALTER COLUMN advice_kinds SET NOT NULL,
	ADD CONSTRAINT organisations_advice_kinds_check CHECK (advice_kinds <@
	    ARRAY['parent', 'educational', 'medical', 'psychological',
	    'social_care', 'other', 'preparing_for_adulthood']);

-- A new organisation, whoever creates it, gives its kind's default.
CREATE FUNCTION organisations_advice_kinds() RETURNS trigger
	LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.advice_kinds IS NULL THEN
		NEW.advice_kinds := advice_kinds_default(NEW.kind);
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER organisations_advice_kinds BEFORE INSERT ON organisations
	FOR EACH ROW EXECUTE FUNCTION organisations_advice_kinds();

-- An assessment is open until it is closed (a decision not to assess or
-- not to issue a plan, a final plan issued, or withdrawn); only an open
-- one stops a second being recorded for the same child by mistake.
ALTER TABLE assessments ADD COLUMN closed_on date;
CREATE INDEX assessments_child ON assessments (council_id,
	lower(child_family_name), date_of_birth) WHERE closed_on IS NULL;
CREATE INDEX assessments_nhs ON assessments (council_id, nhs_number)
	WHERE closed_on IS NULL AND nhs_number <> '';

ALTER TABLE assessments
	ADD CONSTRAINT assessments_year_group_check CHECK (year_group IN ('',
	    'Not yet in education', 'Nursery', 'Reception', 'Year 1', 'Year 2',
	    'Year 3', 'Year 4', 'Year 5', 'Year 6', 'Year 7', 'Year 8', 'Year 9',
	    'Year 10', 'Year 11', 'Year 12', 'Year 13', 'Year 14', 'Post-19'))
	    NOT VALID,
	ADD CONSTRAINT assessments_current_setting_check
	    CHECK (length(current_setting) <= 200) NOT VALID,
	ADD CONSTRAINT assessments_received_check
	    CHECK (request_received >= date_of_birth) NOT VALID;
ALTER TABLE assessment_contacts
	ADD CONSTRAINT assessment_contacts_relationship_check
	    CHECK (length(relationship) <= 100) NOT VALID,
	ADD CONSTRAINT assessment_contacts_email_format
	    CHECK (length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%') NOT VALID;
ALTER TABLE advice_requests
	ADD CONSTRAINT advice_requests_question_check
	    CHECK (length(question) <= 5000) NOT VALID,
	ADD CONSTRAINT advice_requests_profession_check
	    CHECK (length(profession) <= 100) NOT VALID;
-- A school closure or an absence covers at least 4 weeks (reg 8(2), 10(4)).
ALTER TABLE exceptions
	ADD CONSTRAINT exceptions_period_check CHECK (kind NOT IN
	    ('school_closure', 'absence') OR ends_on - starts_on >= 27) NOT VALID;

-- No second open request of the same kind to the same organisation on
-- the same assessment: the form and the API refuse it, and so does the
-- statement that writes a request (ST_REQUEST_CREATE). Not a unique
-- index: a database may already hold such pairs.
