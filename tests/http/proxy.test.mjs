// A second portal on the same database, as deployed behind a TLS proxy on
// the same host: PORTAL_TLS=1 and PORTAL_TRUSTED_PROXIES=127.0.0.1. The
// pre-session cookie of the sign-in forms gets the __Host- prefix and
// Secure like the session cookie, and X-Forwarded-For from the trusted
// proxy names the client for the throttle and the audit log. (The main
// test portal trusts no proxy: throttle.test.mjs shows it ignores the
// header.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import {
	BASE_URL, Client, DEMO_PASSWORD, ROOT, clearAttempts, lit, psql, setCookieOf,
} from './lib.mjs';

const PORT = Number(new URL(BASE_URL).port) + 3;
const URL_TLS = `http://127.0.0.1:${PORT}`;
const VAR = path.join(process.env.TEST_VAR || path.join(ROOT, 'var/test'), 'proxied');
let kore;

async function up() {
	for (let i = 0; i < 100; i++) {
		try {
			await fetch(`${URL_TLS}/sign-in`);
			return;
		} catch {
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	throw new Error(`the second portal did not answer on ${PORT}:\n${fs.readFileSync(path.join(VAR, 'portal.log'), 'utf8')}`);
}

before(async () => {
	clearAttempts();
	fs.mkdirSync(VAR, { recursive: true });
	const conf = execFileSync(path.join(ROOT, 'scripts/mkconf.sh'), [String(PORT), VAR], { encoding: 'utf8' });
	fs.writeFileSync(path.join(VAR, 'portal.conf'), conf);
	const log = fs.openSync(path.join(VAR, 'portal.log'), 'a');
	kore = spawn('kore', ['-f', '-n', '-r', '-c', path.join(VAR, 'portal.conf')], {
		env: { ...process.env, PORTAL_TLS: '1', PORTAL_TRUSTED_PROXIES: '10.9.9.9, 127.0.0.1' },
		stdio: ['ignore', log, log], detached: true,
	});
	await up();
});

after(async () => {
	clearAttempts();
	if (kore) {
		process.kill(-kore.pid, 'SIGTERM');
		await new Promise((r) => kore.once('exit', r));
	}
	const log = fs.readFileSync(path.join(VAR, 'portal.log'), 'utf8');
	assert.doesNotMatch(log, /seccomp violation/, 'the second portal made a system call outside its filter');
});

/* Signs in on the TLS portal; returns { r, ms, c }. */
async function signInTls(email, password, headers = {}) {
	const c = new Client(URL_TLS);
	const form = await c.get('/sign-in', { headers });
	const csrf = form.text.match(/name="csrf" value="([^"]+)"/)[1];
	const t0 = Date.now();
	const r = await c.post('/sign-in', { csrf, email, password }, { headers });
	return { r, ms: Date.now() - t0, c, form };
}

describe('under TLS', () => {
	test('the pre-session cookie has the __Host- prefix and Secure, as the session cookie', async () => {
		const { r, form } = await signInTls('caseworker@demo.test', DEMO_PASSWORD);
		const pre = setCookieOf(form, '__Host-portal_presession');
		assert.ok(pre, `no __Host- pre-session cookie: ${form.cookies.map((x) => x.raw).join(' | ')}`);
		assert.equal(setCookieOf(form, 'portal_presession'), undefined);
		assert.equal(pre.attrs.secure, true, pre.raw);
		assert.equal(pre.attrs.path, '/', pre.raw);
		assert.equal(pre.attrs.domain, undefined, pre.raw);
		assert.equal(pre.attrs.httponly, true, pre.raw);
		// The form still signs in with it, into a __Host- session.
		assert.equal(r.status, 303);
		const sess = setCookieOf(r, '__Host-portal_session');
		assert.ok(sess, 'no __Host- session cookie');
		assert.equal(sess.attrs.secure, true);
		// The unprefixed cookie is not accepted in its place.
		const c = new Client(URL_TLS);
		const page = await c.get('/sign-in');
		const csrf = page.text.match(/name="csrf" value="([^"]+)"/)[1];
		const forged = await c.post('/sign-in', { csrf, email: 'caseworker@demo.test', password: DEMO_PASSWORD },
		    { headers: { cookie: `portal_presession=${csrf}` } });
		assert.equal(forged.status, 403);
	});
});

describe('behind a trusted proxy', () => {
	test('X-Forwarded-For names the client: its failures slow it, not everyone behind the proxy', async () => {
		clearAttempts();
		const r = await signInTls('manager@demo.test', 'wrong-password-2026',
		    { 'x-forwarded-for': '192.0.2.77, 198.51.100.23' });
		assert.equal(r.r.status, 200);
		assert.equal(psql('SELECT string_agg(ip, \',\') FROM signin_attempts'), '198.51.100.23',
		    'the right-most address the proxy appended was not taken as the client');
		assert.equal(psql(`SELECT ip FROM audit_log WHERE action = 'sign_in_failed' ORDER BY id DESC LIMIT 1`),
		    '198.51.100.23');

		psql(`INSERT INTO signin_attempts (email_hash, ip, succeeded)
		    SELECT md5(g::text) || md5(g::text), ${lit('198.51.100.23')}, false FROM generate_series(1, 140) g`);
		const slowed = await signInTls('caseworker@demo.test', DEMO_PASSWORD, { 'x-forwarded-for': '198.51.100.23' });
		assert.equal(slowed.r.status, 303);
		assert.ok(slowed.ms >= 2500, `the client with 140 failures was not slowed (${slowed.ms} ms)`);
		const other = await signInTls('caseworker@demo.test', DEMO_PASSWORD, { 'x-forwarded-for': '198.51.100.24' });
		assert.equal(other.r.status, 303);
		assert.ok(other.ms < 1500, `another client behind the same proxy was slowed (${other.ms} ms)`);
		// A value that is not an address is not believed: the proxy's own.
		await signInTls('manager@demo.test', 'wrong-password-2026', { 'x-forwarded-for': 'evil, <b>' });
		assert.equal(psql(`SELECT ip FROM signin_attempts ORDER BY id DESC LIMIT 1`), '127.0.0.1');
	});
});
