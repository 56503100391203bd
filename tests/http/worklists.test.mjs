// Daily and weekly routines (issue 13): the caseworker's live list of what
// needs doing, the team manager's across the council with its caseworker
// filter, reassigning a case (audited, both caseworkers told by mail through
// a real SMTP server on loopback and in the portal, by the reference only;
// wrong targets refused with nothing written; another council's case 404),
// and the family's timeline on the parent's page.
//
// The cases are seeded with SQL for caseworkers made here, with dates
// relative to the portal's today, so the lists hold exactly them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import {
	BASE_URL, ROOT, TESTSHIRE, TESTSHIRE_PASSWORD, accountId, clearAttempts, decodeHtml, lit, psql, signIn,
} from './lib.mjs';
import {
	DEMOSHIRE, EP_SERVICE, TAG, addDays, count, ctl, ensureTestshireCaseworker, errorSummary, num, orgId,
	postFrom, textOf, timelineStep, today, words,
} from './advice-lib.mjs';

const T = today();
const s = { refs: {} };

/* A caseworker (or another role) of Demoshire made for this run; its id. */
function account(name, role = 'caseworker', org = DEMOSHIRE) {
	const email = `wl-${name}-${TAG}@demo.test`;
	const r = ctl(['create-account', email, role, org, `${name[0].toUpperCase()}${name.slice(1)} Worker ${TAG}`],
	    `${TESTSHIRE_PASSWORD}\n`);
	assert.equal(r.status, 0, `portalctl create-account: ${r.stderr}`);
	return { email, id: accountId(email) };
}

/* A case of council held by caseworker, received `received` days from today. */
function seedCase(key, cw, received, council = orgId(DEMOSHIRE)) {
	const ref = `WL-${TAG}-${key}`;
	const id = num(`INSERT INTO assessments (council_id, reference, child_given_name, child_family_name,
	    date_of_birth, request_received, caseworker_id) VALUES (${council}, ${lit(ref)}, 'Worklist',
	    ${lit(`Child${key}`)}, '2016-05-01', ${lit(addDays(T, received))}, ${cw}) RETURNING id`);
	s.refs[key] = ref;
	return id;
}

function decide(id, kind, on, outcome = null, by = s.a.id) {
	const received = psql(`SELECT request_received FROM assessments WHERE id = ${id}`);
	const due = addDays(received, kind === 'decision_to_assess' ? 42 : kind === 'plan_decision' ? 112 : 140);
	const served = kind === 'draft_issued';
	psql(`INSERT INTO assessment_decisions (council_id, assessment_id, kind, outcome, decided_on, due_on,
	    comments_due, plan_version, recorded_by) SELECT council_id, id, ${lit(kind)},
	    ${outcome ? lit(outcome) : 'NULL'}, ${lit(on)}, ${lit(due)}, ${served ? lit(addDays(on, 14)) : 'NULL'},
	    ${kind === 'draft_issued' || kind === 'final_issued' ? 1 : 'NULL'}, ${by}
	    FROM assessments WHERE id = ${id}`);
}

function request(id, kind, requested, status = 'requested', org = orgId(EP_SERVICE), professional = null) {
	return num(`INSERT INTO advice_requests (assessment_id, kind, organisation_id, professional_id, template_id,
	    template_version, requested_on, due_on, status, created_by) VALUES (${id}, ${lit(kind)}, ${org},
	    ${professional ?? 'NULL'}, ${lit(kind)}, 1, ${lit(requested)}, ${lit(addDays(requested, 42))},
	    ${lit(status)}, ${s.a.id}) RETURNING id`);
}

