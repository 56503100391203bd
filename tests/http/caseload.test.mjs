// Caseworkers and managers find a child by name, reference, NHS number
// or date of birth (issue 11): only their own council's children (a
// caseworker: their own caseload), every search audited. The caseload
// pages (25 a page, GOV.UK pagination) and sorts; overdue advice first.
// The search is posted (CSRF token) and so is paging through its results:
// nothing typed in the box ever reaches a URL (history, proxy logs).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { TESTSHIRE, TESTSHIRE_PASSWORD, accountId, clearAttempts, decodeHtml, lit, psql, signIn } from './lib.mjs';
import { TAG, ctl, ensureTestshireCaseworker, errorSummary, num, orgId, textOf } from './advice-lib.mjs';

const FAMILY = `Quillfeather${TAG}`;
const NHS = '9434765919';
const PAGER = `pager-${TAG}@example.com`;
let mine, colleagues, theirs, cw, manager, pager;

function assessment(council, caseworker, ref, given, family, dob, nhs = '', received = 'current_date - 10') {
	return num(`INSERT INTO assessments (council_id, reference, child_given_name, child_family_name,
	    date_of_birth, nhs_number, request_received, caseworker_id) VALUES (${council}, ${lit(ref)},
	    ${lit(given)}, ${lit(family)}, ${lit(dob)}, ${lit(nhs)}, ${received}, ${caseworker}) RETURNING id`);
}

/* Posts the caseload's search form of path with fields (q, sort, page). */
async function search(client, path, fields) {
	const csrf = await client.csrfFrom(path);
	return client.post(path, { csrf, ...fields });
}

/* The references listed on a caseload page, in order. */
const refs = (html) => [...html.matchAll(/<a class="govuk-link" href="\/assessments\/\d+">([^<]*)<\/a>/g)].map((m) => m[1]);

before(async () => {
	clearAttempts();
	const demo = orgId('Demoshire County Council');
	const tcw = accountId(ensureTestshireCaseworker());
	mine = assessment(demo, accountId('caseworker@demo.test'), `SRCH-${TAG}-A`, 'Ottilie', FAMILY, '2015-07-14', NHS);
	colleagues = assessment(demo, accountId('manager@demo.test'), `SRCH-${TAG}-B`, 'Bram', FAMILY, '2015-07-14', NHS);
	theirs = assessment(orgId(TESTSHIRE), tcw, `SRCH-${TAG}-T`, 'Ottilie', FAMILY, '2015-07-14', NHS);
	cw = await signIn('caseworker@demo.test');
	manager = await signIn('manager@demo.test');
	// A caseworker with 30 assessments: two with overdue advice, received last
	// (due over a year ago: beyond the chase horizon, so the chase tests'
	// passes never mail about these fixtures).
	const r = ctl(['create-account', PAGER, 'caseworker', 'Demoshire County Council', 'Pia Pager'], `${TESTSHIRE_PASSWORD}\n`);
	assert.equal(r.status, 0, r.stderr);
	const p = accountId(PAGER);
	for (let i = 1; i <= 30; i++)
		assessment(demo, p, `PAGE-${TAG}-${String(i).padStart(2, '0')}`, `Kid${i}`,
		    `Fam${String(31 - i).padStart(2, '0')}${TAG}`, '2016-01-01', '', `current_date - ${60 - i}`);
	const tpl = psql(`SELECT template_id || '|' || template_version FROM advice_requests
	    WHERE kind = 'psychological' ORDER BY id LIMIT 1`).split('|');
	for (const n of ['29', '30'])
		psql(`INSERT INTO advice_requests (assessment_id, kind, organisation_id, template_id,
		    template_version, question, requested_on, due_on, status, created_by)
		    SELECT id, 'psychological', ${orgId('Demoshire Educational Psychology Service')},
		    ${lit(tpl[0])}, ${tpl[1]}, 'Paging fixture', current_date - 442, current_date - 400,
		    'requested', ${p} FROM assessments WHERE reference = ${lit(`PAGE-${TAG}-${n}`)}`);
	pager = await signIn(PAGER, TESTSHIRE_PASSWORD);
});

