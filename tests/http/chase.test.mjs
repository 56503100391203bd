// The six-week clock and chasing (issue 4), against the running portal,
// its database and a REAL SMTP server on loopback (tests/smtp_sink.py,
// Debian's python3-aiosmtpd) that this file starts and stops itself on the
// port of PORTAL_SMTP. Chase passes run as `portalctl chase --once --today`,
// mail goes out with `portalctl send-mail --once`.
//
// One assessment with three psychological advice requests, all requested
// today (so due today + 42): A (to ep@demo.test) is chased through every
// step; B (to ep2@demo.test) is submitted after its first reminder and must
// not be chased again; C (to ep@demo.test) is declined. The tests run in
// order: each pass moves "today" forward.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { BASE_URL, ROOT, accountId, clearAttempts, getCsrf, lit, psql, signIn } from './lib.mjs';
import {
	TAG, addDays, allocate, audits, createAssessment, errorSummary, latestRequest, postAdvice,
	postFrom, psychologicalAdvice, requestAdvice, textOf, today, words,
} from './advice-lib.mjs';

const CTL = path.join(ROOT, 'build/portalctl');
const SMTP = process.env.PORTAL_SMTP || `smtp://127.0.0.1:${Number(new URL(BASE_URL).port) + 25}`;
const SMTP_PORT = Number(/:(\d+)$/.exec(SMTP)[1]);
const PORTAL_BASE_URL = process.env.PORTAL_BASE_URL || BASE_URL;
const MAILDIR = path.join(process.env.TEST_VAR || '/tmp', `mail-${TAG}`);
const ENV = { ...process.env, PORTAL_SMTP: SMTP, PORTAL_BASE_URL,
	PORTAL_MAIL_FROM: process.env.PORTAL_MAIL_FROM || 'portal@demoshire.example' };

const GIVEN = `Chasey${TAG}`;
const FAMILY = `Clockwell${TAG}`;
let sink;
let assessment, reference, A, B, C, due;

// --- the SMTP server ------------------------------------------------------------

