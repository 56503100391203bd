// The council runs itself from the portal (issue 11): its administrator
// creates organisations and links providers, creates staff accounts that
// get a one-time code by mail and set their own password, changes roles,
// disables and re-enables accounts, and reads an account's audit trail.
// Every change is audited; wrong input is refused with errors by the
// field and nothing written; another council's record is 404, exactly as
// a missing one.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import {
	BAD_SIGNIN, BASE_URL, Client, ROOT, TESTSHIRE, TESTSHIRE_PASSWORD, accountId, clearAttempts, decodeHtml,
	ensureTestshire, lit, psql, signIn,
} from './lib.mjs';
import {
	MISSING, TAG, count, ctl, errorSummary, num, orgId, postFrom, summaryValue, textOf,
} from './advice-lib.mjs';

const PASSWORD = 'a quiet morning by the canal';
const TESTSHIRE_ORG = `Testshire Therapy Partnership ${TAG}`;
let admin, tess, testshireOrg, testshireAccount, newOrg, staffId;
const STAFF_EMAIL = `new.ep-${TAG}@example.com`;

const auditOf = (action, type, id) => count('audit_log', `action = ${lit(action)}
    AND object_type = ${lit(type)} AND object_id = ${Number(id)}
    AND account_id = ${accountId('admin@demo.test')}`);
const codeIn = (email) => {
	const mail = psql(`SELECT subject || E'\\n' || body FROM outbox WHERE to_address = ${lit(email)}
	    ORDER BY id DESC LIMIT 1`);
	const m = /\n {4}([0-9A-Z]{5}-[0-9A-Z]{5})\n/.exec(mail);
	assert.ok(m, `no code in the mail to ${email}:\n${mail}`);
	return { code: m[1], mail };
};

// The mail goes out through a real SMTP server on loopback (tests/smtp_sink.py,
// on the port of PORTAL_SMTP), sent by `portalctl send-mail --once`.
const SMTP = process.env.PORTAL_SMTP || `smtp://127.0.0.1:${Number(new URL(BASE_URL).port) + 25}`;
const MAILDIR = path.join(process.env.TEST_VAR || '/tmp', `mail-admin-${TAG}`);
let sink;

async function startSink() {
	sink = spawn('/usr/bin/python3', [path.join(ROOT, 'tests/smtp_sink.py'), /:(\d+)$/.exec(SMTP)[1], MAILDIR],
	    { stdio: ['ignore', 'pipe', 'inherit'] });
	await new Promise((resolve, reject) => {
		sink.stdout.once('data', resolve);
		sink.once('exit', (code) => reject(new Error(`smtp sink exited ${code}`)));
	});
}

async function stopSink() {
	if (!sink || sink.exitCode !== null)
		return;
	const gone = new Promise((resolve) => sink.once('exit', resolve));
	sink.kill('SIGTERM');
	await gone;
}

/* Sends the outbox to the sink; the message to address as the relay got it. */
async function deliveredTo(address) {
	await startSink();
	try {
		const r = spawnSync(path.join(ROOT, 'build/portalctl'), ['send-mail', '--once'], { encoding: 'utf8',
		    env: { ...process.env, PORTAL_SMTP: SMTP, PORTAL_MAIL_FROM: process.env.PORTAL_MAIL_FROM || 'portal@demoshire.example' } });
		assert.equal(r.status, 0, `portalctl send-mail: ${r.stderr}`);
	} finally {
		await stopSink();
	}
	const found = fs.readdirSync(MAILDIR).filter((f) => f.endsWith('.eml'))
	    .map((f) => fs.readFileSync(path.join(MAILDIR, f), 'utf8'))
	    .filter((raw) => new RegExp(`^X-Envelope-To: ${address}\\r?$`, 'mi').test(raw));
	assert.equal(found.length, 1, `mails to ${address}: ${found.length}`);
	return found[0].replace(/\r\n/g, '\n');
}

const fieldsOf = (html) => (errorSummary(html) || []).map((e) => e.href);

after(stopSink);

