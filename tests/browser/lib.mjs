// Helpers for the browser tests: Chromium through playwright-core, sign-in
// through the real form, and axe-core checks.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

export const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:18888';
export const DEMO_PASSWORD = 'demo-password-2026';

export const ROLES = {
	'caseworker@demo.test': { home: '/caseworker', heading: 'Your caseload', name: 'Casey Walker' },
	'ep@demo.test': { home: '/inbox', heading: 'Your advice requests', name: 'Dr Evan Price' },
	'parent@demo.test': { home: '/parent', heading: 'Your child\'s assessment', name: 'Pat Rowe' },
};

export function launch() {
	return chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
		    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}

/*
 * A context. axe: true bypasses CSP, which would otherwise block the
 * inline script page.addScriptTag injects; the journeys run with CSP on.
 */
export function newContext(browser, { axe = false } = {}) {
	return browser.newContext({ baseURL: BASE_URL, bypassCSP: axe });
}

/* Records CSP violations and page errors reported by the console. */
export function watchConsole(page) {
	const problems = [];
	page.on('console', (m) => {
		if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
			problems.push(m.text());
	});
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	return problems;
}

/* Signs in through the form; leaves the page on the role's home. */
export async function signIn(page, email, password = DEMO_PASSWORD) {
	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await Promise.all([
		page.waitForURL((u) => !u.pathname.startsWith('/sign-in')),
		page.getByRole('button', { name: 'Sign in' }).click(),
	]);
}

/* Runs axe-core on the page and asserts no violations (listing them if any). */
export async function assertAccessible(page, what) {
	await page.addScriptTag({ path: AXE_PATH });
	const result = await page.evaluate(() => window.axe.run(document, {
		runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
	}));
	const report = result.violations.map((v) =>
	    `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`)
	    .join('\n');
	assert.equal(result.violations.length, 0, `${what}: axe violations:\n${report}`);
	assert.ok(result.passes.length > 0, `${what}: axe ran no checks`);
}
