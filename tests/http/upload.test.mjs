// Attachments to advice: a good file is stored encrypted with its SHA-256
// and comes back byte for byte, as an attachment, only to those who may
// see the request; hostile or unsuitable files are refused with a reason
// and leave no row behind. The type is decided from the content.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { Client, TESTSHIRE_PASSWORD, clearAttempts, h1Of, lit, psql, signIn } from './lib.mjs';
import {
	EP_SERVICE, MISSING, TAG, addDays, api, audits, count, ensureTestshireCaseworker,
	errorSummary, getBytes, num, postAdvice, psychologicalAdvice, textOf, today, upload,
} from './advice-lib.mjs';
import { docx, docxWithMacro, bigPdf, pdf, pdfWithJavaScript, png, program } from '../fixtures/files.mjs';

const MB = 1024 * 1024;
const SECRET = `Confidential psychology findings ${TAG}`;
const s = {};

const sha256 = (b) => createHash('sha256').update(b).digest('hex');

/* The stored row of a document, content and key as bytes. */
function stored(id) {
	const [filename, media, size, sha, key, content] = psql(`SELECT filename || '|' || media_type ||
	    '|' || size || '|' || sha256 || '|' || encode(wrapped_key, 'hex') || '|' ||
	    encode(content, 'hex') FROM documents WHERE id = ${id}`).split('|');
	return { filename, media, size: Number(size), sha, key: Buffer.from(key, 'hex'),
	    content: Buffer.from(content, 'hex') };
}

