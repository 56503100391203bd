// The final EHC plan (issue 12, "Final plan"), the printable plan and the
// plan's API. A draft is served on the family by a row in
// assessment_decisions (serving is another page's work); then: the final
// plan is refused within the family's 15 days unless they have responded
// (the message names the last day); issued, the plan is read-only (edit and
// re-assembly 409), the plan page says "Final EHC plan issued on …" against
// week 20; the family and the named setting's responder get mail over a
// real SMTP server on loopback, naming the case reference, never the child;
// a second issue is refused. The printable page for the council and the
// family (another family, another council: 404). The API: decisions, the
// plan with its flags, the final plan (400 naming the field with nothing
// written, 409 twice), the .docx, and the assessment's new fields.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { BASE_URL, ROOT, TESTSHIRE_PASSWORD, accountId, clearAttempts, lit, psql, signIn } from './lib.mjs';
import {
	MISSING, TAG, addDays, allocate, api, audits, count, createAssessment, ctl, ensureTestshireCaseworker,
	errorSummary, getBytes, latestRequest, num, orgId, parts, postAdvice, postFrom, psychologicalAdvice,
	requestAdvice, testshireApiKey, textOf, today, words,
} from './advice-lib.mjs';
import { SMTP, PORTAL_BASE_URL, makeSink, sendMail } from './mail-lib.mjs';

const MAILDIR = path.join(process.env.TEST_VAR || os.tmpdir(), `final-mail-${TAG}`);
const { startSink, stopSink, mails } = makeSink(MAILDIR);

const GIVEN = `Finchild${TAG}`;
const FAMILY = `Tester${TAG}`;
const CARER = `final-carer-${TAG}@example.com`;
const OTHER_PARENT = `final-other-parent-${TAG}@example.com`;
const s = {};

// --- the SMTP server (as chase.test.mjs) -------------------------------------------

// --- fixtures --------------------------------------------------------------------------

/* What the issue writes: nothing may change on a refusal. */
function written(id) {
	return {
		plans: psql(`SELECT status || ' ' || version FROM plans WHERE assessment_id = ${id}`),
		sections: count('plan_sections', `plan_id = (SELECT id FROM plans WHERE assessment_id = ${id})`),
		decisions: count('assessment_decisions', `assessment_id = ${id}`),
		outbox: count('outbox', `assessment_id = ${id}`),
	};
}

/* A draft served on the family on day served (what serving writes). */
function serve(id, served, responded = null) {
	psql(`INSERT INTO assessment_decisions (council_id, assessment_id, kind, decided_on, due_on,
	    comments_due, plan_version, recorded_by, responded_on)
	    SELECT a.council_id, a.id, 'draft_issued', ${lit(served)}::date, a.request_received + 140,
	    ${lit(served)}::date + 14, (SELECT version FROM plans WHERE assessment_id = a.id),
	    a.caseworker_id, ${responded ? `${lit(responded)}::date` : 'NULL'}
	    FROM assessments a WHERE a.id = ${id}`);
	psql(`UPDATE plans SET status = 'draft_issued' WHERE assessment_id = ${id}`);
}

/* A minimal plan in SQL: A, and F with a provision row missing who / how
 * often / how long and with vague wording. */
function sqlPlan(id) {
	const cw = accountId('caseworker@demo.test');
	psql(`INSERT INTO plans (council_id, assessment_id, created_by)
	    SELECT council_id, id, ${cw} FROM assessments WHERE id = ${id}`);
	for (const [sec, body, cells] of [['A', `About ${TAG}`, false], ['F', `Access to regular support ${TAG}`, true]]) {
		psql(`WITH s AS (INSERT INTO plan_sections (council_id, plan_id, section, version, plan_version,
		    reason, saved_by) SELECT council_id, id, '${sec}', 1, 1, 'assembled', ${cw} FROM plans
		    WHERE assessment_id = ${id} RETURNING id, council_id)
		    INSERT INTO plan_paragraphs (section_id, council_id, position, area, body, by_whom, how_often,
		    how_long) SELECT id, council_id, 1, 'general', ${lit(body)}, ${cells ? "''" : 'NULL'},
		    ${cells ? "''" : 'NULL'}, ${cells ? "''" : 'NULL'} FROM s`);
	}
}

