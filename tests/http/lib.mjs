// Helpers for the HTTP integration tests: a cookie-jar client over fetch
// (redirects never followed), sign-in, CSRF scraping, SQL as the schema
// owner or the application role, and the second council used by the
// cross-council tests. Environment: BASE_URL, PORTAL_DB, PORTAL_DB_OWNER.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:18888';
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO_PASSWORD = 'demo-password-2026';
export const BAD_SIGNIN = 'Enter a correct email address and password';
export const THROTTLED = 'You have tried to sign in too many times';
export const SESSION_COOKIE = 'portal_session';
export const PRESESSION_COOKIE = 'portal_presession';

export const TESTSHIRE = 'Testshire County Council';
export const TESTSHIRE_ADMIN = 'admin@test.test';
export const TESTSHIRE_PASSWORD = 'a-long-test-password-1';

// Demo accounts: where each lands after signing in, and its display name.
export const ACCOUNTS = {
	'caseworker@demo.test': { home: '/caseworker', name: 'Casey Walker', heading: 'Your caseload' },
	'manager@demo.test': { home: '/manager', name: 'Morgan Hale', heading: 'Assessments across the council' },
	'admin@demo.test': { home: '/admin', name: 'Ade Mensah', heading: 'Administration' },
	'parent@demo.test': { home: '/parent', name: 'Pat Rowe', heading: 'Your child\'s assessment' },
	'eplead@demo.test': { home: '/service', name: 'Dr Elena Lewis', heading: 'Requests to your service' },
	'ep@demo.test': { home: '/inbox', name: 'Dr Evan Price', heading: 'Your advice requests' },
	'dco@demo.test': { home: '/service', name: 'Dana Cole', heading: 'Requests to your service' },
	'senco@demo.test': { home: '/service', name: 'Sian Cooper', heading: 'Requests to your service' },
	'school@demo.test': { home: '/consultations', name: 'Hugh Sterling', heading: 'Consultations' },
};

/* Parses one Set-Cookie header into { name, value, attrs } (attrs keys lower-case). */
export function parseSetCookie(line) {
	const parts = line.split(';').map((s) => s.trim());
	const eq = parts[0].indexOf('=');
	const attrs = {};
	for (const p of parts.slice(1)) {
		const i = p.indexOf('=');
		if (i === -1)
			attrs[p.toLowerCase()] = true;
		else
			attrs[p.slice(0, i).toLowerCase()] = p.slice(i + 1);
	}
	return { name: parts[0].slice(0, eq), value: parts[0].slice(eq + 1), attrs, raw: line };
}

/* The Set-Cookie of name in a response, or undefined. */
export function setCookieOf(res, name) {
	return res.cookies.find((c) => c.name === name);
}

/* Decodes the few entities html_escape produces, for text checks. */
export function decodeHtml(s) {
	return s.replace(/&#39;/g, '\'').replace(/&quot;/g, '"').replace(/&#96;/g, '`')
	    .replace(/&#61;/g, '=').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/* The value of the hidden csrf field in a page. */
export function getCsrf(html) {
	const m = /<input[^>]*name="csrf"[^>]*value="([^"]*)"/.exec(html) ||
	    /<input[^>]*value="([^"]*)"[^>]*name="csrf"/.exec(html);
	return m ? m[1] : undefined;
}

/* The text of the first <h1>, tags stripped and entities decoded. */
export function h1Of(html) {
	const m = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html);
	return m ? decodeHtml(m[1].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim() : undefined;
}

export function sha256hex(s) {
	return createHash('sha256').update(s).digest('hex');
}

/* A browser-like client: keeps cookies, never follows redirects. */
export class Client {
	constructor(base = BASE_URL) {
		this.base = base;
		this.jar = new Map();
	}

