// axe-core on the draft plan: the page before and after assembly, the
// section edit page, and its refusal when someone else saved the section
// first (409).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertAccessible, launch, newContext, signIn } from './lib.mjs';
import { clearAttempts, getCsrf, signIn as httpSignIn } from '../http/lib.mjs';
import {
	TAG, addDays, allocate, createAssessment, latestRequest, postAdvice, postFrom,
	psychologicalAdvice, requestAdvice, today,
} from '../http/advice-lib.mjs';

let browser;
const s = {};

before(async () => {
	browser = await launch();
	clearAttempts();
	s.cw = await httpSignIn('caseworker@demo.test');
	const lead = await httpSignIn('eplead@demo.test');
	const ep = await httpSignIn('ep@demo.test');
	const received = addDays(today(), -20);
	const { id } = await createAssessment(s.cw, { given: 'Axeplan', family: `Tester${TAG}`, received });
	assert.ok(id);
	s.assessment = id;
	assert.equal((await requestAdvice(s.cw, id, { requested: addDays(received, 1) })).status, 303);
	const r = latestRequest(id);
	assert.equal((await allocate(lead, r, 'ep@demo.test')).status, 303);
	const pairs = psychologicalAdvice(`axe-${TAG}`).map(([k, v]) =>
	    [k, k === 'f.ci_provision.0.what' ? 'Access to regular support' : v]);
	assert.equal((await postAdvice(ep, r, pairs, 'submit')).status, 303);
	assert.equal((await postFrom(s.cw, `/requests/${r}`, `/requests/${r}/accept`, {})).status, 303);
});
after(async () => { await browser?.close(); });

async function withPage(fn) {
	const context = await newContext(browser, { axe: true });
	try {
		const page = await context.newPage();
		await signIn(page, 'caseworker@demo.test');
		await fn(page);
	} finally {
		await context.close();
	}
}

describe('axe-core on the draft plan', () => {
	test('the plan page, before and after assembly', () => withPage(async (page) => {
		const res = await page.goto(`/assessments/${s.assessment}/plan`);
		assert.equal(res.status(), 200);
		await assertAccessible(page, 'plan page, no draft');
		await Promise.all([
			page.waitForURL((u) => u.pathname === `/assessments/${s.assessment}/plan`),
			page.getByRole('button', { name: 'Assemble the draft plan' }).click(),
		]);
		await page.getByRole('heading', { name: /Section F/ }).waitFor();
		assert.ok(await page.locator('.govuk-warning-text').count() > 0, 'no provision flag shown');
		await assertAccessible(page, 'plan page');
	}));

	test('the edit page and its 409 state', () => withPage(async (page) => {
		const res = await page.goto(`/assessments/${s.assessment}/plan/edit?section=B`);
		assert.equal(res.status(), 200);
		await assertAccessible(page, 'edit section B');
		// Someone else saves section B meanwhile.
		const form = await s.cw.get(`/assessments/${s.assessment}/plan/edit?section=B`);
		const other = await s.cw.post(`/assessments/${s.assessment}/plan/edit`, {
			csrf: getCsrf(form.text), section: 'B', version: '1', p1: 'Saved first by someone else',
		});
		assert.equal(other.status, 303);
		await page.getByLabel('Paragraph 1').fill(`Mine ${TAG}`);
		const [resp] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Save section' }).click(),
		]);
		assert.equal(resp.status(), 409);
		await page.getByText('There is a problem').waitFor();
		assert.equal(await page.getByLabel('Paragraph 1').inputValue(), `Mine ${TAG}`);
		await assertAccessible(page, 'edit section B, 409');
	}));
});
