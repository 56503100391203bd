// Two-step verification: setting it up, the code after the password, wrong,
// malformed, replayed and late codes refused with nothing changed, five
// wrong codes end the attempt, an organisation that requires it, and
// portalctl's reset. Codes are computed here from the key the page shows
// (RFC 6238), as an authenticator app would.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
	Client, accountId, base32decode, clearAttempts, codeFor, decodeHtml, getCsrf, h1Of, lit,
	portalctl, psql, sha256hex,
} from './lib.mjs';

const ORG = 'Twostep Borough Council';
const PASSWORD = 'a-long-two-step-password-7';
const WRONG = 'The code is not right or has been used already';

const ctl = (...args) => portalctl(args, `${PASSWORD}\n`);

/* A fresh caseworker of ORG (a new address each call). */
let serial = 0;
function newAccount(role = 'caseworker') {
	const email = `two-step-${process.pid}-${++serial}@twostep.test`;
	const r = ctl('create-account', email, role, ORG, `Tess Step ${serial}`);
	assert.equal(r.status, 0, r.stderr);
	return email;
}

async function signInPassword(email) {
	const c = new Client();
	const csrf = await c.csrfFrom('/sign-in');
	const r = await c.post('/sign-in', { csrf, email, password: PASSWORD });
	return { c, r };
}

/* Signs email in (no two-step yet), sets it up, returns { c, key }. */
async function setUp(email) {
	const { c, r } = await signInPassword(email);
	assert.equal(r.location, '/');
	const page = await c.get('/two-step');
	assert.equal(page.status, 200);
	const key = base32decode(decodeHtml(page.text.match(/<code>([A-Z2-7 ]+)<\/code>/)[1]));
	const on = await c.post('/two-step', { csrf: getCsrf(page.text), code: codeFor(key) });
	assert.equal(on.status, 303);
	return { c, key };
}

function totpRow(email) {
	return psql(`SELECT coalesce(totp_sealed, ''), totp_enabled_at IS NOT NULL, totp_last_step
	    FROM accounts WHERE email = ${lit(email)}`).split('|');
}

/* The sealed secret waiting to be confirmed in the session of token ('' if none). */
function pendingOf(token) {
	return psql(`SELECT coalesce(totp_pending, '') FROM sessions WHERE token_hash = '${sha256hex(token)}'`);
}

/* The key shown on a set-up page. */
function keyOn(page) {
	assert.equal(page.status, 200);
	return page.text.match(/<code>([A-Z2-7 ]+)<\/code>/)[1].replace(/ /g, '');
}

before(() => {
	clearAttempts();
	const r = ctl('create-org', 'local_authority', ORG);
	assert.equal(r.status, 0, r.stderr);
});

