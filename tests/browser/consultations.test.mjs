// School consultations in a browser: the caseworker's consult page and its
// error state, the consultation sent to Hillcrest Academy and a setting typed
// in; the school's responder finds it in the list, reads it, is refused
// "cannot meet" without reasons, answers, and sees the answer read-only.
// axe-core on every page and error state, the list's empty state, and the
// list and the consultation on a 375 px phone (document width ≤ 375).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { assertAccessible, launch, newContext, signIn } from './lib.mjs';
import { ROOT, TESTSHIRE_PASSWORD, clearAttempts, signIn as httpSignIn } from '../http/lib.mjs';
import {
	TAG, addDays, allocate, createAssessment, latestRequest, postAdvice, postFrom,
	psychologicalAdvice, requestAdvice, today,
} from '../http/advice-lib.mjs';

// Short enough for a 375 px heading (a long unbroken name would overflow any page).
const FAMILY = `Bro-${TAG}`;
const CHILD = `Quillon ${FAMILY}`;
const TYPED = `Larchfield Free School ${TAG}`;
const EMPTY_SCHOOL = `Quiet Lane School ${TAG}`;
const EMPTY_RESPONDER = `quiet-${TAG}@example.com`;
let browser;
const s = {};

function ctl(args, input) {
	const r = spawnSync(path.join(ROOT, 'build/portalctl'), args, { env: process.env, encoding: 'utf8', input });
	assert.equal(r.status, 0, `portalctl ${args.join(' ')}: ${r.stderr}`);
}

before(async () => {
	browser = await launch();
	clearAttempts();
	const cw = await httpSignIn('caseworker@demo.test');
	const lead = await httpSignIn('eplead@demo.test');
	const ep = await httpSignIn('ep@demo.test');
	const received = addDays(today(), -30);
	const { id } = await createAssessment(cw, { given: 'Quillon', family: FAMILY, received,
	    parentEmail: `bconsult-${TAG}@example.com` });
	assert.ok(id);
	s.a = id;
	assert.equal((await requestAdvice(cw, id, { requested: addDays(received, 1) })).status, 303);
	const r = latestRequest(id);
	assert.equal((await allocate(lead, r, 'ep@demo.test')).status, 303);
	assert.equal((await postAdvice(ep, r, psychologicalAdvice(`bc-${TAG}`), 'submit')).status, 303);
	assert.equal((await postFrom(cw, `/requests/${r}`, `/requests/${r}/accept`, {})).status, 303);
	assert.equal((await postFrom(cw, `/assessments/${id}/plan`, `/assessments/${id}/plan`, {})).status, 303);
	// A school with a responder and no consultation: the empty list.
	ctl(['create-org', 'school', EMPTY_SCHOOL, 'Demoshire County Council']);
	ctl(['create-account', EMPTY_RESPONDER, 'school_responder', EMPTY_SCHOOL, 'Quinn Quiet'], `${TESTSHIRE_PASSWORD}\n`);
});
after(async () => { await browser?.close(); });

async function withPage(email, fn, { password, viewport } = {}) {
	const context = await newContext(browser, { axe: true });
	try {
		const page = await context.newPage();
		if (viewport)
			await page.setViewportSize(viewport);
		await signIn(page, email, password);
		await fn(page);
	} finally {
		await context.close();
	}
}

async function fitsPhone(page, what) {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(width <= 375, `${what}: the page is ${width} px wide at 375`);
}