describe('finding a child', () => {
	const searches = [
		['part of the name, any case', FAMILY.slice(0, 8).toLowerCase() + FAMILY.slice(8)],
		['given and family name', `ottilie ${FAMILY}`],
		['the reference', `SRCH-${TAG}-A`],
		['the NHS number, with spaces', '943 476 5919'],
		['the date of birth, day first', '14/7/2015'],
		['the date of birth, ISO', '2015-07-14'],
	];
	for (const [what, q] of searches) {
		test(`a caseworker finds their own child by ${what}, never another caseload's or council's`, async () => {
			const r = await search(cw, '/caseworker', { q });
			assert.equal(r.status, 200);
			const found = refs(r.text);
			assert.ok(found.includes(`SRCH-${TAG}-A`), `${q}: ${found}`);
			assert.ok(!found.includes(`SRCH-${TAG}-B`), 'a colleague\'s case');
			assert.ok(!found.includes(`SRCH-${TAG}-T`), 'another council\'s case');
			if (what !== 'the date of birth, day first' && what !== 'the date of birth, ISO' && !what.startsWith('the NHS'))
				assert.deepEqual(found, [`SRCH-${TAG}-A`]);
			assert.equal(decodeHtml(/id="q"[^>]*value="([^"]*)"/.exec(r.text)[1]), q.trim());
		});
	}

	test('a manager finds every child of the council by NHS number, never another council\'s', async () => {
		const r = await search(manager, '/manager', { q: NHS });
		const found = refs(r.text);
		assert.ok(found.includes(`SRCH-${TAG}-A`) && found.includes(`SRCH-${TAG}-B`), String(found));
		assert.ok(!found.includes(`SRCH-${TAG}-T`));
		assert.match(textOf(r.text), /Assessments matching your search/);
	});

	test('another council\'s caseworker finds only their own', async () => {
		const t = await signIn(ensureTestshireCaseworker(), TESTSHIRE_PASSWORD);
		const found = refs((await search(t, '/caseworker', { q: FAMILY })).text);
		assert.deepEqual(found, [`SRCH-${TAG}-T`]);
	});

	test('nothing found says so; % and _ are letters, not wildcards', async () => {
		for (const q of ['%', '_', `nobody-${TAG}`]) {
			const r = await search(manager, '/manager', { q });
			assert.equal(r.status, 200);
			assert.deepEqual(refs(r.text), [], q);
			assert.match(textOf(r.text), /No assessment matches your search/);
		}
	});

	test('every search is audited for the searcher, without the words searched', async () => {
		const who = accountId('caseworker@demo.test');
		const rows = () => num(`SELECT count(*) FROM audit_log WHERE account_id = ${who}
		    AND action = 'view_caseload_search'`);
		const before = rows();
		await search(cw, '/caseworker', { q: FAMILY });
		assert.equal(rows(), before + 1);
		assert.equal(num(`SELECT count(*) FROM audit_log WHERE detail LIKE ${lit(`%${FAMILY}%`)}`), 0);
	});

	test('a search typed into a URL (GET ?q=) is not searched: the plain caseload, the words ignored', async () => {
		const who = accountId('caseworker@demo.test');
		const searches = () => num(`SELECT count(*) FROM audit_log WHERE account_id = ${who}
		    AND action = 'view_caseload_search'`);
		const before = searches();
		const r = await cw.get(`/caseworker?q=${FAMILY}`);
		assert.equal(r.status, 200);
		assert.equal(searches(), before, 'audited as a search');
		assert.doesNotMatch(textOf(r.text), /Assessments matching your search/);
		assert.equal(/id="q"[^>]*value="([^"]*)"/.exec(r.text)[1], '');
		assert.deepEqual(refs(r.text), refs((await cw.get('/caseworker')).text));
		// The form posts, with the CSRF token.
		const form = /<form method="([^"]*)" action="\/caseworker" role="search"[^>]*>([\s\S]*?)<\/form>/.exec(r.text);
		assert.ok(form, 'no search form');
		assert.equal(form[1], 'post');
		assert.match(form[2], /<input type="hidden" name="csrf" value="[^"]+">/);
	});

	test('an empty search is the plain caseload', async () => {
		const r = await search(manager, '/manager', { q: '' });
		assert.equal(r.status, 200);
		assert.doesNotMatch(textOf(r.text), /Assessments matching your search/);
		assert.deepEqual(refs(r.text), refs((await manager.get('/manager')).text));
	});

	test('a search over 100 characters is refused with the error by the box', async () => {
		const r = await search(cw, '/caseworker', { q: 'a'.repeat(101) });
		assert.equal(r.status, 400);
		assert.deepEqual(errorSummary(r.text).map((e) => e.href), ['#q']);
		assert.match(r.text, /id="q-error"/);
	});
});

