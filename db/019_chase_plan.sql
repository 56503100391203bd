-- Chasing the draft plan's comments and the school consultations (issue 12):
-- one chase pass serves advice, served drafts and consultations.

-- The day the parent sent their response to a served draft (set by the
-- parent's comment pages). A draft with a response is not chased again.
ALTER TABLE assessment_decisions ADD COLUMN IF NOT EXISTS responded_on date;

-- The chaser chases only the newest draft served on an assessment: it
-- asks, for each draft due a reminder, whether a later one exists.
CREATE INDEX IF NOT EXISTS assessment_decisions_drafts ON assessment_decisions
	(assessment_id, decided_on, id) WHERE kind = 'draft_issued';