before(async () => {
	clearAttempts();
	ensureTestshire();
	let r = ctl(['create-org', 'other', TESTSHIRE_ORG, TESTSHIRE]);
	assert.equal(r.status, 0, `portalctl create-org: ${r.stderr}`);
	testshireOrg = orgId(TESTSHIRE_ORG);
	const email = `tess.worker-${TAG}@test.test`;
	r = ctl(['create-account', email, 'caseworker', TESTSHIRE, 'Tess Worker'], `${TESTSHIRE_PASSWORD}\n`);
	assert.equal(r.status, 0, `portalctl create-account: ${r.stderr}`);
	testshireAccount = accountId(email);
	admin = await signIn('admin@demo.test');
	tess = await signIn('admin@test.test', TESTSHIRE_PASSWORD);
});

describe('organisations', () => {
	test('an admin creates an organisation: linked to the council, audited, shown with a success banner', async () => {
		const name = `Canal Speech Therapy ${TAG}`;
		const r = await postFrom(admin, '/admin/organisations/new', '/admin/organisations',
		    { name: `  ${name} `, kind: 'other' });
		assert.equal(r.status, 303, textOf(r.text).slice(0, 400));
		newOrg = orgId(name);
		assert.equal(r.location, `/admin/organisations/${newOrg}?done=created`);
		assert.equal(psql(`SELECT kind FROM organisations WHERE id = ${newOrg}`), 'other');
		assert.equal(count('council_providers', `council_id = ${orgId('Demoshire County Council')}
		    AND provider_id = ${newOrg}`), 1);
		assert.equal(auditOf('create_organisation', 'organisation', newOrg), 1);
		const page = await admin.get(r.location);
		assert.equal(page.status, 200);
		assert.match(textOf(page.text), /Organisation created and linked to your council/);
		assert.match(textOf(page.text), new RegExp(`Other provider ${name}`));
		const list = await admin.get('/admin/organisations');
		assert.ok(textOf(list.text).includes(name));
	});

	test('wrong input is refused with errors by the field, and nothing is written', async () => {
		const before = count('organisations');
		const cases = [
			[{}, ['#name', '#kind']],
			[{ name: 'x'.repeat(201), kind: 'school' }, ['#name']],
			[{ name: 'Line\nbreak', kind: 'school' }, ['#name']],
			[{ name: `A council ${TAG}`, kind: 'local_authority' }, ['#kind']],
			[{ name: `Unknown ${TAG}`, kind: 'galaxy' }, ['#kind']],
		];
		for (const [form, want] of cases) {
			const r = await postFrom(admin, '/admin/organisations/new', '/admin/organisations', form);
			assert.equal(r.status, 400, JSON.stringify(form));
			assert.deepEqual(fieldsOf(r.text), want, JSON.stringify(form));
			for (const f of want)
				assert.match(r.text, new RegExp(`id="${f.slice(1)}-error"`), `no error by ${f}`);
			assert.match(r.text, /<title>Error: /);
		}
		assert.equal(count('organisations'), before);
	});

	test('a provider another council already uses is linked, not made twice, and stays that council\'s to staff; linking again is refused', async () => {
		const shared = `Shared Hearing Service ${TAG}`;
		const r0 = ctl(['create-org', 'nhs_body', shared, TESTSHIRE]);
		assert.equal(r0.status, 0, r0.stderr);
		const id = orgId(shared);
		const before = count('organisations');
		const r = await postFrom(admin, '/admin/organisations/new', '/admin/organisations',
		    { name: shared.toUpperCase(), kind: 'nhs_body' });
		assert.equal(r.status, 303);
		assert.equal(r.location, `/admin/organisations/${id}?done=linked`);
		assert.equal(count('organisations'), before, 'a second organisation was made');
		assert.equal(count('council_providers', `provider_id = ${id}`), 2);
		assert.equal(auditOf('link_organisation', 'organisation', id), 1);
		// Linked, not owned: its staff stay Testshire's to create and disable.
		const page = await admin.get(r.location);
		assert.doesNotMatch(page.text, /Add an account to this organisation/);
		assert.match(textOf(page.text), /another council manages its staff accounts/);
		const before2 = count('accounts');
		const made = await postFrom(admin, '/admin/accounts/new', '/admin/accounts', {
			name: 'Hal Hearing', email: `hal-${TAG}@example.com`, organisation: String(id), role: 'professional',
		});
		assert.equal(made.status, 404);
		assert.equal(count('accounts'), before2);
		const staff = `shared.staff-${TAG}@example.com`;
		const rs = ctl(['create-account', staff, 'professional', shared, 'Sam Shared'], `${PASSWORD}\n`);
		assert.equal(rs.status, 0, rs.stderr);
		const sid = accountId(staff);
		const view = await admin.get(`/admin/accounts/${sid}`);
		assert.equal(view.status, 200, 'a linked provider\'s staff are visible');
		assert.doesNotMatch(view.text, /Disable account|Change role/);
		for (const p of ['disable', 'role'])
			assert.equal((await postFrom(admin, `/admin/accounts/${sid}`, `/admin/accounts/${sid}/${p}`,
			    { role: 'service_lead' })).status, 404, p);
		assert.equal(psql(`SELECT role || ' ' || disabled FROM accounts WHERE id = ${sid}`), 'professional false');
		// Testshire, which added it, manages them.
		const t = await postFrom(tess, `/admin/accounts/${sid}`, `/admin/accounts/${sid}/disable`, {});
		assert.equal(t.status, 303);
		assert.equal(psql(`SELECT disabled FROM accounts WHERE id = ${sid}`), 't');
		const again = await postFrom(admin, '/admin/organisations/new', '/admin/organisations',
		    { name: shared, kind: 'nhs_body' });
		assert.equal(again.status, 400);
		assert.deepEqual(errorSummary(again.text), [{ href: '#name',
		    message: 'This organisation is already linked to your council' }]);
		assert.equal(count('council_providers', `provider_id = ${id}`), 2);
	});

	test('another council\'s organisation is 404, the same as a missing one', async () => {
		const other = await admin.get(`/admin/organisations/${testshireOrg}`);
		const missing = await admin.get(`/admin/organisations/${MISSING}`);
		assert.equal(other.status, 404);
		assert.equal(other.text, missing.text);
		assert.equal((await tess.get(`/admin/organisations/${orgId('Demoshire Educational Psychology Service')}`)).status, 404);
		assert.ok(!textOf((await tess.get('/admin/organisations')).text).includes('Demoshire Educational'));
	});
});

