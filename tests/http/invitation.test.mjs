// Parents and carers named on an assessment are invited to an account of
// their own: the account is made with the assessment, a one-time code is
// mailed (outbox, read here from the database), and /invitation turns the
// code and a password they choose into a signed-in session. Wrong input
// is refused with a clear message and changes nothing.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { Client, accountId, clearAttempts, lit, psql, signIn } from './lib.mjs';
import { TAG, api, createAssessment, errorSummary, textOf } from './advice-lib.mjs';

const EMAIL = `carer-${TAG}@example.com`;
const PASSWORD = 'a long walk by the river';
let assessment, reference, code;

const accountOf = (email) => psql(`SELECT id || ' ' || role || ' ' || (password_hash LIKE '!%')
    FROM accounts WHERE email = ${lit(email)}`);
const hashOf = (email) => psql(`SELECT password_hash FROM accounts WHERE email = ${lit(email)}`);
const inviteMail = (email) => psql(`SELECT subject || E'\\n' || body FROM outbox
    WHERE to_address = ${lit(email)} ORDER BY id`);

async function accept(form, client = new Client()) {
	const csrf = await client.csrfFrom('/invitation');
	return client.post('/invitation', { csrf, ...form });
}

before(async () => {
	clearAttempts();
	const cw = await signIn('caseworker@demo.test');
	const made = await createAssessment(cw, { given: `Inv${TAG}`, family: `Itee${TAG}`,
	    received: '2026-11-02', parentEmail: EMAIL, parentName: 'Robin Carer' });
	assert.ok(made.id, `assessment not created: ${made.response.status}`);
	assessment = made.id;
	reference = psql(`SELECT reference FROM assessments WHERE id = ${assessment}`);
});

