// The council's case-management API (/api/v1, JSON, a key per council):
// creating an assessment and an advice request with the statutory dates,
// reading them back, the submitted advice by template field with its plan
// sections and attachments; refusals are 400 naming the field with nothing
// written; no or a wrong key is 401; another council's key is 404.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { accountId, clearAttempts, lit, psql, signIn } from './lib.mjs';
import {
	DEMOSHIRE, EP_SERVICE, MISSING, TAG, addDays, api, audits, count, num, orgId, postAdvice,
	psychologicalAdvice, testshireApiKey, today, upload,
} from './advice-lib.mjs';
import { pdf } from '../fixtures/files.mjs';

const RECEIVED = addDays(today(), -20);
const FAMILY = `Api${TAG}`;

const s = {};

function assessmentBody(over = {}) {
	return {
		child: { given_name: 'Sam', family_name: FAMILY, date_of_birth: '2016-04-02',
		    year_group: 'Year 5', current_setting: 'Brookfield Primary School' },
		request_received: RECEIVED,
		caseworker_email: 'caseworker@demo.test',
		parent: { name: 'Alex Demo', email: `alex-${TAG}@example.com`, relationship: 'Father' },
		...over,
	};
}

function requestBody(over = {}) {
	return {
		type: 'psychological', organisation: EP_SERVICE, professional_email: 'ep@demo.test',
		requested_on: addDays(RECEIVED, 1), question: `API question ${TAG}`, ...over,
	};
}

/* Row counts of every table an API call may write. */
function tableCounts() {
	return {
		assessments: count('assessments'),
		contacts: count('assessment_contacts'),
		requests: count('advice_requests'),
	};
}

/* Asserts a 400 JSON error naming field (undefined: no field), and nothing written. */
async function assertRefused(call, field, what) {
	const before = tableCounts();
	const r = await call();
	assert.equal(r.status, 400, `${what}: ${r.status} ${r.text}`);
	assert.match(r.headers.get('content-type') || '', /^application\/json/, what);
	assert.ok(r.json, `${what}: not JSON: ${r.text}`);
	assert.equal(typeof r.json.error, 'string', `${what}: no error message`);
	assert.ok(r.json.error.length > 0);
	if (field !== undefined)
		assert.equal(r.json.field, field, `${what}: ${r.text}`);
	assert.deepEqual(tableCounts(), before, `${what}: something was written`);
	return r;
}

before(() => {
	clearAttempts();
});

