// School consultations (issue 12; s.39 CFA, CoP 9.83). The caseworker
// consults two settings at once on the draft plan (one from the council's
// list, one typed in); both are tracked side by side on the assessment and
// plan pages, due 15 days after they are sent. Hillcrest Academy's responder
// is told by mail (read back from a REAL SMTP server on loopback,
// tests/smtp_sink.py) with the case reference and never the child's name,
// lists and opens the consultation (the child, the draft as it was sent, the
// accepted advice; audited), is refused "cannot meet" without reasons with
// nothing written, answers "can meet", and the caseworker sees the answer and
// is told. Another setting's responder, another council's responder or
// caseworker and a parent get 404. The API consults with 201 and refuses
// with 400 naming the field, nothing written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import {
	ROOT, TESTSHIRE, TESTSHIRE_PASSWORD, accountId, clearAttempts, ensureTestshire, lit, psql, signIn,
} from './lib.mjs';
import {
	MISSING, TAG, addDays, allocate, api, audits, count, createAssessment, ensureTestshireCaseworker, errorSummary,
	latestRequest, num, orgId, parts, postAdvice, postFrom, psychologicalAdvice, requestAdvice, testshireApiKey,
	textOf, today, words,
} from './advice-lib.mjs';
import { SMTP, PORTAL_BASE_URL, makeSink, sendMail } from './mail-lib.mjs';

const CTL = path.join(ROOT, 'build/portalctl');
const MAILDIR = path.join(process.env.TEST_VAR || '/tmp', `mail-consult-${TAG}`);
const { startSink, stopSink, mails } = makeSink(MAILDIR);

const GIVEN = 'Zephyrine';
const FAMILY = `Schoolwood${TAG}`;
const MARKER = `consult-advice-${TAG}`;
const TYPED = `Oakfield Independent School ${TAG}`;
const RECEIVED = addDays(today(), -40);
const SENT = addDays(today(), -2);
const BROOKFIELD_RESPONDER = `brookfield-${TAG}@example.com`;
const TESTSHIRE_SCHOOL = 'Testshire Academy';
const TESTSHIRE_RESPONDER = `testshire-school-${TAG}@example.com`;
const s = {};

// --- the SMTP server (as chase.test.mjs) ---------------------------------------------

// --- helpers -----------------------------------------------------------------------------

function account(email, role, org) {
	const r = spawnSync(CTL, ['create-account', email, role, org, 'Test Responder'],
	    { env: process.env, encoding: 'utf8', input: `${TESTSHIRE_PASSWORD}\n` });
	if (r.status !== 0)
		assert.match(r.stderr, /exists/, `portalctl create-account: ${r.stderr}`);
}

function written() {
	return {
		consultations: count('consultations'),
		answered: count('consultations', 'answer IS NOT NULL'),
		// Only the consultations' own: the portal's chase timer writes others meanwhile.
		outbox: count('outbox', `link LIKE '%/consultations/%'`),
		notifications: count('notifications', `link LIKE '/consultations/%'`),
	};
}

const consultForm = (settings, typed, sent) => [
	...settings.map((id) => ['setting', String(id)]),
	['setting-name', typed ?? ''],
	['sent-day', sent ? parts(sent).day : ''], ['sent-month', sent ? parts(sent).month : ''],
	['sent-year', sent ? parts(sent).year : ''],
];

const consult = (settings, typed, sent = SENT, id = s.a) => postFrom(s.cw,
    `/assessments/${id}/consultations/new`, `/assessments/${id}/consultations`, consultForm(settings, typed, sent));

const answer = (client, id, form) => postFrom(client, `/consultations/${id}`, `/consultations/${id}/answer`, form);

