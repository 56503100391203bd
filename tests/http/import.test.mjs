// History in, figures out (issue 13): `portalctl import cases` and the
// administrator's import page take the council's tracking spreadsheet,
// all or nothing, every bad row reported with its line, column and
// reason; imported cases are assessments like any other (decisions,
// exception, advice requests) and the SEN2 extract and the figures
// count them. Another council's administrator imports only into theirs.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import {
	BASE_URL, TESTSHIRE, TESTSHIRE_ADMIN, TESTSHIRE_PASSWORD, accountId, decodeHtml, ensureTestshire, lit, portalctl, psql,
	signIn,
} from './lib.mjs';
import { DEMOSHIRE, TAG, count, errorSummary, getBytes } from './advice-lib.mjs';

const HEADER = 'reference,given_name,family_name,date_of_birth,request_received,' +
    'decision_to_assess,decision_date,plan_decision_date,draft_issued,final_issued,' +
    'exception_kind,exception_reason,exception_from,exception_to,' +
    'psychological_requested,psychological_received';
const ref = (n) => `IMP-${TAG}-${n}`;
const dir = fs.mkdtempSync(path.join(process.env.TEST_VAR || os.tmpdir(), 'import-'));
let fileNo = 0;

/* A CSV file of the rows (under HEADER unless header is given). */
export function csvFile(rows, header = HEADER) {
	const f = path.join(dir, `f${++fileNo}.csv`);
	fs.writeFileSync(f, [header, ...rows].join('\r\n') + '\r\n');
	return f;
}

/* The good file: five cases, one in DD/MM/YYYY, one with an exception. */
export function goodRows(prefix = ref) {
	return [
		// 1: plan issued on day 135 of 140 (within 20 weeks), advice back in 5.4 weeks.
		`${prefix(1)},Amelia,Import,2015-05-01,2026-01-05,yes,2026-02-10,2026-04-20,2026-04-27,2026-05-20,,,,,2026-02-11,2026-03-20`,
		// 2: a decision not to assess closes the case.
		`${prefix(2)},Bilal,Import,2014-02-03,2026-02-02,no,2026-03-10,,,,,,,,,`,
		// 3: still at the request stage.
		`${prefix(3)},Cara,Import,2016-07-08,2026-06-01,,,,,,,,,,,`,
		// 4: dates as DD/MM/YYYY; an absence exception; issued after 20 weeks.
		`${prefix(4)},Dev,Import,13/09/2013,01/03/2026,yes,05/04/2026,10/06/2026,15/06/2026,20/07/2026,absence,Away for a month,01/05/2026,31/05/2026,06/04/2026,`,
		// 5: all in 2025 (not in the 2026 SEN2 extract).
		`${prefix(5)},Esme,Import,2012-01-01,2025-03-01,yes,2025-04-01,2025-06-01,2025-06-10,2025-07-01,,,,,,`,
	];
}

const imported = (prefix) => Number(psql(`SELECT count(*) FROM assessments
    WHERE reference LIKE ${lit(`${prefix}%`)}`));

/* The monthly compliance table by `portalctl report compliance` (the dashboard's
 * command), as { 'YYYY-MM': { plans_issued, within_20_weeks, exceptions } }, or
 * null when this build has no such command yet. */
function compliance(council, from, to) {
	const r = portalctl(['report', 'compliance', '--council', council, '--from', from, '--to', to]);
	if (r.status !== 0 && /usage/.test(r.stderr))
		return null;
	assert.equal(r.status, 0, r.stderr);
	const [head, ...lines] = r.stdout.trim().split(/\r?\n/);
	const cols = head.split(',');
	return Object.fromEntries(lines.map((l) => {
		const v = l.split(',');
		return [v[0], Object.fromEntries(cols.map((c, i) => [c, v[i]]))];
	}));
}

