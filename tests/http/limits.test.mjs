// Issue 14: what a request may make a worker hold, and what a draft shows.
//  * Bodies: 64 KB for every route but advice forms, API calls and uploads,
//    decided from the head before the body is read (portal/web/bodylimit.c);
//    an upload only for a signed-in author; an upload of up to four times
//    the file limit is answered on the page with the GOV.UK error.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { readFileSync } from 'node:fs';

import { BASE_URL, clearAttempts, psql, signIn } from './lib.mjs';
import {
	EP_SERVICE, TAG, addDays, api, count, errorSummary, num, postAdvice, postFrom,
	psychologicalAdvice, today, upload,
} from './advice-lib.mjs';
import { bigPdf, pdf } from '../fixtures/files.mjs';

const MB = 1024 * 1024;
const { hostname, port } = new URL(BASE_URL);
const s = {};

/*
 * Sends the head of a POST with that Content-Length and then bodyBytes of
 * body (in 64 KB pieces, as long as the server reads), and resolves with
 * the status of the answer and the ms from the head to the answer.
 */
function rawPost(path, length, { bodyBytes = 0, cookie = '', type = 'application/x-www-form-urlencoded' } = {}) {
	return new Promise((resolve) => {
		const sock = net.connect(Number(port), hostname);
		let answer = '', t0 = 0, sent = 0, done = false;
		const piece = Buffer.alloc(64 * 1024, 0x61);
		const finish = (status) => {
			if (done)
				return;
			done = true;
			clearTimeout(timer);
			sock.destroy();
			resolve({ status, ms: Date.now() - t0, sent });
		};
		const timer = setTimeout(() => finish(0), 10000);
		/* A piece at a time, and only while nothing has been answered. */
		const pump = () => {
			if (done || answer || sent >= bodyBytes)
				return;
			const n = Math.min(piece.length, bodyBytes - sent);
			sent += n;
			sock.write(piece.subarray(0, n), () => setImmediate(pump));
		};
		sock.on('connect', () => {
			t0 = Date.now();
			sock.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: ${type}\r\n` +
			    (cookie ? `Cookie: ${cookie}\r\n` : '') + `Content-Length: ${length}\r\n\r\n`);
			setTimeout(pump, 500);
		});
		sock.on('data', (d) => {
			answer += d;
			if (answer.includes('\r\n'))
				finish(Number(answer.split(' ')[1]));
		});
		/* The server may close as soon as it has answered. */
		sock.on('error', () => setTimeout(() => finish(answer ? Number(answer.split(' ')[1]) : -1), 50));
		sock.on('close', () => setTimeout(() => finish(answer ? Number(answer.split(' ')[1]) : -1), 50));
	});
}

/* Resident memory of the portal's Kore workers together, in MB (from /proc). */
function workersRssMb() {
	const parent = readFileSync(`${process.env.TEST_VAR}/portal.pid`, 'utf8').trim();
	const kids = readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8').trim().split(/\s+/);
	let kb = 0;
	for (const p of kids) {
		try {
			if (!/wrk/.test(readFileSync(`/proc/${p}/cmdline`, 'utf8')))
				continue;
			kb += Number(readFileSync(`/proc/${p}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]);
		} catch { /* gone */ }
	}
	return kb / 1024;
}