describe('setting up two-step verification', () => {
	test('the page shows a QR code and key, kept until confirmed; wrong and malformed codes change nothing', async () => {
		const email = newAccount();
		const { c } = await signInPassword(email);
		const page = await c.get('/two-step');
		assert.equal(page.status, 200);
		assert.equal(h1Of(page.text), 'Set up two-step verification');
		assert.match(page.text, /<svg class="app-qr" role="img" aria-label="QR code[^"]*"/);
		assert.match(page.text, /<path d="(M\d+ \d+h1v1h-1z)+"/);
		const shown = page.text.match(/<code>([A-Z2-7 ]+)<\/code>/)[1];
		assert.equal(shown.replace(/ /g, '').length, 32);
		// Reloading shows the same key: the app may have scanned it already.
		const again = await c.get('/two-step');
		assert.equal(again.text.match(/<code>([A-Z2-7 ]+)<\/code>/)[1], shown);
		// Stored sealed, with this session only: the key itself is nowhere
		// in the row, and the account holds no secret until it is confirmed.
		const sealed = pendingOf(c.session);
		assert.equal(sealed.length, 120);
		assert.ok(!sealed.toUpperCase().includes(shown.replace(/ /g, '').slice(0, 8)));
		assert.deepEqual(totpRow(email), ['', 'f', '0']);

		const key = base32decode(shown);
		const csrf = getCsrf(page.text);
		for (const [code, message] of [['', 'Enter the 6-digit code'], ['12ab56', 'Enter the 6-digit code'],
		    ['1234567', 'Enter the 6-digit code'], [codeFor(key, -3), 'The code is not right']]) {
			const r = await c.post('/two-step', { csrf, code });
			assert.equal(r.status, 400, `code ${code}`);
			assert.ok(decodeHtml(r.text).includes(message), `code ${code}: no "${message}"`);
			assert.match(r.text, /govuk-error-summary/);
			assert.match(r.text, /href="#code"/);
			assert.equal(totpRow(email)[1], 'f', `code ${code} turned it on`);
		}
		const ok = await c.post('/two-step', { csrf, code: codeFor(key).replace(/(...)/, '$1 ') });
		assert.equal(ok.status, 303);
		assert.equal(ok.location, '/two-step');
		assert.equal(totpRow(email)[1], 't');
		const on = await c.get('/two-step');
		assert.equal(h1Of(on.text), 'Two-step verification');
		assert.match(decodeHtml(on.text), /Two-step verification is on for your account \(since \d{1,2} \w+ \d{4}\)/);
		assert.ok(!/<code>/.test(on.text), 'the key is shown again once it is on');
		const id = accountId(email);
		assert.equal(psql(`SELECT count(*) FROM audit_log WHERE account_id = ${id} AND action = 'two_step_on'`), '1');
	});

	test('turning it on ends the account\'s other sessions, not this one', async () => {
		const email = newAccount();
		const { c: other } = await signInPassword(email);
		assert.equal((await other.get('/caseworker')).status, 200);
		const { c } = await setUp(email);
		assert.equal((await c.get('/caseworker')).status, 200);
		const r = await other.get('/caseworker');
		assert.equal(r.status, 303);
		assert.equal(r.location, '/sign-in');
	});
});

