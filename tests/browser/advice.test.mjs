// The advice journey in Chromium: an EP signs in through the form, opens
// the request from the inbox, fills in the psychological template and
// submits it with a required field empty first (the GOV.UK error summary,
// the answers kept), attaches a PDF, submits; the caseworker opens it from
// the caseload and accepts it. axe-core must find nothing on the inbox,
// the form, the form with errors and the review page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertAccessible, launch, newContext, signIn, watchConsole } from './lib.mjs';
import { clearAttempts, psql } from '../http/lib.mjs';
import { TAG, EP_SERVICE, addDays, api, today, words } from '../http/advice-lib.mjs';
import { pdf } from '../fixtures/files.mjs';

const CHILD = { given: 'Browser', family: `Journey${TAG}` };
const REPORT = pdf(`Browser journey report ${TAG}`);
const s = {};

let browser;

before(async () => {
	clearAttempts();	// sign-in throttling state left by other tests (one IP)
	browser = await launch();
	// The request, through the council's API: allocated to ep@ from the start.
	const a = await api('POST', '/api/v1/assessments', {
		child: { given_name: CHILD.given, family_name: CHILD.family, date_of_birth: '2017-09-12',
		    year_group: 'Year 4' },
		request_received: addDays(today(), -7), caseworker_email: 'caseworker@demo.test',
	});
	assert.equal(a.status, 201, a.text);
	s.assessment = a.json.id;
	s.reference = a.json.reference;
	const r = await api('POST', `/api/v1/assessments/${s.assessment}/advice-requests`, {
		type: 'psychological', organisation: EP_SERVICE, professional_email: 'ep@demo.test',
		requested_on: addDays(today(), -6), question: 'Please advise on communication and learning.',
	});
	assert.equal(r.status, 201, r.text);
	s.request = r.json.id;
});

after(async () => { await browser?.close(); });

/* A field of the advice form by its id ("f.summary"): ids hold dots. */
const field = (page, id) => page.locator(`[id="${id}"]`);

