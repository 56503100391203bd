// The advice form with the provision check's warnings and the Word form's
// upload (issue 12): axe-core finds no violations on the one-page form
// with warnings under its fields and the summary before Submit, on the
// Word form's page and its error state (a refused upload), and on a task-list
// template's task page and submit page with warnings.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertAccessible, launch, newContext, signIn } from './lib.mjs';
import { EP_SERVICE, TAG, addDays, api, today } from '../http/advice-lib.mjs';

let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function withPage(fn) {
	const context = await newContext(browser, { axe: true });
	try {
		await fn(await context.newPage());
	} finally {
		await context.close();
	}
}

/* A request of kind to ep@ on a new assessment; its id. */
async function newRequest(kind, family) {
	const a = await api('POST', '/api/v1/assessments', {
		child: { given_name: 'Axe', family_name: family, date_of_birth: '2016-01-05' },
		request_received: addDays(today(), -3), caseworker_email: 'caseworker@demo.test',
	});
	assert.equal(a.status, 201, a.text);
	const r = await api('POST', `/api/v1/assessments/${a.json.id}/advice-requests`, {
		type: kind, organisation: EP_SERVICE, professional_email: 'ep@demo.test',
		requested_on: addDays(today(), -2), profession: 'Occupational therapist',
	});
	assert.equal(r.status, 201, r.text);
	return r.json.id;
}

describe('axe-core: provision warnings and the Word form', () => {
	test('one-page form with warnings, then a refused upload', () => withPage(async (page) => {
		const id = await newRequest('other', `Warn${TAG}`);
		await signIn(page, 'ep@demo.test');
		await page.goto(`/requests/${id}`);
		await page.locator('[id="f.outcomes_long"]').fill('She will be more confident.');
		await page.locator('[id="f.educational_provision.0.what"]').fill('Access to a quiet space as required');
		await page.locator('[id="f.educational_provision.0.by_whom"]').fill('Class teacher');
		await page.getByRole('button', { name: 'Save draft', exact: true }).click();
		await page.waitForURL(/saved=1/);
		await page.locator('[id="f.outcomes_long-provision"]').waitFor();
		assert.match(await page.locator('[id="f.educational_provision-provision"]').innerText(),
		    /Row 1: this provision does not say how often/);
		assert.match(await page.locator('#provision-summary').innerText(), /Provision that educates or trains/);
		await assertAccessible(page, 'one-page advice form with provision warnings');
		await Promise.all([
			page.waitForURL(new RegExp(`/requests/${id}/form$`)),
			page.getByRole('button', { name: 'Save draft and fill in the form in Word' }).click(),
		]);
		await assertAccessible(page, 'the Word form page');
		await page.locator('#formdoc').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain',
			buffer: Buffer.from('not a form') });
		await page.getByRole('button', { name: 'Upload and fill in the form' }).click();
		await page.waitForSelector('.govuk-error-summary');
		assert.match(await page.locator('.govuk-error-summary').innerText(),
		    /The selected file must be a Word document \(.docx\)/);
		await assertAccessible(page, 'the Word form page after a refused upload');
	}));

	test('task page and submit page with warnings', () => withPage(async (page) => {
		const id = await newRequest('psychological', `Tasks${TAG}`);
		await signIn(page, 'ep@demo.test');
		await page.goto(`/requests/${id}`);
		await assertAccessible(page, 'task list with the Word form');
		await page.goto(`/requests/${id}/tasks/2`);
		await page.locator('[id="f.ci_provision.0.what"]').fill('Regular speech therapy');
		await Promise.all([
			page.waitForURL(new RegExp(`/requests/${id}$`)),
			page.getByRole('button', { name: 'Save and continue' }).click(),
		]);
		await page.goto(`/requests/${id}/tasks/2`);
		await page.locator('[id="f.ci_provision-provision"]').waitFor();
		await assertAccessible(page, 'task page with provision warnings');
		await page.goto(`/requests/${id}/submit`);
		await page.locator('#provision-summary').waitFor();
		await assertAccessible(page, 'submit page with the provision summary');
	}));
});
