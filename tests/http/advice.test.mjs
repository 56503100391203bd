// The advice journey over HTTP, as the README tells it: the caseworker
// starts an assessment (statutory dates), requests psychological advice
// (due 42 days after the request), the EP lead allocates it, the EP saves
// a draft, is refused a submission with a field missing, submits, cannot
// change it any more; the caseworker returns it with a message, the EP
// amends and resubmits (version 2, version 1 still readable), the
// caseworker accepts. Then: large forms, the 404 matrix, refusals that
// write nothing, and the audit trail. Every record here is made by the
// test; the demo data is only read.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
	TESTSHIRE_PASSWORD, accountId, clearAttempts, decodeHtml, getCsrf, h1Of, lit, psql, signIn,
} from './lib.mjs';
import {
	EP_SERVICE, MISSING, TAG, addDays, adviceVersions, allocate, audits, count,
	createAssessment, ensureTestshireCaseworker, errorSummary, fieldValue, latestRequest,
	num, orgId, postAdvice, postFrom, psychologicalAdvice, requestAdvice, requestRow,
	savePsychological, saveTask, storedValue, submitTasks, summaryValue, taskList, textOf, today,
	valuesSnapshot, words,
} from './advice-lib.mjs';

const RECEIVED = addDays(today(), -10);
const REQUESTED = addDays(RECEIVED, 1);
const CHILD = { given: 'Journey', family: `Tester${TAG}` };

const s = {};	// shared by the steps, in order

/* The <tr> of a table that links to href. */
function rowLinking(html, href) {
	for (const m of html.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g))
		if (m[1].includes(`href="${href}"`))
			return textOf(m[1]).trim();
	return undefined;
}

function hasAdviceForm(html, id) {
	return html.includes(`action="/requests/${id}/advice"`);
}

before(async () => {
	clearAttempts();
	s.cw = await signIn('caseworker@demo.test');
	s.lead = await signIn('eplead@demo.test');
	s.ep = await signIn('ep@demo.test');
	s.epId = accountId('ep@demo.test');
	s.cwId = accountId('caseworker@demo.test');
});