describe('the caseload a page at a time', () => {
	test('25 a page, overdue advice first, with GOV.UK pagination', async () => {
		const p1 = await pager.get('/caseworker');
		assert.equal(p1.status, 200);
		const first = refs(p1.text);
		assert.equal(first.length, 25);
		assert.deepEqual(first.slice(0, 2), [`PAGE-${TAG}-29`, `PAGE-${TAG}-30`], 'overdue advice first');
		assert.match(p1.text, /2 overdue|1 overdue/);
		assert.match(textOf(p1.text), /Showing 1 to 25 of 30 assessments/);
		assert.match(p1.text, /<nav class="govuk-pagination" aria-label="Pagination">/);
		const p2 = await pager.get('/caseworker?sort=due&page=2');
		assert.equal(refs(p2.text).length, 5);
		assert.match(textOf(p2.text), /Showing 26 to 30 of 30 assessments/);
		assert.deepEqual([...first, ...refs(p2.text)].sort(), Array.from({ length: 30 },
		    (_, i) => `PAGE-${TAG}-${String(i + 1).padStart(2, '0')}`).sort(), 'a row lost or repeated between pages');
		assert.match(decodeHtml(p2.text), /href="\/caseworker\?sort=due&page=1" rel="prev"/);
	});

	test('sorted by reference or by the child\'s family name; the pages keep the sort and the search', async () => {
		const byRef = refs((await pager.get('/caseworker?sort=reference')).text);
		assert.deepEqual(byRef, [...byRef].sort());
		assert.equal(byRef[0], `PAGE-${TAG}-01`);
		const byName = await pager.get('/caseworker?sort=name');
		assert.equal(refs(byName.text)[0], `PAGE-${TAG}-30`, 'Fam01 is assessment 30');
		assert.match(byName.text, /<option value="name" selected>/);
		const searched = await search(pager, '/caseworker', { sort: 'name', q: 'kid' });
		assert.equal(searched.status, 200);
		assert.equal(refs(searched.text).length, 25);
		assert.match(textOf(searched.text), /Showing 1 to 25 of 30 assessments/);
		const html = decodeHtml(searched.text);
		// The next page is a posted form carrying the search, never a link.
		assert.doesNotMatch(html, /href="[^"]*[?&]q=/, 'the search in a link');
		assert.match(html, /<input type="hidden" name="q" value="kid">/);
		assert.match(html, /<input type="hidden" name="sort" value="name">/);
		assert.match(html, /<button[^>]*name="page" value="2"[^>]*>/);
		const p2 = await search(pager, '/caseworker', { sort: 'name', q: 'kid', page: '2' });
		assert.equal(p2.status, 200);
		assert.equal(refs(p2.text).length, 5);
		assert.match(textOf(p2.text), /Showing 26 to 30 of 30 assessments/);
		assert.deepEqual([...refs(searched.text), ...refs(p2.text)], refs((await pager.get('/caseworker?sort=name')).text)
		    .concat(refs((await pager.get('/caseworker?sort=name&page=2')).text)), 'search pages in the sort asked for');
		assert.match(html, /Assessments matching your search/);
	});

	test('a page past the end shows the last; a bad page number the first', async () => {
		assert.equal(refs((await pager.get('/caseworker?page=99')).text).length, 5);
		assert.equal(refs((await pager.get('/caseworker?page=-1')).text).length, 25);
		assert.equal(refs((await pager.get('/caseworker?sort=nonsense')).text).length, 25);
	});
});