describe('portalctl import cases', () => {
	let before_;

	before(() => {
		ensureTestshire();
		before_ = compliance(DEMOSHIRE, '2026-05', '2026-07');
	});

	test('a good file imports every row, with decisions, exception and advice', () => {
		const r = portalctl(['import', 'cases', '--council', DEMOSHIRE, csvFile(goodRows())]);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /^5 cases imported into Demoshire County Council$/m);
		assert.equal(imported(`IMP-${TAG}-`), 5);
		const a1 = psql(`SELECT a.child_given_name, a.source, a.closed_on IS NULL, u.display_name, u.disabled
		    FROM assessments a JOIN accounts u ON u.id = a.caseworker_id WHERE a.reference = ${lit(ref(1))}`);
		assert.equal(a1, 'Amelia|import|t|Not assigned (imported)|t');
		assert.equal(psql(`SELECT string_agg(d.kind || ':' || coalesce(d.outcome, '-') || ':' || d.decided_on
		    || ':' || d.due_on, ' ' ORDER BY d.decided_on) FROM assessment_decisions d
		    JOIN assessments a ON a.id = d.assessment_id WHERE a.reference = ${lit(ref(1))}`),
		    'decision_to_assess:yes:2026-02-10:2026-02-16 plan_decision:yes:2026-04-20:2026-04-27 ' +
		    'draft_issued:-:2026-04-27:2026-05-25 final_issued:-:2026-05-20:2026-05-25');
		assert.equal(psql(`SELECT r.kind || ':' || r.status || ':' || r.requested_on || ':' || r.due_on
		    || ':' || r.received_on || ':' || o.kind FROM advice_requests r
		    JOIN assessments a ON a.id = r.assessment_id JOIN organisations o ON o.id = r.organisation_id
		    WHERE a.reference = ${lit(ref(1))}`),
		    'psychological:accepted:2026-02-11:2026-03-25:2026-03-20:other');
		// ... and, as live advice, a first version submitted that day (no answers).
		assert.equal(psql(`SELECT v.version || ':' || v.status || ':' || (v.submitted_at AT TIME ZONE 'Europe/London')::date
		    || ':' || count(x.*) FROM advice v JOIN advice_requests r ON r.id = v.request_id
		    JOIN assessments a ON a.id = r.assessment_id LEFT JOIN advice_values x ON x.advice_id = v.id
		    WHERE a.reference = ${lit(ref(1))} GROUP BY v.id`), '1:accepted:2026-03-20:0');
		assert.equal(count('advice v JOIN advice_requests r ON r.id = v.request_id JOIN assessments a ON a.id = r.assessment_id',
		    `a.reference = ${lit(ref(4))}`), 0, 'no version of advice never received');
		// The "no" closed case 2 on the day of the decision.
		assert.equal(psql(`SELECT closed_on FROM assessments WHERE reference = ${lit(ref(2))}`), '2026-03-10');
		// DD/MM/YYYY read as day first; the exception recorded.
		assert.equal(psql(`SELECT a.date_of_birth || ' ' || a.request_received || ' ' || x.kind || ' '
		    || x.starts_on || ' ' || x.ends_on FROM assessments a JOIN exceptions x ON x.assessment_id = a.id
		    WHERE a.reference = ${lit(ref(4))}`), '2013-09-13 2026-03-01 absence 2026-05-01 2026-05-31');
		// Advice never received on a case that has ended: withdrawn, not chased.
		assert.equal(psql(`SELECT r.status FROM advice_requests r JOIN assessments a ON a.id = r.assessment_id
		    WHERE a.reference = ${lit(ref(4))}`), 'withdrawn');
		// Audited: how many, never who.
		const audit = psql(`SELECT detail FROM audit_log WHERE action = 'import_cases' ORDER BY id DESC LIMIT 1`);
		assert.equal(audit, '5 cases imported (portalctl)');
		assert.equal(count('audit_log', `detail LIKE '%Amelia%' OR detail LIKE '%Import,%'`), 0);
	});

	test('an imported case opens like any other: its assessment and its advice request', async () => {
		const manager = await signIn('manager@demo.test');
		const [a, r] = psql(`SELECT a.id || '|' || r.id FROM assessments a JOIN advice_requests r
		    ON r.assessment_id = a.id WHERE a.reference = ${lit(ref(1))}`).split('|');
		const page = await manager.get(`/assessments/${a}`);
		assert.equal(page.status, 200);
		assert.match(page.text, new RegExp(ref(1)));
		const req = await manager.get(`/requests/${r}`);
		assert.equal(req.status, 200, req.text.slice(0, 300));
		assert.match(decodeHtml(req.text), /Provider not recorded \(imported\)/);
	});

	test('the imported plans count in the monthly compliance figures', (t) => {
		const after_ = compliance(DEMOSHIRE, '2026-05', '2026-07');
		if (after_ === null || before_ === null)
			return t.skip('portalctl report compliance is not in this build (dashboard branch)');
		const d = (m, k) => Number(after_[m][k]) - Number(before_[m][k]);
		assert.equal(d('2026-05', 'plans_issued'), 1);
		assert.equal(d('2026-05', 'within_20_weeks'), 1);
		assert.equal(d('2026-07', 'plans_issued'), 0);		// case 4 had an exception
		assert.equal(d('2026-07', 'exceptions'), 1);
	});

	test('one bad row imports nothing, and every bad row is reported by line and column', () => {
		const p = (n) => `IMP-${TAG}-bad-${n}`;
		const rows = goodRows(p);
		rows.push(`${p(7)},Gus,Import,31/02/2015,2026-01-05,,,,,,,,,,,`);	// line 7
		rows.push(`${p(6)},Fay,Import,2016-01-01,2026-01-05,,,,,,,,,,,`);
		const r = portalctl(['import', 'cases', '--council', DEMOSHIRE, csvFile(rows)]);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /^line 7, column date_of_birth: is not a real date in the form YYYY-MM-DD or DD\/MM\/YYYY$/m);
		assert.match(r.stderr, /1 error: nothing was imported/);
		assert.doesNotMatch(r.stderr, /Gus/, 'the error never repeats the child\'s name');
		assert.equal(imported(`IMP-${TAG}-bad-`), 0);
	});

	test('line 7 is the seventh line of the file, header included', () => {
		const p = (n) => `IMP-${TAG}-l7-${n}`;
		const rows = goodRows(p);
		rows[5 - 1] = `${p(5)},Esme,Import,2012-13-01,2025-03-01,,,,,,,,,,,`;	// the 5th row is line 6
		rows.push(`${p(6)},Fay,Import,2016-01-01,2026-01-05,yes,2025-12-01,,,,,,,,,`);	// line 7
		const r = portalctl(['import', 'cases', '--council', DEMOSHIRE, csvFile(rows)]);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /^line 6, column date_of_birth: /m);
		assert.match(r.stderr, /^line 7, column decision_date: is before request_received$/m);
		assert.equal(imported(`IMP-${TAG}-l7-`), 0);
	});

	test('a reference already in the portal, or twice in the file, is a bad row', () => {
		const again = portalctl(['import', 'cases', '--council', DEMOSHIRE,
		    csvFile([`${ref(1)},Amelia,Import,2015-05-01,2026-01-05,,,,,,,,,,,`])]);
		assert.equal(again.status, 1);
		assert.match(again.stderr, /^line 2, column reference: is already in the portal/m);
		const twice = portalctl(['import', 'cases', '--council', DEMOSHIRE, csvFile([
		    `IMP-${TAG}-tw,Hal,Import,2015-05-01,2026-01-05,,,,,,,,,,,`,
		    `IMP-${TAG}-tw,Ian,Import,2015-05-01,2026-01-05,,,,,,,,,,,`])]);
		assert.equal(twice.status, 1);
		assert.match(twice.stderr, /^line 3, column reference: is the same as on line 2/m);
		assert.equal(imported(`IMP-${TAG}-tw`), 0);
		// Another council's reference: taken, without saying whose.
		const other = portalctl(['import', 'cases', '--council', TESTSHIRE,
		    csvFile([`${ref(3)},Cara,Import,2016-07-08,2026-06-01,,,,,,,,,,,`])]);
		assert.equal(other.status, 1);
		assert.match(other.stderr, /^line 2, column reference: is already used in the portal/m);
		assert.doesNotMatch(other.stderr, /Demoshire/);
	});

	test('rows go through the same rules as the form: names, decision order, exception', () => {
		const long = 'A'.repeat(101);
		const r = portalctl(['import', 'cases', '--council', DEMOSHIRE, csvFile([
		    `IMP-${TAG}-v1,${long},Import,2015-05-01,2026-01-05,,,,,,,,,,,`,
		    `IMP-${TAG}-v2,Jo,Import,2015-05-01,2026-01-05,yes,2026-02-01,,2026-03-01,,,,,,,`,
		    `IMP-${TAG}-v3,Kai,Import,2015-05-01,2026-01-05,,,,,,school_closure,Shut,2026-02-01,2026-02-10,,`,
		    `IMP-${TAG}-v4,Lu,Import,2015-05-01,2026-01-05,yes,2026-01-01,,,,,,,,,`])]);
		assert.equal(r.status, 1);
		assert.match(r.stderr, /^line 2, column given_name: Enter the child's first name \(100 characters or fewer\)$/m);
		assert.match(r.stderr, /^line 3, column draft_issued: Record the decision to issue a plan first$/m);
		assert.match(r.stderr, /^line 4, column exception_to: The period must be at least 4 weeks/m);
		assert.match(r.stderr, /^line 5, column decision_date: is before request_received$/m);
		assert.equal(imported(`IMP-${TAG}-v`), 0);
	});

	test('--caseworker assigns the cases; --dry-run writes nothing; a wrong council is refused', () => {
		const dry = portalctl(['import', 'cases', '--council', DEMOSHIRE, '--dry-run',
		    csvFile([`IMP-${TAG}-cw1,Mo,Import,2015-05-01,2026-01-05,,,,,,,,,,,`])]);
		assert.equal(dry.status, 0, dry.stderr);
		assert.match(dry.stdout, /1 cases checked: all good \(dry run/);
		assert.equal(imported(`IMP-${TAG}-cw`), 0);
		const r = portalctl(['import', 'cases', '--council', DEMOSHIRE, '--caseworker', 'caseworker@demo.test',
		    csvFile([`IMP-${TAG}-cw1,Mo,Import,2015-05-01,2026-01-05,,,,,,,,,,,`])]);
		assert.equal(r.status, 0, r.stderr);
		assert.equal(Number(psql(`SELECT caseworker_id FROM assessments WHERE reference = ${lit(`IMP-${TAG}-cw1`)}`)),
		    accountId('caseworker@demo.test'));
		const wrong = portalctl(['import', 'cases', '--council', 'No Such Council', csvFile([])]);
		assert.equal(wrong.status, 1);
		assert.match(wrong.stderr, /no council named so/);
		const notHers = portalctl(['import', 'cases', '--council', TESTSHIRE, '--caseworker', 'caseworker@demo.test',
		    csvFile([`IMP-${TAG}-cw2,Ned,Import,2015-05-01,2026-01-05,,,,,,,,,,,`])]);
		assert.equal(notHers.status, 1);
		assert.match(notHers.stderr, /--caseworker must be an enabled caseworker or manager of the council/);
	});
});

