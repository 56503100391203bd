// Long advice forms (issue 11): the psychological template as a GOV.UK
// task list is covered by advice.test.mjs; here, the rest of the section.
// An impossible date is told at save by its field, with what was typed and
// nothing written; uploads live on their own page, so typed answers are
// never lost to one (the one-page form saves its draft first); "other"
// advice shows the profession the council gave instead of asking again;
// educational advice shows the school; task numbers out of range are 404.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { clearAttempts, getCsrf, h1Of, signIn } from './lib.mjs';
import {
	EP_SERVICE, TAG, addDays, adviceVersions, api, count, errorSummary, fieldValue, saveTask,
	storedValue, summaryValue, taskList, textOf, today, valuesSnapshot,
} from './advice-lib.mjs';

const s = {};

/* A new assessment (through the API) with one request allocated from the start; the request's id. */
async function newRequest(type, organisation, professional, extra = {}, setting = undefined) {
	const a = await api('POST', '/api/v1/assessments', {
		child: { given_name: 'Task', family_name: `List${TAG}`, date_of_birth: '2016-03-02',
		    year_group: 'Year 5', ...(setting ? { current_setting: setting } : {}) },
		request_received: addDays(today(), -7), caseworker_email: 'caseworker@demo.test',
		allow_duplicate: true,	// one child, an assessment per request
	});
	assert.equal(a.status, 201, a.text);
	const r = await api('POST', `/api/v1/assessments/${a.json.id}/advice-requests`, {
		type, organisation, professional_email: professional, requested_on: addDays(today(), -6), ...extra,
	});
	assert.equal(r.status, 201, r.text);
	return r.json.id;
}

/* Posts the one-page form of a request with pairs and action. */
async function postOnePage(client, id, pairs, action) {
	const page = await client.get(`/requests/${id}`);
	assert.equal(page.status, 200);
	return client.post(`/requests/${id}/advice`, [['csrf', getCsrf(page.text)], ...pairs, ['action', action]]);
}

before(async () => {
	clearAttempts();
	s.ep = await signIn('ep@demo.test');
	s.psych = await newRequest('psychological', EP_SERVICE, 'ep@demo.test');
	s.other = await newRequest('other', EP_SERVICE, 'ep@demo.test',
	    { profession: `Speech and language therapist ${TAG}` });
});

describe('dates are day, month and year; an impossible one is told at save', () => {
	test('31 February: 400, the error by the field, what was typed kept, nothing written', async () => {
		const before = count('advice', `request_id = ${s.psych}`);
		const r = await saveTask(s.ep, s.psych, 1, [
			['f.date_seen-day', '31'], ['f.date_seen-month', '2'], ['f.date_seen-year', '2026'],
			['f.background', `Typed background ${TAG}`],
		]);
		assert.equal(r.status, 400);
		const errors = errorSummary(r.text);
		assert.deepEqual(errors, [{ href: '#f.date_seen', message:
		    'Date you last saw the child or young person must be a real date, for example 27 3 2026' }]);
		assert.match(textOf(r.text), /Error: Date you last saw the child or young person must be a real date/);
		assert.match(r.text, /<title>Error: /);
		// The GOV.UK date input: three inputs, as typed; the summary links to the day.
		assert.match(r.text, /<input[^>]*id="f\.date_seen"[^>]*name="f\.date_seen-day"/);
		assert.equal(fieldValue(r.text, 'f.date_seen-day'), '31');
		assert.equal(fieldValue(r.text, 'f.date_seen-month'), '2');
		assert.equal(fieldValue(r.text, 'f.date_seen-year'), '2026');
		assert.equal(fieldValue(r.text, 'f.background'), `Typed background ${TAG}`, 'other answers lost');
		assert.equal(count('advice', `request_id = ${s.psych}`), before, 'a refused save wrote a version');
	});

	test('a real date is stored as YYYY-MM-DD and shown back as day, month and year', async () => {
		const r = await saveTask(s.ep, s.psych, 1, [
			['f.date_seen-day', '3'], ['f.date_seen-month', '2'], ['f.date_seen-year', '2026'],
			['f.background', `Saved background ${TAG}`],
		]);
		assert.equal(r.status, 303, r.text.slice(0, 500));
		const [v] = adviceVersions(s.psych);
		assert.equal(storedValue(v.id, 'date_seen'), '2026-02-03');
		const page = await s.ep.get(`/requests/${s.psych}/tasks/1`);
		assert.equal(fieldValue(page.text, 'f.date_seen-day'), '3');
		assert.equal(fieldValue(page.text, 'f.date_seen-month'), '2');
		assert.equal(fieldValue(page.text, 'f.date_seen-year'), '2026');
		assert.equal(fieldValue(page.text, 'f.date_seen'), undefined, 'the old one-box date is still offered');
	});

	test('a saved draft is not changed by a refused date on the one-page form either', async () => {
		const ok = await postOnePage(s.ep, s.other, [['f.needs', `Needs ${TAG}`]], 'save');
		assert.equal(ok.status, 303);
		const [v] = adviceVersions(s.other);
		const snapshot = valuesSnapshot(v.id);
		const r = await postOnePage(s.ep, s.other, [['f.needs', `Changed ${TAG}`],
		    ['f.date_seen-day', '30'], ['f.date_seen-month', '2'], ['f.date_seen-year', '2027']], 'save');
		assert.equal(r.status, 400);
		assert.deepEqual(errorSummary(r.text).map((e) => e.href), ['#f.date_seen']);
		assert.equal(fieldValue(r.text, 'f.date_seen-day'), '30');
		assert.equal(fieldValue(r.text, 'f.needs'), `Changed ${TAG}`);
		assert.equal(valuesSnapshot(v.id), snapshot);
	});
});

