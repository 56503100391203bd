-- The service dashboard and the monthly compliance table (issue 13).
-- Summaries maintained as cases change (issue 13: "heavy reports never
-- block other users' pages"). One row per assessment with the dates
-- figures.c reads, and one per advice request with the day its advice
-- first arrived; triggers keep them in step with the tables they come
-- from, in the same transaction, so the dashboard reads a few thousand
-- narrow rows by index instead of pivoting every decision of five years
-- (make bench-mi: README, "Benchmarks"). No figure is computed here:
-- these are the same dates, only gathered; figures.c counts them.
CREATE INDEX IF NOT EXISTS assessment_decisions_assessment ON assessment_decisions
	(assessment_id, kind, decided_on);

CREATE TABLE IF NOT EXISTS case_figures (
	assessment_id	bigint PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
	council_id	bigint NOT NULL,
	received	date NOT NULL,
	assess_outcome	text,		-- the decision to assess: yes, no
	assess_on	date,
	plan_on		date,		-- the decision whether to issue a plan
	draft_on	date,		-- the first draft served
	final_on	date,
	closed_on	date,
	exceptions	integer NOT NULL DEFAULT 0,
	last_due	date,		-- the latest due date of its counted advice
	changed_at	timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS case_figures_council ON case_figures (council_id, received);
-- The monthly table: final plans by the day they were issued.
CREATE INDEX IF NOT EXISTS case_figures_final ON case_figures (council_id, final_on)
	WHERE final_on IS NOT NULL;
-- The dashboard's cache stamp (figures_sql.c): the latest change.
CREATE INDEX IF NOT EXISTS case_figures_changed ON case_figures (council_id, changed_at);

-- Counted: the advice the dashboard measures (not the parents' own, not
-- withdrawn or declined). received_on: its first version submitted, as a
-- day in England.
CREATE TABLE IF NOT EXISTS advice_figures (
	request_id	bigint PRIMARY KEY REFERENCES advice_requests(id) ON DELETE CASCADE,
	council_id	bigint NOT NULL,
	assessment_id	bigint NOT NULL,
	kind		text NOT NULL,
	organisation_id	bigint NOT NULL,
	requested_on	date NOT NULL,
	due_on		date NOT NULL,
	received_on	date,
	counted		boolean NOT NULL,
	changed_at	timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS advice_figures_due ON advice_figures (council_id, due_on)
	WHERE counted;
CREATE INDEX IF NOT EXISTS advice_figures_changed ON advice_figures (council_id, changed_at);
CREATE INDEX IF NOT EXISTS advice_figures_assessment ON advice_figures (assessment_id, due_on)
	WHERE counted;

CREATE OR REPLACE FUNCTION case_figures_refresh(a bigint) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
	INSERT INTO case_figures (assessment_id, council_id, received, assess_outcome,
	    assess_on, plan_on, draft_on, final_on, closed_on, exceptions, last_due)
	SELECT s.id, s.council_id, s.request_received,
	    (SELECT max(outcome) FROM assessment_decisions d
		WHERE d.assessment_id = s.id AND d.kind = 'decision_to_assess'),
	    (SELECT max(decided_on) FROM assessment_decisions d
		WHERE d.assessment_id = s.id AND d.kind = 'decision_to_assess'),
	    (SELECT max(decided_on) FROM assessment_decisions d
		WHERE d.assessment_id = s.id AND d.kind = 'plan_decision'),
	    (SELECT min(decided_on) FROM assessment_decisions d
		WHERE d.assessment_id = s.id AND d.kind = 'draft_issued'),
	    (SELECT max(decided_on) FROM assessment_decisions d
		WHERE d.assessment_id = s.id AND d.kind = 'final_issued'),
	    s.closed_on,
	    (SELECT count(*) FROM exceptions e WHERE e.assessment_id = s.id),
	    (SELECT max(f.due_on) FROM advice_figures f
		WHERE f.assessment_id = s.id AND f.counted)
	FROM assessments s WHERE s.id = a
	ON CONFLICT (assessment_id) DO UPDATE SET council_id = EXCLUDED.council_id,
	    received = EXCLUDED.received, assess_outcome = EXCLUDED.assess_outcome,
	    assess_on = EXCLUDED.assess_on, plan_on = EXCLUDED.plan_on,
	    draft_on = EXCLUDED.draft_on, final_on = EXCLUDED.final_on,
	    closed_on = EXCLUDED.closed_on, exceptions = EXCLUDED.exceptions,
	    last_due = EXCLUDED.last_due, changed_at = clock_timestamp()
$$;

CREATE OR REPLACE FUNCTION advice_figures_refresh(r bigint) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
	INSERT INTO advice_figures (request_id, council_id, assessment_id, kind,
	    organisation_id, requested_on, due_on, received_on, counted)
	SELECT q.id, a.council_id, q.assessment_id, q.kind, q.organisation_id,
	    q.requested_on, q.due_on,
	    ((SELECT min(v.submitted_at) FROM advice v WHERE v.request_id = q.id)
		AT TIME ZONE 'Europe/London')::date,
	    q.kind <> 'parent' AND q.status NOT IN ('withdrawn', 'declined')
	FROM advice_requests q JOIN assessments a ON a.id = q.assessment_id
	WHERE q.id = r
	ON CONFLICT (request_id) DO UPDATE SET council_id = EXCLUDED.council_id,
	    assessment_id = EXCLUDED.assessment_id, kind = EXCLUDED.kind,
	    organisation_id = EXCLUDED.organisation_id,
	    requested_on = EXCLUDED.requested_on, due_on = EXCLUDED.due_on,
	    received_on = EXCLUDED.received_on, counted = EXCLUDED.counted,
	    changed_at = clock_timestamp()
$$;

CREATE OR REPLACE FUNCTION figures_on_case() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
	IF TG_TABLE_NAME = 'assessments' THEN
		PERFORM case_figures_refresh(NEW.id);
	ELSIF TG_OP = 'DELETE' THEN
		PERFORM case_figures_refresh(OLD.assessment_id);
	ELSE
		PERFORM case_figures_refresh(NEW.assessment_id);
	END IF;
	RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION figures_on_request() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		PERFORM case_figures_refresh(OLD.assessment_id);
	ELSE
		PERFORM advice_figures_refresh(NEW.id);
		PERFORM case_figures_refresh(NEW.assessment_id);
	END IF;
	RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION figures_on_advice() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
	PERFORM advice_figures_refresh(NEW.request_id);
	RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS assessments_figures ON assessments;
CREATE TRIGGER assessments_figures AFTER INSERT OR UPDATE OF council_id,
	request_received, closed_on, reference, caseworker_id ON assessments
	FOR EACH ROW EXECUTE FUNCTION figures_on_case();
DROP TRIGGER IF EXISTS assessment_decisions_figures ON assessment_decisions;
CREATE TRIGGER assessment_decisions_figures AFTER INSERT OR UPDATE OR DELETE
	ON assessment_decisions FOR EACH ROW EXECUTE FUNCTION figures_on_case();
DROP TRIGGER IF EXISTS exceptions_figures ON exceptions;
CREATE TRIGGER exceptions_figures AFTER INSERT OR DELETE ON exceptions
	FOR EACH ROW EXECUTE FUNCTION figures_on_case();
DROP TRIGGER IF EXISTS advice_requests_figures ON advice_requests;
CREATE TRIGGER advice_requests_figures AFTER INSERT OR UPDATE OF kind,
	organisation_id, requested_on, due_on, status OR DELETE ON advice_requests
	FOR EACH ROW EXECUTE FUNCTION figures_on_request();
DROP TRIGGER IF EXISTS advice_figures_submitted ON advice;
CREATE TRIGGER advice_figures_submitted AFTER INSERT ON advice
	FOR EACH ROW WHEN (NEW.submitted_at IS NOT NULL)
	EXECUTE FUNCTION figures_on_advice();
DROP TRIGGER IF EXISTS advice_figures_resubmitted ON advice;
CREATE TRIGGER advice_figures_resubmitted AFTER UPDATE OF submitted_at ON advice
	FOR EACH ROW WHEN (OLD.submitted_at IS DISTINCT FROM NEW.submitted_at)
	EXECUTE FUNCTION figures_on_advice();

-- Both summaries rebuilt from their tables in two statements: for what is
-- there already, and after a bulk load that ran with the triggers off
-- (scripts/demo-large.sql).
CREATE OR REPLACE FUNCTION figures_rebuild() RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
INSERT INTO advice_figures (request_id, council_id, assessment_id, kind,
    organisation_id, requested_on, due_on, received_on, counted)
SELECT q.id, a.council_id, q.assessment_id, q.kind, q.organisation_id,
    q.requested_on, q.due_on, (v.first AT TIME ZONE 'Europe/London')::date,
    q.kind <> 'parent' AND q.status NOT IN ('withdrawn', 'declined')
FROM advice_requests q JOIN assessments a ON a.id = q.assessment_id
LEFT JOIN (SELECT request_id, min(submitted_at) AS first FROM advice
    GROUP BY request_id) v ON v.request_id = q.id
ON CONFLICT (request_id) DO UPDATE SET council_id = EXCLUDED.council_id,
    assessment_id = EXCLUDED.assessment_id, kind = EXCLUDED.kind,
    organisation_id = EXCLUDED.organisation_id,
    requested_on = EXCLUDED.requested_on, due_on = EXCLUDED.due_on,
    received_on = EXCLUDED.received_on, counted = EXCLUDED.counted,
    changed_at = clock_timestamp();
INSERT INTO case_figures (assessment_id, council_id, received, assess_outcome,
    assess_on, plan_on, draft_on, final_on, closed_on, exceptions, last_due)
SELECT s.id, s.council_id, s.request_received, d.assess_outcome, d.assess_on,
    d.plan_on, d.draft_on, d.final_on, s.closed_on, coalesce(e.n, 0), r.last_due
FROM assessments s
LEFT JOIN (SELECT assessment_id,
	max(outcome) FILTER (WHERE kind = 'decision_to_assess') AS assess_outcome,
	max(decided_on) FILTER (WHERE kind = 'decision_to_assess') AS assess_on,
	max(decided_on) FILTER (WHERE kind = 'plan_decision') AS plan_on,
	min(decided_on) FILTER (WHERE kind = 'draft_issued') AS draft_on,
	max(decided_on) FILTER (WHERE kind = 'final_issued') AS final_on
    FROM assessment_decisions GROUP BY assessment_id) d ON d.assessment_id = s.id
LEFT JOIN (SELECT assessment_id, count(*) AS n FROM exceptions
    GROUP BY assessment_id) e ON e.assessment_id = s.id
LEFT JOIN (SELECT assessment_id, max(due_on) AS last_due FROM advice_figures
    WHERE counted GROUP BY assessment_id) r ON r.assessment_id = s.id
ON CONFLICT (assessment_id) DO UPDATE SET council_id = EXCLUDED.council_id,
    received = EXCLUDED.received, assess_outcome = EXCLUDED.assess_outcome,
    assess_on = EXCLUDED.assess_on, plan_on = EXCLUDED.plan_on,
    draft_on = EXCLUDED.draft_on, final_on = EXCLUDED.final_on,
    closed_on = EXCLUDED.closed_on, exceptions = EXCLUDED.exceptions,
    last_due = EXCLUDED.last_due, changed_at = clock_timestamp();
$$;
REVOKE ALL ON FUNCTION figures_rebuild() FROM PUBLIC;

-- What is there already.
DO $$ BEGIN PERFORM figures_rebuild(); END $$;
ANALYZE case_figures;
ANALYZE advice_figures;

GRANT SELECT ON case_figures, advice_figures TO portal_app;
