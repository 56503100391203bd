// Self-service password reset: /password-reset mails a one-time code (read
// here from the outbox) to an active account's own address and answers the
// same for any address; /password-reset/code takes the code with a new
// password. Wrong, old, used and expired codes, mismatched or weak
// passwords are refused with a clear message and change nothing; success
// ends every other session, tells the owner by mail, and still asks for
// the two-step code of an account that has it.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
	Client, accountId, base32decode, clearAttempts, codeFor, decodeHtml, getCsrf, h1Of, lit,
	portalctl, psql,
} from './lib.mjs';

const ORG = 'Resetshire County Council';
const OLD = 'an-old-password-of-mine-1';
const NEW = 'a brand new river walk password';
const SENT = 'If this email address has an account, we have sent a code to it.';
const BAD = 'The email address or code is not right, or the code has expired.';

let serial = 0;
function newAccount(role = 'caseworker') {
	const email = `reset-${process.pid}-${++serial}@resetshire.test`;
	const r = portalctl(['create-account', email, role, ORG, `Rae Set ${serial}`], `${OLD}\n`);
	assert.equal(r.status, 0, r.stderr);
	return email;
}

const mails = (email) => psql(`SELECT count(*) FROM outbox WHERE to_address = ${lit(email)}`);
const hashOf = (email) => psql(`SELECT password_hash FROM accounts WHERE email = ${lit(email)}`);

/* The code of the newest reset mail to email. */
function mailedCode(email) {
	const body = psql(`SELECT subject || E'\\n' || body FROM outbox WHERE to_address = ${lit(email)}
	    AND subject LIKE 'Your code to reset%' ORDER BY id DESC LIMIT 1`);
	assert.match(body, /go to http:\/\/127\.0\.0\.1:\d+\/password-reset\/code and enter/);
	return /\n {4}([0-9A-Z]{5}-[0-9A-Z]{5})\n/.exec(body)[1];
}

async function askForCode(email, client = new Client()) {
	const csrf = await client.csrfFrom('/password-reset');
	return client.post('/password-reset', { csrf, email });
}

async function redeem(form, client = new Client()) {
	const csrf = await client.csrfFrom('/password-reset/code');
	return client.post('/password-reset/code', { csrf, 'password-confirm': form.password, ...form });
}

async function signInWith(email, password) {
	const c = new Client();
	const csrf = await c.csrfFrom('/sign-in');
	const r = await c.post('/sign-in', { csrf, email, password });
	return { c, r };
}

before(() => {
	clearAttempts();
	const r = portalctl(['create-org', 'local_authority', ORG]);
	assert.equal(r.status, 0, r.stderr);
});

describe('asking for a code', () => {
	test('a known and an unknown address get the same answer; only the known one gets mail', async () => {
		const email = newAccount();
		const known = await askForCode(email);
		const unknown = await askForCode(`nobody-${process.pid}@resetshire.test`);
		for (const r of [known, unknown]) {
			assert.equal(r.status, 200);
			assert.equal(h1Of(r.text), 'Choose a new password');
			assert.ok(decodeHtml(r.text).includes(SENT));
		}
		assert.equal(mails(email), '1');
		assert.equal(mails(`nobody-${process.pid}@resetshire.test`), '0');
		const code = mailedCode(email);
		// Only the hash is stored; the mail names no child and no case.
		assert.equal(psql(`SELECT count(*) FROM invitations WHERE code_hash LIKE ${lit(`%${code.replace('-', '')}%`)}`), '0');
		assert.equal(psql(`SELECT secret FROM outbox WHERE to_address = ${lit(email)}`), 't');
		assert.equal(psql(`SELECT count(*) FROM audit_log WHERE action = 'password_reset_mailed'`) > 0, true);
	});

	test('a malformed address is refused with a message; nothing is mailed', async () => {
		const before = psql('SELECT count(*) FROM outbox');
		for (const email of ['', 'not an address', 'a@b']) {
			const r = await askForCode(email);
			assert.equal(r.status, 400, email);
			assert.equal(h1Of(r.text), 'Reset your password');
			assert.ok(decodeHtml(r.text).includes('Enter the email address of your account'), email);
			assert.match(r.text, /href="#email"/);
		}
		assert.equal(psql('SELECT count(*) FROM outbox'), before);
	});

	test('no code for a disabled account or a parent who has not set up their account', async () => {
		const email = newAccount();
		psql(`UPDATE accounts SET disabled = true WHERE email = ${lit(email)}`);
		const pending = newAccount();
		psql(`UPDATE accounts SET password_hash = '!invited' WHERE email = ${lit(pending)}`);
		for (const e of [email, pending]) {
			const r = await askForCode(e);
			assert.ok(decodeHtml(r.text).includes(SENT));
			assert.equal(mails(e), '0', e);
		}
	});

	test('at most 3 codes an hour go to one address; a new code voids the one before', async () => {
		const email = newAccount();
		await askForCode(email);
		const first = mailedCode(email);
		for (let i = 0; i < 4; i++)
			await askForCode(email);
		assert.equal(mails(email), '3');
		const r = await redeem({ email, code: first, password: NEW });
		assert.equal(r.status, 400);
		assert.ok(decodeHtml(r.text).includes(BAD));
		assert.equal((await signInWith(email, OLD)).r.location, '/');
	});
});