describe('creating through the API', () => {
	test('POST /assessments: 201 with the id and the statutory dates', async () => {
		const before = tableCounts();
		const r = await api('POST', '/api/v1/assessments', assessmentBody());
		assert.equal(r.status, 201, r.text);
		assert.match(r.headers.get('content-type'), /^application\/json/);
		assert.equal(typeof r.json.id, 'number');
		s.assessment = r.json.id;
		assert.match(r.json.reference, /^EHC-\d{4}-\d{5}$/);
		assert.equal(r.json.decision_due, addDays(RECEIVED, 42));
		assert.equal(r.json.advice_due, addDays(RECEIVED, 42));
		assert.equal(r.json.no_plan_decision_due, addDays(RECEIVED, 112));
		assert.equal(r.json.final_due, addDays(RECEIVED, 140));
		assert.deepEqual(tableCounts(), { ...before, assessments: before.assessments + 1,
		    contacts: before.contacts + 1 });
		const row = psql(`SELECT a.child_given_name || '|' || a.child_family_name || '|' ||
		    a.date_of_birth || '|' || a.request_received || '|' || o.name || '|' || u.email || '|' ||
		    a.reference FROM assessments a JOIN organisations o ON o.id = a.council_id
		    JOIN accounts u ON u.id = a.caseworker_id WHERE a.id = ${s.assessment}`);
		assert.equal(row, `Sam|${FAMILY}|2016-04-02|${RECEIVED}|${DEMOSHIRE}|caseworker@demo.test|${r.json.reference}`);
		assert.equal(count('assessment_contacts', `assessment_id = ${s.assessment}
		    AND email = ${lit(`alex-${TAG}@example.com`)}`), 1);
		assert.equal(audits('api_create_assessment', 'assessment', s.assessment), 1);
	});

	test('the dates of the README example, and across a leap day', async () => {
		for (const [received, decision, noPlan, final] of [
			['2026-11-02', '2026-12-14', '2027-02-22', '2027-03-22'],
			['2024-01-20', '2024-03-02', '2024-05-11', '2024-06-08'],
		]) {
			// The same child again: recorded deliberately (allow_duplicate).
			const r = await api('POST', '/api/v1/assessments', assessmentBody({
				request_received: received, parent: undefined, allow_duplicate: true,
			}));
			assert.equal(r.status, 201, r.text);
			assert.deepEqual([r.json.decision_due, r.json.advice_due, r.json.no_plan_decision_due,
			    r.json.final_due], [decision, decision, noPlan, final], received);
			if (received === '2024-01-20')
				s.leap = r.json.id;
		}
	});

	test('POST /assessments/{id}/advice-requests: 201, due 42 days after the request', async () => {
		const requested = addDays(RECEIVED, 1);
		const before = tableCounts();
		const r = await api('POST', `/api/v1/assessments/${s.assessment}/advice-requests`, requestBody());
		assert.equal(r.status, 201, r.text);
		assert.equal(typeof r.json.id, 'number');
		assert.equal(r.json.due_on, addDays(requested, 42));
		assert.equal(r.json.status, 'allocated');
		s.request = r.json.id;
		assert.deepEqual(tableCounts(), { ...before, requests: before.requests + 1 });
		const row = psql(`SELECT kind || '|' || requested_on || '|' || due_on || '|' || status || '|' ||
		    professional_id || '|' || organisation_id || '|' || assessment_id || '|' || question
		    FROM advice_requests WHERE id = ${s.request}`);
		assert.equal(row, `psychological|${requested}|${addDays(requested, 42)}|allocated|` +
		    `${accountId('ep@demo.test')}|${orgId(EP_SERVICE)}|${s.assessment}|API question ${TAG}`);
		assert.equal(audits('api_request_advice', 'advice_request', s.request), 1);

		// The organisation by id, with nobody named: waits for the service lead.
		// (Another kind: a second open psychological request to it is refused.)
		const r2 = await api('POST', `/api/v1/assessments/${s.assessment}/advice-requests`,
		    requestBody({ organisation: String(orgId(EP_SERVICE)), professional_email: undefined,
		    requested_on: RECEIVED, type: 'other', profession: 'Specialist teacher' }));
		assert.equal(r2.status, 201, r2.text);
		assert.equal(r2.json.status, 'requested');
		assert.equal(r2.json.due_on, addDays(RECEIVED, 42));
		s.unallocated = r2.json.id;

		// The leap year: 2024-02-10 + 42 days = 2024-03-23.
		const r3 = await api('POST', `/api/v1/assessments/${s.leap}/advice-requests`,
		    requestBody({ requested_on: '2024-02-10', professional_email: undefined }));
		assert.equal(r3.status, 201, r3.text);
		assert.equal(r3.json.due_on, '2024-03-23');
	});

	test('GET /assessments/{id}: the assessment, its dates and its requests', async () => {
		const r = await api('GET', `/api/v1/assessments/${s.assessment}`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.id, s.assessment);
		assert.deepEqual(r.json.child, { given_name: 'Sam', family_name: FAMILY,
		    date_of_birth: '2016-04-02', year_group: 'Year 5', current_setting: 'Brookfield Primary School' });
		assert.equal(r.json.request_received, RECEIVED);
		assert.equal(r.json.caseworker_email, 'caseworker@demo.test');
		assert.equal(r.json.decision_due, addDays(RECEIVED, 42));
		assert.equal(r.json.no_plan_decision_due, addDays(RECEIVED, 112));
		assert.equal(r.json.final_due, addDays(RECEIVED, 140));
		assert.deepEqual(r.json.advice_requests.map((x) => x.id), [s.request, s.unallocated]);
		const [one] = r.json.advice_requests;
		assert.equal(one.type, 'psychological');
		assert.equal(one.status, 'allocated');
		assert.equal(one.requested_on, addDays(RECEIVED, 1));
		assert.equal(one.due_on, addDays(RECEIVED, 43));
		assert.equal(one.organisation, EP_SERVICE);
		assert.equal(one.professional_email, 'ep@demo.test');
		assert.equal(r.json.advice_requests[1].professional_email, '');
		assert.equal(audits('api_view_assessment', 'assessment', s.assessment), 1);
	});

	test('GET /advice-requests/{id} before any advice: status, due date, professional, no content', async () => {
		const r = await api('GET', `/api/v1/advice-requests/${s.request}`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.id, s.request);
		assert.equal(r.json.assessment_id, s.assessment);
		assert.equal(r.json.status, 'allocated');
		assert.equal(r.json.due_on, addDays(RECEIVED, 43));
		assert.equal(r.json.professional_email, 'ep@demo.test');
		assert.equal(r.json.organisation, EP_SERVICE);
		assert.equal(r.json.advice, undefined);
		assert.deepEqual(r.json.attachments, []);
	});
});

