// The loopback SMTP server of the tests that read the portal's mail
// (tests/smtp_sink.py: every message accepted is written to a folder),
// and the mailer run once. One copy for every test file that needs it.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { BASE_URL, ROOT } from './lib.mjs';

export const SMTP = process.env.PORTAL_SMTP || `smtp://127.0.0.1:${Number(new URL(BASE_URL).port) + 25}`;
export const SMTP_PORT = Number(/:(\d+)$/.exec(SMTP)[1]);
export const PORTAL_BASE_URL = process.env.PORTAL_BASE_URL || BASE_URL;
export const MAIL_ENV = { ...process.env, PORTAL_SMTP: SMTP, PORTAL_BASE_URL,
	PORTAL_MAIL_FROM: process.env.PORTAL_MAIL_FROM || 'portal@demoshire.example' };
const CTL = path.join(ROOT, 'build/portalctl');

/* An SMTP server writing into maildir: { startSink, stopSink, mails }. */
export function makeSink(maildir) {
	let sink;

	async function startSink() {
		fs.mkdirSync(maildir, { recursive: true });
		sink = spawn('/usr/bin/python3', [path.join(ROOT, 'tests/smtp_sink.py'), String(SMTP_PORT), maildir],
		    { stdio: ['ignore', 'pipe', 'inherit'] });
		await new Promise((resolve, reject) => {
			sink.stdout.once('data', resolve);
			sink.once('exit', (code) => reject(new Error(`smtp sink exited ${code}`)));
		});
	}

	async function stopSink() {
		if (!sink || sink.exitCode !== null)
			return;
		const gone = new Promise((resolve) => sink.once('exit', resolve));
		sink.kill('SIGTERM');
		await gone;
	}

	/* Every message the server accepted: { to, subject, body, raw }. */
	function mails() {
		if (!fs.existsSync(maildir))
			return [];
		return fs.readdirSync(maildir).filter((f) => f.endsWith('.eml')).sort().map((f) => {
			const raw = fs.readFileSync(path.join(maildir, f), 'utf8');
			const [head, ...rest] = raw.split(/\r?\n\r?\n/);
			const header = (name) => (new RegExp(`^${name}: (.*)$`, 'mi').exec(head) || [])[1];
			return { to: header('X-Envelope-To'), subject: header('Subject'), body: rest.join('\n\n'), raw };
		});
	}

	return { startSink, stopSink, mails };
}

/* The outbox sent once (portalctl send-mail --once). */
export function sendMail() {
	const r = spawnSync(CTL, ['send-mail', '--once'], { env: MAIL_ENV, encoding: 'utf8' });
	assert.equal(r.status, 0, `portalctl send-mail: ${r.stderr}`);
}
