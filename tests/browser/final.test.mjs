// axe-core on the final plan (issue 12): the form that issues it and its
// error state, the plan page once final, the printable page (as the
// caseworker and as the family), and the form and the printable page on a
// 375 px phone (nothing wider than the screen).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertAccessible, launch, newContext, signIn } from './lib.mjs';
import { accountId, clearAttempts, lit, psql, signIn as httpSignIn } from '../http/lib.mjs';
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
	const received = addDays(today(), -120);
	const { id } = await createAssessment(s.cw, { given: 'Axefinal', family: `Tester${TAG}`, received });
	assert.ok(id);
	s.id = id;
	psql(`INSERT INTO assessment_contacts (assessment_id, name, email, account_id)
	    VALUES (${id}, 'Pat Rowe', 'parent@demo.test', ${accountId('parent@demo.test')})`);
	assert.equal((await requestAdvice(s.cw, id, { requested: addDays(received, 1) })).status, 303);
	const r = latestRequest(id);
	assert.equal((await allocate(lead, r, 'ep@demo.test')).status, 303);
	assert.equal((await postAdvice(ep, r, psychologicalAdvice(`axe-${TAG}`), 'submit')).status, 303);
	assert.equal((await postFrom(s.cw, `/requests/${r}`, `/requests/${r}/accept`, {})).status, 303);
	assert.equal((await postFrom(s.cw, `/assessments/${id}/plan`, `/assessments/${id}/plan`, {})).status, 303);
	// The draft was served 20 days ago: the family's 15 days are over.
	const served = addDays(today(), -20);
	psql(`INSERT INTO assessment_decisions (council_id, assessment_id, kind, decided_on, due_on,
	    comments_due, plan_version, recorded_by) SELECT council_id, id, 'draft_issued', ${lit(served)},
	    request_received + 140, ${lit(served)}::date + 14, 1, caseworker_id FROM assessments WHERE id = ${id}`);
});
after(async () => { await browser?.close(); });

async function withPage(email, fn, viewport) {
	const context = await newContext(browser, { axe: true });
	try {
		const page = await context.newPage();
		if (viewport)
			await page.setViewportSize(viewport);
		await signIn(page, email);
		await fn(page);
	} finally {
		await context.close();
	}
}

async function fits(page, what) {
	const w = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(w <= 375, `${what}: the page is ${w} px wide at 375`);
}

describe('axe-core on the final plan', () => {
	test('the form at 375 px, its error state, then the final plan page', () => withPage('caseworker@demo.test', async (page) => {
		const res = await page.goto(`/assessments/${s.id}/plan/final/new`);
		assert.equal(res.status(), 200);
		await fits(page, 'final plan form');
		await assertAccessible(page, 'final plan form');
		const [bad] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Issue the final plan' }).click(),
		]);
		assert.equal(bad.status(), 400);
		await page.getByText('There is a problem').waitFor();
		await fits(page, 'final plan form, errors');
		await assertAccessible(page, 'final plan form, errors');
		await page.getByLabel('The council\'s schools and settings').selectOption({ label: 'Hillcrest Academy' });
		const d = today().split('-');
		await page.getByLabel('Day').fill(String(Number(d[2])));
		await page.getByLabel('Month').fill(String(Number(d[1])));
		await page.getByLabel('Year').fill(d[0]);
		await Promise.all([
			page.waitForURL((u) => u.pathname === `/assessments/${s.id}/plan`),
			page.getByRole('button', { name: 'Issue the final plan' }).click(),
		]);
		await page.getByText(/Final EHC plan issued on/).first().waitFor();
		await fits(page, 'final plan page (its versions table)');
		await assertAccessible(page, 'final plan page');
	}, { width: 375, height: 667 }));

	test('the printable page, as the caseworker and as the family, at 375 px', async () => {
		for (const email of ['caseworker@demo.test', 'parent@demo.test'])
			await withPage(email, async (page) => {
				const res = await page.goto(`/assessments/${s.id}/plan/print`);
				assert.equal(res.status(), 200, email);
				await page.getByRole('heading', { name: 'Final EHC plan', level: 1 }).waitFor();
				await fits(page, `print page (${email})`);
				await assertAccessible(page, `print page (${email})`);
				// Printed: no header, navigation or footer.
				await page.emulateMedia({ media: 'print' });
				for (const sel of ['.govuk-template__header', '.govuk-service-navigation', '.govuk-footer'])
					assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} printed (${email})`);
				assert.ok(await page.getByRole('heading', { name: /Section I/ }).isVisible());
			}, { width: 375, height: 667 });
	});
});