describe('the advice journey', () => {
	test('the caseworker starts an assessment; the page shows the statutory dates', async () => {
		const before = count('assessments');
		const { id, response } = await createAssessment(s.cw, { ...CHILD, received: RECEIVED });
		assert.equal(response.status, 303, response.text.slice(0, 500));
		assert.ok(id, `no assessment id in ${response.location}`);
		assert.equal(count('assessments'), before + 1);
		s.assessment = id;

		const page = await s.cw.get(`/assessments/${id}`);
		assert.equal(page.status, 200);
		assert.equal(h1Of(page.text), `${CHILD.given} ${CHILD.family}`);
		assert.equal(summaryValue(page.text, 'Request for assessment received'), words(RECEIVED));
		assert.equal(summaryValue(page.text, 'Decide whether to assess'), words(addDays(RECEIVED, 42), true));
		// No "Advice due" for the assessment: each request shows its own.
		assert.equal(summaryValue(page.text, 'Advice due'), undefined);
		assert.equal(summaryValue(page.text, 'Decide not to issue a plan'), words(addDays(RECEIVED, 112), true));
		assert.equal(summaryValue(page.text, 'Final plan'), words(addDays(RECEIVED, 140), true));
		assert.equal(summaryValue(page.text, 'Caseworker'), 'Casey Walker');
		assert.ok(audits('create_assessment', 'assessment', id) === 1, 'creation not audited');
		assert.ok(audits('view_assessment', 'assessment', id) >= 1, 'view not audited');
	});

	test('an impossible date is refused and no request is written', async () => {
		const before = count('advice_requests');
		const r = await requestAdvice(s.cw, s.assessment, { day: '30', month: '2', year: '2026' });
		assert.equal(r.status, 400);
		const errors = errorSummary(r.text);
		assert.ok(errors, 'no error summary');
		assert.deepEqual(errors.map((e) => e.href), ['#requested-day']);
		assert.match(errors[0].message, /Date requested must be a real date/);
		assert.match(textOf(r.text), /Error: Date requested must be a real date/, 'no inline error');
		// What was typed is kept.
		assert.equal(fieldValue(r.text, 'requested-day'), '30');
		assert.equal(fieldValue(r.text, 'requested-month'), '2');
		assert.equal(count('advice_requests'), before, 'a refused request wrote a row');
		assert.equal(count('advice_requests', `assessment_id = ${s.assessment}`), 0);
	});

	test('a request date before the request for assessment is refused, nothing written', async () => {
		const before = count('advice_requests');
		const r = await requestAdvice(s.cw, s.assessment, { requested: addDays(RECEIVED, -1) });
		assert.equal(r.status, 400);
		assert.ok(errorSummary(r.text)?.some((e) => e.href === '#requested-day'));
		assert.equal(count('advice_requests'), before);
	});

	test('psychological advice is requested of the EP service: due 42 days later', async () => {
		const r = await requestAdvice(s.cw, s.assessment, {
			requested: REQUESTED, question: `What does ${CHILD.given} need? ${TAG}`,
		});
		assert.equal(r.status, 303, r.text.slice(0, 500));
		assert.equal(r.location, `/assessments/${s.assessment}?requested=psychological`);
		s.request = latestRequest(s.assessment);
		assert.ok(s.request > 0);
		assert.deepEqual(requestRow(s.request), {
			status: 'requested', due_on: addDays(REQUESTED, 42), requested_on: REQUESTED,
			professional_id: null,
		});
		assert.equal(audits('request_advice', 'advice_request', s.request), 1);

		const page = await s.cw.get(`/assessments/${s.assessment}`);
		const row = rowLinking(page.text, `/requests/${s.request}`);
		assert.ok(row, 'the assessment page does not list the request');
		assert.ok(row.includes('Psychological advice'), row);
		assert.ok(row.includes(EP_SERVICE), row);
		assert.ok(row.includes(words(REQUESTED)), row);
		assert.ok(row.includes(words(addDays(REQUESTED, 42), true)), `due date not shown: ${row}`);
		assert.ok(row.includes('Not allocated'), row);
	});

	test('the EP lead sees it and allocates it to ep@', async () => {
		const service = await s.lead.get('/service');
		assert.equal(service.status, 200);
		assert.ok(rowLinking(service.text, `/requests/${s.request}`), 'not on the service list');
		const r = await allocate(s.lead, s.request, 'ep@demo.test');
		assert.equal(r.status, 303);
		assert.equal(r.location, '/service?allocated=1');
		const row = requestRow(s.request);
		assert.equal(row.status, 'allocated');
		assert.equal(row.professional_id, s.epId);
		assert.equal(audits('allocate', 'advice_request', s.request), 1);
		assert.equal(count('notifications', `account_id = ${s.epId}
		    AND link = ${lit(`/requests/${s.request}`)}`), 1, 'the EP was not notified');
	});

	test('ep@ sees it in the inbox with the days left; ep2@ does not', async () => {
		const inbox = await s.ep.get('/inbox');
		assert.equal(inbox.status, 200);
		const row = rowLinking(inbox.text, `/requests/${s.request}`);
		assert.ok(row, 'not in the inbox');
		assert.ok(row.includes(`${CHILD.given} ${CHILD.family}`), row);
		assert.ok(row.includes(words(addDays(REQUESTED, 42), true)), row);
		const left = Math.round((Date.parse(addDays(REQUESTED, 42)) - Date.parse(today())) / 86400000);
		assert.ok(row.includes(`${left} days left`), `expected "${left} days left" in ${row}`);
		const ep2 = await signIn('ep2@demo.test');
		const other = await ep2.get('/inbox');
		assert.equal(other.status, 200);
		assert.ok(!other.text.includes(`/requests/${s.request}"`), 'in the second EP\'s inbox');
		assert.ok(!other.text.includes(CHILD.family), 'the child is named in the second EP\'s inbox');
	});

	test('ep@ opens the task list and saves two tasks as drafts; reopening shows the values', async () => {
		const page = await s.ep.get(`/requests/${s.request}`);
		assert.equal(page.status, 200);
		assert.equal(h1Of(page.text), 'Psychological advice');
		assert.ok(page.text.includes(`What does ${CHILD.given} need? ${TAG}`), 'the question is not shown');
		const tasks = taskList(page.text);
		assert.deepEqual(tasks.map((t) => t.title.replace(/^Sensory.*/, 'Sensory')), [
			'Background and views', 'Communication and interaction', 'Cognition and learning',
			'Social, emotional and mental health', 'Sensory', 'Supporting documents',
			'Declaration and submit']);
		assert.deepEqual(tasks.map((t) => t.status), [...Array(5).fill('Not started'), 'No files', 'Not started']);
		assert.deepEqual(tasks.map((t) => t.href), [1, 2, 3, 4, 5].map((n) => `/requests/${s.request}/tasks/${n}`)
		    .concat([`/requests/${s.request}/documents`, `/requests/${s.request}/submit`]));
		const t1 = await s.ep.get(`/requests/${s.request}/tasks/1`);
		assert.equal(t1.status, 200);
		assert.ok(hasAdviceForm(t1.text, s.request), 'no advice form on the task page');
		assert.equal(fieldValue(t1.text, 'template_id'), 'psychological');

		let r = await saveTask(s.ep, s.request, 1, [['f.background', `Draft background ${TAG}\nsecond line & <angle>`]]);
		assert.equal(r.status, 303, r.text.slice(0, 800));
		assert.equal(r.location, `/requests/${s.request}`);
		r = await saveTask(s.ep, s.request, 2, [
			['f.ci_needs', `Draft CI ${TAG}`],
			['f.ci_provision.0.what', `Draft provision ${TAG}`],
			['f.ci_provision.0.by_whom', 'A teaching assistant'],
		]);
		assert.equal(r.status, 303, r.text.slice(0, 800));
		const versions = adviceVersions(s.request);
		assert.equal(versions.length, 1);
		assert.equal(versions[0].status, 'draft');
		s.v1 = versions[0].id;
		assert.equal(requestRow(s.request).status, 'draft');
		// The second task's save kept the first task's answer.
		assert.equal(storedValue(s.v1, 'background'), `Draft background ${TAG}\nsecond line & <angle>`);
		assert.equal(storedValue(s.v1, 'ci_provision', 0, 'what'), `Draft provision ${TAG}`);

		const again = await s.ep.get(`/requests/${s.request}/tasks/1`);
		assert.equal(fieldValue(again.text, 'f.background'), `Draft background ${TAG}\nsecond line & <angle>`);
		assert.ok(again.text.includes('&lt;angle&gt;'), 'the saved text is not escaped');
		assert.equal(fieldValue(again.text, 'f.summary'), '');
		const two = await s.ep.get(`/requests/${s.request}/tasks/2`);
		assert.equal(fieldValue(two.text, 'f.ci_needs'), `Draft CI ${TAG}`);
		assert.equal(fieldValue(two.text, 'f.ci_provision.0.what'), `Draft provision ${TAG}`);
		assert.equal(fieldValue(two.text, 'f.ci_provision.0.by_whom'), 'A teaching assistant');
		assert.equal(fieldValue(two.text, 'f.background'), undefined, 'task 2 shows task 1\'s fields');
		const list = taskList((await s.ep.get(`/requests/${s.request}`)).text);
		assert.equal(list[0].status, 'In progress');
		assert.equal(list[1].status, 'In progress', 'a provision row lacks its how often and how long');
	});

	test('the caseworker cannot read the draft', async () => {
		const page = await s.cw.get(`/requests/${s.request}`);
		assert.equal(page.status, 200);
		assert.ok(!page.text.includes(`Draft background ${TAG}`), 'the caseworker reads the draft');
		assert.match(textOf(page.text), /The professional is writing this advice/);
		assert.equal((await s.cw.get(`/requests/${s.request}/versions/1`)).status, 404);
		assert.equal((await s.cw.get(`/requests/${s.request}/tasks/1`)).status, 404);
	});

	test('submitting with a required answer missing: 400, the summary links to its task, nothing submitted', async () => {
		await savePsychological(s.ep, s.request, psychologicalAdvice(`${TAG}-typed`, { omit: ['f.summary'] }));
		const snapshot = valuesSnapshot(s.v1);
		const r = await submitTasks(s.ep, s.request, psychologicalAdvice(`${TAG}-typed`));
		assert.equal(r.status, 400);
		const errors = errorSummary(r.text);
		assert.ok(errors, 'no GOV.UK error summary');
		assert.match(r.text, /class="govuk-error-summary"[\s\S]*There is a problem/);
		assert.deepEqual(errors.map((e) => e.href), [`/requests/${s.request}/tasks/1`]);
		assert.equal(errors[0].message, 'Background and views: Enter summary of needs');
		assert.match(r.text, /<title>Error: /);
		// The declaration typed is kept.
		assert.equal(fieldValue(r.text, 'decl_role'), 'Educational psychologist');
		// Nothing was submitted: the draft is as it was.
		assert.equal(valuesSnapshot(s.v1), snapshot);
		assert.deepEqual(adviceVersions(s.request).map((v) => v.status), ['draft']);
		assert.equal(requestRow(s.request).status, 'draft');
		assert.equal(audits('submit_advice', 'advice_request', s.request), 0);
	});

	test('submitting without the declaration: 400 naming each part of it', async () => {
		await savePsychological(s.ep, s.request, psychologicalAdvice(`${TAG}-nodecl`));
		const r = await submitTasks(s.ep, s.request, []);
		assert.equal(r.status, 400);
		const hrefs = errorSummary(r.text).map((e) => e.href);
		for (const want of ['#decl_role', '#decl_registration', '#decl_confirm'])
			assert.ok(hrefs.includes(want), `${want} not in ${hrefs}`);
		assert.equal(adviceVersions(s.request)[0].status, 'draft');
	});

	test('a proper submission with the declaration: submitted', async () => {
		await savePsychological(s.ep, s.request, psychologicalAdvice(`${TAG}-v1`));
		const list = taskList((await s.ep.get(`/requests/${s.request}`)).text);
		assert.deepEqual(list.slice(0, 5).map((t) => t.status), Array(5).fill('Completed'));
		assert.equal(list[6].status, 'Ready to submit');
		const r = await submitTasks(s.ep, s.request, psychologicalAdvice(`${TAG}-v1`));
		assert.equal(r.status, 303, r.text.slice(0, 800));
		assert.equal(r.location, `/requests/${s.request}?submitted=1`);
		const versions = adviceVersions(s.request);
		assert.deepEqual(versions.map((v) => [v.version, v.status]), [[1, 'submitted']]);
		assert.equal(versions[0].id, s.v1, 'the draft was not the version submitted');
		assert.equal(requestRow(s.request).status, 'submitted');
		assert.equal(storedValue(s.v1, 'summary'), `Summary ${TAG}-v1: needs across communication and learning.`);
		assert.equal(storedValue(s.v1, 'background'), `Background ${TAG}-v1: referred by the school in Year 2.`);
		assert.equal(storedValue(s.v1, 'date_seen'), addDays(today(), -2));
		const decl = psql(`SELECT declaration_name || '|' || declaration_role || '|' ||
		    declaration_registration || '|' || declaration_date || '|' || (submitted_at IS NOT NULL)
		    FROM advice WHERE id = ${s.v1}`);
		assert.equal(decl, `Dr Evan Price|Educational psychologist|HCPC PYL01234|${today()}|true`);
		assert.equal(audits('submit_advice', 'advice_request', s.request), 1);
		assert.equal(count('notifications', `account_id = ${s.cwId}
		    AND link = ${lit(`/requests/${s.request}`)}`), 1, 'the caseworker was not notified');
	});

	test('once submitted it is read-only for the EP: no form, a save is 409 and changes nothing', async () => {
		const page = await s.ep.get(`/requests/${s.request}`);
		assert.equal(page.status, 200);
		assert.ok(!hasAdviceForm(page.text, s.request), 'the author still has the form');
		assert.ok(!page.text.includes('name="f.summary"'), 'an input for a field is still there');
		assert.ok(!page.text.includes(`action="/requests/${s.request}/documents"`), 'upload still offered');
		assert.ok(textOf(page.text).includes(`Summary ${TAG}-v1`), 'the submitted advice is not shown');
		for (const p of ['tasks/1', 'documents', 'submit'])
			assert.equal((await s.ep.get(`/requests/${s.request}/${p}`)).status, 404, p);

		const snapshot = valuesSnapshot(s.v1);
		const csrf = getCsrf(page.text);
		for (const action of ['save', 'submit']) {
			const r = await s.ep.post(`/requests/${s.request}/advice`, [['csrf', csrf], ['part', '1'],
			    ['f.summary', `Changed after submission ${TAG}`], ['action', action],
			    ['decl_name', 'x'], ['decl_role', 'x'], ['decl_registration', 'x'], ['decl_confirm', 'yes']]);
			assert.equal(r.status, 409, `${action} after submission`);
		}
		assert.equal(valuesSnapshot(s.v1), snapshot);
		assert.deepEqual(adviceVersions(s.request).map((v) => [v.version, v.status]), [[1, 'submitted']]);
		assert.equal(requestRow(s.request).status, 'submitted');
	});

	test('the caseworker reviews it: the advice by section, accept and return offered', async () => {
		const page = await s.cw.get(`/requests/${s.request}`);
		assert.equal(page.status, 200);
		const text = textOf(page.text);
		assert.ok(text.includes(`Summary ${TAG}-v1`), 'the advice is not shown');
		assert.ok(text.includes(`Language group ${TAG}-v1`), 'the provision row is not shown');
		assert.ok(text.includes('Feeds plan section B'), 'plan sections are not shown');
		assert.ok(text.includes('Communication and interaction'), 'areas of need are not shown');
		assert.ok(page.text.includes(`action="/requests/${s.request}/accept"`));
		assert.ok(page.text.includes(`action="/requests/${s.request}/return"`));
		assert.equal(summaryValue(page.text, 'Professional registration'), 'HCPC PYL01234');
		assert.ok(audits('view_request', 'advice_request', s.request) >= 1);
	});

	test('returning without a message is refused and changes nothing', async () => {
		const r = await postFrom(s.cw, `/requests/${s.request}`, `/requests/${s.request}/return`,
		    { message: '   ' });
		assert.ok([200, 400].includes(r.status), `status ${r.status}`);
		const errors = errorSummary(r.text);
		assert.ok(errors?.some((e) => e.href === '#message'), 'no error for the message');
		assert.equal(adviceVersions(s.request)[0].status, 'submitted');
		assert.equal(requestRow(s.request).status, 'submitted');
		assert.equal(audits('return_advice', 'advice_request', s.request), 0);
	});

	test('the caseworker returns it with a message; the EP sees the message', async () => {
		s.message = `Please give dates for the reading assessment ${TAG}`;
		const r = await postFrom(s.cw, `/requests/${s.request}`, `/requests/${s.request}/return`,
		    { message: s.message });
		assert.equal(r.status, 303);
		assert.equal(r.location, `/requests/${s.request}?returned=1`);
		const v = adviceVersions(s.request);
		assert.deepEqual(v.map((x) => [x.version, x.status, x.return_message]), [[1, 'returned', s.message]]);
		assert.equal(requestRow(s.request).status, 'returned');
		assert.equal(audits('return_advice', 'advice_request', s.request), 1);
		assert.ok(count('notifications', `account_id = ${s.epId} AND link = ${lit(`/requests/${s.request}`)}
		    AND message ~ 'returned'`) >= 1, 'the EP was not notified of the return');

		const page = await s.ep.get(`/requests/${s.request}`);
		assert.equal(page.status, 200);
		assert.equal(taskList(page.text).length, 7, 'the returned advice cannot be amended');
		assert.ok(textOf(page.text).includes(`Returned for clarification: ${s.message}`), 'message not shown');
		// The tasks start from what was submitted.
		const t1 = await s.ep.get(`/requests/${s.request}/tasks/1`);
		assert.ok(hasAdviceForm(t1.text, s.request));
		assert.equal(fieldValue(t1.text, 'f.summary'), `Summary ${TAG}-v1: needs across communication and learning.`);
		// The declaration is kept from the version submitted (issue 11).
		const sub = await s.ep.get(`/requests/${s.request}/submit`);
		assert.equal(fieldValue(sub.text, 'decl_name'), 'Dr Evan Price');
		assert.equal(fieldValue(sub.text, 'decl_role'), 'Educational psychologist');
		assert.equal(fieldValue(sub.text, 'decl_registration'), 'HCPC PYL01234');
	});

	test('the EP amends and resubmits: version 2; version 1 stays readable', async () => {
		await saveTask(s.ep, s.request, 1, psychologicalAdvice(`${TAG}-v2`).filter(([k]) => k.startsWith('f.') &&
		    !/^f\.(ci|cl|semh|sp)_/.test(k)));
		assert.equal(adviceVersions(s.request).length, 2, 'the amendment is not a new version');
		assert.equal(storedValue(adviceVersions(s.request)[1].id, 'ci_needs'),
		    `Communication needs ${TAG}-v1: struggles to follow multi-step instructions.`,
		    'the untouched tasks were not carried into version 2');
		const r = await submitTasks(s.ep, s.request, psychologicalAdvice(`${TAG}-v2`));
		assert.equal(r.status, 303, r.text.slice(0, 800));
		const v = adviceVersions(s.request);
		assert.deepEqual(v.map((x) => [x.version, x.status]), [[1, 'returned'], [2, 'submitted']]);
		s.v2 = v[1].id;
		assert.equal(storedValue(s.v1, 'summary'), `Summary ${TAG}-v1: needs across communication and learning.`,
		    'version 1 was changed');
		assert.equal(storedValue(s.v2, 'summary'), `Summary ${TAG}-v2: needs across communication and learning.`);
		assert.equal(requestRow(s.request).status, 'submitted');
		assert.equal(audits('submit_advice', 'advice_request', s.request), 2);

		for (const who of [s.cw, s.ep]) {
			const one = await who.get(`/requests/${s.request}/versions/1`);
			assert.equal(one.status, 200);
			const t1 = textOf(one.text);
			assert.ok(t1.includes('You are viewing version 1'), 'not marked as version 1');
			assert.ok(t1.includes(`Summary ${TAG}-v1`), 'version 1 does not show its text');
			assert.ok(!t1.includes(`Summary ${TAG}-v2`), 'version 1 shows version 2');
			const two = await who.get(`/requests/${s.request}/versions/2`);
			assert.equal(two.status, 200);
			assert.ok(textOf(two.text).includes(`Summary ${TAG}-v2`));
		}
		assert.equal((await s.cw.get(`/requests/${s.request}/versions/3`)).status, 404);
		const latest = await s.cw.get(`/requests/${s.request}`);
		assert.ok(latest.text.includes(`href="/requests/${s.request}/versions/1"`), 'no link to version 1');
		assert.ok(latest.text.includes(`href="/requests/${s.request}/versions/2"`), 'no link to version 2');
		assert.ok(audits('view_advice_version', 'advice_request', s.request) >= 4);
	});

	test('the caseworker accepts; accepting again is 409', async () => {
		const r = await postFrom(s.cw, `/requests/${s.request}`, `/requests/${s.request}/accept`, {});
		assert.equal(r.status, 303);
		assert.deepEqual(adviceVersions(s.request).map((x) => [x.version, x.status]),
		    [[1, 'returned'], [2, 'accepted']]);
		assert.equal(requestRow(s.request).status, 'accepted');
		assert.equal(audits('accept_advice', 'advice_request', s.request), 1);
		const reviewer = num(`SELECT reviewed_by FROM advice WHERE id = ${s.v2}`);
		assert.equal(reviewer, s.cwId);

		const again = await postFrom(s.cw, `/requests/${s.request}`, `/requests/${s.request}/accept`, {});
		assert.equal(again.status, 409);
		const ret = await postFrom(s.cw, `/requests/${s.request}`, `/requests/${s.request}/return`,
		    { message: 'too late' });
		assert.equal(ret.status, 409);
		assert.equal(requestRow(s.request).status, 'accepted');
		assert.equal(audits('accept_advice', 'advice_request', s.request), 1);
		assert.equal(audits('return_advice', 'advice_request', s.request), 1);

		const page = await s.cw.get(`/requests/${s.request}`);
		assert.ok(!page.text.includes(`action="/requests/${s.request}/accept"`), 'accept still offered');
		assert.match(textOf(page.text), /Accepted/);
		const ep = await s.ep.get(`/requests/${s.request}`);
		assert.equal(taskList(ep.text).length, 0, 'accepted advice is editable');
		assert.equal((await s.ep.get(`/requests/${s.request}/tasks/1`)).status, 404);
	});

	test('the audit log holds view, submit, return and accept, each with its account', () => {
		const rows = psql(`SELECT action || '|' || account_id FROM audit_log
		    WHERE object_type = 'advice_request' AND object_id = ${s.request}
		    AND action IN ('view_request', 'submit_advice', 'return_advice', 'accept_advice')
		    ORDER BY id`).split('\n');
		const has = (a, who) => rows.includes(`${a}|${who}`);
		assert.ok(has('view_request', s.epId), 'no view by the EP');
		assert.ok(has('view_request', s.cwId), 'no view by the caseworker');
		assert.ok(has('submit_advice', s.epId));
		assert.ok(has('return_advice', s.cwId));
		assert.ok(has('accept_advice', s.cwId));
	});
});