/* Refused 400 with the error in the summary and by its field; nothing written. */
async function refused(post, field, what) {
	const before = written();
	const r = await post();
	assert.equal(r.status, 400, `${what}: ${r.status} ${r.location || ''}`);
	const summary = errorSummary(r.text);
	assert.ok(summary, `${what}: no error summary`);
	const e = summary.find((x) => x.href === `#${field}`);
	assert.ok(e, `${what}: no error for #${field} in ${JSON.stringify(summary)}`);
	const inline = [...r.text.matchAll(/<p id="[^"]*-error" class="govuk-error-message">([\s\S]*?)<\/p>/g)]
	    .map((m) => textOf(m[1]).replace('Error:', '').trim());
	assert.ok(inline.includes(e.message), `${what}: "${e.message}" is not by the field (${inline})`);
	assert.ok(r.text.includes(`id="${field}"`), `${what}: the summary links to #${field}, which is not on the page`);
	assert.deepEqual(written(), before, `${what}: something was written`);
	return e.message;
}

/* The row of the side-by-side table naming setting (its text). */
function rowOf(html, setting) {
	const table = /<table[^>]*id="consultations-table"[\s\S]*?<\/table>/.exec(html);
	assert.ok(table, 'no consultations table on the page');
	const row = [...table[0].matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
	    .map((m) => m[1]).find((r) => textOf(r).includes(setting));
	return row ? textOf(row) : '';
}

const consultationOf = (setting) => num(`SELECT coalesce(max(c.id), 0) FROM consultations c
    LEFT JOIN organisations o ON o.id = c.setting_id WHERE c.assessment_id = ${s.a}
    AND coalesce(o.name, c.setting_name) = ${lit(setting)}`);

before(async () => {
	clearAttempts();
	fs.rmSync(MAILDIR, { recursive: true, force: true });
	await startSink();
	s.cw = await signIn('caseworker@demo.test');
	s.school = await signIn('school@demo.test');
	s.parent = await signIn('parent@demo.test');
	s.lead = await signIn('eplead@demo.test');
	s.ep = await signIn('ep@demo.test');
	account(BROOKFIELD_RESPONDER, 'school_responder', 'Brookfield Primary School');
	s.brookfield = await signIn(BROOKFIELD_RESPONDER, TESTSHIRE_PASSWORD);
	s.hillcrest = orgId('Hillcrest Academy');
	s.brookfieldId = orgId('Brookfield Primary School');

	const { id } = await createAssessment(s.cw, { given: GIVEN, family: FAMILY, received: RECEIVED,
	    parentEmail: `consult-parent-${TAG}@example.com` });
	assert.ok(id, 'assessment not created');
	s.a = id;
	s.reference = psql(`SELECT reference FROM assessments WHERE id = ${id}`);

	// Testshire: a school with a responder, and a consultation of its own.
	ensureTestshire();
	ensureTestshireCaseworker();
	let r = spawnSync(CTL, ['create-org', 'school', TESTSHIRE_SCHOOL, TESTSHIRE], { env: process.env, encoding: 'utf8' });
	assert.equal(r.status, 0, `portalctl create-org: ${r.stderr}`);
	account(TESTSHIRE_RESPONDER, 'school_responder', TESTSHIRE_SCHOOL);
	s.testshireSchool = await signIn(TESTSHIRE_RESPONDER, TESTSHIRE_PASSWORD);
	s.testshireCw = await signIn('caseworker@test.test', TESTSHIRE_PASSWORD);
	const council = orgId(TESTSHIRE);
	const tcw = accountId('caseworker@test.test');
	s.ta = num(`INSERT INTO assessments (council_id, reference, child_given_name, child_family_name,
	    date_of_birth, request_received, caseworker_id) VALUES (${council}, ${lit(`TST-C-${TAG}`)},
	    'Tessa', 'Otherton', '2015-01-01', current_date - 30, ${tcw}) RETURNING id`);
	const tp = num(`INSERT INTO plans (council_id, assessment_id, created_by) VALUES (${council}, ${s.ta}, ${tcw})
	    RETURNING id`);
	s.tc = num(`INSERT INTO consultations (council_id, assessment_id, plan_id, plan_version, setting_id, sent_on,
	    due_on, sent_by) VALUES (${council}, ${s.ta}, ${tp}, 1, ${orgId(TESTSHIRE_SCHOOL)}, current_date,
	    current_date + 15, ${tcw}) RETURNING id`);
});

after(async () => {
	await stopSink();
});

describe('consulting needs a draft plan', () => {
	test('before the draft is assembled the page says so and a post is refused, nothing written', async () => {
		const page = await s.cw.get(`/assessments/${s.a}/consultations/new`);
		assert.equal(page.status, 200);
		assert.match(textOf(page.text), /There is no draft plan to send yet/);
		const msg = await refused(() => consult([s.hillcrest], '', SENT), 'setting', 'no plan');
		assert.match(msg, /Assemble the draft plan first/);
	});

	test('the draft is assembled from accepted advice', async () => {
		const r = await requestAdvice(s.cw, s.a, { requested: addDays(RECEIVED, 1) });
		assert.equal(r.status, 303, r.text.slice(0, 400));
		s.request = latestRequest(s.a);
		assert.equal((await allocate(s.lead, s.request, 'ep@demo.test')).status, 303);
		const sub = await postAdvice(s.ep, s.request, psychologicalAdvice(MARKER), 'submit');
		assert.equal(sub.status, 303, sub.text.slice(0, 400));
		assert.equal((await postFrom(s.cw, `/requests/${s.request}`, `/requests/${s.request}/accept`, {})).status, 303);
		const as = await postFrom(s.cw, `/assessments/${s.a}/plan`, `/assessments/${s.a}/plan`, {});
		assert.equal(as.status, 303, as.text.slice(0, 400));
		s.planVersion = num(`SELECT version FROM plans WHERE assessment_id = ${s.a}`);
	});
});

describe('the caseworker consults two settings at once', () => {
	test('the form lists the council\'s schools, says who can answer, and defaults the day sent to today', async () => {
		const page = await s.cw.get(`/assessments/${s.a}/consultations/new`);
		assert.equal(page.status, 200);
		assert.ok(page.text.includes(`value="${s.hillcrest}"`), 'Hillcrest Academy is not offered');
		assert.ok(!page.text.includes(`value="${orgId(TESTSHIRE_SCHOOL)}"`), 'another council\'s school is offered');
		assert.match(textOf(page.text), /Hillcrest Academy \d+ (person|people) can answer in the portal/);
		assert.match(textOf(page.text), /Riverside Special School Nobody at this setting can answer in the portal/);
		assert.ok(page.text.includes(`value="${parts(today()).day}"`), 'the day sent is not today by default');
	});

	test('wrong input is refused by its field and nothing is written', async () => {
		await refused(() => consult([], '', SENT), 'setting', 'nothing chosen');
		await refused(() => consult([orgId(TESTSHIRE_SCHOOL)], '', SENT), 'setting', 'another council\'s school');
		await refused(() => consult([MISSING], '', SENT), 'setting', 'no such setting');
		await refused(() => consult([s.hillcrest], '', addDays(today(), 1)), 'sent-day', 'in the future');
		await refused(() => consult([s.hillcrest], '', addDays(RECEIVED, -1)), 'sent-day', 'before the request');
		await refused(() => consult([s.hillcrest], '', null), 'sent-day', 'no date');
		await refused(() => postFrom(s.cw, `/assessments/${s.a}/consultations/new`, `/assessments/${s.a}/consultations`,
		    [['setting', String(s.hillcrest)], ['sent-day', '31'], ['sent-month', '2'], ['sent-year', '2026']]),
		'sent-day', 'impossible date');
		await refused(() => consult([], 'x'.repeat(201), SENT), 'setting-name', 'name too long');
	});

	test('Hillcrest from the list and a setting typed in: two consultations, due 15 days after sent', async () => {
		const before = count('consultations', `assessment_id = ${s.a}`);
		const r = await consult([s.hillcrest], TYPED, SENT);
		assert.equal(r.status, 303, r.text.slice(0, 600));
		assert.equal(r.location, `/assessments/${s.a}?consulted=1#consultations`);
		assert.equal(count('consultations', `assessment_id = ${s.a}`), before + 2);
		s.c1 = consultationOf('Hillcrest Academy');
		s.c2 = consultationOf(TYPED);
		assert.ok(s.c1 && s.c2);
		const rows = psql(`SELECT sent_on, due_on, plan_version FROM consultations WHERE id IN (${s.c1}, ${s.c2})
		    ORDER BY id`).split('\n');
		for (const row of rows)
			assert.equal(row, `${SENT}|${addDays(SENT, 15)}|${s.planVersion}`);
		assert.equal(audits('consult_setting', 'consultation', s.c1), 1);
		assert.equal(audits('consult_setting', 'consultation', s.c2), 1);
	});

	test('both are shown side by side on the assessment page and the plan page', async () => {
		for (const p of [`/assessments/${s.a}`, `/assessments/${s.a}/plan`]) {
			const page = await s.cw.get(p);
			assert.equal(page.status, 200, p);
			for (const setting of ['Hillcrest Academy', TYPED]) {
				const row = rowOf(page.text, setting);
				assert.ok(row, `${p}: no row for ${setting}`);
				assert.ok(row.includes(words(SENT)), `${p}: ${row}`);
				assert.ok(row.includes(words(addDays(SENT, 15))), `${p}: due not in words: ${row}`);
				assert.match(row, /Waiting for an answer/);
			}
			assert.ok(page.text.includes(`href="/consultations/${s.c1}"`), `${p}: no link to the consultation`);
		}
	});

	test('a setting with an open consultation is not consulted again (listed or typed, any case)', async () => {
		let msg = await refused(() => consult([s.hillcrest], '', SENT), 'setting', 'Hillcrest again');
		assert.match(msg, /Hillcrest Academy has already been consulted and has not answered yet/);
		msg = await refused(() => consult([], TYPED.toUpperCase(), SENT), 'setting-name', 'typed again');
		assert.match(msg, /has already been consulted/);
		// A listed school typed by its name is that school.
		msg = await refused(() => consult([], 'hillcrest academy', SENT), 'setting', 'Hillcrest typed');
		assert.match(msg, /Hillcrest Academy has already been consulted/);
	});

	test('Hillcrest\'s responders are told by mail (reference and due date, never the child) and notification', () => {
		sendMail();
		const got = mails().filter((m) => m.to === 'school@demo.test' && m.raw.includes(s.reference));
		assert.equal(got.length, 1, JSON.stringify(mails().map((m) => [m.to, m.subject])));
		// The setting typed in has nobody in the portal: no mail about it.
		assert.equal(mails().filter((m) => m.raw.includes(`/consultations/${s.c2}\r\n`)).length, 0);
		const m = got[0];
		assert.ok(m.subject.includes(s.reference), m.subject);
		assert.ok(m.body.includes(words(addDays(SENT, 15))), `due date not in words: ${m.body}`);
		assert.ok(m.body.includes(`${PORTAL_BASE_URL}/consultations/${s.c1}`), m.body);
		assert.ok(!m.raw.includes(GIVEN) && !m.raw.includes(FAMILY), 'the mail names the child');
		assert.equal(count('notifications', `account_id = ${accountId('school@demo.test')}
		    AND link = ${lit(`/consultations/${s.c1}`)}`), 1);
	});
});

describe('the school\'s responder', () => {
	test('lists the setting\'s consultations (audited), another setting\'s list is empty', async () => {
		const list = await s.school.get('/consultations');
		assert.equal(list.status, 200);
		assert.ok(list.text.includes(`href="/consultations/${s.c1}"`), 'the consultation is not listed');
		assert.match(textOf(list.text), new RegExp(`${GIVEN} ${FAMILY}`));
		assert.ok(!list.text.includes(`href="/consultations/${s.c2}"`), 'another setting\'s consultation is listed');
		assert.ok(audits('view_consultations', 'organisation', s.hillcrest) >= 1);
		const other = await s.brookfield.get('/consultations');
		assert.equal(other.status, 200);
		assert.match(textOf(other.text), /There are no consultations for your school or setting yet/);
	});

	test('views the child, the draft as sent and the accepted advice (audited)', async () => {
		const before = audits('view_consultation', 'consultation', s.c1);
		const page = await s.school.get(`/consultations/${s.c1}`);
		assert.equal(page.status, 200);
		const text = textOf(page.text);
		assert.match(text, new RegExp(`Child ${GIVEN} ${FAMILY}`));
		assert.match(text, /Date of birth 2 April 2016/);
		assert.ok(text.includes(s.reference));
		assert.ok(text.includes(words(addDays(SENT, 15), true)), 'the due date is not in words');
		assert.match(text, /Section B: Special educational needs/);
		assert.ok(text.includes(MARKER), 'the draft or the advice is not shown');
		assert.match(text, /The advice/);
		assert.match(text, /Dr Evan Price/);
		assert.ok(!page.text.includes(`href="/requests/`), 'links to advice requests the school may not open');
		assert.equal(audits('view_consultation', 'consultation', s.c1), before + 1);
	});

	test('the draft shown is the version sent, not a later change', async () => {
		const plan = num(`SELECT id FROM plans WHERE assessment_id = ${s.a}`);
		const changed = `changed-after-sending-${TAG}`;
		psql(`WITH p AS (UPDATE plans SET version = version + 1 WHERE id = ${plan} RETURNING id, council_id,
		    version, created_by), s AS (INSERT INTO plan_sections (council_id, plan_id, section, version, plan_version,
		    reason, saved_by) SELECT p.council_id, p.id, 'A', (SELECT max(version) + 1 FROM plan_sections
		    WHERE plan_id = ${plan} AND section = 'A'), p.version, 'edited', p.created_by FROM p RETURNING id, council_id)
		    INSERT INTO plan_paragraphs (section_id, council_id, position, area, body)
		    SELECT id, council_id, 1, 'general', ${lit(changed)} FROM s`);
		const page = await s.school.get(`/consultations/${s.c1}`);
		assert.equal(page.status, 200);
		assert.ok(!page.text.includes(changed), 'the later change is shown');
		assert.match(textOf(page.text), /The council has changed the draft since/);
		assert.ok((await s.cw.get(`/assessments/${s.a}/plan`)).text.includes(changed));
	});

	test('"cannot meet" without reasons, or no choice, is refused by the field with nothing written', async () => {
		const msg = await refused(() => answer(s.school, s.c1, { answer: 'cannot_meet', reasons: '  ' }), 'reasons',
		    'no reasons');
		assert.match(msg, /Enter the reasons/);
		await refused(() => answer(s.school, s.c1, { reasons: 'x' }), 'answer', 'no choice');
		await refused(() => answer(s.school, s.c1, { answer: 'perhaps' }), 'answer', 'not a choice');
		await refused(() => answer(s.school, s.c1, { answer: 'can_meet', costs: 'x'.repeat(2001) }), 'costs',
		    'costs too long');
	});

	test('another setting\'s or council\'s responder, another council\'s caseworker and a parent get 404', async () => {
		for (const [who, client] of [['Brookfield', s.brookfield], ['Testshire school', s.testshireSchool],
		    ['Testshire caseworker', s.testshireCw], ['parent', s.parent]]) {
			assert.equal((await client.get(`/consultations/${s.c1}`)).status, 404, `${who} GET`);
			const before = written();
			const csrf = /name="csrf" value="([^"]+)"/.exec((await client.get('/notifications')).text)[1];
			const r = await client.post(`/consultations/${s.c1}/answer`, { csrf, answer: 'can_meet' });
			assert.equal(r.status, 404, `${who} POST`);
			assert.deepEqual(written(), before, `${who}: something was written`);
		}
		assert.equal((await s.school.get(`/consultations/${s.tc}`)).status, 404, 'Testshire\'s consultation');
		assert.equal((await s.school.get(`/consultations/${MISSING}`)).status, 404);
		assert.equal((await s.cw.get(`/consultations/${s.tc}`)).status, 404);
		assert.equal((await s.testshireCw.get(`/assessments/${s.a}/consultations/new`)).status, 404);
	});

	test('answers "can meet" once; the answer is then read-only', async () => {
		const r = await answer(s.school, s.c1, { answer: 'can_meet', reasons: 'ignored',
		    adjustments: `A quiet room at lunchtime ${TAG}`, costs: 'Two hours of TA time a week' });
		assert.equal(r.status, 303, r.text.slice(0, 600));
		assert.equal(r.location, `/consultations/${s.c1}?answered=1`);
		assert.equal(psql(`SELECT answer, reasons, answered_on, answered_by FROM consultations WHERE id = ${s.c1}`),
		    `can_meet||${today()}|${accountId('school@demo.test')}`);
		assert.equal(audits('answer_consultation', 'consultation', s.c1), 1);
		const page = await s.school.get(r.location);
		const text = textOf(page.text);
		assert.match(text, /Your answer was sent to the council/);
		assert.match(text, /Yes, the school or setting can meet the child's needs/);
		assert.ok(text.includes(`A quiet room at lunchtime ${TAG}`));
		assert.ok(!page.text.includes(`action="/consultations/${s.c1}/answer"`), 'the form is still there');
		const msg = await refused(() => s.school.post(`/consultations/${s.c1}/answer`, {
			csrf: /name="csrf" value="([^"]+)"/.exec(page.text)[1], answer: 'cannot_meet', reasons: 'Changed',
		}), 'answer', 'a second answer');
		assert.match(msg, /answered already/);
	});

	test('the caseworker sees the answer and is told (no child name)', async () => {
		const page = await s.cw.get(`/assessments/${s.a}`);
		assert.match(rowOf(page.text, 'Hillcrest Academy'), /Can meet the needs/);
		assert.match(rowOf(page.text, TYPED), /Waiting for an answer/);
		const view = await s.cw.get(`/consultations/${s.c1}`);
		assert.equal(view.status, 200);
		assert.ok(textOf(view.text).includes(`A quiet room at lunchtime ${TAG}`));
		sendMail();
		const got = mails().filter((m) => m.to === 'caseworker@demo.test' && m.raw.includes(`/consultations/${s.c1}`));
		assert.equal(got.length, 1);
		assert.ok(got[0].subject.includes(s.reference));
		assert.ok(!got[0].raw.includes(GIVEN) && !got[0].raw.includes(FAMILY), 'the mail names the child');
		assert.ok(count('notifications', `account_id = ${accountId('caseworker@demo.test')}
		    AND link = ${lit(`/consultations/${s.c1}`)}`) >= 1);
	});

	test('the caseworker records the answer of the setting typed in; Hillcrest may be consulted again', async () => {
		await refused(() => answer(s.cw, s.c2, { answer: 'cannot_meet' }), 'reasons', 'staff: no reasons');
		const r = await answer(s.cw, s.c2, { answer: 'cannot_meet', reasons: 'No places in Year 5' });
		assert.equal(r.status, 303);
		assert.match(rowOf((await s.cw.get(`/assessments/${s.a}`)).text, TYPED), /Cannot meet the needs/);
		const again = await consult([s.hillcrest], '', today());
		assert.equal(again.status, 303, again.text.slice(0, 400));
	});
});