const finalForm = (id, { setting = '', name = '', date }) => postFrom(s.cw,
    `/assessments/${id}/plan/final/new`, `/assessments/${id}/plan/final`, {
	setting, 'setting-name': name,
	'issued-day': date ? parts(date).day : '', 'issued-month': date ? parts(date).month : '',
	'issued-year': date ? parts(date).year : '',
});

/* Refused 400, the message by the field and in the summary, nothing written. */
async function refused(id, form, field, message) {
	const before = written(id);
	const r = await finalForm(id, form);
	assert.equal(r.status, 400, `${message}: ${r.status}`);
	const summary = errorSummary(r.text);
	assert.deepEqual(summary, [{ href: `#${field}`, message }]);
	assert.ok(textOf(r.text).includes(`Error: ${message}`), 'the error is not by the field');
	assert.deepEqual(written(id), before, 'something was written');
}

function sectionOf(html, id) {
	const m = new RegExp(`<section[^>]*id="section-${id}"[^>]*>([\\s\\S]*?)</section>`).exec(html);
	return m ? m[1] : '';
}

before(async () => {
	clearAttempts();
	fs.rmSync(MAILDIR, { recursive: true, force: true });
	await startSink();
	sendMail();	// what earlier tests queued goes before ours is counted
	s.cw = await signIn('caseworker@demo.test');
	s.lead = await signIn('eplead@demo.test');
	s.ep = await signIn('ep@demo.test');
	s.hillcrest = orgId('Hillcrest Academy');
	// Received 150 days ago: a plan issued today is 10 days late.
	s.received = addDays(today(), -150);
	const a = await createAssessment(s.cw, { given: GIVEN, family: FAMILY, received: s.received, parentEmail: CARER });
	assert.ok(a.id, `assessment not created: ${a.response.status}`);
	s.id = a.id;
	s.reference = psql(`SELECT reference FROM assessments WHERE id = ${s.id}`);
	// The demo parent is a carer too, with an account (the print page, the notification).
	psql(`INSERT INTO assessment_contacts (assessment_id, name, email, account_id)
	    VALUES (${s.id}, 'Pat Rowe', 'parent@demo.test', ${accountId('parent@demo.test')})`);
	// One accepted advice, assembled into the draft.
	const rq = await requestAdvice(s.cw, s.id, { requested: addDays(s.received, 1) });
	assert.equal(rq.status, 303);
	s.request = latestRequest(s.id);
	assert.equal((await allocate(s.lead, s.request, 'ep@demo.test')).status, 303);
	assert.equal((await postAdvice(s.ep, s.request, psychologicalAdvice(`fin-${TAG}`), 'submit')).status, 303);
	assert.equal((await postFrom(s.cw, `/requests/${s.request}`, `/requests/${s.request}/accept`, {})).status, 303);
	assert.equal((await postFrom(s.cw, `/assessments/${s.id}/plan`, `/assessments/${s.id}/plan`, {})).status, 303);
	// Another family's parent.
	const made = ctl(['create-account', OTHER_PARENT, 'parent', 'Demoshire County Council', 'Other Parent'],
	    'another-long-password-1\n');
	assert.equal(made.status, 0, made.stderr);
	s.otherParent = await signIn(OTHER_PARENT, 'another-long-password-1');
	s.parent = await signIn('parent@demo.test');
});

after(stopSink);