describe('signing in with two-step verification', () => {
	test('the password alone opens nothing; the right code signs in with a new session', async () => {
		const email = newAccount();
		const { key } = await setUp(email);
		const { c, r } = await signInPassword(email);
		assert.equal(r.status, 303);
		assert.equal(r.location, '/sign-in/code');
		const pending = c.session;
		assert.ok(pending);
		for (const p of ['/', '/caseworker', '/notifications', '/two-step']) {
			const g = await c.get(p);
			assert.equal(g.status, 303, p);
			assert.equal(g.location, '/sign-in', p);
		}
		const form = await c.get('/sign-in/code');
		assert.equal(form.status, 200);
		assert.equal(h1Of(form.text), 'Enter the code from your authenticator app');
		assert.match(form.text, /autocomplete="one-time-code"/);
		const done = await c.post('/sign-in/code', { csrf: getCsrf(form.text), code: codeFor(key, 1) });
		assert.equal(done.status, 303);
		assert.equal(done.location, '/');
		assert.ok(c.session && c.session !== pending, 'the session token was not renewed');
		assert.equal((await c.get('/caseworker')).status, 200);
		assert.equal(psql(`SELECT count(*) FROM sessions WHERE token_hash = '${sha256hex(pending)}'`), '0');
		const id = accountId(email);
		assert.equal(psql(`SELECT count(*) FROM audit_log WHERE account_id = ${id} AND action = 'sign_in_password_ok'`), '1');
		// Sign-in 'sign_in' rows: one from setUp, one now.
		assert.equal(psql(`SELECT count(*) FROM audit_log WHERE account_id = ${id} AND action = 'sign_in'`), '2');
	});

	test('a wrong, malformed or used code is refused and the attempt stays open', async () => {
		const email = newAccount();
		const { key } = await setUp(email);
		// A code is taken once: the one used to turn it on is spent.
		const spent = codeFor(key);
		const { c } = await signInPassword(email);
		// Each form carries a new pre-session token, as the sign-in form does.
		let csrf = getCsrf((await c.get('/sign-in/code')).text);
		for (const [code, message] of [['', 'Enter the 6-digit code'], ['abcdef', 'Enter the 6-digit code'],
		    [spent, WRONG], [codeFor(key, -2), WRONG], [codeFor(key, 3), WRONG]]) {
			const r = await c.post('/sign-in/code', { csrf, code });
			csrf = getCsrf(r.text);
			assert.equal(r.status, 200, `code ${code}`);
			assert.ok(decodeHtml(r.text).includes(message), `code ${code}: no "${message}"`);
			assert.equal(h1Of(r.text), 'Enter the code from your authenticator app');
			assert.equal((await c.get('/caseworker')).location, '/sign-in', `code ${code} signed in`);
		}
		// Three wrong codes counted (malformed ones are not guesses), and
		// each also counts against the address's sign-in throttle.
		assert.equal(psql(`SELECT code_failures FROM sessions WHERE token_hash = '${sha256hex(c.session)}'`), '3');
		const used = codeFor(key, 1);
		const ok = await c.post('/sign-in/code', { csrf, code: used });
		assert.equal(ok.location, '/');
		// The same code again, in another sign-in: refused (replay).
		const { c: c2 } = await signInPassword(email);
		const csrf2 = getCsrf((await c2.get('/sign-in/code')).text);
		const replay = await c2.post('/sign-in/code', { csrf: csrf2, code: used });
		assert.ok(decodeHtml(replay.text).includes(WRONG));
		assert.equal((await c2.get('/caseworker')).location, '/sign-in');
	});

	test('five wrong codes end the attempt: the password is asked for again', async () => {
		clearAttempts();
		const email = newAccount();
		const { key } = await setUp(email);
		const { c } = await signInPassword(email);
		let r = await c.get('/sign-in/code');
		const wrong = codeFor(key, -5);
		for (let i = 0; i < 5; i++)
			r = await c.post('/sign-in/code', { csrf: getCsrf(r.text), code: wrong });
		assert.equal(h1Of(r.text), 'Sign in');
		assert.ok(decodeHtml(r.text).includes('You entered a wrong code too many times. Sign in again.'));
		assert.equal(c.session, undefined, 'the pending session cookie was not cleared');
		const late = await c.post('/sign-in/code', { csrf: getCsrf(r.text), code: codeFor(key, 1) });
		assert.equal(h1Of(late.text), 'Sign in');
		assert.ok(decodeHtml(late.text).includes('Your sign-in took too long. Sign in again.'));
		const hash = sha256hex(email.toLowerCase());
		assert.equal(psql(`SELECT count(*) FROM signin_attempts WHERE email_hash = '${hash}' AND NOT succeeded`), '5');
		clearAttempts();
	});

	test('a code more than 10 minutes after the password is refused', async () => {
		const email = newAccount();
		const { key } = await setUp(email);
		const lastStep = totpRow(email)[2];
		const { c } = await signInPassword(email);
		const csrf = getCsrf((await c.get('/sign-in/code')).text);
		psql(`UPDATE sessions SET created_at = now() - interval '11 minutes' WHERE token_hash = '${sha256hex(c.session)}'`);
		const r = await c.post('/sign-in/code', { csrf, code: codeFor(key, 1) });
		assert.equal(h1Of(r.text), 'Sign in');
		assert.ok(decodeHtml(r.text).includes('Your sign-in took too long'));
		assert.equal(totpRow(email)[2], lastStep, 'the late code was taken');
	});
});