describe('forms with many fields', () => {
	const ROWS = 20;	// the template's maxrows
	const FIELDS = ['ci_provision', 'cl_provision', 'semh_provision', 'sp_provision'];
	const COLUMNS = ['what', 'by_whom', 'how_often', 'how_long'];

	before(async () => {
		const r = await requestAdvice(s.cw, s.assessment, { requested: REQUESTED });
		assert.equal(r.status, 303);
		s.big = latestRequest(s.assessment);
		assert.notEqual(s.big, s.request);
		assert.equal((await allocate(s.lead, s.big, 'ep@demo.test')).status, 303);
	});

	test(`${FIELDS.length * ROWS * COLUMNS.length} row cells in one save: every one stored`, async () => {
		const pairs = [['f.background', `Many fields ${TAG}`]];
		for (const f of FIELDS)
			for (let r = 0; r < ROWS; r++)
				for (const c of COLUMNS)
					pairs.push([`f.${f}.${r}.${c}`, `${f} row ${r} ${c} ${TAG}`]);
		assert.ok(pairs.length > 300);
		await savePsychological(s.ep, s.big, pairs);
		const [v] = adviceVersions(s.big);
		assert.equal(count('advice_values', `advice_id = ${v.id}`), pairs.length);
		assert.equal(count('advice_values', `advice_id = ${v.id} AND row_no = ${ROWS - 1}`),
		    FIELDS.length * COLUMNS.length);
		assert.equal(storedValue(v.id, 'sp_provision', ROWS - 1, 'how_long'),
		    `sp_provision row ${ROWS - 1} how_long ${TAG}`);
		const page = await s.ep.get(`/requests/${s.big}/tasks/4`);
		assert.equal(fieldValue(page.text, `f.semh_provision.${ROWS - 1}.by_whom`),
		    `semh_provision row ${ROWS - 1} by_whom ${TAG}`);
	});

	test('one row over the limit: 400, nothing replaced', async () => {
		const [v] = adviceVersions(s.big);
		const snapshot = valuesSnapshot(v.id);
		const pairs = [];
		for (let r = 0; r <= ROWS; r++)
			pairs.push([`f.ci_provision.${r}.what`, `Over the limit ${r}`]);
		const res = await saveTask(s.ep, s.big, 2, pairs);
		assert.equal(res.status, 400);
		assert.ok(errorSummary(res.text)?.some((e) => e.href === '#f.ci_provision'), 'no error for the rows');
		assert.equal(valuesSnapshot(v.id), snapshot);
	});
});