describe('uploading never loses typed answers', () => {
	test('no form with answers has an upload on it; the documents page has', async () => {
		for (const p of [`/requests/${s.psych}`, `/requests/${s.psych}/tasks/1`, `/requests/${s.psych}/submit`,
		    `/requests/${s.other}`]) {
			const page = await s.ep.get(p);
			assert.equal(page.status, 200, p);
			assert.ok(!page.text.includes('multipart/form-data'), `${p} has an upload form`);
		}
		const docs = await s.ep.get(`/requests/${s.psych}/documents`);
		assert.equal(docs.status, 200);
		assert.equal(h1Of(docs.text), 'Supporting documents');
		assert.ok(docs.text.includes(`action="/requests/${s.psych}/documents" enctype="multipart/form-data"`));
		assert.ok(!docs.text.includes('name="f.'), 'the documents page holds advice inputs');
	});

	test('the one-page form saves what was typed before it opens the documents page', async () => {
		const r = await postOnePage(s.ep, s.other, [['f.needs', `Typed before adding a file ${TAG}`]],
		    'documents');
		assert.equal(r.status, 303, r.text.slice(0, 500));
		assert.equal(r.location, `/requests/${s.other}/documents`);
		const [v] = adviceVersions(s.other);
		assert.equal(storedValue(v.id, 'needs'), `Typed before adding a file ${TAG}`);
		const form = await s.ep.get(`/requests/${s.other}`);
		assert.equal(fieldValue(form.text, 'f.needs'), `Typed before adding a file ${TAG}`);
	});

	test('a refused upload comes back on the documents page with its reason', async () => {
		const csrf = getCsrf((await s.ep.get(`/requests/${s.psych}/documents`)).text);
		const fd = new FormData();
		fd.append('csrf', csrf);
		const docs = count('documents');
		const r = await s.ep.request('POST', `/requests/${s.psych}/documents`, { body: fd });
		assert.equal(r.status, 422);
		assert.equal(h1Of(r.text), 'Supporting documents');
		assert.deepEqual(errorSummary(r.text).map((e) => e.href), ['#file']);
		assert.equal(count('documents'), docs);
	});
});

describe('what the council gave is shown, not asked again', () => {
	test('other advice shows the profession the caseworker gave and does not ask it', async () => {
		const page = await s.ep.get(`/requests/${s.other}`);
		assert.equal(page.status, 200);
		assert.equal(fieldValue(page.text, 'template_version'), '2');
		assert.ok(!page.text.includes('name="f.profession"'), 'the profession is asked again');
		assert.match(summaryValue(page.text, 'Advice asked for'), new RegExp(`Speech and language therapist ${TAG}`));
	});

	test('educational advice names the school on the task list and on every task page', async () => {
		const senco = await signIn('senco@demo.test');
		const id = await newRequest('educational', 'Brookfield Primary School', 'senco@demo.test', {},
		    'Brookfield Primary School');
		const list = await senco.get(`/requests/${id}`);
		assert.equal(list.status, 200);
		assert.equal(h1Of(list.text), 'Educational advice');
		assert.equal(summaryValue(list.text, 'School, college or setting'), 'Brookfield Primary School');
		assert.ok(taskList(list.text).length >= 6, 'educational advice is not a task list');
		const task = await senco.get(`/requests/${id}/tasks/1`);
		assert.equal(task.status, 200);
		assert.match(textOf(task.text), /Educational advice – [^ ]+ – Task List\S+, Brookfield Primary School/);
		assert.ok(!task.text.includes('name="f.setting"'), 'the school is asked to type its own name');
		assert.equal(fieldValue(task.text, 'template_version'), '2');
	});
});

