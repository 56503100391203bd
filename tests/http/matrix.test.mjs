// The access matrix, generated from portal/web/routes.c: every route × every
// role (one demo account each), anonymous callers and API keys.
//
// The routes[] table and the role groups are read from the C source (its
// #defines, roles.h's enum and extern.h's ROUTE_API/ROUTE_BENCH), so a new
// route, role or group is in the matrix without editing this file. What a
// permitted caller gets on its own record is NOT derived: it is written
// down in EXPECT below, keyed "METHOD pattern". A route of routes.c with no
// entry in EXPECT fails the test — a route missing from the table fails the
// test — and so does an entry for a route that no longer exists.
//
// For a route with {id} every caller is tried with
//   (a) an id of a record it may see (EXPECT[...].own), when it is allowed,
//   (b) the same kind of record of another council (Testshire County Council),
//   (c) a missing id, 999999999,
// and (b) and (c) must answer alike: 404 for a signed-in role the route
// allows; 404 for every id for a role it does not; 303 to /sign-in for an
// anonymous GET, 401 or 403 for an anonymous POST; 401 for an API route
// without a valid key. Bench baselines answer 404 unless PORTAL_BENCH=1.
// No request of the matrix may answer 5xx.
//
// The own records are fixtures made here (SQL as the schema owner, uploads
// through HTTP) and deleted afterwards, so the POSTs (empty or harmless
// bodies: the point is who gets through, not success) never touch the demo
// data other tests rely on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import {
	Client, PRESESSION_COOKIE, ROOT, TESTSHIRE, TESTSHIRE_PASSWORD, accountId, clearAttempts, ensureTestshire,
	getCsrf, lit, psql, signIn,
} from './lib.mjs';

const MISSING = 999999999;
const DEMO_API_KEY = 'demo-api-key-2026';
const BENCH = process.env.PORTAL_BENCH === '1';

// The demo account that plays each role of roles.h.
const ACCOUNT_OF_ROLE = {
	caseworker: 'caseworker@demo.test',
	manager: 'manager@demo.test',
	service_lead: 'eplead@demo.test',
	professional: 'ep@demo.test',
	parent: 'parent@demo.test',
	school_responder: 'school@demo.test',
	admin: 'admin@demo.test',
};

const LA_OWN = (ids) => ({ caseworker: ids, manager: ids });
const ADVICE_OWN = (ep, parent) => ({
	caseworker: ep, manager: ep, service_lead: ep, professional: ep, parent,
});

/*
 * What a caller the route allows gets on its own record (or, for a route
 * without {id}, on the route). ok: the statuses expected, for everyone or
 * keyed anonymous / signed / a role name. own: for each allowed role (and
 * "key" for the API), the ids to use: fixture names (kind:which, see
 * fixtures()) or literal numbers; null when the role has no such record.
 * body: the form (csrf added) or JSON sent with a POST; default empty.
 * csrf: how a caller gets the token of the route's form; default the one
 * on the caller's pages.
 */
