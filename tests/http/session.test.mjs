// Sessions: cookie attributes, fresh tokens, hashed storage, idle and
// absolute expiry.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
	Client, DEMO_PASSWORD, SESSION_COOKIE, clearAttempts, psql, setCookieOf, sha256hex, signIn,
} from './lib.mjs';

before(() => clearAttempts());

/* Signs in and returns { client, cookie } with the parsed Set-Cookie. */
async function signInRaw(email, preset) {
	const c = new Client();
	const csrf = await c.csrfFrom('/sign-in');
	if (preset)
		c.session = preset;
	const r = await c.post('/sign-in', { csrf, email, password: DEMO_PASSWORD });
	assert.equal(r.status, 303);
	const cookie = setCookieOf(r, SESSION_COOKIE);
	assert.ok(cookie, 'no session cookie set at sign-in');
	return { client: c, cookie, csrf };
}

describe('session cookie', () => {
	test('HttpOnly, SameSite=Lax, Path=/, no Max-Age or Expires, no Domain', async () => {
		const { cookie } = await signInRaw('caseworker@demo.test');
		assert.equal(cookie.attrs.httponly, true, `not HttpOnly: ${cookie.raw}`);
		assert.equal(cookie.attrs.samesite, 'Lax', cookie.raw);
		assert.equal(cookie.attrs.path, '/', cookie.raw);
		assert.equal(cookie.attrs['max-age'], undefined, `has Max-Age: ${cookie.raw}`);
		assert.equal(cookie.attrs.expires, undefined, `has Expires: ${cookie.raw}`);
		assert.equal(cookie.attrs.domain, undefined, `has Domain: ${cookie.raw}`);
	});

	test('the token is 43 characters of base64url', async () => {
		const { cookie } = await signInRaw('caseworker@demo.test');
		assert.equal(cookie.value.length, 43);
		assert.match(cookie.value, /^[A-Za-z0-9_-]{43}$/);
	});

	test('a new token at every sign-in', async () => {
		const seen = new Set();
		for (let i = 0; i < 3; i++) {
			const { cookie, csrf } = await signInRaw('caseworker@demo.test');
			assert.ok(!seen.has(cookie.value), 'a session token was issued twice');
			assert.notEqual(cookie.value, csrf, 'the session token equals the pre-session token');
			seen.add(cookie.value);
		}
	});

	test('session fixation: a cookie set before sign-in is not reused', async () => {
		const planted = 'F'.repeat(43);
		const { client, cookie } = await signInRaw('caseworker@demo.test', planted);
		assert.notEqual(cookie.value, planted);
		assert.equal(client.session, cookie.value);
		const attacker = new Client();
		attacker.session = planted;
		const r = await attacker.get('/caseworker');
		assert.equal(r.status, 303);
		assert.equal(r.location, '/sign-in');
	});

	test('a sign-in form left open in another tab still signs in, with a new token', async () => {
		const c = new Client();
		// The form is opened while signed out (pre-session token)...
		const csrf = await c.csrfFrom('/sign-in');
		let r = await c.post('/sign-in', { csrf, email: 'caseworker@demo.test', password: DEMO_PASSWORD });
		assert.equal(r.status, 303);
		const first = setCookieOf(r, SESSION_COOKIE).value;
		// ...and used again after signing in elsewhere: still accepted.
		r = await c.post('/sign-in', { csrf, email: 'manager@demo.test', password: DEMO_PASSWORD });
		assert.equal(r.status, 303);
		const cookie = setCookieOf(r, SESSION_COOKIE);
		assert.ok(cookie, 'no new session cookie');
		assert.notEqual(cookie.value, first);
		assert.equal((await c.get('/')).location, '/manager');
		// The session's own token is not a sign-in token.
		const sessionCsrf = await c.csrfFrom('/manager');
		r = await c.post('/sign-in', { csrf: sessionCsrf, email: 'manager@demo.test', password: DEMO_PASSWORD });
		assert.equal(r.status, 403);
	});

	test('the sessions table stores only a 64-hex hash of the token', async () => {
		const { cookie } = await signInRaw('ep@demo.test');
		const hashes = psql('SELECT token_hash FROM sessions').split('\n');
		for (const h of hashes)
			assert.match(h, /^[0-9a-f]{64}$/);
		assert.ok(hashes.includes(sha256hex(cookie.value)), 'no row with the token\'s SHA-256');
		assert.equal(psql(`SELECT count(*) FROM sessions s WHERE s::text LIKE '%${cookie.value}%'`), '0',
		    'the raw token is stored in the sessions table');
	});

	test('a garbage or wrong-length cookie is simply signed out', async () => {
		for (const v of ['x', 'A'.repeat(42), 'A'.repeat(44), 'A'.repeat(200), '%00%01']) {
			const c = new Client();
			c.session = v;
			const r = await c.get('/caseworker');
			assert.equal(r.status, 303, v);
			assert.equal(r.location, '/sign-in', v);
		}
	});
});

