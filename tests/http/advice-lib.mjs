// Helpers for the advice, API and upload tests, on top of lib.mjs:
// dates as the portal counts them, the portal's forms (assessment, advice
// request, allocation, advice, upload), raw downloads, the API, counting
// rows as the schema owner, and the second council (Testshire) with its
// own caseworker and API key.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

import {
	BASE_URL, ROOT, TESTSHIRE, TESTSHIRE_PASSWORD, accountId, decodeHtml, ensureTestshire,
	getCsrf, lit, psql,
} from './lib.mjs';

export const DEMO_API_KEY = 'demo-api-key-2026';
export const MISSING = 99999999;
export const DEMOSHIRE = 'Demoshire County Council';
export const EP_SERVICE = 'Demoshire Educational Psychology Service';
export const TESTSHIRE_CASEWORKER = 'caseworker@test.test';

/* A tag that makes names of this run unique. */
export const TAG = `${process.pid}${Date.now().toString(36)}`;

// --- dates (UTC, like the portal's config_today) ------------------------------------

/* The portal's today: PORTAL_TODAY when the tests set it, else the UTC date. */
export function today() {
	return process.env.PORTAL_TODAY || new Date().toISOString().slice(0, 10);
}

/* iso + days, as YYYY-MM-DD. */
export function addDays(iso, days) {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/* An ISO date as the pages write it: "6 December 2026", with weekday
 * "Sunday 6 December 2026" (portal/domain/datefmt.c). */
export function words(iso, weekday = false) {
	const d = new Date(`${iso}T00:00:00Z`);
	const out = d.toLocaleDateString('en-GB', {
		day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC',
		...(weekday ? { weekday: 'long' } : {}),
	});
	return out.replace(',', '');
}

/* { day, month, year } of an ISO date, as a person types them (no zero padding). */
export function parts(iso) {
	const [y, m, d] = iso.split('-');
	return { day: String(Number(d)), month: String(Number(m)), year: y };
}

// --- SQL as the owner ----------------------------------------------------------------

/* A single number from SQL. */
export function num(sql) {
	const v = psql(sql);
	assert.match(v, /^-?\d+$/, `expected a number from: ${sql}\ngot: ${v}`);
	return Number(v);
}

export function orgId(name) {
	return num(`SELECT id FROM organisations WHERE name = ${lit(name)}`);
}

/* Rows of table (optionally where ...). */
export function count(table, where = 'true') {
	return num(`SELECT count(*) FROM ${table} WHERE ${where}`);
}

/* Audit rows of action on an object. */
export function audits(action, objectType, objectId) {
	return count('audit_log', `action = ${lit(action)} AND object_type = ${lit(objectType)}
	    AND object_id = ${Number(objectId)}`);
}

/* The advice versions of a request: [{ id, version, status, return_message }]. */
export function adviceVersions(requestId) {
	const out = psql(`SELECT id || '|' || version || '|' || status || '|' || return_message
	    FROM advice WHERE request_id = ${Number(requestId)} ORDER BY version`);
	return out === '' ? [] : out.split('\n').map((l) => {
		const [id, version, status, ...msg] = l.split('|');
		return { id: Number(id), version: Number(version), status, return_message: msg.join('|') };
	});
}

/* Every stored value of an advice version, as one comparable string. */
export function valuesSnapshot(adviceId) {
	return psql(`SELECT coalesce(string_agg(field_id || '/' || row_no || '/' || column_id || '=' ||
	    value, E'\\n' ORDER BY field_id, row_no, column_id), '')
	    FROM advice_values WHERE advice_id = ${Number(adviceId)}`);
}

/* The value stored for a field (row -1 = scalar) of an advice version, or undefined. */
export function storedValue(adviceId, field, row = -1, column = '') {
	const v = psql(`SELECT value FROM advice_values WHERE advice_id = ${Number(adviceId)}
	    AND field_id = ${lit(field)} AND row_no = ${row} AND column_id = ${lit(column)}`);
	return v === '' ? undefined : v;
}

export function requestRow(requestId) {
	const [status, due, requested, prof] = psql(`SELECT status || '|' || due_on || '|' ||
	    requested_on || '|' || coalesce(professional_id::text, '') FROM advice_requests
	    WHERE id = ${Number(requestId)}`).split('|');
	return { status, due_on: due, requested_on: requested, professional_id: prof ? Number(prof) : null };
}

// --- portalctl and the second council --------------------------------------------------

export function ctl(args, input) {
	return spawnSync(path.join(ROOT, 'build/portalctl'), args,
	    { env: process.env, encoding: 'utf8', input });
}

/* Testshire County Council with a caseworker of its own (idempotent); the email. */
export function ensureTestshireCaseworker() {
	ensureTestshire();
	const r = ctl(['create-account', TESTSHIRE_CASEWORKER, 'caseworker', TESTSHIRE, 'Tess Caseworker'],
	    `${TESTSHIRE_PASSWORD}\n`);
	if (r.status !== 0)
		assert.match(r.stderr, /exists/, `portalctl create-account: ${r.stderr}`);
	accountId(TESTSHIRE_CASEWORKER);
	return TESTSHIRE_CASEWORKER;
}

/* A new API key of Testshire (printed once by portalctl). */
export function testshireApiKey() {
	ensureTestshire();
	const r = ctl(['create-api-key', TESTSHIRE]);
	assert.equal(r.status, 0, `portalctl create-api-key: ${r.stderr}`);
	const key = r.stdout.trim();
	assert.match(key, /^[A-Za-z0-9_-]{43}$/, `portalctl create-api-key printed ${key}`);
	return key;
}

// --- reading pages ---------------------------------------------------------------------

function attrRe(name) {
	return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/* The value of the input or textarea named name (decoded), or undefined. */
export function fieldValue(html, name) {
	const n = attrRe(name);
	let m = new RegExp(`<textarea[^>]*\\bname="${n}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
	if (m)
		return decodeHtml(m[1]);
	m = new RegExp(`<input[^>]*\\bname="${n}"[^>]*>`).exec(html);
	if (!m)
		return undefined;
	const v = /\bvalue="([^"]*)"/.exec(m[0]);
	return v ? decodeHtml(v[1]) : '';
}

/* The GOV.UK error summary: [{ href, message }], or null when the page has none. */
export function errorSummary(html) {
	const m = /<div class="govuk-error-summary"[\s\S]*?<ul class="govuk-list govuk-error-summary__list">([\s\S]*?)<\/ul>/
	    .exec(html);
	if (!m)
		return null;
	return [...m[1].matchAll(/<a href="([^"]*)">([\s\S]*?)<\/a>/g)].map((a) => ({
		href: decodeHtml(a[1]), message: decodeHtml(a[2]).trim(),
	}));
}

/* The <dd> of the summary-list row whose <dt> contains key (text), or undefined. */
export function summaryValue(html, key) {
	for (const m of html.matchAll(/<dt class="govuk-summary-list__key">([\s\S]*?)<\/dt>\s*<dd class="govuk-summary-list__value">([\s\S]*?)<\/dd>/g)) {
		const k = decodeHtml(m[1].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
		if (k.includes(key))
			return decodeHtml(m[2].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
	}
	return undefined;
}

/* The page's text, tags removed, entities decoded, whitespace collapsed. */
export function textOf(html) {
	return decodeHtml(html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]*>/g, ' '))
	    .replace(/\s+/g, ' ');
}

// --- the portal's forms -------------------------------------------------------------------

/* POSTs form (object or pairs) to p with the csrf token of page from. */
export async function postFrom(client, from, p, form) {
	const csrf = await client.csrfFrom(from);
	const pairs = Array.isArray(form) ? form : Object.entries(form);
	return client.post(p, [['csrf', csrf], ...pairs]);
}

/*
 * Starts an assessment through the form as a caseworker; returns
 * { id, response }. received is an ISO date.
 */
export async function createAssessment(cw, { given, family, dob = '2016-04-02', received,
    year = 'Year 4', setting = 'Brookfield Primary School', parentEmail, parentName = 'Robin Carer', caseworker,
    extra = {} }) {
	const csrf = await cw.csrfFrom('/assessments/new');
	const d = parts(dob);
	const r = parts(received);
	const res = await cw.post('/assessments', {
		csrf, given_name: given, family_name: family,
		'dob-day': d.day, 'dob-month': d.month, 'dob-year': d.year,
		year_group: year, setting, nhs_number: '', upn: '',
		parent_name: parentName, parent_email: parentEmail || `carer-${TAG}@example.com`,
		relationship: 'Mother',
		'received-day': r.day, 'received-month': r.month, 'received-year': r.year,
		caseworker: String(caseworker ?? accountId('caseworker@demo.test')),
		...extra,
	});
	const m = /^\/assessments\/(\d+)(?:\?created=1)?$/.exec(res.location || '');
	return { id: m ? Number(m[1]) : undefined, response: res };
}

/* Requests advice through the form; returns the response. */
export async function requestAdvice(cw, assessmentId, { kind = 'psychological', organisation,
    requested, day, month, year, question = '', profession = '' }) {
	const p = requested ? parts(requested) : { day, month, year };
	return postFrom(cw, `/assessments/${assessmentId}/requests/new`,
	    `/assessments/${assessmentId}/requests`, {
		kind, organisation: String(organisation ?? orgId(EP_SERVICE)), profession, question,
		'requested-day': p.day, 'requested-month': p.month, 'requested-year': p.year,
	});
}

/* The newest request of an assessment (id), from the database. */
export function latestRequest(assessmentId) {
	return num(`SELECT coalesce(max(id), 0) FROM advice_requests WHERE assessment_id = ${Number(assessmentId)}`);
}

/* The service lead allocates request to the professional with email. */
export async function allocate(lead, requestId, email) {
	return postFrom(lead, '/service', `/requests/${requestId}/allocate`,
	    { professional: String(accountId(email)) });
}

/*
 * A complete psychological advice as form pairs: every required field,
 * one provision row, the declaration when decl is true.
 */
export function psychologicalAdvice(marker, { decl = true, omit = [] } = {}) {
	const seen = parts(addDays(today(), -2));
	const f = {
		'f.date_seen-day': seen.day,
		'f.date_seen-month': seen.month,
		'f.date_seen-year': seen.year,
		'f.background': `Background ${marker}: referred by the school in Year 2.`,
		'f.assessment_methods': `Methods ${marker}: observation in class, consultation with parents.`,
		'f.child_views': `Views ${marker}: likes drawing and dinosaurs.`,
		'f.ci_needs': `Communication needs ${marker}: struggles to follow multi-step instructions.`,
		'f.ci_provision.0.what': `Language group ${marker}`,
		'f.ci_provision.0.by_whom': 'Teaching assistant trained by a speech and language therapist',
		'f.ci_provision.0.how_often': '3 times a week, 20 minutes',
		'f.ci_provision.0.how_long': 'Until the next annual review',
		'f.cl_needs': `Learning needs ${marker}: reading age two years below.`,
		'f.semh_needs': `SEMH needs ${marker}: anxious at transitions.`,
		'f.sp_needs': `Sensory needs ${marker}: no concerns.`,
		'f.summary': `Summary ${marker}: needs across communication and learning.`,
	};
	for (const k of omit) {
		delete f[k];
		for (const p of ['day', 'month', 'year'])
			delete f[`${k}-${p}`];
	}
	const pairs = Object.entries(f);
	if (decl)
		pairs.push(['decl_name', 'Dr Evan Price'], ['decl_role', 'Educational psychologist'],
		    ['decl_registration', 'HCPC PYL01234'], ['decl_confirm', 'yes']);
	return pairs;
}

/* Saves (action save) or submits advice with the form of the request page. */
export async function postAdvice(client, requestId, pairs, action = 'save') {
	const page = await client.get(`/requests/${requestId}`);
	assert.equal(page.status, 200, `GET /requests/${requestId}: ${page.status}`);
	const csrf = getCsrf(page.text);
	const tid = fieldValue(page.text, 'template_id');
	const tver = fieldValue(page.text, 'template_version');
	return client.post(`/requests/${requestId}/advice`, [['csrf', csrf], ['template_id', tid ?? ''],
	    ['template_version', tver ?? ''], ...pairs, ['action', action]]);
}

// --- uploads and downloads ---------------------------------------------------------------------

/* Uploads a file (multipart: csrf, file) to a request, as a browser does
 * from the request's documents page. */
export async function upload(client, requestId, data, filename, type = 'application/octet-stream') {
	const csrf = await client.csrfFrom(`/requests/${requestId}/documents`);
	const fd = new FormData();
	fd.append('csrf', csrf);
	fd.append('file', new Blob([data], { type }), filename);
	return client.request('POST', `/requests/${requestId}/documents`, { body: fd });
}

/* A GET whose body is kept as bytes. */
export async function getBytes(client, p) {
	const res = await fetch(client.base + p, {
		headers: { cookie: client.cookieHeader() }, redirect: 'manual',
	});
	return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

// --- the API ------------------------------------------------------------------------------------

/*
 * One API call. body: an object (sent as JSON) or a string (sent as is).
 * key: the bearer key (null: no Authorization header).
 */
export async function api(method, p, body, key = DEMO_API_KEY, headers = {}) {
	const h = { ...headers };
	if (key !== null)
		h.authorization = `Bearer ${key}`;
	if (body !== undefined && !('content-type' in h))
		h['content-type'] = 'application/json';
	const res = await fetch(BASE_URL + p, {
		method, headers: h, redirect: 'manual',
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await res.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

// --- long templates as a task list (issue 11) -----------------------------------------------------

/* The psychological template's tasks: 1 background and views, then the four areas. */
export const PSYCH_TASKS = 5;
export function psychologicalTask(name) {
	const field = name.replace(/^f\./, '').split(/[.-]/)[0];
	for (const [n, prefix] of [[2, 'ci_'], [3, 'cl_'], [4, 'semh_'], [5, 'sp_']])
		if (field.startsWith(prefix))
			return n;
	return 1;
}

/* Saves one task (its page's form: part = n) with pairs; returns the response. */
export async function saveTask(client, requestId, n, pairs) {
	const page = await client.get(`/requests/${requestId}/tasks/${n}`);
	assert.equal(page.status, 200, `GET /requests/${requestId}/tasks/${n}: ${page.status}`);
	return client.post(`/requests/${requestId}/advice`, [['csrf', getCsrf(page.text)],
	    ['template_id', fieldValue(page.text, 'template_id')],
	    ['template_version', fieldValue(page.text, 'template_version')],
	    ['part', String(n)], ...pairs, ['action', 'save']]);
}

/* Saves every task of psychological advice from pairs (f.* only; a task with none is cleared). */
export async function savePsychological(client, requestId, pairs) {
	for (let n = 1; n <= PSYCH_TASKS; n++) {
		const mine = pairs.filter(([k]) => k.startsWith('f.') && psychologicalTask(k) === n);
		const r = await saveTask(client, requestId, n, mine);
		assert.equal(r.status, 303, `task ${n}: ${r.status} ${r.text.slice(0, 300)}`);
	}
}

/* Submits from the declaration-and-submit page with the decl_* pairs; returns the response. */
export async function submitTasks(client, requestId, pairs) {
	const page = await client.get(`/requests/${requestId}/submit`);
	assert.equal(page.status, 200, `GET /requests/${requestId}/submit: ${page.status}`);
	return client.post(`/requests/${requestId}/advice`, [['csrf', getCsrf(page.text)],
	    ['part', 'declaration'], ...pairs.filter(([k]) => k.startsWith('decl_')),
	    ['action', 'submit']]);
}

/* The task list: [{ title, href, status }] in order. */
export function taskList(html) {
	return [...html.matchAll(/<li class="govuk-task-list__item[^"]*">([\s\S]*?)<\/li>/g)].map((m) => ({
		title: textOf(/<a [^>]*>([\s\S]*?)<\/a>/.exec(m[1])?.[1] ?? '').trim(),
		href: /href="([^"]*)"/.exec(m[1])?.[1],
		status: textOf(/<div class="govuk-task-list__status"[^>]*>([\s\S]*?)<\/div>/.exec(m[1])?.[1] ?? '').trim(),
	}));
}

/* The family's timeline (templates/pages/_timeline.html): each step's
 * text (title, tag, what happened, due date, exception) and its HTML,
 * in order. */
export function timelineSteps(html) {
	return [...html.matchAll(/<li class="app-timeline__step">([\s\S]*?)<\/li>/g)].map((m) => ({
		title: textOf(/<h3[^>]*>([\s\S]*?)<strong/.exec(m[1])?.[1] || '').trim(),
		text: textOf(m[1]).trim(),
		html: m[1],
	}));
}

/* The timeline step whose title begins with title: { title, text, html }, or undefined. */
export function timelineStep(html, title) {
	return timelineSteps(html).find((st) => st.title.startsWith(title));
}
