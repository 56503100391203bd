// A walk of every role's pages at 375 × 667 (not a test: make walk,
// scripts/walk.sh).
// Prints each page's document width and writes a screenshot per page to
// WALK_DIR, for a person to look at.
import { BASE_URL, launch, newContext, signIn } from './lib.mjs';

const dir = process.env.WALK_DIR || 'var/walk/shots';
const browser = await launch();
async function walk(email, paths) {
	const ctx = await newContext(browser);
	const page = await ctx.newPage();
	await page.setViewportSize({ width: 375, height: 667 });
	await signIn(page, email);
	for (const p of paths) {
		const r = await page.goto(`${BASE_URL}${p}`);
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		const name = `${email.split('@')[0]}${p.replace(/[^a-z0-9]+/gi, '_')}`;
		await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
		console.log(`${r.status()} ${width <= 375 ? 'ok  ' : 'WIDE'} ${width}px ${email} ${p}`);
	}
	await ctx.close();
}
const ids = JSON.parse(process.env.WALK_IDS || '{}');
await walk('parent@demo.test', ['/parent', `/assessments/${ids.served}`, `/assessments/${ids.served}/draft`,
    `/assessments/${ids.served}/draft/check`, `/assessments/${ids.final}`, `/assessments/${ids.final}/plan/print`]);
await walk('school@demo.test', ['/consultations', `/consultations/${ids.consultation}`]);
await walk('caseworker@demo.test', ['/caseworker', '/caseworker/work', `/assessments/${ids.served}`,
    `/assessments/${ids.served}/plan`, `/assessments/${ids.consulted}/plan`, `/assessments/${ids.consulted}/consultations/new`,
    `/assessments/${ids.final}/plan`, `/assessments/${ids.consulted}/plan/final/new`]);
await walk('manager@demo.test', ['/manager/work', '/manager/dashboard', '/manager/compliance']);
await walk('admin@demo.test', ['/admin/import']);
await browser.close();