describe('expiry', () => {
	const touch = (token, set) =>
		psql(`UPDATE sessions SET ${set} WHERE token_hash = '${sha256hex(token)}' RETURNING 1`);

	test('29 minutes idle: still signed in', async () => {
		const c = await signIn('caseworker@demo.test');
		assert.equal(touch(c.session, 'last_seen = now() - interval \'29 minutes\''), '1');
		assert.equal((await c.get('/caseworker')).status, 200);
	});

	test('31 minutes idle: signed out', async () => {
		const c = await signIn('caseworker@demo.test');
		assert.equal(touch(c.session, 'last_seen = now() - interval \'31 minutes\''), '1');
		const r = await c.get('/caseworker');
		assert.equal(r.status, 303);
		assert.equal(r.location, '/sign-in');
	});

	test('each request restarts the idle clock', async () => {
		const c = await signIn('caseworker@demo.test');
		touch(c.session, 'last_seen = now() - interval \'20 minutes\'');
		assert.equal((await c.get('/caseworker')).status, 200);
		const idle = Number(psql(`SELECT extract(epoch FROM now() - last_seen)::int FROM sessions
		    WHERE token_hash = '${sha256hex(c.session)}'`));
		assert.ok(idle < 60, `last_seen not refreshed (idle ${idle}s)`);
	});

	test('11 hours old and active: still signed in', async () => {
		const c = await signIn('caseworker@demo.test');
		touch(c.session, 'created_at = now() - interval \'11 hours\'');
		assert.equal((await c.get('/caseworker')).status, 200);
	});

	test('13 hours old, even if active: signed out', async () => {
		const c = await signIn('caseworker@demo.test');
		touch(c.session, 'created_at = now() - interval \'13 hours\'');
		const r = await c.get('/caseworker');
		assert.equal(r.status, 303);
		assert.equal(r.location, '/sign-in');
	});

	test('an expired session cannot sign out or post', async () => {
		const c = await signIn('caseworker@demo.test');
		const csrf = await c.csrfFrom('/caseworker');
		touch(c.session, 'last_seen = now() - interval \'31 minutes\'');
		const r = await c.post('/sign-out', { csrf });
		assert.equal(r.status, 401);
	});
});

describe('CSRF token', () => {
	test('is the session\'s own: a token from before sign-out is refused after signing in again', async () => {
		const c = await signIn('caseworker@demo.test');
		const old = await c.csrfFrom('/caseworker');
		// Another session of the same account has its own token.
		const other = await signIn('caseworker@demo.test');
		const otherCsrf = await other.csrfFrom('/caseworker');
		assert.notEqual(otherCsrf, old, 'two sessions of one account share a CSRF token');
		assert.equal((await c.post('/sign-out', { csrf: otherCsrf })).status, 403);
		assert.equal((await c.post('/sign-out', { csrf: old })).status, 303);

		const csrf = await c.csrfFrom('/sign-in');
		const r = await c.post('/sign-in', { csrf, email: 'caseworker@demo.test', password: DEMO_PASSWORD });
		assert.equal(r.status, 303);
		const fresh = await c.csrfFrom('/caseworker');
		assert.notEqual(fresh, old, 'the CSRF token survived sign-out');
		const refused = await c.post('/notifications/read', { csrf: old });
		assert.equal(refused.status, 403, 'the old CSRF token was accepted in the new session');
		assert.equal((await c.post('/sign-out', { csrf: fresh })).status, 303);
	});
});
