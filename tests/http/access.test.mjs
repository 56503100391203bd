// Who may call what: 404 for unknown paths, for routes outside the role,
// and for records of another council (indistinguishable from a missing
// id); 405 for wrong methods; GET never changes state.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
	Client, TESTSHIRE_ADMIN, TESTSHIRE_PASSWORD, accountId, clearAttempts, decodeHtml,
	ensureTestshire, h1Of, psql, signIn,
} from './lib.mjs';

let testshireAdmin;

before(() => {
	clearAttempts();
	testshireAdmin = ensureTestshire();
});

describe('404', () => {
	test('unknown path', async () => {
		for (const p of ['/no-such-page', '/caseworker/', '/CASEWORKER', '/admin/accounts/',
		    '/sign-in/x', '//sign-in']) {
			const r = await new Client().get(p);
			assert.equal(r.status, 404, p);
			assert.equal(h1Of(r.text), 'Page not found', p);
		}
	});

	test('a route the role may not use answers 404, exactly like an unknown one', async () => {
		const ep = await signIn('ep@demo.test');
		const unknown = await ep.get('/no-such-page');
		assert.equal(unknown.status, 404);
		for (const p of ['/admin/accounts', '/admin', '/caseworker', '/parent', '/admin/accounts/1']) {
			const r = await ep.get(p);
			assert.equal(r.status, 404, `ep GET ${p}`);
			assert.equal(r.text, unknown.text, `ep GET ${p} differs from an unknown page`);
		}
		// Still signed in afterwards.
		assert.equal((await ep.get('/inbox')).status, 200);
	});

	test('parent and school responder cannot reach staff pages', async () => {
		for (const [email, paths] of [
			['parent@demo.test', ['/caseworker', '/manager', '/inbox', '/admin/accounts']],
			['school@demo.test', ['/caseworker', '/parent', '/service', '/admin']],
			['caseworker@demo.test', ['/manager', '/admin', '/admin/accounts', '/inbox']],
		]) {
			const c = await signIn(email);
			for (const p of paths)
				assert.equal((await c.get(p)).status, 404, `${email} GET ${p}`);
		}
	});

	test('bad ids: 404', async () => {
		const admin = await signIn('admin@demo.test');
		for (const p of ['/admin/accounts/0', '/admin/accounts/01', '/admin/accounts/-1',
		    '/admin/accounts/abc', '/admin/accounts/1x', '/admin/accounts/9999999999999999999',
		    '/admin/accounts/1/2'])
			assert.equal((await admin.get(p)).status, 404, p);
	});
});

