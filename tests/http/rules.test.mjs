// One set of rules, whichever door the data comes through (issue 11; issue
// 14's lengths): every rule of portal/domain/validate.c is refused the same way
// through the web form (GOV.UK error summary + the error by the field, 400)
// and through the API (400 JSON naming the field), and nothing is written.
// Also: an NHS number typed with spaces is stored without them, a second
// assessment of the same child is refused with a link to the open one
// unless confirmed, and a promised date after the due date is accepted with
// a warning.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { accountId, clearAttempts, lit, portalctl, psql, signIn } from './lib.mjs';
import {
	EP_SERVICE, TAG, addDays, api, audits, count, createAssessment, errorSummary, num, orgId, parts,
	postFrom, requestAdvice, textOf, today,
} from './advice-lib.mjs';

const HEALTH = 'Demoshire Community Health NHS Trust';
const SCHOOL = 'Brookfield Primary School';
const RECEIVED = addDays(today(), -10);
const s = {};

/* A valid NHS number (modulus 11) made from seed, as "ddd ddd dddd". */
function nhsNumber(seed) {
	for (let n = seed; ; n++) {
		const d = String(n).padStart(9, '0').slice(-9).split('').map(Number);
		let check = 11 - d.reduce((sum, x, i) => sum + x * (10 - i), 0) % 11;
		if (check === 11)
			check = 0;
		if (check === 10)
			continue;
		const all = d.join('') + check;
		return `${all.slice(0, 3)} ${all.slice(3, 6)} ${all.slice(6)}`;
	}
}

function tableCounts() {
	return {
		assessments: count('assessments'),
		contacts: count('assessment_contacts'),
		requests: count('advice_requests'),
		exceptions: count('exceptions'),
		accounts: count('accounts'),
	};
}

