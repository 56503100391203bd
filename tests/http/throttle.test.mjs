// Sign-in throttling: 5 failures per address in 15 minutes; past the
// per-IP threshold (PORTAL_SIGNIN_IP_LIMIT, default 100) sign-ins from that
// IP are slowed (0.1 s more per failure, at most 3 s), never refused; the
// owner of a locked account gets in with a fresh code by email.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
	BAD_SIGNIN, Client, SESSION_COOKIE, THROTTLED, clearAttempts, decodeHtml, lit, psql,
	getCsrf, portalctl, setCookieOf, signIn,
} from './lib.mjs';

const IP_LIMIT = Number(process.env.PORTAL_SIGNIN_IP_LIMIT || 100);

before(() => clearAttempts());
afterEach(() => clearAttempts());
after(() => clearAttempts());

async function fail(email) {
	const r = await new Client().trySignIn(email, 'wrong-password-2026');
	assert.equal(r.status, 200, `failure for ${email} answered ${r.status}`);
	assert.ok(decodeHtml(r.text).includes(BAD_SIGNIN));
	return r;
}

describe('per address', () => {
	test('5 failures: the 6th attempt is refused even with the right password', async () => {
		// Case variants count as the same address.
		for (const e of ['manager@demo.test', 'manager@demo.test', 'Manager@Demo.Test',
		    'MANAGER@DEMO.TEST', 'manager@demo.test'])
			await fail(e);
		const r = await new Client().trySignIn('manager@demo.test');
		assert.equal(r.status, 429);
		assert.ok(decodeHtml(r.text).includes(THROTTLED), 'no throttling message');
		assert.equal(setCookieOf(r, SESSION_COOKIE), undefined, 'a throttled sign-in set a session cookie');
		assert.equal(psql('SELECT action FROM audit_log ORDER BY id DESC LIMIT 1'), 'sign_in_throttled');

		// Other accounts are unaffected.
		await signIn('caseworker@demo.test');
		await signIn('admin@demo.test');

		// Once the failures are forgotten (15 minutes), the account works again.
		clearAttempts();
		await signIn('manager@demo.test');
	});

	test('4 failures do not throttle', async () => {
		for (let i = 0; i < 4; i++)
			await fail('dsco@demo.test');
		await signIn('dsco@demo.test');
	});

	test('failures older than 15 minutes do not count', async () => {
		for (let i = 0; i < 5; i++)
			await fail('socialcare@demo.test');
		psql('UPDATE signin_attempts SET at = now() - interval \'16 minutes\'');
		await signIn('socialcare@demo.test');
	});

	test('unknown addresses are throttled too', async () => {
		for (let i = 0; i < 5; i++)
			await fail('ghost@demo.test');
		const r = await new Client().trySignIn('ghost@demo.test');
		assert.equal(r.status, 429);
		assert.ok(decodeHtml(r.text).includes(THROTTLED));
	});

	test('attempts store a hash of the address, not the address', async () => {
		await fail('school@demo.test');
		const rows = psql('SELECT email_hash FROM signin_attempts').split('\n');
		assert.equal(rows.length, 1);
		assert.match(rows[0], /^[0-9a-f]{64}$/);
		assert.equal(psql('SELECT count(*) FROM signin_attempts WHERE email_hash LIKE \'%@%\''), '0');
	});
});

/* Our address as the portal sees it, from a successful sign-in. */
async function ourIp() {
	await signIn('caseworker@demo.test');
	const ip = psql('SELECT ip FROM signin_attempts WHERE succeeded ORDER BY id DESC LIMIT 1');
	assert.ok(ip, 'the successful sign-in was not recorded');
	return ip;
}

function failuresFrom(ip, n) {
	psql(`INSERT INTO signin_attempts (email_hash, ip, succeeded)
	    SELECT md5(g::text) || md5(g::text), ${lit(ip)}, false FROM generate_series(1, ${n}) g`);
}

/* Signs in (asserting success) and returns the milliseconds it took. */
async function timedSignIn(email, headers = {}) {
	const c = new Client();
	const csrf = await c.csrfFrom('/sign-in');
	const t0 = Date.now();
	const r = await c.post('/sign-in', { csrf, email, password: 'demo-password-2026' }, { headers });
	const ms = Date.now() - t0;
	assert.equal(r.status, 303, `${email}: ${r.status}`);
	assert.equal(r.location, '/');
	assert.ok(setCookieOf(r, SESSION_COOKIE), `${email}: no session`);
	return ms;
}