describe('the inbox and the service\'s list a page at a time', () => {
	const PRO = `pager-ep-${TAG}@example.com`;
	let pro;
	const requestLinks = (html) => [...new Set([...html.matchAll(/href="\/requests\/(\d+)"/g)].map((m) => m[1]))];

	before(async () => {
		// Submitted: listed, and never chased (the chase tests' passes run later).
		const r = ctl(['create-account', PRO, 'professional', 'Demoshire Educational Psychology Service', 'Pip Pager'],
		    `${TESTSHIRE_PASSWORD}\n`);
		assert.equal(r.status, 0, r.stderr);
		const tpl = psql(`SELECT template_id || '|' || template_version FROM advice_requests
		    WHERE kind = 'psychological' ORDER BY id LIMIT 1`).split('|');
		psql(`INSERT INTO advice_requests (assessment_id, kind, organisation_id, professional_id, template_id,
		    template_version, question, requested_on, due_on, status, created_by)
		    SELECT a.id, 'psychological', ${orgId('Demoshire Educational Psychology Service')},
		    ${accountId(PRO)}, ${lit(tpl[0])}, ${tpl[1]}, 'Paging fixture',
		    current_date - right(a.reference, 2)::int, current_date + 42 - right(a.reference, 2)::int,
		    'submitted', a.caseworker_id
		    FROM assessments a WHERE a.reference LIKE ${lit(`PAGE-${TAG}-%`)}`);
		pro = await signIn(PRO, TESTSHIRE_PASSWORD);
	});

	test('a professional\'s inbox: 25 a page, soonest due first, sortable by reference', async () => {
		const p1 = await pro.get('/inbox');
		assert.equal(p1.status, 200);
		assert.equal(requestLinks(p1.text).length, 25);
		assert.match(textOf(p1.text), /Showing 1 to 25 of 30 requests/);
		assert.match(textOf(p1.text), new RegExp(`PAGE-${TAG}-30`), 'the soonest due is not on page 1');
		const p2 = await pro.get('/inbox?page=2');
		assert.equal(requestLinks(p2.text).length, 5);
		assert.match(textOf(p2.text), /Showing 26 to 30 of 30 requests/);
		const byRef = await pro.get('/inbox?sort=reference');
		const shown = [...textOf(byRef.text).matchAll(new RegExp(`PAGE-${TAG}-(\\d\\d)`, 'g'))].map((m) => m[1]);
		assert.deepEqual(shown, [...shown].sort());
		assert.equal(shown[0], '01');
		assert.match(decodeHtml(byRef.text), /href="\/inbox\?sort=reference&page=2"/);
		assert.match(byRef.text, /aria-current="true">Reference</);
	});

	test('a service lead\'s list of requests pages too', async () => {
		const lead = await signIn('eplead@demo.test');
		const total = num(`SELECT count(*) FROM advice_requests WHERE organisation_id =
		    ${orgId('Demoshire Educational Psychology Service')} AND status <> 'withdrawn'`);
		assert.ok(total > 25);
		const p1 = await lead.get('/service');
		assert.equal(p1.status, 200);
		assert.equal(requestLinks(p1.text).length, 25);
		assert.match(textOf(p1.text), new RegExp(`Showing 1 to 25 of ${total} requests`));
		const last = await lead.get(`/service?page=${Math.ceil(total / 25)}`);
		assert.equal(requestLinks(last.text).length, total - 25 * (Math.ceil(total / 25) - 1));
	});
});
