-- The daily routines (issue 13): the work lists read every decision of
-- each open case (portal/storage/worklist_sql.c, WS_CASES) and the
-- family's timeline an assessment's decisions. The only index on
-- assessment_decisions by assessment is partial (assessment_decisions_once,
-- not for drafts), so each case's lookup scanned the whole table: 21 s
-- for a council of 20,000 assessments, 1,800 of them open.
CREATE INDEX IF NOT EXISTS assessment_decisions_assessment
	ON assessment_decisions (assessment_id, kind);
-- The same lists count each open case's advice requests by status, and
-- pick those still being written due by a date: both from the index
-- alone (reading the table's pages for each case cost 0.08 ms a case).
CREATE INDEX IF NOT EXISTS advice_requests_assessment_status
	ON advice_requests (assessment_id, status, due_on);
