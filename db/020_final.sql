-- The final EHC plan (issue 12): issued once, after the family's 15 days
-- on the served draft (or once they have responded), naming the setting
-- in Section I; read-only from then on.
--
-- responded_on: the day the family responded to a served draft (their
-- comments submitted). Also added by 019 (the chaser); the same
-- idempotent line here so either order of merge works.
ALTER TABLE assessment_decisions ADD COLUMN IF NOT EXISTS responded_on date;

-- The issued plan cannot change: a section version saved after the plan
-- is final is refused by the database too (plan_page.c refuses it first
-- with a message). The 'final' version of Section I is written in the
-- same transaction that sets status = 'final', before the update: the
-- trigger allows reason 'final' while the plan is not yet final.
CREATE OR REPLACE FUNCTION plan_sections_not_final() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM plans WHERE id = NEW.plan_id AND status = 'final') THEN
		RAISE EXCEPTION 'the plan is final: it cannot change'
		    USING ERRCODE = 'check_violation';
	END IF;
	RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS plan_sections_not_final ON plan_sections;
CREATE TRIGGER plan_sections_not_final BEFORE INSERT ON plan_sections
	FOR EACH ROW EXECUTE FUNCTION plan_sections_not_final();