describe('404 matrix', () => {
	/* GETs p and the same path with a missing id as email; both must be the same 404. */
	async function assertHidden(client, who, p, missing) {
		const r = await client.get(p);
		const m = await client.get(missing);
		assert.equal(r.status, 404, `${who} GET ${p}: ${r.status}`);
		assert.equal(m.status, 404);
		assert.equal(r.text, m.text, `${who} GET ${p} differs from a missing record`);
		assert.equal(h1Of(r.text), 'Page not found');
		assert.ok(!r.text.includes(CHILD.family), `${who}: the page names the child`);
	}

	test('a request allocated to ep@: 404 for everyone else outside the case', async () => {
		const views = audits('view_request', 'advice_request', s.request);
		for (const email of ['ep2@demo.test', 'health@demo.test', 'socialcare@demo.test',
		    'senco@demo.test', 'dco@demo.test', 'dsco@demo.test', 'school@demo.test',
		    'parent@demo.test', 'admin@demo.test']) {
			const c = await signIn(email);
			await assertHidden(c, email, `/requests/${s.request}`, `/requests/${MISSING}`);
			await assertHidden(c, email, `/requests/${s.request}/versions/1`, `/requests/${MISSING}/versions/1`);
		}
		assert.equal(audits('view_request', 'advice_request', s.request), views,
		    'a refused view was audited as a view');
	});

	test('the EP lead, the caseworker, the manager and ep@ himself: 200', async () => {
		for (const email of ['eplead@demo.test', 'caseworker@demo.test', 'manager@demo.test', 'ep@demo.test']) {
			const c = await signIn(email);
			const r = await c.get(`/requests/${s.request}`);
			assert.equal(r.status, 200, `${email}: ${r.status}`);
			assert.ok(textOf(r.text).includes(`${CHILD.given} ${CHILD.family}`), email);
		}
	});

	test('the assessment: 404 for ep@ and for the parent of another child', async () => {
		for (const email of ['ep@demo.test', 'eplead@demo.test', 'parent@demo.test', 'admin@demo.test',
		    'school@demo.test']) {
			const c = await signIn(email);
			await assertHidden(c, email, `/assessments/${s.assessment}`, `/assessments/${MISSING}`);
		}
		// The parent does see their own child's (Amara Okafor, demo data).
		const amara = num(`SELECT id FROM assessments WHERE child_given_name = 'Amara'
		    AND child_family_name = 'Okafor' ORDER BY id LIMIT 1`);
		const parent = await signIn('parent@demo.test');
		assert.equal((await parent.get(`/assessments/${amara}`)).status, 200);
		for (const email of ['caseworker@demo.test', 'manager@demo.test']) {
			const c = await signIn(email);
			assert.equal((await c.get(`/assessments/${s.assessment}`)).status, 200, email);
		}
	});

	test('a caseworker of another council: 404 for Demoshire\'s assessment and request', async () => {
		const email = ensureTestshireCaseworker();
		const t = await signIn(email, TESTSHIRE_PASSWORD);
		await assertHidden(t, email, `/assessments/${s.assessment}`, `/assessments/${MISSING}`);
		await assertHidden(t, email, `/requests/${s.request}`, `/requests/${MISSING}`);
		await assertHidden(t, email, `/assessments/${s.assessment}/requests/new`,
		    `/assessments/${MISSING}/requests/new`);
		const caseload = await t.get('/caseworker');
		assert.equal(caseload.status, 200);
		assert.ok(!caseload.text.includes(CHILD.family), 'Testshire\'s caseload shows Demoshire\'s child');
		// Nor can they ask for advice on it.
		const before = count('advice_requests');
		const csrf = getCsrf(caseload.text);
		const r = await t.post(`/assessments/${s.assessment}/requests`, {
			csrf, kind: 'psychological', organisation: String(orgId(EP_SERVICE)),
			'requested-day': '1', 'requested-month': '1', 'requested-year': '2026',
		});
		assert.equal(r.status, 404);
		assert.equal(count('advice_requests'), before);
	});

	test('a second EP cannot write to, allocate or review the request either', async () => {
		const ep2 = await signIn('ep2@demo.test');
		const csrf = getCsrf((await ep2.get('/inbox')).text);
		const before = adviceVersions(s.big);
		const r = await ep2.post(`/requests/${s.big}/advice`, [['csrf', csrf],
		    ['f.summary', `Written by the wrong EP ${TAG}`], ['action', 'save']]);
		assert.equal(r.status, 404);
		assert.deepEqual(adviceVersions(s.big), before);
		assert.equal(num(`SELECT count(*) FROM advice_values WHERE value ~ ${lit(`wrong EP ${TAG}`)}`), 0);
	});
});

