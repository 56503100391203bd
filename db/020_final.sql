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

-- The final plan's mails (templates/mail/final_issued_*.txt): the chase
-- placeholders, plus {{issued_on}} and {{setting}} (the setting's name is
-- not personal data; the child is never named).
CREATE OR REPLACE FUNCTION final_mail_fill(t text, reference text, link text,
    issued_on date, recipient text, setting text) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT replace(replace(chase_mail_fill(t, reference, link, issued_on, 0,
	    recipient), '{{issued_on}}', to_char(issued_on, 'FMDD FMMonth YYYY')),
	    '{{setting}}', translate(setting, E'\r\n', '  '))
$$;
GRANT EXECUTE ON FUNCTION final_mail_fill(text, text, text, date, text, text) TO portal_app;
