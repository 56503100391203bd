// In-portal notifications: the unread count in the header, the list, and
// marking them read (a POST: reading the list changes nothing).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { psql, signIn } from './lib.mjs';

const EMAIL = 'admin@demo.test';	// never a chase recipient: no timer writes here
const unreadIn = (html) => (html.match(/Notifications \((\d+) unread\)/) || [])[1];

test('the header counts unread notifications; the list shows them; POST marks them read', async () => {
	const id = psql(`SELECT id FROM accounts WHERE email = '${EMAIL}'`);
	psql(`DELETE FROM notifications WHERE account_id = ${id}`);
	psql(`INSERT INTO notifications (account_id, message, link) VALUES
	    (${id}, 'A request for advice was allocated to you', '/requests/1'),
	    (${id}, 'Advice was submitted for your review', '/requests/2')`);
	const c = await signIn(EMAIL);
	let r = await c.get('/admin');
	assert.equal(r.status, 200);
	assert.equal(unreadIn(r.text), '2');

	r = await c.get('/notifications');
	assert.equal(r.status, 200);
	assert.match(r.text, /A request for advice was allocated to you/);
	assert.match(r.text, /Advice was submitted for your review/);
	assert.equal(psql(`SELECT count(*) FROM notifications WHERE account_id = ${id} AND read_at IS NULL`), '2',
	    'a GET must not mark notifications read');

	r = await c.post('/notifications/read', { csrf: await c.csrfFrom('/notifications') });
	assert.equal(r.status, 303);
	assert.equal(psql(`SELECT count(*) FROM notifications WHERE account_id = ${id} AND read_at IS NULL`), '0');
	assert.equal(unreadIn((await c.get('/admin')).text), undefined);

	r = await c.post('/notifications/read', {});
	assert.equal(r.status, 403, 'no CSRF token: refused');
	psql(`DELETE FROM notifications WHERE account_id = ${id}`);
});

test('another account never sees these notifications', async () => {
	const id = psql(`SELECT id FROM accounts WHERE email = '${EMAIL}'`);
	psql(`INSERT INTO notifications (account_id, message, link) VALUES (${id}, 'Only for the administrator', '/requests/1')`);
	const other = await signIn('health@demo.test');
	const r = await other.get('/notifications');
	assert.equal(r.status, 200);
	assert.doesNotMatch(r.text, /Only for the administrator/);
	psql(`DELETE FROM notifications WHERE account_id = ${id}`);
});