describe('task numbers', () => {
	test('a task out of range is 404, and so are the tasks of a one-page template', async () => {
		for (const p of [`/requests/${s.psych}/tasks/6`, `/requests/${s.psych}/tasks/99`,
		    `/requests/${s.other}/tasks/1`, `/requests/${s.other}/submit`])
			assert.equal((await s.ep.get(p)).status, 404, p);
		const csrf = getCsrf((await s.ep.get(`/requests/${s.psych}`)).text);
		const before = valuesSnapshot(adviceVersions(s.psych)[0].id);
		for (const part of ['6', '0', 'x', '1x'])
			assert.equal((await s.ep.post(`/requests/${s.psych}/advice`, [['csrf', csrf], ['part', part],
			    ['f.background', 'Smuggled'], ['action', 'save']])).status, 404, part);
		assert.equal(valuesSnapshot(adviceVersions(s.psych)[0].id), before);
	});

	test('a task\'s save ignores another task\'s fields in its post', async () => {
		const r = await saveTask(s.ep, s.psych, 2, [['f.ci_needs', `CI ${TAG}`], ['f.background', 'Smuggled']]);
		assert.equal(r.status, 303);
		const [v] = adviceVersions(s.psych);
		assert.equal(storedValue(v.id, 'ci_needs'), `CI ${TAG}`);
		assert.equal(storedValue(v.id, 'background'), `Saved background ${TAG}`);
	});
});

describe('signed out while on a task page', () => {
	test('the task comes back alone, still a task: saving it after signing in keeps the others', async () => {
		const c = await signIn('ep@demo.test');
		const page = await c.get(`/requests/${s.psych}/tasks/2`);
		const csrf = getCsrf(page.text);
		assert.equal((await c.post('/sign-out', { csrf })).status, 303);
		const form = [['csrf', csrf], ['template_id', 'psychological'], ['template_version', '1'],
		    ['part', '2'], ['f.ci_needs', `Typed while signed out ${TAG}`], ['action', 'save']];
		const r = await c.post(`/requests/${s.psych}/advice`, form);
		assert.equal(r.status, 401);
		assert.match(textOf(r.text), /You were signed out/);
		assert.equal(fieldValue(r.text, 'f.ci_needs'), `Typed while signed out ${TAG}`);
		assert.equal(fieldValue(r.text, 'f.background'), undefined, 'another task\'s fields are offered');
		assert.equal(fieldValue(r.text, 'part'), '2');
		const again = await signIn('ep@demo.test');
		// The old session's token saves nothing (CSRF is per session): the
		// answers come back with the new session's token, still unsaved.
		const shown = await again.post(`/requests/${s.psych}/advice`, [['csrf', getCsrf(r.text)],
		    ...form.slice(1)]);
		assert.equal(shown.status, 409, shown.text.slice(0, 300));
		assert.match(textOf(shown.text), /You have signed in again/);
		assert.equal(fieldValue(shown.text, 'f.ci_needs'), `Typed while signed out ${TAG}`);
		assert.notEqual(getCsrf(shown.text), csrf);
		const [before] = adviceVersions(s.psych);
		assert.notEqual(storedValue(before.id, 'ci_needs'), `Typed while signed out ${TAG}`,
		    'saved on an old session\'s token');
		// A token that was never this account's is refused outright.
		const forged = await again.post(`/requests/${s.psych}/advice`, [['csrf', 'a'.repeat(43)],
		    ...form.slice(1)]);
		assert.equal(forged.status, 403);
		const back = await again.post(`/requests/${s.psych}/advice`, [['csrf', getCsrf(shown.text)],
		    ...form.slice(1)]);
		assert.equal(back.status, 303, back.text.slice(0, 300));
		const [v] = adviceVersions(s.psych);
		assert.equal(storedValue(v.id, 'ci_needs'), `Typed while signed out ${TAG}`);
		assert.equal(storedValue(v.id, 'background'), `Saved background ${TAG}`, 'task 1 was lost');
	});
});