	cookieHeader() {
		return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	get session() {
		return this.jar.get(SESSION_COOKIE);
	}

	set session(v) {
		if (v === undefined)
			this.jar.delete(SESSION_COOKIE);
		else
			this.jar.set(SESSION_COOKIE, v);
	}

	/* One request. opts: form (object or [[k,v]]), headers, body. */
	async request(method, p, opts = {}) {
		const headers = { ...(opts.headers || {}) };
		const cookie = this.cookieHeader();
		if (cookie && !('cookie' in headers))
			headers.cookie = cookie;
		let body = opts.body;
		if (opts.form !== undefined) {
			body = new URLSearchParams(opts.form).toString();
			headers['content-type'] = 'application/x-www-form-urlencoded';
		}
		const res = await fetch(this.base + p, { method, headers, body, redirect: 'manual' });
		const text = await res.text();
		const cookies = res.headers.getSetCookie().map(parseSetCookie);
		for (const c of cookies) {
			const maxAge = c.attrs['max-age'];
			if (maxAge !== undefined && Number(maxAge) <= 0)
				this.jar.delete(c.name);
			else
				this.jar.set(c.name, c.value);
		}
		return { status: res.status, headers: res.headers, text, cookies,
		    location: res.headers.get('location') };
	}

	get(p, opts) {
		return this.request('GET', p, opts);
	}

	post(p, form, opts = {}) {
		return this.request('POST', p, { ...opts, form });
	}

	/* GETs p and returns the csrf token of the page (asserting 200). */
	async csrfFrom(p) {
		const res = await this.get(p);
		assert.equal(res.status, 200, `GET ${p}`);
		const token = getCsrf(res.text);
		assert.ok(token, `no csrf field on ${p}`);
		return token;
	}

	/* Fetches the form and posts the credentials; returns the POST's response. */
	async trySignIn(email, password = DEMO_PASSWORD) {
		const csrf = await this.csrfFrom('/sign-in');
		return this.post('/sign-in', { csrf, email, password });
	}
}

/* A signed-in client for email (asserts the 303 to "/"). */
export async function signIn(email, password = DEMO_PASSWORD) {
	const c = new Client();
	const res = await c.trySignIn(email, password);
	assert.equal(res.status, 303, `sign-in as ${email}: status ${res.status}\n${res.text.slice(0, 300)}`);
	assert.equal(res.location, '/');
	assert.ok(c.session, `sign-in as ${email} set no session cookie`);
	return c;
}

/* Runs SQL; returns trimmed tuples-only output. Throws on error. */
export function psql(sql, conn = process.env.PORTAL_DB_OWNER) {
	assert.ok(conn, 'PORTAL_DB_OWNER / PORTAL_DB not set (run through tests/run.sh)');
	return execFileSync('psql', ['-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1', '-d', conn, '-c', sql],
	    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/* Runs SQL as the application role; returns { ok, stdout, stderr }. */
export function psqlApp(sql) {
	const r = spawnSync('psql', ['-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1', '-d', process.env.PORTAL_DB, '-c', sql],
	    { encoding: 'utf8' });
	return { ok: r.status === 0, stdout: (r.stdout || '').trim(), stderr: r.stderr || '' };
}

/* SQL string literal. */
export function lit(s) {
	return `'${String(s).replace(/'/g, '\'\'')}'`;
}

export function accountId(email) {
	const id = psql(`SELECT id FROM accounts WHERE email = ${lit(email)}`);
	assert.match(id, /^\d+$/, `no account ${email}`);
	return Number(id);
}

/* Forgets every sign-in attempt (throttling state) — the tests all come from one IP. */
export function clearAttempts() {
	psql('DELETE FROM signin_attempts');
}

/* Creates Testshire County Council and its administrator (idempotent). */
export function ensureTestshire() {
	const env = { ...process.env };
	const ctl = path.join(ROOT, 'build/portalctl');
	let r = spawnSync(ctl, ['create-org', 'local_authority', TESTSHIRE], { env, encoding: 'utf8' });
	assert.equal(r.status, 0, `portalctl create-org: ${r.stderr}`);
	r = spawnSync(ctl, ['create-account', TESTSHIRE_ADMIN, 'admin', TESTSHIRE, 'Tess Admin'],
	    { env, encoding: 'utf8', input: `${TESTSHIRE_PASSWORD}\n` });
	if (r.status !== 0)
		assert.match(r.stderr, /exists/, `portalctl create-account: ${r.stderr}`);
	return accountId(TESTSHIRE_ADMIN);
}

/* A raw GET whose path is sent byte for byte (fetch would percent-encode it). */
export function rawGet(rawPath, headers = {}) {
	const u = new URL(BASE_URL);
	return new Promise((resolve, reject) => {
		const req = http.request({ host: u.hostname, port: u.port, method: 'GET', path: rawPath, headers },
		    (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (d) => { body += d; });
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: body }));
		});
		req.on('error', reject);
		req.end();
	});
}

/* Asserts the response carries the security headers every response must. */
export function assertSecurityHeaders(res, what) {
	const csp = res.headers.get('content-security-policy');
	assert.ok(csp, `${what}: no content-security-policy`);
	assert.doesNotMatch(csp, /unsafe-inline/, `${what}: CSP allows unsafe-inline`);
	assert.doesNotMatch(csp, /unsafe-eval/, `${what}: CSP allows unsafe-eval`);
	assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP lacks frame-ancestors 'none'`);
	assert.match(csp, /default-src 'self'/, `${what}: CSP lacks default-src 'self'`);
	assert.match(csp, /object-src 'none'/, `${what}: CSP lacks object-src 'none'`);
	assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
	const rp = res.headers.get('referrer-policy');
	assert.ok(rp && /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/.test(rp),
	    `${what}: referrer-policy ${rp}`);
}

/* The bytes of an RFC 4648 base32 key as an authenticator app reads it. */
export function base32decode(s) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = 0, value = 0;
	const out = [];
	for (const ch of s.replace(/\s+/g, '')) {
		value = (value << 5) | alphabet.indexOf(ch);
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

/* The TOTP code (RFC 6238, SHA-1, 30 s, 6 digits) for key at step offset
 * (0 = now), as an authenticator app shows it. */
export function codeFor(key, offset = 0) {
	const step = Math.floor(Date.now() / 1000 / 30) + offset;
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(step));
	const mac = createHmac('sha1', key).update(msg).digest();
	const off = mac[19] & 0x0f;
	const bin = (mac.readUInt32BE(off) & 0x7fffffff) % 1000000;
	return String(bin).padStart(6, '0');
}

/* Runs build/portalctl with args (input on standard input); { status, stdout, stderr }. */
export function portalctl(args, input = '') {
	return spawnSync(path.join(ROOT, 'build/portalctl'), args, { env: process.env, encoding: 'utf8', input });
}
