// Error pages never repeat anything from the request.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';

import { Client, clearAttempts, h1Of, rawGet, signIn } from './lib.mjs';

const MARKER = 'zqx7marker';

before(() => clearAttempts());

function assertNoEcho(r, what) {
	assert.ok(!r.text.includes(MARKER), `${what}: the response repeats the marker`);
	assert.ok(!/alert\(1\)/.test(r.text), `${what}: the response repeats the script`);
	assert.ok(!/%3Cscript/i.test(r.text), `${what}: the response repeats the encoded script`);
	const entries = typeof r.headers.entries === 'function' ? [...r.headers.entries()] : Object.entries(r.headers);
	for (const [k, v] of entries)
		assert.ok(!String(v).includes(MARKER), `${what}: header ${k} repeats the marker`);
}

test('raw <script> in the path', async () => {
	const r = await rawGet(`/<script>alert(1)</script>${MARKER}`);
	assert.ok(r.status === 404 || r.status === 400, `status ${r.status}`);
	assertNoEcho(r, 'raw path');
});

test('percent-encoded <script> in the path', async () => {
	const r = await new Client().get(`/%3Cscript%3Ealert(1)%3C/script%3E${MARKER}`);
	assert.equal(r.status, 404);
	assert.equal(h1Of(r.text), 'Page not found');
	assertNoEcho(r, 'encoded path');
});

test('marker in the query string of a 404 and of a page', async () => {
	for (const p of [`/no-such-page?q=${MARKER}&${MARKER}=1`, `/sign-in?next=${MARKER}`,
	    `/accessibility?${MARKER}`, `/?${MARKER}`]) {
		const r = await new Client().get(p);
		assertNoEcho(r, p);
	}
});

test('raw quotes and tags in the query string', async () => {
	const r = await rawGet(`/no-such-page?"><script>alert(1)</script>${MARKER}`);
	assert.ok(r.status === 404 || r.status === 400, `status ${r.status}`);
	assertNoEcho(r, 'raw query');
});

test('403 and 405 pages do not repeat the form', async () => {
	const c = new Client();
	await c.get('/sign-in');
	const r403 = await c.post('/sign-in', { csrf: MARKER, email: `${MARKER}@x.test`, password: MARKER });
	assert.equal(r403.status, 403);
	assertNoEcho(r403, '403');
	const r405 = await c.post(`/accessibility?${MARKER}`, { x: MARKER });
	assert.equal(r405.status, 405);
	assertNoEcho(r405, '405');
});

test('a signed-in 404 does not repeat the path either', async () => {
	const c = await signIn('caseworker@demo.test');
	const r = await c.get(`/caseworker/${MARKER}?x=${MARKER}`);
	assert.equal(r.status, 404);
	assertNoEcho(r, 'signed-in 404');
});

test('malformed form bodies answer 400 without echo', async () => {
	const c = new Client();
	const csrf = await c.csrfFrom('/sign-in');
	for (const body of [`csrf=${csrf}&email=%ZZ${MARKER}`, `csrf=${csrf}&email=%00${MARKER}`,
	    `csrf=${csrf}&email=%C3%28${MARKER}`]) {
		const r = await c.request('POST', '/sign-in', { body,
		    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		assert.equal(r.status, 400, body);
		assertNoEcho(r, body);
	}
});
