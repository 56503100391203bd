// Issue 11, "Every journey reaches its end": schools answer educational
// advice through their SENCO as service lead; a request to an organisation
// nobody can receive is refused; parents see only what they may open (a
// crawl of their pages meets no 404) and read accepted advice; allocation
// is offered only where it can be done; service leads decline; the pages
// name the right adviser, drop the stray "Advice due", flag passed dates,
// confirm each action with a success banner, name the case and the kind in
// notifications, and write dates out ("Sunday 20 December 2026").
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { accountId, psql, signIn } from './lib.mjs';
import {
	TAG, addDays, allocate, api, audits, count, createAssessment, errorSummary, latestRequest, num,
	orgId, postAdvice, postFrom, psychologicalAdvice, requestAdvice, requestRow, summaryValue, textOf, timelineSteps, today,
} from './advice-lib.mjs';

const BROOKFIELD = 'Brookfield Primary School';
const RIVERSIDE = 'Riverside Special School';
const WORDS = /^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/;
const WEEKDAY_WORDS = /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ \d{4}/;

async function as(email) {
	return signIn(email);
}

/* A complete educational advice, with the declaration. */
function educationalAdvice(marker) {
	return [
		['f.setting', BROOKFIELD],
		['f.attainment', `Attainment ${marker}: working below age-related expectations.`],
		['f.support_so_far', `Support ${marker}: small-group phonics three times a week.`],
		['f.specialist_teacher', 'not_applicable'],
		['f.ci_needs', `Communication ${marker}: needs visual prompts.`],
		['f.cl_needs', `Learning ${marker}: reading age two years below.`],
		['f.semh_needs', `SEMH ${marker}: anxious at transitions.`],
		['f.sp_needs', `Sensory ${marker}: no concerns.`],
		['decl_name', 'Sian Cooper'], ['decl_role', 'SENCO'], ['decl_confirm', 'yes'],
	];
}

/* Follows a 303 and returns the page it leads to. */
async function follow(client, res) {
	assert.equal(res.status, 303, `expected a redirect, got ${res.status}: ${textOf(res.text).slice(0, 300)}`);
	const page = await client.get(res.location);
	assert.equal(page.status, 200, `GET ${res.location}`);
	return page;
}

function successBanner(html) {
	const m = /govuk-notification-banner--success[\s\S]*?<p class="govuk-notification-banner__heading">([\s\S]*?)<\/p>/.exec(html);
	return m ? textOf(m[1]).trim() : undefined;
}

