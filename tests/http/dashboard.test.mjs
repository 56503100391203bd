// The service dashboard and the monthly 20-week compliance table (issue 13):
// every figure on a small dataset of a council of its own (Figureshire),
// worked out by hand below; the page's monthly table and `portalctl report
// compliance` agree; bad ranges are refused by their field with nothing
// shown; CSV cells a spreadsheet would run are neutralised; another council
// never sees these figures; showing the open cases is audited.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { Client, clearAttempts, decodeHtml, lit, portalctl, psql, signIn } from './lib.mjs';
import { errorSummary } from './advice-lib.mjs';

const COUNCIL = 'Figureshire County Council';
const MANAGER = 'manager@figures.test';
const PASSWORD = 'figures-password-2026';
const RANGE = 'from=2025-01-01&to=2025-12-31';
const s = {};

/*
 * The cases, with the day number of each date after the request (worked out
 * by hand; 2025 is not a leap year):
 *   FIG-1 received 6 Jan 2025: decision yes 10 Feb (day 35, on time), plan
 *         decision 21 Apr (day 105, on time), final 26 May (day 140: within)
 *   FIG-2 received 6 Jan: decision yes 18 Feb (day 43, late), plan decision
 *         5 May (day 119, late), final 27 May (day 141: not within)
 *   FIG-3 received 3 Feb: decision yes 3 Mar (day 28), final 1 Sep (day 210),
 *         an exception recorded
 *   FIG-4 received 3 Mar: decision no 7 Apr (day 35), closed then
 *   FIG-5 received 2 Jun: decision yes 7 Jul (day 35); open on 31 Dec, day 212
 *   FIG-6 received 6 Oct: no decision; open on 31 Dec, day 86
 *   FIG-7 received 3 Jun 2024, final 21 Oct 2024 (day 140): before the range
 * Advice (due = requested + 42):
 *   FIG-1 psychological (Figureshire EP Service) 10 Feb, due 24 Mar, in 24 Mar: within
 *   FIG-1 medical (Figureshire NHS Trust) 10 Feb, due 24 Mar, in 25 Mar: late
 *   FIG-2 psychological (EP Service) 18 Feb, due 1 Apr, not in: late
 *   FIG-5 educational (=SUM(1) Academy) 7 Jul, due 18 Aug, in 1 Aug: within
 *   FIG-5 parent's advice: not counted
 */
const CASES = [
	['FIG-1', '2025-01-06', [['decision_to_assess', 'yes', '2025-02-10', '2025-02-17'],
	    ['plan_decision', 'yes', '2025-04-21', '2025-04-28'], ['final_issued', null, '2025-05-26', '2025-05-26']]],
	['FIG-2', '2025-01-06', [['decision_to_assess', 'yes', '2025-02-18', '2025-02-17'],
	    ['plan_decision', 'yes', '2025-05-05', '2025-04-28'], ['final_issued', null, '2025-05-27', '2025-05-26']]],
	['FIG-3', '2025-02-03', [['decision_to_assess', 'yes', '2025-03-03', '2025-03-17'],
	    ['final_issued', null, '2025-09-01', '2025-06-23']]],
	['FIG-4', '2025-03-03', [['decision_to_assess', 'no', '2025-04-07', '2025-04-14']]],
	['FIG-5', '2025-06-02', [['decision_to_assess', 'yes', '2025-07-07', '2025-07-14']]],
	['FIG-6', '2025-10-06', []],
	['FIG-7', '2024-06-03', [['final_issued', null, '2024-10-21', '2024-10-21']]],
];

