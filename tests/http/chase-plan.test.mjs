// Chasing the plan's stage (issue 12): parents reminded on day 10 and on the
// last day of their 15-day window to comment on a served draft, and school
// responders chased for a consultation's answer like advice — by the same
// chase pass as advice (`portalctl chase --once --today`), with mail read
// back from a REAL SMTP server on loopback (tests/smtp_sink.py), as in
// chase.test.mjs.
//
// The rows are written with psql (the plan pages are not this test's
// subject), years from now, so that no other open advice request or demo
// draft is due a step on the days these passes run. The tests run in
// order: each pass moves "today" forward.
//
//   assessment A  drafts served on B − 3 (older) and B (newest), parent
//                 parent@demo.test plus a contact never invited; the parent
//                 responds after the day-10 reminder
//   assessment L  a draft served on B: chased on day 10 and the last day
//   assessment X  closed; assessment F  a final plan issued: never chased
//   consultations on A, sent on B: H to Hillcrest Academy (responder
//                 school@demo.test), N to a setting known by name only
//                 (the caseworker is told), Q to Hillcrest, answered early
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { ROOT, accountId, lit, psql } from './lib.mjs';
import { DEMOSHIRE, TAG, addDays, today } from './advice-lib.mjs';
import { SMTP, PORTAL_BASE_URL, MAIL_ENV as ENV, makeSink } from './mail-lib.mjs';

const CTL = path.join(ROOT, 'build/portalctl');
const MAILDIR = path.join(process.env.TEST_VAR || '/tmp', `mail-plan-${TAG}`);
const { startSink, stopSink, mails } = makeSink(MAILDIR);

const GIVEN = `Planny${TAG}`;
const FAMILY = `Draftwell${TAG}`;
const PARENT = 'parent@demo.test';
const RESPONDER = 'school@demo.test';
const CASEWORKER = 'caseworker@demo.test';
const SETTING_NAME = `Riverside Free School ${TAG}`;
// Far enough ahead that nothing requested near today is still chased.
const B = addDays(today(), 3000);
const ids = {};	// assessments, drafts, consultations
const refs = {};

// --- the SMTP server (as chase.test.mjs) --------------------------------------

/* Mail to address about the case with this reference. */
const mailsTo = (to, ref) => mails().filter((m) => m.to === to && m.subject.includes(ref));

// --- portalctl --------------------------------------------------------------------

function ctl(args) {
	const r = spawnSync(CTL, args, { env: ENV, encoding: 'utf8' });
	assert.equal(r.status, 0, `portalctl ${args.join(' ')}: ${r.stderr}`);
	return r.stdout;
}

/* One pass on day B + n, then the outbox sent; the pass's output. */
function chaseOn(n) {
	const out = ctl(['chase', '--once', '--today', addDays(B, n)]);
	ctl(['send-mail', '--once']);
	return out;
}

/* chase_log of one target: "step email" lines. */
function logged(kind, id) {
	return psql(`SELECT c.step || ' ' || u.email FROM chase_log c JOIN accounts u ON u.id = c.recipient_id
	    WHERE c.target_kind = ${lit(kind)} AND c.target_id = ${id}
	    ORDER BY c.step_on, c.step, u.email`).split('\n').filter(Boolean);
}

// --- fixtures -----------------------------------------------------------------------

const one = (sql) => {
	const v = psql(sql);
	assert.match(v, /^\d+$/, sql);
	return Number(v);
};

function assessment(key, extra = '') {
	refs[key] = `CHP-${TAG}-${key}`;
	ids[key] = one(`INSERT INTO assessments (council_id, reference, child_given_name, child_family_name,
	    date_of_birth, request_received, caseworker_id)
	    SELECT o.id, ${lit(refs[key])}, ${lit(GIVEN)}, ${lit(FAMILY)}, date '2016-05-04',
	    ${lit(addDays(B, -120))}, ${accountId(CASEWORKER)} FROM organisations o
	    WHERE o.kind = 'local_authority' AND o.name = ${lit(DEMOSHIRE)} RETURNING id`);
	psql(`INSERT INTO assessment_contacts (assessment_id, name, email, relationship, account_id)
	    VALUES (${ids[key]}, 'Pat Parent', ${lit(PARENT)}, 'Mother', ${accountId(PARENT)})`);
	if (extra)
		psql(extra.replaceAll('$A', ids[key]));
	ids[`plan${key}`] = one(`INSERT INTO plans (council_id, assessment_id, created_by)
	    SELECT council_id, id, caseworker_id FROM assessments WHERE id = ${ids[key]} RETURNING id`);
	return ids[key];
}