/* The rows of a section of the work list page: [{ what, text }]. */
function section(html, id) {
	const m = new RegExp(`<h2 class="govuk-heading-m" id="${id}">([\\s\\S]*?)</h2>([\\s\\S]*?)(?=<h2 class="govuk-heading-m"|<footer)`)
	    .exec(html);
	assert.ok(m, `no section #${id}`);
	const rows = [...m[2].matchAll(/<li class="app-worklist__item">([\s\S]*?)<\/li>/g)].map((r) => ({
		what: textOf(/<h3[^>]*>([\s\S]*?)<\/h3>/.exec(r[1])[1]).trim(),
		text: textOf(r[1]).trim(),
		links: [...r[1].matchAll(/href="([^"]*)"/g)].map((h) => h[1]),
	}));
	return { heading: textOf(m[1]).trim(), text: textOf(m[2]), rows };
}

// --- the SMTP server on loopback (tests/smtp_sink.py) -------------------------------

const SMTP = process.env.PORTAL_SMTP || `smtp://127.0.0.1:${Number(new URL(BASE_URL).port) + 25}`;
const MAILDIR = path.join(process.env.TEST_VAR || '/tmp', `mail-worklists-${TAG}`);
let sink;

async function startSink() {
	sink = spawn('/usr/bin/python3', [path.join(ROOT, 'tests/smtp_sink.py'), /:(\d+)$/.exec(SMTP)[1], MAILDIR],
	    { stdio: ['ignore', 'pipe', 'inherit'] });
	await new Promise((resolve, reject) => {
		sink.stdout.once('data', resolve);
		sink.once('exit', (code) => reject(new Error(`smtp sink exited ${code}`)));
	});
}

async function stopSink() {
	if (!sink || sink.exitCode !== null)
		return;
	const gone = new Promise((resolve) => sink.once('exit', resolve));
	sink.kill('SIGTERM');
	await gone;
}

/* Sends the outbox through the sink; the messages each address got about ref. */
async function deliver(addresses, ref) {
	await startSink();
	try {
		const r = spawnSync(path.join(ROOT, 'build/portalctl'), ['send-mail', '--once'], { encoding: 'utf8',
		    env: { ...process.env, PORTAL_SMTP: SMTP,
		    PORTAL_MAIL_FROM: process.env.PORTAL_MAIL_FROM || 'portal@demoshire.example' } });
		assert.equal(r.status, 0, `portalctl send-mail: ${r.stderr}`);
	} finally {
		await stopSink();
	}
	const all = fs.readdirSync(MAILDIR).filter((f) => f.endsWith('.eml'))
	    .map((f) => fs.readFileSync(path.join(MAILDIR, f), 'utf8').replace(/\r\n/g, '\n'))
	    .filter((raw) => raw.includes(ref));
	return addresses.map((a) => all.filter((raw) => new RegExp(`^X-Envelope-To: ${a}$`, 'mi').test(raw)));
}

after(stopSink);