describe('issuing the final plan', () => {
	test('the form lists the council\'s settings; without a served draft it is refused by the date', async () => {
		const page = await s.cw.get(`/assessments/${s.id}/plan/final/new`);
		assert.equal(page.status, 200);
		assert.match(page.text, new RegExp(`<option value="${s.hillcrest}">Hillcrest Academy</option>`));
		assert.ok(textOf(page.text).includes('has not been served on the family yet'));
		await refused(s.id, { setting: String(s.hillcrest), date: today() }, 'issued-day',
		    'Serve the draft plan on the family before you issue the final plan');
	});

	test('within the family\'s 15 days it is refused, naming the last day', async () => {
		serve(s.id, addDays(today(), -5));
		const last = addDays(today(), 9);
		await refused(s.id, { setting: String(s.hillcrest), date: today() }, 'issued-day',
		    `The family have until ${words(last)} to comment on the draft plan. Issue the final plan ` +
		    'after that day, or once they have responded');
		const page = await s.cw.get(`/assessments/${s.id}/plan/final/new`);
		assert.ok(textOf(page.text).includes(`They have until ${words(last)} to comment on it`));
	});

	test('wrong input is refused by its field, nothing written', async () => {
		// The window has passed: the draft was served 20 days ago.
		psql(`UPDATE assessment_decisions SET decided_on = ${lit(addDays(today(), -20))},
		    comments_due = ${lit(addDays(today(), -6))} WHERE assessment_id = ${s.id} AND kind = 'draft_issued'`);
		await refused(s.id, { date: today() }, 'setting',
		    'Select the school or setting to name in Section I, or enter its name');
		await refused(s.id, { setting: String(MISSING), date: today() }, 'setting',
		    'Select a school or setting from the list');
		await refused(s.id, { setting: String(s.hillcrest), name: 'Elsewhere', date: today() }, 'setting',
		    'Select a school or setting from the list, or enter its name, not both');
		await refused(s.id, { name: 'x'.repeat(201), date: today() }, 'setting',
		    'The name of the school or setting must be 200 characters or fewer');
		await refused(s.id, { setting: String(s.hillcrest) }, 'issued-day',
		    'The date the final plan is issued must be a real date');
		const r = await finalForm(s.id, { setting: String(s.hillcrest), date: '2026-02-30' });
		assert.equal(r.status, 400);
		await refused(s.id, { setting: String(s.hillcrest), date: addDays(today(), 1) }, 'issued-day',
		    'The date the final plan is issued must be today or in the past');
		await refused(s.id, { setting: String(s.hillcrest), date: addDays(s.received, -1) }, 'issued-day',
		    'The date the final plan is issued must be the same as or after the day the request was received');
		await refused(s.id, { setting: String(s.hillcrest), date: addDays(today(), -20) }, 'issued-day',
		    `The date the final plan is issued must be after the day the draft plan was served (${words(addDays(today(), -20))})`);
	});

	test('issued: Section I names the setting, the plan is final, the decision recorded against week 20', async () => {
		const r = await finalForm(s.id, { setting: String(s.hillcrest), date: today() });
		assert.equal(r.status, 303, r.text.slice(0, 600));
		assert.equal(r.location, `/assessments/${s.id}/plan?final=1`);
		assert.equal(psql(`SELECT status || '|' || named_setting_id || '|' || named_setting FROM plans
		    WHERE assessment_id = ${s.id}`), `final|${s.hillcrest}|`);
		const pv = num(`SELECT version FROM plans WHERE assessment_id = ${s.id}`);
		assert.equal(psql(`SELECT s.reason || '|' || s.plan_version || '|' || p.body FROM plan_sections s
		    JOIN plan_paragraphs p ON p.section_id = s.id JOIN plans x ON x.id = s.plan_id
		    WHERE x.assessment_id = ${s.id} AND s.section = 'I'`), `final|${pv}|Hillcrest Academy`);
		assert.equal(psql(`SELECT decided_on || '|' || due_on || '|' || plan_version FROM assessment_decisions
		    WHERE assessment_id = ${s.id} AND kind = 'final_issued'`),
		    `${today()}|${addDays(s.received, 140)}|${pv}`);
		assert.equal(audits('issue_final_plan', 'assessment', s.id), 1);
		const page = await s.cw.get(`/assessments/${s.id}/plan?final=1`);
		const text = textOf(page.text);
		assert.ok(text.includes(`Final EHC plan issued on ${words(today())}`), text.slice(0, 800));
		assert.ok(text.includes('Issued 21 weeks and 3 days after the request was received: 1 week and 3 days late'),
		    text.slice(0, 1200));
		assert.ok(text.includes('The final EHC plan was issued'), 'no success banner');
		assert.ok(textOf(sectionOf(page.text, 'I')).includes('Hillcrest Academy'));
		assert.ok(!page.text.includes('/plan/edit?section='), 'Change links on a final plan');
		assert.ok(!page.text.includes('/plan/reassemble'), 'a re-assemble button on a final plan');
	});

	test('a late final plan shows the exception recorded for the assessment', async () => {
		psql(`INSERT INTO exceptions (assessment_id, kind, starts_on, ends_on, reason, recorded_by)
		    VALUES (${s.id}, 'personal_circumstances', ${lit(addDays(today(), -30))}, ${lit(addDays(today(), -10))},
		    'Family away', ${accountId('caseworker@demo.test')})`);
		const text = textOf((await s.cw.get(`/assessments/${s.id}/plan`)).text);
		assert.match(text, /late\. Exception recorded: [A-Z]/, text.slice(0, 1200));
	});

	test('the final plan is read-only: editing and re-assembling are refused (409), nothing written', async () => {
		const before = written(s.id);
		const csrf = await s.cw.csrfFrom(`/assessments/${s.id}/plan`);
		const edit = await s.cw.post(`/assessments/${s.id}/plan/edit`, { csrf, section: 'B', version: '1', p1: 'x' });
		assert.equal(edit.status, 409);
		assert.ok(textOf(edit.text).includes('It is read-only: it cannot be edited or re-assembled'));
		assert.equal((await s.cw.get(`/assessments/${s.id}/plan/edit?section=B`)).status, 409);
		const re = await s.cw.post(`/assessments/${s.id}/plan/reassemble`, { csrf });
		assert.equal(re.status, 409);
		assert.deepEqual(written(s.id), before);
		// The database refuses a new section version too.
		const q = spawnSync('psql', ['-X', '-q', '-d', process.env.PORTAL_DB_OWNER, '-c',
		    `INSERT INTO plan_sections (council_id, plan_id, section, version, plan_version, reason, saved_by)
		     SELECT council_id, id, 'B', 99, 99, 'edited', created_by FROM plans WHERE assessment_id = ${s.id}`],
		    { encoding: 'utf8' });
		assert.match(q.stderr, /the plan is final/);
	});

	test('issuing twice is refused with a clear message, nothing written', async () => {
		const before = written(s.id);
		const r = await finalForm(s.id, { setting: String(s.hillcrest), date: today() });
		assert.equal(r.status, 409);
		assert.ok(textOf(r.text).includes(`was issued on ${words(today())}. A final plan is issued once: ` +
		    'it cannot be issued again'), textOf(r.text).slice(0, 600));
		assert.deepEqual(written(s.id), before);
		const form = await s.cw.get(`/assessments/${s.id}/plan/final/new`);
		assert.ok(textOf(form.text).includes('it cannot be issued again'));
		assert.ok(!form.text.includes('id="issue"'), 'the form is offered again');
	});

	test('the family and the setting\'s responder are told by mail, without the child\'s name', async () => {
		sendMail();
		// The carer's invitation names the reference too: only the final plan's mails.
		const got = mails().filter((m) => m.raw.includes(s.reference) && /final EHC plan/.test(m.subject));
		const to = (a) => got.filter((m) => m.to === a);
		assert.equal(to(CARER).length, 1, JSON.stringify(got.map((m) => m.to)));
		assert.equal(to('parent@demo.test').length, 1);
		assert.equal(to('school@demo.test').length, 1);
		assert.equal(to(CARER)[0].subject, `The final EHC plan is issued: case ${s.reference}`);
		assert.ok(to(CARER)[0].raw.includes('Hillcrest Academy'));
		assert.ok(to(CARER)[0].raw.includes(`${PORTAL_BASE_URL}/assessments/${s.id}/plan/print`));
		assert.ok(to(CARER)[0].raw.includes(words(today())));
		assert.equal(to('school@demo.test')[0].subject, `Your setting is named in a final EHC plan: case ${s.reference}`);
		for (const m of got) {
			assert.ok(!m.raw.includes(GIVEN) && !m.raw.includes(FAMILY), `a mail to ${m.to} names the child`);
			assert.ok(!m.raw.includes('{{'), 'a placeholder was left');
		}
		assert.equal(num(`SELECT count(*) FROM notifications WHERE account_id = ${accountId('school@demo.test')}
		    AND message = ${lit(`A final EHC plan names your setting: case ${s.reference}`)}`), 1);
		assert.equal(num(`SELECT count(*) FROM notifications WHERE account_id = ${accountId('parent@demo.test')}
		    AND link = '/assessments/${s.id}/plan/print'`), 1);
	});
});