/* The form answered 400 with field in the error summary and its message by the field. */
async function formRefused(post, field, what) {
	const before = tableCounts();
	const r = await post();
	assert.equal(r.status, 400, `${what}: ${r.status} ${r.location || ''}`);
	const summary = errorSummary(r.text);
	assert.ok(summary, `${what}: no error summary`);
	const e = summary.find((x) => x.href === `#${field}`);
	assert.ok(e, `${what}: no error for #${field} in ${JSON.stringify(summary)}`);
	const inline = [...r.text.matchAll(/<p id="[^"]*-error" class="govuk-error-message">([\s\S]*?)<\/p>/g)]
	    .map((m) => textOf(m[1]).replace('Error:', '').trim());
	assert.ok(inline.includes(e.message), `${what}: "${e.message}" is not by the field (${inline})`);
	assert.deepEqual(tableCounts(), before, `${what}: something was written`);
	return { r, message: e.message };
}

/* The API answered 400 naming field; nothing written. */
async function apiRefused(call, field, what) {
	const before = tableCounts();
	const r = await call();
	assert.equal(r.status, 400, `${what}: ${r.status} ${r.text}`);
	assert.equal(r.json?.field, field, `${what}: ${r.text}`);
	assert.ok(r.json.error.length > 10, what);
	assert.deepEqual(tableCounts(), before, `${what}: something was written`);
	return r;
}

/* An assessment through the form, with over (form fields) changed. */
function formAssessment(over = {}, child = {}) {
	return createAssessment(s.cw, {
		given: 'Rule', family: `Form${TAG}`, received: RECEIVED, ...child, extra: over,
	});
}

function apiAssessment(over = {}, child = {}) {
	return api('POST', '/api/v1/assessments', {
		child: { given_name: 'Rule', family_name: `Api${TAG}`, date_of_birth: '2016-04-02',
		    year_group: 'Year 4', current_setting: SCHOOL, ...child },
		request_received: RECEIVED, caseworker_email: 'caseworker@demo.test',
		parent: { name: 'Robin Carer', email: `rules-${TAG}@example.com`, relationship: 'Mother' },
		...over,
	});
}

before(async () => {
	clearAttempts();
	s.cw = await signIn('caseworker@demo.test');
});

describe('an assessment: the form and the API refuse the same things', () => {
	const cases = [
		['a request received in the future', { 'received-day': parts(addDays(today(), 1)).day,
		    'received-month': parts(addDays(today(), 1)).month, 'received-year': parts(addDays(today(), 1)).year },
		    'received-day', { request_received: addDays(today(), 1) }, {}, 'request_received'],
		['a year group not in the list', { year_group: 'Year 15' }, 'year_group',
		    {}, { year_group: 'Year 15' }, 'child.year_group'],
		['a current setting over 200 characters', { setting: 's'.repeat(201) }, 'setting',
		    {}, { current_setting: 's'.repeat(201) }, 'child.current_setting'],
		['an NHS number failing its check digit (the old hint)', { nhs_number: '485 777 3456' }, 'nhs_number',
		    {}, { nhs_number: '485 777 3456' }, 'child.nhs_number'],
		['a first name over 100 characters', { given_name: 'g'.repeat(101) }, 'given_name',
		    {}, { given_name: 'g'.repeat(101) }, 'child.given_name'],
	];
	for (const [what, form, formField, apiTop, apiChild, apiField] of cases) {
		test(what, async () => {
			await formRefused(() => formAssessment(form).then((x) => x.response), formField, `form: ${what}`);
			await apiRefused(() => apiAssessment(apiTop, apiChild), apiField, `API: ${what}`);
		});
	}

	test('the parent or carer: name over 200 (was a 503 through the API), relationship over 100', async () => {
		await formRefused(() => formAssessment({ parent_name: 'p'.repeat(201) }).then((x) => x.response),
		    'parent_name', 'form: parent name');
		const r = await apiRefused(() => apiAssessment({ parent: { name: 'p'.repeat(201),
		    email: `p-${TAG}@example.com` } }), 'parent.name', 'API: parent name');
		assert.notEqual(r.status, 503);
		await formRefused(() => formAssessment({ relationship: 'r'.repeat(101) }).then((x) => x.response),
		    'relationship', 'form: relationship');
		await apiRefused(() => apiAssessment({ parent: { name: 'Robin', email: `p-${TAG}@example.com`,
		    relationship: 'r'.repeat(101) } }), 'parent.relationship', 'API: relationship');
		await formRefused(() => formAssessment({ parent_email: 'robin@' }).then((x) => x.response),
		    'parent_email', 'form: parent email');
		await apiRefused(() => apiAssessment({ parent: { name: 'Robin', email: 'robin@' } }),
		    'parent.email', 'API: parent email');
	});

	test('the limits are the same: 200 characters of setting are accepted by both', async () => {
		const f = await formAssessment({ setting: 'é'.repeat(200), nhs_number: '' },
		    { family: `Limit${TAG}` });
		assert.equal(f.response.status, 303, f.response.text.slice(0, 300));
		const a = await apiAssessment({}, { family_name: `Limit${TAG}a`, current_setting: 'é'.repeat(200) });
		assert.equal(a.status, 201, a.text);
	});

	test('the form\'s hint shows a valid NHS number', async () => {
		const r = await s.cw.get('/assessments/new');
		assert.match(r.text, /like 943 476 5919/);
		assert.doesNotMatch(r.text, /485 777 3456/);
	});
});

describe('an NHS number typed with spaces, and a second assessment of the same child', () => {
	test('the form stores the NHS number without its spaces', async () => {
		s.nhs = nhsNumber(Number(String(process.pid).slice(-4)) * 1000 + 101);
		const f = await formAssessment({ nhs_number: s.nhs }, { given: 'Nhs', family: `Spaces${TAG}` });
		assert.equal(f.response.status, 303, f.response.text.slice(0, 500));
		s.first = f.id;
		assert.equal(psql(`SELECT nhs_number FROM assessments WHERE id = ${f.id}`), s.nhs.replace(/ /g, ''));
	});

	test('the API too', async () => {
		const nhs = nhsNumber(Number(String(process.pid).slice(-4)) * 1000 + 505);
		const r = await apiAssessment({}, { nhs_number: nhs, family_name: `Spaces${TAG}api` });
		assert.equal(r.status, 201, r.text);
		assert.equal(psql(`SELECT nhs_number FROM assessments WHERE id = ${r.json.id}`), nhs.replace(/ /g, ''));
	});

	test('the same NHS number again: refused with a link to the open assessment', async () => {
		const ref = psql(`SELECT reference FROM assessments WHERE id = ${s.first}`);
		const { r, message } = await formRefused(() => formAssessment({ nhs_number: s.nhs.replace(/ /g, '') },
		    { given: 'Other', family: `Name${TAG}` }).then((x) => x.response), 'allow_duplicate', 'form: same NHS');
		assert.ok(message.includes(ref), message);
		assert.match(r.text, new RegExp(`href="/assessments/${s.first}"`));
		assert.match(r.text, /name="allow_duplicate"/);
		assert.ok(audits('duplicate_refused', 'assessment', s.first) >= 1);
		const a = await apiRefused(() => apiAssessment({}, { nhs_number: s.nhs, family_name: `Other${TAG}` }),
		    'allow_duplicate', 'API: same NHS');
		assert.equal(a.json.existing.id, s.first);
		assert.equal(a.json.existing.reference, ref);
		assert.ok(audits('api_duplicate_refused', 'assessment', s.first) >= 1);
	});

	test('the same names and date of birth, in any case: refused', async () => {
		await formRefused(() => formAssessment({}, { given: 'NHS', family: `spaces${TAG}` })
		    .then((x) => x.response), 'allow_duplicate', 'form: same names and birth');
		await apiRefused(() => apiAssessment({}, { given_name: 'Nhs', family_name: `Spaces${TAG}` }),
		    'allow_duplicate', 'API: same names and birth');
		await apiRefused(() => apiAssessment({ allow_duplicate: 'yes' }, { given_name: 'Nhs',
		    family_name: `Spaces${TAG}` }), 'allow_duplicate', 'API: allow_duplicate not a boolean');
		// Another date of birth is another child.
		const other = await apiAssessment({}, { given_name: 'Nhs', family_name: `Spaces${TAG}`,
		    date_of_birth: '2016-04-03' });
		assert.equal(other.status, 201, other.text);
	});

	test('recorded deliberately: the box on the form, allow_duplicate in the API', async () => {
		const f = await formAssessment({ nhs_number: s.nhs, allow_duplicate: '1' },
		    { given: 'Nhs', family: `Spaces${TAG}` });
		assert.equal(f.response.status, 303, f.response.text.slice(0, 500));
		const a = await apiAssessment({ allow_duplicate: true }, { nhs_number: s.nhs,
		    given_name: 'Nhs', family_name: `Spaces${TAG}` });
		assert.equal(a.status, 201, a.text);
	});

	test('a closed assessment does not count', async () => {
		const nhs = nhsNumber(Number(String(process.pid).slice(-4)) * 1000 + 707);
		const r = await apiAssessment({}, { nhs_number: nhs, family_name: `Closed${TAG}` });
		assert.equal(r.status, 201, r.text);
		psql(`UPDATE assessments SET closed_on = current_date WHERE id = ${r.json.id}`);
		const again = await apiAssessment({}, { nhs_number: nhs, family_name: `Closed${TAG}` });
		assert.equal(again.status, 201, again.text);
	});
});

describe('an advice request: the form and the API refuse the same things', () => {
	before(async () => {
		const f = await formAssessment({}, { given: 'Req', family: `Rules${TAG}`, year: 'Year 4' });
		assert.equal(f.response.status, 303);
		s.a = f.id;
		const old = await formAssessment({}, { given: 'Teen', family: `Rules${TAG}`, dob: '2011-02-03',
		    year: 'Year 10' });
		assert.equal(old.response.status, 303);
		s.teen = old.id;
	});

	const form = (over) => requestAdvice(s.cw, s.a, { requested: RECEIVED, ...over });
	const viaApi = (over, id = s.a) => api('POST', `/api/v1/assessments/${id}/advice-requests`, {
		type: 'psychological', organisation: EP_SERVICE, requested_on: RECEIVED, ...over,
	});

	test('a question over 5000 characters (the API took 500,000)', async () => {
		await formRefused(() => form({ question: 'q'.repeat(5001) }), 'question', 'form: question');
		await apiRefused(() => viaApi({ question: 'q'.repeat(5001) }), 'question', 'API: question');
	});

	test('a profession over 100 characters', async () => {
		await formRefused(() => form({ kind: 'other', profession: 'p'.repeat(101) }), 'profession', 'form');
		await apiRefused(() => viaApi({ type: 'other', profession: 'p'.repeat(101) }), 'profession', 'API');
	});

	test('a request date in the future', async () => {
		await formRefused(() => form({ requested: addDays(today(), 1) }), 'requested-day', 'form');
		await apiRefused(() => viaApi({ requested_on: addDays(today(), 1) }), 'requested_on', 'API');
	});

	test('a kind of advice the organisation does not give', async () => {
		await formRefused(() => form({ kind: 'medical' }), 'organisation', 'form: medical of the EP service');
		await apiRefused(() => viaApi({ type: 'medical' }), 'organisation', 'API: medical of the EP service');
		await formRefused(() => form({ kind: 'psychological', organisation: orgId(HEALTH) }),
		    'organisation', 'form: psychological of the NHS trust');
		await apiRefused(() => viaApi({ organisation: HEALTH }), 'organisation', 'API: psychological of the NHS trust');
		await apiRefused(() => viaApi({ type: 'educational' }), 'organisation', 'API: educational of the EP service');
		// The same kinds go where they are given.
		const ok = await viaApi({ type: 'medical', organisation: HEALTH });
		assert.equal(ok.status, 201, ok.text);
	});

	test('a second open request of the same kind to the same organisation', async () => {
		const first = await form({});
		assert.equal(first.status, 303, first.text.slice(0, 500));
		await formRefused(() => form({}), 'kind', 'form: psychological again');
		await apiRefused(() => viaApi({}), 'type', 'API: psychological again');
		await apiRefused(() => viaApi({ type: 'medical', organisation: HEALTH }), 'type', 'API: medical again');
		// Another kind to the same organisation is fine.
		const other = await viaApi({ type: 'other', profession: 'Specialist teacher' });
		assert.equal(other.status, 201, other.text);
	});

	test('preparing for adulthood only from Year 9', async () => {
		await formRefused(() => form({ kind: 'preparing_for_adulthood', organisation: orgId(SCHOOL) }),
		    'kind', 'form: Year 4');
		await apiRefused(() => viaApi({ type: 'preparing_for_adulthood', organisation: SCHOOL }),
		    'type', 'API: Year 4');
		const r = await requestAdvice(s.cw, s.teen, { requested: RECEIVED, kind: 'preparing_for_adulthood',
		    organisation: orgId(SCHOOL) });
		assert.equal(r.status, 303, r.text.slice(0, 500));
	});

	test('each organisation stores the kinds it gives (by default from its kind)', () => {
		assert.equal(psql(`SELECT advice_kinds FROM organisations WHERE name = ${lit(EP_SERVICE)}`),
		    '{psychological,other}');
		assert.equal(psql(`SELECT advice_kinds FROM organisations WHERE name = ${lit(SCHOOL)}`),
		    '{educational,preparing_for_adulthood}');
		// The database refuses an unknown kind too, as the last line, and a
		// new organisation gets its kind's default whoever creates it.
		assert.throws(() => psql(`INSERT INTO organisations (kind, name, advice_kinds)
		    VALUES ('school', ${lit(`Bad${TAG}`)}, ARRAY['astrology'])`), /advice_kinds_check/);
		assert.equal(psql(`INSERT INTO organisations (kind, name) VALUES ('nhs_body', ${lit(`Trust${TAG}`)})
		    RETURNING advice_kinds`), '{medical,other}');
	});
});

describe('which kinds an organisation gives is configurable', () => {
	test('portalctl advice-kinds shows and sets them; a request follows them', async () => {
		const show = portalctl(['advice-kinds', HEALTH]);
		assert.equal(show.status, 0, show.stderr);
		assert.equal(show.stdout.trim(), `${HEALTH}: medical other`);
		assert.equal(portalctl(['advice-kinds', HEALTH, 'astrological']).status, 2);
		assert.equal(portalctl(['advice-kinds', `No such ${TAG}`]).status, 1);
		const set = portalctl(['advice-kinds', HEALTH, 'medical', 'other', 'social_care']);
		assert.equal(set.status, 0, set.stderr);
		try {
			const r = await api('POST', `/api/v1/assessments/${s.teen}/advice-requests`, {
				type: 'social_care', organisation: HEALTH, requested_on: RECEIVED,
			});
			assert.equal(r.status, 201, r.text);
		} finally {
			assert.equal(portalctl(['advice-kinds', HEALTH, 'medical', 'other']).status, 0);
		}
		const r = await api('POST', `/api/v1/assessments/${s.a}/advice-requests`, {
			type: 'social_care', organisation: HEALTH, requested_on: RECEIVED,
		});
		assert.equal(r.status, 400, r.text);
		assert.equal(r.json.field, 'organisation');
	});
});

describe('an exception\'s period fits its rule', () => {
	test('a school closure or an absence of less than 4 weeks is refused; 4 weeks is recorded', async () => {
		const post = (kind, from, to) => postFrom(s.cw, `/assessments/${s.a}/exceptions/new`,
		    `/assessments/${s.a}/exceptions`, {
			kind, reason: `Rules ${TAG}`,
			'starts-day': parts(from).day, 'starts-month': parts(from).month, 'starts-year': parts(from).year,
			'ends-day': parts(to).day, 'ends-month': parts(to).month, 'ends-year': parts(to).year,
		});
		await formRefused(() => post('school_closure', '2026-07-20', '2026-08-15'), 'ends-day', '27 days');
		await formRefused(() => post('absence', '2026-07-20', '2026-07-21'), 'ends-day', 'absence 2 days');
		await formRefused(() => post('missed_appointment', '2026-07-20', '2026-07-19'), 'ends-day', 'backwards');
		const ok = await post('school_closure', '2026-07-20', '2026-08-16');
		assert.equal(ok.status, 303, ok.text.slice(0, 500));
		assert.throws(() => psql(`INSERT INTO exceptions (assessment_id, kind, starts_on, ends_on, reason,
		    recorded_by) VALUES (${s.a}, 'absence', '2026-01-01', '2026-01-10', 'x',
		    ${accountId('caseworker@demo.test')})`), /exceptions_period_check/);
	});
});

describe('a promised date after the due date', () => {
	before(async () => {
		const r = await api('POST', `/api/v1/assessments/${s.teen}/advice-requests`, {
			type: 'psychological', organisation: EP_SERVICE, professional_email: 'ep@demo.test',
			requested_on: today(),
		});
		assert.equal(r.status, 201, r.text);
		s.rq = r.json.id;
		s.due = r.json.due_on;
		s.ep = await signIn('ep@demo.test');
	});

	const promise = (date) => postFrom(s.ep, `/requests/${s.rq}`, `/requests/${s.rq}/acknowledge`, {
		'promised-day': parts(date).day, 'promised-month': parts(date).month, 'promised-year': parts(date).year,
	});

	test('a date in the past is refused by the field', async () => {
		await formRefused(() => promise(addDays(today(), -1)), 'promised-day', 'yesterday');
		assert.equal(psql(`SELECT coalesce(promised_by::text, '') FROM advice_requests WHERE id = ${s.rq}`), '');
	});

	test('after the due date: accepted, with a warning on the request', async () => {
		const late = addDays(s.due, 5);
		const r = await promise(late);
		assert.equal(r.status, 303, r.text.slice(0, 500));
		assert.equal(psql(`SELECT promised_by FROM advice_requests WHERE id = ${s.rq}`), late);
		const page = await s.ep.get(`/requests/${s.rq}`);
		assert.match(page.text, /id="promised-late"/);
		assert.match(textOf(page.text), /after the date the advice is due/);
		const cwPage = await s.cw.get(`/requests/${s.rq}`);
		assert.match(cwPage.text, /id="promised-late"/);
		const note = psql(`SELECT message FROM notifications WHERE account_id = ${accountId('caseworker@demo.test')}
		    ORDER BY id DESC LIMIT 1`);
		assert.match(note, /after the due date/);
	});

	test('by the due date: no warning', async () => {
		const r = await promise(s.due);
		assert.equal(r.status, 303);
		const page = await s.ep.get(`/requests/${s.rq}`);
		assert.doesNotMatch(page.text, /id="promised-late"/);
		assert.equal(num(`SELECT count(*) FROM advice_requests WHERE id = ${s.rq} AND promised_by = due_on`), 1);
	});
});