const EXPECT = {
	'GET /': { ok: [303] },
	'GET /sign-in': { ok: { anonymous: [200], signed: [303] } },
	// Empty form: the form again, with errors. Its token is the pre-session
	// one even for a signed-in caller (a form left open in another tab).
	'POST /sign-in': { ok: [200], csrf: presessionToken },
	// No pending sign-in: back to the sign-in page (signed in: home).
	'GET /sign-in/code': { ok: [303] },
	// No pending sign-in: the sign-in form, saying to sign in again
	// (signed in meanwhile: home). Pre-session token, as sign-in.
	'POST /sign-in/code': { ok: { anonymous: [200], signed: [303] }, csrf: presessionToken },
	'GET /invitation': { ok: { anonymous: [200], signed: [303] } },
	// Empty form: the form again with errors (400); pre-session token, as sign-in.
	'POST /invitation': { ok: [400], csrf: presessionToken },
	'GET /password-reset': { ok: { anonymous: [200], signed: [303] } },
	// Empty address: the form again with an error (400); pre-session token.
	'POST /password-reset': { ok: [400], csrf: presessionToken },
	'GET /password-reset/code': { ok: { anonymous: [200], signed: [303] } },
	// Empty form: the form again with errors (400); pre-session token.
	'POST /password-reset/code': { ok: [400], csrf: presessionToken },
	'POST /sign-out': { ok: [303], last: true },	// ends the client's session: run last
	'GET /accessibility': { ok: [200] },
	'GET /notifications': { ok: [200] },
	'POST /notifications/read': { ok: [303] },
	'GET /settings': { ok: [200] },
	'POST /settings': { ok: [400] },	// no choice in the body: refused, nothing changed
	'GET /two-step': { ok: [200] },
	'POST /two-step': { ok: [400] },	// no code: refused, not turned on
	'GET /caseworker': { ok: [200] },
	'GET /manager': { ok: [200] },
	'GET /service': { ok: [200] },
	'GET /inbox': { ok: [200] },
	'GET /parent': { ok: [200] },
	'GET /consultations': { ok: [200] },
	'GET /admin': { ok: [200] },
	'GET /admin/accounts': { ok: [200] },
	'GET /admin/accounts/{id}': { own: { admin: ['account:caseworker'] }, ok: [200] },
	// The demo caseworker has no two-step verification: nothing to reset,
	// nothing ended; back to the account page.
	'POST /admin/accounts/{id}/two-step/reset': { own: { admin: ['account:caseworker'] }, ok: [303] },
	'GET /assessments/new': { ok: [200] },
	'POST /assessments': { ok: [400] },		// empty form: errors, nothing created
	'GET /assessments/{id}': {
		own: { ...LA_OWN(['assessment']), parent: ['assessment'] }, ok: [200],
	},
	'GET /assessments/{id}/requests/new': { own: LA_OWN(['assessment']), ok: [200] },
	'POST /assessments/{id}/requests': { own: LA_OWN(['assessment']), ok: [400] },
	'GET /requests/{id}': { own: ADVICE_OWN(['request:ep'], ['request:parent']), ok: [200] },
	// Empty form = save a draft of the author's own open request.
	// A service lead writes only what is allocated to them (none here).
	'POST /requests/{id}/advice': {
		own: { professional: ['request:ep'], parent: ['request:parent'], service_lead: null }, ok: [303],
	},
	// Nothing submitted on the fixture: nothing to accept.
	'POST /requests/{id}/accept': { own: LA_OWN(['request:ep']), ok: [409] },
	// No message: the page again with the error.
	'POST /requests/{id}/return': { own: LA_OWN(['request:ep']), ok: [200, 400] },
	// Re-allocates the fixture to the professional it already has.
	'POST /requests/{id}/allocate': {
		own: { service_lead: ['request:ep'] }, ok: [303],
		body: (fx) => ({ professional: String(fx.ids['account:ep']) }),
	},
	'GET /requests/{id}/versions/{id}': {
		own: ADVICE_OWN(['request:ep', 1], ['request:parent', 1]), ok: [200],
	},
	// No file in the form: refused with its reason.
	'POST /requests/{id}/documents': {
		own: { professional: ['request:ep'], parent: ['request:parent'], service_lead: null }, ok: [422],
	},
	'GET /documents/{id}': { own: ADVICE_OWN(['document:ep'], ['document:parent']), ok: [200] },
	'POST /documents/{id}/delete': {
		own: { professional: ['document:ep-delete'], parent: ['document:parent-delete'], service_lead: null },
		ok: [303],
	},
	'GET /assessments/{id}/exceptions/new': { own: LA_OWN(['assessment']), ok: [200] },
	'POST /assessments/{id}/exceptions': { own: LA_OWN(['assessment']), ok: [400] },
	// The fixture's parent has an account already: no new invitation (400).
	'POST /assessments/{id}/contacts/{id}/invitation': {
		own: LA_OWN(['assessment', 'contact']), ok: [400],
	},
	// Empty forms: no date promised, no reason to decline.
	// The service lead declines for the service; acknowledges only what they hold.
	'POST /requests/{id}/acknowledge': { own: { professional: ['request:ep'], service_lead: ['request:ep'] }, ok: [400] },
	'POST /requests/{id}/decline': { own: { professional: ['request:ep'], service_lead: ['request:ep'] }, ok: [400] },
	'GET /bench/hello': { ok: [200] },
	'POST /bench/discard': { ok: [200] },
	'POST /api/v1/assessments': { ok: [400] },	// {}: 400 naming the missing field
	'GET /api/v1/assessments/{id}': { own: { key: ['assessment'] }, ok: [200] },
	'POST /api/v1/assessments/{id}/advice-requests': { own: { key: ['assessment'] }, ok: [400] },
	'GET /api/v1/advice-requests/{id}': { own: { key: ['request:ep'] }, ok: [200] },
	// Long templates as a task list (issue 11): a task's page, the files,
	// the declaration. The parent's views are one page: no tasks of theirs.
	// A service lead writes only what is allocated to them (none here).
	'GET /requests/{id}/tasks/{id}': {
		own: { professional: ['request:ep', 1], parent: null, service_lead: null }, ok: [200],
	},
	'GET /requests/{id}/documents': {
		own: { professional: ['request:ep'], parent: ['request:parent'], service_lead: null }, ok: [200],
	},
	'GET /requests/{id}/submit': {
		own: { professional: ['request:ep'], parent: null, service_lead: null }, ok: [200],
	},
	// The council runs itself (issue 11). Empty forms are refused (400),
	// nothing made; disable and enable act on a spare fixture account.
	'GET /admin/organisations': { ok: [200] },
	'GET /admin/organisations/new': { ok: [200] },
	'POST /admin/organisations': { ok: [400] },
	'GET /admin/organisations/{id}': { own: { admin: ['organisation:ep'] }, ok: [200] },
	'GET /admin/accounts/new': { ok: [200] },
	'POST /admin/accounts': { ok: [400] },
	'POST /admin/accounts/{id}/role': { own: { admin: ['account:caseworker'] }, ok: [400] },
	'POST /admin/accounts/{id}/disable': { own: { admin: ['account:spare'] }, ok: [303] },
	'POST /admin/accounts/{id}/enable': { own: { admin: ['account:spare'] }, ok: [303] },
	'GET /admin/accounts/{id}/audit': { own: { admin: ['account:caseworker'] }, ok: [200] },
	// The draft plan. The fixture has no accepted advice: assembling is
	// refused (400, nothing written); without a draft the other routes
	// go back to the plan page (303).
	'GET /assessments/{id}/plan': { own: LA_OWN(['assessment']), ok: [200] },
	'POST /assessments/{id}/plan': { own: LA_OWN(['assessment']), ok: [400] },
	'POST /assessments/{id}/plan/reassemble': { own: LA_OWN(['assessment']), ok: [303] },
	'GET /assessments/{id}/plan/edit': { own: LA_OWN(['assessment']), ok: [303] },
	'POST /assessments/{id}/plan/edit': { own: LA_OWN(['assessment']), ok: [303] },
	'GET /assessments/{id}/plan.docx': { own: LA_OWN(['assessment']), ok: [303] },
	// The assessment's decisions: the empty form is refused with its errors.
	'GET /assessments/{id}/decisions/new': { own: LA_OWN(['assessment']), ok: [200] },
	'POST /assessments/{id}/decisions': { own: LA_OWN(['assessment']), ok: [400] },
	// The caseload's search is posted (nothing typed reaches a URL): an
	// empty search is the plain caseload.
	'POST /caseworker': { ok: [200] },
	'POST /manager': { ok: [200] },
	// Parents' comments on the served draft. The first fixture has no
	// plan: the serving page says so (200), sending is refused (400,
	// nothing written). On the second, served on its parent, the family's
	// pages open; their empty forms are refused (400, nothing written).
	// The API's {} is 400 naming served_on.
	'GET /assessments/{id}/plan/issue': { own: LA_OWN(['assessment']), ok: [200] },
	'POST /assessments/{id}/plan/issue': { own: LA_OWN(['assessment']), ok: [400] },
	'GET /assessments/{id}/draft': { own: { parent: ['assessment:served'] }, ok: [200] },
	'POST /assessments/{id}/draft/comments': { own: { parent: ['assessment:served'] }, ok: [400] },
	'POST /assessments/{id}/draft/requests': { own: { parent: ['assessment:served'] }, ok: [400] },
	'GET /assessments/{id}/draft/check': { own: { parent: ['assessment:served'] }, ok: [200] },
	'POST /assessments/{id}/draft/submit': { own: { parent: ['assessment:served'] }, ok: [400] },
	'POST /api/v1/assessments/{id}/plan/draft': { own: { key: ['assessment'] }, ok: [400] },
	// The case import and the SEN2 extract (issue 13). No file: refused
	// (400). The fixture upload's header lacks the required columns: the
	// confirmation refuses it (400), nothing imported. No year: refused.
	'GET /admin/import': { ok: [200] },
	'POST /admin/import': { ok: [400] },
	'POST /admin/import/{id}/confirm': { own: { admin: ['import:upload'] }, ok: [400] },
	'GET /admin/sen2': { ok: [400] },
	// The advice form as .docx (issue 12): its author, while the advice is
	// open, downloads it; an upload without a file is refused on the page
	// (422), nothing saved. A service lead writes only what is allocated.
	'GET /requests/{id}/form': {
		own: { professional: ['request:ep'], parent: ['request:parent'], service_lead: null }, ok: [200],
	},
	'GET /requests/{id}/form.docx': {
		own: { professional: ['request:ep'], parent: ['request:parent'], service_lead: null }, ok: [200],
	},
	'POST /requests/{id}/form.docx': {
		own: { professional: ['request:ep'], parent: ['request:parent'], service_lead: null }, ok: [422],
	},
	// School consultations. The assessment fixture has no plan: the form
	// says so and a post is refused (400), nothing sent. The consultation
	// fixture (Hillcrest Academy's, on an assessment with a plan) is open:
	// an empty answer is refused by its field (400), nothing written.
	'GET /assessments/{id}/consultations/new': { own: LA_OWN(['assessment']), ok: [200] },
	'POST /assessments/{id}/consultations': { own: LA_OWN(['assessment']), ok: [400] },
	'GET /consultations/{id}': {
		own: { ...LA_OWN(['consultation']), school_responder: ['consultation'] }, ok: [200],
	},
	'POST /consultations/{id}/answer': {
		own: { ...LA_OWN(['consultation']), school_responder: ['consultation'] }, ok: [400],
	},
	'POST /api/v1/assessments/{id}/consultations': { own: { key: ['assessment'] }, ok: [400] },
	// The final plan (issue 12). The fixture has no plan: the form says so
	// (200), the empty form is refused by its fields (400, nothing written),
	// the printable page goes to the plan page (303); a parent prints only a
	// served or final plan, and the fixture's is neither (its 404 is the
	// other council's and the missing id's). The API answers 400 for the
	// empty body and 404 "no plan for this assessment yet".
	'GET /assessments/{id}/plan/final/new': { own: LA_OWN(['assessment']), ok: [200] },
	'POST /assessments/{id}/plan/final': { own: LA_OWN(['assessment']), ok: [400] },
	'GET /assessments/{id}/plan/print': { own: { ...LA_OWN(['assessment']), parent: null }, ok: [303] },
	'POST /api/v1/assessments/{id}/decisions': { own: { key: ['assessment'] }, ok: [400] },
	'GET /api/v1/assessments/{id}/plan': { own: { key: ['assessment'] }, ok: [404] },
	'POST /api/v1/assessments/{id}/plan/final': { own: { key: ['assessment'] }, ok: [400] },
	'GET /api/v1/assessments/{id}/plan.docx': { own: { key: ['assessment'] }, ok: [404] },
	// What needs doing (issue 13); reassigning a case: the empty form is
	// refused with its error (400), nothing written.
	'GET /caseworker/work': { ok: [200] },
	'GET /manager/work': { ok: [200] },
	'GET /assessments/{id}/caseworker': { own: { manager: ['assessment'] }, ok: [200] },
	'POST /assessments/{id}/caseworker': { own: { manager: ['assessment'] }, ok: [400] },
	// The service dashboard and the monthly 20-week table (the manager's
	// own council only: tests/http/dashboard.test.mjs); a CSV without
	// ?table= is refused naming the tables.
	'GET /manager/dashboard': { ok: [200] },
	'GET /manager/dashboard.csv': { ok: [400] },
	'GET /manager/compliance': { ok: [200] },
	'GET /manager/compliance.csv': { ok: [200] },
};

