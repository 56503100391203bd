// Parents' comments on the served draft (issue 12, s.38 CFA, reg 13(1)):
// the caseworker serves the draft (refusals by the field, nothing
// written), the family is mailed through a real SMTP server on loopback
// (no child's name), the parent reads the draft as served, saves comments
// per section and a school request (refusals by the field, text kept,
// nothing written), checks and sends; a draft served in the past takes a
// late comment, accepted and marked late; "I have no comments"; the
// caseworker sees what was sent per section and never what was not; 404
// for another parent, another council, an unserved draft; the API.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { ROOT, TESTSHIRE_PASSWORD, accountId, clearAttempts, lit, psql, signIn } from './lib.mjs';
import {
	MISSING, TAG, addDays, allocate, api, audits, count, createAssessment, ensureTestshireCaseworker,
	errorSummary, latestRequest, num, orgId, parts, postAdvice, postFrom, psychologicalAdvice,
	requestAdvice, testshireApiKey, textOf, today, words,
} from './advice-lib.mjs';
import { SMTP, PORTAL_BASE_URL, MAIL_ENV as ENV, makeSink } from './mail-lib.mjs';

const RECEIVED = addDays(today(), -30);
const GIVEN = `Draftchild${TAG}`;
const FAMILY = `Commenter${TAG}`;
const CTL = path.join(ROOT, 'build/portalctl');
const MAILDIR = path.join(process.env.TEST_VAR || '/tmp', `mail-comments-${TAG}`);
const { startSink, stopSink, mails } = makeSink(MAILDIR);
const s = {};

// --- helpers ------------------------------------------------------------------------

/* One psychological advice on assessment, submitted by the EP and accepted. */
async function acceptedAdvice(assessment, marker) {
	const r = await requestAdvice(s.cw, assessment, { requested: addDays(RECEIVED, 1) });
	assert.equal(r.status, 303, r.text.slice(0, 400));
	const id = latestRequest(assessment);
	assert.equal((await allocate(s.lead, id, 'ep@demo.test')).status, 303);
	const sub = await postAdvice(s.ep, id, psychologicalAdvice(marker), 'submit');
	assert.equal(sub.status, 303, sub.text.slice(0, 600));
	const acc = await postFrom(s.cw, `/requests/${id}`, `/requests/${id}/accept`, {});
	assert.equal(acc.status, 303, acc.text.slice(0, 400));
	return id;
}

/* A new assessment with an assembled draft plan; { id, reference }. */
async function caseWithPlan(given, family, parentEmail, marker) {
	const { id } = await createAssessment(s.cw, { given, family, received: RECEIVED, parentEmail });
	assert.ok(id);
	await acceptedAdvice(id, marker);
	const r = await postFrom(s.cw, `/assessments/${id}/plan`, `/assessments/${id}/plan`, {});
	assert.equal(r.status, 303, r.text.slice(0, 400));
	return { id, reference: psql(`SELECT reference FROM assessments WHERE id = ${id}`) };
}

/* The serving form posted with the day served. */
function serve(client, id, iso) {
	const p = iso ? parts(iso) : { day: '', month: '', year: '' };
	return postFrom(client, `/assessments/${id}/plan/issue`, `/assessments/${id}/plan/issue`,
	    { 'served-day': p.day, 'served-month': p.month, 'served-year': p.year });
}

const drafts = (id) => count('assessment_decisions', `assessment_id = ${id} AND kind = 'draft_issued'`);
const comments = (id) => num(`SELECT count(*) FROM plan_comments c JOIN assessment_decisions d
    ON d.id = c.draft_issue_id WHERE d.assessment_id = ${id}`);
const requests = (id) => num(`SELECT count(*) FROM plan_requests r JOIN assessment_decisions d
    ON d.id = r.draft_issue_id WHERE d.assessment_id = ${id}`);