/* A psychological request of a new assessment, allocated to ep@ (through the API). */
async function newRequest(family) {
	const a = await api('POST', '/api/v1/assessments', {
		child: { given_name: 'Limits', family_name: family, date_of_birth: '2015-06-01' },
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
	s.request = await newRequest(`Limits${TAG}`);
});

describe('bodies without a session', () => {
	test('POST /sign-in with a 1 MB body: 413 from the head, the body unread', async () => {
		const r = await rawPost('/sign-in', MB);
		assert.equal(r.status, 413);
		assert.ok(r.ms < 2000, `answered after ${r.ms} ms`);
	});

	test('any small form over 64 KB: 413 at once', async () => {
		for (const p of ['/sign-in', '/password-reset', '/assessments', '/requests/1/accept'])
			assert.equal((await rawPost(p, 64 * 1024 + 1)).status, 413, p);
	});

	test('the upload route without a session, or with a made-up one: 413 without reading 30 MB', async () => {
		for (const cookie of ['', `portal_session=${'A'.repeat(43)}`]) {
			const r = await rawPost(`/requests/${s.request}/documents`, 30 * MB,
			    { cookie, type: 'multipart/form-data; boundary=x' });
			assert.equal(r.status, 413, `cookie "${cookie}"`);
			assert.ok(r.ms < 2000, `answered after ${r.ms} ms`);
		}
	});

	test('8 connections sending 30 MB bodies to /sign-in: the workers stay small', async () => {
		const before = workersRssMb();
		const all = await Promise.all(Array.from({ length: 8 },
		    () => rawPost('/sign-in', 30 * MB, { bodyBytes: 4 * MB })));
		const after = workersRssMb();
		assert.deepEqual(all.map((r) => r.status), Array(8).fill(413));
		assert.ok(after - before < 8, `workers grew from ${before.toFixed(1)} to ${after.toFixed(1)} MB`);
	});
});

test('anonymous advice-form bodies over 64 KB: at most 4 held per worker, the rest 413 at once', async () => {
	// Ten connections send the head of a 3 MB advice form and hold (a
	// body sent after a 413 could make the closing server reset the
	// connection before the answer is read).
	const socks = [];
	for (let i = 0; i < 10; i++) {
		const sock = net.connect(Number(port), hostname);
		await new Promise((r) => sock.once('connect', r));
		const x = { sock, answer: '' };
		sock.on('data', (d) => { x.answer += d; });
		sock.on('error', () => {});
		sock.write(`POST /requests/${s.request}/advice HTTP/1.1\r\nHost: ${hostname}\r\n` +
		    `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${3 * MB}\r\n\r\n`);
		socks.push(x);
	}
	await new Promise((r) => setTimeout(r, 1000));
	const refused = socks.filter((x) => x.answer.startsWith('HTTP/1.1 413')).length;
	const waiting = socks.filter((x) => x.answer === '').length;
	socks.forEach((x) => x.sock.destroy());
	assert.equal(refused + waiting, 10);
	assert.ok(waiting <= 8 && refused >= 2, `${waiting} held, ${refused} refused`);
});

describe('bodies of a signed-in author', () => {
	test('an advice form over 64 KB is still saved', async () => {
		// Every long field near its limit in two-byte letters (6 bytes urlencoded each).
		const form = psychologicalAdvice(`Big${TAG}`).map(([k, v]) =>
		    [k, /needs|background|summary|methods/.test(k) ? `${v} ${'é'.repeat(4000)}` : v]);
		const size = new URLSearchParams(form).toString().length;
		assert.ok(size > 64 * 1024, `the form is only ${size} bytes`);
		const r = await postAdvice(s.ep, s.request, form);
		assert.equal(r.status, 303, `${r.status} ${r.text.slice(0, 300)}`);
	});

	for (const mb of [26, 40, 50]) {
		test(`a ${mb} MB PDF (limit 25 MB): the GOV.UK error on the form, nothing stored`, async () => {
			const docs = count('documents');
			const r = await upload(s.ep, s.request, bigPdf(mb * MB), 'huge.pdf', 'application/pdf');
			assert.equal(r.status, 422, `${r.status} ${r.text.slice(0, 200)}`);
			assert.deepEqual(errorSummary(r.text),
			    [{ href: '#file', message: 'The selected file must be smaller than 25 MB' }]);
			assert.match(r.text, /id="file-error"[^]*The selected file must be smaller than 25 MB/);
			assert.equal(count('documents'), docs);
		});
	}

	test('over four times the limit: 413 from the head', async () => {
		const r = await rawPost(`/requests/${s.request}/documents`, 101 * MB,
		    { cookie: s.ep.cookieHeader(), type: 'multipart/form-data; boundary=x' });
		assert.equal(r.status, 413);
		assert.ok(r.ms < 2000, `answered after ${r.ms} ms`);
	});
});

// Issue 14 item 7 and "attachments are not versioned": a draft's attachment
// is its author's alone until submission (404 for everyone else, audited,
// not listed on the page or by the API); a submitted version keeps the
// attachments it was submitted with, whatever the author does after a return.
describe('draft attachments and submitted versions', () => {
	const v = {};
	const refusals = (doc) => count('audit_log',
	    `action = 'refuse_draft_document' AND object_type = 'document' AND object_id = ${doc}`);
	const docIds = (html) => [...html.matchAll(/href="\/documents\/(\d+)"/g)].map((m) => Number(m[1]));

	before(async () => {
		v.request = await newRequest(`Drafts${TAG}`);
		v.cw = await signIn('caseworker@demo.test');
		v.manager = await signIn('manager@demo.test');
		v.lead = await signIn('eplead@demo.test');
		const r = await upload(s.ep, v.request, pdf(`Draft finding ${TAG}`), 'draft-notes.pdf', 'application/pdf');
		assert.equal(r.status, 303, r.text.slice(0, 300));
		v.doc = num(`SELECT max(id) FROM documents WHERE request_id = ${v.request}`);
	});

	test('caseworker, manager and service lead: 404 for the draft\'s attachment, each refusal audited', async () => {
		for (const who of [v.cw, v.manager, v.lead]) {
			const before = refusals(v.doc);
			assert.equal((await who.get(`/documents/${v.doc}`)).status, 404);
			assert.equal(refusals(v.doc), before + 1);
			const page = await who.get(`/requests/${v.request}`);
			assert.equal(page.status, 200);
			assert.deepEqual(docIds(page.text), []);
			assert.ok(!page.text.includes('draft-notes.pdf'), 'the page names the draft\'s file');
		}
		// Its author still has it.
		assert.equal((await s.ep.get(`/documents/${v.doc}`)).status, 200);
		assert.deepEqual(docIds((await s.ep.get(`/requests/${v.request}/documents`)).text), [v.doc]);
	});

	test('the API lists no draft attachment', async () => {
		const r = await api('GET', `/api/v1/advice-requests/${v.request}`);
		assert.equal(r.status, 200);
		assert.deepEqual(r.json.attachments, []);
		assert.ok(!r.text.includes('draft-notes.pdf'));
	});

	test('once submitted, the attachment is visible to the council and the API', async () => {
		const sub = await postAdvice(s.ep, v.request, psychologicalAdvice(`V1${TAG}`), 'submit');
		assert.equal(sub.status, 303, sub.text.slice(0, 300));
		assert.equal((await v.cw.get(`/documents/${v.doc}`)).status, 200);
		assert.deepEqual(docIds((await v.cw.get(`/requests/${v.request}`)).text), [v.doc]);
		const r = await api('GET', `/api/v1/advice-requests/${v.request}`);
		assert.deepEqual(r.json.attachments.map((a) => a.id), [v.doc]);
	});

	test('after a return the author replaces the file: version 1 keeps the one it was submitted with', async () => {
		const ret = await postFrom(v.cw, `/requests/${v.request}`, `/requests/${v.request}/return`,
		    { message: 'Please add the cognitive assessment scores.' });
		assert.equal(ret.status, 303, ret.text.slice(0, 300));
		const del = await postFrom(s.ep, `/requests/${v.request}`, `/documents/${v.doc}/delete`, {});
		assert.equal(del.status, 303, del.text.slice(0, 300));
		const up = await upload(s.ep, v.request, pdf(`Replacement ${TAG}`), 'replacement.pdf', 'application/pdf');
		assert.equal(up.status, 303);
		v.doc2 = num(`SELECT max(id) FROM documents WHERE request_id = ${v.request}`);
		assert.notEqual(v.doc2, v.doc);

		// The author's draft has only the replacement; the first file is kept.
		assert.deepEqual(docIds((await s.ep.get(`/requests/${v.request}/documents`)).text), [v.doc2]);
		assert.equal(count('documents', `id = ${v.doc}`), 1);
		// Version 1, for the caseworker: the file it was submitted with, still downloadable.
		const one = await v.cw.get(`/requests/${v.request}/versions/1`);
		assert.equal(one.status, 200);
		assert.deepEqual(docIds(one.text), [v.doc]);
		assert.equal((await v.cw.get(`/documents/${v.doc}`)).status, 200);
		// The replacement is a draft's: refused and audited.
		const before = refusals(v.doc2);
		assert.equal((await v.cw.get(`/documents/${v.doc2}`)).status, 404);
		assert.equal(refusals(v.doc2), before + 1);
		const r = await api('GET', `/api/v1/advice-requests/${v.request}`);
		assert.ok(!r.text.includes('replacement.pdf'), 'the API lists the draft\'s replacement');
	});

	test('version 2 has the replacement only; version 1 is unchanged', async () => {
		const sub = await postAdvice(s.ep, v.request, psychologicalAdvice(`V2${TAG}`), 'submit');
		assert.equal(sub.status, 303, sub.text.slice(0, 300));
		assert.deepEqual(docIds((await v.cw.get(`/requests/${v.request}/versions/2`)).text), [v.doc2]);
		assert.deepEqual(docIds((await v.cw.get(`/requests/${v.request}/versions/1`)).text), [v.doc]);
		assert.equal((await v.cw.get(`/documents/${v.doc2}`)).status, 200);
	});

	test('the database refuses to delete a file a version was submitted with', () => {
		assert.throws(() => psql(`DELETE FROM documents WHERE id = ${v.doc}`), /foreign key|violates/);
		assert.equal(count('documents', `id = ${v.doc}`), 1);
	});
});

// Issue 14: the new-request form names the child, so opening it is audited.
test('GET /assessments/{id}/requests/new writes an audit row', async () => {
	const cw = await signIn('caseworker@demo.test');
	const a = num(`SELECT assessment_id FROM advice_requests WHERE id = ${s.request}`);
	const rows = () => count('audit_log', `action = 'view_request_form' AND object_type = 'assessment'
	    AND object_id = ${a} AND account_id = ${num("SELECT id FROM accounts WHERE email = 'caseworker@demo.test'")}`);
	const before = rows();
	const page = await cw.get(`/assessments/${a}/requests/new`);
	assert.equal(page.status, 200);
	assert.ok(page.text.includes('Limits'), 'the page does not name the child');
	assert.equal(rows(), before + 1);
});

// At most two uploads held per worker: a third at the same time on the same
// worker is read and thrown away, and answered on the form (busy), never 413.
test('uploads held at once are capped per worker; the rest are told the portal is busy', async () => {
	const ep = await signIn('ep@demo.test');
	const csrf = await ep.csrfFrom(`/requests/${s.request}`);
	const boundary = 'limitsboundary';
	const headPart = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n` +
	    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n` +
	    `Content-Type: application/pdf\r\n\r\n`);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const fileLen = 5 * MB;
	const length = headPart.length + fileLen + tail.length;
	// Five uploads started together (the two workers take connections in
	// turn): each sends its first megabyte, then waits until all have.
	const socks = [];
	for (let i = 0; i < 5; i++) {
		const sock = net.connect(Number(port), hostname);
		await new Promise((r) => sock.once('connect', r));
		const x = { sock, answer: '' };
		sock.on('data', (d) => { x.answer += d; });
		sock.on('error', () => {});
		sock.write(`POST /requests/${s.request}/documents HTTP/1.1\r\nHost: ${hostname}\r\n` +
		    `Cookie: ${ep.cookieHeader()}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
		    `Content-Length: ${length}\r\n\r\n`);
		sock.write(headPart);
		sock.write(Buffer.alloc(MB, 0x41));
		socks.push(x);
	}
	await new Promise((r) => setTimeout(r, 500));
	for (const x of socks) {
		x.sock.write(Buffer.alloc(fileLen - MB, 0x41));
		x.sock.write(tail);
	}
	const deadline = Date.now() + 20000;
	while (socks.some((x) => !/\r\n\r\n[^]*<\/html>/.test(x.answer)) && Date.now() < deadline)
		await new Promise((r) => setTimeout(r, 100));
	socks.forEach((x) => x.sock.destroy());
	const statuses = socks.map((x) => Number(x.answer.split(' ')[1]));
	assert.ok(!statuses.includes(413), `statuses ${statuses}`);
	const busy = socks.filter((x) => x.answer.startsWith('HTTP/1.1 503'));
	assert.ok(busy.length >= 1, `no upload was told the portal is busy: ${statuses}`);
	assert.ok(statuses.filter((st) => st === 422).length >= 2, `statuses ${statuses}`);
	for (const x of busy)
		assert.match(x.answer, /The file could not be received because the portal is busy/);
});
