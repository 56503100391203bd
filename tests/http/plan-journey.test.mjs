// The whole 20-week journey of issue 12, each step through the door its
// user has: the decision to assess (the council's case system, API);
// psychological advice requested, allocated, written and accepted
// (pages); the draft assembled and served on the family (pages); the
// parent's comment sent after their 15 days, accepted and marked late;
// Hillcrest Academy consulted and answering "can meet"; the decision to
// issue a plan (API); the final plan naming Hillcrest, within 20 weeks.
// At the end the API's view of the assessment tells the same story as
// the pages, and every step is in the audit log.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { clearAttempts, psql, signIn } from './lib.mjs';
import {
	TAG, addDays, allocate, api, count, createAssessment, latestRequest, num, orgId, parts,
	postAdvice, postFrom, psychologicalAdvice, requestAdvice, textOf, today,
} from './advice-lib.mjs';

const RECEIVED = addDays(today(), -100);
const SERVED = addDays(today(), -30);	// the family's last day was today - 16
const CONSULTED = addDays(today(), -25);
const s = {};

const dateForm = (prefix, iso) => ({
	[`${prefix}-day`]: parts(iso).day, [`${prefix}-month`]: parts(iso).month,
	[`${prefix}-year`]: parts(iso).year,
});

before(async () => {
	clearAttempts();
	s.cw = await signIn('caseworker@demo.test');
	s.lead = await signIn('eplead@demo.test');
	s.ep = await signIn('ep@demo.test');
	s.parent = await signIn('parent@demo.test');
	s.school = await signIn('school@demo.test');
	s.hillcrest = orgId('Hillcrest Academy');
	const { id } = await createAssessment(s.cw, {
		given: 'Journey', family: `Walker${TAG}`, received: RECEIVED, parentEmail: 'parent@demo.test',
	});
	assert.ok(id, 'the assessment was not created');
	s.id = id;
	s.reference = psql(`SELECT reference FROM assessments WHERE id = ${id}`);
});