/* A psychological request of a new assessment, allocated to ep@ (through the API). */
async function newRequest(family) {
	const a = await api('POST', '/api/v1/assessments', {
		child: { given_name: 'Upload', family_name: family, date_of_birth: '2015-06-01' },
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

before(async () => {
	clearAttempts();
	s.ep = await signIn('ep@demo.test');
	s.request = await newRequest(`Files${TAG}`);
});

describe('a good PDF', () => {
	const file = pdf(SECRET);

	test('is stored encrypted, with its size and SHA-256', async () => {
		assert.ok(file.includes(Buffer.from(SECRET)), 'the fixture does not hold its text in the clear');
		const before = count('documents');
		const r = await upload(s.ep, s.request, file, 'report.pdf', 'application/pdf');
		assert.equal(r.status, 303, r.text.slice(0, 500));
		assert.equal(r.location, `/requests/${s.request}/documents?uploaded=1`);
		assert.equal(count('documents'), before + 1);
		s.doc = num(`SELECT max(id) FROM documents WHERE request_id = ${s.request}`);
		const d = stored(s.doc);
		assert.equal(d.filename, 'report.pdf');
		assert.equal(d.media, 'application/pdf');
		assert.equal(d.size, file.length);
		assert.equal(d.sha, sha256(file));
		// Not the plaintext: neither the text nor the PDF header is in the stored bytes.
		assert.ok(d.content.length >= file.length, 'the stored content is shorter than the file');
		assert.ok(!d.content.includes(Buffer.from(SECRET)), 'the PDF\'s text is stored in the clear');
		assert.ok(!d.content.includes(Buffer.from('%PDF-')), 'the PDF header is stored in the clear');
		assert.ok(!d.content.includes(file.subarray(200, 264)), 'a run of the file is stored in the clear');
		assert.ok(d.key.length >= 32, 'no wrapped key');
		assert.equal(audits('upload_document', 'document', s.doc), 1);

		const page = await s.ep.get(`/requests/${s.request}/documents?uploaded=1`);
		assert.ok(page.text.includes(`href="/documents/${s.doc}"`), 'the page does not list the file');
		assert.ok(textOf(page.text).includes('report.pdf'));
	});

	test('each upload has its own key: the same file twice stores different bytes', async () => {
		const r = await upload(s.ep, s.request, file, 'report-copy.pdf', 'application/pdf');
		assert.equal(r.status, 303);
		const copy = num(`SELECT max(id) FROM documents WHERE request_id = ${s.request}`);
		const a = stored(s.doc);
		const b = stored(copy);
		assert.equal(a.sha, b.sha);
		assert.notDeepEqual(a.content, b.content, 'two uploads of one file are stored identically');
		assert.notDeepEqual(a.key, b.key);
		psql(`DELETE FROM documents WHERE id = ${copy}`);
	});

	test('downloads as the same bytes, as an attachment, not cached, not sniffed', async () => {
		const before = audits('download_document', 'document', s.doc);
		const r = await getBytes(s.ep, `/documents/${s.doc}`);
		assert.equal(r.status, 200);
		assert.ok(r.body.equals(file), 'the download differs from the upload');
		assert.equal(r.headers.get('content-type'), 'application/pdf');
		assert.match(r.headers.get('content-disposition'), /^attachment; filename="report\.pdf"/);
		assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
		assert.match(r.headers.get('cache-control') || '', /no-store/);
		assert.equal(audits('download_document', 'document', s.doc), before + 1);
	});

	test('the caseworker and the EP lead may download it once it is submitted', async () => {
		const readers = [];
		for (const email of ['caseworker@demo.test', 'eplead@demo.test', 'manager@demo.test'])
			readers.push([email, await signIn(email)]);
		// A draft's file is its author's alone (tests/http/limits.test.mjs).
		for (const [email, c] of readers)
			assert.equal((await getBytes(c, `/documents/${s.doc}`)).status, 404, email);
		// Version 1 submitted with it: the database records what it had.
		psql(`INSERT INTO advice (request_id, version, template_id, template_version, author_id)
		    SELECT id, 1, template_id, template_version, professional_id
		    FROM advice_requests WHERE id = ${s.request}`);
		psql(`UPDATE advice SET status = 'submitted', submitted_at = now()
		    WHERE request_id = ${s.request} AND version = 1 AND status = 'draft'`);
		for (const [email, c] of readers) {
			const r = await getBytes(c, `/documents/${s.doc}`);
			assert.equal(r.status, 200, email);
			assert.ok(r.body.equals(file), email);
		}
	});

	test('another EP, another service, another council, or nobody: 404 like a missing file', async () => {
		const before = audits('download_document', 'document', s.doc);
		ensureTestshireCaseworker();
		const callers = [];
		for (const email of ['ep2@demo.test', 'health@demo.test', 'dco@demo.test', 'senco@demo.test',
		    'parent@demo.test', 'school@demo.test', 'admin@demo.test'])
			callers.push([email, await signIn(email)]);
		callers.push(['caseworker@test.test', await signIn('caseworker@test.test', TESTSHIRE_PASSWORD)]);
		for (const [email, c] of callers) {
			const r = await c.get(`/documents/${s.doc}`);
			const m = await c.get(`/documents/${MISSING}`);
			assert.equal(r.status, 404, `${email}: ${r.status}`);
			assert.equal(r.text, m.text, `${email}: differs from a missing file`);
			assert.equal(h1Of(r.text), 'Page not found');
			assert.ok(!r.text.includes(SECRET));
		}
		const anon = await new Client().get(`/documents/${s.doc}`);
		assert.equal(anon.status, 303);
		assert.equal(anon.location, '/sign-in');
		assert.equal(audits('download_document', 'document', s.doc), before, 'a refused download was audited');
	});

	test('a tampered ciphertext is refused, never served', async () => {
		const r0 = await upload(s.ep, s.request, pdf(`Tamper ${TAG}`), 'tamper.pdf', 'application/pdf');
		assert.equal(r0.status, 303);
		const id = num(`SELECT max(id) FROM documents WHERE request_id = ${s.request}`);
		psql(`UPDATE documents SET content = set_byte(content, length(content) / 2,
		    (get_byte(content, length(content) / 2) + 1) % 256) WHERE id = ${id}`);
		const r = await getBytes(s.ep, `/documents/${id}`);
		assert.equal(r.status, 500);
		assert.ok(!r.body.includes(Buffer.from(`Tamper ${TAG}`)), 'tampered content was served');
		assert.notEqual(r.headers.get('content-type'), 'application/pdf');
		psql(`DELETE FROM documents WHERE id = ${id}`);
	});
});

describe('the type comes from the content', () => {
	test('a PNG named scan.pdf and sent as application/pdf is stored as a PNG', async () => {
		const image = png();
		const r = await upload(s.ep, s.request, image, 'scan.pdf', 'application/pdf');
		assert.equal(r.status, 303, r.text.slice(0, 500));
		const id = num(`SELECT max(id) FROM documents WHERE request_id = ${s.request}`);
		const d = stored(id);
		assert.equal(d.media, 'image/png');
		assert.equal(d.sha, sha256(image));
		const g = await getBytes(s.ep, `/documents/${id}`);
		assert.equal(g.headers.get('content-type'), 'image/png');
		assert.ok(g.body.equals(image));
	});

	test('a clean DOCX is accepted', async () => {
		const file = docx(`Speech report ${TAG}`);
		const r = await upload(s.ep, s.request, file, 'speech.docx',
		    'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
		assert.equal(r.status, 303, r.text.slice(0, 500));
		const d = stored(num(`SELECT max(id) FROM documents WHERE request_id = ${s.request}`));
		assert.equal(d.media, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
		assert.ok(!d.content.includes(Buffer.from(`Speech report ${TAG}`)));
	});
});

describe('refused uploads: a reason, and nothing stored', () => {
	const cases = [
		['a PDF with JavaScript', () => pdfWithJavaScript(`Scripted ${TAG}`), 'scripted.pdf',
		    'application/pdf', /^The file contains JavaScript$/],
		['a DOCX with a macro (vbaProject.bin)', () => docxWithMacro(`Macro ${TAG}`), 'macro.docx',
		    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		    /^The file contains macros$/],
		['a program renamed report.pdf', program, 'report.pdf', 'application/pdf',
		    /^The selected file must be a PDF, DOCX, ODT, PNG or JPEG$/],
		['an empty file', () => Buffer.alloc(0), 'empty.pdf', 'application/pdf',
		    /^Select a file to upload$/],
		['a 26 MB PDF (the limit is 25 MB)', () => bigPdf(26 * MB), 'huge.pdf', 'application/pdf',
		    /^The selected file must be smaller than 25 MB$/],
	];

	for (const [what, make, filename, type, message] of cases) {
		test(what, async () => {
			const data = make();
			const docs = count('documents');
			const mine = count('documents', `request_id = ${s.request}`);
			const uploads = count('audit_log', `action = 'upload_document'`);
			const named = count('documents', `filename = ${lit(filename)}`);
			const r = await upload(s.ep, s.request, data, filename, type);
			assert.equal(r.status, 422, `${what}: ${r.status}`);
			const errors = errorSummary(r.text);
			assert.ok(errors, `${what}: no error summary`);
			assert.equal(errors.length, 1);
			assert.equal(errors[0].href, '#file');
			assert.match(errors[0].message, message);
			assert.match(r.text, /id="file-error"/, 'no inline error');
			assert.match(r.text, /<title>Error: /);
			// The page is still the form, ready for another try.
			assert.ok(r.text.includes(`action="/requests/${s.request}/documents"`));
			assert.equal(count('documents'), docs, `${what}: a row was written`);
			assert.equal(count('documents', `request_id = ${s.request}`), mine);
			assert.equal(count('audit_log', `action = 'upload_document'`), uploads);
			assert.equal(count('documents', `filename = ${lit(filename)}`), named);
		});
	}

	test('no file part at all', async () => {
		const docs = count('documents');
		const csrf = await s.ep.csrfFrom(`/requests/${s.request}`);
		const fd = new FormData();
		fd.append('csrf', csrf);
		const r = await s.ep.request('POST', `/requests/${s.request}/documents`, { body: fd });
		assert.equal(r.status, 422);
		assert.equal(errorSummary(r.text)?.[0]?.message, 'Select a file to upload');
		assert.equal(count('documents'), docs);
	});

	test('another EP cannot attach to the request: 404, nothing stored', async () => {
		const ep2 = await signIn('ep2@demo.test');
		const docs = count('documents');
		const csrf = await ep2.csrfFrom('/inbox');
		const fd = new FormData();
		fd.append('csrf', csrf);
		fd.append('file', new Blob([pdf('Wrong EP')], { type: 'application/pdf' }), 'wrong.pdf');
		const r = await ep2.request('POST', `/requests/${s.request}/documents`, { body: fd });
		assert.equal(r.status, 404);
		assert.equal(count('documents'), docs);
	});

	test('without the CSRF token: 403, nothing stored', async () => {
		const docs = count('documents');
		const fd = new FormData();
		fd.append('file', new Blob([pdf('No token')], { type: 'application/pdf' }), 'notoken.pdf');
		const r = await s.ep.request('POST', `/requests/${s.request}/documents`, { body: fd });
		assert.equal(r.status, 403);
		assert.equal(count('documents'), docs);
	});

	test('once the advice is submitted, nothing more can be attached', async () => {
		const id = await newRequest(`Closed${TAG}`);
		const sub = await postAdvice(s.ep, id, psychologicalAdvice(`${TAG}-closed`), 'submit');
		assert.equal(sub.status, 303, sub.text.slice(0, 500));
		const csrf = await s.ep.csrfFrom('/inbox');
		const fd = new FormData();
		fd.append('csrf', csrf);
		fd.append('file', new Blob([pdf('Late')], { type: 'application/pdf' }), 'late.pdf');
		const docs = count('documents');
		const r = await s.ep.request('POST', `/requests/${id}/documents`, { body: fd });
		assert.equal(r.status, 404);
		assert.equal(count('documents'), docs);
	});
});

describe('audit', () => {
	test('upload_document and download_document rows name the document and the account', () => {
		const ep = num(`SELECT id FROM accounts WHERE email = 'ep@demo.test'`);
		assert.equal(num(`SELECT count(*) FROM audit_log WHERE action = 'upload_document'
		    AND object_type = 'document' AND object_id = ${s.doc} AND account_id = ${ep}
		    AND detail = 'pdf'`), 1);
		assert.ok(num(`SELECT count(*) FROM audit_log WHERE action = 'download_document'
		    AND object_type = 'document' AND object_id = ${s.doc} AND account_id = ${ep}`) >= 1);
		const cw = num(`SELECT id FROM accounts WHERE email = 'caseworker@demo.test'`);
		assert.ok(num(`SELECT count(*) FROM audit_log WHERE action = 'download_document'
		    AND object_id = ${s.doc} AND account_id = ${cw}`) >= 1);
	});
});

// Issue 14, item 3: whatever the uploader called a file, it is stored, listed and
// downloaded under the extension of the type found in it, without bidi or other
// format characters; polyglots and image headers on markup are refused.
describe('the name comes from the content too', () => {
	const latest = () => num(`SELECT max(id) FROM documents WHERE request_id = ${s.request}`);
	const BIDI = /[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

	/* Uploads file as filename; checks the stored, listed, downloaded name is want. */
	async function named(file, filename, want) {
		const r = await upload(s.ep, s.request, file, filename, 'application/octet-stream');
		assert.equal(r.status, 303, `${filename}: ${r.status} ${r.text.slice(0, 300)}`);
		const id = latest();
		const d = stored(id);
		assert.equal(d.filename, want);
		const page = await s.ep.get(`/requests/${s.request}/documents`);
		const link = new RegExp(`href="/documents/${id}">([^<]*)<`).exec(page.text);
		assert.ok(link, 'the page does not list the file');
		assert.equal(link[1], want);
		assert.ok(!BIDI.test(page.text), 'a bidi control reached the page');
		const g = await getBytes(s.ep, `/documents/${id}`);
		assert.equal(g.status, 200);
		assert.ok(g.body.equals(file));
		const cd = g.headers.get('content-disposition');
		const ext = want.slice(want.lastIndexOf('.'));
		assert.match(cd, new RegExp(`^attachment; filename="[^"]*\\${ext}"; filename\\*=UTF-8''[^;]*\\${ext}$`));
		assert.ok(!/%E2%80%A[A-E]|%E2%81%A[6-9]|%E2%80%8[EF]/i.test(cd), `bidi control in ${cd}`);
		const listed = await api('GET', `/api/v1/advice-requests/${s.request}`);
		if (listed.status === 200 && listed.json?.attachments)
			for (const a of listed.json.attachments)
				assert.ok(!BIDI.test(a.filename), 'a bidi control reached the API');
		return { id, cd };
	}

	test('a PDF named report.hta downloads as report.pdf', async () => {
		const { cd } = await named(pdf(`Hta ${TAG}`), 'report.hta', 'report.pdf');
		assert.match(cd, /^attachment; filename="report\.pdf"; filename\*=UTF-8''report\.pdf$/);
	});

	test('a right-to-left override cannot disguise the extension', async () => {
		await named(pdf(`Rlo ${TAG}`), 'harmless\u202Efdp.exe', 'harmlessfdp.pdf');
		await named(pdf(`Isolates ${TAG}`), '\u2067cv\u2069 \u200Fnotes\u061C.docm', 'cv notes.pdf');
	});

	test('a PNG named scan.pdf is stored as scan.png', async () => {
		await named(png(), 'scan.pdf', 'scan.png');
	});

	test('a DOCX keeps its own extension; a name of spaces becomes document.docx', async () => {
		await named(docx(`Named ${TAG}`), 'Speech Report.DOCX', 'Speech Report.DOCX');
		await named(docx(`Blank ${TAG}`), '\u202E . ', 'document.docx');
	});

	// Issue 14 (lower): the name was cut at 255 bytes inside a UTF-8 character and the
	// database refused the row: a 503 instead of the upload.
	test('a name over 255 bytes is cut at a character boundary and kept', async () => {
		// Each prefix puts the 256th byte inside a character.
		for (const [prefix, ch] of [['ab', '日'], ['x', '📄'], ['', 'é']]) {
			const filename = prefix + ch.repeat(300) + '.pdf';
			const r = await upload(s.ep, s.request, pdf(`Long ${TAG}`), filename, 'application/pdf');
			assert.equal(r.status, 303, `${prefix}: ${r.status} ${r.text.slice(0, 300)}`);
			const d = stored(latest());
			assert.ok(Buffer.byteLength(d.filename) <= 255, `${Buffer.byteLength(d.filename)} bytes`);
			assert.ok(d.filename.endsWith(`${ch}.pdf`), d.filename.slice(-12));
			assert.ok(d.filename.startsWith(prefix + ch));
		}
	});

	const html = Buffer.from('<!DOCTYPE html><html><head><hta:application id="x"/><script>' +
	    'new ActiveXObject("WScript.Shell").Run("calc")</script></head></html>\n');
	const refused = [
		['a PDF+HTML polyglot (HTML after %%EOF)', () => Buffer.concat([pdf(`Poly ${TAG}`), html]),
		    'report.hta', /^The file has web page code hidden in it$/],
		['a PDF with a macro document appended', () => Buffer.concat([pdf(`Zip ${TAG}`), docxWithMacro('x')]),
		    'report.docm', /^The file has an archive hidden in it$/],
		['a PNG header on a web page', () => Buffer.concat([png().subarray(0, 33), html]), 'page.html',
		    /^The image is damaged or is not a PNG or JPEG$/],
		['a JPEG header on a web page', () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), html]),
		    'page.html', /^The image is damaged or is not a PNG or JPEG$/],
		['a PNG with a web page after IEND', () => Buffer.concat([png(), html]), 'image.png',
		    /^The file has web page code hidden in it$/],
	];
	for (const [what, make, filename, message] of refused) {
		test(`refused: ${what}, nothing stored`, async () => {
			const docs = count('documents');
			const uploads = count('audit_log', `action = 'upload_document'`);
			const r = await upload(s.ep, s.request, make(), filename, 'application/octet-stream');
			assert.equal(r.status, 422, `${what}: ${r.status}`);
			const errors = errorSummary(r.text);
			assert.equal(errors?.length, 1, `${what}: no error summary`);
			assert.equal(errors[0].href, '#file');
			assert.match(errors[0].message, message);
			assert.match(r.text, /id="file-error"/, 'no inline error');
			assert.equal(count('documents'), docs, `${what}: a row was written`);
			assert.equal(count('audit_log', `action = 'upload_document'`), uploads);
		});
	}
});
