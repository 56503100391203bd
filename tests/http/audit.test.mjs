// The audit log is append-only: the portal's role may add and read rows,
// never change or remove them; a trigger refuses even the owner.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';

import { accountId, clearAttempts, psql, psqlApp, signIn } from './lib.mjs';

before(async () => {
	clearAttempts();
	await signIn('caseworker@demo.test');	// at least one row
});

const count = () => Number(psql('SELECT count(*) FROM audit_log'));

test('the app role may read and insert', () => {
	const r = psqlApp('SELECT count(*) FROM audit_log');
	assert.ok(r.ok, r.stderr);
	assert.ok(Number(r.stdout) > 0);
	const before = count();
	const ins = psqlApp('INSERT INTO audit_log (action) VALUES (\'test_append\')');
	assert.ok(ins.ok, ins.stderr);
	assert.equal(count(), before + 1);
});

test('the app role cannot DELETE', () => {
	const before = count();
	const r = psqlApp('DELETE FROM audit_log');
	assert.equal(r.ok, false, 'DELETE FROM audit_log succeeded for the app role');
	assert.match(r.stderr, /permission denied|append-only/);
	assert.equal(count(), before);
});

test('the app role cannot UPDATE', () => {
	const r = psqlApp('UPDATE audit_log SET action = \'tampered\'');
	assert.equal(r.ok, false, 'UPDATE audit_log succeeded for the app role');
	assert.match(r.stderr, /permission denied|append-only/);
	assert.equal(psql('SELECT count(*) FROM audit_log WHERE action = \'tampered\''), '0');
});

test('the app role cannot TRUNCATE', () => {
	const before = count();
	const r = psqlApp('TRUNCATE audit_log');
	assert.equal(r.ok, false, 'TRUNCATE audit_log succeeded for the app role');
	assert.equal(count(), before);
});

test('the trigger refuses the owner too', () => {
	const before = count();
	// WHERE false: a statement-level trigger fires even when no row matches,
	// so this proves the refusal without risking the rows.
	for (const sql of ['DELETE FROM audit_log WHERE false', 'UPDATE audit_log SET action = action WHERE false']) {
		assert.throws(() => psql(sql), /append-only/, sql);
	}
	assert.equal(count(), before);
});

test('the app role cannot drop the table or disable its trigger', () => {
	const r = psqlApp('DROP TABLE audit_log');
	assert.equal(r.ok, false, 'the app role may drop the audit log');
	const g = psqlApp('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
	assert.equal(g.ok, false, 'the app role may disable the audit trigger');
});

// Each home list of children's records is read and audited in one round
// trip (audit_read): one row per view, naming the viewer and the view.
test('every view of a home list writes exactly one audit row for its viewer', async () => {
	const views = [
		['ep@demo.test', '/inbox', 'view_inbox'],
		['caseworker@demo.test', '/caseworker', 'view_caseload'],
		['manager@demo.test', '/manager', 'view_caseload'],
		['eplead@demo.test', '/service', 'view_service_requests'],
		['parent@demo.test', '/parent', 'view_parent_home'],
	];
	for (const [email, page, action] of views) {
		const who = accountId(email);
		const rows = () => Number(psql(`SELECT count(*) FROM audit_log
		    WHERE account_id = ${who} AND action = '${action}'`));
		const client = await signIn(email);
		const before = rows();
		for (let i = 0; i < 3; i++) {
			const res = await client.get(page);
			assert.equal(res.status, 200, `${email} GET ${page}`);
		}
		assert.equal(rows(), before + 3, `${email}: ${action} rows after three views`);
	}
});