describe('the API', () => {
	const url = () => `/api/v1/assessments/${s.a}/consultations`;

	test('201 with a listed setting by name or id, or a name typed in; response_due 15 days after', async () => {
		let r = await api('POST', url(), { setting: 'Brookfield Primary School', sent_on: SENT });
		assert.equal(r.status, 201, JSON.stringify(r.json));
		assert.equal(r.json.response_due, addDays(SENT, 15));
		assert.equal(psql(`SELECT setting_id FROM consultations WHERE id = ${r.json.id}`), String(s.brookfieldId));
		assert.equal(audits('api_consult_setting', 'consultation', r.json.id), 1);
		r = await api('POST', url(), { setting: String(orgId('Riverside Special School')), sent_on: today() });
		assert.equal(r.status, 201, JSON.stringify(r.json));
		assert.equal(r.json.response_due, addDays(today(), 15));
		r = await api('POST', url(), { setting: `Elmtree College ${TAG}`, sent_on: today() });
		assert.equal(r.status, 201, JSON.stringify(r.json));
		assert.equal(psql(`SELECT setting_name FROM consultations WHERE id = ${r.json.id}`), `Elmtree College ${TAG}`);
	});

	test('GET /assessments/{id} lists the consultations with their status and answer', async () => {
		const r = await api('GET', `/api/v1/assessments/${s.a}`);
		assert.equal(r.status, 200, r.text.slice(0, 300));
		const list = r.json.consultations;
		assert.ok(Array.isArray(list), r.text.slice(0, 300));
		const hill = list.find((x) => x.id === s.c1);
		assert.deepEqual({ ...hill, plan_version: undefined }, {
			id: s.c1, setting: 'Hillcrest Academy', setting_id: s.hillcrest, plan_version: undefined,
			sent_on: SENT, response_due: addDays(SENT, 15), status: 'can_meet', answered_on: today(),
			reasons: null, adjustments: `A quiet room at lunchtime ${TAG}`, costs: 'Two hours of TA time a week',
		});
		const typed = list.find((x) => x.id === s.c2);
		assert.equal(typed.setting_id, null);
		assert.equal(typed.status, 'cannot_meet');
		assert.equal(typed.reasons, 'No places in Year 5');
		assert.ok(list.some((x) => x.status === 'waiting'));
	});

	test('400 naming the field, nothing written', async () => {
		const cases = [
			[{ sent_on: SENT }, 'setting'],
			[{ setting: 'Hillcrest Academy' }, 'sent_on'],
			[{ setting: `Newtown School ${TAG}`, sent_on: '2026-02-30' }, 'sent_on'],
			[{ setting: `Newtown School ${TAG}`, sent_on: addDays(today(), 1) }, 'sent_on'],
			[{ setting: `Newtown School ${TAG}`, sent_on: addDays(RECEIVED, -1) }, 'sent_on'],
			[{ setting: 'Hillcrest Academy', sent_on: SENT }, 'setting'],	// open again since
			[{ setting: String(MISSING), sent_on: SENT }, 'setting'],
			[{ setting: String(orgId(TESTSHIRE_SCHOOL)), sent_on: SENT }, 'setting'],
			[{ setting: 'Brookfield Primary School', sent_on: SENT }, 'setting'],	// open already
			[{ setting: 'x'.repeat(201), sent_on: SENT }, 'setting'],
			[{ setting: 42, sent_on: SENT }, 'setting'],
			[{ setting: 'Hillcrest Academy', sent_on: SENT, extra: 1 }, 'extra'],
		];
		for (const [body, field] of cases) {
			const before = written();
			const r = await api('POST', url(), body);
			assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 80)}: ${r.status}`);
			assert.equal(r.json.field, field, `${JSON.stringify(body).slice(0, 80)}: ${JSON.stringify(r.json)}`);
			assert.deepEqual(written(), before);
		}
	});

	test('another council\'s assessment is 404; without a plan is 400 on setting', async () => {
		const key = testshireApiKey();
		const r = await api('POST', url(), { setting: 'Hillcrest Academy', sent_on: SENT }, key);
		assert.equal(r.status, 404);
		const r2 = await api('POST', `/api/v1/assessments/${s.ta}/consultations`,
		    { setting: TESTSHIRE_SCHOOL, sent_on: today() });
		assert.equal(r2.status, 404, 'Demoshire\'s key reached Testshire');
		const noPlan = (await createAssessment(s.cw, { given: 'Noplan', family: FAMILY, received: RECEIVED,
		    parentEmail: `noplan-${TAG}@example.com` })).id;
		const r3 = await api('POST', `/api/v1/assessments/${noPlan}/consultations`,
		    { setting: 'Hillcrest Academy', sent_on: SENT });
		assert.equal(r3.status, 400);
		assert.equal(r3.json.field, 'setting');
		assert.match(r3.json.error, /no draft plan/);
		// An assessment that has ended consults nobody, on either door.
		psql(`INSERT INTO plans (council_id, assessment_id, created_by) SELECT council_id, id, caseworker_id
		    FROM assessments WHERE id = ${noPlan}; UPDATE assessments SET closed_on = current_date WHERE id = ${noPlan}`);
		const before = written();
		const r4 = await api('POST', `/api/v1/assessments/${noPlan}/consultations`,
		    { setting: `Closed School ${TAG}`, sent_on: today() });
		assert.equal(r4.status, 400);
		assert.equal(r4.json.field, 'setting');
		assert.match(r4.json.error, /has ended/);
		assert.deepEqual(written(), before);
		const msg = await refused(() => consult([], `Closed School ${TAG}`, today(), noPlan), 'setting', 'ended');
		assert.match(msg, /The assessment has ended/);
	});
});

describe('the responder\'s list is paged at 25, open first by due date', () => {
	test('26 answered and 1 open for Brookfield: the open one first, 25 on page 1', async () => {
		const plan = num(`SELECT id FROM plans WHERE assessment_id = ${s.a}`);
		const council = orgId('Demoshire County Council');
		const cw = accountId('caseworker@demo.test');
		psql(`INSERT INTO consultations (council_id, assessment_id, plan_id, plan_version, setting_id, sent_on, due_on,
		    answer, answered_on, answered_by, sent_by) SELECT ${council}, ${s.a}, ${plan}, 1, ${s.brookfieldId},
		    current_date - 20 - g, current_date - 5 - g, 'can_meet', current_date - 20, ${cw}, ${cw}
		    FROM generate_series(1, 26) g`);
		const open = num(`SELECT id FROM consultations WHERE setting_id = ${s.brookfieldId} AND answer IS NULL
		    AND assessment_id = ${s.a}`);
		const p1 = await s.brookfield.get('/consultations');
		assert.equal(p1.status, 200);
		const ids = [...p1.text.matchAll(/href="\/consultations\/(\d+)"/g)].map((m) => Number(m[1]));
		assert.equal(ids.length, 25);
		assert.equal(ids[0], open, 'the open consultation is not first');
		assert.match(textOf(p1.text), /Showing 1 to 25 of 27 consultations/);
		const p2 = await s.brookfield.get('/consultations?page=2');
		assert.equal([...p2.text.matchAll(/href="\/consultations\/(\d+)"/g)].length, 2);
	});
});
