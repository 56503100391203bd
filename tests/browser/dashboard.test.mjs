// axe-core on the service dashboard and the monthly 20-week table (issue 13):
// each with figures, in its empty state (a range with no cases) and its error
// state (an impossible date), and both on a 375 px phone: nothing but the
// tables' own scroll regions wider than the screen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertAccessible, launch, newContext, signIn } from './lib.mjs';
import { clearAttempts } from '../http/lib.mjs';

let browser;

before(async () => {
	browser = await launch();
	clearAttempts();
});
after(async () => { await browser?.close(); });

async function withPage(fn, options = {}) {
	const ctx = await newContext(browser, { axe: true });
	try {
		const page = await ctx.newPage();
		if (options.viewport)
			await page.setViewportSize(options.viewport);
		await signIn(page, 'manager@demo.test');
		await fn(page);
	} finally {
		await ctx.close();
	}
}

const PAGES = [
	['the dashboard', '/manager/dashboard', '/manager/dashboard?from=2020-01-01&to=2020-12-31',
	    '/manager/dashboard?from-day=31&from-month=2&from-year=2025&to-day=1&to-month=3&to-year=2025',
	    'The start date must be a real date'],
	['the monthly table', '/manager/compliance', '/manager/compliance?from=2020-01&to=2020-03',
	    '/manager/compliance?from-month=13&from-year=2025&to-month=1&to-year=2026',
	    'The first month must be a real month and year'],
];

describe('axe-core on the dashboard and the monthly table', () => {
	for (const [what, url, empty, bad, message] of PAGES) {
		test(`${what}: figures, empty and error states`, () => withPage(async (page) => {
			let res = await page.goto(url);
			assert.equal(res.status(), 200);
			await assertAccessible(page, what);
			res = await page.goto(empty);
			assert.equal(res.status(), 200);
			await page.locator('.govuk-inset-text').waitFor();
			await assertAccessible(page, `${what}, empty`);
			res = await page.goto(bad);
			assert.equal(res.status(), 400);
			await page.getByRole('link', { name: new RegExp(message) }).waitFor();
			await assertAccessible(page, `${what}, error`);
		}));

		test(`${what} fits a 375 px phone`, () => withPage(async (page) => {
			const res = await page.goto(url);
			assert.equal(res.status(), 200);
			const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
			assert.ok(scroll <= 375, `${what}: the page is ${scroll} px wide at 375`);
			await assertAccessible(page, `${what} at 375 px`);
		}, { viewport: { width: 375, height: 667 } }));
	}

	test('the range is typed into the date inputs and submitted', () => withPage(async (page) => {
		await page.goto('/manager/dashboard');
		await page.getByRole('group', { name: 'From' }).getByLabel('Day').fill('1');
		await page.getByRole('group', { name: 'From' }).getByLabel('Month').fill('1');
		await page.getByRole('group', { name: 'From' }).getByLabel('Year').fill('2020');
		await page.getByRole('group', { name: 'To' }).getByLabel('Day').fill('31');
		await page.getByRole('group', { name: 'To' }).getByLabel('Month').fill('12');
		await page.getByRole('group', { name: 'To' }).getByLabel('Year').fill('2020');
		await Promise.all([
			page.waitForURL((u) => u.searchParams.get('from-year') === '2020'),
			page.getByRole('button', { name: 'Show figures' }).click(),
		]);
		await page.getByText('Figures from 1 January 2020 to 31 December 2020').waitFor();
	}));
});