function draft(key, served) {
	return one(`INSERT INTO assessment_decisions (council_id, assessment_id, kind, decided_on, due_on,
	    comments_due, plan_version, recorded_by)
	    SELECT council_id, id, 'draft_issued', ${lit(served)}, ${lit(served)}, date ${lit(served)} + 14, 1,
	    caseworker_id FROM assessments WHERE id = ${ids[key]} RETURNING id`);
}

function consultation(key, setting) {
	const where = setting ? `(SELECT id FROM organisations WHERE name = 'Hillcrest Academy'), ''`
	    : `NULL, ${lit(SETTING_NAME)}`;
	return one(`INSERT INTO consultations (council_id, assessment_id, plan_id, plan_version, setting_id,
	    setting_name, sent_on, due_on, sent_by)
	    SELECT a.council_id, a.id, ${ids[`plan${key}`]}, 1, ${where}, ${lit(B)}, date ${lit(B)} + 15,
	    a.caseworker_id FROM assessments a WHERE a.id = ${ids[key]} RETURNING id`);
}

function answer(id) {
	psql(`UPDATE consultations SET answer = 'can_meet', answered_on = sent_on,
	    answered_by = ${accountId(RESPONDER)} WHERE id = ${id}`);
}

before(async () => {
	fs.rmSync(MAILDIR, { recursive: true, force: true });
	await startSink();
	assessment('A', `INSERT INTO assessment_contacts (assessment_id, name, email, relationship)
	    VALUES ($A, 'Sam Carer', 'not-invited-${TAG}@example.test', 'Father')`);
	ids.oldDraft = draft('A', addDays(B, -3));
	ids.draftA = draft('A', B);
	assessment('L');
	ids.draftL = draft('L', B);
	assessment('X', `UPDATE assessments SET closed_on = ${lit(addDays(B, 1))} WHERE id = $A`);
	ids.draftX = draft('X', B);
	assessment('F');
	ids.draftF = draft('F', B);
	psql(`INSERT INTO assessment_decisions (council_id, assessment_id, kind, decided_on, due_on,
	    plan_version, recorded_by) SELECT council_id, id, 'final_issued', ${lit(addDays(B, 2))},
	    ${lit(addDays(B, 20))}, 1, caseworker_id FROM assessments WHERE id = ${ids.F}`);
	ids.H = consultation('A', true);
	ids.N = consultation('A', false);
	// Q: Hillcrest again, on another case (one open consultation per setting and case).
	ids.Q = consultation('L', true);
});

after(stopSink);

