// The daily routines (issue 13) in a real browser: axe-core on the
// caseworker's live list (reached from the caseload's summary, the page a
// caseworker lands on), its empty state, the manager's list with its
// caseworker filter, the reassign form and its error state; the work list
// and the family's timeline on a 375 × 667 phone: nothing off-screen
// (document width ≤ 375).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertAccessible, launch, signIn } from './lib.mjs';
import { TESTSHIRE_PASSWORD, accountId, clearAttempts, lit, psql } from '../http/lib.mjs';
import { DEMOSHIRE, EP_SERVICE, TAG, addDays, ctl, num, orgId, today } from '../http/advice-lib.mjs';

const T = today();
let browser;
const s = {};

function account(name) {
	const email = `wlb-${name.toLowerCase()}-${TAG}@demo.test`;
	const r = ctl(['create-account', email, 'caseworker', DEMOSHIRE, `${name} Browser ${TAG}`],
	    `${TESTSHIRE_PASSWORD}\n`);
	assert.equal(r.status, 0, `portalctl create-account: ${r.stderr}`);
	return { email, id: accountId(email) };
}

function seedCase(key, cw, received) {
	return num(`INSERT INTO assessments (council_id, reference, child_given_name, child_family_name,
	    date_of_birth, request_received, caseworker_id) VALUES (${orgId(DEMOSHIRE)}, ${lit(`WLB-${TAG}-${key}`)},
	    'Timeline', ${lit(`Phone${key}`)}, '2016-05-01', ${lit(addDays(T, received))}, ${cw}) RETURNING id`);
}

function decide(id, kind, on, outcome, by) {
	const received = psql(`SELECT request_received FROM assessments WHERE id = ${id}`);
	const due = addDays(received, kind === 'decision_to_assess' ? 42 : kind === 'plan_decision' ? 112 : 140);
	psql(`INSERT INTO assessment_decisions (council_id, assessment_id, kind, outcome, decided_on, due_on,
	    comments_due, plan_version, recorded_by) SELECT council_id, id, ${lit(kind)},
	    ${outcome ? lit(outcome) : 'NULL'}, ${lit(on)}, ${lit(due)},
	    ${kind === 'draft_issued' ? lit(addDays(on, 14)) : 'NULL'},
	    ${kind === 'draft_issued' || kind === 'final_issued' ? 1 : 'NULL'}, ${by} FROM assessments WHERE id = ${id}`);
}

function request(id, kind, requested, org, by) {
	psql(`INSERT INTO advice_requests (assessment_id, kind, organisation_id, template_id, template_version,
	    requested_on, due_on, status, created_by) VALUES (${id}, ${lit(kind)}, ${org}, ${lit(kind)}, 1,
	    ${lit(requested)}, ${lit(addDays(requested, 42))}, 'requested', ${by})`);
}

before(async () => {
	browser = await launch();
	clearAttempts();
	s.busy = account('Busy');
	s.idle = account('Idle');
	s.overdue = seedCase('1', s.busy.id, -50);
	s.waiting = seedCase('2', s.busy.id, -30);
	decide(s.waiting, 'decision_to_assess', addDays(T, -28), 'yes', s.busy.id);
	request(s.waiting, 'psychological', addDays(T, -28), orgId(EP_SERVICE), s.busy.id);
	// The demo parent's case with a long organisation name, a draft served.
	s.family = seedCase('F', s.busy.id, -70);
	psql(`INSERT INTO assessment_contacts (assessment_id, name, email, relationship, account_id)
	    VALUES (${s.family}, 'Demo Parent', 'parent@demo.test', 'Mother', ${accountId('parent@demo.test')})`);
	decide(s.family, 'decision_to_assess', addDays(T, -30), 'yes', s.busy.id);
	request(s.family, 'psychological', addDays(T, -29), orgId(EP_SERVICE), s.busy.id);
	request(s.family, 'medical', addDays(T, -60), orgId('Demoshire Community Health NHS Trust'), s.busy.id);
	decide(s.family, 'plan_decision', addDays(T, -3), 'yes', s.busy.id);
	decide(s.family, 'draft_issued', addDays(T, -2), null, s.busy.id);
});
after(async () => { await browser?.close(); });

async function withPage(fn, options = {}) {
	const context = await browser.newContext({ baseURL: process.env.BASE_URL, bypassCSP: true, ...options });
	try {
		await fn(await context.newPage());
	} finally {
		await context.close();
	}
}