describe('advice in the browser', () => {
	test('an EP writes and submits psychological advice; the caseworker accepts it', async () => {
		const context = await newContext(browser, { axe: true });
		try {
			const page = await context.newPage();
			const problems = watchConsole(page);
			await signIn(page, 'ep@demo.test');
			assert.equal(new URL(page.url()).pathname, '/inbox');

			// The inbox: the request is there, with its due date.
			const link = page.getByRole('link', { name: `${CHILD.given} ${CHILD.family}` });
			await link.waitFor();
			const row = page.locator('tr', { has: link });
			assert.ok((await row.innerText()).includes(words(addDays(today(), 36), true)), 'the due date is not shown');
			await assertAccessible(page, 'inbox');

			await Promise.all([page.waitForURL(`**/requests/${s.request}`), link.click()]);
			assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(),
			    'Psychological advice');
			await assertAccessible(page, 'advice form');

			// Everything required but the summary, and the declaration.
			await page.getByLabel('Date you last saw the child or young person').fill(addDays(today(), -1));
			await page.getByLabel('Background and reason for involvement').fill(`Background ${TAG}`);
			await page.getByLabel('How you carried out your assessment').fill(`Observed twice ${TAG}`);
			await page.getByLabel('Needs in communication and interaction').fill(`CI needs ${TAG}`);
			await page.getByLabel('Needs in cognition and learning').fill(`CL needs ${TAG}`);
			await page.getByLabel('Needs in social, emotional and mental health').fill(`SEMH needs ${TAG}`);
			await page.getByLabel('Needs in sensory and physical development').fill(`SP needs ${TAG}`);
			await field(page, 'f.ci_provision.0.what').fill(`Language group ${TAG}`);
			await field(page, 'f.ci_provision.0.by_whom').fill('Trained teaching assistant');
			await field(page, 'f.ci_provision.0.how_often').fill('3 times a week, 20 minutes');
			await field(page, 'f.ci_provision.0.how_long').fill('Until the annual review');
			await page.getByLabel('Your role').fill('Educational psychologist');
			await page.getByLabel('Professional registration number').fill('HCPC PYL01234');
			await page.getByLabel('I confirm this advice is accurate').check();
			await Promise.all([
				page.waitForURL(`**/requests/${s.request}/advice`),
				page.getByRole('button', { name: 'Submit advice' }).click(),
			]);

			// The error summary, linked to the field; the answers are kept.
			const summary = page.locator('.govuk-error-summary');
			await summary.waitFor();
			assert.ok(await summary.isVisible());
			assert.ok((await summary.innerText()).includes('There is a problem'));
			assert.ok((await summary.innerText()).includes('Enter summary of needs'));
			assert.match(await page.title(), /^Error: /);
			assert.equal(await page.getByLabel('Background and reason for involvement').inputValue(),
			    `Background ${TAG}`);
			assert.equal(await field(page, 'f.ci_provision.0.what').inputValue(), `Language group ${TAG}`);
			assert.equal(await page.getByLabel('Your role').inputValue(), 'Educational psychologist');
			assert.equal(await page.locator('[id="f.summary-error"]').isVisible(), true);
			await assertAccessible(page, 'advice form with errors');
			await summary.getByRole('link', { name: 'Enter summary of needs' }).click();
			assert.equal(await page.evaluate(() => document.activeElement?.id), 'f.summary',
			    'the error summary link does not lead to the field');

			// Put it right and save a draft before attaching (uploading reloads the page).
			await field(page, 'f.summary').fill(`Summary ${TAG}`);
			await Promise.all([
				page.waitForURL(`**/requests/${s.request}?saved=1`),
				page.getByRole('button', { name: 'Save draft' }).click(),
			]);
			assert.equal(await field(page, 'f.summary').inputValue(), `Summary ${TAG}`);

			await page.getByLabel('Upload a file').setInputFiles({
				name: 'ep-report.pdf', mimeType: 'application/pdf', buffer: REPORT,
			});
			await Promise.all([
				page.waitForURL(`**/requests/${s.request}?uploaded=1`),
				page.getByRole('button', { name: 'Upload file' }).click(),
			]);
			await page.getByRole('link', { name: 'ep-report.pdf' }).waitFor();
			assert.equal(await field(page, 'f.summary').inputValue(), `Summary ${TAG}`, 'the draft was lost');

			// The declaration again (it is part of the submission, not of the draft).
			assert.equal(await page.getByLabel('Your full name').inputValue(), 'Dr Evan Price');
			await page.getByLabel('Your role').fill('Educational psychologist');
			await page.getByLabel('Professional registration number').fill('HCPC PYL01234');
			await page.getByLabel('I confirm this advice is accurate').check();
			await Promise.all([
				page.waitForURL(`**/requests/${s.request}?submitted=1`),
				page.getByRole('button', { name: 'Submit advice' }).click(),
			]);
			assert.equal(await page.getByRole('button', { name: 'Submit advice' }).count(), 0,
			    'still offered Submit after submitting');
			assert.ok((await page.locator('main').innerText()).includes(`Summary ${TAG}`));
			assert.equal(psql(`SELECT status FROM advice_requests WHERE id = ${s.request}`), 'submitted');
			assert.deepEqual(problems, [], 'script errors');
		} finally {
			await context.close();
		}

		const cwContext = await newContext(browser, { axe: true });
		try {
			const page = await cwContext.newPage();
			const problems = watchConsole(page);
			await signIn(page, 'caseworker@demo.test');
			assert.equal(new URL(page.url()).pathname, '/caseworker');
			await Promise.all([
				page.waitForURL(`**/assessments/${s.assessment}`),
				page.getByRole('link', { name: s.reference }).click(),
			]);
			await Promise.all([
				page.waitForURL(`**/requests/${s.request}`),
				page.getByRole('link', { name: 'Psychological advice' }).click(),
			]);
			const main = page.locator('main');
			const text = await main.innerText();
			for (const want of [`Summary ${TAG}`, `Background ${TAG}`, `Language group ${TAG}`,
			    'Feeds plan section B', 'HCPC PYL01234'])
				assert.ok(text.includes(want), `the review page does not show ${want}`);
			await page.getByRole('link', { name: 'ep-report.pdf' }).waitFor();
			await assertAccessible(page, 'review page');

			await Promise.all([
				page.waitForURL(`**/requests/${s.request}?accepted=1`),
				page.getByRole('button', { name: 'Accept advice' }).click(),
			]);
			await page.locator('.govuk-tag', { hasText: 'Accepted' }).first().waitFor();
			assert.equal(await page.getByRole('button', { name: 'Accept advice' }).count(), 0);
			assert.equal(psql(`SELECT status FROM advice_requests WHERE id = ${s.request}`), 'accepted');
			assert.equal(psql(`SELECT status FROM advice WHERE request_id = ${s.request} ORDER BY version DESC
			    LIMIT 1`), 'accepted');
			assert.deepEqual(problems, [], 'script errors');
		} finally {
			await cwContext.close();
		}
	});
});