/* The sign-in form's token with its pre-session cookie, put in the
 * caller's cookie jar: what a sign-in form opened earlier carries. */
async function presessionToken(caller) {
	const form = new Client();
	const token = await form.csrfFrom('/sign-in');
	caller.client.jar.set(PRESESSION_COOKIE, form.jar.get(PRESESSION_COOKIE));
	return token;
}

// --- reading the C source ---------------------------------------------------

/* portal/ keeps one folder per layer: f is found in whichever holds it. */
const source = (f) => {
	const dir = fs.readdirSync(path.join(ROOT, 'portal'))
	    .find((d) => fs.existsSync(path.join(ROOT, 'portal', d, f)));
	assert.ok(dir, `portal/*/${f} not found`);
	return fs.readFileSync(path.join(ROOT, 'portal', dir, f), 'utf8');
};

/* Comments removed, continuation lines joined. */
function clean(src) {
	return src.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, '')
	    .replace(/\\\n/g, ' ');
}

/* #defines of src into macros: name → { params (null: object-like), body }. */
function parseDefines(src, macros) {
	for (const m of clean(src).matchAll(/^[ \t]*#[ \t]*define[ \t]+(\w+)(\(([^)]*)\))?(.*)$/gm))
		macros.set(m[1], {
			params: m[2] ? m[3].split(',').map((s) => s.trim()) : null,
			body: m[4].trim(),
		});
	return macros;
}

/* enum role of roles.h: names in order (ROLE__MAX last, the count). */
function parseRoleEnum(src) {
	const m = /\benum\s+role\s*\{([^}]*)\}/.exec(clean(src));
	assert.ok(m, 'roles.h: no enum role');
	const names = m[1].split(',').map((s) => s.trim()).filter(Boolean);
	assert.ok(names.every((n) => /^\w+$/.test(n)), `roles.h: enum role with explicit values: ${names}`);
	return names;
}

/* Splits a macro's arguments at top-level commas. */
function splitArgs(s) {
	const out = [];
	let depth = 0, cur = '';
	for (const ch of s) {
		if (ch === ',' && depth === 0) {
			out.push(cur.trim());
			cur = '';
			continue;
		}
		depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
		cur += ch;
	}
	out.push(cur.trim());
	return out;
}

/*
 * The value of a C constant expression made of integers, |, <<, + and -,
 * parentheses, enum names and macros (object- and function-like, with ##),
 * as a BigInt. Throws on anything else, naming it.
 */
function evaluate(expr, macros, enums, depth = 0) {
	assert.ok(depth < 32, `macro recursion too deep in "${expr}"`);
	const toks = expr.match(/\d+[uUlL]*|\w+|<<|[|()+\-,]|\S/g) || [];
	let i = 0;
	const peek = () => toks[i];
	const next = () => toks[i++];
	const want = (t) => assert.equal(next(), t, `expected "${t}" in "${expr}"`);
	const value = (text) => evaluate(text, macros, enums, depth + 1);

	function call(name) {
		const mac = macros.get(name);
		want('(');
		let d = 1, inner = '';
		for (;;) {
			const t = next();
			assert.ok(t !== undefined, `unclosed ${name}( in "${expr}"`);
			d += t === '(' ? 1 : t === ')' ? -1 : 0;
			if (d === 0)
				break;
			inner += `${t} `;
		}
		const args = splitArgs(inner);
		assert.equal(args.length, mac.params.length, `${name}: wrong argument count in "${expr}"`);
		let body = mac.body.replace(/\s*##\s*/g, '##');
		body = body.replace(/\w+/g, (w) => {
			const k = mac.params.indexOf(w);
			return k === -1 ? w : args[k].replace(/\s+/g, '');
		}).replace(/##/g, '');
		return value(body);
	}
	function primary() {
		const t = next();
		assert.ok(t !== undefined, `unexpected end of "${expr}"`);
		if (t === '(') {
			const v = or();
			want(')');
			return v;
		}
		if (/^\d/.test(t))
			return BigInt(t.replace(/[uUlL]+$/, ''));
		if (enums.has(t))
			return enums.get(t);
		const mac = macros.get(t);
		assert.ok(mac, `unknown name "${t}" in "${expr}"`);
		return mac.params ? call(t) : value(mac.body);
	}
	function add() {
		let v = primary();
		while (peek() === '+' || peek() === '-')
			v = next() === '+' ? v + primary() : v - primary();
		return v;
	}
	function shift() {
		let v = add();
		while (peek() === '<<') {
			next();
			v <<= add();
		}
		return v;
	}
	function or() {
		let v = shift();
		while (peek() === '|') {
			next();
			v |= shift();
		}
		return v;
	}
	const v = or();
	assert.equal(i, toks.length, `cannot read "${expr}" past "${toks[i]}"`);
	return v;
}

/*
 * The route table: [{ key, method, pattern, handler, roles (names), kind:
 * public | roles | api | bench, nids }], plus the role names of roles.h.
 */
function readRouteTable() {
	const macros = new Map();
	parseDefines(source('roles.h'), macros);
	parseDefines(source('extern.h'), macros);
	parseDefines(source('routes.c'), macros);	// routes.c's own groups win
	const enumNames = parseRoleEnum(source('roles.h'));
	const enums = new Map(enumNames.map((n, k) => [n, BigInt(k)]));
	const roleNames = enumNames.filter((n) => n !== 'ROLE__MAX')
	    .map((n) => n.replace(/^ROLE_/, '').toLowerCase());
	const all = evaluate('ROLES_ALL', macros, enums);
	const apiMask = evaluate('ROUTE_API', macros, enums);
	const benchMask = evaluate('ROUTE_BENCH', macros, enums);

	const text = clean(source('routes.c'));
	const m = /\broutes\s*\[\s*\]\s*=\s*\{([\s\S]*?)\n\s*\}\s*;/.exec(text);
	assert.ok(m, 'routes.c: no routes[] table');
	const rows = [...m[1].matchAll(/\{\s*(\w+)\s*,\s*"([^"]*)"\s*,\s*(\w+)\s*,\s*([^{}]*?)\s*\}/g)];
	assert.equal(rows.length, (m[1].match(/^\s*\{/gm) || []).length,
	    'routes.c: a row of routes[] is not in the form { METHOD, "pattern", handler, roles }');
	return {
		roleNames,
		routes: rows.map(([, methodTok, pattern, handler, expr]) => {
			let method = methodTok;
			for (let n = 0; macros.has(method) && n < 8; n++)
				method = macros.get(method).body;
			method = method.replace(/^HTTP_METHOD_/, '');
			const mask = evaluate(expr, macros, enums);
			let kind = 'roles';
			if (mask === apiMask)
				kind = 'api';
			else if (mask === benchMask)
				kind = 'bench';
			else if (mask === 0n)
				kind = 'public';
			else
				assert.equal(mask & ~all, 0n, `${method} ${pattern}: roles "${expr}" has unknown bits`);
			return {
				key: `${method} ${pattern}`, method, pattern, handler, expr, kind,
				roles: kind === 'roles' ? roleNames.filter((r, k) => mask & (1n << BigInt(k))) : [],
				nids: pattern.split('{id}').length - 1,
			};
		}),
	};
}

// --- fixtures ------------------------------------------------------------------

// A 1×1 PNG: the portal types uploads from their content.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAC' +
    'hwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const TESTSHIRE_CASEWORKER = 'caseworker@test.test';
const TESTSHIRE_EP = 'Testshire Educational Psychology Service';
const TESTSHIRE_SCHOOL = 'Testshire Academy';

function one(sql) {
	const v = psql(sql);
	assert.match(v, /^\d+$/, `expected one id from: ${sql}\ngot: ${v}`);
	return Number(v);
}

function ctl(args, input) {
	return spawnSync(path.join(ROOT, 'build/portalctl'), args,
	    { env: process.env, encoding: 'utf8', input });
}

function orgId(name) {
	return one(`SELECT id FROM organisations WHERE name = ${lit(name)}`);
}

/* The template (id, version) the demo data uses for a kind of advice. */
function templateOf(kind) {
	const t = psql(`SELECT template_id || '|' || template_version FROM advice_requests
	    WHERE kind = ${lit(kind)} ORDER BY id LIMIT 1`);
	assert.match(t, /^.+\|\d+$/, `no ${kind} advice request in the demo data to take a template from`);
	const [id, version] = t.split('|');
	return { id, version: Number(version) };
}

function newAssessment(council, caseworker, tag) {
	return one(`INSERT INTO assessments (council_id, reference, child_given_name,
	    child_family_name, date_of_birth, request_received, caseworker_id)
	    VALUES (${council}, ${lit(`MATRIX-${tag}`)}, 'Matrix', 'Fixture', '2016-03-01',
	    current_date - 20, ${caseworker}) RETURNING id`);
}

function newRequest(a, kind, org, prof, tpl, status, by) {
	return one(`INSERT INTO advice_requests (assessment_id, kind, organisation_id,
	    professional_id, template_id, template_version, question, requested_on, due_on,
	    status, created_by) VALUES (${a}, ${lit(kind)}, ${org}, ${prof ?? 'NULL'},
	    ${lit(tpl.id)}, ${tpl.version}, 'Access matrix fixture', current_date - 19,
	    current_date + 23, ${lit(status)}, ${by}) RETURNING id`);
}

function newAdvice(r, tpl, status, author) {
	return one(`INSERT INTO advice (request_id, version, template_id, template_version,
	    status, author_id, submitted_at, return_message) VALUES (${r}, 1, ${lit(tpl.id)},
	    ${tpl.version}, ${lit(status)}, ${author},
	    ${status === 'draft' ? 'NULL' : 'now()'},
	    ${lit(status === 'returned' ? 'Access matrix fixture: please clarify.' : '')}) RETURNING id`);
}

async function upload(caller, requestId, filename) {
	const fd = new FormData();
	fd.append('csrf', caller.csrf);
	fd.append('file', new Blob([PNG], { type: 'image/png' }), filename);
	const r = await caller.client.request('POST', `/requests/${requestId}/documents`, { body: fd });
	assert.equal(r.status, 303, `fixture upload as ${caller.name}: ${r.status}\n${r.text.slice(0, 300)}`);
	return one(`SELECT max(id) FROM documents WHERE request_id = ${requestId}
	    AND filename = ${lit(filename)}`);
}

/*
 * Demoshire's own records for the roles, and the same kinds of record of
 * Testshire (another council, its own caseworker and EP service). Returns
 * { ids: fixture name → Demoshire id, foreign: kind → Testshire id,
 *   testshireKey, cleanup }.
 */
async function fixtures(callers) {
	const tag = `${process.pid}-${Date.now()}`;
	const council = orgId('Demoshire County Council');
	const epService = orgId('Demoshire Educational Psychology Service');
	const cw = accountId(ACCOUNT_OF_ROLE.caseworker);
	const ep = accountId(ACCOUNT_OF_ROLE.professional);
	const parent = accountId(ACCOUNT_OF_ROLE.parent);
	const psy = templateOf('psychological');
	const parentTpl = templateOf('parent');

	// Demoshire: an assessment of the caseworker with the parent as contact;
	// a psychological request allocated to the EP whose version 1 was
	// returned for clarification (open for the author, version 1 readable by
	// everyone); the parent's views, a draft.
	const a = newAssessment(council, cw, `D-${tag}`);
	const contact = one(`INSERT INTO assessment_contacts (assessment_id, name, email, relationship, account_id)
	    VALUES (${a}, 'Pat Rowe', ${lit(ACCOUNT_OF_ROLE.parent)}, 'Mother', ${parent}) RETURNING id`);
	const rEp = newRequest(a, 'psychological', epService, ep, psy, 'returned', cw);
	newAdvice(rEp, psy, 'returned', ep);
	const rParent = newRequest(a, 'parent', council, parent, parentTpl, 'draft', cw);
	newAdvice(rParent, parentTpl, 'draft', parent);
	const ids = {
		assessment: a, contact, 'request:ep': rEp, 'request:parent': rParent,
		'account:caseworker': cw, 'account:ep': ep, 'organisation:ep': epService,
		'account:spare': one(`INSERT INTO accounts (organisation_id, role, email, display_name,
		    password_hash) VALUES (${council}, 'caseworker', ${lit(`matrix-spare-${tag}@example.com`)},
		    'Matrix Spare', '!invited') RETURNING id`),
		'document:ep': await upload(callers.professional, rEp, `matrix-${tag}-ep.png`),
		'document:ep-delete': await upload(callers.professional, rEp, `matrix-${tag}-ep-del.png`),
		'document:parent': await upload(callers.parent, rParent, `matrix-${tag}-parent.png`),
		'document:parent-delete': await upload(callers.parent, rParent, `matrix-${tag}-parent-del.png`),
	};
	// A second assessment of the parent with a draft plan served on them
	// (an empty plan: the family's pages need only the draft served).
	const served = newAssessment(council, cw, `S-${tag}`);
	psql(`INSERT INTO assessment_contacts (assessment_id, name, email, relationship, account_id)
	    VALUES (${served}, 'Pat Rowe', ${lit(ACCOUNT_OF_ROLE.parent)}, 'Mother', ${parent});
	    INSERT INTO plans (council_id, assessment_id, status, created_by)
	    VALUES (${council}, ${served}, 'draft_issued', ${cw});
	    INSERT INTO assessment_decisions (council_id, assessment_id, kind, decided_on, due_on,
	    comments_due, plan_version, recorded_by) VALUES (${council}, ${served}, 'draft_issued',
	    current_date, current_date + 100, current_date + 14, 1, ${cw})`);
	ids['assessment:served'] = served;
	// The EP's file was part of version 1 (a draft's file is its author's
	// alone: db/009_limits.sql).
	psql(`INSERT INTO advice_documents (advice_id, document_id) SELECT id, ${ids['document:ep']}
	    FROM advice WHERE request_id = ${rEp} AND version = 1`);

	// Testshire: its own caseworker, EP service, assessment, a submitted
	// request and a document (never decrypted: nobody may reach it).
	ensureTestshire();
	let r = ctl(['create-org', 'ep_service', TESTSHIRE_EP, TESTSHIRE]);
	assert.equal(r.status, 0, `portalctl create-org: ${r.stderr}`);
	r = ctl(['create-account', TESTSHIRE_CASEWORKER, 'caseworker', TESTSHIRE, 'Tess Caseworker'],
	    `${TESTSHIRE_PASSWORD}\n`);
	if (r.status !== 0)
		assert.match(r.stderr, /exists/, `portalctl create-account: ${r.stderr}`);
	r = ctl(['create-api-key', TESTSHIRE]);
	assert.equal(r.status, 0, `portalctl create-api-key: ${r.stderr}`);
	const testshireKey = r.stdout.trim();
	const tcw = accountId(TESTSHIRE_CASEWORKER);
	const ta = newAssessment(orgId(TESTSHIRE), tcw, `T-${tag}`);
	const tr = newRequest(ta, 'psychological', orgId(TESTSHIRE_EP), null, psy, 'submitted', tcw);
	newAdvice(tr, psy, 'submitted', tcw);
	const td = one(`INSERT INTO documents (request_id, filename, media_type, size, sha256,
	    wrapped_key, content, uploaded_by) VALUES (${tr}, 'testshire.png', 'image/png', 1,
	    repeat('0', 64), '\\x00'::bytea, '\\x00'::bytea, ${tcw}) RETURNING id`);
	const tc = one(`INSERT INTO assessment_contacts (assessment_id, name, email, relationship)
	    VALUES (${ta}, 'Tam Testshire', ${lit(`tam-${tag}@example.com`)}, 'Father') RETURNING id`);
	const foreign = { assessment: ta, contact: tc, request: tr, document: td, account: tcw,
		organisation: orgId(TESTSHIRE_EP) };
	// The case import (issue 13): a previewed file of each council's administrator.
	const upload_ = (org, admin) => one(`INSERT INTO import_uploads (council_id, account_id, content, rows)
	    VALUES (${org}, ${admin}, 'reference', 1) RETURNING id`);
	ids['import:upload'] = upload_(council, accountId(ACCOUNT_OF_ROLE.admin));
	foreign.import = upload_(orgId(TESTSHIRE), ensureTestshire());

	// Consultations: Hillcrest Academy's on a Demoshire assessment with a
	// plan (not the assessment fixture, which has none), and a Testshire
	// school's on a Testshire assessment.
	const consultation = (council, ass, by, setting) => {
		const plan = one(`INSERT INTO plans (council_id, assessment_id, created_by)
		    VALUES (${council}, ${ass}, ${by}) RETURNING id`);
		return one(`INSERT INTO consultations (council_id, assessment_id, plan_id, plan_version, setting_id,
		    sent_on, due_on, sent_by) VALUES (${council}, ${ass}, ${plan}, 1, ${setting}, current_date,
		    current_date + 15, ${by}) RETURNING id`);
	};
	const ac = newAssessment(council, cw, `DC-${tag}`);
	ids.consultation = consultation(council, ac, cw, orgId('Hillcrest Academy'));
	r = ctl(['create-org', 'school', TESTSHIRE_SCHOOL, TESTSHIRE]);
	assert.equal(r.status, 0, `portalctl create-org: ${r.stderr}`);
	const tac = newAssessment(orgId(TESTSHIRE), tcw, `TC-${tag}`);
	foreign.consultation = consultation(orgId(TESTSHIRE), tac, tcw, orgId(TESTSHIRE_SCHOOL));

	const cleanup = () => {
		const drafts = `SELECT id FROM assessment_decisions WHERE assessment_id = ${served}`;
		psql(`DELETE FROM plan_comments WHERE draft_issue_id IN (${drafts});
		    DELETE FROM plan_requests WHERE draft_issue_id IN (${drafts});
		    DELETE FROM plan_responses WHERE draft_issue_id IN (${drafts});
		    DELETE FROM assessment_decisions WHERE assessment_id = ${served};
		    DELETE FROM plans WHERE assessment_id = ${served};
		    DELETE FROM assessment_contacts WHERE assessment_id = ${served};
		    DELETE FROM assessments WHERE id = ${served};`);
		psql(`DELETE FROM notifications WHERE link ~ ${lit(`^/consultations/(${ids.consultation}|${foreign.consultation})$`)};
		    DELETE FROM consultations WHERE assessment_id IN (${ac}, ${tac});
		    DELETE FROM plans WHERE assessment_id IN (${ac}, ${tac});
		    DELETE FROM assessments WHERE id IN (${ac}, ${tac});`);
		const as = `${a}, ${ta}`;
		const rs = `SELECT id FROM advice_requests WHERE assessment_id IN (${as})`;
		psql(`DELETE FROM notifications WHERE link ~ ${lit(`^/requests/(${rEp}|${rParent}|${tr})$`)};
		    DELETE FROM advice_documents WHERE document_id IN
		        (SELECT id FROM documents WHERE request_id IN (${rs}));
		    DELETE FROM documents WHERE request_id IN (${rs});
		    DELETE FROM advice WHERE request_id IN (${rs});
		    DELETE FROM advice_requests WHERE assessment_id IN (${as});
		    DELETE FROM assessment_contacts WHERE assessment_id IN (${as});
		    DELETE FROM assessments WHERE id IN (${as});`);
	};
	return { ids, foreign, testshireKey, cleanup };
}

// --- callers -----------------------------------------------------------------

/* One signed-in client per role, with the CSRF token of its pages. */
async function signedInCallers(roleNames) {
	const callers = {};
	for (const role of roleNames) {
		const email = ACCOUNT_OF_ROLE[role];
		assert.ok(email, `roles.h has role ${role}, but the matrix has no demo account for it`);
		const client = await signIn(email);
		const home = (await client.get('/')).location;
		const page = await client.get(home);
		assert.equal(page.status, 200, `${email}: home ${home} answered ${page.status}`);
		const csrf = getCsrf(page.text);
		assert.ok(csrf, `${email}: no csrf field on ${home}`);
		callers[role] = { name: role, client, csrf, role };
	}
	return callers;
}

/* Signed out: every GET /sign-in sets a new pre-session cookie, so the
 * token is fetched again before each POST. */
async function anonymousCaller() {
	const caller = { name: 'anonymous', client: new Client(), csrf: undefined, role: null };
	caller.refresh = async () => {
		caller.csrf = await caller.client.csrfFrom('/sign-in');
		return caller.csrf;
	};
	await caller.refresh();
	return caller;
}

// --- the matrix -----------------------------------------------------------------

// Read once; a table the parser cannot read fails the first test, not the file.
let table = { routes: [], roleNames: [] };
let tableError;
try {
	table = readRouteTable();
} catch (e) {
	tableError = e;
}
let callers;	// role → caller
let anonymous;
let fx;

before(async () => {
	if (tableError)
		return;
	clearAttempts();
	callers = await signedInCallers(table.roleNames);
	anonymous = await anonymousCaller();
	fx = await fixtures(callers);
});

after(() => {
	fx?.cleanup();
	clearAttempts();
});

function okFor(entry, caller) {
	if (Array.isArray(entry.ok))
		return entry.ok;
	return entry.ok[caller.role ?? 'anonymous'] ??
	    (caller.role ? entry.ok.signed : undefined) ?? [];
}

function url(pattern, ids) {
	let k = 0;
	return pattern.replace(/\{id\}/g, () => String(ids[k++]));
}

/* A fixture list → ids: Demoshire's (own) or Testshire's (foreign);
 * literal numbers (a version) stay as they are. */
function resolve(list, which) {
	return list.map((x) => {
		if (typeof x === 'number')
			return x;
		if (which === 'foreign') {
			const id = fx.foreign[x.split(':')[0]];
			assert.ok(id, `no Testshire fixture of kind ${x.split(':')[0]}`);
			return id;
		}
		assert.ok(fx.ids[x], `no fixture ${x}`);
		return fx.ids[x];
	});
}

/* One request as caller (a session caller, or { key } for the API). */
async function send(route, entry, caller, target) {
	const headers = {};
	if (caller.key !== undefined)
		headers.authorization = `Bearer ${caller.key}`;
	if (route.method === 'GET')
		return caller.client.request('GET', target, { headers });
	if (route.kind === 'api') {
		headers['content-type'] = 'application/json';
		return caller.client.request('POST', target,
		    { headers, body: JSON.stringify(entry.body ? entry.body(fx) : {}) });
	}
	let csrf = caller.csrf;
	if (entry.csrf)
		csrf = await entry.csrf(caller);
	else if (caller.refresh)
		csrf = await caller.refresh();
	const form = { ...(entry.body ? entry.body(fx) : {}), csrf };
	return caller.client.request('POST', target, { headers, form });
}

/*
 * Runs every check of one route and returns the problems found (strings).
 * Callers the route refuses go first: an allowed POST may change the
 * record (a deleted document) the refused callers are tried on.
 */
async function checkRoute(route, entry) {
	const problems = [];
	const seen = [];
	checkRoute.requests = 0;
	const expect = async (caller, target, what, statuses, extra) => {
		const r = await send(route, entry, caller, target);
		checkRoute.requests++;
		seen.push({ caller: caller.name, what, status: r.status, text: r.text });
		const bad = [];
		if (!statuses.includes(r.status))
			bad.push(`answered ${r.status}, expected ${statuses.join(' or ')}`);
		if (r.status >= 500)
			bad.push('a server error');
		if (extra)
			bad.push(...extra(r));
		if (bad.length)
			problems.push(`${caller.name} ${route.method} ${target} (${what}): ${bad.join('; ')}`);
		return r;
	};
	const toSignIn = (r) => (r.location === '/sign-in' ? [] : [`Location ${r.location}, expected /sign-in`]);
	const noLeak = (who) => {
		// (b) another council's record and (c) a missing one: indistinguishable.
		const b = seen.find((s) => s.caller === who && s.what === 'another council\'s');
		const c = seen.find((s) => s.caller === who && s.what === 'missing');
		if (b && c && (b.status !== c.status || b.text !== c.text))
			problems.push(`${who} ${route.key}: another council's record (${b.status}) ` +
			    `differs from a missing one (${c.status})`);
	};
	const anyOwn = Object.values(entry.own ?? {}).find((v) => v);
	const sampleIds = anyOwn ? resolve(anyOwn, 'own') : Array(route.nids).fill(MISSING);
	const idCases = (list) => (route.nids === 0 ? [['', []]] : [
		[list ? 'own' : 'a record of the route', list ? resolve(list, 'own') : sampleIds],
		['another council\'s', list ? resolve(list, 'foreign') : resolve(anyOwn ?? [], 'foreign')],
		['missing', Array(route.nids).fill(MISSING)],
	]).filter(([, ids]) => ids.length === route.nids);

	if (route.kind === 'bench') {
		for (const caller of [anonymous, ...Object.values(callers)])
			await expect(caller, url(route.pattern, []), 'bench', BENCH ? entry.ok : [404]);
		return problems;
	}

	if (route.kind === 'api') {
		const own = entry.own?.key;
		assert.ok(route.nids === 0 || own, `${route.key}: EXPECT names no own record for the API key`);
		const cases = idCases(own);
		// Without a key (signed in or not) and with a wrong one: 401.
		for (const caller of [anonymous, ...Object.values(callers),
		    { name: 'wrong API key', client: new Client(), key: 'not-a-key' }])
			for (const [what, ids] of cases)
				await expect(caller, url(route.pattern, ids), what || 'no key', [401]);
		const demo = { name: 'Demoshire API key', client: new Client(), key: DEMO_API_KEY };
		const tess = { name: 'Testshire API key', client: new Client(), key: fx.testshireKey };
		for (const [what, ids] of cases) {
			const statuses = what === 'own' || what === '' ? entry.ok : [404];
			await expect(demo, url(route.pattern, ids), what || 'route', statuses);
			// Testshire's key on Demoshire's records: another council's.
			if (what === 'own')
				await expect(tess, url(route.pattern, ids), 'Demoshire\'s, by Testshire', [404]);
		}
		noLeak(demo.name);
		return problems;
	}

	const allowed = (caller) => route.kind === 'public' || route.roles.includes(caller.role);
	const refused = Object.values(callers).filter((c) => !allowed(c));
	const permitted = Object.values(callers).filter((c) => allowed(c));

	// Anonymous.
	for (const [what, ids] of idCases(null)) {
		const target = url(route.pattern, ids);
		if (route.kind === 'public')
			await expect(anonymous, target, what || 'route', okFor(entry, anonymous));
		else if (route.method === 'GET')
			await expect(anonymous, target, what || 'route', [303], toSignIn);
		else
			await expect(anonymous, target, what || 'route', [401, 403]);
	}
	// Signed in, not allowed: 404 whatever the id.
	for (const caller of refused) {
		for (const [what, ids] of idCases(null))
			await expect(caller, url(route.pattern, ids), what || 'route', [404]);
		noLeak(caller.name);
	}
	// Signed in and allowed.
	for (const caller of permitted) {
		let list = null;
		if (route.nids > 0) {
			assert.ok(entry.own && caller.role in entry.own,
			    `${route.key} allows ${caller.role}, but EXPECT names no own record for it ` +
			    '(give its fixture, or null if the role has none)');
			list = entry.own[caller.role];
		}
		for (const [what, ids] of idCases(list)) {
			if (what === 'a record of the route')
				continue;	/* the role has no record of its own here */
			const statuses = what === 'own' || what === '' ? okFor(entry, caller) : [404];
			const notRefused = (r) => (what === 'own' && [401, 403, 404].includes(r.status) ?
			    [`the route allows ${caller.role} on its own record but answered ${r.status}`] : []);
			await expect(caller, url(route.pattern, ids), what || 'route', statuses, notRefused);
		}
		noLeak(caller.name);
	}
	return problems;
}

describe(`access matrix generated from portal/web/routes.c (${table.routes.length} routes × ` +
    `${table.roleNames.length} roles + anonymous)`, () => {
	test('routes.c was read: methods, patterns and roles', () => {
		if (tableError)
			throw tableError;
		assert.ok(table.routes.length >= 10, `only ${table.routes.length} routes read`);
		assert.ok(table.roleNames.length >= 7, `only ${table.roleNames.length} roles read`);
		for (const r of table.routes) {
			assert.match(r.method, /^(GET|POST)$/, `${r.key}: method`);
			assert.match(r.pattern, /^\//, `${r.key}: pattern`);
		}
		const k = (m, p) => table.routes.find((r) => r.key === `${m} ${p}`);
		// Spot checks of the group expansion against the table's comments.
		assert.deepEqual(k('GET', '/assessments/{id}')?.roles, ['caseworker', 'manager', 'parent']);
		assert.deepEqual(k('POST', '/sign-out')?.roles, table.roleNames);
		assert.equal(k('GET', '/sign-in')?.kind, 'public');
	});

	test('every route of routes.c has an entry in the expectations map, and no other', () => {
		const keys = new Set(table.routes.map((r) => r.key));
		const missing = table.routes.filter((r) => !(r.key in EXPECT)).map((r) => r.key);
		const stale = Object.keys(EXPECT).filter((k) => !keys.has(k));
		assert.deepEqual(missing, [], `routes.c has routes with no entry in EXPECT ` +
		    `(a route missing from the table fails the test): ${missing.join(', ')}`);
		assert.deepEqual(stale, [], `EXPECT has entries for routes routes.c does not have: ${stale.join(', ')}`);
	});

	const ordered = [...table.routes].sort((x, y) => Number(!!EXPECT[x.key]?.last) -
	    Number(!!EXPECT[y.key]?.last));
	for (const route of ordered) {
		const who = route.kind === 'roles' ? route.roles.join('|') : route.kind;
		test(`${route.key} [${who}]`, async (t) => {
			const entry = EXPECT[route.key];
			assert.ok(entry, `${route.key} is in routes.c but has no entry in EXPECT ` +
			    '(a route missing from the table fails the test)');
			const problems = await checkRoute(route, entry);
			t.diagnostic(`${checkRoute.requests} requests`);
			assert.deepEqual(problems, [], `${route.key}:\n  ${problems.join('\n  ')}`);
		});
	}
});
