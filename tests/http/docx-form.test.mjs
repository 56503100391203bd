// The advice form as a Word document (issue 12): its author downloads it
// with the saved draft, fills it in (python-docx, tests/docx/fill_form.py,
// as Word would), uploads it, and the answers land in the draft — never
// submitted — with a banner and the questions still empty. Anything wrong
// (not a .docx, a macro, another template's form, no questions, an answer
// too long or not a date) is refused with 422 and the GOV.UK error
// summary, the draft unchanged. Both are audited.
// And the provision check on the form: a vague provision saved shows its
// warnings by the field and on the submit page, and still submits.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ROOT, clearAttempts, decodeHtml, getCsrf, signIn } from './lib.mjs';
import {
	EP_SERVICE, TAG, addDays, adviceVersions, api, audits, errorSummary, getBytes, postAdvice,
	psychologicalAdvice, requestRow, storedValue, today, valuesSnapshot,
} from './advice-lib.mjs';
import { docx, docxWithMacro, pdf } from '../fixtures/files.mjs';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const s = {};
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'docx-form-'));

/* A psychological request of a new assessment, allocated to ep@ (API). */
async function newRequest(family) {
	const a = await api('POST', '/api/v1/assessments', {
		child: { given_name: 'Form', family_name: family, date_of_birth: '2015-06-01' },
		request_received: addDays(today(), -5), caseworker_email: 'caseworker@demo.test',
	});
	assert.equal(a.status, 201, a.text);
	const r = await api('POST', `/api/v1/assessments/${a.json.id}/advice-requests`, {
		type: 'psychological', organisation: EP_SERVICE, professional_email: 'ep@demo.test',
		requested_on: addDays(today(), -4),
	});
	assert.equal(r.status, 201, r.text);
	return r.json.id;
}

/* The form of request id as bytes (asserting a .docx attachment). */
async function download(client, id) {
	const r = await getBytes(client, `/requests/${id}/form.docx`);
	assert.equal(r.status, 200);
	assert.equal(r.headers.get('content-type'), DOCX_TYPE);
	assert.match(r.headers.get('content-disposition'), /^attachment; filename="psychological-[A-Z0-9-]+-form\.docx"$/);
	assert.equal(r.body.subarray(0, 2).toString(), 'PK');
	return r.body;
}

/* form filled with answers by python-docx; extra: fill_form.py options. */
function filled(form, answers, extra = []) {
	const src = path.join(tmp, `in-${TAG}-${Math.random()}.docx`);
	const dst = path.join(tmp, `out-${TAG}-${Math.random()}.docx`);
	const json = path.join(tmp, `a-${TAG}-${Math.random()}.json`);
	fs.writeFileSync(src, form);
	fs.writeFileSync(json, JSON.stringify(answers));
	const r = spawnSync('/usr/bin/python3', [path.join(ROOT, 'tests/docx/fill_form.py'), ...extra,
		src, dst, json], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	return fs.readFileSync(dst);
}

/* Uploads bytes as the completed form (multipart: csrf, formdoc). */
async function uploadForm(client, id, data, name = 'form.docx', type = DOCX_TYPE) {
	const csrf = await client.csrfFrom(`/requests/${id}/form`);
	const fd = new FormData();
	fd.append('csrf', csrf);
	fd.append('formdoc', new Blob([data], { type }), name);
	return client.request('POST', `/requests/${id}/form.docx`, { body: fd });
}

const latestAdvice = (id) => adviceVersions(id).at(-1);

before(async () => {
	clearAttempts();
	s.ep = await signIn('ep@demo.test');
	s.request = await newRequest(`Word${TAG}`);
	// A draft with one answer the document will not touch.
	const r = await postAdvice(s.ep, s.request, [['f.child_views', `Kept views ${TAG}`]]);
	assert.equal(r.status, 303);
	s.form = await download(s.ep, s.request);
});

describe('downloading the form', () => {
	test('is audited, and offered from the advice pages', async () => {
		assert.ok(audits('download_advice_form', 'advice_request', s.request) >= 1);
		// The task list links to the Word form's page, which has the
		// download and the upload (an upload never reloads a form).
		const page = await s.ep.get(`/requests/${s.request}`);
		assert.match(page.text, new RegExp(`href="/requests/${s.request}/form"`));
		assert.ok(!page.text.includes('multipart/form-data'));
		const word = await s.ep.get(`/requests/${s.request}/form`);
		assert.equal(word.status, 200);
		assert.match(word.text, new RegExp(`href="/requests/${s.request}/form.docx"`));
		assert.match(word.text, new RegExp(`action="/requests/${s.request}/form.docx" enctype="multipart/form-data"`));
		// The one-page form's button saves what was typed first.
		const r = await postAdvice(s.ep, s.request, [['f.child_views', `Kept views ${TAG}`]], 'word');
		assert.equal(r.status, 303);
		assert.equal(r.location, `/requests/${s.request}/form`);
	});

	test('carries the saved draft', async () => {
		const file = path.join(tmp, `form-${TAG}.docx`);
		fs.writeFileSync(file, s.form);
		const r = spawnSync(path.join(ROOT, 'build/portalctl'), ['form-read', 'psychological', file],
		    { encoding: 'utf8', cwd: ROOT });
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, new RegExp(`^child_views\\t-1\\t\\tKept views ${TAG}$`, 'm'));
	});
});