before(async () => {
	clearAttempts();
	s.a = account('alder');
	s.b = account('birch');
	s.d = account('dormant');
	psql(`UPDATE accounts SET disabled = true WHERE id = ${s.d.id}`);
	s.p = account('pager');
	// Alder's cases, by what they need.
	s.c1 = seedCase('1', s.a.id, -50);		// no decision: due T-8, overdue
	s.c2 = seedCase('2', s.a.id, -35);		// waiting for advice
	decide(s.c2, 'decision_to_assess', addDays(T, -30), 'yes');
	s.r2soon = request(s.c2, 'psychological', addDays(T, -30));	// due T+12
	s.r2late = request(s.c2, 'medical', addDays(T, -45), 'allocated',
	    orgId('Demoshire Community Health NHS Trust'));		// due T-3
	s.c3 = seedCase('3', s.a.id, -100);		// comments ended: issue the final
	decide(s.c3, 'decision_to_assess', addDays(T, -70), 'yes');
	decide(s.c3, 'plan_decision', addDays(T, -40), 'yes');
	decide(s.c3, 'draft_issued', addDays(T, -20));
	request(s.c3, 'psychological', addDays(T, -69), 'accepted');
	s.c4 = seedCase('4', s.a.id, -130);		// family commenting; final due T+10
	decide(s.c4, 'decision_to_assess', addDays(T, -90), 'yes');
	decide(s.c4, 'plan_decision', addDays(T, -30), 'yes');
	decide(s.c4, 'draft_issued', addDays(T, -5));
	s.c5 = seedCase('5', s.a.id, -200);		// ended: not listed
	decide(s.c5, 'decision_to_assess', addDays(T, -160), 'no');
	psql(`UPDATE assessments SET closed_on = ${lit(addDays(T, -160))} WHERE id = ${s.c5}`);
	s.c6 = seedCase('6', s.a.id, -150);		// final issued: not listed
	decide(s.c6, 'decision_to_assess', addDays(T, -110), 'yes');
	decide(s.c6, 'plan_decision', addDays(T, -50), 'yes');
	decide(s.c6, 'final_issued', addDays(T, -10));
	// Pager's 30 cases, each with its decision to assess overdue.
	psql(`INSERT INTO assessments (council_id, reference, child_given_name, child_family_name, date_of_birth,
	    request_received, caseworker_id) SELECT ${orgId(DEMOSHIRE)}, 'WL-${TAG}-P' || g, 'Paged', 'Child' || g,
	    '2016-05-01', ${lit(addDays(T, -60))}::date - g, ${s.p.id} FROM generate_series(1, 30) g`);
	s.cwA = await signIn(s.a.email, TESTSHIRE_PASSWORD);
	s.cwB = await signIn(s.b.email, TESTSHIRE_PASSWORD);
	s.manager = await signIn('manager@demo.test');
});

describe('the caseworker\'s live list', () => {
	test('overdue first by days overdue, then due within 2 weeks, then cases ready, oldest first', async () => {
		const auditsBefore = count('audit_log', `account_id = ${s.a.id} AND action = 'view_worklist'`);
		const r = await s.cwA.get('/caseworker/work');
		assert.equal(r.status, 200);
		const over = section(r.text, 'overdue');
		assert.equal(over.heading, 'Overdue (2)');
		assert.equal(over.rows[0].what, 'Decision whether to assess');
		assert.match(over.rows[0].text, new RegExp(`${s.refs[1]}.*Due ${words(addDays(T, -8))} 8 days overdue`));
		assert.ok(over.rows[0].links.includes(`/assessments/${s.c1}/decisions/new`), over.rows[0].links);
		assert.equal(over.rows[1].what, 'Medical advice from Demoshire Community Health NHS Trust');
		assert.match(over.rows[1].text, new RegExp(`${s.refs[2]}.*3 days overdue`));
		assert.ok(over.rows[1].links.includes(`/requests/${s.r2late}`));

		const soon = section(r.text, 'soon');
		assert.deepEqual(soon.rows.map((x) => x.what), ['Final plan', `Psychological advice from ${EP_SERVICE}`]);
		assert.match(soon.rows[0].text, new RegExp(`${s.refs[4]}.*Due in 10 days`));
		assert.match(soon.rows[1].text, new RegExp(`${s.refs[2]}.*Due in 12 days`));

		const ready = section(r.text, 'ready');
		assert.deepEqual(ready.rows.map((x) => x.what), ['Issue the final plan', 'Decide whether to assess']);
		assert.match(ready.rows[0].text, new RegExp(s.refs[3]));
		assert.match(ready.rows[1].text, new RegExp(s.refs[1]));
		assert.ok(ready.rows[1].links.includes(`/assessments/${s.c1}/decisions/new`));
		for (const k of [5, 6])
			assert.ok(!r.text.includes(s.refs[k]), `case ${k} (ended or final) is listed`);
		assert.equal(count('audit_log', `account_id = ${s.a.id} AND action = 'view_worklist'`), auditsBefore + 1);
	});

	test('the caseload opens with the counts and the way to the list', async () => {
		const r = await s.cwA.get('/caseworker');
		const t = textOf(r.text);
		assert.match(t, /What needs doing 2 overdue 2 due in the next 2 weeks 2 ready for their next step/);
		assert.match(r.text, /href="\/caseworker\/work#overdue"/);
	});

	test('a caseworker with no cases reads a plain empty state', async () => {
		const r = await s.cwB.get('/caseworker/work');
		assert.equal(r.status, 200);
		const t = textOf(r.text);
		assert.match(t, /You have no open cases/);
		assert.match(t, /Nothing is overdue/);
		assert.match(t, /Nothing is due in the next 2 weeks/);
		assert.match(t, /No case is ready for its next step/);
	});

	test('a page of 25 at a time, each list paged on its own', async () => {
		const pager = await signIn(s.p.email, TESTSHIRE_PASSWORD);
		const r = await pager.get('/caseworker/work');
		const over = section(r.text, 'overdue');
		assert.equal(over.heading, 'Overdue (30)');
		assert.equal(over.rows.length, 25);
		assert.match(over.text, /Showing 1 to 25 of 30 items/);
		assert.ok(decodeHtml(r.text).includes('href="/caseworker/work?list=overdue&page=2"'), 'no link to page 2');
		assert.match(r.text, /<nav class="govuk-pagination" aria-label="Overdue: pages">/);
		// The most overdue first: received 90 days ago, P30.
		assert.match(over.rows[0].text, new RegExp(`WL-${TAG}-P30 `));
		const p2 = await pager.get('/caseworker/work?list=overdue&page=2');
		const over2 = section(p2.text, 'overdue');
		assert.equal(over2.rows.length, 5);
		assert.match(over2.text, /Showing 26 to 30 of 30 items/);
		assert.equal(section(p2.text, 'ready').rows.length, 25, 'the other lists stay on their first page');
	});
});