function seed() {
	const ctl = (args, input) => {
		const r = portalctl(args, input);
		assert.ok(r.status === 0 || /exists/.test(r.stderr), `portalctl ${args[0]}: ${r.stderr}`);
	};
	ctl(['create-org', 'local_authority', COUNCIL]);
	ctl(['create-org', 'ep_service', 'Figureshire EP Service', COUNCIL]);
	ctl(['create-org', 'nhs_body', 'Figureshire NHS Trust', COUNCIL]);
	ctl(['create-org', 'school', '=SUM(1) Academy', COUNCIL]);
	ctl(['create-account', MANAGER, 'manager', COUNCIL, 'Fran Figures'], `${PASSWORD}\n`);
	ctl(['create-account', 'caseworker@figures.test', 'caseworker', COUNCIL, '@Cas Worker'], `${PASSWORD}\n`);
	if (psql("SELECT count(*) FROM assessments WHERE reference LIKE 'FIG-%'") !== '0')
		return;
	const org = (name) => `(SELECT id FROM organisations WHERE name = ${lit(name)})`;
	const cw = "(SELECT id FROM accounts WHERE email = 'caseworker@figures.test')";
	const id = (ref) => `(SELECT id FROM assessments WHERE reference = ${lit(ref)})`;
	const sql = [];
	for (const [ref, received, decisions] of CASES) {
		sql.push(`INSERT INTO assessments (council_id, reference, child_given_name, child_family_name,
		    date_of_birth, request_received, caseworker_id) VALUES (${org(COUNCIL)}, ${lit(ref)}, 'Fig',
		    'Ures', '2015-01-01', ${lit(received)}, ${cw})`);
		for (const [kind, outcome, on, due] of decisions)
			sql.push(`INSERT INTO assessment_decisions (council_id, assessment_id, kind, outcome, decided_on,
			    due_on, plan_version, recorded_by) VALUES (${org(COUNCIL)}, ${id(ref)}, ${lit(kind)},
			    ${outcome ? lit(outcome) : 'NULL'}, ${lit(on)}, ${lit(due)},
			    ${kind === 'final_issued' ? 1 : 'NULL'}, ${cw})`);
	}
	sql.push(`UPDATE assessments SET closed_on = '2025-04-07' WHERE reference = 'FIG-4'`);
	sql.push(`INSERT INTO exceptions (assessment_id, kind, starts_on, ends_on, reason, recorded_by)
	    VALUES (${id('FIG-3')}, 'absence', '2025-04-01', '2025-05-30', 'Away', ${cw})`);
	const advice = [
		['FIG-1', 'psychological', 'Figureshire EP Service', '2025-02-10', '2025-03-24'],
		['FIG-1', 'medical', 'Figureshire NHS Trust', '2025-02-10', '2025-03-25'],
		['FIG-2', 'psychological', 'Figureshire EP Service', '2025-02-18', null],
		['FIG-5', 'educational', '=SUM(1) Academy', '2025-07-07', '2025-08-01'],
		['FIG-5', 'parent', COUNCIL, '2025-07-07', '2025-07-08'],
	];
	for (const [ref, kind, service, requested, received] of advice) {
		sql.push(`WITH r AS (INSERT INTO advice_requests (assessment_id, kind, organisation_id, template_id,
		    template_version, requested_on, due_on, status, created_by) VALUES (${id(ref)}, ${lit(kind)},
		    ${org(service)}, ${lit(kind)}, 1, ${lit(requested)}, ${lit(requested)}::date + 42,
		    ${received ? "'accepted'" : "'requested'"}, ${cw}) RETURNING id)
		    INSERT INTO advice (request_id, version, template_id, template_version, status, author_id,
		    submitted_at) SELECT r.id, 1, ${lit(kind)}, 1, ${received ? "'accepted'" : "'draft'"}, ${cw},
		    ${received ? `(${lit(received)} || ' 10:00')::timestamp AT TIME ZONE 'Europe/London'` : 'NULL'}
		    FROM r`);
	}
	psql(`BEGIN; ${sql.join(';\n')}; COMMIT`);
}

/* The rows of table id: arrays of cell texts, header cell first. */
function rowsOf(html, id) {
	const t = new RegExp(`<table[^>]*id="${id}"[\\s\\S]*?<tbody[^>]*>([\\s\\S]*?)</tbody>`).exec(html);
	assert.ok(t, `no table #${id}`);
	return [...t[1].matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) =>
		[...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) =>
			decodeHtml(c[1].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim()));
}

const csvRows = (text) => text.trim().split('\r\n').map((l) => l.split(','));

before(async () => {
	clearAttempts();
	seed();
	s.m = new Client();
	const r = await s.m.trySignIn(MANAGER, PASSWORD);
	assert.equal(r.status, 303, `sign-in as ${MANAGER}`);
	s.demo = await signIn('manager@demo.test');
});