describe('a completed form uploaded', () => {
	const answers = {
		'Date you last saw the child or young person': '3 November 2026',
		'Background and reason for involvement': `Background ${TAG}: referred in Year 2.\nSeen twice.`,
		'Needs in communication and interaction': `Needs ${TAG}: multi-step instructions.`,
		'Provision for communication and interaction': [
			[`Language group ${TAG}`, 'Teaching assistant', '3 times a week, 20 minutes', 'Two terms'],
		],
	};

	test('fills the draft, never submits, and says what is left', async () => {
		const before = adviceVersions(s.request).length;
		const r = await uploadForm(s.ep, s.request, filled(s.form, answers));
		assert.equal(r.status, 303, errorSummary(r.text)?.map((e) => e.message).join('; '));
		// Four typed, and the draft's answer the form came with.
		assert.equal(r.location, `/requests/${s.request}?imported=5`);
		assert.equal(adviceVersions(s.request).length, before, 'the same draft, not a new version');
		const ad = latestAdvice(s.request);
		assert.equal(ad.status, 'draft');
		assert.equal(requestRow(s.request).status, 'draft');
		assert.equal(storedValue(ad.id, 'date_seen'), '2026-11-03');
		assert.equal(storedValue(ad.id, 'background'), `Background ${TAG}: referred in Year 2.\nSeen twice.`);
		assert.equal(storedValue(ad.id, 'ci_provision', 0, 'how_often'), '3 times a week, 20 minutes');
		assert.equal(storedValue(ad.id, 'child_views'), `Kept views ${TAG}`, 'a draft answer the document left empty');
		assert.ok(audits('import_advice_form', 'advice_request', s.request) >= 1);
		const page = await s.ep.get(r.location);
		assert.equal(page.status, 200);
		const text = decodeHtml(page.text);
		assert.match(text, /5 answers filled from your document — check them and submit/);
		assert.match(text, /Questions still empty after your upload/);
		assert.match(text, /<li>Summary of needs<\/li>/);
		assert.doesNotMatch(text, /<li>Background and reason for involvement<\/li>/);
	});

	test('re-saved by LibreOffice, still fills the draft', { skip: !fs.existsSync('/usr/bin/soffice') && 'no soffice' }, async () => {
		const src = path.join(tmp, `lo-${TAG}.docx`);
		fs.writeFileSync(src, filled(s.form, {
			'Needs in cognition and learning': `LibreOffice ${TAG}`,
		}));
		const out = path.join(tmp, 'lo');
		const lo = spawnSync('soffice', [`-env:UserInstallation=file://${tmp}/profile`, '--headless',
			'--convert-to', 'docx:MS Word 2007 XML', '--outdir', out, src], { encoding: 'utf8' });
		assert.equal(lo.status, 0, lo.stderr);
		const r = await uploadForm(s.ep, s.request, fs.readFileSync(path.join(out, path.basename(src))));
		assert.equal(r.status, 303, errorSummary(r.text)?.map((e) => e.message).join('; '));
		assert.equal(storedValue(latestAdvice(s.request).id, 'cl_needs'), `LibreOffice ${TAG}`);
	});
});

describe('a form over 64 KB', () => {
	test('is received as an upload, not refused as a large form', async () => {
		const src = path.join(tmp, `big-${TAG}.docx`);
		fs.writeFileSync(src, filled(s.form, { 'Summary of needs': `Big ${TAG}` }));
		// 300 KB that does not compress: a picture's worth of bytes.
		const py = spawnSync('/usr/bin/python3', ['-c', `import os, sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "a", zipfile.ZIP_STORED)
z.writestr("word/media/image1.png", os.urandom(300 * 1024))
z.close()`, src], { encoding: 'utf8' });
		assert.equal(py.status, 0, py.stderr);
		const data = fs.readFileSync(src);
		assert.ok(data.length > 300 * 1024);
		const r = await uploadForm(s.ep, s.request, data);
		assert.equal(r.status, 303, errorSummary(r.text)?.map((e) => e.message).join('; ') ?? r.text.slice(0, 200));
		assert.equal(storedValue(latestAdvice(s.request).id, 'summary'), `Big ${TAG}`);
	});
});

