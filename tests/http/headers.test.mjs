// Security headers on pages, error pages, redirects and assets; asset
// serving (types, ETag, 304, 404).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, Client, assertSecurityHeaders, clearAttempts, rawGet, signIn } from './lib.mjs';

before(() => clearAttempts());

describe('security headers', () => {
	test('public page (/sign-in)', async () => {
		const r = await new Client().get('/sign-in');
		assert.equal(r.status, 200);
		assertSecurityHeaders(r, '/sign-in');
		assert.equal(r.headers.get('cache-control'), 'no-store');
		assert.equal(r.headers.get('x-frame-options'), 'DENY');
		assert.match(r.headers.get('content-type'), /^text\/html; charset=utf-8$/i);
	});

	test('signed-in page', async () => {
		const c = await signIn('caseworker@demo.test');
		const r = await c.get('/caseworker');
		assert.equal(r.status, 200);
		assertSecurityHeaders(r, '/caseworker');
		assert.equal(r.headers.get('cache-control'), 'no-store');
	});

	test('error pages (404, 403, 405)', async () => {
		const c = new Client();
		const r404 = await c.get('/no-such-page');
		assert.equal(r404.status, 404);
		assertSecurityHeaders(r404, '404');
		assert.equal(r404.headers.get('cache-control'), 'no-store');
		assert.match(r404.headers.get('content-type'), /^text\/html/);

		const r403 = await c.post('/sign-in', { email: 'a@b.test', password: 'x' });
		assert.equal(r403.status, 403);
		assertSecurityHeaders(r403, '403');
		assert.equal(r403.headers.get('cache-control'), 'no-store');

		const r405 = await c.post('/accessibility', {});
		assert.equal(r405.status, 405);
		assertSecurityHeaders(r405, '405');
	});

	test('redirects', async () => {
		const r = await new Client().get('/');
		assert.equal(r.status, 303);
		assertSecurityHeaders(r, 'redirect');
	});

	test('no server version is disclosed', async () => {
		const r = await new Client().get('/sign-in');
		const server = r.headers.get('server') || '';
		assert.doesNotMatch(server, /kore\s*\/?\s*\d|\d+\.\d+/i, `server header: ${server}`);
		assert.equal(r.headers.get('x-powered-by'), null);
	});
});

describe('assets', () => {
	const css = '/assets/govuk/portal.css';

	test('stylesheet: text/css, ETag, security headers', async () => {
		const r = await new Client().get(css);
		assert.equal(r.status, 200);
		assert.match(r.headers.get('content-type'), /^text\/css/);
		assert.ok(r.text.length > 1000, 'stylesheet is nearly empty');
		assert.match(r.text, /govuk-/);
		assert.ok(r.headers.get('etag'), 'no ETag');
		assertSecurityHeaders(r, css);
		assert.notEqual(r.headers.get('cache-control'), 'no-store');
	});

	test('304 on If-None-Match with the ETag, 200 otherwise', async () => {
		const c = new Client();
		const first = await c.get(css);
		const etag = first.headers.get('etag');
		const again = await c.get(css, { headers: { 'if-none-match': etag } });
		assert.equal(again.status, 304);
		assert.equal(again.text, '');
		const other = await c.get(css, { headers: { 'if-none-match': '"0000000000000000"' } });
		assert.equal(other.status, 200);
	});

	test('scripts are served as JavaScript', async () => {
		const r = await new Client().get('/assets/govuk/init.js');
		assert.equal(r.status, 200);
		assert.match(r.headers.get('content-type'), /^(text|application)\/javascript/);
	});

	test('missing asset: 404', async () => {
		for (const p of ['/assets/govuk/nope.css', '/assets/', '/assets/govuk',
		    '/assets/src/portal.scss', '/assets/govuk/portal.css/x']) {
			const r = await new Client().get(p);
			assert.equal(r.status, 404, p);
			assertSecurityHeaders(r, p);
		}
	});

	test('no path escapes the assets folder', async () => {
		const u = new URL(BASE_URL);
		for (const p of ['/assets/../Makefile', '/assets/govuk/../../Makefile',
		    '/assets/%2e%2e/Makefile', '/assets/govuk/..%2f..%2fMakefile', '/assets/../../../../etc/passwd']) {
			const r = await rawGet(p, { host: u.host });
			assert.notEqual(r.status, 200, p);
			assert.doesNotMatch(r.text, /root:x:0:0|SUFFIXES/, p);
		}
	});
});
