// The assessment's decisions (regs 4-5, 10, 13; issue 12): the caseworker
// records the decision whether to assess, whether to issue a plan, the draft
// issued and the final issued, each with its date and who; each shows against
// its statutory date on the assessment page and the family's page. Every wrong
// input is refused by its field with nothing written; a "no" ends the
// assessment and tells the family (the case reference, never the child's name)
// with their right of appeal; another council's assessment is 404.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { clearAttempts, psql, signIn } from './lib.mjs';
import {
	MISSING, TAG, addDays, api, audits, count, createAssessment, ensureTestshireCaseworker, errorSummary, num, parts,
	postFrom, summaryValue, testshireApiKey, textOf, timelineStep, today, words,
} from './advice-lib.mjs';

const s = {};

function counts(id) {
	return {
		decisions: count('assessment_decisions'),
		outbox: count('outbox', `assessment_id = ${id}`),
		closed: psql(`SELECT coalesce(closed_on::text, '') FROM assessments WHERE id = ${id}`),
	};
}

const decide = (client, id, decision, date, outcome) => postFrom(client, `/assessments/${id}/decisions/new`,
    `/assessments/${id}/decisions`, {
	decision, ...(outcome ? { outcome } : {}),
	'decided-day': date ? parts(date).day : '', 'decided-month': date ? parts(date).month : '',
	'decided-year': date ? parts(date).year : '',
});