describe('journeys (issue 11)', () => {
	let cw, senco, assessment, reference, request;

	before(async () => {
		cw = await as('caseworker@demo.test');
		senco = await as('senco@demo.test');
		const made = await createAssessment(cw, {
			given: 'Journey', family: `Child${TAG}`, received: addDays(today(), -60),
			parentEmail: 'parent@demo.test', parentName: 'Pat Rowe',
		});
		assessment = made.id;
		assert.ok(assessment, 'assessment created');
		reference = psql(`SELECT reference FROM assessments WHERE id = ${assessment}`);
		const page = await follow(cw, made.response);
		assert.equal(successBanner(page.text), 'The assessment was started');
	});

	test('a caseworker asks Brookfield Primary for educational advice and its SENCO submits it', async () => {
		const res = await requestAdvice(cw, assessment, {
			kind: 'educational', organisation: orgId(BROOKFIELD), requested: addDays(today(), -1),
		});
		const page = await follow(cw, res);
		assert.equal(successBanner(page.text), 'Educational advice was requested');
		request = latestRequest(assessment);
		assert.equal(requestRow(request).status, 'requested');

		// The SENCO is Brookfield's service lead: she sees the request and
		// allocates it to herself.
		const service = await senco.get('/service');
		assert.equal(service.status, 200);
		assert.ok(service.text.includes(`/requests/${request}`), 'the request is on the SENCO\'s list');
		const alloc = await allocate(senco, request, 'senco@demo.test');
		assert.equal(successBanner((await follow(senco, alloc)).text), 'The request was allocated');
		assert.equal(requestRow(request).professional_id, accountId('senco@demo.test'));

		// ... and writes and submits the advice.
		const form = await senco.get(`/requests/${request}`);
		assert.equal(form.status, 200);
		const sub = await postAdvice(senco, request, educationalAdvice(TAG), 'submit');
		assert.equal(sub.status, 303, textOf(sub.text).slice(0, 400));
		assert.equal(sub.location, `/requests/${request}?submitted=1`);
		assert.equal(successBanner((await senco.get(sub.location)).text),
		    'Your advice was submitted to the council');
		assert.equal(requestRow(request).status, 'submitted');

		// The caseworker's notification names the case and the kind, not the child.
		const note = psql(`SELECT message FROM notifications WHERE account_id =
		    ${accountId('caseworker@demo.test')} AND link = '/requests/${request}' ORDER BY id DESC LIMIT 1`);
		assert.equal(note, `Educational advice for ${reference} was submitted for your review`);
	});

	test('the caseworker accepts it (success banner); the SENCO is told with the case and kind', async () => {
		// The request page names the school asked, not the caseworker's council.
		const view = await cw.get(`/requests/${request}`);
		assert.equal(summaryValue(view.text, 'Asked of'), BROOKFIELD);
		// Amara's psychological advice is an EP's draft: no link to a version
		// the caseworker cannot open.
		const draft = num(`SELECT r.id FROM advice_requests r JOIN advice a ON a.request_id = r.id
		    WHERE a.status = 'draft' ORDER BY r.id LIMIT 1`);
		const other = await cw.get(`/requests/${draft}`);
		for (const m of other.text.matchAll(/href="(\/requests\/\d+\/versions\/\d+)"/g))
			assert.equal((await cw.get(m[1])).status, 200, `${m[1]} is a dead link`);
		assert.match(summaryValue(view.text, 'Due'), WEEKDAY_WORDS);
		const res = await postFrom(cw, `/requests/${request}`, `/requests/${request}/accept`, {});
		assert.equal(successBanner((await follow(cw, res)).text), 'The advice was accepted');
		const note = psql(`SELECT message FROM notifications WHERE account_id =
		    ${accountId('senco@demo.test')} AND link = '/requests/${request}' ORDER BY id DESC LIMIT 1`);
		assert.equal(note, `Your educational advice for ${reference} was accepted`);
	});

	test('a request to an organisation nobody can receive is refused by the field, nothing written', async () => {
		const before = count('advice_requests', `assessment_id = ${assessment}`);
		const res = await requestAdvice(cw, assessment, {
			kind: 'educational', organisation: orgId(RIVERSIDE), requested: today(),
		});
		assert.equal(res.status, 400);
		const errs = errorSummary(res.text);
		assert.ok(errs && errs.some((e) => e.href === '#organisation' && /nobody/i.test(e.message)),
		    JSON.stringify(errs));
		assert.match(res.text, /id="organisation-error"/);
		assert.equal(count('advice_requests', `assessment_id = ${assessment}`), before);
		// The API refuses it the same way, naming the field.
		const r = await api('POST', `/api/v1/assessments/${assessment}/advice-requests`, {
			type: 'educational', organisation: RIVERSIDE, requested_on: today(),
		});
		assert.equal(r.status, 400, r.text);
		assert.equal(r.json.field, 'organisation');
		assert.equal(count('advice_requests', `assessment_id = ${assessment}`), before);
	});

	test('the caseworker may name the professional; one of another organisation is refused', async () => {
		const before = count('advice_requests', `assessment_id = ${assessment}`);
		const bad = await postFrom(cw, `/assessments/${assessment}/requests/new`,
		    `/assessments/${assessment}/requests`, {
			kind: 'psychological', organisation: String(orgId('Demoshire Educational Psychology Service')),
			professional: String(accountId('health@demo.test')),
			'requested-day': String(Number(today().slice(8))), 'requested-month': String(Number(today().slice(5, 7))),
			'requested-year': today().slice(0, 4),
		});
		assert.equal(bad.status, 400);
		assert.ok(errorSummary(bad.text).some((e) => e.href === '#professional'), bad.text.slice(0, 200));
		assert.equal(count('advice_requests', `assessment_id = ${assessment}`), before);
		const form = await cw.get(`/assessments/${assessment}/requests/new`);
		assert.match(form.text, /<select[^>]*id="professional"/);
		const ok = await postFrom(cw, `/assessments/${assessment}/requests/new`,
		    `/assessments/${assessment}/requests`, {
			kind: 'psychological', organisation: String(orgId('Demoshire Educational Psychology Service')),
			professional: String(accountId('ep2@demo.test')),
			'requested-day': String(Number(today().slice(8))), 'requested-month': String(Number(today().slice(5, 7))),
			'requested-year': today().slice(0, 4),
		});
		assert.equal(ok.status, 303);
		const r = requestRow(latestRequest(assessment));
		assert.equal(r.status, 'allocated');
		assert.equal(r.professional_id, accountId('ep2@demo.test'));
	});

	test('allocation: offered only on open requests; nobody chosen is an error by the field', async () => {
		const lead = await as('eplead@demo.test');
		const open = latestRequest(assessment);
		// A submitted request of the service's own, not the demo's (whose
		// advice the demo plans accept).
		const cw = await as('caseworker@demo.test');
		const mine = (await createAssessment(cw, { given: 'Allocation', family: `Case${TAG}`,
		    received: addDays(today(), -10) })).id;
		assert.ok(mine, 'the assessment was not created');
		assert.equal((await requestAdvice(cw, mine, { requested: today() })).status, 303);
		const submitted = latestRequest(mine);
		assert.equal((await allocate(lead, submitted, 'ep@demo.test')).status, 303);
		const ep = await as('ep@demo.test');
		assert.equal((await postAdvice(ep, submitted, psychologicalAdvice(`alloc-${TAG}`), 'submit')).status, 303);
		assert.equal(requestRow(submitted).status, 'submitted');
		const page = await lead.get('/service');
		assert.ok(!page.text.includes(`action="/requests/${submitted}/allocate"`),
		    'no allocation form on a submitted request (service page)');
		const view = await lead.get(`/requests/${submitted}`);
		assert.ok(!view.text.includes(`action="/requests/${submitted}/allocate"`),
		    'no allocation form on a submitted request (request page)');
		const blank = await postFrom(lead, '/service', `/requests/${open}/allocate`, { professional: '' });
		assert.equal(blank.status, 400);
		assert.deepEqual(errorSummary(blank.text).map((e) => e.href), [`#professional-${open}`]);
		assert.match(blank.text, new RegExp(`id="professional-${open}-error"`));
		assert.equal(requestRow(open).professional_id, accountId('ep2@demo.test'));
		// From the request page: the error names that page's select.
		const onPage = await postFrom(lead, `/requests/${open}`, `/requests/${open}/allocate`,
		    { professional: '', from: 'request' });
		assert.equal(onPage.status, 400);
		assert.deepEqual(errorSummary(onPage.text).map((e) => e.href), ['#professional']);
		assert.match(onPage.text, /id="professional-error"/);
		// A submitted request cannot be allocated: refused, nothing changed.
		const before = requestRow(submitted);
		const late = await postFrom(lead, '/service', `/requests/${submitted}/allocate`,
		    { professional: String(accountId('ep2@demo.test')) });
		assert.equal(late.status, 409);
		assert.deepEqual(requestRow(submitted), before);
	});

	test('a service lead declines for the service with a reason; the caseworker is told at once', async () => {
		const res = await requestAdvice(cw, assessment, {
			kind: 'medical', organisation: orgId('Demoshire Community Health NHS Trust'), requested: today(),
		});
		assert.equal(res.status, 303);
		const id = latestRequest(assessment);
		const dco = await as('dco@demo.test');
		const page = await dco.get(`/requests/${id}`);
		assert.match(page.text, new RegExp(`action="/requests/${id}/decline"`));
		const empty = await postFrom(dco, `/requests/${id}`, `/requests/${id}/decline`, { decline_reason: '' });
		assert.equal(empty.status, 400);
		assert.ok(errorSummary(empty.text).some((e) => e.href === '#decline_reason'));
		assert.equal(requestRow(id).status, 'requested');
		const mails = count('outbox', `link LIKE '%/requests/${id}'`);
		const ok = await postFrom(dco, `/requests/${id}`, `/requests/${id}/decline`,
		    { decline_reason: 'The child is not known to the trust.' });
		assert.equal(ok.status, 303);
		assert.equal(requestRow(id).status, 'declined');
		assert.equal(count('outbox', `link LIKE '%/requests/${id}'`), mails + 1);
		assert.equal(count('notifications', `account_id = ${accountId('caseworker@demo.test')}
		    AND link = '/requests/${id}'`), 1);
		assert.equal(audits('decline_request', 'advice_request', id), 1);
	});

	test('the assessment page: no "Advice due", each request its own due date, dates in words, passed dates flagged', async () => {
		const page = await cw.get(`/assessments/${assessment}`);
		assert.equal(page.status, 200);
		assert.equal(summaryValue(page.text, 'Advice due'), undefined);
		assert.match(summaryValue(page.text, 'Request for assessment received'), WORDS);
		const decision = summaryValue(page.text, 'Decide whether to assess');
		assert.match(decision, WEEKDAY_WORDS);
		assert.match(decision, /Overdue by 18 days/);
		assert.doesNotMatch(textOf(page.text), /\d{4}-\d{2}-\d{2}/, 'no ISO date on the page');
		const service = await senco.get('/service');
		assert.doesNotMatch(textOf(service.text), /\d{4}-\d{2}-\d{2}/, 'no ISO date on the service page');
	});

	test('the parent\'s views: asked by mail (reference, never the child) and notification; "Give your views" at home', async () => {
		const res = await requestAdvice(cw, assessment, { kind: 'parent', requested: today() });
		assert.equal(res.status, 303, textOf(res.text).slice(0, 300));
		const id = latestRequest(assessment);
		const mail = psql(`SELECT subject || '|' || body FROM outbox WHERE to_address = 'parent@demo.test'
		    AND link LIKE '%/requests/${id}' ORDER BY id DESC LIMIT 1`);
		assert.ok(mail.includes(reference), mail);
		assert.ok(!mail.includes('Journey'), 'the mail does not name the child');
		assert.equal(count('notifications', `account_id = ${accountId('parent@demo.test')}
		    AND link = '/requests/${id}'`), 1);
		const parent = await as('parent@demo.test');
		const home = await parent.get('/parent');
		assert.match(home.text, new RegExp(`<a class="govuk-link" href="/requests/${id}">Give your views`));
		// The caseworker's page says who was asked: the parent, not the council.
		const view = await cw.get(`/requests/${id}`);
		assert.equal(summaryValue(view.text, 'Asked of'), 'Pat Rowe (parent or carer)');
	});

	test('a parent clicks every link on their pages and meets no 404; accepted advice is readable and audited', async () => {
		const parent = await as('parent@demo.test');
		const seen = new Set();
		const queue = ['/parent'];
		const bad = [];
		while (queue.length > 0 && seen.size < 200) {
			const p = queue.shift();
			if (seen.has(p))
				continue;
			seen.add(p);
			const r = await parent.get(p);
			if (r.status >= 400)
				bad.push(`${p} → ${r.status}`);
			if (r.status !== 200 || !/text\/html/.test(r.headers.get('content-type') || ''))
				continue;
			for (const m of r.text.matchAll(/<a [^>]*href="([^"#]+)"/g)) {
				const href = m[1].replace(/&amp;/g, '&');
				if (href.startsWith('/') && !href.startsWith('/assets/') && !seen.has(href))
					queue.push(href);
			}
		}
		assert.deepEqual(bad, []);
		assert.ok(seen.has(`/requests/${request}`), 'the accepted educational advice is linked');
		assert.ok(audits('view_request', 'advice_request', request) >= 1);
		const page = await parent.get(`/assessments/${assessment}`);
		assert.doesNotMatch(textOf(page.text), /\breg(ulation)? \d/i, 'no regulation numbers for parents');
		// The timeline says what happens next, and the accepted advice is read from its own step.
		const steps = timelineSteps(page.text);
		assert.ok(steps.length >= 6, `the timeline has ${steps.length} steps`);
		assert.ok(steps.some((st) => st.html.includes(`href="/requests/${request}">Read the advice`)),
		    'the accepted advice is not linked from its step');
		assert.match(steps.find((st) => st.title === 'Final plan').text, /the final plan is due within 20 weeks/);
		assert.doesNotMatch(textOf(page.text), /What happens next|Decisions so far|Advice about/);
		// Advice not accepted is not theirs to open.
		const open = latestRequest(assessment) - 1;
		assert.equal((await parent.get(`/requests/${open}`)).status, 404);
	});
});