async function startSink() {
	sink = spawn('/usr/bin/python3', [path.join(ROOT, 'tests/smtp_sink.py'), String(SMTP_PORT), MAILDIR],
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

/* Every message the server accepted: { to, subject, body, raw }. */
function mails() {
	if (!fs.existsSync(MAILDIR))
		return [];
	return fs.readdirSync(MAILDIR).filter((f) => f.endsWith('.eml')).sort().map((f) => {
		const raw = fs.readFileSync(path.join(MAILDIR, f), 'utf8');
		const [head, ...rest] = raw.split(/\r?\n\r?\n/);
		const header = (name) => (new RegExp(`^${name}: (.*)$`, 'mi').exec(head) || [])[1];
		return { to: header('X-Envelope-To'), subject: header('Subject'), body: rest.join('\n\n'),
		    messageId: header('Message-ID'), raw };
	});
}

/* Mail about request id to address. */
function mailsFor(id, to) {
	return mails().filter((m) => m.to === to && m.raw.includes(`${PORTAL_BASE_URL}/requests/${id}\r\n`));
}

// --- portalctl --------------------------------------------------------------------

function ctl(args) {
	const r = spawnSync(CTL, args, { env: ENV, encoding: 'utf8' });
	assert.equal(r.status, 0, `portalctl ${args.join(' ')}: ${r.stderr}`);
	return r.stdout;
}

function ctlAsync(args) {
	return new Promise((resolve, reject) => {
		const p = spawn(CTL, args, { env: ENV });
		let out = '';
		p.stdout.on('data', (d) => { out += d; });
		p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
	});
}

const chase = (day) => ctl(['chase', '--once', '--today', day]);
const sendMail = () => ctl(['send-mail', '--once']);

/* chase_log rows of request id (optionally for one step). */
function logged(id, step) {
	return psql(`SELECT u.email FROM chase_log c JOIN accounts u ON u.id = c.recipient_id
	    WHERE c.target_kind = 'advice' AND c.target_id = ${id}
	    ${step ? `AND c.step = ${lit(step)}` : ''} ORDER BY u.email`).split('\n').filter(Boolean);
}

function outboxOf(id, step) {
	return psql(`SELECT o.status FROM outbox o JOIN chase_log c ON c.id = o.chase_log_id
	    WHERE c.target_id = ${id} AND c.step = ${lit(step)}`).split('\n').filter(Boolean);
}

// --- fixtures -----------------------------------------------------------------------

/* Asked for 5 days ago: the notice's day (due − 42) is past the catch-up
 * window, so the portal's own chase timer, which runs a pass for today
 * every minute during the tests, has nothing of these requests to send
 * while the tests drive the passes of other days themselves. */
const REQUESTED = addDays(today(), -5);

before(async () => {
	clearAttempts();
	fs.rmSync(MAILDIR, { recursive: true, force: true });
	await startSink();
	const cw = await signIn('caseworker@demo.test');
	const lead = await signIn('eplead@demo.test');
	const made = await createAssessment(cw, { given: GIVEN, family: FAMILY, received: addDays(today(), -7) });
	assert.ok(made.id, `assessment not created: ${made.response.status}`);
	assessment = made.id;
	reference = psql(`SELECT reference FROM assessments WHERE id = ${assessment}`);
	// One open request of a kind per organisation and assessment: B goes on
	// a second assessment of the same child (recorded deliberately), C is
	// "other" advice from the same service.
	const second = await createAssessment(cw, { given: GIVEN, family: FAMILY, received: addDays(today(), -7),
	    extra: { allow_duplicate: '1' } });
	assert.ok(second.id, `second assessment not created: ${second.response.status}`);
	const ids = [];
	for (const [email, on, kind] of [['ep@demo.test', assessment, 'psychological'],
	    ['ep2@demo.test', second.id, 'psychological'], ['ep@demo.test', assessment, 'other']]) {
		const r = await requestAdvice(cw, on, { requested: REQUESTED, question: `Chase ${TAG}`, kind,
		    profession: kind === 'other' ? 'Educational psychologist' : '' });
		assert.equal(r.status, 303, `request advice: ${r.status}`);
		const id = latestRequest(on);
		assert.equal((await allocate(lead, id, email)).status, 303);
		ids.push(id);
	}
	[A, B, C] = ids;
	due = psql(`SELECT due_on FROM advice_requests WHERE id = ${A}`);
	assert.equal(due, addDays(REQUESTED, 42));
});

after(async () => {
	psql(`UPDATE accounts SET mail_digest = false WHERE email = 'ep2@demo.test'`);
	await stopSink();
});

describe('chasing advice requests', () => {
	test('due − 14: exactly one reminder to the EP, with the right link and no child name', async () => {
		const out = chase(addDays(due, -14));
		assert.match(out, new RegExp(`queued advice_reminder_14 for request ${A} \\(${reference}\\) to account ${accountId('ep@demo.test')}$`, 'm'));
		assert.ok(!out.includes('@'), 'portalctl chase printed an address');
		assert.deepEqual(logged(A, 'advice_reminder_14'), ['ep@demo.test']);
		assert.deepEqual(outboxOf(A, 'advice_reminder_14'), ['queued']);
		sendMail();
		const got = mailsFor(A, 'ep@demo.test').filter((m) => /due in 14 days/.test(m.subject));
		assert.equal(got.length, 1, 'one reminder mail');
		const m = got[0];
		assert.equal(m.subject, `Reminder: advice for ${reference} is due in 14 days`);
		assert.ok(m.raw.includes(`\r\nOpen the request: ${PORTAL_BASE_URL}/requests/${A}\r\n`));
		assert.ok(!m.raw.includes(GIVEN) && !m.raw.includes(FAMILY), 'the mail names the child');
		assert.ok(!m.raw.includes(`Chase ${TAG}`), 'the mail quotes the request');
		assert.match(m.raw, /^From: EHC Advice Portal <portal@demoshire.example>$/m);
		assert.deepEqual(outboxOf(A, 'advice_reminder_14'), ['sent']);
		// The in-portal notification, with the relative link.
		assert.equal(psql(`SELECT count(*) FROM notifications WHERE account_id = ${accountId('ep@demo.test')}
		    AND link = '/requests/${A}' AND message = ${lit(m.subject)}`), '1');
	});

	test('the same pass again queues nothing new', () => {
		const before = psql('SELECT count(*) FROM outbox');
		const out = chase(addDays(due, -14));
		assert.doesNotMatch(out, new RegExp(`request ${A} `));
		assert.match(out, /: 0 messages queued/);
		assert.equal(psql('SELECT count(*) FROM outbox'), before);
		assert.deepEqual(logged(A, 'advice_reminder_14'), ['ep@demo.test']);
		sendMail();
		assert.equal(mailsFor(A, 'ep@demo.test').length, 1);
	});

	test('submitting the advice stops its chase', async () => {
		assert.deepEqual(logged(B, 'advice_reminder_14'), ['ep2@demo.test']);
		const ep2 = await signIn('ep2@demo.test');
		const r = await postAdvice(ep2, B, psychologicalAdvice(`chase-${TAG}`), 'submit');
		assert.equal(r.status, 303, `submit: ${r.status} ${textOf(r.text).slice(0, 300)}`);
		assert.equal(psql(`SELECT status FROM advice_requests WHERE id = ${B}`), 'submitted');
		// The passes of the tests below (due − 7 to due + 14) must not touch it.
	});

	test('two passes at once: still one reminder', async () => {
		const outs = await Promise.all([ctlAsync(['chase', '--once', '--today', addDays(due, -7)]),
		    ctlAsync(['chase', '--once', '--today', addDays(due, -7)])]);
		const mentions = outs.map((o) => (o.match(new RegExp(`advice_reminder_7 for request ${A} `, 'g')) || []).length);
		assert.equal(mentions[0] + mentions[1], 1, `queued by both: ${outs.join('\n')}`);
		assert.deepEqual(logged(A, 'advice_reminder_7'), ['ep@demo.test']);
		assert.deepEqual(outboxOf(A, 'advice_reminder_7'), ['queued']);
		sendMail();
		assert.equal(mailsFor(A, 'ep@demo.test').filter((m) => /due in 7 days/.test(m.subject)).length, 1);
	});

	test('relay down: the mail waits, backs off, and goes once when it returns', async () => {
		await stopSink();
		chase(due);
		assert.deepEqual(outboxOf(A, 'advice_due_today'), ['queued']);
		const r = spawnSync(CTL, ['send-mail', '--once'], { env: ENV, encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /not sent \(attempt \d+\): cannot connect to the relay.*it will be retried/);
		const row = psql(`SELECT o.id || ' ' || o.status || ' ' || o.attempts || ' ' ||
		    (o.next_attempt_at > now()) || ' ' || (o.last_error <> '') FROM outbox o
		    JOIN chase_log c ON c.id = o.chase_log_id WHERE c.target_id = ${A} AND c.step = 'advice_due_today'`);
		const [id, status, attempts, later, why] = row.split(' ');
		assert.deepEqual([status, attempts, later, why], ['queued', '1', 'true', 'true']);
		// Within the back-off nothing is tried, even with the relay back.
		await startSink();
		sendMail();
		assert.equal(mailsFor(A, 'ep@demo.test').filter((m) => /due today/.test(m.subject)).length, 0);
		// The back-off has passed.
		psql(`UPDATE outbox SET next_attempt_at = now() WHERE status = 'queued'`);
		sendMail();
		sendMail();
		const got = mailsFor(A, 'ep@demo.test').filter((m) => /due today/.test(m.subject));
		assert.equal(got.length, 1);
		assert.equal(got[0].messageId, `<outbox-${id}@demoshire.example>`);
		assert.equal(psql(`SELECT status || ' ' || attempts FROM outbox WHERE id = ${id}`), 'sent 2');
	});

	test('7 days overdue: the EP service lead and the caseworker get the escalation', () => {
		const out = chase(addDays(due, 7));
		assert.match(out, new RegExp(`advice_escalation for request ${A} \\(${reference}\\) to account ${accountId('caseworker@demo.test')}$`, 'm'));
		assert.deepEqual(logged(A, 'advice_escalation'), ['caseworker@demo.test', 'eplead@demo.test']);
		sendMail();
		for (const to of ['caseworker@demo.test', 'eplead@demo.test']) {
			const got = mailsFor(A, to).filter((m) => /^Escalation:/.test(m.subject));
			assert.equal(got.length, 1, to);
			assert.equal(got[0].subject, `Escalation: advice for ${reference} is 7 days overdue`);
		}
		assert.equal(mailsFor(A, 'ep@demo.test').filter((m) => /^Escalation:/.test(m.subject)).length, 0);
		// Then weekly, to all three.
		chase(addDays(due, 14));
		assert.deepEqual(logged(A, 'advice_weekly'), ['caseworker@demo.test', 'ep@demo.test', 'eplead@demo.test']);
	});

	test('the submitted request was not chased after its submission', () => {
		assert.deepEqual(logged(B), ['ep2@demo.test']);
		assert.equal(psql(`SELECT step FROM chase_log WHERE target_id = ${B}`), 'advice_reminder_14');
	});

	test('the request timeline shows the chase history', async () => {
		const cw = await signIn('caseworker@demo.test');
		const r = await cw.get(`/requests/${A}`);
		assert.equal(r.status, 200);
		const text = textOf(r.text);
		assert.match(text, /Reminders sent/);
		assert.match(text, new RegExp(`Reminder: due in 14 days ${words(addDays(due, -14))} Dr Evan Price \\(professional\\)`));
		assert.match(text, /Escalation: 7 days overdue .* Casey Walker \(caseworker\)/);
	});
});

describe('acknowledge and decline', () => {
	test('the EP acknowledges: the date promised is shown, the due date does not change', async () => {
		const ep = await signIn('ep@demo.test');
		const promised = addDays(today(), 30);
		const [y, m, d] = promised.split('-');
		let r = await postFrom(ep, `/requests/${C}`, `/requests/${C}/acknowledge`,
		    { 'promised-day': '31', 'promised-month': '2', 'promised-year': y });
		assert.equal(r.status, 400);
		assert.match(textOf(r.text), /must be a real date, today or later/);
		r = await postFrom(ep, `/requests/${C}`, `/requests/${C}/acknowledge`,
		    { 'promised-day': String(Number(d)), 'promised-month': String(Number(m)), 'promised-year': y });
		assert.equal(r.status, 303);
		assert.equal(psql(`SELECT promised_by || ' ' || due_on FROM advice_requests WHERE id = ${C}`),
		    `${promised} ${due}`);
		r = await ep.get(`/requests/${C}`);
		assert.match(textOf(r.text), new RegExp(`will provide the advice by ${words(promised, true)}`));
	});

	test('another professional cannot answer for the EP', async () => {
		const ep2 = await signIn('ep2@demo.test');
		const csrf = getCsrf((await ep2.get('/inbox')).text);
		const r = await ep2.post(`/requests/${C}/decline`, { csrf, decline_reason: 'Not mine' });
		assert.equal(r.status, 404);
		assert.equal(psql(`SELECT status FROM advice_requests WHERE id = ${C}`), 'allocated');
	});

	test('the EP declines with a reason: the caseworker is told at once, the chase stops', async () => {
		const ep = await signIn('ep@demo.test');
		let r = await postFrom(ep, `/requests/${C}`, `/requests/${C}/decline`, { decline_reason: '  ' });
		assert.equal(r.status, 400);
		const cw = accountId('caseworker@demo.test');
		r = await postFrom(ep, `/requests/${C}`, `/requests/${C}/decline`,
		    { decline_reason: `Child not known to the service ${TAG}` });
		assert.equal(r.status, 303);
		assert.equal(psql(`SELECT status FROM advice_requests WHERE id = ${C}`), 'declined');
		assert.equal(psql(`SELECT count(*) FROM notifications WHERE account_id = ${cw}
		    AND link = '/requests/${C}' AND message = ${lit(`Advice request declined for ${reference}`)}`), '1');
		sendMail();
		const got = mailsFor(C, 'caseworker@demo.test').filter((m) => /declined/.test(m.subject));
		assert.equal(got.length, 1);
		assert.ok(!got[0].raw.includes(TAG), 'the mail quotes the reason or names the child');
		const steps = logged(C).length;
		for (const d of [21, 28])
			assert.doesNotMatch(chase(addDays(due, d)), new RegExp(`request ${C} `));
		assert.equal(logged(C).length, steps);
		assert.ok(logged(A, 'advice_weekly').length > 3, 'A, still open, is chased on those days');
		const page = await (await signIn('caseworker@demo.test')).get(`/requests/${C}`);
		assert.match(textOf(page.text), new RegExp(`declined on ${words(today())}.*Child not known to the service ${TAG}`));
	});
});

describe('exceptions to the time limits', () => {
	test('the form says a waiting list is not an exception; empty forms are refused', async () => {
		const cw = await signIn('caseworker@demo.test');
		const page = await cw.get(`/assessments/${assessment}/exceptions/new`);
		assert.equal(page.status, 200);
		assert.match(textOf(page.text), /A waiting list for a service is not an exception/);
		const r = await postFrom(cw, `/assessments/${assessment}/exceptions/new`,
		    `/assessments/${assessment}/exceptions`, { kind: 'waiting_list', reason: '' });
		assert.equal(r.status, 400);
		assert.match(textOf(r.text), /Select the kind of exception/);
		assert.equal(psql(`SELECT count(*) FROM exceptions WHERE assessment_id = ${assessment}`), '0');
	});

	test('an exception is recorded with who and why, shown on the timeline, and changes no date', async () => {
		const cw = await signIn('caseworker@demo.test');
		const start = today();
		const end = addDays(today(), 35);
		const p = (iso) => iso.split('-').map(Number);
		const [sy, sm, sd] = p(start);
		const [ey, em, ed] = p(end);
		const r = await postFrom(cw, `/assessments/${assessment}/exceptions/new`,
		    `/assessments/${assessment}/exceptions`, {
			kind: 'absence', request: String(A), reason: `Family abroad ${TAG}`,
			'starts-day': String(sd), 'starts-month': String(sm), 'starts-year': String(sy),
			'ends-day': String(ed), 'ends-month': String(em), 'ends-year': String(ey),
		});
		assert.equal(r.status, 303, textOf(r.text).slice(0, 400));
		assert.equal(r.location, `/assessments/${assessment}#exceptions`);
		assert.equal(psql(`SELECT kind || ' ' || starts_on || ' ' || ends_on || ' ' || recorded_by
		    FROM exceptions WHERE assessment_id = ${assessment}`),
		    `absence ${start} ${end} ${accountId('caseworker@demo.test')}`);
		assert.equal(psql(`SELECT due_on FROM advice_requests WHERE id = ${A}`), due);
		const page = textOf((await cw.get(`/assessments/${assessment}`)).text);
		assert.match(page, new RegExp(`away from the area for 4 weeks or more .*Psychological advice.*${words(start)} to ${words(end)}.*Family abroad ${TAG}.*by Casey Walker`));
	});
});

describe('daily digest instead of one mail per event', () => {
	const digestOf = () => psql(`SELECT mail_digest FROM accounts WHERE email = 'ep2@demo.test'`);
	let D;

	test('the settings page shows the choice; a post without a valid one is refused, nothing changed', async () => {
		const ep2 = await signIn('ep2@demo.test');
		const page = await ep2.get('/settings');
		assert.equal(page.status, 200);
		assert.match(page.text, /id="mail" name="mail" type="radio" value="each" aria-describedby="mail-hint" checked>/);
		assert.match(textOf(page.text), /You get one email for each reminder or request/);
		for (const form of [{}, { mail: 'weekly' }]) {
			const r = await postFrom(ep2, '/settings', '/settings', form);
			assert.equal(r.status, 400);
			assert.deepEqual(errorSummary(r.text), [{ href: '#mail', message: 'Select how you want to get emails from the portal' }]);
			assert.doesNotMatch(r.text, / checked>/, 'a refused choice is not shown as chosen');
			assert.equal(digestOf(), 'f');
		}
		const r = await ep2.post('/settings', { mail: 'digest' });
		assert.equal(r.status, 403, 'no CSRF token: refused');
		assert.equal(digestOf(), 'f');
	});

	test('choosing the digest holds chase mail; send-digest sends one summary, once', async () => {
		const ep2 = await signIn('ep2@demo.test');
		const account = accountId('ep2@demo.test');
		const before = audits('change_mail_setting', 'account', account);
		let r = await postFrom(ep2, '/settings', '/settings', { mail: 'digest' });
		assert.equal(r.status, 303);
		assert.equal(digestOf(), 't');
		assert.equal(audits('change_mail_setting', 'account', account), before + 1);
		assert.match(textOf((await ep2.get('/settings')).text), /You get one email a day/);

		const cw = await signIn('caseworker@demo.test');
		const lead = await signIn('eplead@demo.test');
		// Other advice again: C, the last one of that kind to the service, was declined.
		r = await requestAdvice(cw, assessment, { requested: today(), question: `Digest ${TAG}`,
		    kind: 'other', profession: 'Educational psychologist' });
		assert.equal(r.status, 303);
		D = latestRequest(assessment);
		assert.equal((await allocate(lead, D, 'ep2@demo.test')).status, 303);
		chase(today());
		assert.deepEqual(logged(D, 'advice_notice'), ['ep2@demo.test']);
		assert.deepEqual(outboxOf(D, 'advice_notice'), ['held']);
		sendMail();
		assert.equal(mailsFor(D, 'ep2@demo.test').length, 0, 'held mail went out on its own');

		const out = ctl(['send-digest']);
		const digestId = psql(`SELECT max(id) FROM outbox WHERE to_address = 'ep2@demo.test'
		    AND subject = 'Your daily summary from the EHC Advice Portal'`);
		assert.match(out, new RegExp(`^queued digest mail ${digestId}$`, 'm'));
		assert.ok(!out.includes('ep2@demo.test'), 'portalctl printed an address');
		assert.deepEqual(outboxOf(D, 'advice_notice'), ['digested']);
		sendMail();
		const got = mailsFor(D, 'ep2@demo.test');
		assert.equal(got.length, 1);
		assert.equal(got[0].subject, 'Your daily summary from the EHC Advice Portal');
		assert.ok(got[0].raw.includes(reference), 'the digest names the case reference');
		assert.ok(!got[0].raw.includes(GIVEN) && !got[0].raw.includes(FAMILY), 'the digest names the child');

		assert.doesNotMatch(ctl(['send-digest']), /ep2@demo.test/, 'a second digest run sent it again');
		sendMail();
		assert.equal(mailsFor(D, 'ep2@demo.test').length, 1);
	});

	test('back to one mail per event', async () => {
		const ep2 = await signIn('ep2@demo.test');
		const r = await postFrom(ep2, '/settings', '/settings', { mail: 'each' });
		assert.equal(r.status, 303);
		assert.equal(digestOf(), 'f');
	});
});

describe('the parent invitation over SMTP', () => {
	test('the invitation mail goes once with its code, then its stored body is blanked', async () => {
		const cw = await signIn('caseworker@demo.test');
		const email = `smtp-carer-${TAG}@example.com`;
		const made = await createAssessment(cw, { given: GIVEN, family: FAMILY, received: today(),
		    parentEmail: email, parentName: 'Kit Carer', extra: { allow_duplicate: '1' } });
		assert.ok(made.id, `assessment not created: ${made.response.status}`);
		const ref = psql(`SELECT reference FROM assessments WHERE id = ${made.id}`);
		sendMail();
		const got = mails().filter((m) => m.to === email);
		assert.equal(got.length, 1);
		assert.equal(got[0].subject, 'You have been invited to the EHC Advice Portal');
		assert.ok(got[0].raw.includes(ref));
		assert.ok(got[0].raw.includes(`${PORTAL_BASE_URL}/invitation`));
		assert.ok(!got[0].raw.includes(GIVEN) && !got[0].raw.includes(FAMILY), 'the invitation names the child');
		const code = /\r?\n {4}([0-9A-Z]{5}-[0-9A-Z]{5})\r?\n/.exec(got[0].raw)[1];
		const stored = psql(`SELECT status || ' ' || body FROM outbox WHERE to_address = ${lit(email)}`);
		assert.match(stored, /^sent \(removed once sent: it held a one-time code\)$/);
		assert.ok(!stored.includes(code));
		sendMail();
		assert.equal(mails().filter((m) => m.to === email).length, 1);
	});

	test('mail the relay refuses for good is failed, not retried, and the caseworker is told; a 4xx waits alone; the rest still goes', async () => {
		const cw = await signIn('caseworker@demo.test');
		const make = async (email) => {
			const made = await createAssessment(cw, { given: GIVEN, family: FAMILY, received: today(),
			    parentEmail: email, parentName: 'Sam Carer', extra: { allow_duplicate: '1' } });
			assert.ok(made.id, `assessment not created: ${made.response.status}`);
			return made.id;
		};
		const refused = `refused-${TAG}@example.com`, busy = `busy-${TAG}@example.com`;
		const fine = `after-refused-${TAG}@example.com`;
		const badCase = await make(refused);
		await make(busy);
		await make(fine);
		const ref = psql(`SELECT reference FROM assessments WHERE id = ${badCase}`);
		const row = (to) => psql(`SELECT status || ' ' || attempts || ' ' || last_error FROM outbox
		    WHERE to_address = ${lit(to)}`);
		const out = sendMail();
		const refusedId = psql(`SELECT id FROM outbox WHERE to_address = ${lit(refused)}`);
		assert.match(out, new RegExp(`mail ${refusedId} refused for good \\(the relay answered 550\\); not retried; the caseworker of its case is told`));
		assert.ok(!out.includes(refused) && !out.includes(busy), 'portalctl printed a recipient\'s address');
		assert.match(row(refused), /^failed 1 relay: 550 5\.1\.1 No such mailbox here$/);
		assert.match(row(busy), /^queued 1 relay: 451 4\.3\.0 /);
		// Neither the refusal nor the 4xx held back the rest: the next invitation went.
		assert.equal(mails().filter((m) => m.to === fine).length, 1);
		assert.equal(mails().filter((m) => m.to === refused || m.to === busy).length, 0);
		// The caseworker of that case is told once, in the portal, with a link to the case.
		const told = `An email about ${ref} to ${refused} could not be delivered: the receiving mail server refused it. Check the address.`;
		assert.equal(psql(`SELECT count(*) FROM notifications WHERE account_id = ${accountId('caseworker@demo.test')}
		    AND link = '/assessments/${badCase}' AND message = ${lit(told)}`), '1');
		// A later run tries the refused mail never again (the busy one only after its back-off).
		psql(`UPDATE outbox SET next_attempt_at = now() WHERE to_address = ${lit(refused)}`);
		sendMail();
		assert.match(row(refused), /^failed 1 /);
		assert.equal(psql(`SELECT count(*) FROM notifications WHERE message = ${lit(told)}`), '1');
		// Not left for later tests to trip over.
		psql(`UPDATE outbox SET status = 'failed' WHERE to_address = ${lit(busy)}`);
	});
});