describe('refusals leave nothing half-written', () => {
	test('an assessment with an impossible date of birth: 400, no assessment, no contact', async () => {
		const a = count('assessments');
		const c = count('assessment_contacts');
		const csrf = await s.cw.csrfFrom('/assessments/new');
		const r = await s.cw.post('/assessments', {
			csrf, given_name: 'Nobody', family_name: `Refused${TAG}`,
			'dob-day': '31', 'dob-month': '4', 'dob-year': '2016', year_group: 'Year 4',
			parent_name: 'A Parent', parent_email: 'a.parent@example.com',
			'received-day': '1', 'received-month': '9', 'received-year': '2025',
			caseworker: String(s.cwId),
		});
		assert.equal(r.status, 400);
		assert.ok(errorSummary(r.text)?.some((e) => e.href === '#dob-day'));
		assert.equal(fieldValue(r.text, 'family_name'), `Refused${TAG}`, 'typed name not kept');
		assert.equal(count('assessments'), a);
		assert.equal(count('assessment_contacts'), c);
	});

	test('an assessment for a caseworker of another council: 400, nothing written', async () => {
		ensureTestshireCaseworker();
		const a = count('assessments');
		const c = count('assessment_contacts');
		const { response } = await createAssessment(s.cw, {
			given: 'Nobody', family: `Foreign${TAG}`, received: RECEIVED,
			caseworker: accountId('caseworker@test.test'),
		});
		assert.equal(response.status, 400);
		assert.equal(count('assessments'), a);
		assert.equal(count('assessment_contacts'), c);
	});

	test('a request to an organisation that does not serve the council: 400, nothing written', async () => {
		ensureTestshireCaseworker();
		const before = count('advice_requests');
		const foreign = num(`SELECT id FROM organisations WHERE kind = 'local_authority'
		    AND name = 'Testshire County Council'`);
		const r = await requestAdvice(s.cw, s.assessment, { requested: REQUESTED, organisation: foreign });
		assert.equal(r.status, 400);
		assert.ok(errorSummary(r.text), 'no error summary');
		assert.equal(count('advice_requests'), before);
		assert.equal(decodeHtml(r.text).includes('Testshire'), false, 'the other council is named');
	});
});