describe('parent invitation', () => {
	test('creating the assessment makes a parent account, links the contact and mails a code', () => {
		const [id, role, pending] = accountOf(EMAIL).split(' ');
		assert.equal(role, 'parent');
		assert.equal(pending, 'true', 'the new account has a usable password');
		assert.equal(psql(`SELECT account_id FROM assessment_contacts WHERE assessment_id = ${assessment}`), id);
		const mail = inviteMail(EMAIL);
		assert.match(mail, /^You have been invited to the EHC Advice Portal/);
		assert.ok(mail.includes(reference), 'the mail names the case reference');
		assert.ok(!mail.includes(`Inv${TAG}`) && !mail.includes(`Itee${TAG}`), 'the mail names the child');
		assert.match(mail, /go to http:\/\/127\.0\.0\.1:\d+\/invitation and enter/);
		code = /\n {4}([0-9A-Z]{5}-[0-9A-Z]{5})\n/.exec(mail)[1];
		// Only the hash of the code is stored.
		assert.equal(psql(`SELECT count(*) FROM invitations WHERE code_hash LIKE ${lit(`%${code}%`)}`), '0');
		assert.equal(psql(`SELECT count(*) FROM invitations WHERE account_id = ${id} AND used_at IS NULL`), '1');
	});

	test('the pending account cannot sign in before it has a password', async () => {
		const c = new Client();
		const csrf = await c.csrfFrom('/sign-in');
		const r = await c.post('/sign-in', { csrf, email: EMAIL, password: '!invited' });
		assert.equal(r.status, 200);
		assert.match(textOf(r.text), /Enter a correct email address and password/);
		clearAttempts();
	});

	test('wrong input is refused with a clear message and changes nothing', async () => {
		const before = hashOf(EMAIL);
		const cases = [
			[{}, ['#email', '#code', '#password']],
			[{ email: EMAIL, code: 'NOT-A-CODE', password: PASSWORD, 'password-confirm': PASSWORD },
			    [['#code', /exactly as it is in the email/]]],
			[{ email: EMAIL, code, password: 'short', 'password-confirm': 'short' }, ['#password']],
			[{ email: EMAIL, code, password: PASSWORD, 'password-confirm': `${PASSWORD}!` },
			    [['#password-confirm', /Enter the same password twice/]]],
			[{ email: 'someone.else@example.com', code, password: PASSWORD, 'password-confirm': PASSWORD },
			    [['#code', /not right, or the code has expired/]]],
			[{ email: EMAIL, code: 'ZZZZZ-ZZZZZ', password: PASSWORD, 'password-confirm': PASSWORD },
			    [['#code', /not right, or the code has expired/]]],
		];
		for (const [form, want] of cases) {
			const r = await accept(form);
			assert.equal(r.status, 400, JSON.stringify(form));
			const got = errorSummary(r.text);
			assert.deepEqual(got.map((e) => e.href), want.map((w) => (Array.isArray(w) ? w[0] : w)));
			for (const w of want.filter(Array.isArray))
				assert.match(got.find((e) => e.href === w[0]).message, w[1]);
			assert.ok(!r.text.includes(PASSWORD), 'the password is echoed');
			assert.equal(r.headers.get('set-cookie')?.includes('portal_session=') ?? false, false);
		}
		assert.equal(hashOf(EMAIL), before);
		assert.ok(Number(psql(`SELECT count(*) FROM audit_log WHERE action = 'invitation_refused'`)) >= 2);
		const r = await new Client().post('/invitation', { email: EMAIL, code, password: PASSWORD, 'password-confirm': PASSWORD });
		assert.equal(r.status, 403, 'no CSRF token: refused');
		assert.equal(hashOf(EMAIL), before);
		clearAttempts();
	});

	test('the code, typed in lower case with spaces, sets the password and signs the parent in', async () => {
		const c = new Client();
		const r = await accept({ email: EMAIL.toUpperCase(), code: ` ${code.toLowerCase().replace('-', ' ')} `,
		    password: PASSWORD, 'password-confirm': PASSWORD }, c);
		assert.equal(r.status, 303);
		assert.equal(r.location, '/');
		assert.equal(accountOf(EMAIL).split(' ')[2], 'false');
		assert.match(hashOf(EMAIL), /^\$argon2id\$/);
		const home = await c.get('/parent');
		assert.equal(home.status, 200);
		assert.ok(home.text.includes(reference), 'the parent home lists the assessment');
		const id = accountOf(EMAIL).split(' ')[0];
		assert.equal(psql(`SELECT count(*) FROM audit_log WHERE account_id = ${id} AND action = 'accept_invitation'`), '1');
		// And signs in with it later.
		await signIn(EMAIL, PASSWORD);
	});

	test('the code works once', async () => {
		const before = hashOf(EMAIL);
		const r = await accept({ email: EMAIL, code, password: 'another long password here', 'password-confirm': 'another long password here' });
		assert.equal(r.status, 400);
		assert.match(errorSummary(r.text)[0].message, /not right, or the code has expired/);
		assert.equal(hashOf(EMAIL), before);
		clearAttempts();
	});

	test('an expired code is refused', async () => {
		const cw = await signIn('caseworker@demo.test');
		const email = `late-${TAG}@example.com`;
		const made = await createAssessment(cw, { given: `Late${TAG}`, family: 'Comer', received: '2026-11-02',
		    parentEmail: email, parentName: 'Sam Late' });
		assert.ok(made.id);
		const late = /\n {4}([0-9A-Z]{5}-[0-9A-Z]{5})\n/.exec(inviteMail(email))[1];
		psql(`UPDATE invitations SET expires_at = now() - interval '1 minute'
		    WHERE account_id = (SELECT id FROM accounts WHERE email = ${lit(email)})`);
		const r = await accept({ email, code: late, password: PASSWORD, 'password-confirm': PASSWORD });
		assert.equal(r.status, 400);
		assert.equal(accountOf(email).split(' ')[2], 'true');
		clearAttempts();
	});

	test('an existing parent account is linked, not invited again', async () => {
		const cw = await signIn('caseworker@demo.test');
		const mails = psql(`SELECT count(*) FROM outbox WHERE to_address = 'parent@demo.test'`);
		const made = await createAssessment(cw, { given: `Sib${TAG}`, family: 'Rowe', received: '2026-11-02',
		    parentEmail: 'parent@demo.test', parentName: 'Pat Rowe' });
		assert.ok(made.id);
		assert.equal(psql(`SELECT a.email FROM assessment_contacts c JOIN accounts a ON a.id = c.account_id
		    WHERE c.assessment_id = ${made.id}`), 'parent@demo.test');
		assert.equal(psql(`SELECT count(*) FROM outbox WHERE to_address = 'parent@demo.test'`), mails);
	});

	test('a staff address given as the parent is not turned into a parent account', async () => {
		const cw = await signIn('caseworker@demo.test');
		const made = await createAssessment(cw, { given: `Staff${TAG}`, family: 'Kid', received: '2026-11-02',
		    parentEmail: 'ep@demo.test', parentName: 'Evan Price' });
		assert.ok(made.id);
		assert.equal(accountOf('ep@demo.test').split(' ')[1], 'professional');
		assert.equal(psql(`SELECT account_id IS NULL FROM assessment_contacts WHERE assessment_id = ${made.id}`), 't');
	});

	test('the API invites the parent it is given, and refuses an empty name', async () => {
		const email = `api-carer-${TAG}@example.com`;
		const body = { child: { given_name: `Api${TAG}`, family_name: 'Child', date_of_birth: '2016-03-01' },
		    request_received: '2026-11-02', caseworker_email: 'caseworker@demo.test',
		    parent: { name: 'Alex Api', email } };
		let r = await api('POST', '/api/v1/assessments', { ...body, parent: { name: '  ', email } });
		assert.equal(r.status, 400);
		assert.equal(r.json.field, 'parent.name');
		assert.equal(accountOf(email), '');
		r = await api('POST', '/api/v1/assessments', body);
		assert.equal(r.status, 201);
		assert.equal(accountOf(email).split(' ')[1], 'parent');
		assert.match(inviteMail(email), /You have been invited/);
	});
});