describe('the team manager\'s list', () => {
	test('the whole council, or one caseworker\'s cases with the filter', async () => {
		const all = await s.manager.get('/manager/work');
		assert.equal(all.status, 200);
		assert.match(all.text, /<select class="govuk-select" id="caseworker" name="caseworker">/);
		const one = await s.manager.get(`/manager/work?caseworker=${s.a.id}`);
		assert.equal(one.status, 200);
		assert.match(one.text, new RegExp(`<option value="${s.a.id}" selected>`));
		const over = section(one.text, 'overdue');
		assert.equal(over.heading, 'Overdue (2)');
		assert.match(over.rows[0].text, new RegExp(`caseworker Alder Worker ${TAG}`));
		assert.ok(!one.text.includes(`WL-${TAG}-P1 `), 'another caseworker\'s case is listed');
		const ready = section(one.text, 'ready');
		assert.ok(ready.rows[0].links.includes(`/assessments/${s.c3}/caseworker`), 'no way to reassign');
		assert.equal(num(`SELECT count(*) FROM audit_log WHERE account_id = ${accountId('manager@demo.test')}
		    AND action = 'view_worklist' AND detail = '${s.a.id}'`), 1);
	});

	test('a caseworker without cases: the empty state names them', async () => {
		const r = await s.manager.get(`/manager/work?caseworker=${s.b.id}`);
		assert.match(textOf(r.text), new RegExp(`Birch Worker ${TAG} has no open cases`));
	});

	test('a filter that is not one of the council\'s caseworkers shows everyone', async () => {
		const r = await s.manager.get('/manager/work?caseworker=999999999');
		assert.equal(r.status, 200);
		assert.doesNotMatch(r.text, /<option value="\d+" selected>/);
		// Alder's 2 and the pager's 30 at least, whoever else the council has.
		assert.ok(Number(/Overdue \((\d+)\)/.exec(textOf(r.text))[1]) >= 32);
	});
});

