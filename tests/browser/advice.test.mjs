// The advice journey in Chromium: an EP signs in through the form, opens
// the request from the inbox and works through the psychological
// template's task list (issue 11): each task is a page saved with "Save
// and continue", its status changes on the list; an impossible date is
// told by its field; submitting with the summary missing names the task
// to finish; a PDF is attached on the documents page; the EP submits; the
// caseworker opens it from the caseload and accepts it. axe-core must find
// nothing on the inbox, the task list, a task page and its error state,
// the documents page, the submit page with errors and the review page.
// The page heights (document.body.scrollHeight) are reported.
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
			await assertAccessible(page, 'task list');
			const height = () => page.evaluate(() => document.body.scrollHeight);
			const heights = { 'task list': await height() };
			const status = (name) => page.locator('.govuk-task-list__item', { hasText: name })
			    .locator('.govuk-task-list__status').innerText();
			assert.equal(await status('Background and views'), 'Not started');

			// Task 1: an impossible date first.
			await Promise.all([page.waitForURL(`**/requests/${s.request}/tasks/1`),
			    page.getByRole('link', { name: 'Background and views' }).click()]);
			heights['Background and views'] = await height();
			await assertAccessible(page, 'task page');
			await page.getByLabel('Day').fill('31');
			await page.getByLabel('Month').fill('2');
			await page.getByLabel('Year').fill('2026');
			await page.getByLabel('Background and reason for involvement').fill(`Background ${TAG}`);
			await page.getByLabel('How you carried out your assessment').fill(`Observed twice ${TAG}`);
			await Promise.all([page.waitForURL(`**/requests/${s.request}/advice`),
			    page.getByRole('button', { name: 'Save and continue' }).click()]);
			const summary = page.locator('.govuk-error-summary');
			await summary.waitFor();
			assert.ok((await summary.innerText()).includes('must be a real date'));
			assert.match(await page.title(), /^Error: /);
			assert.equal(await page.getByLabel('Day').inputValue(), '31');
			assert.equal(await page.getByLabel('Background and reason for involvement').inputValue(),
			    `Background ${TAG}`);
			await assertAccessible(page, 'task page with an impossible date');
			await summary.getByRole('link').click();
			assert.equal(await page.evaluate(() => document.activeElement?.id), 'f.date_seen',
			    'the error summary link does not lead to the day input');
			const seen = addDays(today(), -1).split('-');
			await page.getByLabel('Day').fill(String(Number(seen[2])));
			await page.getByLabel('Month').fill(String(Number(seen[1])));
			await page.getByLabel('Year').fill(seen[0]);
			await Promise.all([page.waitForURL(`**/requests/${s.request}`),
			    page.getByRole('button', { name: 'Save and continue' }).click()]);
			assert.equal(await status('Background and views'), 'In progress', 'the summary is still missing');

			// The four areas: each page, Save and continue, Completed.
			const areas = [
				['Communication and interaction', 'Needs in communication and interaction', `CI needs ${TAG}`],
				['Cognition and learning', 'Needs in cognition and learning', `CL needs ${TAG}`],
				['Social, emotional and mental health', 'Needs in social, emotional and mental health', `SEMH needs ${TAG}`],
				[/Sensory/, 'Needs in sensory and physical development', `SP needs ${TAG}`],
			];
			for (const [task, label, text] of areas) {
				await Promise.all([page.waitForURL(/\/tasks\/\d$/),
				    page.locator('.govuk-task-list__link', { hasText: task }).click()]);
				heights[(await page.getByRole('heading', { level: 1 }).innerText()).trim()] = await height();
				await page.getByLabel(label).fill(text);
				if (label.includes('communication')) {
					await field(page, 'f.ci_provision.0.what').fill(`Language group ${TAG}`);
					await field(page, 'f.ci_provision.0.by_whom').fill('Trained teaching assistant');
					await field(page, 'f.ci_provision.0.how_often').fill('3 times a week, 20 minutes');
					await field(page, 'f.ci_provision.0.how_long').fill('Until the annual review');
				}
				await Promise.all([page.waitForURL(`**/requests/${s.request}`),
				    page.getByRole('button', { name: 'Save and continue' }).click()]);
				assert.equal(await page.locator('.govuk-task-list__item', { hasText: task })
				    .locator('.govuk-task-list__status').innerText(), 'Completed', `${task} not completed`);
			}
			assert.match(await page.locator('main').innerText(), /You have completed 4 of 5 sections/);

			// Submitting now names the unfinished task.
			await Promise.all([page.waitForURL(`**/requests/${s.request}/submit`),
			    page.getByRole('link', { name: 'Declaration and submit' }).click()]);
			assert.equal(await page.getByLabel('Your full name').inputValue(), 'Dr Evan Price');
			await page.getByLabel('Your role').fill('Educational psychologist');
			await page.getByLabel('Professional registration number').fill('HCPC PYL01234');
			await page.getByLabel('I confirm this advice is accurate').check();
			await Promise.all([page.waitForURL(`**/requests/${s.request}/advice`),
			    page.getByRole('button', { name: 'Submit advice' }).click()]);
			await summary.waitFor();
			assert.ok((await summary.innerText()).includes('Background and views: Enter summary of needs'));
			assert.equal(await page.getByLabel('Your role').inputValue(), 'Educational psychologist');
			await assertAccessible(page, 'submit page with errors');
			await Promise.all([page.waitForURL(`**/requests/${s.request}/tasks/1`),
			    summary.getByRole('link', { name: /Enter summary of needs/ }).click()]);
			await field(page, 'f.summary').fill(`Summary ${TAG}`);
			assert.equal(await page.getByLabel('Background and reason for involvement').inputValue(),
			    `Background ${TAG}`, 'the saved background is not shown');
			await Promise.all([page.waitForURL(`**/requests/${s.request}`),
			    page.getByRole('button', { name: 'Save and continue' }).click()]);
			assert.equal(await status('Background and views'), 'Completed');

			// The documents page: the upload never reloads a form with answers.
			await Promise.all([page.waitForURL(`**/requests/${s.request}/documents`),
			    page.getByRole('link', { name: 'Supporting documents' }).click()]);
			await assertAccessible(page, 'documents page');
			await page.getByLabel('Upload a file').setInputFiles({
				name: 'ep-report.pdf', mimeType: 'application/pdf', buffer: REPORT,
			});
			await Promise.all([
				page.waitForURL(`**/requests/${s.request}/documents?uploaded=1`),
				page.getByRole('button', { name: 'Upload file' }).click(),
			]);
			await page.getByRole('link', { name: 'ep-report.pdf' }).waitFor();
			await page.getByText('Your file was uploaded').waitFor();
			await assertAccessible(page, 'documents page after an upload');
			await Promise.all([page.waitForURL(`**/requests/${s.request}`),
			    page.getByRole('link', { name: 'Back to your advice' }).first().click()]);
			assert.equal(await status('Supporting documents'), '1 file');
			assert.equal(await status('Declaration and submit'), 'Ready to submit');

			await Promise.all([page.waitForURL(`**/requests/${s.request}/submit`),
			    page.getByRole('link', { name: 'Declaration and submit' }).click()]);
			await page.getByLabel('Your role').fill('Educational psychologist');
			await page.getByLabel('Professional registration number').fill('HCPC PYL01234');
			await page.getByLabel('I confirm this advice is accurate').check();
			await Promise.all([
				page.waitForURL(`**/requests/${s.request}?submitted=1`),
				page.getByRole('button', { name: 'Submit advice' }).click(),
			]);
			console.log(`# page heights (px, document.body.scrollHeight): ${JSON.stringify(heights)}`);
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
			// A caseload of hundreds: the caseworker finds the case by its reference.
			await page.getByLabel('Find a child').fill(s.reference);
			// The search is posted: wait for its answer, not for a URL.
			await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'
			    && new URL(r.url()).pathname === '/caseworker'),
			    page.getByRole('button', { name: 'Search' }).click()]);
			await page.locator('caption', { hasText: 'Assessments matching your search' }).waitFor();
			assert.doesNotMatch(page.url(), /[?&]q=/);
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