describe('from the request to the final plan', () => {
	test('1. the decision to assess, from the case system, on time', async () => {
		const r = await api('POST', `/api/v1/assessments/${s.id}/decisions`,
		    { decision: 'assess', date: addDays(RECEIVED, 35) });
		assert.equal(r.status, 201, JSON.stringify(r.json));
		assert.equal(r.json.due, addDays(RECEIVED, 42));
		assert.equal(r.json.on_time, true);
	});

	test('2. psychological advice asked for, written by the EP and accepted', async () => {
		const r = await requestAdvice(s.cw, s.id, { requested: addDays(RECEIVED, 36) });
		assert.equal(r.status, 303, r.text.slice(0, 400));
		s.request = latestRequest(s.id);
		assert.equal((await allocate(s.lead, s.request, 'ep@demo.test')).status, 303);
		const sub = await postAdvice(s.ep, s.request, psychologicalAdvice(`jr-${TAG}`), 'submit');
		assert.equal(sub.status, 303, sub.text.slice(0, 600));
		const acc = await postFrom(s.cw, `/requests/${s.request}`, `/requests/${s.request}/accept`, {});
		assert.equal(acc.status, 303, acc.text.slice(0, 400));
	});

	test('3. the draft is assembled from it, attributed to the EP', async () => {
		const r = await postFrom(s.cw, `/assessments/${s.id}/plan`, `/assessments/${s.id}/plan`, {});
		assert.equal(r.status, 303, r.text.slice(0, 400));
		const page = await s.cw.get(`/assessments/${s.id}/plan`);
		assert.equal(page.status, 200);
		assert.ok(textOf(page.text).includes(`jr-${TAG}`), 'the advice is not in the draft');
		assert.match(page.text, new RegExp(`href="/requests/${s.request}"`));
	});

	test('4. the draft is served on the family: their 15 days begin that day', async () => {
		const r = await postFrom(s.cw, `/assessments/${s.id}/plan/issue`, `/assessments/${s.id}/plan/issue`,
		    dateForm('served', SERVED));
		assert.equal(r.status, 303, r.text.slice(0, 400));
		assert.equal(psql(`SELECT comments_due FROM assessment_decisions
		    WHERE assessment_id = ${s.id} AND kind = 'draft_issued'`), addDays(SERVED, 14));
		assert.equal(psql(`SELECT status FROM plans WHERE assessment_id = ${s.id}`), 'draft_issued');
	});

	test('5. the parent reads the draft and comments after their last day: accepted, marked late', async () => {
		const page = await s.parent.get(`/assessments/${s.id}/draft`);
		assert.equal(page.status, 200);
		assert.ok(textOf(page.text).includes(`jr-${TAG}`), 'the parent cannot read the draft');
		assert.doesNotMatch(page.text, /href="\/requests\//, 'the family is linked to advice requests');
		const c = await postFrom(s.parent, `/assessments/${s.id}/draft`, `/assessments/${s.id}/draft/comments`,
		    { section: 'B', comment: `He finds loud rooms hard ${TAG}` });
		assert.equal(c.status, 303, c.text.slice(0, 400));
		const sent = await postFrom(s.parent, `/assessments/${s.id}/draft/check`,
		    `/assessments/${s.id}/draft/submit`, {});
		assert.equal(sent.status, 303, sent.text.slice(0, 400));
		assert.equal(psql(`SELECT late FROM plan_comments c JOIN assessment_decisions d
		    ON d.id = c.draft_issue_id WHERE d.assessment_id = ${s.id}`), 't');
		assert.equal(psql(`SELECT responded_on FROM assessment_decisions
		    WHERE assessment_id = ${s.id} AND kind = 'draft_issued'`), today());
		const cw = await s.cw.get(`/assessments/${s.id}/plan`);
		assert.ok(textOf(cw.text).includes(`He finds loud rooms hard ${TAG}`), 'the caseworker does not see it');
		assert.match(textOf(cw.text), /Late/);
	});

	test('6. Hillcrest Academy is consulted and answers that it can meet the needs', async () => {
		const r = await postFrom(s.cw, `/assessments/${s.id}/consultations/new`,
		    `/assessments/${s.id}/consultations`,
		    [['setting', String(s.hillcrest)], ['setting-name', ''],
		     ...Object.entries(dateForm('sent', CONSULTED))]);
		assert.equal(r.status, 303, r.text.slice(0, 400));
		s.consultation = num(`SELECT id FROM consultations WHERE assessment_id = ${s.id}`);
		assert.equal(psql(`SELECT due_on FROM consultations WHERE id = ${s.consultation}`),
		    addDays(CONSULTED, 15));
		const list = await s.school.get('/consultations');
		assert.match(list.text, new RegExp(`href="/consultations/${s.consultation}"`));
		const page = await s.school.get(`/consultations/${s.consultation}`);
		assert.equal(page.status, 200);
		assert.ok(textOf(page.text).includes(`jr-${TAG}`), 'the school does not see the draft or the advice');
		const a = await postFrom(s.school, `/consultations/${s.consultation}`,
		    `/consultations/${s.consultation}/answer`,
		    { answer: 'can_meet', reasons: '', adjustments: `A quiet room at lunch ${TAG}`, costs: '' });
		assert.equal(a.status, 303, a.text.slice(0, 400));
		assert.equal(psql(`SELECT answer FROM consultations WHERE id = ${s.consultation}`), 'can_meet');
	});

	test('7. the decision to issue a plan, from the case system', async () => {
		const r = await api('POST', `/api/v1/assessments/${s.id}/decisions`,
		    { decision: 'issue_plan', date: addDays(today(), -5) });
		assert.equal(r.status, 201, JSON.stringify(r.json));
	});

	test('8. the final plan names Hillcrest, within 20 weeks, and cannot be changed', async () => {
		const r = await postFrom(s.cw, `/assessments/${s.id}/plan/final/new`, `/assessments/${s.id}/plan/final`,
		    { setting: String(s.hillcrest), 'setting-name': '', ...dateForm('issued', today()) });
		assert.equal(r.status, 303, r.text.slice(0, 400));
		const page = await s.cw.get(`/assessments/${s.id}/plan`);
		assert.match(textOf(page.text), /Final EHC plan/);
		assert.ok(textOf(page.text).includes('Hillcrest Academy'));
		const edit = await postFrom(s.cw, `/assessments/${s.id}/plan`, `/assessments/${s.id}/plan/reassemble`, {});
		assert.equal(edit.status, 409);
		const again = await postFrom(s.cw, `/assessments/${s.id}/plan/final/new`, `/assessments/${s.id}/plan/final`,
		    { setting: String(s.hillcrest), 'setting-name': '', ...dateForm('issued', today()) });
		assert.notEqual(again.status, 303, 'a final plan was issued twice');
		assert.equal(count('assessment_decisions', `assessment_id = ${s.id} AND kind = 'final_issued'`), 1);
	});

	test('9. the case system sees the same story', async () => {
		const r = await api('GET', `/api/v1/assessments/${s.id}`);
		assert.equal(r.status, 200);
		const kinds = r.json.decisions.map((d) => d.kind).sort();
		assert.deepEqual(kinds, ['decision_to_assess', 'draft_issued', 'final_issued', 'plan_decision']);
		assert.equal(r.json.draft.served_on, SERVED);
		assert.equal(r.json.draft.comments_due, addDays(SERVED, 14));
		assert.equal(r.json.draft.responded_on, today());
		assert.equal(r.json.consultations.length, 1);
		assert.equal(r.json.consultations[0].status, 'can_meet');
		assert.equal(r.json.final.issued_on, today());
		assert.equal(r.json.final.within_20_weeks, true);
		const plan = await api('GET', `/api/v1/assessments/${s.id}/plan`);
		assert.equal(plan.json.status, 'final');
		const i = plan.json.sections.find((x) => x.section === 'I');
		assert.ok(JSON.stringify(i).includes('Hillcrest Academy'), 'section I does not name the setting');
	});

	test('10. every step is in the audit log', () => {
		const n = num(`SELECT count(DISTINCT action) FROM audit_log
		    WHERE object_type = 'assessment' AND object_id = ${s.id}`);
		assert.ok(n >= 6, `only ${n} kinds of audited action on the assessment`);
	});
});
