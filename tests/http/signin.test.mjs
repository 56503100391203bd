// Sign-in and sign-out: landing pages per role, failures, CSRF on the
// sign-in and sign-out forms.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
	ACCOUNTS, BAD_SIGNIN, Client, DEMO_PASSWORD, PRESESSION_COOKIE, SESSION_COOKIE,
	accountId, clearAttempts, decodeHtml, getCsrf, h1Of, psql, setCookieOf, sha256hex, signIn,
} from './lib.mjs';

before(() => clearAttempts());

describe('landing page per role', () => {
	for (const [email, want] of Object.entries(ACCOUNTS)) {
		test(`${email} lands on ${want.home}`, async () => {
			const c = await signIn(email);
			const root = await c.get('/');
			assert.equal(root.status, 303);
			assert.equal(root.location, want.home);
			const home = await c.get(want.home);
			assert.equal(home.status, 200);
			assert.match(home.headers.get('content-type'), /^text\/html/);
			const text = decodeHtml(home.text);
			assert.ok(text.includes(want.name), `home of ${email} does not name ${want.name}`);
			assert.equal(h1Of(home.text), want.heading);
			assert.ok(getCsrf(home.text), 'signed-in page has no sign-out csrf field');
		});
	}

	test('signed out, / and a home page send to /sign-in', async () => {
		const c = new Client();
		for (const p of ['/', '/caseworker', '/admin/accounts']) {
			const r = await c.get(p);
			assert.equal(r.status, 303, p);
			assert.equal(r.location, '/sign-in', p);
		}
	});

	test('the email address is not case sensitive', async () => {
		const c = await signIn('CaseWorker@Demo.TEST');
		const r = await c.get('/');
		assert.equal(r.location, '/caseworker');
	});

	test('GET /sign-in when signed in goes to the home page', async () => {
		const c = await signIn('parent@demo.test');
		const r = await c.get('/sign-in');
		assert.equal(r.status, 303);
		assert.equal(r.location, '/parent');
	});

	test('a successful sign-in is audited', async () => {
		const id = accountId('manager@demo.test');
		const before = Number(psql(`SELECT count(*) FROM audit_log WHERE action = 'sign_in' AND account_id = ${id}`));
		await signIn('manager@demo.test');
		const after = Number(psql(`SELECT count(*) FROM audit_log WHERE action = 'sign_in' AND account_id = ${id}`));
		assert.equal(after, before + 1);
	});
});

describe('sign-out', () => {
	test('POST with csrf: 303 to /sign-in, cookie cleared, old token dead', async () => {
		const c = await signIn('caseworker@demo.test');
		const token = c.session;
		const csrf = await c.csrfFrom('/caseworker');
		const r = await c.post('/sign-out', { csrf });
		assert.equal(r.status, 303);
		assert.equal(r.location, '/sign-in');
		const cleared = setCookieOf(r, SESSION_COOKIE);
		assert.ok(cleared, 'sign-out did not clear the session cookie');
		assert.equal(cleared.value, '');
		assert.equal(cleared.attrs['max-age'], '0');

		// A copy of the old cookie no longer works.
		const copy = new Client();
		copy.session = token;
		const g = await copy.get('/caseworker');
		assert.equal(g.status, 303);
		assert.equal(g.location, '/sign-in');
		assert.equal(psql(`SELECT count(*) FROM sessions WHERE token_hash = '${sha256hex(token)}'`), '0',
		    'the session row outlived sign-out');
	});

	test('sign-out is audited', async () => {
		const c = await signIn('ep2@demo.test');
		const id = accountId('ep2@demo.test');
		const csrf = await c.csrfFrom('/inbox');
		await c.post('/sign-out', { csrf });
		assert.equal(psql(`SELECT action FROM audit_log WHERE account_id = ${id} ORDER BY id DESC LIMIT 1`), 'sign_out');
	});

	test('POST without csrf: 403 and the session still works', async () => {
		const c = await signIn('caseworker@demo.test');
		const r = await c.post('/sign-out', {});
		assert.equal(r.status, 403);
		assert.equal(setCookieOf(r, SESSION_COOKIE), undefined, '403 touched the session cookie');
		const g = await c.get('/caseworker');
		assert.equal(g.status, 200);
	});

	test('POST with a wrong csrf, or another session\'s: 403', async () => {
		const a = await signIn('caseworker@demo.test');
		const b = await signIn('ep@demo.test');
		const bcsrf = await b.csrfFrom('/inbox');
		assert.equal((await a.post('/sign-out', { csrf: 'x'.repeat(43) })).status, 403);
		assert.equal((await a.post('/sign-out', { csrf: bcsrf })).status, 403);
		assert.equal((await a.post('/sign-out', { csrf: '' })).status, 403);
		assert.equal((await a.get('/caseworker')).status, 200);
		assert.equal((await b.get('/inbox')).status, 200);
	});

	test('POST /sign-out when not signed in: 401', async () => {
		const c = new Client();
		const csrf = await c.csrfFrom('/sign-in');
		const r = await c.post('/sign-out', { csrf });
		assert.equal(r.status, 401);
	});
});

