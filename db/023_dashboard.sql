-- The service dashboard and the monthly compliance table (issue 13):
-- indexes for figures_sql.c's reads, which select a council's advice
-- requests by due date and each request's first submitted advice.
-- Measured over make demo-large (README, "Benchmarks").
CREATE INDEX IF NOT EXISTS advice_requests_due ON advice_requests (due_on, assessment_id);
CREATE INDEX IF NOT EXISTS advice_submitted ON advice (request_id, submitted_at)
	WHERE submitted_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS exceptions_assessment_id ON exceptions (assessment_id);