describe('the printable plan', () => {
	test('the caseworker and the family print the final plan; another family, another council: 404', async () => {
		for (const [who, c] of [['caseworker', s.cw], ['parent', s.parent]]) {
			const r = await s.cw.get('/');	// keep the session warm
			assert.ok(r.status < 500);
			const p = await c.get(`/assessments/${s.id}/plan/print`);
			assert.equal(p.status, 200, who);
			const t = textOf(p.text);
			assert.ok(t.includes('Final EHC plan'), who);
			assert.ok(t.includes(`${GIVEN} ${FAMILY}`), `${who}: no child's name`);
			assert.ok(t.includes(`Final EHC plan issued on ${words(today())}`), who);
			assert.ok(t.includes('Demoshire County Council'), who);
			assert.ok(textOf(sectionOf(p.text, 'I')).includes('Hillcrest Academy'), who);
			assert.ok(!p.text.includes('href="/requests/'), `${who}: links to advice on the print page`);
			assert.ok(!p.text.includes('/plan/edit'), `${who}: Change links on the print page`);
		}
		assert.ok(audits('print_plan', 'assessment', s.id) >= 2);
		assert.equal((await s.otherParent.get(`/assessments/${s.id}/plan/print`)).status, 404);
		assert.equal((await s.ep.get(`/assessments/${s.id}/plan/print`)).status, 404);
		assert.equal((await s.cw.get(`/assessments/${MISSING}/plan/print`)).status, 404);
		const t = await signIn(ensureTestshireCaseworker(), TESTSHIRE_PASSWORD);
		assert.equal((await t.get(`/assessments/${s.id}/plan/print`)).status, 404);
		assert.equal((await t.get(`/assessments/${s.id}/plan/final/new`)).status, 404);
		const csrf = await t.csrfFrom('/caseworker');
		assert.equal((await t.post(`/assessments/${s.id}/plan/final`, { csrf })).status, 404);
	});

	test('a parent cannot print a draft that has not been served; the caseworker can', async () => {
		const a = await createAssessment(s.cw, { given: GIVEN, family: FAMILY, received: addDays(today(), -30),
		    extra: { allow_duplicate: '1' } });
		s.unserved = a.id;
		psql(`INSERT INTO assessment_contacts (assessment_id, name, email, account_id)
		    VALUES (${a.id}, 'Pat Rowe', 'parent@demo.test', ${accountId('parent@demo.test')})`);
		sqlPlan(a.id);
		assert.equal((await s.parent.get(`/assessments/${a.id}/plan/print`)).status, 404);
		const p = await s.cw.get(`/assessments/${a.id}/plan/print`);
		assert.equal(p.status, 200);
		assert.ok(textOf(p.text).includes('Draft EHC plan'));
		assert.ok(textOf(p.text).includes('not yet served'));
		serve(a.id, addDays(today(), -2));
		const served = await s.parent.get(`/assessments/${a.id}/plan/print`);
		assert.equal(served.status, 200);
		assert.ok(textOf(served.text).includes(`Draft plan served on ${words(addDays(today(), -2))}`));
	});
});