describe('the service dashboard', () => {
	test('every figure of the hand-worked dataset', async () => {
		const r = await s.m.get(`/manager/dashboard?${RANGE}`);
		assert.equal(r.status, 200);
		const rows = Object.fromEntries(rowsOf(r.text, 'summary').map((x) => [x[0], x.slice(1)]));
		assert.deepEqual(rows['New requests for assessment'], ['6', '']);
		assert.deepEqual(rows['Decisions whether to assess made (on time: by week 6)'], ['5', '80.0% (4 of 5)']);
		assert.deepEqual(rows['Decisions to assess'], ['4', '']);
		assert.deepEqual(rows['Decisions whether to issue a plan (on time: by week 16)'], ['2', '50.0% (1 of 2)']);
		// Day 140 is within, day 141 is not, day 210 is not.
		assert.deepEqual(rows['Plans issued, within 20 weeks including exceptions'], ['3', '33.3% (1 of 3)']);
		assert.deepEqual(rows['Plans issued, within 20 weeks excluding exceptions'], ['2', '50.0% (1 of 2)']);
		// (140 + 141 + 210) / 3 / 7 = 23.38
		assert.deepEqual(rows['Average weeks to issue a plan'], ['23.4', '']);
		assert.deepEqual(rows['Open cases at the end of the range'], ['2', '']);
		assert.deepEqual(rows['Open cases over 20 weeks (% of open cases)'], ['1', '50.0% (of 2)']);

		const kinds = Object.fromEntries(rowsOf(r.text, 'chart_kinds-table').map((x) => [x[0], x.slice(1)]));
		assert.deepEqual(kinds.Psychological, ['2', '1', '50.0%', 'Not met']);
		assert.deepEqual(kinds.Medical, ['1', '0', '0.0%', 'Not met']);
		assert.deepEqual(kinds.Educational, ['1', '1', '100.0%', 'Met']);
		assert.deepEqual(kinds['Social care'], ['0', '0', '–', 'Not met']);
		const services = rowsOf(r.text, 'chart_services-table');
		assert.deepEqual(services, [
			['=SUM(1) Academy', '1', '1', '100.0%', 'Met'],
			['Figureshire EP Service', '2', '1', '50.0%', 'Not met'],
			['Figureshire NHS Trust', '1', '0', '0.0%', 'Not met'],
		]);
		const open = rowsOf(r.text, 'open');
		assert.deepEqual(open, [['FIG-5', '2 June 2025', '30', '@Cas Worker']]);
		assert.match(r.text, new RegExp(`href="/assessments/${psql("SELECT id FROM assessments WHERE reference = 'FIG-5'")}"`));
		// The charts: SVG images with a title and a description.
		assert.equal((r.text.match(/<svg class="app-chart" role="img" aria-labelledby="[^"]+-title [^"]+-desc"/g) || []).length, 3);
	});

	test('the range is typed in GOV.UK date inputs and kept on the page', async () => {
		const r = await s.m.get('/manager/dashboard?from-day=1&from-month=1&from-year=2025&to-day=31&to-month=12&to-year=2025');
		assert.equal(r.status, 200);
		assert.match(r.text, /id="from-day" name="from-day" type="text" inputmode="numeric" value="1"/);
		assert.match(r.text, /Figures from 1 January 2025 to 31 December 2025/);
		const rows = Object.fromEntries(rowsOf(r.text, 'summary').map((x) => [x[0], x.slice(1)]));
		assert.deepEqual(rows['New requests for assessment'], ['6', '']);
	});

	test('a range with no cases shows the empty state', async () => {
		const r = await s.m.get('/manager/dashboard?from=2020-01-01&to=2020-12-31');
		assert.equal(r.status, 200);
		assert.match(r.text, /There were no requests, decisions, plans, open cases or advice due in this range/);
		assert.match(r.text, /No case was open for more than 20 weeks/);
	});

	for (const [what, q, field, message] of [
		['an impossible start date', 'from-day=31&from-month=2&from-year=2025&to-day=1&to-month=3&to-year=2025',
		    'from-day', 'The start date must be a real date, like 1 4 2026'],
		['an impossible end date', 'from=2025-01-01&to-day=0&to-month=3&to-year=2025',
		    'to-day', 'The end date must be a real date, like 1 4 2026'],
		['a start after the end', 'from=2025-06-01&to=2025-05-31',
		    'from-day', 'The start date must be the same as or before the end date'],
		['an end in the future', 'from=2025-06-01&to=2199-01-01',
		    'to-day', 'The end date must be today or in the past'],
		['a date that is not a date', 'from=yesterday&to=2025-05-31',
		    'from-day', 'The start date must be a real date, like 1 4 2026'],
	]) {
		test(`${what} is refused by its field, with no figures`, async () => {
			const r = await s.m.get(`/manager/dashboard?${q}`);
			assert.equal(r.status, 400);
			assert.deepEqual(errorSummary(r.text), [{ href: `#${field}`, message }]);
			assert.match(r.text, new RegExp(`<p id="${field.split('-')[0]}-error" class="govuk-error-message">\\s*<span class="govuk-visually-hidden">Error:</span> ${message}`));
			assert.doesNotMatch(r.text, /id="summary"/);
			const csv = await s.m.get(`/manager/dashboard.csv?table=summary&${q}`);
			assert.equal(csv.status, 400);
			assert.match(csv.text, /The date range is not valid/);
		});
	}

	test('every table downloads as CSV, cells a spreadsheet would run neutralised', async () => {
		const sum = await s.m.get(`/manager/dashboard.csv?table=summary&${RANGE}`);
		assert.equal(sum.status, 200);
		assert.match(sum.headers.get('content-type'), /^text\/csv/);
		assert.equal(sum.headers.get('content-disposition'),
		    'attachment; filename="summary-2025-01-01-to-2025-12-31.csv"');
		assert.ok(sum.text.startsWith('figure,value,within_time_limit,percent_within\r\n'));
		assert.match(sum.text, /\r\n"Plans issued, within 20 weeks including exceptions",3,1,33\.3\r\n/);
		assert.match(sum.text, /\r\nAverage weeks to issue a plan,23\.4,,\r\n/);

		const services = await s.m.get(`/manager/dashboard.csv?table=advice-services&${RANGE}`);
		assert.deepEqual(csvRows(services.text), [
			['service', 'advice_due', 'within_6_weeks', 'percent_within'],
			['\'=SUM(1) Academy', '1', '1', '100.0'],
			['Figureshire EP Service', '2', '1', '50.0'],
			['Figureshire NHS Trust', '1', '0', '0.0'],
		]);
		const kinds = await s.m.get(`/manager/dashboard.csv?table=advice-kinds&${RANGE}`);
		assert.deepEqual(csvRows(kinds.text)[3], ['psychological', '2', '1', '50.0']);

		const before = psql(`SELECT count(*) FROM audit_log WHERE action = 'download_dashboard'
		    AND account_id = (SELECT id FROM accounts WHERE email = ${lit(MANAGER)})`);
		const open = await s.m.get(`/manager/dashboard.csv?table=open&${RANGE}`);
		assert.deepEqual(csvRows(open.text), [
			['reference', 'request_received', 'weeks_open', 'caseworker'],
			['FIG-5', '2025-06-02', '30', '\'@Cas Worker'],
		]);
		assert.equal(Number(psql(`SELECT count(*) FROM audit_log WHERE action = 'download_dashboard'
		    AND account_id = (SELECT id FROM accounts WHERE email = ${lit(MANAGER)})`)), Number(before) + 1);

		const bad = await s.m.get(`/manager/dashboard.csv?table=everything&${RANGE}`);
		assert.equal(bad.status, 400);
		assert.match(bad.text, /Choose a table/);
	});

	test('showing the open cases is audited as a view of children\'s data', async () => {
		const q = `SELECT count(*) FROM audit_log WHERE action = 'view_dashboard' AND object_type = 'council'
		    AND object_id = (SELECT id FROM organisations WHERE name = ${lit(COUNCIL)})`;
		const before = Number(psql(q));
		assert.equal((await s.m.get(`/manager/dashboard?${RANGE}`)).status, 200);
		assert.equal(Number(psql(q)), before + 1);
	});

	test('a new decision shows at once (no stale figures)', async () => {
		const first = await s.m.get('/manager/dashboard?from=2025-10-01&to=2025-12-31');
		assert.equal(rowsOf(first.text, 'summary')[1][1], '0');
		psql(`INSERT INTO assessment_decisions (council_id, assessment_id, kind, outcome, decided_on, due_on,
		    recorded_by) SELECT council_id, id, 'decision_to_assess', 'yes', '2025-11-10', '2025-11-17',
		    caseworker_id FROM assessments WHERE reference = 'FIG-6'`);
		try {
			const again = await s.m.get('/manager/dashboard?from=2025-10-01&to=2025-12-31');
			assert.deepEqual(rowsOf(again.text, 'summary')[1].slice(1), ['1', '100.0% (1 of 1)']);
		} finally {
			psql(`DELETE FROM assessment_decisions WHERE assessment_id =
			    (SELECT id FROM assessments WHERE reference = 'FIG-6')`);
		}
	});

	test('advice arriving shows at once, and so does a withdrawn request', async () => {
		const psych = async () => Object.fromEntries(rowsOf((await s.m.get(`/manager/dashboard?${RANGE}`)).text,
		    'chart_kinds-table').map((x) => [x[0], x.slice(1)])).Psychological;
		const req = psql(`SELECT r.id FROM advice_requests r JOIN assessments a ON a.id = r.assessment_id
		    WHERE a.reference = 'FIG-2' AND r.kind = 'psychological'`);
		assert.deepEqual(await psych(), ['2', '1', '50.0%', 'Not met']);
		// In on 1 April 2025, its due date: within.
		psql(`UPDATE advice SET submitted_at = '2025-04-01 16:00 Europe/London' WHERE request_id = ${req}`);
		try {
			assert.deepEqual(await psych(), ['2', '2', '100.0%', 'Met']);
		} finally {
			psql(`UPDATE advice SET submitted_at = NULL WHERE request_id = ${req}`);
		}
		assert.deepEqual(await psych(), ['2', '1', '50.0%', 'Not met']);
		psql(`UPDATE advice_requests SET status = 'withdrawn', updated_at = now() WHERE id = ${req}`);
		try {
			assert.deepEqual(await psych(), ['1', '1', '100.0%', 'Met']);
		} finally {
			psql(`UPDATE advice_requests SET status = 'requested', updated_at = now() WHERE id = ${req}`);
		}
		assert.deepEqual(await psych(), ['2', '1', '50.0%', 'Not met']);
	});

	test('another council never sees these figures', async () => {
		const r = await s.demo.get(`/manager/dashboard?${RANGE}`);
		assert.equal(r.status, 200);
		assert.doesNotMatch(r.text, /FIG-|Figureshire|SUM\(1\)/);
		const open = await s.demo.get(`/manager/dashboard.csv?table=open&${RANGE}`);
		assert.doesNotMatch(open.text, /FIG-/);
		const services = await s.demo.get(`/manager/dashboard.csv?table=advice-services&${RANGE}`);
		assert.doesNotMatch(services.text, /Figureshire|SUM/);
		const months = await s.demo.get('/manager/compliance.csv?from=2025-05&to=2025-05');
		assert.equal(csvRows(months.text)[1].join(','), '2025-05,0,0,–,0,0,–,0');
	});
});

