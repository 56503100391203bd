-- The work lists and the caseload on a large council (make bench-lists;
-- README, "Benchmarks").
-- A case is open until its final plan is issued: the work lists
-- (portal/storage/worklist_sql.c, WS_CASES) leave out a council's
-- finished cases from this index alone, one pass, instead of probing the
-- decisions of each of its unclosed cases (16,000 of 20,000 in
-- demo-large, 1,400 of them still open).
CREATE INDEX IF NOT EXISTS assessment_decisions_final
	ON assessment_decisions (council_id, assessment_id)
	WHERE kind = 'final_issued';
-- The advice requests still being written (a few thousand of a council's
-- 200,000): the caseload's default order (the soonest due first) and the
-- work lists' overdue and due-soon requests read them from here.
CREATE INDEX IF NOT EXISTS advice_requests_open
	ON advice_requests (assessment_id, due_on)
	WHERE advice_request_open(status);