describe('refused whole, the draft unchanged', () => {
	const cases = [
		['a PDF', () => pdf('not a form'), 'The selected file must be a Word document (.docx)'],
		['a .docx with a macro', () => docxWithMacro(), /macro/i],
		['a .docx that is not the form', () => docx('My own report'), /No questions of this form were found/],
		['another template\'s form', () => filled(s.form, {}, ['--form-code', 'educational:1']),
			/the form for different advice/],
		['an answer too long', () => filled(s.form, { 'Background and reason for involvement': 'x'.repeat(5001) }),
			/Background and reason for involvement must be 5000 characters or fewer/],
		['a date that is not a date', () => filled(s.form, { 'Date you last saw the child or young person': '31 February 2026' }),
			/must be a real date/],
		['the form with no answers', () => {
			const f = path.join(tmp, `empty-${TAG}.docx`);
			const r = spawnSync(path.join(ROOT, 'build/portalctl'), ['form-sample', 'psychological', f],
			    { encoding: 'utf8', cwd: ROOT });
			assert.equal(r.status, 0, r.stderr);
			return fs.readFileSync(f);
		}, /The form has no answers in it/],
		['no file', null, 'Select your completed form to upload'],
	];
	for (const [what, make, want] of cases) {
		test(what, async () => {
			const ad = latestAdvice(s.request);
			const before = valuesSnapshot(ad.id);
			const audited = audits('import_advice_form', 'advice_request', s.request);
			let r;
			if (make === null) {
				const csrf = await s.ep.csrfFrom(`/requests/${s.request}/form`);
				const fd = new FormData();
				fd.append('csrf', csrf);
				r = await s.ep.request('POST', `/requests/${s.request}/form.docx`, { body: fd });
			} else
				r = await uploadForm(s.ep, s.request, make());
			assert.equal(r.status, 422);
			const errs = errorSummary(r.text);
			assert.ok(errs && errs.length >= 1, 'a GOV.UK error summary');
			assert.equal(errs[0].href, '#formdoc');
			if (typeof want === 'string')
				assert.equal(errs[0].message, want);
			else
				assert.match(errs.map((e) => e.message).join('\n'), want);
			assert.match(r.text, /id="formdoc-error"/);
			assert.match(r.text, /<h1 class="govuk-heading-l">Fill in the form in Word<\/h1>/);
			assert.equal(valuesSnapshot(latestAdvice(s.request).id), before, 'nothing half-imported');
			assert.equal(latestAdvice(s.request).id, ad.id);
			assert.equal(audits('import_advice_form', 'advice_request', s.request), audited);
		});
	}

	test('not by the caseworker', async () => {
		const cw = await signIn('caseworker@demo.test');
		assert.equal((await cw.get(`/requests/${s.request}/form.docx`)).status, 404);
	});
});

describe('the provision check on the advice form', () => {
	test('a vague provision saved shows warnings, and still submits', async () => {
		const id = await newRequest(`Vague${TAG}`);
		const pairs = psychologicalAdvice(TAG).filter(([k]) => !k.startsWith('f.ci_provision.0.'));
		pairs.push(['f.ci_provision.0.what', 'Access to speech therapy as required'],
		    ['f.ci_provision.0.by_whom', 'Speech and language therapist'],
		    ['f.ci_provision.0.how_often', 'Regular sessions'],
		    ['f.ci_provision.0.how_long', 'One year'],
		    ['f.ci_outcomes_long', 'She will follow instructions.']);
		const saved = await postAdvice(s.ep, id, pairs);
		assert.equal(saved.status, 303);
		// The communication task holds the field: warnings under it.
		const task = decodeHtml((await s.ep.get(`/requests/${id}/tasks/2`)).text);
		assert.match(task, /id="f\.ci_provision-provision"/);
		assert.match(task, /Row 1: this provision uses vague wording \(‘access to’\)/);
		assert.match(task, /Row 1: this provision uses vague wording \(‘as required’\)/);
		assert.match(task, /This outcome does not say by when/);
		assert.doesNotMatch(task, /another child|name of a child|council's records/i);
		// The submit page sums them up, linking to the task.
		const sub = decodeHtml((await s.ep.get(`/requests/${id}/submit`)).text);
		assert.match(sub, /Check your outcomes and provision before you submit/);
		assert.match(sub, new RegExp(`href="/requests/${id}/tasks/2#f\\.ci_provision">Provision for communication and interaction</a>: \\d+ warnings`));
		// A warning, never a refusal.
		const done = await postAdvice(s.ep, id, pairs, 'submit');
		assert.equal(done.status, 303, errorSummary(done.text)?.map((e) => e.message).join('; '));
		assert.equal(done.location, `/requests/${id}?submitted=1`);
		assert.equal(requestRow(id).status, 'submitted');
	});

	test('the other-child-name flag is never shown to the professional', async () => {
		const id = await newRequest(`Names${TAG}`);
		// Another demo child's full name in the provision.
		const other = (await import('./lib.mjs')).psql(`SELECT child_given_name || ' ' || child_family_name
		    FROM assessments WHERE child_family_name NOT LIKE 'Names%' ORDER BY id LIMIT 1`);
		await postAdvice(s.ep, id, [['f.ci_provision.0.what', `Same group as ${other}`],
			['f.ci_provision.0.by_whom', 'Teaching assistant'], ['f.ci_provision.0.how_often', 'Daily'],
			['f.ci_provision.0.how_long', 'Until the annual review']]);
		const task = decodeHtml((await s.ep.get(`/requests/${id}/tasks/2`)).text);
		assert.doesNotMatch(task, /id="f\.ci_provision-provision"/);
	});
});