/* Refused 400 with the error in the summary and by field; nothing written. */
async function refused(id, post, field, what) {
	const before = counts(id);
	const r = await post();
	assert.equal(r.status, 400, `${what}: ${r.status} ${r.location || ''}`);
	const summary = errorSummary(r.text);
	assert.ok(summary, `${what}: no error summary`);
	const e = summary.find((x) => x.href === `#${field}`);
	assert.ok(e, `${what}: no error for #${field} in ${JSON.stringify(summary)}`);
	const inline = [...r.text.matchAll(/<p id="[^"]*-error" class="govuk-error-message">([\s\S]*?)<\/p>/g)]
	    .map((m) => textOf(m[1]).replace('Error:', '').trim());
	assert.ok(inline.includes(e.message), `${what}: "${e.message}" is not by the field (${inline})`);
	assert.deepEqual(counts(id), before, `${what}: something was written`);
	return e.message;
}

async function newCase(family, received, parentEmail = `dec-${family.toLowerCase()}@example.com`) {
	const a = await createAssessment(s.cw, { given: 'Decision', family, received, parentEmail });
	assert.ok(a.id, `assessment not created: ${a.response.status}`);
	return a.id;
}

before(async () => {
	clearAttempts();
	s.cw = await signIn('caseworker@demo.test');
	// Received 200 days ago: the decision to assess was due on day 42.
	s.received = addDays(today(), -200);
	s.a = await newCase(`Yes${TAG}`, s.received);
});

describe('each decision recorded and shown against its statutory date', () => {
	test('the decision to assess on time, the plan decision, the draft, the final 60 days late', async () => {
		const r1 = await decide(s.cw, s.a, 'decision_to_assess', addDays(s.received, 40), 'yes');
		assert.equal(r1.status, 303, r1.text.slice(0, 500));
		assert.equal(r1.location, `/assessments/${s.a}?decided=1`);
		const page = await s.cw.get(r1.location);
		assert.match(textOf(page.text), /The decision was recorded/);
		const row = summaryValue(page.text, 'Decision whether to assess');
		assert.match(row, new RegExp(`Yes, ${words(addDays(s.received, 40))} On time`));
		assert.match(row, new RegExp(`Due by ${words(addDays(s.received, 42))}`));
		assert.match(row, /Recorded by/);
		assert.ok(audits('record_decision', 'assessment', s.a) >= 1, 'no audit row');

		assert.equal((await decide(s.cw, s.a, 'plan_decision', addDays(s.received, 100), 'yes')).status, 303);
		assert.equal((await decide(s.cw, s.a, 'draft_issued', addDays(s.received, 120))).status, 303);
		assert.equal((await decide(s.cw, s.a, 'final_issued', addDays(s.received, 200))).status, 303);
		const after = await s.cw.get(`/assessments/${s.a}`);
		assert.match(summaryValue(after.text, 'Final plan issued'), /60 days late/);
		assert.match(summaryValue(after.text, 'Draft plan issued'),
		    new RegExp(`comment until ${words(addDays(s.received, 134))}`));
		assert.equal(num(`SELECT count(*) FROM assessment_decisions WHERE assessment_id = ${s.a}`), 4);
		assert.equal(psql(`SELECT decided_on || ' ' || due_on FROM assessment_decisions
		    WHERE assessment_id = ${s.a} AND kind = 'final_issued'`),
		    `${addDays(s.received, 200)} ${addDays(s.received, 140)}`);
		assert.doesNotMatch(after.text, /Record a decision</, 'the form is offered after the final plan');
	});

	test('the family sees each decision against its date', async () => {
		// The new case's parent has only an invitation: the demo parent's case instead.
		const demo = await signIn('parent@demo.test');
		const id = num(`SELECT c.assessment_id FROM assessment_contacts c JOIN accounts u ON u.id = c.account_id
		    WHERE u.email = 'parent@demo.test' ORDER BY c.assessment_id LIMIT 1`);
		const page = await demo.get(`/assessments/${id}`);
		assert.equal(page.status, 200);
		// The timeline is the account: each decision with its date, outcome and timing, said once.
		assert.doesNotMatch(textOf(page.text), /Decisions so far|What happens next|Advice about/);
		const on = psql(`SELECT decided_on FROM assessment_decisions WHERE assessment_id = ${id}
		    AND kind = 'decision_to_assess'`);
		const step = timelineStep(page.text, 'Decision whether to carry out an assessment');
		assert.ok(step, 'no decision step');
		assert.match(step.text, new RegExp(`On time We decided to carry out an assessment on ${words(on)} —`));
		assert.match(step.text, /Due by /);
	});
});

describe('wrong input is refused by its field and nothing is written', () => {
	before(async () => {
		s.b = await newCase(`Bad${TAG}`, addDays(today(), -30));
	});
	test('no decision chosen', async () => {
		await refused(s.b, () => decide(s.cw, s.b, '', addDays(today(), -1), 'yes'), 'decision', 'none');
	});
	test('an unknown decision', async () => {
		await refused(s.b, () => decide(s.cw, s.b, 'appeal', addDays(today(), -1), 'yes'), 'decision', 'unknown');
	});
	test('no yes or no', async () => {
		await refused(s.b, () => decide(s.cw, s.b, 'decision_to_assess', addDays(today(), -1)), 'outcome', 'no outcome');
	});
	test('not a real date', async () => {
		await refused(s.b, () => decide(s.cw, s.b, 'decision_to_assess', null, 'yes'), 'decided-day', 'no date');
	});
	test('a date in the future', async () => {
		await refused(s.b, () => decide(s.cw, s.b, 'decision_to_assess', addDays(today(), 1), 'yes'),
		    'decided-day', 'tomorrow');
	});
	test('a date before the request was received', async () => {
		await refused(s.b, () => decide(s.cw, s.b, 'decision_to_assess', addDays(today(), -31), 'yes'),
		    'decided-day', 'before received');
	});
	test('out of order: the plan decision before the decision to assess', async () => {
		await refused(s.b, () => decide(s.cw, s.b, 'plan_decision', addDays(today(), -1), 'yes'), 'decision',
		    'out of order');
	});
	test('a second decision of the same kind', async () => {
		assert.equal((await decide(s.cw, s.b, 'decision_to_assess', addDays(today(), -20), 'yes')).status, 303);
		const m = await refused(s.b, () => decide(s.cw, s.b, 'decision_to_assess', addDays(today(), -10), 'no'),
		    'decision', 'second');
		assert.match(m, /already recorded/);
	});
	test('a decision dated before the one before it', async () => {
		await refused(s.b, () => decide(s.cw, s.b, 'plan_decision', addDays(today(), -25), 'yes'), 'decided-day',
		    'before the decision to assess');
	});
});

describe('a "no" ends the assessment and tells the family', () => {
	before(async () => {
		// The demo parent's second child: they read the family's page.
		s.no = await newCase(`No${TAG}`, addDays(today(), -50), 'parent@demo.test');
	});
	test('the decision not to assess, 7 days late: closed, mailed without the child\'s name', async () => {
		// An exception for the whole assessment, recorded before: named beside the late decision.
		psql(`INSERT INTO exceptions (assessment_id, kind, starts_on, ends_on, reason, recorded_by)
		    SELECT ${s.no}, 'missed_appointment', '${addDays(today(), -20)}', '${addDays(today(), -20)}',
		    'Ill on the day', id FROM accounts WHERE email = 'caseworker@demo.test'`);
		const on = addDays(today(), -1);
		s.noOn = on;
		const r = await decide(s.cw, s.no, 'decision_to_assess', on, 'no');
		assert.equal(r.status, 303, r.text.slice(0, 500));
		assert.equal(psql(`SELECT closed_on FROM assessments WHERE id = ${s.no}`), on);
		assert.equal(psql(`SELECT to_address FROM outbox WHERE assessment_id = ${s.no} ORDER BY id DESC LIMIT 1`),
		    'parent@demo.test');
		const mail = psql(`SELECT subject || '|' || body FROM outbox
		    WHERE assessment_id = ${s.no} ORDER BY id DESC LIMIT 1`);
		assert.ok(num(`SELECT count(*) FROM notifications n JOIN accounts u ON u.id = n.account_id
		    WHERE u.email = 'parent@demo.test' AND n.link = '/assessments/${s.no}'`) >= 1, 'no notification');
		const ref = psql(`SELECT reference FROM assessments WHERE id = ${s.no}`);
		assert.ok(mail.includes(ref), 'the mail does not name the reference');
		assert.doesNotMatch(mail, /Decision/, 'the mail names the child');
		assert.doesNotMatch(mail.toLowerCase(), new RegExp(`no${TAG}`.toLowerCase()), 'the mail names the child');
		assert.match(mail, /appeal/);
		const page = await s.cw.get(r.location);
		assert.match(textOf(page.text), /the assessment has ended and the family has been told/);
		assert.match(summaryValue(page.text, 'Decision whether to assess'), /No, .* 7 days late.*Exception recorded: \w/);
		assert.match(summaryValue(page.text, 'Final plan issued'), /Not needed/);
		assert.doesNotMatch(summaryValue(page.text, 'Decide whether to assess'), /Overdue/);
	});
	test('no further decision after a "no"', async () => {
		const m = await refused(s.no, () => decide(s.cw, s.no, 'plan_decision', today(), 'yes'), 'decision',
		    'after a no');
		assert.match(m, /ended/);
	});
	test('the family\'s page says how to appeal', async () => {
		const demo = await signIn('parent@demo.test');
		const page = await demo.get(`/assessments/${s.no}`);
		assert.equal(page.status, 200);
		const text = textOf(page.text);
		assert.match(text, /decided not to carry out an education, health and care needs assessment/);
		assert.match(text, /If you disagree with the decision/);
		assert.match(text, /First-tier Tribunal/);
		// The decision's outcome, date, how late and the exception, on its timeline step.
		const step = timelineStep(page.text, 'Decision whether to carry out an assessment');
		assert.ok(step, 'no decision step');
		assert.match(step.text, new RegExp(`7 days late We decided not to carry out an assessment on ${words(s.noOn)} — 7 days after the deadline\\.`));
		assert.match(step.text, /The council recorded a reason it could not meet the time limit: \w/);
		assert.match(step.html, /govuk-tag--red">7 days late</);
		for (const later of ['Decision whether to write a plan', 'Draft plan', 'Final plan'])
			assert.match(timelineStep(page.text, later)?.text || '', /Not needed: the assessment has ended/, later);
		// The appeal block comes once, before the timeline.
		assert.equal(text.split('If you disagree with the decision').length, 2);
		assert.ok(text.indexOf('First-tier Tribunal') < text.indexOf('The steps of the assessment'));
	});
});

describe('another council\'s or a missing assessment', () => {
	test('404, nothing written', async () => {
		ensureTestshireCaseworker();
		const key = testshireApiKey();
		const r = await api('POST', '/api/v1/assessments', {
			child: { given_name: 'Other', family_name: `Council${TAG}`, date_of_birth: '2016-04-02',
			    year_group: 'Year 4', current_setting: 'Elsewhere' },
			request_received: addDays(today(), -10), caseworker_email: 'caseworker@test.test',
			parent: { name: 'Other Carer', email: `other-${TAG}@example.com`, relationship: 'Mother' },
		}, key);
		assert.equal(r.status, 201, r.text);
		const other = r.json.id;
		const before = count('assessment_decisions');
		for (const id of [other, MISSING]) {
			const csrf = await s.cw.csrfFrom(`/assessments/${s.a}/decisions/new`);
			const p = parts(addDays(today(), -1));
			const res = await s.cw.post(`/assessments/${id}/decisions`, {
				csrf, decision: 'decision_to_assess', outcome: 'yes',
				'decided-day': p.day, 'decided-month': p.month, 'decided-year': p.year,
			});
			assert.equal(res.status, 404, `POST ${id}`);
			assert.equal((await s.cw.get(`/assessments/${id}/decisions/new`)).status, 404, `GET ${id}`);
		}
		assert.equal(count('assessment_decisions'), before);
	});
});
