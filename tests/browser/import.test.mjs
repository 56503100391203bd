// The case import page (issue 13) in a real browser: axe-core on the
// upload form, its error state (no file; a file with bad rows: the error
// summary and the table of errors), the preview of a good file and the
// page after the import.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { assertAccessible, launch, signIn } from './lib.mjs';
import { clearAttempts, lit, psql } from '../http/lib.mjs';
import { TAG } from '../http/advice-lib.mjs';

const HEADER = 'reference,given_name,family_name,date_of_birth,request_received,' +
    'decision_to_assess,decision_date,final_issued';
const dir = fs.mkdtempSync(path.join(process.env.TEST_VAR || os.tmpdir(), 'browser-import-'));
const file = (name, rows) => {
	const f = path.join(dir, name);
	fs.writeFileSync(f, [HEADER, ...rows].join('\r\n') + '\r\n');
	return f;
};
let browser;

before(async () => {
	browser = await launch();
	clearAttempts();
});
after(async () => { await browser?.close(); });

async function submit(page, name) {
	await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name }).click()]);
}

describe('axe-core on the case import page', () => {
	test('the form, its errors, the preview and the result', async () => {
		const context = await browser.newContext({ baseURL: process.env.BASE_URL, bypassCSP: true });
		try {
			const page = await context.newPage();
			await signIn(page, 'admin@demo.test');
			await page.goto('/admin/import');
			await assertAccessible(page, 'the import form');
			await submit(page, 'Check the file');
			assert.match(await page.title(), /^Error: Import cases/);
			await assertAccessible(page, 'no file chosen');
			await page.getByLabel('Upload the spreadsheet').setInputFiles(file('bad.csv', [
				`BRI-${TAG}-1,Ann,Browser,2015-05-01,2026-01-05,yes,2026-02-10,`,
				`BRI-${TAG}-2,Bob,Browser,31/02/2015,2026-01-05,,,`,
				`BRI-${TAG}-3,Cat,Browser,2015-05-01,2026-01-05,maybe,2026-01-01,`,
			]));
			await submit(page, 'Check the file');
			assert.match(await page.locator('.govuk-error-summary').innerText(),
			    /Line 3, column date_of_birth: is not a real date/);
			assert.equal(await page.locator('#import-errors tbody tr').count(), 3);	// line 4 has two
			await assertAccessible(page, 'a file with bad rows');
			await page.getByLabel('Upload the spreadsheet').setInputFiles(file('good.csv', [
				`BRI-${TAG}-1,Ann,Browser,2015-05-01,2026-01-05,yes,2026-02-10,`,
				`BRI-${TAG}-2,Bob,Browser,01/02/2015,02/01/2026,no,2026-02-10,`,
			]));
			await submit(page, 'Check the file');
			assert.match(await page.locator('h2.govuk-panel__title').innerText(), /2 cases found/);
			await assertAccessible(page, 'the preview');
			await submit(page, 'Import 2 cases');
			assert.match(await page.locator('.govuk-notification-banner').innerText(), /2 cases imported/);
			await assertAccessible(page, 'the page after the import');
			assert.equal(psql(`SELECT count(*) FROM assessments WHERE reference LIKE ${lit(`BRI-${TAG}-%`)}`), '2');
		} finally {
			await context.close();
		}
	});
});