describe('reassigning a case', () => {
	const state = (id) => ({
		caseworker: psql(`SELECT caseworker_id FROM assessments WHERE id = ${id}`),
		outbox: count('outbox', `assessment_id = ${id}`),
		notes: count('notifications'),
		audit: count('audit_log', `action = 'reassign_caseworker' AND object_id = ${id}`),
	});
	const post = (id, caseworker) => postFrom(s.manager, `/assessments/${id}/caseworker`,
	    `/assessments/${id}/caseworker`, caseworker === undefined ? {} : { caseworker: String(caseworker) });

	async function refused(id, target, message, what) {
		const before = state(id);
		const r = await post(id, target);
		assert.equal(r.status, 400, `${what}: ${r.status}`);
		const summary = errorSummary(r.text);
		assert.deepEqual(summary, [{ href: '#caseworker', message }], what);
		assert.match(r.text, new RegExp(`<p id="caseworker-error" class="govuk-error-message">\\s*` +
		    `<span class="govuk-visually-hidden">Error:</span> ${message}`), `${what}: not by the field`);
		assert.deepEqual(state(id), before, `${what}: something was written`);
	}

	test('the form lists the council\'s active caseworkers only', async () => {
		const r = await s.manager.get(`/assessments/${s.c1}/caseworker`);
		assert.equal(r.status, 200);
		assert.match(r.text, new RegExp(`<option value="${s.a.id}" selected>`));
		assert.match(r.text, new RegExp(`<option value="${s.b.id}">`));
		assert.ok(!r.text.includes(`value="${s.d.id}"`), 'a disabled caseworker is offered');
		assert.ok(!r.text.includes(`value="${accountId('manager@demo.test')}"`), 'a manager is offered');
	});

	test('passed to another caseworker: audited, both told by mail and in the portal, by reference only', async () => {
		const before = state(s.c1);
		const r = await post(s.c1, s.b.id);
		assert.equal(r.status, 303, textOf(r.text).slice(0, 300));
		assert.equal(r.location, `/assessments/${s.c1}?reassigned=1`);
		const page = await s.manager.get(r.location);
		assert.match(textOf(page.text), /The case has a new caseworker: both caseworkers have been told/);
		assert.equal(psql(`SELECT caseworker_id FROM assessments WHERE id = ${s.c1}`), String(s.b.id));
		assert.equal(psql(`SELECT account_id || ' ' || detail FROM audit_log WHERE action = 'reassign_caseworker'
		    AND object_type = 'assessment' AND object_id = ${s.c1}`),
		    `${accountId('manager@demo.test')} from ${s.a.id} to ${s.b.id}`);
		assert.equal(count('outbox', `assessment_id = ${s.c1}`), before.outbox + 2);
		assert.equal(count('notifications', `account_id IN (${s.a.id}, ${s.b.id})
		    AND message LIKE ${lit(`%${s.refs[1]}%`)}`), 2);
		// The new caseworker sees it on their list; the old one no longer does.
		assert.ok((await s.cwB.get('/caseworker/work')).text.includes(s.refs[1]));
		assert.ok(!(await s.cwA.get('/caseworker/work')).text.includes(s.refs[1]));
		assert.equal((await s.cwA.get(`/assessments/${s.c1}`)).status, 404);

		const [toA, toB] = await deliver([s.a.email, s.b.email], s.refs[1]);
		assert.equal(toA.length, 1, 'mails to the old caseworker');
		assert.equal(toB.length, 1, 'mails to the new caseworker');
		assert.equal(psql(`SELECT string_agg(subject, ' | ' ORDER BY id) FROM outbox WHERE assessment_id = ${s.c1}`),
		    `Case ${s.refs[1]} is now yours | Case ${s.refs[1]} has passed to Birch Worker ${TAG}`);
		assert.match(toB[0], /has made you the caseworker/);
		assert.match(toA[0], /You are no longer its caseworker/);
		for (const m of [toA[0], toB[0]])
			assert.ok(!/Worklist|Child1/.test(m), `a mail names the child:\n${m}`);
	});

	test('refused: no caseworker chosen', async () => {
		await refused(s.c2, undefined, 'Select the caseworker to hold this case', 'none');
		await refused(s.c2, '', 'Select the caseworker to hold this case', 'empty');
	});
	test('refused: not an active caseworker of the council', async () => {
		const msg = 'Select an active caseworker of your council';
		await refused(s.c2, 'abc', msg, 'not a number');
		await refused(s.c2, '999999999', msg, 'missing');
		await refused(s.c2, s.d.id, msg, 'disabled');
		await refused(s.c2, accountId('manager@demo.test'), msg, 'a manager');
		await refused(s.c2, accountId('ep@demo.test'), msg, 'a professional');
		await refused(s.c2, accountId(ensureTestshireCaseworker()), msg, 'another council\'s caseworker');
	});
	test('refused: the caseworker who holds it already', async () => {
		await refused(s.c2, s.a.id, 'This caseworker already holds the case: select another caseworker', 'same');
	});
	test('another council\'s case or a missing one: 404, nothing written', async () => {
		const tess = accountId(ensureTestshireCaseworker());
		const other = seedCase('T', tess, -10, orgId(TESTSHIRE));
		for (const id of [other, 999999999]) {
			assert.equal((await s.manager.get(`/assessments/${id}/caseworker`)).status, 404);
			const before = id === other ? state(other) : null;
			const r = await postFrom(s.manager, `/assessments/${s.c2}/caseworker`, `/assessments/${id}/caseworker`,
			    { caseworker: String(s.b.id) });
			assert.equal(r.status, 404);
			if (before)
				assert.deepEqual(state(other), before);
		}
	});
});