const PHONE = { viewport: { width: 375, height: 667 } };
const widthOf = (page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('axe-core on what needs doing', () => {
	test('the caseworker lands on the caseload with the summary, then the live list', () => withPage(async (page) => {
		await signIn(page, s.busy.email, TESTSHIRE_PASSWORD);
		assert.equal(new URL(page.url()).pathname, '/caseworker');
		await page.getByRole('heading', { name: 'What needs doing' }).waitFor();
		await assertAccessible(page, 'caseload with the summary');
		await Promise.all([page.waitForURL(/\/caseworker\/work/), page.getByRole('link', { name: '2 overdue' }).click()]);
		await page.getByRole('heading', { name: 'Overdue (2)' }).waitFor();
		await page.getByRole('heading', { name: 'Ready for their next step (1)' }).waitFor();
		await assertAccessible(page, 'caseworker\'s live list');
	}));

	test('the empty state', () => withPage(async (page) => {
		await signIn(page, s.idle.email, TESTSHIRE_PASSWORD);
		await page.goto('/caseworker/work');
		await page.getByText('You have no open cases').waitFor();
		await page.getByText('Nothing is overdue.').waitFor();
		await assertAccessible(page, 'empty live list');
	}));

	test('the manager\'s list, filtered by caseworker, and the reassign form with its error', () => withPage(async (page) => {
		await signIn(page, 'manager@demo.test');
		await page.goto('/manager/work');
		await assertAccessible(page, 'manager\'s list');
		await page.getByLabel('Caseworker').selectOption(String(s.busy.id));
		await Promise.all([page.waitForURL(/caseworker=\d+/), page.getByRole('button', { name: 'Show' }).click()]);
		assert.equal(new URL(page.url()).searchParams.get('caseworker'), String(s.busy.id));
		await page.getByRole('heading', { name: 'Overdue (2)' }).waitFor();
		await assertAccessible(page, 'manager\'s list, one caseworker');
		await page.goto(`/manager/work?caseworker=${s.idle.id}`);
		await page.getByText(`Idle Browser ${TAG} has no open cases`).waitFor();
		await assertAccessible(page, 'manager\'s list, empty state');

		await page.goto(`/assessments/${s.overdue}/caseworker`);
		await assertAccessible(page, 'reassign form');
		const [resp] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Change caseworker' }).click(),
		]);
		assert.equal(resp.status(), 400);
		await page.getByText('There is a problem').waitFor();
		await assertAccessible(page, 'reassign form, refused');
	}));
});

describe('on a 375 px phone', () => {
	test('the live list fits', () => withPage(async (page) => {
		await signIn(page, s.busy.email, TESTSHIRE_PASSWORD);
		await page.goto('/caseworker/work');
		const w = await widthOf(page);
		assert.ok(w <= 375, `the live list is ${w} px wide at 375`);
	}, PHONE));

	test('the family\'s timeline reads without scrolling sideways', () => withPage(async (page) => {
		await signIn(page, 'parent@demo.test');
		await page.goto(`/assessments/${s.family}`);
		await page.getByRole('heading', { name: 'The steps of the assessment' }).waitFor();
		await page.getByText(/You can comment on the draft until .*: 15 days/).waitFor();
		await page.getByText(/It has not arrived yet/).first().waitFor();
		const w = await widthOf(page);
		assert.ok(w <= 375, `the family's page is ${w} px wide at 375`);
		// Each step is as wide as the column: nothing cut off to the right.
		const overflow = await page.evaluate(() => [...document.querySelectorAll('.app-timeline__step')]
		    .filter((li) => li.getBoundingClientRect().right > 375).length);
		assert.equal(overflow, 0, 'a step runs past the screen');
		// The timeline is the page's one account: no block says it again.
		const text = await page.locator('main').innerText();
		assert.doesNotMatch(text, /What happens next|Decisions so far|Advice about/);
		await assertAccessible(page, 'family timeline at 375 px');
	}, PHONE));

	test('the demo parent\'s own case says each thing once, fits 375 px and passes axe', () => withPage(async (page) => {
		const id = num(`SELECT c.assessment_id FROM assessment_contacts c JOIN accounts u ON u.id = c.account_id
		    JOIN assessments a ON a.id = c.assessment_id WHERE u.email = 'parent@demo.test'
		    AND a.child_given_name = 'Amara'`);
		const finalDue = psql(`SELECT trim(to_char(request_received + 140, 'FMDay FMDD FMMonth YYYY'))
		    FROM assessments WHERE id = ${id}`);
		await signIn(page, 'parent@demo.test');
		await page.goto(`/assessments/${id}`);
		await page.getByRole('heading', { name: 'The steps of the assessment' }).waitFor();
		// The banners stay on top, before the timeline.
		const text = await page.locator('main').innerText();
		assert.ok(text.indexOf('The draft plan is ready for your comments') < text.indexOf('The steps of the assessment'));
		assert.doesNotMatch(text, /What happens next|Decisions so far|Advice about/);
		assert.equal(text.split(finalDue).length, 2, `the final plan's due date (${finalDue}) is not said once`);
		assert.equal(text.split('6 weeks').length, 2, 'the 6 weeks are explained more than once');
		const w = await widthOf(page);
		assert.ok(w <= 375, `the family's page is ${w} px wide at 375`);
		const h = await page.evaluate(() => document.documentElement.scrollHeight);
		console.log(`# the demo parent's page at 375 px: ${h} px high`);
		await assertAccessible(page, 'the demo parent\'s assessment page at 375 px');
	}, PHONE));
});