describe('the caseworker consults', () => {
	test('the consult page, its error state, and two settings sent at once', () => withPage('caseworker@demo.test',
	    async (page) => {
		assert.equal((await page.goto(`/assessments/${s.a}/consultations/new`)).status(), 200);
		await assertAccessible(page, 'consult page');
		await page.getByLabel('Day', { exact: true }).fill('31');
		await page.getByLabel('Month', { exact: true }).fill('2');
		const [resp] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Send the consultation' }).click(),
		]);
		assert.equal(resp.status(), 400);
		await page.getByText('There is a problem').waitFor();
		assert.equal(await page.locator('.govuk-error-summary__list a').count(), 2);
		await assertAccessible(page, 'consult page, errors');
		await page.getByLabel('Hillcrest Academy').check();
		await page.getByLabel('A school or setting not on the list (optional)').fill(TYPED);
		const t = today().split('-');
		await page.getByLabel('Day', { exact: true }).fill(String(Number(t[2])));
		await page.getByLabel('Month', { exact: true }).fill(String(Number(t[1])));
		await page.getByLabel('Year', { exact: true }).fill(t[0]);
		await Promise.all([
			page.waitForURL((u) => u.pathname === `/assessments/${s.a}`),
			page.getByRole('button', { name: 'Send the consultation' }).click(),
		]);
		const table = page.locator('#consultations-table');
		await table.getByRole('cell', { name: 'Hillcrest Academy', exact: true }).waitFor();
		await table.getByRole('cell', { name: TYPED, exact: true }).waitFor();
		assert.equal(await table.getByText('Waiting for an answer').count(), 2);
		await assertAccessible(page, 'assessment page with consultations');
		await page.setViewportSize({ width: 375, height: 667 });
		await fitsPhone(page, 'assessment page with consultations');
	}));
});

describe('the school answers', () => {
	test('list, consultation, refusal without reasons, answer', () => withPage('school@demo.test', async (page) => {
		assert.equal((await page.goto('/consultations')).status(), 200);
		await assertAccessible(page, 'consultations list');
		await Promise.all([
			page.waitForURL(/\/consultations\/\d+$/),
			page.getByRole('link', { name: CHILD }).click(),
		]);
		s.url = new URL(page.url()).pathname;
		await page.getByRole('heading', { name: 'Consultation on a draft EHC plan' }).waitFor();
		await page.getByRole('heading', { name: /Section F/ }).waitFor();
		await page.getByRole('heading', { name: 'The advice' }).waitFor();
		await assertAccessible(page, 'consultation page');
		await page.getByLabel('No, it cannot meet the needs').check();
		const [resp] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Send your answer' }).click(),
		]);
		assert.equal(resp.status(), 400);
		await page.getByText('There is a problem').waitFor();
		assert.ok(await page.getByLabel('No, it cannot meet the needs').isChecked(), 'the choice was lost');
		await assertAccessible(page, 'consultation page, answer refused');
		await page.locator('.govuk-error-summary__list a').first().click();
		assert.equal(await page.evaluate(() => document.activeElement.id), 'reasons');
		await page.getByLabel('Reasons').fill('We have no place in Year 4 and cannot staff the support in section F.');
		await Promise.all([
			page.waitForURL((u) => u.search === '?answered=1'),
			page.getByRole('button', { name: 'Send your answer' }).click(),
		]);
		await page.getByText('Your answer was sent to the council').waitFor();
		await page.getByText('No, the school or setting cannot meet the child\'s needs').waitFor();
		assert.equal(await page.getByRole('button', { name: 'Send your answer' }).count(), 0);
		await assertAccessible(page, 'consultation page, answered');
	}));

	test('the list and the consultation fit a 375 px phone', () => withPage('school@demo.test', async (page) => {
		assert.equal((await page.goto('/consultations')).status(), 200);
		await fitsPhone(page, 'consultations list');
		await assertAccessible(page, 'consultations list at 375 px');
		assert.equal((await page.goto(s.url)).status(), 200);
		await fitsPhone(page, 'consultation page');
	}, { viewport: { width: 375, height: 667 } }));

	test('the empty list says so in plain English', () => withPage(EMPTY_RESPONDER, async (page) => {
		assert.equal((await page.goto('/consultations')).status(), 200);
		await page.getByText('There are no consultations for your school or setting yet').waitFor();
		await assertAccessible(page, 'consultations list, empty');
	}, { password: TESTSHIRE_PASSWORD }));
});