describe('an organisation that requires it', () => {
	test('its staff set it up before anything else; other organisations are not affected', async () => {
		const email = newAccount();
		const { c } = await signInPassword(email);
		assert.equal((await c.get('/caseworker')).status, 200);
		let r = ctl('require-two-step', ORG, 'yes');
		assert.equal(r.status, 0, r.stderr);
		try {
			for (const p of ['/caseworker', '/notifications', '/assessments/new']) {
				const g = await c.get(p);
				assert.equal(g.status, 303, p);
				assert.equal(g.location, '/two-step', p);
			}
			const page = await c.get('/two-step');
			assert.ok(decodeHtml(page.text).includes('Your organisation asks everyone to use two-step verification'));
			const csrf = getCsrf(page.text);
			const read = await c.post('/notifications/read', { csrf });
			assert.equal(read.location, '/two-step');
			assert.equal((await c.get('/accessibility')).status, 200);
			// Another council's caseworker carries on as before.
			const demo = new Client();
			const dcsrf = await demo.csrfFrom('/sign-in');
			await demo.post('/sign-in', { csrf: dcsrf, email: 'caseworker@demo.test', password: 'demo-password-2026' });
			assert.equal((await demo.get('/caseworker')).status, 200);
			// Set up: the portal opens.
			const key = base32decode(decodeHtml(page.text.match(/<code>([A-Z2-7 ]+)<\/code>/)[1]));
			const on = await c.post('/two-step', { csrf, code: codeFor(key) });
			assert.equal(on.location, '/two-step');
			assert.equal((await c.get('/caseworker')).status, 200);
		} finally {
			r = ctl('require-two-step', ORG, 'no');
			assert.equal(r.status, 0, r.stderr);
		}
		assert.equal(ctl('require-two-step', 'No Such Council', 'yes').status, 1);
	});
});

describe('portalctl reset-two-step', () => {
	test('clears it and signs the account out everywhere; the password alone signs in again', async () => {
		const email = newAccount();
		const { c } = await setUp(email);
		// The organisation's administrator sees where the account stands.
		const admin = await signInPassword(newAccount('admin'));
		const row = () => admin.c.get(`/admin/accounts/${accountId(email)}`)
		    .then((p) => decodeHtml(p.text).replace(/\s+/g, ' '));
		assert.match(await row(), /Two-step verification <\/dt> <dd class="govuk-summary-list__value"> On </);
		const r = ctl('reset-two-step', email);
		assert.equal(r.status, 0, r.stderr);
		assert.ok(!r.stdout.includes(email), 'portalctl printed the address');
		assert.equal((await c.get('/caseworker')).location, '/sign-in');
		assert.deepEqual(totpRow(email), ['', 'f', '0']);
		assert.match(await row(), /Two-step verification <\/dt> <dd class="govuk-summary-list__value"> Not set up </);
		const again = await signInPassword(email);
		assert.equal(again.r.location, '/');
		assert.equal(ctl('reset-two-step', 'nobody@twostep.test').status, 1);
	});
});

describe('an administrator resets it', () => {
	test('for an account of their council: cleared, signed out everywhere, audited; another council\'s admin gets 404', async () => {
		const email = newAccount();
		const id = accountId(email);
		const { c } = await setUp(email);
		const admin = (await signInPassword(newAccount('admin'))).c;
		const page = await admin.get(`/admin/accounts/${id}`);
		assert.match(page.text, new RegExp(`<form method="post" action="/admin/accounts/${id}/two-step/reset"`));
		// Another council's administrator: as if the account did not exist.
		const demo = new Client();
		const dcsrf = await demo.csrfFrom('/sign-in');
		await demo.post('/sign-in', { csrf: dcsrf, email: 'admin@demo.test', password: 'demo-password-2026' });
		const other = await demo.post(`/admin/accounts/${id}/two-step/reset`, { csrf: getCsrf((await demo.get('/admin')).text) });
		assert.equal(other.status, 404);
		assert.equal(totpRow(email)[1], 't');
		assert.equal((await c.get('/caseworker')).status, 200);

		const r = await admin.post(`/admin/accounts/${id}/two-step/reset`, { csrf: getCsrf(page.text) });
		assert.equal(r.status, 303);
		assert.equal(r.location, `/admin/accounts/${id}`);
		assert.deepEqual(totpRow(email), ['', 'f', '0']);
		assert.equal((await c.get('/caseworker')).location, '/sign-in');
		const after = await admin.get(`/admin/accounts/${id}`);
		assert.ok(!after.text.includes('two-step/reset'), 'the reset form is still offered');
		assert.equal(psql(`SELECT count(*) FROM audit_log WHERE action = 'reset_two_step' AND object_id = ${id}`), '1');
		// The password alone signs in again.
		assert.equal((await signInPassword(email)).r.location, '/');
	});
});