describe('portalctl sen2', () => {
	test('the 2026 extract has the imported cases with their SEN2 items and codes', () => {
		const r = portalctl(['sen2', '--council', DEMOSHIRE, '--year', '2026']);
		assert.equal(r.status, 0, r.stderr);
		const lines = r.stdout.split('\r\n');
		assert.equal(lines[0], 'LAReference,Surname,Forename,PersonBirthDate,UPN,ReceivedDate,' +
		    'RequestOutcomeDate,RequestOutcome,AssessmentOutcomeDate,AssessmentOutcome,Week20exception,StartDate');
		const row = (n) => lines.find((l) => l.startsWith(`${ref(n)},`));
		assert.equal(row(1), `${ref(1)},Import,Amelia,2015-05-01,,2026-01-05,2026-02-10,A,2026-04-20,Y,0,2026-05-20`);
		assert.equal(row(2), `${ref(2)},Import,Bilal,2014-02-03,,2026-02-02,2026-03-10,B,,,,`);
		assert.equal(row(3), `${ref(3)},Import,Cara,2016-07-08,,2026-06-01,,,,,,`);
		assert.equal(row(4), `${ref(4)},Import,Dev,2013-09-13,,2026-03-01,2026-04-05,A,2026-06-10,Y,1,2026-07-20`);
		assert.equal(row(5), undefined, 'a case all in 2025 is not in the 2026 extract');
		const y25 = portalctl(['sen2', '--council', DEMOSHIRE, '--year', '2025']);
		assert.match(y25.stdout, new RegExp(`^${ref(5)},Import,Esme,2012-01-01,,2025-03-01,2025-04-01,A,2025-06-01,Y,0,2025-07-01$`, 'm'));
	});

	test('the XML extract nests request, assessment and named plan', () => {
		const r = portalctl(['sen2', '--council', DEMOSHIRE, '--year', '2026', '--format', 'xml']);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>/);
		assert.match(r.stdout, /<Collection>SEN2<\/Collection>/);
		const person = new RegExp(`<Person>\\s*<LAReference>${ref(4)}</LAReference>[\\s\\S]*?</Person>`).exec(r.stdout);
		assert.ok(person, 'case 4 in the XML');
		assert.match(person[0], /<Request>\s*<ReceivedDate>2026-03-01<\/ReceivedDate>\s*<RequestOutcomeDate>2026-04-05<\/RequestOutcomeDate>\s*<RequestOutcome>A<\/RequestOutcome>\s*<Assessment>\s*<AssessmentOutcomeDate>2026-06-10<\/AssessmentOutcomeDate>\s*<AssessmentOutcome>Y<\/AssessmentOutcome>\s*<Week20exception>1<\/Week20exception>\s*<NamedPlan>\s*<StartDate>2026-07-20<\/StartDate>/);
	});

	test('a bad year or format is refused', () => {
		assert.equal(portalctl(['sen2', '--council', DEMOSHIRE, '--year', '20x6']).status, 2);
		assert.equal(portalctl(['sen2', '--council', DEMOSHIRE, '--year', '2026', '--format', 'pdf']).status, 2);
	});
});

