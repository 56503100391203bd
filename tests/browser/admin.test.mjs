// The council runs itself (issue 11) in a real browser: axe-core on every
// new admin page and its error states, the caseload's search, pagination
// and error state, and the caseload on a 375 × 667 phone: nothing hidden
// off-screen (document.scrollWidth ≤ 375).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertAccessible, launch, newContext, signIn } from './lib.mjs';
import { accountId, clearAttempts, lit, psql } from '../http/lib.mjs';
import { TAG, ctl, num, orgId } from '../http/advice-lib.mjs';

const PAGER = `browser-pager-${TAG}@example.com`;
const PAGER_PASSWORD = 'a-long-browser-password-1';
const PRO = `browser-pro-${TAG}@example.com`;
let browser;

before(async () => {
	browser = await launch();
	clearAttempts();
	// A caseworker with 30 assessments (pagination), one with a long name.
	const r = ctl(['create-account', PAGER, 'caseworker', 'Demoshire County Council', 'Pat Pager'], `${PAGER_PASSWORD}\n`);
	assert.equal(r.status, 0, r.stderr);
	const p = accountId(PAGER);
	psql(`INSERT INTO assessments (council_id, reference, child_given_name, child_family_name,
	    date_of_birth, request_received, caseworker_id)
	    SELECT ${orgId('Demoshire County Council')}, 'BRW-${TAG}-' || lpad(g::text, 2, '0'),
	    CASE WHEN g = 1 THEN 'Maximilianaugustine-Bartholomew' ELSE 'Kid' || g END,
	    'Featherstonehaugh-Cholmondeley', '2016-01-01', current_date - g, ${p}
	    FROM generate_series(1, 30) g`);
	// A professional with 30 requests (the inbox's pagination).
	const pr = ctl(['create-account', PRO, 'professional', 'Demoshire Educational Psychology Service', 'Pim Pager'],
	    `${PAGER_PASSWORD}\n`);
	assert.equal(pr.status, 0, pr.stderr);
	const tpl = psql(`SELECT template_id || '|' || template_version FROM advice_requests
	    WHERE kind = 'psychological' ORDER BY id LIMIT 1`).split('|');
	psql(`INSERT INTO advice_requests (assessment_id, kind, organisation_id, professional_id, template_id,
	    template_version, question, requested_on, due_on, status, created_by)
	    SELECT a.id, 'psychological', ${orgId('Demoshire Educational Psychology Service')},
	    ${accountId(PRO)}, ${lit(tpl[0])}, ${tpl[1]}, 'Paging fixture', a.request_received,
	    a.request_received + 42, 'submitted', a.caseworker_id
	    FROM assessments a WHERE a.reference LIKE ${lit(`BRW-${TAG}-%`)}`);
	// The demo admin's audit trail runs to a second page.
	psql(`INSERT INTO audit_log (account_id, action) SELECT ${accountId('admin@demo.test')},
	    'browser_fixture' FROM generate_series(1, 30)`);
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

async function submit(page, name) {
	await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name }).click()]);
}

describe('axe-core on the admin pages and their error states', () => {
	test('administration home, organisations, an organisation, adding one and its errors', () => withPage(async (page) => {
		await signIn(page, 'admin@demo.test');
		await assertAccessible(page, '/admin');
		await page.goto('/admin/organisations');
		await assertAccessible(page, 'organisations');
		await page.goto(`/admin/organisations/${orgId('Demoshire Educational Psychology Service')}`);
		await assertAccessible(page, 'one organisation');
		await page.goto('/admin/organisations/new');
		await assertAccessible(page, 'add an organisation');
		await submit(page, 'Add organisation');
		assert.match(await page.title(), /^Error: Add an organisation/);
		await assertAccessible(page, 'add an organisation with errors');
		await page.getByLabel('Name').fill(`Browser Bridge School ${TAG}`);
		await page.getByLabel('School or setting').check();
		await submit(page, 'Add organisation');
		assert.match(await page.locator('.govuk-notification-banner').innerText(), /Organisation created/);
		await assertAccessible(page, 'an organisation just created');
	}));

	test('accounts, adding one and its errors, an account and its role error, the audit trail', () => withPage(async (page) => {
		await signIn(page, 'admin@demo.test');
		await page.goto('/admin/accounts?sort=organisation');
		await assertAccessible(page, 'accounts');
		await page.goto('/admin/accounts/new');
		await assertAccessible(page, 'add an account');
		await submit(page, 'Add account and email the code');
		assert.match(await page.title(), /^Error: Add an account/);
		await assertAccessible(page, 'add an account with errors');
		await page.getByLabel('Full name').fill('Bea Browser');
		await page.getByLabel('Email address').fill(`bea-${TAG}@example.com`);
		await page.getByLabel('Organisation').selectOption({ label: 'Demoshire County Council (Council)' });
		await page.getByLabel('Caseworker').check();
		await submit(page, 'Add account and email the code');
		assert.match(await page.locator('.govuk-notification-banner').innerText(), /Account created/);
		await assertAccessible(page, 'an account just created');
		// The role form offers only roles that fit; a forged one is refused by the field.
		await page.evaluate(() => { document.querySelector('#role option').value = 'parent'; document.querySelector('#role').selectedIndex = 0; });
		await submit(page, 'Change role');
		assert.match(await page.title(), /^Error: Account/);
		assert.equal(await page.locator('#role-error').count(), 1);
		await assertAccessible(page, 'an account with a role error');
		await submit(page, 'Disable account');
		assert.match(await page.locator('.govuk-notification-banner').innerText(), /Account disabled/);
		await assertAccessible(page, 'a disabled account');
		await page.goto(`/admin/accounts/${accountId('admin@demo.test')}/audit`);
		assert.equal(await page.locator('.govuk-pagination').count(), 1);
		await assertAccessible(page, 'audit trail, first page');
		await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Next page' }).click()]);
		assert.match(page.url(), /page=2/);
		await assertAccessible(page, 'audit trail, second page');
	}));
});

