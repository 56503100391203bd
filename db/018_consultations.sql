-- School consultations (issue 12, s.39 CFA, CoP 9.83): the table is
-- 015_plan.sql's. A setting is consulted once at a time on an
-- assessment: while its consultation is open (not answered) a second one
-- is refused. The unique indexes are the last line behind the page's
-- and the API's check (two caseworkers sending at the same moment): a
-- listed setting by its id, a setting typed in by its name, any case.
CREATE UNIQUE INDEX IF NOT EXISTS consultations_open_setting
	ON consultations (assessment_id, setting_id)
	WHERE answer IS NULL AND setting_id IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS consultations_open_name
	ON consultations (assessment_id, lower(setting_name))
	WHERE answer IS NULL AND setting_id IS NULL;
-- The responder's list: their setting's consultations, answered ones too.
CREATE INDEX IF NOT EXISTS consultations_setting_all
	ON consultations (setting_id, due_on);
