// The draft EHC plan (issue 12, "Draft assembly"): assembled from the
// accepted advice with attribution, the provision check's flags beside
// the paragraphs, a section edited under the version lock (a stale save
// is 409, nothing overwritten), re-assembly after another acceptance that
// keeps the edit and marks the new paragraph, the .docx, and 404 for
// another council or a missing id.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { TESTSHIRE_PASSWORD, accountId, clearAttempts, getCsrf, psql, signIn } from './lib.mjs';
import {
	MISSING, TAG, addDays, allocate, audits, count, createAssessment, ensureTestshireCaseworker,
	errorSummary, fieldValue, getBytes, latestRequest, num, postAdvice, postFrom,
	psychologicalAdvice, requestAdvice, textOf, today,
} from './advice-lib.mjs';

const RECEIVED = addDays(today(), -20);
const CHILD = { given: 'Planchild', family: `Tester${TAG}` };
const A = `plan-a-${TAG}`;
const B = `plan-b-${TAG}`;
const s = {};

/* One psychological advice, submitted by the EP; its request id. */
async function submittedAdvice(marker, extra = {}) {
	const r = await requestAdvice(s.cw, s.assessment, { requested: addDays(RECEIVED, 1) });
	assert.equal(r.status, 303, r.text.slice(0, 400));
	const id = latestRequest(s.assessment);
	assert.equal((await allocate(s.lead, id, 'ep@demo.test')).status, 303);
	const pairs = psychologicalAdvice(marker).map(([k, v]) => [k, k in extra ? extra[k] : v]);
	const sub = await postAdvice(s.ep, id, pairs, 'submit');
	assert.equal(sub.status, 303, sub.text.slice(0, 600));
	return id;
}

async function accept(id) {
	const r = await postFrom(s.cw, `/requests/${id}`, `/requests/${id}/accept`, {});
	assert.equal(r.status, 303, r.text.slice(0, 400));
}

/* The HTML of one section of the plan page. */
function sectionOf(html, id) {
	const m = new RegExp(`<section[^>]*id="section-${id}"[^>]*>([\\s\\S]*?)</section>`).exec(html);
	return m ? m[1] : '';
}

const planId = () => num(`SELECT coalesce(max(id), 0) FROM plans WHERE assessment_id = ${s.assessment}`);
const sectionVersion = (sec) => num(`SELECT coalesce(max(version), 0) FROM plan_sections
    WHERE plan_id = ${planId()} AND section = '${sec}'`);

before(async () => {
	clearAttempts();
	s.cw = await signIn('caseworker@demo.test');
	s.lead = await signIn('eplead@demo.test');
	s.ep = await signIn('ep@demo.test');
	const { id } = await createAssessment(s.cw, { ...CHILD, received: RECEIVED });
	assert.ok(id);
	s.assessment = id;
	s.reference = psql(`SELECT reference FROM assessments WHERE id = ${id}`);
	s.r1 = await submittedAdvice(A, {
		'f.ci_provision.0.what': `Access to regular support ${A}`,
		'f.child_views': `Views ${A}: likes playing with Leo Brennan at break.`,
	});
	s.r2 = await submittedAdvice(B);
	await accept(s.r1);
});