/* Posts a CSV (multipart: csrf, file) to the import page as client. */
async function uploadCsv(client, text, filename = 'cases.csv') {
	const csrf = await client.csrfFrom('/admin/import');
	const fd = new FormData();
	fd.append('csrf', csrf);
	fd.append('file', new Blob([text], { type: 'text/csv' }), filename);
	return client.request('POST', '/admin/import', { body: fd });
}
/* The status answered to the head of a multipart POST of that length
 * (no body sent): a body over the route's limit is refused unread. */
function headOnly(p, length, cookie) {
	const { hostname, port } = new URL(BASE_URL);
	return new Promise((resolve) => {
		const sock = net.connect(Number(port), hostname);
		let answer = '';
		const timer = setTimeout(() => { sock.destroy(); resolve(0); }, 5000);
		sock.on('connect', () => sock.write(`POST ${p} HTTP/1.1\r\nHost: ${hostname}\r\n` +
		    `Content-Type: multipart/form-data; boundary=x\r\nCookie: ${cookie}\r\n` +
		    `Content-Length: ${length}\r\n\r\n`));
		sock.on('data', (d) => {
			answer += d;
			if (answer.includes('\r\n')) {
				clearTimeout(timer);
				sock.destroy();
				resolve(Number(answer.split(' ')[1]));
			}
		});
		sock.on('error', () => resolve(-1));
	});
}
const csvText = (rows) => [HEADER, ...rows].join('\r\n') + '\r\n';
const confirmPath = (html) => /action="(\/admin\/import\/\d+\/confirm)"/.exec(html)?.[1];