/* The text of the textarea with id, decoded; undefined if none. */
function textareaById(html, id) {
	const m = new RegExp(`<textarea[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
	return m ? m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
	    .replace(/&#39;/g, '\'').replace(/&amp;/g, '&') : undefined;
}

/* The HTML of one section of a plan page. */
function sectionOf(html, id) {
	const m = new RegExp(`<section[^>]*id="section-${id}"[^>]*>([\\s\\S]*?)</section>`).exec(html);
	return m ? m[1] : '';
}

/* The parent saves a comment on section sec. */
function saveComment(id, sec, comment) {
	return postFrom(s.parent, `/assessments/${id}/draft`, `/assessments/${id}/draft/comments`,
	    { section: sec, comment });
}

function saveRequest(id, form) {
	return postFrom(s.parent, `/assessments/${id}/draft`, `/assessments/${id}/draft/requests`, form);
}

before(async () => {
	clearAttempts();
	s.cw = await signIn('caseworker@demo.test');
	s.lead = await signIn('eplead@demo.test');
	s.ep = await signIn('ep@demo.test');
	s.parent = await signIn('parent@demo.test');
	Object.assign(s, await caseWithPlan(GIVEN, FAMILY, 'parent@demo.test', `cm-${TAG}`));
	s.other = await caseWithPlan(`Otherchild${TAG}`, FAMILY, `other-carer-${TAG}@example.com`, `ot-${TAG}`);
	s.noplan = (await createAssessment(s.cw, { given: `Noplan${TAG}`, family: FAMILY, received: RECEIVED,
	    parentEmail: 'parent@demo.test' })).id;
	await startSink();
});

after(async () => {
	await stopSink();
});

describe('serving the draft on the family', () => {
	test('no plan: the page says so and sending is refused with a message, nothing written', async () => {
		const page = await s.cw.get(`/assessments/${s.noplan}/plan/issue`);
		assert.equal(page.status, 200);
		assert.ok(textOf(page.text).includes('There is no draft plan to send yet'));
		const r = await serve(s.cw, s.noplan, today());
		assert.equal(r.status, 400);
		assert.deepEqual(errorSummary(r.text), [{ href: '#assemble-link',
		    message: 'Assemble the draft plan before you send it to the family' }]);
		assert.ok(r.text.includes('id="assemble-link"'), 'the summary links to nothing');
		assert.equal(drafts(s.noplan), 0);
	});

	test('the parent cannot see a draft not served: 404', async () => {
		assert.equal((await s.parent.get(`/assessments/${s.id}/draft`)).status, 404);
		assert.equal((await s.parent.get(`/assessments/${s.id}/draft/check`)).status, 404);
		const page = await s.parent.get(`/assessments/${s.id}`);
		assert.equal(page.status, 200);
		assert.ok(!page.text.includes(`/assessments/${s.id}/draft`), 'a link to an unserved draft');
	});

	test('the day served defaults to today; bad dates are refused by the field, nothing written', async () => {
		const page = await s.cw.get(`/assessments/${s.id}/plan/issue`);
		assert.equal(page.status, 200);
		const t = parts(today());
		for (const [k, v] of [['day', t.day], ['month', t.month], ['year', t.year]])
			assert.match(page.text, new RegExp(`name="served-${k}"[^>]*value="${v}"`), `served-${k}`);
		assert.ok(audits('view_plan_issue', 'assessment', s.id) >= 1);
		const cases = [
			[null, 'The day the draft was served must be a real date'],
			['2027-02-30', 'The day the draft was served must be a real date'],
			[addDays(today(), 1), 'The day the draft was served must be today or in the past'],
			[addDays(RECEIVED, -1), 'The day the draft was served must be the same as or after the day ' +
			    'the request for assessment was received'],
		];
		for (const [iso, message] of cases) {
			const r = iso === '2027-02-30' ?
			    await postFrom(s.cw, `/assessments/${s.id}/plan/issue`, `/assessments/${s.id}/plan/issue`,
				{ 'served-day': '30', 'served-month': '2', 'served-year': '2027' }) :
			    await serve(s.cw, s.id, iso);
			assert.equal(r.status, 400, `${iso}`);
			assert.deepEqual(errorSummary(r.text), [{ href: '#served-day', message }], `${iso}`);
			assert.ok(r.text.includes('govuk-input--error'), 'no error by the field');
		}
		assert.equal(drafts(s.id), 0);
		assert.equal(psql(`SELECT status FROM plans WHERE assessment_id = ${s.id}`), 'draft');
		assert.equal(count('outbox', `assessment_id = ${s.id}`), 0);
	});

	test('serving today: the decision, the plan served, the window on the caseworker\'s page', async () => {
		const r = await serve(s.cw, s.id, today());
		assert.equal(r.status, 303, r.text.slice(0, 400));
		assert.equal(r.location, `/assessments/${s.id}/plan?served=1`);
		const row = psql(`SELECT decided_on, comments_due, due_on, plan_version, recorded_by,
		    responded_on IS NULL FROM assessment_decisions WHERE assessment_id = ${s.id}
		    AND kind = 'draft_issued'`).split('|');
		assert.deepEqual(row, [today(), addDays(today(), 14), addDays(RECEIVED, 125),
		    psql(`SELECT version FROM plans WHERE assessment_id = ${s.id}`),
		    String(accountId('caseworker@demo.test')), 't']);
		assert.equal(psql(`SELECT status FROM plans WHERE assessment_id = ${s.id}`), 'draft_issued');
		assert.equal(audits('serve_draft_plan', 'assessment', s.id), 1);
		const page = await s.cw.get(r.location);
		const text = textOf(page.text);
		assert.ok(text.includes(`The family has until ${words(addDays(today(), 14), true)} to comment (15 days)`),
		    text.slice(0, 1500));
		assert.ok(text.includes('The draft plan was sent to the family'), 'no success banner');
	});

	test('the parent is mailed over SMTP: the last day in words, the link, the reference, no child name', async () => {
		const mail = psql(`SELECT to_address || '|' || subject || '|' || body FROM outbox
		    WHERE assessment_id = ${s.id} ORDER BY id DESC LIMIT 1`);
		assert.ok(mail.startsWith('parent@demo.test|'), mail.slice(0, 80));
		const r = spawnSync(CTL, ['send-mail', '--once'], { env: ENV, encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
		let m;
		for (let i = 0; i < 50 && !m; i++) {
			m = mails().find((x) => x.to === 'parent@demo.test' && x.raw.includes(s.reference));
			if (!m)
				await new Promise((res) => setTimeout(res, 100));
		}
		assert.ok(m, 'no mail reached the SMTP server');
		const body = m.body.replace(/=\r?\n/g, '').replace(/\r?\n/g, ' ');
		assert.ok(m.subject.includes(s.reference), m.subject);
		assert.ok(body.includes(`You have until ${words(addDays(today(), 14), true)} to comment`), body);
		assert.ok(body.includes(`${PORTAL_BASE_URL}/assessments/${s.id}/draft`), 'no link');
		for (const name of [GIVEN, FAMILY])
			assert.ok(!m.raw.toLowerCase().includes(name.toLowerCase()), `the mail names the child (${name})`);
		assert.ok(count('notifications', `account_id = ${accountId('parent@demo.test')}
		    AND link = '/assessments/${s.id}/draft'`) >= 1, 'no notification');
	});
});

describe('the parent comments', () => {
	test('the parent reads the draft with the window, a box per section; the view is audited', async () => {
		const home = await s.parent.get(`/assessments/${s.id}`);
		assert.ok(home.text.includes(`href="/assessments/${s.id}/draft"`), 'no link from the assessment');
		const page = await s.parent.get(`/assessments/${s.id}/draft`);
		assert.equal(page.status, 200);
		const text = textOf(page.text);
		assert.ok(text.includes(`You have until ${words(addDays(today(), 14), true)} to comment (15 days)`));
		assert.ok(sectionOf(page.text, 'B').includes(`Communication needs cm-${TAG}`), 'B lacks the advice');
		for (const sec of ['A', 'B', 'F', 'K'])
			assert.notEqual(textareaById(page.text, `comment-${sec}`), undefined, `no box for ${sec}`);
		assert.ok(!page.text.includes('href="/requests/'), 'links to advice requests on the family\'s page');
		assert.ok(!page.text.includes('/plan/edit'), 'Change links on the family\'s page');
		assert.ok(audits('view_draft_plan', 'assessment', s.id) >= 1);
	});

	test('an empty or too long comment is refused by the field, the text kept, nothing written', async () => {
		let r = await saveComment(s.id, 'B', '   ');
		assert.equal(r.status, 400);
		assert.deepEqual(errorSummary(r.text), [{ href: '#comment-B', message: 'Enter your comment on this section' }]);
		const long = `Too long ${TAG} ${'x'.repeat(10000)}`;
		r = await saveComment(s.id, 'B', long);
		assert.equal(r.status, 400);
		assert.deepEqual(errorSummary(r.text), [{ href: '#comment-B',
		    message: 'Your comment must be 10,000 characters or fewer' }]);
		assert.equal(textareaById(r.text, 'comment-B'), long, 'the text was not kept');
		assert.ok(r.text.includes('id="comment-B-error"'), 'no error by the field');
		assert.equal(comments(s.id), 0);
	});

	test('two comments saved, one changed, shown when the parent comes back; not on the caseworker\'s page', async () => {
		let r = await saveComment(s.id, 'B', `First thought ${TAG}`);
		assert.equal(r.status, 303, r.text.slice(0, 300));
		assert.equal(r.location, `/assessments/${s.id}/draft?saved=B#section-B`);
		r = await saveComment(s.id, 'B', `Speech therapy is missing <b>${TAG}</b>`);
		assert.equal(r.status, 303);
		r = await saveComment(s.id, 'F', `Say how often ${TAG}`);
		assert.equal(r.status, 303);
		assert.equal(comments(s.id), 2);
		assert.equal(audits('save_draft_comment', 'assessment', s.id), 3);
		const page = await s.parent.get(`/assessments/${s.id}/draft`);
		assert.equal(textareaById(page.text, 'comment-B'), `Speech therapy is missing <b>${TAG}</b>`);
		assert.equal(textareaById(page.text, 'comment-F'), `Say how often ${TAG}`);
		const cw = await s.cw.get(`/assessments/${s.id}/plan`);
		assert.ok(!cw.text.includes(`Say how often ${TAG}`), 'the caseworker sees an unsent comment');
	});

	test('asking for a school: refusals by the field, nothing written; then the council\'s school saved', async () => {
		const hillcrest = orgId('Hillcrest Academy');
		const cases = [
			[{ kind: 'school', setting: '', setting_name: '', detail: '' }, '#setting',
			    'Select a school or setting, or type its name'],
			[{ kind: 'school', setting: String(hillcrest), setting_name: 'Oakwood', detail: '' }, '#setting',
			    'Select a school or setting from the list, or type its name, not both'],
			[{ kind: 'school', setting: '', setting_name: 'o'.repeat(201), detail: '' }, '#setting-name',
			    'The name of the school or setting must be 200 characters or fewer'],
			[{ kind: 'school', setting: String(orgId('Demoshire Educational Psychology Service')),
			    setting_name: '', detail: '' }, '#setting', 'Select a school or setting from the list'],
			[{ kind: 'school', setting: String(hillcrest), setting_name: '', detail: 'd'.repeat(5001) },
			    '#school-detail', 'What you write must be 5,000 characters or fewer'],
			[{ kind: 'meeting', detail: 'm'.repeat(5001) }, '#meeting-detail',
			    'What you write must be 5,000 characters or fewer'],
		];
		for (const [form, href, message] of cases) {
			const r = await saveRequest(s.id, form);
			assert.equal(r.status, 400, message);
			assert.deepEqual(errorSummary(r.text), [{ href, message }]);
		}
		assert.equal(requests(s.id), 0);
		const r = await saveRequest(s.id, { kind: 'school', setting: String(hillcrest), setting_name: '',
		    detail: `Near home ${TAG}` });
		assert.equal(r.status, 303, r.text.slice(0, 300));
		assert.equal(requests(s.id), 1);
		const page = await s.parent.get(`/assessments/${s.id}/draft`);
		assert.match(page.text, new RegExp(`<option value="${hillcrest}" selected>Hillcrest Academy</option>`));
	});

	test('check your answers, then send: in time, responded_on set; the parent sees what they sent', async () => {
		const check = await s.parent.get(`/assessments/${s.id}/draft/check`);
		assert.equal(check.status, 200);
		const text = textOf(check.text);
		for (const t of [`Speech therapy is missing <b>${TAG}</b>`, `Say how often ${TAG}`, 'Hillcrest Academy',
		    'Name a school or setting'])
			assert.ok(text.includes(t), `check page lacks ${t}`);
		const r = await postFrom(s.parent, `/assessments/${s.id}/draft/check`,
		    `/assessments/${s.id}/draft/submit`, {});
		assert.equal(r.status, 303, r.text.slice(0, 300));
		assert.equal(r.location, `/assessments/${s.id}/draft?sent=1`);
		assert.equal(num(`SELECT count(*) FROM plan_comments c JOIN assessment_decisions d
		    ON d.id = c.draft_issue_id WHERE d.assessment_id = ${s.id}
		    AND c.submitted_on = '${today()}' AND NOT c.late`), 2);
		assert.equal(num(`SELECT count(*) FROM plan_requests r JOIN assessment_decisions d
		    ON d.id = r.draft_issue_id WHERE d.assessment_id = ${s.id}
		    AND r.submitted_on = '${today()}' AND NOT r.late`), 1);
		assert.equal(psql(`SELECT responded_on FROM assessment_decisions WHERE assessment_id = ${s.id}
		    AND kind = 'draft_issued'`), today());
		assert.equal(audits('submit_draft_response', 'assessment', s.id), 1);
		const page = await s.parent.get(r.location);
		const t2 = textOf(page.text);
		assert.ok(t2.includes('Your response is sent to the council'), 'no success banner');
		assert.ok(t2.includes(`You sent this comment on ${words(today())}`), 'sent comments not shown');
		assert.equal(textareaById(page.text, 'comment-B'), '', 'the sent comment is still in the box');
	});

	test('the caseworker sees the comments per section and the school asked for at the top', async () => {
		const page = await s.cw.get(`/assessments/${s.id}/plan`);
		assert.equal(page.status, 200);
		const b = sectionOf(page.text, 'B');
		assert.ok(textOf(b).includes(`Speech therapy is missing <b>${TAG}</b>`), 'B lacks the comment');
		assert.ok(textOf(b).includes('From Pat Rowe'), 'no author');
		assert.ok(textOf(sectionOf(page.text, 'F')).includes(`Say how often ${TAG}`), 'F lacks the comment');
		assert.ok(!textOf(sectionOf(page.text, 'A')).includes('Speech therapy is missing'),
		    'A has a comment made on another section');
		assert.ok(!page.text.includes('govuk-tag--orange">Late'), 'a comment in time marked late');
		const fam = /<ul class="govuk-list govuk-list--bullet" id="family-requests">([\s\S]*?)<\/ul>/.exec(page.text);
		assert.ok(fam && /Name a school or setting\s*:\s*Hillcrest Academy/.test(textOf(fam[1])),
		    `no school request: ${fam && textOf(fam[1])}`);
		assert.ok(page.text.indexOf('id="family-requests"') < page.text.indexOf('id="section-A"'),
		    'the requests are not at the top');
	});

	test('a draft served again in the past: a comment after the window is accepted and marked late', async () => {
		const served = addDays(today(), -20);
		const r = await serve(s.cw, s.id, served);
		assert.equal(r.status, 303, r.text.slice(0, 300));
		assert.equal(drafts(s.id), 2);
		const page = await s.parent.get(`/assessments/${s.id}/draft`);
		const text = textOf(page.text);
		assert.ok(text.includes(`The 15 days to comment ended on ${words(addDays(served, 14), true)}. ` +
		    'You can still send comments: they will be marked as late, but the council will still read them.'),
		    text.slice(0, 1200));
		assert.equal((await saveComment(s.id, 'C', `Late word ${TAG}`)).status, 303);
		const sent = await postFrom(s.parent, `/assessments/${s.id}/draft/check`,
		    `/assessments/${s.id}/draft/submit`, {});
		assert.equal(sent.status, 303);
		assert.equal(psql(`SELECT c.late FROM plan_comments c WHERE c.body = ${lit(`Late word ${TAG}`)}`), 't');
		const done = textOf((await s.parent.get(sent.location)).text);
		assert.ok(done.includes('marked as late, but the council will still read it'), done.slice(0, 800));
		const cw = await s.cw.get(`/assessments/${s.id}/plan`);
		const c = sectionOf(cw.text, 'C');
		assert.ok(textOf(c).includes(`Late word ${TAG}`), 'C lacks the late comment');
		assert.match(c, /govuk-tag--orange">Late</, 'the late comment is not marked late');
		assert.ok(textOf(cw.text).includes('The family\'s 15 days to comment ended on'), 'no closed window');
	});

	test('nothing saved: sending needs the explicit "I have no comments"', async () => {
		const check = await s.parent.get(`/assessments/${s.id}/draft/check`);
		assert.ok(textOf(check.text).includes('I have no comments on the draft plan'));
		const before = count('plan_responses');
		let r = await postFrom(s.parent, `/assessments/${s.id}/draft/check`, `/assessments/${s.id}/draft/submit`, {});
		assert.equal(r.status, 400);
		assert.equal(errorSummary(r.text)[0].href, '#no-comments');
		assert.equal(count('plan_responses'), before);
		r = await postFrom(s.parent, `/assessments/${s.id}/draft/check`, `/assessments/${s.id}/draft/submit`,
		    { no_comments: 'yes' });
		assert.equal(r.status, 303);
		assert.equal(psql(`SELECT comments || '/' || requests FROM plan_responses ORDER BY id DESC LIMIT 1`), '0/0');
		const cw = await s.cw.get(`/assessments/${s.id}/plan`);
		assert.ok(textOf(cw.text).includes('no comments on the draft'), 'the caseworker does not see it');
	});
});