describe('the monthly compliance table', () => {
	const EXPECTED = [
		// month, issued, within, %, rolling, rolling within, rolling %, exceptions
		['2025-01', '0', '0', '–', '1', '1', '100.0', '0'],	// FIG-7 (Oct 2024) is in the rolling year
		['2025-02', '0', '0', '–', '1', '1', '100.0', '0'],
		['2025-03', '0', '0', '–', '1', '1', '100.0', '0'],
		['2025-04', '0', '0', '–', '1', '1', '100.0', '0'],
		['2025-05', '2', '1', '50.0', '3', '2', '66.7', '0'],	// day 140 within, day 141 not
		['2025-06', '0', '0', '–', '3', '2', '66.7', '0'],
		['2025-07', '0', '0', '–', '3', '2', '66.7', '0'],
		['2025-08', '0', '0', '–', '3', '2', '66.7', '0'],
		['2025-09', '0', '0', '–', '3', '2', '66.7', '1'],	// FIG-3, with its exception
		['2025-10', '0', '0', '–', '2', '1', '50.0', '0'],	// FIG-7 leaves the rolling year
		['2025-11', '0', '0', '–', '2', '1', '50.0', '0'],
		['2025-12', '0', '0', '–', '2', '1', '50.0', '0'],
	];

	test('portalctl report compliance prints the hand-worked table with the exact header', () => {
		const r = portalctl(['report', 'compliance', '--council', COUNCIL, '--from', '2025-01', '--to', '2025-12']);
		assert.equal(r.status, 0, r.stderr);
		const rows = csvRows(r.stdout);
		assert.deepEqual(rows[0].join(','), 'month,plans_issued,within_20_weeks,percent_within,'
		    + 'rolling_plans_issued,rolling_within_20_weeks,rolling_percent_within,exceptions');
		assert.deepEqual(rows.slice(1), EXPECTED);
	});

	test('the page and its CSV show the same numbers as the command', async () => {
		const page = await s.m.get('/manager/compliance?from-month=1&from-year=2025&to-month=12&to-year=2025');
		assert.equal(page.status, 200);
		const months = [...page.text.matchAll(/<tr class="govuk-table__row" data-month="([0-9-]+)">([\s\S]*?)<\/tr>/g)]
		    .map((m) => [m[1], ...[...m[2].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => decodeHtml(c[1]).trim())]);
		const cli = csvRows(portalctl(['report', 'compliance', '--council', COUNCIL, '--from', '2025-01',
		    '--to', '2025-12']).stdout).slice(1);
		assert.deepEqual(months.reverse(), cli);
		const csv = await s.m.get('/manager/compliance.csv?from=2025-01&to=2025-12');
		assert.equal(csv.status, 200);
		assert.equal(csv.headers.get('content-disposition'), 'attachment; filename="compliance-2025-01-to-2025-12.csv"');
		assert.deepEqual(csvRows(csv.text).slice(1), cli);
	});

	test('a range with no plans shows the empty state', async () => {
		const r = await s.m.get('/manager/compliance?from=2020-01&to=2020-03');
		assert.equal(r.status, 200);
		assert.match(r.text, /No plans were issued from January 2020 to March 2020/);
	});

	for (const [what, q, field, message] of [
		['a month that does not exist', 'from-month=13&from-year=2025&to-month=1&to-year=2026',
		    'from-month', 'The first month must be a real month and year, like 4 2026'],
		['a two-digit year', 'from-month=1&from-year=25&to-month=1&to-year=2026',
		    'from-month', 'The first month must be a real month and year, like 4 2026'],
		['a first month after the last', 'from=2025-06&to=2025-05',
		    'from-month', 'The first month must be the same as or before the last month'],
		['a last month in the future', 'from=2025-06&to=2199-01',
		    'to-month', 'The last month must be this month or before it'],
		['more than 10 years', 'from=2010-01&to=2025-05',
		    'from-month', 'The table can show at most 120 months (10 years)'],
	]) {
		test(`${what} is refused by its field`, async () => {
			const r = await s.m.get(`/manager/compliance?${q}`);
			assert.equal(r.status, 400);
			assert.deepEqual(errorSummary(r.text), [{ href: `#${field}`, message }]);
			assert.doesNotMatch(r.text, /id="compliance"/);
			const csv = await s.m.get(`/manager/compliance.csv?${q}`);
			assert.equal(csv.status, 400);
			assert.match(csv.text, /The months are not valid/);
		});
	}

	test('portalctl report refuses bad arguments', () => {
		let r = portalctl(['report', 'compliance', '--council', COUNCIL, '--from', '2025-13', '--to', '2025-12']);
		assert.equal(r.status, 2);
		assert.match(r.stderr, /real months as YYYY-MM/);
		r = portalctl(['report', 'compliance', '--council', 'Nowhere Council', '--from', '2025-01', '--to', '2025-12']);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /no council is named Nowhere Council/);
		r = portalctl(['report', 'compliance', '--council', COUNCIL, '--from', '2025-06', '--to', '2025-05']);
		assert.equal(r.status, 2);
		r = portalctl(['report', 'compliance', '--council', COUNCIL]);
		assert.equal(r.status, 2);
		assert.match(r.stderr, /usage: portalctl report compliance/);
	});
});