describe('the administrator\'s import page', () => {
	let admin;
	const p = (n) => `IMP-${TAG}-web-${n}`;

	before(async () => {
		ensureTestshire();
		admin = await signIn('admin@demo.test');
	});

	test('a good file: a preview without names, then confirmed, all imported and audited', async () => {
		const page = await admin.get('/admin/import');
		assert.equal(page.status, 200);
		assert.match(page.text, /<h1 class="govuk-heading-l">Import cases<\/h1>/);
		const r = await uploadCsv(admin, csvText(goodRows(p)));
		assert.equal(r.status, 200, r.text.slice(0, 500));
		assert.match(r.text, /5 cases found/);
		assert.match(r.text, new RegExp(p(4)));
		assert.doesNotMatch(r.text, /Amelia|Bilal/, 'the preview names no child');
		assert.equal(imported(`IMP-${TAG}-web-`), 0, 'nothing imported before the confirmation');
		const confirm = confirmPath(r.text);
		assert.ok(confirm, 'a confirmation form');
		const csrf = await admin.csrfFrom('/admin/import');
		const done = await admin.post(confirm, { csrf });
		assert.equal(done.status, 303, done.text.slice(0, 300));
		assert.equal(done.location, '/admin/import?imported=5');
		assert.match((await admin.get(done.location)).text, /5 cases imported/);
		assert.equal(imported(`IMP-${TAG}-web-`), 5);
		const adminId = accountId('admin@demo.test');
		assert.equal(psql(`SELECT DISTINCT d.recorded_by FROM assessment_decisions d JOIN assessments a
		    ON a.id = d.assessment_id WHERE a.reference LIKE ${lit(`IMP-${TAG}-web-%`)}`), String(adminId));
		assert.equal(psql(`SELECT detail FROM audit_log WHERE action = 'import_cases' AND account_id = ${adminId}
		    ORDER BY id DESC LIMIT 1`), '5 cases imported (admin page)');
		// The previewed file is gone: confirming again finds nothing.
		assert.equal((await admin.post(confirm, { csrf })).status, 404);
		assert.equal(count('import_uploads', `id = ${confirm.split('/')[3]}`), 0);
	});

	test('a file with a bad row: every error by line and column, nothing kept or imported', async () => {
		const q = (n) => `IMP-${TAG}-webbad-${n}`;
		const rows = goodRows(q);
		rows.push(`${q(7)},Gus,Import,31/02/2015,2026-01-05,,,,,,,,,,,`);	// line 7
		const before_ = count('import_uploads');
		const r = await uploadCsv(admin, csvText(rows));
		assert.equal(r.status, 400);
		const summary = errorSummary(r.text);
		assert.ok(summary.some((e) => /^Line 7, column date_of_birth: is not a real date/.test(e.message) &&
		    e.href === '#import-errors'), JSON.stringify(summary));
		assert.match(r.text, /id="import-errors"/);
		assert.match(r.text, /The file has 1 error: nothing has been imported/);
		assert.doesNotMatch(decodeHtml(r.text), /Gus/);
		assert.doesNotMatch(r.text, /\/confirm"/, 'no confirmation of a refused file');
		assert.equal(count('import_uploads'), before_);
		assert.equal(imported(`IMP-${TAG}-webbad-`), 0);
	});

	test('no file, or a reference already imported, is refused', async () => {
		const csrf = await admin.csrfFrom('/admin/import');
		const fd = new FormData();
		fd.append('csrf', csrf);
		const none = await admin.request('POST', '/admin/import', { body: fd });
		assert.equal(none.status, 400);
		assert.deepEqual(errorSummary(none.text), [{ href: '#file', message: 'Select a CSV file to import' }]);
		const dup = await uploadCsv(admin, csvText([`${p(1)},Amelia,Import,2015-05-01,2026-01-05,,,,,,,,,,,`]));
		assert.equal(dup.status, 400);
		assert.match(decodeHtml(dup.text), /Line 2, column reference: is already in the portal/);
	});

	test('another council\'s administrator imports into their own council only', async () => {
		const tess = await signIn(TESTSHIRE_ADMIN, TESTSHIRE_PASSWORD);
		const r = await uploadCsv(admin, csvText([`IMP-${TAG}-x1,Nia,Import,2015-05-01,2026-01-05,,,,,,,,,,,`]));
		assert.equal(r.status, 200);
		const confirm = confirmPath(r.text);
		const csrf = await tess.csrfFrom('/admin/import');
		const theirs = await tess.post(confirm, { csrf });
		assert.equal(theirs.status, 404, 'Demoshire\'s file is not Testshire\'s to import');
		assert.equal(imported(`IMP-${TAG}-x1`), 0);
		const own = await uploadCsv(tess, csvText([`IMP-${TAG}-t1,Ola,Import,2015-05-01,2026-01-05,,,,,,,,,,,`]));
		assert.equal(own.status, 200);
		const done = await tess.post(confirmPath(own.text), { csrf: await tess.csrfFrom('/admin/import') });
		assert.equal(done.status, 303);
		assert.equal(psql(`SELECT o.name FROM assessments a JOIN organisations o ON o.id = a.council_id
		    WHERE a.reference = ${lit(`IMP-${TAG}-t1`)}`), TESTSHIRE);
	});

	test('a caseworker cannot import; a file over 5 MB is refused unread', async () => {
		const cw = await signIn('caseworker@demo.test');
		const fd = new FormData();
		fd.append('csrf', await cw.csrfFrom('/caseworker'));
		fd.append('file', new Blob([csvText([`IMP-${TAG}-cw,Pip,Import,2015-05-01,2026-01-05,,,,,,,,,,,`])]), 'c.csv');
		assert.equal((await cw.request('POST', '/admin/import', { body: fd })).status, 404);
		assert.equal(imported(`IMP-${TAG}-cw,`), 0);
		assert.equal(await headOnly('/admin/import', 6.5 * 1024 * 1024, admin.cookieHeader()), 413);
		// Over 64 KB from anyone but an administrator: 413 unread.
		assert.equal(await headOnly('/admin/import', 100 * 1024, cw.cookieHeader()), 413);
		// An administrator's file a little over 5 MB (within the framing):
		// read, and refused on the page.
		const over = await uploadCsv(admin, `${HEADER}\r\n${'x'.repeat(5 * 1024 * 1024 + 10)}`);
		assert.equal(over.status, 400);
		assert.deepEqual(errorSummary(over.text), [{ href: '#file', message: 'The selected file must be smaller than 5 MB' }]);
	});

	test('the SEN2 download: CSV attachment of the council\'s year, formulas neutralised', async () => {
		const f = portalctl(['import', 'cases', '--council', DEMOSHIRE, csvFile([
		    `IMP-${TAG}-formula,=HYPERLINK(1),@Import,2015-05-01,2026-01-05,,,,,,,,,,,`])]);
		assert.equal(f.status, 0, f.stderr);
		const r = await getBytes(admin, '/admin/sen2?year=2026');
		assert.equal(r.status, 200);
		assert.match(r.headers.get('content-type'), /^text\/csv/);
		assert.equal(r.headers.get('content-disposition'), 'attachment; filename="SEN2-2026.csv"');
		assert.equal(r.headers.get('cache-control'), 'no-store');
		const text = r.body.toString('utf8');
		assert.match(text, /^LAReference,Surname,Forename,PersonBirthDate,/);
		assert.match(text, new RegExp(`^${p(4)},Import,Dev,2013-09-13,,2026-03-01,2026-04-05,A,2026-06-10,Y,1,2026-07-20\r$`, 'm'));
		assert.match(text, new RegExp(`^IMP-${TAG}-formula,'@Import,'=HYPERLINK\\(1\\),`, 'm'));
		assert.doesNotMatch(text, new RegExp(`IMP-${TAG}-t1`), 'never another council\'s cases');
		assert.ok(Number(psql(`SELECT count(*) FROM audit_log WHERE action = 'download_sen2'
		    AND account_id = ${accountId('admin@demo.test')}`)) >= 1);
		for (const bad of ['', 'year=abc', 'year=1999', 'year=3000']) {
			const e = await admin.get(`/admin/sen2?${bad}`);
			assert.equal(e.status, 400, bad);
			assert.deepEqual(errorSummary(e.text), [{ href: '#year', message: 'Select the year of the extract' }]);
		}
	});
});