describe('who may see it', () => {
	test('another parent\'s draft, a missing one: 404, nothing written', async () => {
		const api1 = await api('POST', `/api/v1/assessments/${s.other.id}/plan/draft`, { served_on: today() });
		assert.equal(api1.status, 201, api1.text);
		for (const p of [`/assessments/${s.other.id}/draft`, `/assessments/${s.other.id}/draft/check`,
		    `/assessments/${MISSING}/draft`])
			assert.equal((await s.parent.get(p)).status, 404, p);
		const csrf = await s.parent.csrfFrom(`/assessments/${s.id}/draft`);
		const r = await s.parent.post(`/assessments/${s.other.id}/draft/comments`,
		    { csrf, section: 'B', comment: 'not mine' });
		assert.equal(r.status, 404);
		assert.equal(comments(s.other.id), 0);
		// The caseworker and other staff: the family's pages are not theirs.
		assert.equal((await s.cw.get(`/assessments/${s.id}/draft`)).status, 404);
	});

	test('another council: 404 on the page and the API, nothing written', async () => {
		const t = await signIn(ensureTestshireCaseworker(), TESTSHIRE_PASSWORD);
		assert.equal((await t.get(`/assessments/${s.id}/plan/issue`)).status, 404);
		const key = testshireApiKey();
		const before = drafts(s.id);
		const r = await api('POST', `/api/v1/assessments/${s.id}/plan/draft`, { served_on: today() }, key);
		assert.equal(r.status, 404);
		assert.equal(drafts(s.id), before);
	});
});

