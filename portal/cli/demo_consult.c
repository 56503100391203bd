/*
 * demo_consult — the demo's school consultations: Leo Brennan's draft
 * plan is out for consultation with Hillcrest Academy (open, sent 3 days
 * ago: school@demo.test finds it) and Riverside Special School (answered
 * "cannot meet", recorded by the caseworker: nobody at Riverside uses the
 * portal). If the demo made no plan for Leo, a small one is written here
 * first (every section, version 1, a few paragraphs). Idempotent: run
 * again, nothing is added.
 */
#include <stdio.h>
#include <stdlib.h>

#include "db.h"
#include "portalctl.h"

enum { DC_PLAN, DC_CONSULT, DC__MAX };

static const struct stmt_def demo_stmts[DC__MAX] = {
	/* Leo's minimal plan, if he has none: 12 sections, version 1,
	 * with a paragraph in A, B, E and F (F with its provision cells). */
	[DC_PLAN] = { "WITH a AS (SELECT a.id, a.council_id, a.caseworker_id "
	    "FROM assessments a JOIN organisations o ON o.id = a.council_id "
	    "WHERE o.name = 'Demoshire County Council' AND a.child_given_name = "
	    "'Leo' AND a.child_family_name = 'Brennan' ORDER BY a.id LIMIT 1), "
	    "p AS (INSERT INTO plans (council_id, assessment_id, created_by) "
	    "SELECT council_id, id, caseworker_id FROM a ON CONFLICT "
	    "(assessment_id) DO NOTHING RETURNING id, council_id, created_by), "
	    "s AS (INSERT INTO plan_sections (council_id, plan_id, section, "
	    "version, plan_version, reason, saved_by) SELECT p.council_id, p.id, "
	    "x, 1, 1, 'assembled', p.created_by FROM p, unnest(ARRAY['A', 'B', "
	    "'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K']) x "
	    "RETURNING id, section, council_id) "
	    "INSERT INTO plan_paragraphs (section_id, council_id, position, area, "
	    "body, by_whom, how_often, how_long) SELECT s.id, s.council_id, 1, "
	    "t.area, t.body, t.w, t.o, t.l FROM s JOIN (VALUES "
	    "('A', 'general', 'Leo enjoys football and music. He would like "
	    "to stay with his friends and to go to college to study sport.', "
	    "NULL, NULL, NULL), "
	    "('B', 'semh', 'Leo finds it hard to manage his anxiety in busy "
	    "places, and has missed lessons since Year 9.', NULL, NULL, NULL), "
	    "('E', 'semh', 'By the end of Year 11, Leo will attend all his "
	    "lessons and use his calm plan without an adult prompting him.', "
	    "NULL, NULL, NULL), "
	    "('F', 'semh', 'A key adult checks in with Leo at the start of each "
	    "day and agrees a plan for it.', 'Key adult (teaching assistant)', "
	    "'Daily, 10 minutes', 'Until the annual review')) "
	    "t(section, area, body, w, o, l) ON t.section = s.section", 0 },
	/* Leo's consultations, once: Hillcrest open, Riverside answered. */
	[DC_CONSULT] = { "WITH a AS (SELECT a.id, a.council_id, a.caseworker_id, "
	    "p.id AS plan_id, p.version FROM assessments a JOIN plans p ON "
	    "p.assessment_id = a.id JOIN organisations o ON o.id = a.council_id "
	    "WHERE o.name = 'Demoshire County Council' AND a.child_given_name = "
	    "'Leo' AND a.child_family_name = 'Brennan' AND NOT EXISTS (SELECT 1 "
	    "FROM consultations c WHERE c.assessment_id = a.id) ORDER BY a.id "
	    "LIMIT 1) INSERT INTO consultations (council_id, assessment_id, "
	    "plan_id, plan_version, setting_id, sent_on, due_on, answer, reasons, "
	    "adjustments, costs, answered_on, answered_by, sent_by) "
	    "SELECT a.council_id, a.id, a.plan_id, a.version, s.id, "
	    "current_date - t.ago, current_date - t.ago + 15, t.answer, "
	    "t.reasons, t.adjustments, '', CASE WHEN t.answer IS NOT NULL THEN "
	    "current_date - 1 END, CASE WHEN t.answer IS NOT NULL THEN "
	    "a.caseworker_id END, a.caseworker_id FROM a, (VALUES "
	    "('Hillcrest Academy', 3, NULL, '', ''), "
	    "('Riverside Special School', 10, 'cannot_meet', 'Riverside is a "
	    "school for children with severe and complex learning difficulties; "
	    "Leo''s needs are social, emotional and mental health needs.', '')) "
	    "t(name, ago, answer, reasons, adjustments) JOIN organisations s ON "
	    "s.kind = 'school' AND s.name = t.name RETURNING id", 0 },
};

int
demo_consult(void)
{
	PGresult	*res;
	int		 n;

	if ((res = db_qd(&demo_stmts[DC_PLAN])) == NULL)
		return (-1);
	PQclear(res);
	if ((res = db_qd(&demo_stmts[DC_CONSULT])) == NULL)
		return (-1);
	n = db_rows(res);
	PQclear(res);
	if (n > 0)
		printf("demo data: %d school consultations\n", n);
	return (0);
}