describe('the secret waiting to be confirmed', () => {
	test('belongs to one session: a new session shows a new secret, and one session cannot confirm another\'s', async () => {
		const email = newAccount();
		const a = (await signInPassword(email)).c;
		const keyA = keyOn(await a.get('/two-step'));
		const b = (await signInPassword(email)).c;
		const pageB = await b.get('/two-step');
		const keyB = keyOn(pageB);
		assert.notEqual(keyB, keyA, 'a second session was shown the first session\'s secret');
		// Session B cannot confirm the secret session A was shown.
		const r = await b.post('/two-step', { csrf: getCsrf(pageB.text), code: codeFor(base32decode(keyA)) });
		assert.equal(r.status, 400);
		assert.ok(decodeHtml(r.text).includes('The code is not right'));
		assert.equal(totpRow(email)[1], 'f');
		// After signing out, the next session is shown a new secret.
		const csrfA = getCsrf((await a.get('/two-step')).text);
		assert.equal((await a.post('/sign-out', { csrf: csrfA })).status, 303);
		const a2 = (await signInPassword(email)).c;
		const keyA2 = keyOn(await a2.get('/two-step'));
		assert.notEqual(keyA2, keyA, 'the secret survived sign-out');
		assert.notEqual(keyA2, keyB);
		// Each session confirms its own.
		const page = await b.get('/two-step');
		assert.equal(keyOn(page), keyB, 'reloading in the same session changed the secret');
		const on = await b.post('/two-step', { csrf: getCsrf(page.text), code: codeFor(base32decode(keyB)) });
		assert.equal(on.location, '/two-step');
		assert.equal(totpRow(email)[1], 't');
	});

	test('lasts 15 minutes: then the page shows a new one, and the old one cannot be confirmed', async () => {
		const email = newAccount();
		const { c } = await signInPassword(email);
		const first = await c.get('/two-step');
		const key = keyOn(first);
		psql(`UPDATE sessions SET totp_pending_at = now() - interval '16 minutes'
		    WHERE token_hash = '${sha256hex(c.session)}'`);
		// A code typed for it now is refused, and says why; a new key is shown.
		const late = await c.post('/two-step', { csrf: getCsrf(first.text), code: codeFor(base32decode(key)) });
		assert.equal(late.status, 400);
		assert.ok(decodeHtml(late.text).includes('The key has expired. Scan the new QR code'));
		assert.match(late.text, /govuk-error-summary/);
		assert.match(late.text, /href="#code"/);
		assert.notEqual(keyOn({ status: 200, text: late.text }), key);
		assert.equal(totpRow(email)[1], 'f');
		psql(`UPDATE sessions SET totp_pending_at = now() - interval '16 minutes'
		    WHERE token_hash = '${sha256hex(c.session)}'`);
		const page = await c.get('/two-step');
		assert.notEqual(keyOn(page), key, 'a secret older than 15 minutes was shown again');
		const r = await c.post('/two-step', { csrf: getCsrf(page.text), code: codeFor(base32decode(key)) });
		assert.equal(r.status, 400);
		assert.equal(totpRow(email)[1], 'f');
	});

	test('where the organisation requires it, a secret seen with the password alone dies with that session', async () => {
		const email = newAccount();
		let r = ctl('require-two-step', ORG, 'yes');
		assert.equal(r.status, 0, r.stderr);
		try {
			// Someone who knows the password reads the secret...
			const thief = (await signInPassword(email)).c;
			const stolen = keyOn(await thief.get('/two-step'));
			const csrf = getCsrf((await thief.get('/two-step')).text);
			await thief.post('/sign-out', { csrf });
			// ...the owner enrols later, in their own session.
			const owner = (await signInPassword(email)).c;
			const page = await owner.get('/two-step');
			const key = keyOn(page);
			assert.notEqual(key, stolen);
			const on = await owner.post('/two-step', { csrf: getCsrf(page.text), code: codeFor(base32decode(key)) });
			assert.equal(on.location, '/two-step');
			// The stolen secret gives no code that signs in.
			const { c, r: pw } = await signInPassword(email);
			assert.equal(pw.location, '/sign-in/code');
			const form = await c.get('/sign-in/code');
			const code = await c.post('/sign-in/code', { csrf: getCsrf(form.text), code: codeFor(base32decode(stolen), 1) });
			assert.ok(decodeHtml(code.text).includes(WRONG), 'the secret read before enrolment gives valid codes');
		} finally {
			r = ctl('require-two-step', ORG, 'no');
			assert.equal(r.status, 0, r.stderr);
		}
	});

	test('a password reset or an administrator\'s reset discards it', async () => {
		const email = newAccount();
		const { c } = await signInPassword(email);
		const key = keyOn(await c.get('/two-step'));
		assert.equal(ctl('reset-password', email).status, 0);
		assert.equal(psql(`SELECT count(*) FROM sessions WHERE account_id = ${accountId(email)}
		    AND totp_pending IS NOT NULL`), '0', 'a password reset kept the secret waiting');
		assert.deepEqual(totpRow(email), ['', 'f', '0']);
		const again = (await signInPassword(email)).c;
		assert.notEqual(keyOn(await again.get('/two-step')), key, 'the secret survived a password reset');
		assert.notEqual(pendingOf(again.session), '');

		// An administrator of the account's own organisation resets it: the
		// secret waiting is discarded too.
		const admin = (await signInPassword(newAccount('admin'))).c;
		const id = accountId(email);
		const csrf = getCsrf((await admin.get(`/admin/accounts/${id}`)).text);
		const r = await admin.post(`/admin/accounts/${id}/two-step/reset`, { csrf });
		assert.equal(r.status, 303);
		assert.equal(pendingOf(again.session), '', 'an administrator\'s reset kept the secret waiting');
	});
});

