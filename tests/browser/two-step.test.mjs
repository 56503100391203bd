// Two-step verification in Chromium: from the header link, the set-up page
// (QR code, key, a wrong code, then the right one), signing out, and the
// code page after the password; axe-core on each page and error state.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { base32decode, codeFor, portalctl } from '../http/lib.mjs';
import { assertAccessible, launch, newContext, watchConsole } from './lib.mjs';

const ORG = 'Twostep Browser Council';
const EMAIL = `browser-two-step-${process.pid}@twostep.test`;
const PASSWORD = 'a-long-two-step-password-8';

let browser;

before(async () => {
	browser = await launch();
	let r = portalctl(['create-org', 'local_authority', ORG]);
	assert.equal(r.status, 0, r.stderr);
	r = portalctl(['create-account', EMAIL, 'caseworker', ORG, 'Bea Step'], `${PASSWORD}\n`);
	assert.equal(r.status, 0, r.stderr);
});
after(async () => { await browser?.close(); });

async function submitPassword(page) {
	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill(EMAIL);
	await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Sign in' }).click()]);
}

test('set up two-step verification, then sign in with a code', async () => {
	const context = await newContext(browser, { axe: true });
	const page = await context.newPage();
	const problems = watchConsole(page);
	try {
		await submitPassword(page);
		assert.equal(new URL(page.url()).pathname, '/caseworker');
		await Promise.all([page.waitForURL('**/two-step'),
		    page.getByRole('link', { name: 'Two-step verification' }).click()]);
		assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Set up two-step verification');
		const qr = page.getByRole('img', { name: /QR code/ });
		assert.ok(await qr.isVisible());
		const box = await qr.boundingBox();
		assert.ok(box.width >= 150 && box.height >= 150, `QR code drawn ${box.width}×${box.height}`);
		await assertAccessible(page, 'two-step set-up');
		const key = base32decode(await page.locator('#secret code').innerText());

		await page.getByLabel('Code from your authenticator app').fill('000');
		await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
		await page.waitForSelector('.govuk-error-summary');
		assert.match(await page.title(), /^Error: /);
		assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the 6-digit code/);
		await assertAccessible(page, 'two-step set-up with an error');
		// The error summary's link moves focus to the field.
		await page.locator('.govuk-error-summary a[href="#code"]').click();
		assert.equal(await page.evaluate(() => document.activeElement.id), 'code');

		await page.getByLabel('Code from your authenticator app').fill(codeFor(key));
		await Promise.all([page.waitForLoadState('load'),
		    page.getByRole('button', { name: 'Turn on two-step verification' }).click()]);
		assert.match(await page.locator('main').innerText(), /Two-step verification is on for your account/);
		await assertAccessible(page, 'two-step on');

		await Promise.all([page.waitForURL('**/sign-in'), page.getByRole('button', { name: 'Sign out' }).click()]);
		await submitPassword(page);
		assert.equal(new URL(page.url()).pathname, '/sign-in/code');
		await assertAccessible(page, 'sign-in code');
		await page.getByLabel('Code from your authenticator app').fill('123');
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.waitForSelector('.govuk-error-summary');
		await assertAccessible(page, 'sign-in code with an error');
		await page.getByLabel('Code from your authenticator app').fill(codeFor(key, 1));
		await Promise.all([page.waitForURL('**/caseworker'), page.getByRole('button', { name: 'Continue' }).click()]);
		assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Your caseload');
		assert.deepEqual(problems, []);
	} finally {
		await context.close();
	}
});
