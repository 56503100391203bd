// axe-core (WCAG 2.2 AA and best practice): no violations on the public
// pages, an error state, each tested role's home and a 404.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { ROLES, assertAccessible, launch, newContext, signIn } from './lib.mjs';
import { EP_SERVICE, TAG, addDays, api, today } from '../http/advice-lib.mjs';

let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/* Runs fn(page) in a fresh CSP-bypassing context. */
async function withPage(fn) {
	const context = await newContext(browser, { axe: true });
	try {
		await fn(await context.newPage());
	} finally {
		await context.close();
	}
}

describe('axe-core', () => {
	test('sign-in page', () => withPage(async (page) => {
		const res = await page.goto('/sign-in');
		assert.equal(res.status(), 200);
		await assertAccessible(page, 'sign-in');
	}));

	test('sign-in page with errors (empty form submitted)', () => withPage(async (page) => {
		await page.goto('/sign-in');
		await Promise.all([
			page.waitForLoadState('load'),
			page.getByRole('button', { name: 'Sign in' }).click(),
		]);
		await page.getByText('There is a problem').waitFor();
		assert.ok((await page.locator('.govuk-error-summary').innerText()).includes('Enter your email address'));
		await assertAccessible(page, 'sign-in with errors');
	}));

	for (const [email, want] of Object.entries(ROLES)) {
		test(`home page of ${email} (${want.home})`, () => withPage(async (page) => {
			await signIn(page, email);
			assert.equal(new URL(page.url()).pathname, want.home);
			await assertAccessible(page, want.home);
		}));
	}

	test('accessibility statement', () => withPage(async (page) => {
		const res = await page.goto('/accessibility');
		assert.equal(res.status(), 200);
		await assertAccessible(page, 'accessibility statement');
	}));

	test('404 page', () => withPage(async (page) => {
		const res = await page.goto('/no-such-page');
		assert.equal(res.status(), 404);
		assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), 'Page not found');
		await assertAccessible(page, '404');
	}));

	test('404 page when signed in', () => withPage(async (page) => {
		await signIn(page, 'ep@demo.test');
		const res = await page.goto('/admin/accounts');
		assert.equal(res.status(), 404);
		await assertAccessible(page, 'signed-in 404');
	}));

	test('notifications page', () => withPage(async (page) => {
		await signIn(page, 'eplead@demo.test');
		const res = await page.goto('/notifications');
		assert.equal(res.status(), 200);
		await assertAccessible(page, 'notifications');
	}));

	test('parent invitation page, and with errors (empty form submitted)', () => withPage(async (page) => {
		const res = await page.goto('/invitation');
		assert.equal(res.status(), 200);
		await assertAccessible(page, 'invitation');
		await page.click('button:has-text("Set up account and sign in")');
		await page.waitForSelector('.govuk-error-summary');
		assert.match(await page.title(), /^Error: Set up your account/);
		await assertAccessible(page, 'invitation with errors');
	}));

	test('password reset pages, and with errors', () => withPage(async (page) => {
		await page.goto('/sign-in');
		await Promise.all([page.waitForURL('**/password-reset'),
		    page.getByRole('link', { name: /Reset it with a code/ }).click()]);
		await assertAccessible(page, 'password reset');
		await page.getByRole('button', { name: 'Send a code' }).click();
		await page.waitForSelector('.govuk-error-summary');
		assert.match(await page.title(), /^Error: Reset your password/);
		await assertAccessible(page, 'password reset with an error');
		await page.getByLabel('Email address').fill('nobody@demo.test');
		await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Send a code' }).click()]);
		assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Choose a new password');
		await assertAccessible(page, 'password reset code, code sent');
		await page.getByRole('button', { name: 'Change password and sign in' }).click();
		await page.waitForSelector('.govuk-error-summary');
		await assertAccessible(page, 'password reset code with errors');
	}));

	test('email settings, and with an error (saved with no choice)', () => withPage(async (page) => {
		await signIn(page, 'dco@demo.test');
		const res = await page.goto('/settings');
		assert.equal(res.status(), 200);
		await assertAccessible(page, 'email settings');
		// One choice is always checked; the error page is for a request without one.
		await page.evaluate(() => document.querySelectorAll('input[name=mail]').forEach((i) => { i.checked = false; }));
		await page.click('button:has-text("Save")');
		await page.waitForSelector('.govuk-error-summary');
		assert.match(await page.title(), /^Error: Email settings/);
		await assertAccessible(page, 'email settings with an error');
	}));

	test('an assessment page with its invitation form, and with an error', () => withPage(async (page) => {
		await signIn(page, 'caseworker@demo.test');
		await page.goto('/caseworker');
		const links = await page.$$eval('a[href^="/assessments/"]', (as) => as.map((a) => a.getAttribute('href')));
		let found = false;
		for (const href of links.filter((h) => /^\/assessments\/\d+$/.test(h))) {
			await page.goto(href);
			if (await page.locator('button:has-text("a new invitation")').count() > 0) {
				found = true;
				break;
			}
		}
		assert.ok(found, 'no demo assessment offers a new invitation');
		await assertAccessible(page, 'assessment with an invitation form');
		const form = page.locator('form[action*="/invitation"]').first();
		await form.locator('input[name=email]').fill('not an address');
		await form.locator('button').click();
		await page.waitForSelector('.govuk-error-summary');
		assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter an email address in the correct format/);
		await assertAccessible(page, 'assessment with an invitation error');
	}));

	test('a one-page advice form (other advice), and with an impossible date', () => withPage(async (page) => {
		const a = await api('POST', '/api/v1/assessments', {
			child: { given_name: 'Axe', family_name: `Onepage${TAG}`, date_of_birth: '2016-01-05' },
			request_received: addDays(today(), -3), caseworker_email: 'caseworker@demo.test',
		});
		assert.equal(a.status, 201, a.text);
		const r = await api('POST', `/api/v1/assessments/${a.json.id}/advice-requests`, {
			type: 'other', organisation: EP_SERVICE, professional_email: 'ep@demo.test',
			requested_on: addDays(today(), -2), profession: 'Occupational therapist',
		});
		assert.equal(r.status, 201, r.text);
		await signIn(page, 'ep@demo.test');
		await page.goto(`/requests/${r.json.id}`);
		await assertAccessible(page, 'one-page advice form');
		await page.locator('[id="f.date_seen"]').fill('30');
		await page.locator('[id="f.date_seen-month"]').fill('2');
		await page.locator('[id="f.date_seen-year"]').fill('2026');
		await page.getByRole('button', { name: 'Save draft', exact: true }).click();
		await page.waitForSelector('.govuk-error-summary');
		assert.match(await page.title(), /^Error: /);
		await assertAccessible(page, 'one-page advice form with an impossible date');
	}));

	test('start an assessment, and a second one of the same child (the confirmation box)', () => withPage(async (page) => {
		await signIn(page, 'caseworker@demo.test');
		await page.goto('/assessments/new');
		await assertAccessible(page, 'start an assessment');
		// Amara Okafor of the demo data, again.
		const today = new Date().toISOString().slice(0, 10).split('-');
		for (const [sel, v] of [['#given_name', 'Amara'], ['#family_name', 'Okafor'], ['#dob-day', '14'],
		    ['#dob-month', '5'], ['#dob-year', '2018'], ['#nhs_number', '943 476 5919'],
		    ['#parent_name', 'Pat Rowe'], ['#parent_email', 'pat-a11y@example.com'],
		    ['#received-day', String(Number(today[2]))], ['#received-month', String(Number(today[1]))],
		    ['#received-year', today[0]]])
			await page.fill(sel, v);
		await page.click('button:has-text("Start assessment")');
		await page.waitForSelector('.govuk-error-summary');
		assert.match(await page.locator('.govuk-error-summary').innerText(), /already an open assessment/);
		assert.equal(await page.locator('#allow_duplicate').count(), 1);
		await assertAccessible(page, 'start an assessment: a second one of the same child');
	}));

	test('a request whose promised date is after its due date (the warning)', () => withPage(async (page) => {
		// Leo Brennan's social care advice of the demo data is overdue.
		await signIn(page, 'socialcare@demo.test');
		await page.goto('/inbox');
		await page.locator('a[href^="/requests/"]').first().click();
		await page.waitForSelector('#promised-day');
		const today = new Date().toISOString().slice(0, 10).split('-');
		await page.fill('#promised-day', String(Number(today[2])));
		await page.fill('#promised-month', String(Number(today[1])));
		await page.fill('#promised-year', today[0]);
		await page.locator('form[action$="/acknowledge"] button').click();
		await page.waitForSelector('#promised-late');
		await assertAccessible(page, 'request with a promised date after its due date');
	}));

	test('the decisions: the form, its errors, a "no" on the assessment page and the family\'s page', () => withPage(async (page) => {
		// A case of the demo parent's, through the API; ended here by a "no".
		const r = await api('POST', '/api/v1/assessments', {
			child: { given_name: 'Axe', family_name: `Decision${TAG}`, date_of_birth: '2016-04-02',
			    year_group: 'Year 4', current_setting: 'Brookfield Primary School' },
			request_received: addDays(today(), -20), caseworker_email: 'caseworker@demo.test',
			parent: { name: 'Pat Rowe', email: 'parent@demo.test', relationship: 'Mother' },
		});
		assert.equal(r.status, 201, r.text);
		const id = r.json.id;
		await signIn(page, 'caseworker@demo.test');
		await page.goto(`/assessments/${id}`);
		await page.click('a:has-text("Record a decision")');
		await page.waitForSelector('#decided-day');
		await assertAccessible(page, 'record a decision');
		await page.click('button:has-text("Record decision")');
		await page.waitForSelector('.govuk-error-summary');
		assert.match(await page.title(), /^Error: /);
		await assertAccessible(page, 'record a decision with errors');
		const d = today().split('-');
		await page.check('#decision');
		await page.check('#outcome-no');
		await page.fill('#decided-day', String(Number(d[2])));
		await page.fill('#decided-month', String(Number(d[1])));
		await page.fill('#decided-year', d[0]);
		await page.click('button:has-text("Record decision")');
		await page.waitForSelector('#decisions');
		assert.match(await page.locator('.govuk-notification-banner').innerText(), /the family has been told/);
		await assertAccessible(page, 'assessment page with its decisions');
		const parent = await newContext(browser, { axe: true });
		try {
			const pp = await parent.newPage();
			await signIn(pp, 'parent@demo.test');
			const res = await pp.goto(`/assessments/${id}`);
			assert.equal(res.status(), 200);
			assert.match(await pp.locator('main').innerText(), /If you disagree with the decision/);
			await assertAccessible(pp, 'the family\'s page after a "no"');
		} finally {
			await parent.close();
		}
	}));
});