describe('the family\'s timeline', () => {
	before(() => {
		const parent = accountId('parent@demo.test');
		s.f = seedCase('F', s.a.id, -60);
		psql(`INSERT INTO assessment_contacts (assessment_id, name, email, relationship, account_id)
		    VALUES (${s.f}, 'Demo Parent', 'parent@demo.test', 'Mother', ${parent})`);
		s.received = addDays(T, -60);
		decide(s.f, 'decision_to_assess', addDays(s.received, 40), 'yes');
		// Arrived 2 days after its deadline; and one not arrived, 4 days late.
		const arrived = request(s.f, 'psychological', addDays(T, -50), 'submitted', orgId(EP_SERVICE),
		    accountId('ep@demo.test'));
		psql(`INSERT INTO advice (request_id, version, template_id, template_version, status, author_id,
		    submitted_at) VALUES (${arrived}, 1, 'psychological', 1, 'submitted', ${accountId('ep@demo.test')},
		    ${lit(`${addDays(T, -6)} 12:00:00+00`)})`);
		s.fMedical = request(s.f, 'medical', addDays(T, -46), 'requested', orgId('Demoshire Community Health NHS Trust'),
		    accountId('health@demo.test'));
		// Accepted: the family may read it from its step; and an exception the council recorded
		// against the late medical advice.
		s.fRead = request(s.f, 'educational', addDays(T, -45), 'accepted', orgId('Brookfield Primary School'));
		psql(`INSERT INTO advice (request_id, version, template_id, template_version, status, author_id,
		    submitted_at) VALUES (${s.fRead}, 1, 'educational', 1, 'accepted', ${s.a.id},
		    ${lit(`${addDays(T, -5)} 12:00:00+00`)})`);
		psql(`INSERT INTO exceptions (assessment_id, request_id, kind, starts_on, ends_on, reason, recorded_by)
		    VALUES (${s.f}, ${s.fMedical}, 'missed_appointment', ${lit(addDays(T, -10))}, ${lit(addDays(T, -10))},
		    'Clinic closed', ${s.a.id})`);
		decide(s.f, 'plan_decision', addDays(T, -4), 'yes');
		decide(s.f, 'draft_issued', addDays(T, -3));
	});

	test('each step with the date due and the date it happened, in plain English', async () => {
		const parent = await signIn('parent@demo.test');
		const r = await parent.get(`/assessments/${s.f}`);
		assert.equal(r.status, 200);
		const m = /<h2 class="govuk-heading-m" id="timeline">[\s\S]*?<\/ol>/.exec(r.text);
		assert.ok(m, 'no timeline');
		const t = textOf(m[0]);
		assert.match(t, new RegExp(`We received the request for an education, health and care needs assessment on ${words(s.received)}\\.`));
		assert.match(t, new RegExp(`We decided to carry out an assessment on ${words(addDays(s.received, 40))} — 2 days before the deadline\\. Due by ${words(addDays(s.received, 42), true)}`));
		assert.match(t, new RegExp(`Psychological advice from ${EP_SERVICE} Done We asked for this advice on ${words(addDays(T, -50))}\\. It arrived on ${words(addDays(T, -6))} — 2 days after the deadline\\.`));
		assert.match(t, new RegExp(`Medical advice from Demoshire Community Health NHS Trust Late We asked for this advice on ${words(addDays(T, -46))}\\. It has not arrived yet\\. Each adviser has 6 weeks to give it, and you can read it here once the council has accepted it\\. Due by ${words(addDays(T, -4), true)}: 4 days late`));
		assert.match(t, /The council recorded a reason it could not meet the time limit: \w/);
		assert.match(t, new RegExp(`Decision whether to write a plan Done We decided to write a plan on ${words(addDays(T, -4))}\\.`));
		assert.match(t, new RegExp(`We sent you the draft plan on ${words(addDays(T, -3))}\\.`));
		assert.match(t, new RegExp(`You can comment on the draft until ${words(addDays(T, 11), true)}: 15 days, beginning with the day we sent it\\.`));
		assert.match(t, new RegExp(`Final plan Not yet .* Due by ${words(addDays(s.received, 140), true)}`));
		// Services, never the staff writing the advice.
		for (const email of ['ep@demo.test', 'health@demo.test']) {
			const name = psql(`SELECT display_name FROM accounts WHERE email = ${lit(email)}`);
			assert.ok(!t.includes(name), `the timeline names ${name}`);
		}
	});
});