describe('staff accounts', () => {
	test('an admin creates an account that then signs in with the code from its mail', async () => {
		const before = count('accounts');
		const r = await postFrom(admin, `/admin/accounts/new?organisation=${newOrg}`, '/admin/accounts', {
			name: 'Nia Evans', email: STAFF_EMAIL.toUpperCase(), job_title: 'Speech and language therapist',
			organisation: String(newOrg), role: 'professional',
		});
		assert.equal(r.status, 303, textOf(r.text).slice(0, 500));
		staffId = accountId(STAFF_EMAIL);
		assert.equal(r.location, `/admin/accounts/${staffId}?done=account`);
		assert.equal(count('accounts'), before + 1);
		assert.equal(psql(`SELECT role || ' ' || organisation_id || ' ' || (password_hash LIKE '!%')
		    FROM accounts WHERE id = ${staffId}`), `professional ${newOrg} true`);
		assert.equal(auditOf('create_account', 'account', staffId), 1);
		const page = await admin.get(r.location);
		assert.match(textOf(page.text), /Account created\. We have emailed them a code/);

		const { code: queued, mail: body } = codeIn(STAFF_EMAIL);
		assert.match(body, /^Your account on the EHC Advice Portal/);
		// The code the new user reads is the one the relay received.
		const mail = await deliveredTo(STAFF_EMAIL);
		assert.match(mail, /^Subject: Your account on the EHC Advice Portal$/m);
		assert.match(mail, /go to http:\/\/127\.0\.0\.1:\d+\/invitation and enter/);
		const code = /\n {4}([0-9A-Z]{5}-[0-9A-Z]{5})\n/.exec(mail)[1];
		assert.equal(code, queued);
		assert.ok(!psql(`SELECT body FROM outbox WHERE to_address = ${lit(STAFF_EMAIL)}`).includes(code),
		    'the sent mail\'s code is still in the outbox');
		assert.equal(count('invitations', `account_id = ${staffId} AND kind = 'staff'`), 1);
		assert.equal(count('invitations', `code_hash LIKE ${lit(`%${code}%`)}`), 0);

		// Before the code: no sign-in with anything.
		clearAttempts();
		const early = await new Client().trySignIn(STAFF_EMAIL, '!invited');
		assert.equal(early.status, 200);
		assert.ok(textOf(early.text).includes(BAD_SIGNIN));

		const c = new Client();
		const csrf = await c.csrfFrom('/invitation');
		const set = await c.post('/invitation', { csrf, email: STAFF_EMAIL, code, password: PASSWORD,
		    'password-confirm': PASSWORD });
		assert.equal(set.status, 303, textOf(set.text).slice(0, 500));
		assert.equal((await c.get('/')).location, '/inbox');
		assert.equal((await c.get('/inbox')).status, 200);
		// The code works once; the password works from now on.
		const twice = await new Client().post('/invitation', { csrf, email: STAFF_EMAIL, code,
		    password: PASSWORD, 'password-confirm': PASSWORD });
		assert.notEqual(twice.status, 303);
		clearAttempts();
		const again = await signIn(STAFF_EMAIL, PASSWORD);
		assert.equal((await again.get('/')).location, '/inbox');
	});

	test('wrong input is refused with errors by the field, and nothing is written', async () => {
		const council = String(orgId('Demoshire County Council'));
		const base = { name: 'Ola Brown', email: `ola-${TAG}@example.com`, organisation: council, role: 'caseworker' };
		const before = count('accounts');
		const mails = count('outbox');
		const cases = [
			[{}, ['#name', '#email', '#organisation', '#role']],
			[{ ...base, name: '   ' }, ['#name']],
			[{ ...base, email: 'not-an-address' }, ['#email']],
			[{ ...base, email: 'caseworker@demo.test' }, ['#email']],
			[{ ...base, job_title: 'y'.repeat(201) }, ['#job_title']],
			[{ ...base, role: 'parent' }, ['#role']],
			[{ ...base, role: 'professional' }, ['#role']],
			[{ ...base, organisation: String(newOrg), role: 'manager' }, ['#role']],
			[{ ...base, organisation: String(newOrg), role: 'school_responder' }, ['#role']],
		];
		for (const [form, want] of cases) {
			const r = await postFrom(admin, '/admin/accounts/new', '/admin/accounts', form);
			assert.equal(r.status, 400, JSON.stringify(form));
			assert.deepEqual(fieldsOf(r.text), want, JSON.stringify(form));
			for (const f of want)
				assert.match(r.text, new RegExp(`id="${f.slice(1)}-error"`), `no error by ${f}`);
		}
		const dup = await postFrom(admin, '/admin/accounts/new', '/admin/accounts', { ...base, email: 'caseworker@demo.test' });
		assert.deepEqual(errorSummary(dup.text), [{ href: '#email', message: 'There is already an account with this email address' }]);
		assert.equal(count('accounts'), before);
		assert.equal(count('outbox'), mails);
	});

	test('an account in another council\'s organisation is 404 and nothing is written', async () => {
		const before = count('accounts');
		for (const org of [testshireOrg, MISSING]) {
			const r = await postFrom(admin, '/admin/accounts/new', '/admin/accounts', {
				name: 'Sly Fox', email: `sly-${TAG}@example.com`, organisation: String(org), role: 'professional',
			});
			assert.equal(r.status, 404, `organisation ${org}`);
		}
		assert.equal(count('accounts'), before);
	});
});