describe('the draft plan', () => {
	test('no draft yet: the page offers to assemble it, and the view is audited', async () => {
		const page = await s.cw.get(`/assessments/${s.assessment}/plan`);
		assert.equal(page.status, 200);
		assert.ok(page.text.includes('Assemble the draft plan'));
		assert.equal(count('plans', `assessment_id = ${s.assessment}`), 0);
		assert.ok(audits('view_plan', 'assessment', s.assessment) >= 1);
		const a = await s.cw.get(`/assessments/${s.assessment}`);
		assert.ok(a.text.includes(`href="/assessments/${s.assessment}/plan"`), 'no link from the assessment');
	});

	test('without accepted advice, assembling is refused with a message and writes nothing', async () => {
		const { id } = await createAssessment(s.cw, { given: 'Noadvice', family: `Tester${TAG}`,
		    received: RECEIVED });
		const r = await postFrom(s.cw, `/assessments/${id}/plan`, `/assessments/${id}/plan`, {});
		assert.equal(r.status, 400);
		assert.deepEqual(errorSummary(r.text), [{ href: '#assemble',
		    message: 'Accept at least one piece of advice before you assemble the draft plan' }]);
		assert.equal(count('plans', `assessment_id = ${id}`), 0);
	});

	test('assembling stores version 1 from the accepted advice, with attribution', async () => {
		const r = await postFrom(s.cw, `/assessments/${s.assessment}/plan`,
		    `/assessments/${s.assessment}/plan`, {});
		assert.equal(r.status, 303, r.text.slice(0, 400));
		assert.equal(r.location, `/assessments/${s.assessment}/plan?assembled=1`);
		assert.equal(num(`SELECT version FROM plans WHERE id = ${planId()}`), 1);
		assert.equal(count('plan_sections', `plan_id = ${planId()} AND version = 1`), 12);
		assert.equal(audits('assemble_plan', 'assessment', s.assessment), 1);
		// Stored with the draft, in its transaction (one commit).
		assert.equal(num(`SELECT count(*) FROM audit_log l, plans p WHERE p.id = ${planId()}
		    AND l.action = 'assemble_plan' AND l.object_id = ${s.assessment}
		    AND l.xmin::text = p.xmin::text`), 1);
		const page = await s.cw.get(`/assessments/${s.assessment}/plan`);
		assert.equal(page.status, 200);
		const b = sectionOf(page.text, 'B');
		assert.ok(b.includes(`Communication needs ${A}`), 'B lacks the advice text');
		assert.ok(textOf(b).includes('From Dr Evan Price, Educational psychologist, ' +
		    'Demoshire Educational Psychology Service, advice dated'), textOf(b).slice(0, 600));
		assert.ok(b.includes(`href="/requests/${s.r1}"`), 'no link to the source request');
		assert.ok(textOf(b).includes('Communication and interaction'), 'B not grouped by area');
		assert.ok(!page.text.includes(B), 'advice not accepted is in the plan');
		assert.ok(textOf(sectionOf(page.text, 'I')).includes('section 38(5)'), 'I does not say why it is blank');
		assert.ok(sectionOf(page.text, 'K').includes(`href="/requests/${s.r1}"`), 'K does not list the advice');
	});

	test('provision flags show beside the paragraph, other children\'s names unnamed', async () => {
		const page = await s.cw.get(`/assessments/${s.assessment}/plan`);
		const f = sectionOf(page.text, 'F');
		const para = f.split('app-plan-paragraph').find((p) => p.includes('Access to regular support'));
		assert.ok(para, 'the provision is not in F');
		assert.match(para, /govuk-warning-text[\s\S]*vague wording/, 'no vague-wording warning');
		const a = sectionOf(page.text, 'A');
		const child = a.split('app-plan-paragraph').find((p) => p.includes('Leo Brennan'));
		assert.ok(child, 'the views are not in A');
		const warnings = [...child.matchAll(/<strong class="govuk-warning-text__text">([\s\S]*?)<\/strong>/g)]
		    .map((m) => textOf(m[1]));
		assert.ok(warnings.some((w) => /name that belongs to another/.test(w)), warnings.join(' | '));
		assert.ok(warnings.every((w) => !/Leo|Brennan/.test(w)), 'a flag names the other child');
	});

	test('editing a section saves a new version with the caseworker\'s text', async () => {
		const form = await s.cw.get(`/assessments/${s.assessment}/plan/edit?section=B`);
		assert.equal(form.status, 200);
		assert.equal(fieldValue(form.text, 'version'), '1');
		assert.ok(form.text.includes(`href="/requests/${s.r1}"`), 'no source beside the text');
		s.editVersion = fieldValue(form.text, 'version');
		const r = await s.cw.post(`/assessments/${s.assessment}/plan/edit`, {
			csrf: getCsrf(form.text), section: 'B', version: '1',
			p1: `Edited by the caseworker ${TAG}`,
		});
		assert.equal(r.status, 303, r.text.slice(0, 600));
		assert.equal(sectionVersion('B'), 2);
		assert.equal(num(`SELECT version FROM plans WHERE id = ${planId()}`), 2);
		assert.equal(audits('edit_plan_section', 'assessment', s.assessment), 1);
		assert.equal(r.location, `/assessments/${s.assessment}/plan?section_saved=1#section-B`);
		const page = await s.cw.get(`/assessments/${s.assessment}/plan?section_saved=1`);
		assert.ok(textOf(page.text).includes('The section was saved'), 'no success banner');
		assert.ok(sectionOf(page.text, 'B').includes(`Edited by the caseworker ${TAG}`));
	});

	test('a save from a stale version is refused (409), the text kept, nothing overwritten', async () => {
		const csrf = await s.cw.csrfFrom(`/assessments/${s.assessment}/plan`);
		const before = count('plan_sections', `plan_id = ${planId()}`);
		const r = await s.cw.post(`/assessments/${s.assessment}/plan/edit`, {
			csrf, section: 'B', version: '1', p1: `Stale text ${TAG}`,
		});
		assert.equal(r.status, 409, r.text.slice(0, 400));
		const errors = errorSummary(r.text);
		assert.ok(errors && errors[0].message.includes('changed by someone else'), JSON.stringify(errors));
		assert.ok(r.text.includes(`Stale text ${TAG}`), 'the caseworker\'s text is lost');
		assert.equal(count('plan_sections', `plan_id = ${planId()}`), before);
		assert.equal(count('plan_paragraphs', `body LIKE ${"'Stale text%'"}`), 0);
		assert.equal(sectionVersion('B'), 2);
		const bad = await s.cw.post(`/assessments/${s.assessment}/plan/edit`, {
			csrf, section: 'B', version: 'x', p1: 'x',
		});
		assert.equal(bad.status, 400);
	});

	test('re-assembly after another acceptance keeps the edit and marks the new paragraph', async () => {
		await accept(s.r2);
		const pv = num(`SELECT version FROM plans WHERE id = ${planId()}`);
		const r = await postFrom(s.cw, `/assessments/${s.assessment}/plan`,
		    `/assessments/${s.assessment}/plan/reassemble`, {});
		assert.equal(r.status, 303, r.text.slice(0, 400));
		assert.equal(r.location, `/assessments/${s.assessment}/plan?reassembled=1`);
		assert.equal(num(`SELECT version FROM plans WHERE id = ${planId()}`), pv + 1);
		const page = await s.cw.get(`/assessments/${s.assessment}/plan`);
		const b = sectionOf(page.text, 'B');
		assert.ok(b.includes(`Edited by the caseworker ${TAG}`), 'the edit was lost');
		const fresh = b.split('app-plan-paragraph').find((p) => p.includes(`Communication needs ${B}`));
		assert.ok(fresh, 'the new advice is not in B');
		assert.match(fresh, /govuk-tag[^>]*>New</, 'the new paragraph is not marked New');
		assert.ok(sectionOf(page.text, 'B').includes(`href="/requests/${s.r2}"`));
		assert.ok(textOf(page.text).includes('reassembled'), 'versions not listed');
		assert.equal(audits('reassemble_plan', 'assessment', s.assessment), 1);
		assert.equal(num(`SELECT count(*) FROM audit_log l, plans p WHERE p.id = ${planId()}
		    AND l.action = 'reassemble_plan' AND l.object_id = ${s.assessment}
		    AND l.xmin::text = p.xmin::text`), 1);
		// Nothing newly accepted: no new version, and the page says so.
		const again = await postFrom(s.cw, `/assessments/${s.assessment}/plan`,
		    `/assessments/${s.assessment}/plan/reassemble`, {});
		assert.equal(again.location, `/assessments/${s.assessment}/plan?reassembled=0`);
		assert.equal(num(`SELECT version FROM plans WHERE id = ${planId()}`), pv + 1);
	});

	test('the draft downloads as a Word document that opens', async () => {
		const r = await getBytes(s.cw, `/assessments/${s.assessment}/plan.docx`);
		assert.equal(r.status, 200);
		assert.equal(r.headers.get('content-type'),
		    'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
		assert.equal(r.headers.get('content-disposition'),
		    `attachment; filename="EHC-plan-${s.reference}-draft.docx"`);
		const file = path.join(os.tmpdir(), `plan-${TAG}.docx`);
		fs.writeFileSync(file, r.body);
		const py = spawnSync('/usr/bin/python3', ['-c', 'import docx,sys\n' +
		    'd = docx.Document(sys.argv[1])\n' +
		    'print("\\n".join(p.text for p in d.paragraphs))\n' +
		    'print("\\n".join(c.text for t in d.tables for row in t.rows for c in row.cells))', file],
		    { encoding: 'utf8' });
		fs.unlinkSync(file);
		assert.equal(py.status, 0, py.stderr);
		assert.ok(py.stdout.includes(`Edited by the caseworker ${TAG}`), py.stdout.slice(0, 500));
		assert.ok(py.stdout.includes('DRAFT'));
		assert.equal(audits('download_plan', 'assessment', s.assessment), 1);
	});

	test('another council, a professional or a missing id: 404', async () => {
		const t = await signIn(ensureTestshireCaseworker(), TESTSHIRE_PASSWORD);
		for (const p of [`/assessments/${s.assessment}/plan`, `/assessments/${MISSING}/plan`,
		    `/assessments/${s.assessment}/plan/edit?section=B`, `/assessments/${s.assessment}/plan.docx`])
			assert.equal((await t.get(p)).status, 404, p);
		const csrf = await t.csrfFrom('/caseworker');
		const before = count('plan_sections', `plan_id = ${planId()}`);
		for (const p of ['plan', 'plan/reassemble', 'plan/edit'])
			assert.equal((await t.post(`/assessments/${s.assessment}/${p}`,
			    { csrf, section: 'B', version: '2', p1: 'x' })).status, 404, p);
		assert.equal(count('plan_sections', `plan_id = ${planId()}`), before);
		assert.equal((await s.ep.get(`/assessments/${s.assessment}/plan`)).status, 404);
		assert.equal((await s.cw.get(`/assessments/${s.assessment}/plan/edit?section=Z`)).status, 404);
		assert.ok(accountId('caseworker@demo.test'));
	});
});