describe('the plan\'s API', () => {
	before(async () => {
		// Received 140 days ago: a plan issued today is on day 140.
		const a = await createAssessment(s.cw, { given: GIVEN, family: FAMILY, received: addDays(today(), -140),
		    extra: { allow_duplicate: '1' } });
		s.apiCase = a.id;
		s.apiRef = psql(`SELECT reference FROM assessments WHERE id = ${a.id}`);
	});

	test('decisions: 201 with due and on_time; wrong input 400 naming the field, nothing written', async () => {
		const p = `/api/v1/assessments/${s.apiCase}/decisions`;
		const n = () => count('assessment_decisions', `assessment_id = ${s.apiCase}`);
		for (const [body, field] of [
			[{ decision: 'maybe', date: today() }, 'decision'],
			[{ date: today() }, 'decision'],
			[{ decision: 'assess' }, 'date'],
			[{ decision: 'assess', date: '2026-02-30' }, 'date'],
			[{ decision: 'assess', date: addDays(today(), 1) }, 'date'],
			[{ decision: 'assess', date: today(), extra: 1 }, 'extra'],
			[{ decision: 'issue_plan', date: today() }, 'decision'],	// before the decision to assess
		]) {
			const before = n();
			const r = await api('POST', p, body);
			assert.equal(r.status, 400, JSON.stringify(body));
			assert.equal(r.json.field, field, `${JSON.stringify(body)}: ${r.text}`);
			assert.equal(n(), before);
		}
		const decided = addDays(today(), -100);	// day 40: due day 42
		const r = await api('POST', p, { decision: 'assess', date: decided });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.due, addDays(today(), -140 + 42));
		assert.equal(r.json.on_time, true);
		const again = await api('POST', p, { decision: 'assess', date: decided });
		assert.equal(again.status, 400);
		assert.equal(again.json.field, 'decision');
		const plan = await api('POST', p, { decision: 'issue_plan', date: addDays(today(), -20) });
		assert.equal(plan.status, 201, plan.text);
		assert.equal(plan.json.due, addDays(today(), -140 + 112));
		assert.equal(plan.json.on_time, false);	// a "yes" measured against week 16
		assert.equal(audits('api_record_decision', 'assessment', s.apiCase), 2);
		const other = await api('POST', p, { decision: 'assess', date: decided }, testshireApiKey());
		assert.equal(other.status, 404);
		assert.equal((await api('POST', `/api/v1/assessments/${MISSING}/decisions`,
		    { decision: 'assess', date: decided })).status, 404);
	});

	test('the plan: 404 before it exists; then status, version, sections with sources, flags', async () => {
		assert.equal((await api('GET', `/api/v1/assessments/${s.apiCase}/plan`)).status, 404);
		sqlPlan(s.apiCase);
		const r = await api('GET', `/api/v1/assessments/${s.apiCase}/plan`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'draft');
		assert.equal(r.json.version, 1);
		assert.deepEqual(r.json.sections.map((x) => x.section),
		    ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K']);
		const f = r.json.sections.find((x) => x.section === 'F');
		assert.equal(f.paragraphs[0].text, `Access to regular support ${TAG}`);
		assert.equal(f.paragraphs[0].source, null);
		const problems = r.json.flags.filter((x) => x.section === 'F' && x.paragraph === 1).map((x) => x.problem);
		assert.ok(problems.includes('vague_wording'), JSON.stringify(r.json.flags));
		assert.ok(problems.includes('no_who'), JSON.stringify(r.json.flags));
		assert.ok(r.json.flags.every((x) => x.problem !== 'other_child_name'));
		// A paragraph from advice names its source.
		const mine = await api('GET', `/api/v1/assessments/${s.id}/plan`);
		assert.equal(mine.json.status, 'final');
		assert.equal(mine.json.named_setting, 'Hillcrest Academy');
		const src = mine.json.sections.find((x) => x.section === 'B').paragraphs.find((p) => p.source);
		assert.equal(src.source.advice_request_id, s.request);
		assert.ok(src.source.field && src.source.adviser && /^\d{4}-\d\d-\d\d$/.test(src.source.advice_date),
		    JSON.stringify(src));
		assert.equal((await api('GET', `/api/v1/assessments/${s.apiCase}/plan`, undefined, testshireApiKey())).status, 404);
	});

	test('the final plan: 400 naming the field with nothing written, 201 on day 140, 409 twice', async () => {
		const p = `/api/v1/assessments/${s.apiCase}/plan/final`;
		const before = () => written(s.apiCase);
		const w0 = before();
		for (const [body, field] of [
			[{ issued_on: today() }, 'setting'],
			[{ setting: 'Hillcrest Academy' }, 'issued_on'],
			[{ issued_on: '2026-13-01', setting: 'Hillcrest Academy' }, 'issued_on'],
			[{ issued_on: today(), setting: 7 }, 'setting'],
			[{ issued_on: today(), setting: 'Hillcrest Academy' }, 'issued_on'],	// no draft served
		]) {
			const r = await api('POST', p, body);
			assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
			assert.equal(r.json.field, field, `${JSON.stringify(body)}: ${r.text}`);
		}
		assert.deepEqual(before(), w0);
		// Served 3 days ago: within the window, refused naming the last day.
		serve(s.apiCase, addDays(today(), -3));
		const w1 = before();
		const early = await api('POST', p, { issued_on: today(), setting: 'Hillcrest Academy' });
		assert.equal(early.status, 400);
		assert.equal(early.json.field, 'issued_on');
		assert.ok(early.json.error.includes(words(addDays(today(), 11))), early.json.error);
		assert.deepEqual(before(), w1);
		// The family has responded: issued on day 140.
		psql(`UPDATE assessment_decisions SET responded_on = ${lit(addDays(today(), -1))}
		    WHERE assessment_id = ${s.apiCase} AND kind = 'draft_issued'`);
		const r = await api('POST', p, { issued_on: today(), setting: 'hillcrest academy' });
		assert.equal(r.status, 201, r.text);
		assert.equal(r.json.issued_on, today());
		assert.equal(r.json.final_due, today());
		assert.equal(r.json.weeks_from_request, 20);
		assert.equal(r.json.within_20_weeks, true);
		assert.equal(psql(`SELECT named_setting_id FROM plans WHERE assessment_id = ${s.apiCase}`), String(s.hillcrest));
		assert.equal(audits('api_issue_final_plan', 'assessment', s.apiCase), 1);
		const w2 = before();
		const twice = await api('POST', p, { issued_on: today(), setting: 'Hillcrest Academy' });
		assert.equal(twice.status, 409);
		assert.deepEqual(before(), w2);
	});

	test('the plan as .docx: the final plan names the setting and says it is final', async () => {
		const r = await api('GET', `/api/v1/assessments/${s.id}/plan.docx`);
		assert.equal(r.status, 200);
		assert.equal(r.headers.get('content-disposition'), `attachment; filename="EHC-plan-${s.reference}-final.docx"`);
		const res = await fetch(`${BASE_URL}/api/v1/assessments/${s.id}/plan.docx`,
		    { headers: { authorization: 'Bearer demo-api-key-2026' } });
		const file = path.join(os.tmpdir(), `final-${TAG}.docx`);
		fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
		const py = spawnSync('/usr/bin/python3', ['-c', 'import docx,sys\n' +
		    'd = docx.Document(sys.argv[1])\nprint("\\n".join(p.text for p in d.paragraphs))', file],
		    { encoding: 'utf8' });
		fs.unlinkSync(file);
		assert.equal(py.status, 0, py.stderr);
		assert.ok(py.stdout.includes(`Final EHC plan issued on ${words(today())}`), py.stdout.slice(0, 400));
		assert.ok(py.stdout.includes(`Name: ${GIVEN} ${FAMILY}`));
		assert.match(py.stdout, /Section I: [^\n]*\nHillcrest Academy\n/);
		assert.ok(!py.stdout.includes('DRAFT'));
		// The caseworker's download is the final plan too.
		const cw = await getBytes(s.cw, `/assessments/${s.id}/plan.docx`);
		assert.equal(cw.headers.get('content-disposition'), `attachment; filename="EHC-plan-${s.reference}-final.docx"`);
		assert.equal((await api('GET', `/api/v1/assessments/${MISSING}/plan.docx`)).status, 404);
		assert.equal((await api('GET', `/api/v1/assessments/${s.id}/plan.docx`, undefined, testshireApiKey())).status, 404);
	});

	test('the assessment gains decisions, draft, consultations and final', async () => {
		const r = await api('GET', `/api/v1/assessments/${s.apiCase}`);
		assert.equal(r.status, 200, r.text);
		assert.deepEqual(r.json.decisions.map((d) => [d.kind, d.outcome]), [
			['decision_to_assess', 'yes'], ['plan_decision', 'yes'], ['draft_issued', null], ['final_issued', null]]);
		assert.deepEqual(r.json.draft, { served_on: addDays(today(), -3), comments_due: addDays(today(), 11),
		    responded_on: addDays(today(), -1) });
		assert.deepEqual(r.json.consultations, []);
		assert.deepEqual(r.json.final, { issued_on: today(), setting: 'Hillcrest Academy', within_20_weeks: true });
		const mine = await api('GET', `/api/v1/assessments/${s.id}`);
		assert.equal(mine.json.final.within_20_weeks, false);
		const fresh = await api('GET', `/api/v1/assessments/${s.unserved}`);
		assert.equal(fresh.json.final, null);
		assert.ok(fresh.json.draft);
	});
});