describe('council scoping of accounts', () => {
	test('another council\'s account: 404, byte for byte like a missing id', async () => {
		const admin = await signIn('admin@demo.test');
		const adminId = accountId('admin@demo.test');
		const views = () => Number(psql(`SELECT count(*) FROM audit_log WHERE action = 'view_account'
		    AND object_id = ${testshireAdmin}`));
		const before = views();
		const other = await admin.get(`/admin/accounts/${testshireAdmin}`);
		const missing = await admin.get('/admin/accounts/999999999');
		assert.equal(other.status, 404);
		assert.equal(missing.status, 404);
		assert.equal(other.text, missing.text);
		assert.equal(other.headers.get('content-length'), missing.headers.get('content-length'));
		assert.ok(!decodeHtml(other.text).includes(TESTSHIRE_ADMIN));
		assert.ok(!decodeHtml(other.text).includes('Tess Admin'));
		assert.equal(views(), before, 'a refused view was audited as a view');
		assert.ok(adminId > 0);
	});

	test('own council\'s account: 200 with its details, and audited', async () => {
		const admin = await signIn('admin@demo.test');
		const adminId = accountId('admin@demo.test');
		const target = accountId('caseworker@demo.test');
		const count = () => Number(psql(`SELECT count(*) FROM audit_log WHERE action = 'view_account'
		    AND object_id = ${target} AND account_id = ${adminId}`));
		const before = count();
		const r = await admin.get(`/admin/accounts/${target}`);
		assert.equal(r.status, 200);
		const text = decodeHtml(r.text);
		assert.equal(h1Of(r.text), 'Casey Walker', 'the account page does not show the account');
		assert.ok(text.includes('caseworker@demo.test'), 'the account page does not show the email');
		assert.ok(text.includes('Demoshire County Council'));
		assert.equal(count(), before + 1, 'no view_account audit row');
	});

	test('a provider serving the council is in scope', async () => {
		const admin = await signIn('admin@demo.test');
		const r = await admin.get(`/admin/accounts/${accountId('ep@demo.test')}`);
		assert.equal(r.status, 200);
		assert.ok(decodeHtml(r.text).includes('ep@demo.test'));
	});

	test('the list shows only the council\'s own and its providers\' accounts', async () => {
		const admin = await signIn('admin@demo.test');
		const r = await admin.get('/admin/accounts');
		assert.equal(r.status, 200);
		const text = decodeHtml(r.text);
		assert.ok(text.includes('caseworker@demo.test'));
		assert.ok(text.includes('ep@demo.test'));
		assert.ok(!text.includes(TESTSHIRE_ADMIN), 'Demoshire sees a Testshire account');
	});

	test('the other council\'s admin sees none of Demoshire', async () => {
		const tess = await signIn(TESTSHIRE_ADMIN, TESTSHIRE_PASSWORD);
		assert.equal((await tess.get('/')).location, '/admin');
		const list = await tess.get('/admin/accounts');
		assert.equal(list.status, 200);
		assert.ok(decodeHtml(list.text).includes(TESTSHIRE_ADMIN));
		assert.ok(!/demo\.test/.test(decodeHtml(list.text)), 'Testshire sees Demoshire accounts');
		const missing = await tess.get('/admin/accounts/999999999');
		for (const email of ['caseworker@demo.test', 'admin@demo.test', 'ep@demo.test']) {
			const r = await tess.get(`/admin/accounts/${accountId(email)}`);
			assert.equal(r.status, 404, email);
			assert.equal(r.text, missing.text, email);
		}
		assert.equal((await tess.get(`/admin/accounts/${testshireAdmin}`)).status, 200);
	});
});

describe('methods', () => {
	test('POST to a GET-only page: 405 with Allow', async () => {
		const anon = new Client();
		const csrf = await anon.csrfFrom('/sign-in');
		const r = await anon.post('/accessibility', { csrf });
		assert.equal(r.status, 405);
		assert.ok(r.headers.get('allow'), 'no Allow header');

		const cw = await signIn('caseworker@demo.test');
		// (The caseload takes POST: its search is posted.)
		const token = await cw.csrfFrom('/notifications');
		assert.equal((await cw.post('/notifications', { csrf: token })).status, 405);
		assert.equal((await cw.get('/notifications')).status, 200);
	});

	test('other methods: 405', async () => {
		for (const m of ['PUT', 'DELETE', 'PATCH']) {
			const r = await new Client().request(m, '/sign-in');
			assert.equal(r.status, 405, m);
		}
	});

	test('GET /sign-out does not sign out', async () => {
		const c = await signIn('caseworker@demo.test');
		const r = await c.get('/sign-out');
		assert.ok(r.status === 405 || r.status === 404, `GET /sign-out answered ${r.status}`);
		assert.equal(r.cookies.length, 0, 'GET /sign-out set a cookie');
		assert.equal((await c.get('/caseworker')).status, 200);
	});

	test('GET with a csrf query string does not sign out either', async () => {
		const c = await signIn('caseworker@demo.test');
		const csrf = await c.csrfFrom('/caseworker');
		const r = await c.get(`/sign-out?csrf=${encodeURIComponent(csrf)}`);
		assert.notEqual(r.status, 303);
		assert.equal((await c.get('/caseworker')).status, 200);
	});

	test('GET /sign-in with credentials in the query does not sign in', async () => {
		const c = new Client();
		const csrf = await c.csrfFrom('/sign-in');
		const r = await c.get(`/sign-in?csrf=${csrf}&email=caseworker%40demo.test&password=demo-password-2026`);
		assert.equal(r.status, 200);
		assert.equal(c.session, undefined);
		assert.equal((await c.get('/caseworker')).status, 303);
	});
});
