-- History in, figures out (issue 13): the case import and the SEN2 extract.
--
-- The day advice arrived, on the request itself: received_on. Live advice
-- sets it the first time a version is submitted (the trigger below); the
-- import writes the spreadsheet's <kind>_received. The figures (advice
-- within 6 weeks) and the SEN2 extract read this one column, so imported
-- history and live data are counted the same way.
ALTER TABLE advice_requests ADD COLUMN IF NOT EXISTS received_on date;
ALTER TABLE advice_requests DROP CONSTRAINT IF EXISTS advice_requests_received_on_check;
ALTER TABLE advice_requests ADD CONSTRAINT advice_requests_received_on_check
	CHECK (received_on IS NULL OR received_on >= requested_on) NOT VALID;

UPDATE advice_requests r SET received_on = s.first
	FROM (SELECT request_id, min(submitted_at)::date AS first FROM advice
	    WHERE submitted_at IS NOT NULL GROUP BY request_id) s
	WHERE s.request_id = r.id AND r.received_on IS NULL
	    AND s.first >= r.requested_on;

CREATE OR REPLACE FUNCTION advice_request_received() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.submitted_at IS NOT NULL THEN
		UPDATE advice_requests SET received_on = greatest(requested_on,
		    NEW.submitted_at::date)
		    WHERE id = NEW.request_id AND received_on IS NULL;
	END IF;
	RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS advice_received ON advice;
CREATE TRIGGER advice_received AFTER INSERT OR UPDATE OF submitted_at ON advice
	FOR EACH ROW EXECUTE FUNCTION advice_request_received();

-- Where a row came from: 'portal' (typed in) or 'import' (portalctl import
-- cases or the administrator's import page). Figures count both alike.
ALTER TABLE assessments ADD COLUMN IF NOT EXISTS source text NOT NULL DEFAULT 'portal';
ALTER TABLE assessments DROP CONSTRAINT IF EXISTS assessments_source_check;
ALTER TABLE assessments ADD CONSTRAINT assessments_source_check
	CHECK (source IN ('portal', 'import'));

-- A file the administrator previewed on /admin/import, kept until they
-- confirm the import (then deleted) and never longer than an hour: it
-- holds children's names. Only its own council and account may use it.
CREATE TABLE IF NOT EXISTS import_uploads (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	council_id	bigint NOT NULL REFERENCES organisations(id),
	account_id	bigint NOT NULL REFERENCES accounts(id),
	content		text NOT NULL,
	rows		integer NOT NULL CHECK (rows >= 1),
	created_at	timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, DELETE ON import_uploads TO portal_app;