describe('the API', () => {
	test('400 naming the field, nothing written', async () => {
		const before = drafts(s.other.id);
		const cases = [
			[{}, 'required'],
			[{ served_on: '2027-02-30' }, 'must be a real date as YYYY-MM-DD'],
			[{ served_on: 20270201 }, 'must be a string'],
			[{ served_on: addDays(today(), 1) }, 'The day the draft was served must be today or in the past'],
			[{ served_on: addDays(RECEIVED, -1) }, 'The day the draft was served must be the same as or after ' +
			    'the day the request for assessment was received'],
		];
		for (const [body, error] of cases) {
			const r = await api('POST', `/api/v1/assessments/${s.other.id}/plan/draft`, body);
			assert.equal(r.status, 400, JSON.stringify(body));
			assert.deepEqual(r.json, { error, field: 'served_on' }, JSON.stringify(body));
		}
		const u = await api('POST', `/api/v1/assessments/${s.other.id}/plan/draft`, { served_on: today(), x: 1 });
		assert.equal(u.status, 400);
		assert.equal(u.json.field, 'x');
		const n = await api('POST', `/api/v1/assessments/${s.noplan}/plan/draft`, { served_on: today() });
		assert.equal(n.status, 400);
		assert.equal(n.json.field, 'served_on');
		assert.equal(drafts(s.other.id), before);
		assert.equal(drafts(s.noplan), 0);
	});

	test('201 with the day served and the last day to comment', async () => {
		const served = addDays(today(), -2);
		const r = await api('POST', `/api/v1/assessments/${s.other.id}/plan/draft`, { served_on: served });
		assert.equal(r.status, 201, r.text);
		assert.deepEqual(r.json, { served_on: served, comments_due: addDays(served, 14) });
		assert.equal(psql(`SELECT comments_due FROM assessment_decisions WHERE assessment_id = ${s.other.id}
		    AND kind = 'draft_issued' ORDER BY id DESC LIMIT 1`), addDays(served, 14));
		assert.ok(audits('api_serve_draft_plan', 'assessment', s.other.id) >= 2);
	});
});

