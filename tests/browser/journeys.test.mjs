// Signing in and out through the real form, with the page's CSP enforced.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { ROLES, launch, newContext, signIn, watchConsole } from './lib.mjs';

let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

describe('sign in through the form', () => {
	for (const [email, want] of Object.entries(ROLES)) {
		test(`${email} sees ${want.home}`, async () => {
			const context = await newContext(browser);
			try {
				const page = await context.newPage();
				const problems = watchConsole(page);
				await signIn(page, email);
				assert.equal(new URL(page.url()).pathname, want.home);
				const h1 = page.getByRole('heading', { level: 1 });
				assert.equal((await h1.innerText()).trim(), want.heading);
				assert.ok((await page.locator('body').innerText()).includes(want.name),
				    `the page does not name ${want.name}`);
				const title = await page.title();
				assert.match(title, / – EHC Advice Portal – Demoshire County Council$/);
				assert.doesNotMatch(title, /^Error/);

				// The session cookie is not readable from scripts.
				assert.equal(await page.evaluate(() => document.cookie.includes('portal_session')), false);

				await Promise.all([
					page.waitForURL('**/sign-in'),
					page.getByRole('button', { name: 'Sign out' }).click(),
				]);
				assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), 'Sign in');
				await page.goto(want.home);
				assert.equal(new URL(page.url()).pathname, '/sign-in', 'still signed in after signing out');
				assert.deepEqual(problems, [], 'CSP violations or script errors');
			} finally {
				await context.close();
			}
		});
	}

	test('a wrong password shows the error summary', async () => {
		const context = await newContext(browser);
		try {
			const page = await context.newPage();
			const problems = watchConsole(page);
			await page.goto('/sign-in');
			await page.getByLabel('Email address').fill('manager@demo.test');
			await page.getByLabel('Password', { exact: true }).fill('not-the-password');
			await Promise.all([
				page.waitForLoadState('load'),
				page.getByRole('button', { name: 'Sign in' }).click(),
			]);
			await page.getByText('There is a problem').waitFor();
			const summary = page.locator('.govuk-error-summary');
			assert.ok((await summary.innerText()).includes('Enter a correct email address and password'));
			assert.match(await page.title(), /^Error: /);
			assert.equal(await page.getByLabel('Email address').inputValue(), 'manager@demo.test');
			assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '');
			assert.deepEqual(problems, [], 'CSP violations or script errors');
		} finally {
			await context.close();
		}
	});
});