describe('advice submitted in the portal, read through the API', () => {
	const report = pdf(`API attachment ${TAG}`);

	before(async () => {
		s.ep = await signIn('ep@demo.test');
	});

	test('a draft is not shown', async () => {
		const r = await postAdvice(s.ep, s.request, [['f.summary', `Draft only ${TAG}`]], 'save');
		assert.equal(r.status, 303, r.text.slice(0, 500));
		const g = await api('GET', `/api/v1/advice-requests/${s.request}`);
		assert.equal(g.status, 200);
		assert.equal(g.json.status, 'draft');
		assert.equal(g.json.advice, undefined, 'the draft is visible through the API');
		assert.ok(!g.text.includes(`Draft only ${TAG}`));
	});

	test('once submitted: the content by template field, with plan sections, and the attachments', async () => {
		const up = await upload(s.ep, s.request, report, 'ep-report.pdf', 'application/pdf');
		assert.equal(up.status, 303, up.text.slice(0, 500));
		const sub = await postAdvice(s.ep, s.request, psychologicalAdvice(`${TAG}-api`), 'submit');
		assert.equal(sub.status, 303, sub.text.slice(0, 800));

		const r = await api('GET', `/api/v1/advice-requests/${s.request}`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.json.status, 'submitted');
		const a = r.json.advice;
		assert.ok(a, `no advice in ${r.text}`);
		assert.equal(a.version, 1);
		assert.equal(a.status, 'submitted');
		assert.equal(a.template, 'psychological');
		assert.equal(a.template_version, 1);
		// Dates in JSON are ISO 8601: the day, and the moment in UTC.
		assert.match(a.submitted_on, /^\d{4}-\d{2}-\d{2}$/, 'was "6 December 2026"');
		assert.ok(Math.abs(Date.parse(a.submitted_on) - Date.parse(a.submitted_at.slice(0, 10))) <= 86400000);
		assert.match(a.submitted_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
		const by = Object.fromEntries(a.content.map((f) => [f.field, f]));
		assert.deepEqual(by.summary, {
			field: 'summary', label: 'Summary of needs', area: 'general', plan_sections: ['B'],
			value: `Summary ${TAG}-api: needs across communication and learning.`,
		});
		assert.deepEqual(by.child_views.plan_sections, ['A']);
		assert.deepEqual(by.background.plan_sections, ['K']);
		assert.equal(by.date_seen.value, addDays(today(), -2));
		assert.deepEqual(by.ci_needs.plan_sections, ['B']);
		assert.equal(by.ci_needs.area, 'communication_interaction');
		assert.deepEqual(by.ci_provision.plan_sections, ['F']);
		assert.deepEqual(by.ci_provision.rows, [{
			what: `Language group ${TAG}-api`,
			by_whom: 'Teaching assistant trained by a speech and language therapist',
			how_often: '3 times a week, 20 minutes', how_long: 'Until the next annual review',
		}]);
		// Unanswered optional fields are left out; no field is invented.
		assert.equal(by.ci_strengths, undefined);
		assert.deepEqual(Object.keys(by).sort(), ['assessment_methods', 'background', 'child_views',
		    'ci_needs', 'ci_provision', 'cl_needs', 'date_seen', 'semh_needs', 'sp_needs', 'summary']);
		assert.equal(r.json.attachments.length, 1);
		const [att] = r.json.attachments;
		assert.equal(att.filename, 'ep-report.pdf');
		assert.equal(att.media_type, 'application/pdf');
		assert.equal(att.size, report.length);
		assert.equal(att.id, num(`SELECT id FROM documents WHERE request_id = ${s.request}`));
	});
});

describe('refusals: 400 naming the field, nothing written', () => {
	test('bad JSON', async () => {
		for (const body of ['{"child": {', '', 'not json', '{"child": {}} trailing', '[1, 2'])
			await assertRefused(() => api('POST', '/api/v1/assessments', body), undefined, `body ${body}`);
		await assertRefused(() => api('POST', `/api/v1/assessments/${s.assessment}/advice-requests`, '{'),
		    undefined, 'request: bad JSON');
	});

	test('not a JSON object', async () => {
		await assertRefused(() => api('POST', '/api/v1/assessments', '[]'), '', 'an array');
	});

	test('an unknown field, at the top and inside child', async () => {
		await assertRefused(() => api('POST', '/api/v1/assessments', assessmentBody({ colour: 'red' })),
		    'colour', 'unknown top-level field');
		const b = assessmentBody();
		b.child.shoe_size = '3';
		await assertRefused(() => api('POST', '/api/v1/assessments', b), 'child.shoe_size', 'unknown child field');
		await assertRefused(() => api('POST', `/api/v1/assessments/${s.assessment}/advice-requests`,
		    requestBody({ urgent: 'yes' })), 'urgent', 'unknown request field');
	});

	test('a wrong type', async () => {
		const b = assessmentBody();
		b.child.given_name = 42;
		await assertRefused(() => api('POST', '/api/v1/assessments', b), 'child.given_name', 'number for given_name');
		await assertRefused(() => api('POST', '/api/v1/assessments', assessmentBody({ child: 'Sam' })),
		    'child', 'string for child');
		await assertRefused(() => api('POST', '/api/v1/assessments',
		    assessmentBody({ request_received: 20260105 })), 'request_received', 'number for a date');
		await assertRefused(() => api('POST', `/api/v1/assessments/${s.assessment}/advice-requests`,
		    requestBody({ requested_on: null })), 'requested_on', 'null for a date');
	});

	test('a required field missing', async () => {
		await assertRefused(() => api('POST', '/api/v1/assessments',
		    assessmentBody({ caseworker_email: undefined })), 'caseworker_email', 'no caseworker');
		await assertRefused(() => api('POST', `/api/v1/assessments/${s.assessment}/advice-requests`,
		    requestBody({ type: undefined })), 'type', 'no type');
	});

	test('impossible dates', async () => {
		await assertRefused(() => api('POST', '/api/v1/assessments',
		    assessmentBody({ request_received: '2026-02-30' })), 'request_received', '2026-02-30');
		const b = assessmentBody();
		b.child.date_of_birth = '2015-13-01';
		await assertRefused(() => api('POST', '/api/v1/assessments', b), 'child.date_of_birth', 'month 13');
		await assertRefused(() => api('POST', '/api/v1/assessments',
		    assessmentBody({ request_received: '2026-1-5' })), 'request_received', 'not YYYY-MM-DD');
		await assertRefused(() => api('POST', `/api/v1/assessments/${s.assessment}/advice-requests`,
		    requestBody({ requested_on: '2026-02-30' })), 'requested_on', 'requested 2026-02-30');
	});

	test('a request date before the request for assessment', async () => {
		await assertRefused(() => api('POST', `/api/v1/assessments/${s.assessment}/advice-requests`,
		    requestBody({ requested_on: addDays(RECEIVED, -1) })), 'requested_on', 'before request_received');
	});

	test('an unknown organisation, type or professional', async () => {
		await assertRefused(() => api('POST', `/api/v1/assessments/${s.assessment}/advice-requests`,
		    requestBody({ organisation: 'No Such Service' })), 'organisation', 'unknown organisation');
		await assertRefused(() => api('POST', `/api/v1/assessments/${s.assessment}/advice-requests`,
		    requestBody({ organisation: 'Testshire County Council' })), 'organisation',
		    'an organisation not serving the council');
		await assertRefused(() => api('POST', `/api/v1/assessments/${s.assessment}/advice-requests`,
		    requestBody({ type: 'astrological' })), 'type', 'unknown type');
		await assertRefused(() => api('POST', `/api/v1/assessments/${s.assessment}/advice-requests`,
		    requestBody({ type: 'parent' })), 'type', 'parent views through the API');
		await assertRefused(() => api('POST', `/api/v1/assessments/${s.assessment}/advice-requests`,
		    requestBody({ professional_email: 'health@demo.test' })), 'professional_email',
		    'a professional of another organisation');
		await assertRefused(() => api('POST', '/api/v1/assessments',
		    assessmentBody({ caseworker_email: 'ep@demo.test' })), 'caseworker_email', 'not a caseworker');
	});

	test('not JSON at all: 415, nothing written', async () => {
		const before = tableCounts();
		const r = await api('POST', '/api/v1/assessments', JSON.stringify(assessmentBody()), undefined,
		    { 'content-type': 'application/x-www-form-urlencoded' });
		assert.equal(r.status, 415);
		assert.ok(r.json?.error);
		assert.deepEqual(tableCounts(), before);
	});
});

describe('keys', () => {
	test('no key or a wrong key: 401, nothing written', async () => {
		const before = tableCounts();
		for (const key of [null, 'wrong-key', '', 'demo-api-key-2027', `${'x'.repeat(300)}`]) {
			for (const [method, p, body] of [
				['GET', `/api/v1/assessments/${s.assessment}`],
				['GET', `/api/v1/advice-requests/${s.request}`],
				['POST', '/api/v1/assessments', assessmentBody()],
				['POST', `/api/v1/assessments/${s.assessment}/advice-requests`, requestBody()],
			]) {
				const r = await api(method, p, body, key);
				assert.equal(r.status, 401, `${method} ${p} with key ${key}: ${r.status}`);
				assert.ok(r.json?.error, 'not a JSON error');
				assert.match(r.headers.get('www-authenticate') || '', /^Bearer/);
				assert.ok(!r.text.includes(FAMILY), 'a refused call shows the child');
			}
		}
		// A session cookie is not a key.
		const cw = await signIn('caseworker@demo.test');
		const r = await fetch(`${cw.base}/api/v1/assessments/${s.assessment}`,
		    { headers: { cookie: cw.cookieHeader() } });
		assert.equal(r.status, 401);
		assert.deepEqual(tableCounts(), before);
	});

	test('another council\'s key: 404 for Demoshire\'s records, like a missing one; nothing written', async () => {
		const key = testshireApiKey();
		const before = tableCounts();
		const pairs = [
			[`/api/v1/assessments/${s.assessment}`, `/api/v1/assessments/${MISSING}`],
			[`/api/v1/advice-requests/${s.request}`, `/api/v1/advice-requests/${MISSING}`],
		];
		for (const [own, missing] of pairs) {
			const r = await api('GET', own, undefined, key);
			const m = await api('GET', missing, undefined, key);
			assert.equal(r.status, 404, `${own}: ${r.text}`);
			assert.equal(m.status, 404);
			assert.equal(r.text, m.text, `${own} differs from a missing record`);
			assert.ok(!r.text.includes(FAMILY));
		}
		const p = await api('POST', `/api/v1/assessments/${s.assessment}/advice-requests`, requestBody(), key);
		const pm = await api('POST', `/api/v1/assessments/${MISSING}/advice-requests`, requestBody(), key);
		assert.equal(p.status, 404, p.text);
		assert.equal(p.text, pm.text);
		// Nor can it file an assessment under Demoshire's caseworker.
		const c = await api('POST', '/api/v1/assessments', assessmentBody(), key);
		assert.equal(c.status, 400, c.text);
		assert.equal(c.json.field, 'caseworker_email');
		assert.deepEqual(tableCounts(), before);
		// The demo key still reads them.
		assert.equal((await api('GET', `/api/v1/assessments/${s.assessment}`)).status, 200);
	});

	test('only the key\'s SHA-256 is stored', () => {
		assert.equal(count('api_keys', `key_hash = ${lit('demo-api-key-2026')}`), 0);
		assert.equal(count('api_keys', `key_hash = encode(sha256(${lit('demo-api-key-2026')}::bytea), 'hex')`), 1);
	});
});