describe('chasing the parents\' comments on a served draft', () => {
	test('the day 10 of an older draft: nothing, a newer draft has been served', () => {
		const out = chaseOn(6);	// served B − 3: day 10 is B + 6
		assert.doesNotMatch(out, new RegExp(`for draft ${ids.oldDraft} `));
		assert.deepEqual(logged('draft_comment', ids.oldDraft), []);
		assert.equal(mailsTo(PARENT, refs.A).length, 0);
	});

	test('day 10 (served B, last day B + 14, reminder B + 9): one mail per parent, linking the assessment, no child named', () => {
		assert.equal(chaseOn(8).includes('draft_comment'), false, 'day 9 chased');
		const out = chaseOn(9);
		const parent = accountId(PARENT);
		for (const k of ['A', 'L'])
			assert.match(out, new RegExp(`^queued draft_comment_day10 for draft ${ids[`draft${k}`]} \\(${refs[k]}\\) to account ${parent}$`, 'm'));
		assert.ok(!out.includes('@'), 'portalctl chase printed an address');
		assert.deepEqual(logged('draft_comment', ids.draftA), [`draft_comment_day10 ${PARENT}`]);
		const got = mailsTo(PARENT, refs.A);
		assert.equal(got.length, 1, 'one reminder mail');
		const m = got[0];
		assert.equal(m.subject, `Reminder: your comments on the draft EHC plan for ${refs.A} are due by ${words(addDays(B, 14))}`);
		assert.ok(m.raw.includes(`${PORTAL_BASE_URL}/assessments/${ids.A}\r\n`), m.raw);
		assert.ok(!m.raw.includes(GIVEN) && !m.raw.includes(FAMILY), 'the mail names the child');
		// The contact never invited has no account: nothing for them.
		assert.equal(mails().filter((x) => x.to === `not-invited-${TAG}@example.test`).length, 0);
		assert.equal(psql(`SELECT count(*) FROM notifications WHERE account_id = ${parent}
		    AND link = '/assessments/${ids.A}' AND message = ${lit(m.subject)}`), '1');
	});

	test('a closed assessment and a final plan are not chased', () => {
		assert.deepEqual(logged('draft_comment', ids.draftX), []);
		assert.deepEqual(logged('draft_comment', ids.draftF), []);
		assert.equal(mailsTo(PARENT, refs.X).length + mailsTo(PARENT, refs.F).length, 0);
	});

	test('the same pass again sends nothing twice', () => {
		const before = psql('SELECT count(*) FROM outbox');
		const out = chaseOn(9);
		assert.match(out, /: 0 messages queued/);
		assert.equal(psql('SELECT count(*) FROM outbox'), before);
		assert.equal(mailsTo(PARENT, refs.A).length, 1);
		assert.equal(mailsTo(PARENT, refs.L).length, 1);
	});

	test('the last day: the parent who responded gets nothing, the other one reminder', () => {
		psql(`UPDATE assessment_decisions SET responded_on = ${lit(addDays(B, 10))} WHERE id = ${ids.draftA}`);
		chaseOn(11);	// the older draft's last day: still nothing
		assert.deepEqual(logged('draft_comment', ids.oldDraft), []);
		const out = chaseOn(14);
		assert.doesNotMatch(out, new RegExp(`for draft ${ids.draftA} `));
		assert.deepEqual(logged('draft_comment', ids.draftA), [`draft_comment_day10 ${PARENT}`]);
		assert.equal(mailsTo(PARENT, refs.A).length, 1);
		const got = mailsTo(PARENT, refs.L);
		assert.equal(got.length, 2);
		assert.equal(got[1].subject, `The last day for your comments on the draft EHC plan for ${refs.L} is ${words(addDays(B, 14))}`);
		assert.ok(got[1].raw.includes(`${PORTAL_BASE_URL}/assessments/${ids.L}\r\n`));
		assert.ok(!got[1].raw.includes(GIVEN) && !got[1].raw.includes(FAMILY), 'the mail names the child');
		assert.deepEqual(logged('draft_comment', ids.draftL),
		    [`draft_comment_day10 ${PARENT}`, `draft_comment_last_day ${PARENT}`]);
		// Nothing after the last day (catch-up repeats nothing already sent).
		chaseOn(15);
		chaseOn(16);
		assert.equal(mailsTo(PARENT, refs.L).length, 2);
	});
});

