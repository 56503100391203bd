-- The service dashboard and the monthly compliance table (issue 13):
-- indexes for figures_sql.c's reads, which select a council's advice
-- requests by due date and each request's first submitted advice.
-- Measured over make demo-large (README, "Benchmarks").
CREATE INDEX IF NOT EXISTS advice_requests_due ON advice_requests (due_on, assessment_id);
CREATE INDEX IF NOT EXISTS advice_submitted ON advice (request_id, submitted_at)
	WHERE submitted_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS exceptions_assessment_id ON exceptions (assessment_id);
-- figures_sql.c's stamp: the newest row of each table, by index.
CREATE INDEX IF NOT EXISTS assessments_council_id ON assessments (council_id, id);
CREATE INDEX IF NOT EXISTS assessment_decisions_council_id ON assessment_decisions (council_id, id);
CREATE INDEX IF NOT EXISTS advice_requests_updated ON advice_requests (updated_at);
CREATE INDEX IF NOT EXISTS advice_submitted_at ON advice (submitted_at)
	WHERE submitted_at IS NOT NULL;
-- Which of a case's advice requests fall due from a day on.
CREATE INDEX IF NOT EXISTS advice_requests_assessment_due ON advice_requests (assessment_id, due_on);