describe('roles and disabling', () => {
	test('an admin changes a role: audited, its sessions end, refusals by the field', async () => {
		clearAttempts();
		const user = await signIn(STAFF_EMAIL, PASSWORD);
		const r = await postFrom(admin, `/admin/accounts/${staffId}`, `/admin/accounts/${staffId}/role`,
		    { role: 'service_lead' });
		assert.equal(r.status, 303);
		assert.equal(r.location, `/admin/accounts/${staffId}?done=role`);
		assert.equal(psql(`SELECT role FROM accounts WHERE id = ${staffId}`), 'service_lead');
		assert.equal(auditOf('change_role', 'account', staffId), 1);
		assert.equal((await user.get('/inbox')).location, '/sign-in', 'the old session still works');
		const page = await admin.get(r.location);
		assert.equal(summaryValue(page.text, 'Role'), 'Service lead');

		for (const [role, msg] of [['caseworker', /roles offered/], ['parent', /roles offered/], ['', /roles offered/]]) {
			const bad = await postFrom(admin, `/admin/accounts/${staffId}`, `/admin/accounts/${staffId}/role`, { role });
			assert.equal(bad.status, 400, role);
			assert.deepEqual(fieldsOf(bad.text), ['#role']);
			assert.match(errorSummary(bad.text)[0].message, msg);
			assert.match(bad.text, /id="role-error"/);
		}
		const own = accountId('admin@demo.test');
		const self = await postFrom(admin, `/admin/accounts/${own}`, `/admin/accounts/${own}/role`, { role: 'caseworker' });
		assert.equal(self.status, 400);
		assert.match(errorSummary(self.text)[0].message, /cannot change your own role/);
		const parent = accountId('parent@demo.test');
		const p = await postFrom(admin, `/admin/accounts/${parent}`, `/admin/accounts/${parent}/role`, { role: 'caseworker' });
		assert.equal(p.status, 400);
		assert.equal(psql(`SELECT role FROM accounts WHERE id = ${own}`), 'admin');
		assert.equal(psql(`SELECT role FROM accounts WHERE id = ${parent}`), 'parent');
		assert.equal(auditOf('change_role', 'account', staffId), 1);
	});

	test('a disabled account is signed out at once and cannot sign in; enabled, it can again', async () => {
		clearAttempts();
		const user = await signIn(STAFF_EMAIL, PASSWORD);
		assert.equal((await user.get('/service')).status, 200);
		const r = await postFrom(admin, `/admin/accounts/${staffId}`, `/admin/accounts/${staffId}/disable`, {});
		assert.equal(r.status, 303);
		assert.equal(r.location, `/admin/accounts/${staffId}?done=disabled`);
		assert.equal(count('sessions', `account_id = ${staffId}`), 0, 'its sessions remain');
		assert.equal((await user.get('/service')).location, '/sign-in');
		assert.equal(auditOf('disable_account', 'account', staffId), 1);
		const page = await admin.get(r.location);
		assert.equal(summaryValue(page.text, 'Status'), 'Disabled');
		assert.match(textOf(page.text), /Account disabled/);
		assert.match(page.text, /action="\/admin\/accounts\/\d+\/enable"/);

		clearAttempts();
		const refused = await new Client().trySignIn(STAFF_EMAIL, PASSWORD);
		assert.equal(refused.status, 200);
		assert.ok(textOf(refused.text).includes(BAD_SIGNIN));
		const list = await admin.get('/admin/accounts?sort=organisation');
		assert.match(textOf(list.text), /Nia Evans .*? Disabled/);

		const on = await postFrom(admin, `/admin/accounts/${staffId}`, `/admin/accounts/${staffId}/enable`, {});
		assert.equal(on.status, 303);
		assert.equal(on.location, `/admin/accounts/${staffId}?done=enabled`);
		assert.equal(auditOf('enable_account', 'account', staffId), 1);
		clearAttempts();
		await signIn(STAFF_EMAIL, PASSWORD);
	});

	test('an admin cannot disable their own account', async () => {
		const own = accountId('admin@demo.test');
		const r = await postFrom(admin, `/admin/accounts/${own}`, `/admin/accounts/${own}/disable`, {});
		assert.equal(r.status, 400);
		assert.deepEqual(errorSummary(r.text), [{ href: '#disable', message: 'You cannot disable your own account' }]);
		assert.equal(psql(`SELECT disabled FROM accounts WHERE id = ${own}`), 'f');
	});

	test('another council\'s account: every admin action is 404, the same as a missing one, and changes nothing', async () => {
		for (const [p, form] of [['role', { role: 'manager' }], ['disable', {}], ['enable', {}]]) {
			const other = await postFrom(admin, '/admin/accounts', `/admin/accounts/${testshireAccount}/${p}`, form);
			const missing = await postFrom(admin, '/admin/accounts', `/admin/accounts/${MISSING}/${p}`, form);
			assert.equal(other.status, 404, p);
			assert.equal(other.text, missing.text, p);
		}
		const other = await admin.get(`/admin/accounts/${testshireAccount}/audit`);
		assert.equal(other.status, 404);
		assert.equal(other.text, (await admin.get(`/admin/accounts/${MISSING}/audit`)).text);
		assert.equal(psql(`SELECT role || ' ' || disabled FROM accounts WHERE id = ${testshireAccount}`), 'caseworker false');
		// Testshire's admin cannot touch Demoshire's new account either.
		const t = await postFrom(tess, '/admin/accounts', `/admin/accounts/${staffId}/disable`, {});
		assert.equal(t.status, 404);
		assert.equal(psql(`SELECT disabled FROM accounts WHERE id = ${staffId}`), 'f');
	});
});