describe('choosing the new password', () => {
	test('wrong input is refused, nothing changes, and the code still works afterwards', async () => {
		clearAttempts();
		const email = newAccount();
		await askForCode(email);
		const code = mailedCode(email);
		const hash = hashOf(email);
		const cases = [
			[{ email, code: 'ZZZZZ-ZZZZZ', password: NEW }, 'code', BAD],
			[{ email: `other-${email}`, code, password: NEW }, 'code', BAD],
			[{ email, code: 'nonsense', password: NEW }, 'code', 'Enter the code exactly as it is in the email'],
			[{ email, code: '', password: NEW }, 'code', 'Enter the code from the email we sent you'],
			[{ email, code, password: 'short' }, 'password', 'Password must be 12 characters or more'],
			[{ email, code, password: NEW, 'password-confirm': `${NEW}!` }, 'password-confirm', 'Enter the same password twice'],
		];
		for (const [form, field, message] of cases) {
			const r = await redeem(form);
			assert.equal(r.status, 400, JSON.stringify(form));
			assert.ok(decodeHtml(r.text).includes(message), `${JSON.stringify(form)}: no "${message}"`);
			assert.match(r.text, new RegExp(`href="#${field}"`));
			assert.ok(!r.text.includes(NEW), 'the password was echoed back');
			assert.equal(hashOf(email), hash, 'the password changed');
		}
		const ok = await redeem({ email, code: code.toLowerCase().replace('-', ' '), password: NEW });
		assert.equal(ok.status, 303);
		assert.equal(ok.location, '/');
		clearAttempts();
	});

	test('the right code changes the password, signs in, ends other sessions and tells the owner', async () => {
		const email = newAccount();
		const { c: elsewhere } = await signInWith(email, OLD);
		assert.equal((await elsewhere.get('/caseworker')).status, 200);
		await askForCode(email);
		const code = mailedCode(email);
		const c = new Client();
		const r = await redeem({ email, code, password: NEW }, c);
		assert.equal(r.location, '/');
		assert.equal((await c.get('/caseworker')).status, 200);
		assert.equal((await elsewhere.get('/caseworker')).location, '/sign-in', 'another session survived');
		assert.equal((await signInWith(email, OLD)).r.status, 200, 'the old password still works');
		assert.equal((await signInWith(email, NEW)).r.location, '/');
		const changed = psql(`SELECT subject || E'\\n' || body FROM outbox WHERE to_address = ${lit(email)}
		    AND subject = 'Your EHC Advice Portal password was changed'`);
		assert.match(changed, /every place where the account was signed in has been signed out/);
		const id = accountId(email);
		assert.equal(psql(`SELECT count(*) FROM audit_log WHERE account_id = ${id} AND action = 'password_reset'`), '1');
		// Used: the same code again is refused.
		const again = await redeem({ email, code, password: 'yet another long password' });
		assert.equal(again.status, 400);
		assert.ok(decodeHtml(again.text).includes(BAD));
		clearAttempts();
	});

	test('an expired code is refused', async () => {
		const email = newAccount();
		await askForCode(email);
		const code = mailedCode(email);
		psql(`UPDATE invitations SET expires_at = now() - interval '1 second'
		    WHERE account_id = ${accountId(email)} AND kind = 'reset'`);
		const r = await redeem({ email, code, password: NEW });
		assert.equal(r.status, 400);
		assert.ok(decodeHtml(r.text).includes(BAD));
		clearAttempts();
	});

	test('with two-step verification on, the new password still needs the app\'s code', async () => {
		const email = newAccount();
		const { c: first } = await signInWith(email, OLD);
		const page = await first.get('/two-step');
		const key = base32decode(decodeHtml(page.text.match(/<code>([A-Z2-7 ]+)<\/code>/)[1]));
		assert.equal((await first.post('/two-step', { csrf: getCsrf(page.text), code: codeFor(key) })).status, 303);
		await askForCode(email);
		const c = new Client();
		const r = await redeem({ email, code: mailedCode(email), password: NEW }, c);
		assert.equal(r.status, 303);
		assert.equal(r.location, '/sign-in/code');
		assert.equal((await c.get('/caseworker')).location, '/sign-in');
		const form = await c.get('/sign-in/code');
		const done = await c.post('/sign-in/code', { csrf: getCsrf(form.text), code: codeFor(key, 1) });
		assert.equal(done.location, '/');
		assert.equal((await c.get('/caseworker')).status, 200);
	});
});