describe('per IP', () => {
	test(`past ${IP_LIMIT} failures from one IP, correct passwords from it still sign in, slowed`, async () => {
		const ip = await ourIp();
		failuresFrom(ip, IP_LIMIT - 1);
		assert.ok(await timedSignIn('caseworker@demo.test') < 1500, 'slowed below the threshold');

		// Everyone behind one proxy shares its IP: an attacker's failures
		// slow them down, up to 3 s, but never lock them out.
		failuresFrom(ip, 40);
		for (const email of ['caseworker@demo.test', 'parent@demo.test']) {
			const ms = await timedSignIn(email);
			assert.ok(ms >= 2500, `${email}: not slowed (${ms} ms)`);
			assert.ok(ms < 6000, `${email}: slowed too much (${ms} ms)`);
		}
		// Wrong passwords are slowed the same (the delay does not tell).
		const c = new Client();
		const csrf = await c.csrfFrom('/sign-in');
		const t0 = Date.now();
		const r = await c.post('/sign-in', { csrf, email: 'manager@demo.test', password: 'wrong-password-2026' });
		assert.equal(r.status, 200);
		assert.ok(Date.now() - t0 >= 2500, 'a failure was not slowed');

		// Failures from another address do not count against ours.
		psql(`UPDATE signin_attempts SET ip = '192.0.2.1' WHERE ip = ${lit(ip)}`);
		assert.ok(await timedSignIn('parent@demo.test') < 1500);
	});

	test('X-Forwarded-For from a peer that is not a trusted proxy is ignored', async () => {
		const ip = await ourIp();
		clearAttempts();
		for (let i = 1; i <= 3; i++) {
			const c = new Client();
			const csrf = await c.csrfFrom('/sign-in');
			await c.post('/sign-in', { csrf, email: 'manager@demo.test', password: 'wrong-password-2026' },
			    { headers: { 'x-forwarded-for': `198.51.100.${100 + i}` } });
		}
		assert.equal(psql('SELECT string_agg(DISTINCT ip, \',\') FROM signin_attempts'), ip,
		    'the attempts were recorded under the address the client claimed');
		assert.equal(psql('SELECT count(*) FROM audit_log WHERE ip IN (\'198.51.100.101\', \'198.51.100.102\', \'198.51.100.103\')'), '0');

		// Rotating the header does not dodge the slowing either.
		failuresFrom(ip, IP_LIMIT + 40);
		const ms = await timedSignIn('caseworker@demo.test', { 'x-forwarded-for': '203.0.113.99' });
		assert.ok(ms >= 2500, `a forged X-Forwarded-For escaped the slowing (${ms} ms)`);
	});
});

describe('a locked account', () => {
	const resetPage = async (c) => {
		const page = await c.get('/password-reset/code');
		assert.equal(page.status, 200);
		return getCsrf(page.text);
	};
	const NEW_PW = 'a fresh and long locked-out password';

	function mailedCode(email) {
		const body = psql(`SELECT body FROM outbox WHERE to_address = ${lit(email)}
		    AND subject LIKE 'Your code to reset%' ORDER BY id DESC LIMIT 1`);
		return /\n {4}([0-9A-Z]{5}-[0-9A-Z]{5})\n/.exec(body)[1];
	}

	async function mailCode(email) {
		const c = new Client();
		const csrf = await c.csrfFrom('/password-reset');
		const r = await c.post('/password-reset', { csrf, email });
		assert.equal(r.status, 200);
		return mailedCode(email);
	}

	test('its owner gets in with a fresh code by email, and the lock is lifted', async () => {
		const email = `locked-${process.pid}@demo.test`;
		assert.equal(portalctl(['create-account', email, 'caseworker', 'Demoshire County Council',
		    'Lock Ed'], 'an-old-locked-password-1\n').status, 0);
		for (let i = 0; i < 5; i++)
			await fail(email);
		assert.equal((await new Client().trySignIn(email, 'an-old-locked-password-1')).status, 429);

		const code = await mailCode(email);
		const c = new Client();
		const csrf = await resetPage(c);
		const r = await c.post('/password-reset/code', { csrf, email, code, password: NEW_PW,
		    'password-confirm': NEW_PW });
		assert.equal(r.status, 303, `a locked account's owner could not use the emailed code (${r.status})`);
		assert.equal(r.location, '/');
		assert.equal((await c.get('/caseworker')).status, 200);
		// The lock is lifted: the new password signs in straight away.
		await signIn(email, NEW_PW);
	});

	test('wrong codes are limited per account, but a newly mailed code works', async () => {
		const email = `guessed-${process.pid}@demo.test`;
		assert.equal(portalctl(['create-account', email, 'caseworker', 'Demoshire County Council',
		    'Guess Ed'], 'an-old-guessed-password-1\n').status, 0);
		const first = await mailCode(email);
		const c = new Client();
		for (let i = 0; i < 5; i++) {
			const r = await c.post('/password-reset/code', { csrf: await resetPage(c), email,
			    code: 'AAAAA-AAAAA', password: NEW_PW, 'password-confirm': NEW_PW });
			assert.equal(r.status, 400);
		}
		const held = await c.post('/password-reset/code', { csrf: await resetPage(c), email,
		    code: first, password: NEW_PW, 'password-confirm': NEW_PW });
		assert.equal(held.status, 429, 'a sixth guess at the code was let through');
		assert.ok(decodeHtml(held.text).includes('You have tried too many times'));

		const fresh = await mailCode(email);
		const r = await c.post('/password-reset/code', { csrf: await resetPage(c), email,
		    code: fresh, password: NEW_PW, 'password-confirm': NEW_PW });
		assert.equal(r.status, 303);
		assert.equal(r.location, '/');
	});
});
