// Parents' comments on the served draft, in Chromium: the caseworker's
// serving page and its error state; the parent comments on a phone
// (375 × 667: the page never scrolls sideways) — the reading page, a
// refused comment, two saved comments and a school, check your answers,
// the page after sending — with axe-core on each; then the caseworker's
// plan page with the family's comments.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, assertAccessible, launch, signIn } from './lib.mjs';
import { clearAttempts, signIn as httpSignIn } from '../http/lib.mjs';
import {
	TAG, addDays, allocate, createAssessment, latestRequest, parts, postAdvice, postFrom,
	psychologicalAdvice, requestAdvice, today,
} from '../http/advice-lib.mjs';

const PHONE = { width: 375, height: 667 };
let browser;
const s = {};

before(async () => {
	browser = await launch();
	clearAttempts();
	s.cw = await httpSignIn('caseworker@demo.test');
	const lead = await httpSignIn('eplead@demo.test');
	const ep = await httpSignIn('ep@demo.test');
	const received = addDays(today(), -20);
	const { id } = await createAssessment(s.cw, { given: 'Phonedraft', family: `Tester${TAG}`, received,
	    parentEmail: 'parent@demo.test' });
	assert.ok(id);
	s.id = id;
	assert.equal((await requestAdvice(s.cw, id, { requested: addDays(received, 1) })).status, 303);
	const r = latestRequest(id);
	assert.equal((await allocate(lead, r, 'ep@demo.test')).status, 303);
	assert.equal((await postAdvice(ep, r, psychologicalAdvice(`ph-${TAG}`), 'submit')).status, 303);
	assert.equal((await postFrom(s.cw, `/requests/${r}`, `/requests/${r}/accept`, {})).status, 303);
	assert.equal((await postFrom(s.cw, `/assessments/${id}/plan`, `/assessments/${id}/plan`, {})).status, 303);
});
after(async () => { await browser?.close(); });

async function withPage(email, viewport, fn) {
	const context = await browser.newContext({ baseURL: BASE_URL, bypassCSP: true,
	    ...(viewport ? { viewport } : {}) });
	try {
		const page = await context.newPage();
		await signIn(page, email);
		await fn(page);
	} finally {
		await context.close();
	}
}

/* The document is no wider than the phone: nothing scrolls sideways. */
async function assertFits(page, what) {
	const width = await page.evaluate(() => Math.max(document.documentElement.scrollWidth,
	    document.body.scrollWidth));
	assert.ok(width <= PHONE.width, `${what}: the page is ${width}px wide on a ${PHONE.width}px screen`);
}

describe('the draft served on the family', () => {
	test('the caseworker\'s serving page and its error state', () => withPage('caseworker@demo.test', null,
	    async (page) => {
		await page.goto(`/assessments/${s.id}/plan`);
		await page.locator('#serve').click();
		await page.waitForURL((u) => u.pathname === `/assessments/${s.id}/plan/issue`);
		await assertAccessible(page, 'serving page');
		const t = parts(addDays(today(), 3));
		await page.locator('#served-day').fill(t.day);
		await page.locator('#served-month').fill(t.month);
		await page.locator('#served-year').fill(t.year);
		await page.getByRole('button', { name: 'Send the draft to the family' }).click();
		await page.locator('.govuk-error-summary').waitFor();
		assert.match(await page.locator('#served-error').innerText(), /today or in the past/);
		await assertAccessible(page, 'serving page, error');
		const d = parts(today());
		await page.locator('#served-day').fill(d.day);
		await page.locator('#served-month').fill(d.month);
		await page.locator('#served-year').fill(d.year);
		await Promise.all([
			page.waitForURL((u) => u.pathname === `/assessments/${s.id}/plan`),
			page.getByRole('button', { name: 'Send the draft to the family' }).click(),
		]);
		assert.match(await page.locator('#family').innerText(), /The family has until .* to comment \(15 days\)/);
	}));

	test('the parent comments on a phone: reading, an error, check answers, sent', () => withPage(
	    'parent@demo.test', PHONE, async (page) => {
		await page.goto(`/assessments/${s.id}`);
		await page.getByRole('link', { name: 'Read the draft plan and comment' }).click();
		await page.waitForURL((u) => u.pathname === `/assessments/${s.id}/draft`);
		assert.match(await page.locator('#window').innerText(), /You have until .* to comment \(15 days\)/);
		await assertFits(page, 'reading page');
		await assertAccessible(page, 'reading page');

		await page.getByRole('button', { name: 'Save comment on section B' }).click();
		await page.locator('.govuk-error-summary').waitFor();
		assert.match(await page.locator('#comment-B-error').innerText(), /Enter your comment on this section/);
		await assertFits(page, 'reading page, error');
		await assertAccessible(page, 'reading page, error');

		await page.locator('#comment-B').fill(`Please add speech therapy ${TAG}`);
		await page.getByRole('button', { name: 'Save comment on section B' }).click();
		await page.waitForURL((u) => u.search === '?saved=B');
		await page.locator('#comment-F').fill(`How often is this? ${TAG}`);
		await page.getByRole('button', { name: 'Save comment on section F' }).click();
		await page.waitForURL((u) => u.search === '?saved=F');
		await page.locator('#setting').selectOption({ label: 'Hillcrest Academy' });
		await page.getByRole('button', { name: 'Save school or setting' }).click();
		await page.waitForURL((u) => u.search === '?asked=school');
		assert.equal(await page.locator('#comment-B').inputValue(), `Please add speech therapy ${TAG}`);

		await page.getByRole('button', { name: 'Check and send your comments' }).first().click();
		await page.waitForURL((u) => u.pathname === `/assessments/${s.id}/draft/check`);
		const check = await page.locator('main').innerText();
		assert.ok(check.includes(`Please add speech therapy ${TAG}`) && check.includes('Hillcrest Academy'));
		await assertFits(page, 'check answers');
		await assertAccessible(page, 'check answers');

		await page.getByRole('button', { name: 'Send to the council' }).click();
		await page.waitForURL((u) => u.search === '?sent=1');
		assert.match(await page.locator('.govuk-notification-banner').innerText(),
		    /Your response is sent to the council/);
		assert.match(await page.locator('#section-B').innerText(), /You sent this comment on/);
		await assertFits(page, 'sent');
		await assertAccessible(page, 'sent');
	}));

	test('the caseworker\'s plan page with the family\'s comments', () => withPage('caseworker@demo.test', null,
	    async (page) => {
		await page.goto(`/assessments/${s.id}/plan`);
		assert.match(await page.locator('#section-B').innerText(), new RegExp(`Please add speech therapy ${TAG}`));
		assert.match(await page.locator('#family-requests').innerText(), /Hillcrest Academy/);
		await assertAccessible(page, 'plan page with comments');
	}));
});