describe('the caseload', () => {
	test('search, no result, the error state and pagination pass axe', () => withPage(async (page) => {
		await signIn(page, PAGER, PAGER_PASSWORD);
		await assertAccessible(page, 'caseload with pagination');
		await page.getByLabel('Find a child').fill('Kid2');
		await page.getByLabel('Sort by').selectOption('name');
		await submit(page, 'Search');
		// Posted: nothing typed reaches the URL.
		assert.doesNotMatch(page.url(), /[?&]q=|Kid2/);
		assert.match(await page.locator('caption').innerText(), /Assessments matching your search/);
		assert.ok(await page.locator('tbody tr').count() > 0);
		await assertAccessible(page, 'caseload search results');
		// Paging through a search's results: posted buttons looking like links.
		await page.getByLabel('Find a child').fill('Kid');
		await submit(page, 'Search');
		assert.match(await page.locator('main').innerText(), /Showing 1 to 25 of 29 assessments/, 'Kid2 to Kid30');
		await assertAccessible(page, 'caseload search results with pagination');
		await submit(page, 'Next page');
		assert.match(await page.locator('main').innerText(), /Showing 26 to 29 of 29 assessments/);
		assert.doesNotMatch(page.url(), /[?&]q=|Kid/);
		assert.equal(await page.getByLabel('Find a child').inputValue(), 'Kid');
		await assertAccessible(page, 'caseload search results, second page');
		await page.getByLabel('Find a child').fill(`nobody ${TAG}`);
		await submit(page, 'Search');
		assert.match(await page.locator('main').innerText(), /No assessment matches your search/);
		await assertAccessible(page, 'caseload search without a result');
		await page.getByLabel('Find a child').fill('x'.repeat(101));
		await submit(page, 'Search');
		assert.match(await page.title(), /^Error: Caseload/);
		await assertAccessible(page, 'caseload search with an error');
	}));

	test('the inbox and the service\'s list with sort links and pagination pass axe', () => withPage(async (page) => {
		await signIn(page, PRO, PAGER_PASSWORD);
		assert.equal(await page.locator('.govuk-pagination').count(), 1);
		await assertAccessible(page, 'inbox with pagination');
		await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Reference' }).click()]);
		await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: 'Page 2' }).click()]);
		assert.match(page.url(), /sort=reference&page=2/);
		await assertAccessible(page, 'inbox sorted, second page');
		await page.context().clearCookies();
		await signIn(page, 'eplead@demo.test');
		assert.equal(await page.locator('.govuk-pagination').count(), 1);
		await assertAccessible(page, 'service list with pagination');
	}));

	for (const [email, password] of [['caseworker@demo.test'], ['manager@demo.test'], [PAGER, PAGER_PASSWORD]]) {
		test(`fits a 375 px phone without hiding columns off-screen: ${email}`, () => withPage(async (page) => {
			await signIn(page, email, password);
			const width = await page.evaluate(() => ({
				scroll: document.documentElement.scrollWidth,
				table: document.querySelector('.app-table-scroll').scrollWidth,
				region: document.querySelector('.app-table-scroll').clientWidth,
			}));
			assert.ok(width.scroll <= 375, `${email}: the page is ${width.scroll} px wide at 375`);
			assert.ok(width.table <= width.region, `${email}: the table scrolls sideways (${width.table} > ${width.region})`);
			// Every cell's label is shown beside its value (the header row is hidden).
			const labels = await page.evaluate(() => [...document.querySelectorAll('tbody tr:first-child td')]
			    .map((td) => getComputedStyle(td, '::before').content));
			for (const label of ['Child', 'Request received', 'Advice received', 'Overdue advice'])
				assert.ok(labels.includes(`"${label}: "`), `${email}: "${label}" not shown on the phone: ${labels}`);
			await assertAccessible(page, `caseload at 375 px (${email})`);
		}, { viewport: { width: 375, height: 667 } }));
	}
});