describe('a new invitation from the assessment page', () => {
	const WRONG = `wrong-${TAG}@example.com`;
	const RIGHT = `right-${TAG}@example.com`;
	let a, contact, cw;
	const contactRow = () => psql(`SELECT email || ' ' || coalesce(account_id::text, '-')
	    FROM assessment_contacts WHERE id = ${contact}`);
	const counts = () => psql(`SELECT (SELECT count(*) FROM invitations) || ' ' ||
	    (SELECT count(*) FROM outbox) || ' ' || (SELECT count(*) FROM assessment_contacts)`);
	const codeIn = (mail) => /\n {4}([0-9A-Z]{5}-[0-9A-Z]{5})\n/.exec(mail)[1];
	const invite = async (email) => {
		const csrf = await cw.csrfFrom(`/assessments/${a}`);
		return cw.post(`/assessments/${a}/contacts/${contact}/invitation`, { csrf, email });
	};

	before(async () => {
		cw = await signIn('caseworker@demo.test');
		const made = await createAssessment(cw, { given: `Re${TAG}`, family: `Invite${TAG}`,
		    received: '2026-11-02', parentEmail: WRONG, parentName: 'Jo Carer' });
		assert.ok(made.id, `assessment not created: ${made.response.status}`);
		a = made.id;
		contact = psql(`SELECT id FROM assessment_contacts WHERE assessment_id = ${a}`);
	});

	test('the page says where the invitation stands and offers a new one', async () => {
		const page = await cw.get(`/assessments/${a}`);
		assert.equal(page.status, 200);
		assert.match(textOf(page.text), /Invited: their code works until \d{1,2} \w+ \d{4}/);
		assert.ok(page.text.includes(`action="/assessments/${a}/contacts/${contact}/invitation"`));
		assert.ok(page.text.includes(`value="${WRONG}"`), 'the form holds the current address');
	});

	test('a wrong address, a staff address or an empty one is refused and nothing changes', async () => {
		const before = [contactRow(), counts()];
		for (const [email, message] of [
			['not an address', 'Enter an email address in the correct format, like name@example.com'],
			['', 'Enter an email address in the correct format, like name@example.com'],
			['ep@demo.test', 'This email address cannot be used for a parent or carer: it belongs to a staff account or to a closed one'],
		]) {
			const r = await invite(email);
			assert.equal(r.status, 400, `${email}: ${r.status}`);
			assert.deepEqual(errorSummary(r.text), [{ href: `#email-${contact}`, message }]);
			assert.ok(r.text.includes(`id="email-${contact}-error"`), 'the message is by the field');
			assert.deepEqual([contactRow(), counts()], before, `${email}: something changed`);
		}
	});

	test('a corrected address gets a new code; the old code stops working', async () => {
		const oldCode = codeIn(inviteMail(WRONG));
		const wrongAccount = accountOf(WRONG).split(' ')[0];
		const r = await invite(RIGHT.toUpperCase());
		assert.equal(r.status, 303);
		assert.equal(r.location, `/assessments/${a}`);
		const [id, role, pending] = accountOf(RIGHT).split(' ');
		assert.deepEqual([role, pending], ['parent', 'true']);
		assert.equal(contactRow(), `${RIGHT} ${id}`);
		assert.equal(psql(`SELECT count(*) FROM invitations WHERE account_id = ${wrongAccount}
		    AND used_at IS NULL AND expires_at > now()`), '0', 'the code sent to the wrong address still works');
		assert.equal(psql(`SELECT count(*) FROM audit_log WHERE action = 'invite_contact'
		    AND object_id = ${a} AND account_id = ${accountId('caseworker@demo.test')}`), '1');
		const stale = await accept({ email: WRONG, code: oldCode, password: PASSWORD, 'password-confirm': PASSWORD });
		assert.equal(stale.status, 400);
		assert.equal(hashOf(WRONG), '!invited');
		const mail = inviteMail(RIGHT);
		assert.ok(mail.includes(psql(`SELECT reference FROM assessments WHERE id = ${a}`)));
		const ok = await accept({ email: RIGHT, code: codeIn(mail), password: PASSWORD, 'password-confirm': PASSWORD });
		assert.equal(ok.status, 303);
		assert.equal(ok.location, '/');
	});

	test('once the parent has set up their account no invitation is offered or sent', async () => {
		const page = await cw.get(`/assessments/${a}`);
		assert.match(textOf(page.text), /Has set up their account/);
		assert.ok(!page.text.includes(`/contacts/${contact}/invitation`), 'the form is still offered');
		const before = counts();
		const r = await invite(RIGHT);
		assert.equal(r.status, 400);
		assert.match(errorSummary(r.text)[0].message, /^They have set up their account already/);
		assert.equal(counts(), before);
	});

	test('another assessment\'s contact id, or another council\'s caseworker, gets 404', async () => {
		const other = psql(`SELECT min(id) FROM assessment_contacts WHERE assessment_id <> ${a}`);
		const csrf = await cw.csrfFrom(`/assessments/${a}`);
		const r = await cw.post(`/assessments/${a}/contacts/${other}/invitation`, { csrf, email: RIGHT });
		assert.equal(r.status, 404);
	});
});