describe('audit trail and paging', () => {
	test('an account\'s audit trail: its own rows, newest first, 25 a page, the view audited', async () => {
		psql(`INSERT INTO audit_log (account_id, action, object_type, object_id, ip, detail)
		    SELECT ${staffId}, 'paging_fixture_' || g, 'assessment', g, '192.0.2.1', ''
		    FROM generate_series(1, 40) g`);
		const total = num(`SELECT count(*) FROM audit_log WHERE account_id = ${staffId}`);
		const views = auditOf('view_account_audit', 'account', staffId);
		const p1 = await admin.get(`/admin/accounts/${staffId}/audit`);
		assert.equal(p1.status, 200);
		const rows = (html) => [...html.matchAll(/<tr class="govuk-table__row">\s*<td/g)].length;
		assert.equal(rows(p1.text), 25);
		assert.match(textOf(p1.text), new RegExp(`Showing 1 to 25 of ${total} events`));
		assert.match(p1.text, /<nav class="govuk-pagination" aria-label="Pagination">/);
		assert.match(decodeHtml(p1.text), new RegExp(`href="/admin/accounts/${staffId}/audit\\?page=2" rel="next"`));
		assert.ok(textOf(p1.text).includes('paging_fixture_40'), 'newest first');
		assert.ok(!textOf(p1.text).includes('view_account '), 'another account\'s rows shown');
		const p2 = await admin.get(`/admin/accounts/${staffId}/audit?page=2`);
		assert.equal(rows(p2.text), total - 25);
		assert.match(p2.text, /aria-current="page">2</);
		const far = await admin.get(`/admin/accounts/${staffId}/audit?page=999`);
		assert.equal(rows(far.text), total - 25, 'a page past the end shows the last');
		const junk = await admin.get(`/admin/accounts/${staffId}/audit?page=x`);
		assert.equal(rows(junk.text), 25);
		assert.equal(auditOf('view_account_audit', 'account', staffId), views + 4);
	});

	test('the accounts list pages and sorts (staff only, 25 a page)', async () => {
		psql(`INSERT INTO accounts (organisation_id, role, email, display_name, password_hash)
		    SELECT ${newOrg}, 'professional', 'zz-paging-' || g || '-${TAG}@example.com',
		    'Zz Paging ' || lpad(g::text, 2, '0'), '!invited' FROM generate_series(1, 30) g`);
		const council = orgId('Demoshire County Council');
		const total = num(`SELECT count(*) FROM accounts a WHERE a.role <> 'parent' AND (a.organisation_id = ${council}
		    OR a.organisation_id IN (SELECT provider_id FROM council_providers WHERE council_id = ${council}))`);
		const p1 = await admin.get('/admin/accounts');
		const names = (html) => [...html.matchAll(/<a class="govuk-link" href="\/admin\/accounts\/\d+">([^<]*)<\/a>/g)].map((m) => m[1]);
		assert.equal(names(p1.text).length, 25);
		assert.match(textOf(p1.text), new RegExp(`Showing 1 to 25 of ${total} accounts`));
		assert.ok(!textOf(p1.text).includes('parent@demo.test'), 'parents are not in the staff list');
		const last = Math.ceil(total / 25);
		const pl = await admin.get(`/admin/accounts?page=${last}`);
		assert.ok(names(pl.text).includes('Zz Paging 30'));
		const sorted = names(p1.text);
		assert.deepEqual(sorted, [...sorted].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
		const byOrg = await admin.get('/admin/accounts?sort=organisation');
		assert.match(decodeHtml(byOrg.text), /aria-sort="ascending"><a class="govuk-link" href="\/admin\/accounts\?sort=organisation">/);
		assert.match(decodeHtml(byOrg.text), /href="\/admin\/accounts\?sort=organisation&page=2"/);
	});
});