describe('one meaning of a draft\'s due date', () => {
	test('a draft recorded on the decisions page is due as one served here: received + 125', async () => {
		const decide = (decision, iso, outcome = '') => {
			const p = parts(iso);
			return postFrom(s.cw, `/assessments/${s.noplan}/decisions/new`, `/assessments/${s.noplan}/decisions`,
			    { decision, outcome, 'decided-day': p.day, 'decided-month': p.month, 'decided-year': p.year });
		};
		assert.equal((await decide('decision_to_assess', addDays(RECEIVED, 1), 'yes')).status, 303);
		assert.equal((await decide('plan_decision', addDays(RECEIVED, 2), 'yes')).status, 303);
		assert.equal((await decide('draft_issued', addDays(RECEIVED, 3))).status, 303);
		assert.equal(psql(`SELECT due_on FROM assessment_decisions WHERE assessment_id = ${s.noplan}
		    AND kind = 'draft_issued'`), addDays(RECEIVED, 125));
	});
});

describe('the demo data', () => {
	test('the demo parent finds a served draft of their child\'s plan with the window open', async () => {
		const amara = num(`SELECT id FROM assessments WHERE child_given_name = 'Amara'
		    AND child_family_name = 'Okafor' ORDER BY id LIMIT 1`);
		const page = await s.parent.get(`/assessments/${amara}/draft`);
		assert.equal(page.status, 200);
		assert.ok(textOf(page.text).includes('You have until'), 'the window is not open');
		const leo = num(`SELECT id FROM assessments WHERE child_given_name = 'Leo'
		    AND child_family_name = 'Brennan' ORDER BY id LIMIT 1`);
		assert.equal(psql(`SELECT status FROM plans WHERE assessment_id = ${leo}`), 'draft');
		assert.equal(psql(`SELECT status FROM plans WHERE assessment_id = ${amara}`), 'draft_issued');
	});
});