describe('a provider shared by two councils', () => {
	test('only its own administrator (or the operator) resets its staff\'s two-step; a council\'s admin gets 404', async () => {
		const provider = `Shared Health Trust ${process.pid}`;
		for (const council of [ORG, 'Demoshire County Council'])
			assert.equal(ctl('create-org', 'nhs_body', provider, council).status, 0);
		const email = `shared-${process.pid}@sharedtrust.test`;
		assert.equal(ctl('create-account', email, 'professional', provider, 'Sam Shared').status, 0);
		const id = accountId(email);
		const { c } = await setUp(email);

		// The administrator of a council the provider serves sees the
		// account, but is not offered, and cannot use, the reset.
		const councilAdmin = (await signInPassword(newAccount('admin'))).c;
		const page = await councilAdmin.get(`/admin/accounts/${id}`);
		assert.equal(page.status, 200);
		assert.ok(!page.text.includes('two-step/reset'), 'a council\'s admin is offered the reset of a provider\'s staff');
		const r = await councilAdmin.post(`/admin/accounts/${id}/two-step/reset`, { csrf: getCsrf(page.text) });
		assert.equal(r.status, 404);
		assert.equal(totpRow(email)[1], 't');
		assert.equal((await c.get('/inbox')).status, 200, 'the provider\'s staff was signed out');

		// The provider's own administrator may.
		const padmin = `shared-admin-${process.pid}@sharedtrust.test`;
		assert.equal(ctl('create-account', padmin, 'admin', provider, 'Pat Admin').status, 0);
		const own = (await signInPassword(padmin)).c;
		const opage = await own.get(`/admin/accounts/${id}`);
		assert.match(opage.text, new RegExp(`action="/admin/accounts/${id}/two-step/reset"`));
		const ok = await own.post(`/admin/accounts/${id}/two-step/reset`, { csrf: getCsrf(opage.text) });
		assert.equal(ok.status, 303);
		assert.equal(totpRow(email)[1], 'f');
	});
});
