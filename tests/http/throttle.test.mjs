// Sign-in throttling: 5 failures per address in 15 minutes, and the
// per-IP limit (PORTAL_SIGNIN_IP_LIMIT, default 100).
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
	BAD_SIGNIN, Client, SESSION_COOKIE, THROTTLED, clearAttempts, decodeHtml, lit, psql,
	setCookieOf, signIn,
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

describe('per IP', () => {
	test(`${IP_LIMIT} failures from one IP refuse every address from it`, async () => {
		// The address the portal sees for us, from our own successful sign-in.
		await signIn('caseworker@demo.test');
		const ip = psql('SELECT ip FROM signin_attempts WHERE succeeded ORDER BY id DESC LIMIT 1');
		assert.ok(ip, 'the successful sign-in was not recorded');

		psql(`INSERT INTO signin_attempts (email_hash, ip, succeeded)
		    SELECT md5(g::text) || md5(g::text), ${lit(ip)}, false FROM generate_series(1, ${IP_LIMIT - 1}) g`);
		await signIn('caseworker@demo.test');	// one below the limit: allowed

		psql(`INSERT INTO signin_attempts (email_hash, ip, succeeded)
		    VALUES (repeat('a', 64), ${lit(ip)}, false)`);
		for (const email of ['caseworker@demo.test', 'parent@demo.test']) {
			const r = await new Client().trySignIn(email);
			assert.equal(r.status, 429, email);
			assert.ok(decodeHtml(r.text).includes(THROTTLED));
			assert.equal(setCookieOf(r, SESSION_COOKIE), undefined);
		}

		// Failures from another address do not count against ours.
		psql(`UPDATE signin_attempts SET ip = '192.0.2.1' WHERE ip = ${lit(ip)}`);
		await signIn('parent@demo.test');
	});
});
