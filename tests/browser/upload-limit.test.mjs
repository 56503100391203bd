// Issue 11: a file over the upload limit (here 40 MB and 50 MB, twice the
// 25 MB limit) is answered on the advice form with the GOV.UK error summary
// and the error by the file field, never the browser's own 413 page; axe
// finds nothing on that error state.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { assertAccessible, launch, newContext, signIn } from './lib.mjs';
import { clearAttempts } from '../http/lib.mjs';
import { TAG, EP_SERVICE, addDays, api, count, today } from '../http/advice-lib.mjs';
import { bigPdf } from '../fixtures/files.mjs';

const MB = 1024 * 1024;
const s = {};
let browser;

before(async () => {
	clearAttempts();
	browser = await launch();
	const a = await api('POST', '/api/v1/assessments', {
		child: { given_name: 'Large', family_name: `Upload${TAG}`, date_of_birth: '2016-03-02' },
		request_received: addDays(today(), -7), caseworker_email: 'caseworker@demo.test',
	});
	assert.equal(a.status, 201, a.text);
	const r = await api('POST', `/api/v1/assessments/${a.json.id}/advice-requests`, {
		type: 'psychological', organisation: EP_SERVICE, professional_email: 'ep@demo.test',
		requested_on: addDays(today(), -6),
	});
	assert.equal(r.status, 201, r.text);
	s.request = r.json.id;
	s.dir = mkdtempSync(path.join(tmpdir(), 'portal-upload-'));
});

after(async () => {
	await browser?.close();
	if (s.dir)
		rmSync(s.dir, { recursive: true, force: true });
});

describe('an upload over the limit', () => {
	for (const mb of [40, 50]) {
		test(`${mb} MB: the GOV.UK error on the form, nothing stored`, async () => {
			const file = path.join(s.dir, `report-${mb}.pdf`);
			writeFileSync(file, bigPdf(mb * MB));
			const context = await newContext(browser, { axe: true });
			try {
				const page = await context.newPage();
				await signIn(page, 'ep@demo.test');
				await page.goto(`/requests/${s.request}/documents`);	// the task list's files page
				const docs = count('documents', `request_id = ${s.request}`);
				await page.getByLabel('Upload a file').setInputFiles(file);
				const [res] = await Promise.all([
					page.waitForResponse((x) => x.url().endsWith(`/requests/${s.request}/documents`)),
					page.getByRole('button', { name: 'Upload file' }).click(),
				]);
				assert.equal(res.status(), 422);
				await page.getByText('There is a problem').waitFor();
				const summary = page.locator('.govuk-error-summary');
				assert.match(await summary.innerText(), /The selected file must be smaller than 25 MB/);
				assert.match(await page.locator('#file-error').innerText(),
				    /The selected file must be smaller than 25 MB/);
				assert.equal(count('documents', `request_id = ${s.request}`), docs);
				await assertAccessible(page, `advice form, ${mb} MB upload refused`);
			} finally {
				await context.close();
			}
		});
	}
});