describe('the family\'s page says each thing once', () => {
	test('the timeline carries the read link, the timing and the exception; the old blocks are gone', async () => {
		const parent = await signIn('parent@demo.test');
		const r = await parent.get(`/assessments/${s.f}`);
		assert.equal(r.status, 200);
		const text = textOf(r.text);
		for (const gone of ['What happens next', 'Decisions so far', 'Advice about'])
			assert.ok(!text.includes(gone), `the page still has "${gone}"`);
		assert.ok(!text.includes('}}'), 'a template\'s text shows on the page');
		// Each date and each piece of advice is said once.
		const final = words(addDays(s.received, 140), true);
		assert.equal(text.split(final).length, 2, `the final plan's due date (${final}) is not said once`);
		assert.equal(text.split(words(addDays(s.received, 140))).length, 2, 'the final plan\'s date twice');
		// What the eye reads (a link's hidden words name its advice for a screen reader).
		const seen = textOf(r.text.replace(/<span class="govuk-visually-hidden">[^<]*<\/span>/g, ''));
		for (const kind of ['Psychological advice', 'Medical advice', 'Educational advice'])
			assert.equal(seen.split(kind).length, 2, `${kind} is not said once`);
		assert.equal(text.split('6 weeks').length, 2, 'the 6 weeks are explained more than once');
		// The accepted advice is read from its step, the others are not linked.
		const read = timelineStep(r.text, 'Educational advice from Brookfield Primary School');
		assert.ok(read, 'no educational advice step');
		assert.match(read.html, new RegExp(`<a class="govuk-link" href="/requests/${s.fRead}">Read the advice<span class="govuk-visually-hidden">: Educational advice</span></a>`));
		assert.equal([...r.text.matchAll(/>Read the advice</g)].length, 1);
		const med = timelineStep(r.text, 'Medical advice');
		assert.ok(!med.html.includes('href="/requests/'), 'advice not accepted is linked');
		assert.match(med.text, /The council recorded a reason it could not meet the time limit: \w/);
		assert.match(med.html, /govuk-tag--red">Late</);
		// On time for the decision made; the steps not reached say what happens.
		assert.match(timelineStep(r.text, 'Decision whether to carry out an assessment').html, /govuk-tag--green">On time</);
		assert.match(timelineStep(r.text, 'Your comments on the draft').text, /15 days/);
		assert.match(timelineStep(r.text, 'Final plan').text,
		    new RegExp(`Not yet If we write a plan, the final plan is due within 20 weeks of the request\\. Due by ${final}$`));
		// The caseworker's contact sentence stays.
		assert.match(text, /Your caseworker is .*: contact them if you have a question or something changes\./);
	});

	test('a case not decided yet says what happens at each step', async () => {
		const parent = await signIn('parent@demo.test');
		const id = seedCase('N', s.a.id, -5);
		psql(`INSERT INTO assessment_contacts (assessment_id, name, email, relationship, account_id)
		    VALUES (${id}, 'Demo Parent', 'parent@demo.test', 'Mother', ${accountId('parent@demo.test')})`);
		const r = await parent.get(`/assessments/${id}`);
		assert.equal(r.status, 200);
		const received = addDays(T, -5);
		assert.match(timelineStep(r.text, 'Decision whether to carry out an assessment').text,
		    new RegExp(`Not yet We have not decided yet whether to carry out an assessment\\. Due by ${words(addDays(received, 42), true)}$`));
		assert.match(textOf(r.text), /Advice has not been asked for yet\. .* each has 6 weeks to give it\./);
		assert.match(timelineStep(r.text, 'Decision whether to write a plan').text,
		    new RegExp(`If we decide not to write a plan, we tell you by ${words(addDays(received, 112), true)} and explain why\\.`));
		assert.match(timelineStep(r.text, 'Draft plan').text, /we send you a draft first/);
		assert.match(timelineStep(r.text, 'Your comments on the draft').text,
		    /at least 15 days to comment on the draft and to ask for a school or college to be named/);
		const text = textOf(r.text);
		assert.equal(text.split(words(addDays(received, 140), true)).length, 2, 'the final plan\'s due date is not said once');
	});
});

// The caseload's summary counts the advice requests with the cases (WS_CASES's
// late and soon, not the list's rows): the same counts as the list, at the
// edges of "overdue" and "due within 2 weeks".
describe('the caseload summary counts advice requests as the list does', () => {
	before(async () => {
		s.e = account('edges');
		s.ce = seedCase('E', s.e.id, -50);
		decide(s.ce, 'decision_to_assess', addDays(T, -45), 'yes');	// no statutory step due soon
		for (const [days, kind] of [[-1, 'psychological'], [0, 'medical'], [14, 'social_care'], [15, 'educational']])
			request(s.ce, kind, addDays(T, days - 42));		// due yesterday, today, T+14, T+15
		request(s.ce, 'other', addDays(T, -60), 'submitted');		// not being written: not counted
		s.cwE = await signIn(s.e.email, TESTSHIRE_PASSWORD);
	});

	test('due yesterday is overdue; today and in 14 days due soon; in 15 days not yet', async () => {
		const list = await s.cwE.get('/caseworker/work');
		assert.equal(section(list.text, 'overdue').rows.length, 1);
		assert.equal(section(list.text, 'soon').rows.length, 2);
		const r = await s.cwE.get('/caseworker');
		assert.equal(r.status, 200);
		assert.match(textOf(r.text), /What needs doing 1 overdue 2 due in the next 2 weeks 1 ready for their next step/);
	});
});