describe('chasing school consultations', () => {
	// These passes ran above too (B + 6 … B + 16): the consultation steps
	// are read from the log, then the later days run here.
	test('7 days before due (B + 8): the responder of the setting, and the caseworker for a setting with no responder', () => {
		assert.deepEqual(logged('consultation', ids.H), [
			`consultation_reminder_7 ${RESPONDER}`,
			`consultation_due_today ${RESPONDER}`,
			`consultation_overdue ${CASEWORKER}`,
			`consultation_overdue ${RESPONDER}`,
		]);
		assert.deepEqual(logged('consultation', ids.N), [
			`consultation_reminder_7 ${CASEWORKER}`,
			`consultation_due_today ${CASEWORKER}`,
			`consultation_overdue ${CASEWORKER}`,
		]);
		const r7 = mailsTo(RESPONDER, refs.A).filter((m) => /due in 7 days/.test(m.subject));
		assert.equal(r7.length, 1, 'one reminder per open consultation (H here)');
		assert.equal(mailsTo(RESPONDER, refs.L).filter((m) => /due in 7 days/.test(m.subject)).length, 1,
		    'and Q on the other case');
		assert.equal(r7[0].subject, `Reminder: consultation on case ${refs.A} is due in 7 days`);
		assert.ok(r7[0].raw.includes(`${PORTAL_BASE_URL}/consultations\r\n`), r7[0].raw);
		assert.ok(!r7[0].raw.includes(GIVEN) && !r7[0].raw.includes(FAMILY), 'the mail names the child');
		assert.ok(!r7[0].raw.includes(SETTING_NAME));
		const cw = mailsTo(CASEWORKER, refs.A).filter((m) => /due in 7 days/.test(m.subject));
		assert.equal(cw.length, 1);
		assert.ok(cw[0].raw.includes(`${PORTAL_BASE_URL}/assessments/${ids.A}\r\n`), cw[0].raw);
		// The school's SENCO (a service lead) is not its responder.
		assert.equal(mailsTo('hillcrest.senco@demo.test', refs.A).length, 0);
	});

	test('an answered consultation is not chased again', () => {
		// Q was chased on B + 8 only: answer it and run its later days again
		// (the log keeps what was sent; nothing new is queued for it).
		assert.deepEqual(logged('consultation', ids.Q).slice(0, 1), [`consultation_reminder_7 ${RESPONDER}`]);
		answer(ids.Q);
		psql(`DELETE FROM chase_log WHERE target_kind = 'consultation' AND target_id = ${ids.Q}
		    AND step <> 'consultation_reminder_7'`);
		chaseOn(16);
		chaseOn(22);
		assert.deepEqual(logged('consultation', ids.Q), [`consultation_reminder_7 ${RESPONDER}`]);
	});

	test('overdue: one mail each to the responder and the caseworker; weekly until answered', () => {
		const overdue = mailsTo(RESPONDER, refs.A).filter((m) => m.subject === `Consultation on case ${refs.A} is overdue`);
		assert.equal(overdue.length, 1, 'H on B + 16');
		assert.equal(mailsTo(RESPONDER, refs.L).filter((m) => m.subject === `Consultation on case ${refs.L} is overdue`)
		    .length, 1, 'Q before it was answered');
		// The caseworker: H (as caseworker) and N (as caseworker and in the
		// responder's place): one mail per consultation, never two; Q on
		// the other case.
		const cwOverdue = mailsTo(CASEWORKER, refs.A).filter((m) => m.subject === `Consultation on case ${refs.A} is overdue`);
		assert.equal(cwOverdue.length, 2);
		assert.equal(mailsTo(CASEWORKER, refs.L).filter((m) => m.subject === `Consultation on case ${refs.L} is overdue`)
		    .length, 1);
		assert.ok(cwOverdue.every((m) => m.raw.includes(`${PORTAL_BASE_URL}/assessments/${ids.A}\r\n`)));
		assert.ok(logged('consultation', ids.H).includes(`consultation_weekly ${RESPONDER}`), 'weekly on B + 22');
		answer(ids.H);
		const out = chaseOn(29);
		assert.doesNotMatch(out, new RegExp(`for consultation ${ids.H} `));
		assert.match(out, new RegExp(`^queued consultation_weekly for consultation ${ids.N} \\(${refs.A}\\) to account ${accountId(CASEWORKER)}$`, 'm'));
		assert.equal(logged('consultation', ids.H).filter((l) => l.startsWith('consultation_weekly')).length, 2,
		    'B + 22 to the responder and the caseworker; none on B + 29');
		const weekly = mailsTo(CASEWORKER, refs.A).filter((m) => /^Still overdue: consultation/.test(m.subject));
		assert.equal(weekly.length, 1 + 1 + 1, 'H and N on B + 22, N on B + 29');
		assert.ok(weekly.some((m) => m.subject === `Still overdue: consultation on case ${refs.A} (14 days)`));
	});

	test('a consultation mail the relay refuses for good: the caseworker of the case is told', () => {
		const refused = `refused-${TAG}@example.com`;
		const school = one(`INSERT INTO organisations (kind, name) VALUES ('school', ${lit(`Refusing School ${TAG}`)})
		    RETURNING id`);
		psql(`INSERT INTO accounts (organisation_id, role, email, display_name, password_hash)
		    VALUES (${school}, 'school_responder', ${lit(refused)}, 'Rae Fused', '!')`);
		const id = one(`INSERT INTO consultations (council_id, assessment_id, plan_id, plan_version, setting_id,
		    sent_on, due_on, sent_by) SELECT a.council_id, a.id, ${ids.planL}, 1, ${school}, ${lit(addDays(B, 40))},
		    ${lit(addDays(B, 55))}, a.caseworker_id FROM assessments a WHERE a.id = ${ids.L} RETURNING id`);
		chaseOn(48);
		assert.deepEqual(logged('consultation', id), [`consultation_reminder_7 ${refused}`]);
		assert.equal(psql(`SELECT status FROM outbox WHERE to_address = ${lit(refused)}`), 'failed');
		const told = `An email about ${refs.L} to ${refused} could not be delivered: the receiving mail server refused it. Check the address.`;
		assert.equal(psql(`SELECT count(*) FROM notifications WHERE account_id = ${accountId(CASEWORKER)}
		    AND link = '/assessments/${ids.L}' AND message = ${lit(told)}`), '1');
	});
});

/* "15 June 2026". */
function words(iso) {
	const [y, m, d] = iso.split('-').map(Number);
	const month = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
	    'October', 'November', 'December'][m - 1];
	return `${d} ${month} ${y}`;
}