describe('wrong credentials', () => {
	test('wrong password: message, no session, audit row', async () => {
		const id = accountId('eplead@demo.test');
		const count = () => Number(psql(`SELECT count(*) FROM audit_log WHERE action = 'sign_in_failed' AND account_id = ${id}`));
		const before = count();
		const c = new Client();
		const r = await c.trySignIn('eplead@demo.test', 'not-the-password-2026');
		assert.equal(r.status, 200);
		assert.ok(decodeHtml(r.text).includes(BAD_SIGNIN), 'no sign-in error message');
		assert.match(r.text, /govuk-error-summary/);
		assert.match(r.text, /<title>Error: /, 'page title does not start with "Error: "');
		assert.equal(setCookieOf(r, SESSION_COOKIE), undefined, 'a failed sign-in set a session cookie');
		assert.equal(c.session, undefined);
		assert.equal(count(), before + 1, 'no sign_in_failed audit row');
		// The address is kept in the form, the password is not.
		assert.match(r.text, /value="eplead@demo.test"/);
		assert.doesNotMatch(r.text, /not-the-password-2026/);
		// The re-rendered form carries a working token.
		assert.ok(getCsrf(r.text));
		assert.ok(setCookieOf(r, PRESESSION_COOKIE));
	});

	test('unknown email: the same message, audit row without account', async () => {
		const count = () => Number(psql('SELECT count(*) FROM audit_log WHERE action = \'sign_in_failed\' AND account_id IS NULL'));
		const before = count();
		const c = new Client();
		const unknown = await c.trySignIn('nobody@demo.test', DEMO_PASSWORD);
		const known = await new Client().trySignIn('eplead@demo.test', 'not-the-password-2026');
		assert.equal(unknown.status, 200);
		assert.ok(decodeHtml(unknown.text).includes(BAD_SIGNIN));
		assert.equal(setCookieOf(unknown, SESSION_COOKIE), undefined);
		assert.equal(count(), before + 1);
		// Same page apart from the address and the token.
		const strip = (s) => s.replace(/value="[^"]*"/g, '');
		assert.equal(strip(unknown.text), strip(known.text));
	});

	test('empty form: both fields in error, nothing audited or counted', async () => {
		const attempts = psql('SELECT count(*) FROM signin_attempts');
		const c = new Client();
		const csrf = await c.csrfFrom('/sign-in');
		const r = await c.post('/sign-in', { csrf, email: '', password: '' });
		assert.equal(r.status, 200);
		const text = decodeHtml(r.text);
		assert.ok(text.includes('Enter your email address'));
		assert.ok(text.includes('Enter your password'));
		assert.match(r.text, /href="#email"/);
		assert.match(r.text, /href="#password"/);
		assert.equal(psql('SELECT count(*) FROM signin_attempts'), attempts);
	});

	test('the address is escaped when shown again', async () => {
		const evil = '"><script>alert(1)</script>@x.test';
		const r = await new Client().trySignIn(evil, 'wrong-password-123');
		assert.equal(r.status, 200);
		assert.doesNotMatch(r.text, /<script>alert\(1\)/);
		assert.match(r.text, /&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;@x.test/);
	});

	test('a disabled account cannot sign in', async () => {
		psql('UPDATE accounts SET disabled = true WHERE email = \'health@demo.test\'');
		try {
			const r = await new Client().trySignIn('health@demo.test');
			assert.equal(r.status, 200);
			assert.ok(decodeHtml(r.text).includes(BAD_SIGNIN));
			assert.equal(setCookieOf(r, SESSION_COOKIE), undefined);
		} finally {
			psql('UPDATE accounts SET disabled = false WHERE email = \'health@demo.test\'');
		}
		await signIn('health@demo.test');
	});
});

describe('CSRF on the sign-in form', () => {
	test('GET /sign-in sets a pre-session cookie equal to the form token', async () => {
		const c = new Client();
		const r = await c.get('/sign-in');
		assert.equal(r.status, 200);
		const pre = setCookieOf(r, PRESESSION_COOKIE);
		assert.ok(pre, 'no pre-session cookie');
		assert.equal(pre.value, getCsrf(r.text));
		assert.match(pre.value, /^[A-Za-z0-9_-]{43}$/);
		assert.ok(pre.attrs.httponly);
		assert.equal(pre.attrs.samesite, 'Lax');
		assert.equal(pre.attrs.path, '/');
	});

	test('POST without csrf: 403', async () => {
		const c = new Client();
		await c.get('/sign-in');
		const r = await c.post('/sign-in', { email: 'caseworker@demo.test', password: DEMO_PASSWORD });
		assert.equal(r.status, 403);
		assert.equal(setCookieOf(r, SESSION_COOKIE), undefined);
	});

	test('POST with a wrong csrf: 403', async () => {
		const c = new Client();
		const csrf = await c.csrfFrom('/sign-in');
		const wrong = (csrf[0] === 'A' ? 'B' : 'A') + csrf.slice(1);
		const r = await c.post('/sign-in', { csrf: wrong, email: 'caseworker@demo.test', password: DEMO_PASSWORD });
		assert.equal(r.status, 403);
		assert.equal(setCookieOf(r, SESSION_COOKIE), undefined);
	});

	test('POST with a token but no pre-session cookie: 403', async () => {
		const c = new Client();
		const csrf = await c.csrfFrom('/sign-in');
		c.jar.clear();
		const r = await c.post('/sign-in', { csrf, email: 'caseworker@demo.test', password: DEMO_PASSWORD });
		assert.equal(r.status, 403);
	});

	test('POST with the pre-session cookie and its token: 303 to /', async () => {
		const c = new Client();
		const csrf = await c.csrfFrom('/sign-in');
		const r = await c.post('/sign-in', { csrf, email: 'caseworker@demo.test', password: DEMO_PASSWORD });
		assert.equal(r.status, 303);
		assert.equal(r.location, '/');
		assert.ok(setCookieOf(r, SESSION_COOKIE));
		// The pre-session cookie is left to expire on its own, so a sign-in
		// form still open in another tab keeps working (session.test.mjs).
		assert.equal(setCookieOf(r, PRESESSION_COOKIE), undefined);
	});
});
