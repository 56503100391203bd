// Signing in and out through the real form, with the page's CSP enforced;
// issue 11's journeys: a school answers, a parent meets no dead link.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { ROLES, assertAccessible, launch, newContext, signIn, watchConsole } from './lib.mjs';
import { clearAttempts, signIn as httpSignIn } from '../http/lib.mjs';
import {
	TAG, addDays, api, latestRequest, orgId, postAdvice, requestAdvice, today,
} from '../http/advice-lib.mjs';

let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

describe('sign in through the form', () => {
	for (const [email, want] of Object.entries(ROLES)) {
		test(`${email} sees ${want.home}`, async () => {
			const context = await newContext(browser);
			try {
				const page = await context.newPage();
				const problems = watchConsole(page);
				await signIn(page, email);
				assert.equal(new URL(page.url()).pathname, want.home);
				const h1 = page.getByRole('heading', { level: 1 });
				assert.equal((await h1.innerText()).trim(), want.heading);
				assert.ok((await page.locator('body').innerText()).includes(want.name),
				    `the page does not name ${want.name}`);
				const title = await page.title();
				assert.match(title, / – EHC Advice Portal – Demoshire County Council$/);
				assert.doesNotMatch(title, /^Error/);

				// The session cookie is not readable from scripts.
				assert.equal(await page.evaluate(() => document.cookie.includes('portal_session')), false);

				await Promise.all([
					page.waitForURL('**/sign-in'),
					page.getByRole('button', { name: 'Sign out' }).click(),
				]);
				assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), 'Sign in');
				await page.goto(want.home);
				assert.equal(new URL(page.url()).pathname, '/sign-in', 'still signed in after signing out');
				assert.deepEqual(problems, [], 'CSP violations or script errors');
			} finally {
				await context.close();
			}
		});
	}

	test('a wrong password shows the error summary', async () => {
		const context = await newContext(browser);
		try {
			const page = await context.newPage();
			const problems = watchConsole(page);
			await page.goto('/sign-in');
			await page.getByLabel('Email address').fill('manager@demo.test');
			await page.getByLabel('Password', { exact: true }).fill('not-the-password');
			await Promise.all([
				page.waitForLoadState('load'),
				page.getByRole('button', { name: 'Sign in' }).click(),
			]);
			await page.getByText('There is a problem').waitFor();
			const summary = page.locator('.govuk-error-summary');
			assert.ok((await summary.innerText()).includes('Enter a correct email address and password'));
			assert.match(await page.title(), /^Error: /);
			assert.equal(await page.getByLabel('Email address').inputValue(), 'manager@demo.test');
			assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '');
			assert.deepEqual(problems, [], 'CSP violations or script errors');
		} finally {
			await context.close();
		}
	});
});

// Issue 11: a school answers, a parent meets no dead link; axe-core on every
// page these journeys changed and on their error states.

describe('schools and parents (issue 11)', () => {
	const s = {};

	before(async () => {
		clearAttempts();
		const a = await api('POST', '/api/v1/assessments', {
			child: { given_name: 'School', family_name: `Journey${TAG}`, date_of_birth: '2017-03-02',
			    year_group: 'Year 4' },
			request_received: addDays(today(), -50), caseworker_email: 'caseworker@demo.test',
			parent: { name: 'Pat Rowe', email: 'parent@demo.test', relationship: 'Mother' },
		});
		assert.equal(a.status, 201, a.text);
		s.assessment = a.json.id;
		s.reference = a.json.reference;
	});

	/* Runs fn(page) signed in as email, in a fresh context with axe. */
	async function as(email, fn) {
		const context = await newContext(browser, { axe: true });
		try {
			const page = await context.newPage();
			const problems = watchConsole(page);
			await signIn(page, email);
			await fn(page);
			assert.deepEqual(problems, [], 'CSP violations or script errors');
		} finally {
			await context.close();
		}
	}

	test('the caseworker asks Brookfield Primary (a school nobody can receive is refused by the field)', () =>
		as('caseworker@demo.test', async (page) => {
			await page.goto(`/assessments/${s.assessment}/requests/new`);
			await page.getByLabel('Educational advice').check();
			await page.getByLabel('Organisation to ask').selectOption({ label: 'Riverside Special School' });
			await Promise.all([page.waitForLoadState('load'),
			    page.getByRole('button', { name: 'Send request' }).click()]);
			const summary = page.locator('.govuk-error-summary');
			assert.match(await summary.innerText(), /Nobody at this organisation can receive requests/);
			await assertAccessible(page, 'request form refused: nobody to receive it');
			await summary.getByRole('link').first().click();
			assert.equal(await page.evaluate(() => document.activeElement?.id), 'organisation');

			await page.getByLabel('Organisation to ask').selectOption({ label: 'Brookfield Primary School' });
			await Promise.all([page.waitForURL(`**/assessments/${s.assessment}?requested=educational`),
			    page.getByRole('button', { name: 'Send request' }).click()]);
			assert.match(await page.locator('.govuk-notification-banner--success').innerText(),
			    /Educational advice was requested/);
			s.request = latestRequest(s.assessment);
			await assertAccessible(page, 'assessment page with a success banner and overdue dates');
		}));

	test('Brookfield\'s SENCO allocates it to herself (nobody chosen first: error by the select)', () =>
		as('senco@demo.test', async (page) => {
			assert.equal(new URL(page.url()).pathname, '/service');
			const form = page.locator(`form[action="/requests/${s.request}/allocate"]`);
			await Promise.all([page.waitForLoadState('load'),
			    form.getByRole('button', { name: /Allocate/ }).click()]);
			const summary = page.locator('.govuk-error-summary');
			assert.match(await summary.innerText(), /Select a professional to allocate the request to/);
			await assertAccessible(page, 'service page with an allocation error');
			await summary.getByRole('link').first().click();
			assert.equal(await page.evaluate(() => document.activeElement?.id), `professional-${s.request}`);
			await form.locator('select').selectOption({ label: 'Sian Cooper (SENCO)' });
			await Promise.all([page.waitForURL('**/service?allocated=1'),
			    form.getByRole('button', { name: /Allocate/ }).click()]);
			await assertAccessible(page, 'service page with a success banner');
		}));

	test('the SENCO submits the advice; the caseworker accepts it', async () => {
		const senco = await httpSignIn('senco@demo.test');
		const r = await postAdvice(senco, s.request, [
			['f.setting', 'Brookfield Primary School'], ['f.attainment', `Attainment ${TAG}`],
			['f.support_so_far', 'Small-group phonics'], ['f.specialist_teacher', 'not_applicable'],
			['f.ci_needs', 'Visual prompts'], ['f.cl_needs', 'Reading'], ['f.semh_needs', 'Transitions'],
			['f.sp_needs', 'None'], ['decl_name', 'Sian Cooper'], ['decl_role', 'SENCO'],
			['decl_confirm', 'yes'],
		], 'submit');
		assert.equal(r.status, 303, r.text.slice(0, 300));
		await as('caseworker@demo.test', async (page) => {
			await page.goto(`/requests/${s.request}`);
			await Promise.all([page.waitForURL(`**/requests/${s.request}?accepted=1`),
			    page.getByRole('button', { name: 'Accept advice' }).click()]);
			assert.match(await page.locator('.govuk-notification-banner--success').innerText(),
			    /The advice was accepted/);
			await assertAccessible(page, 'request page after accepting');
		});
	});

	test('a service lead may decline for the service (an empty reason is an error by the field)', async () => {
		const cw = await httpSignIn('caseworker@demo.test');
		const r = await requestAdvice(cw, s.assessment, { kind: 'medical',
		    organisation: orgId('Demoshire Community Health NHS Trust'), requested: today() });
		assert.equal(r.status, 303);
		const id = latestRequest(s.assessment);
		await as('dco@demo.test', async (page) => {
			await page.goto(`/requests/${id}`);
			await Promise.all([page.waitForLoadState('load'),
			    page.getByRole('button', { name: 'Decline the request' }).click()]);
			assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter why you are declining/);
			await assertAccessible(page, 'request page with a decline error (service lead)');
		});
	});

	test('the parent is asked for their views, reads the accepted advice and meets no dead link', async () => {
		const cw = await httpSignIn('caseworker@demo.test');
		assert.equal((await requestAdvice(cw, s.assessment, { kind: 'parent', requested: today() })).status, 303);
		const views = latestRequest(s.assessment);
		await as('parent@demo.test', async (page) => {
			assert.equal(new URL(page.url()).pathname, '/parent');
			const give = page.locator(`a[href="/requests/${views}"]`);
			assert.equal((await give.innerText()).trim(), 'Give your views about School');
			await assertAccessible(page, 'parent home with Give your views');
			await Promise.all([page.waitForURL(`**/assessments/${s.assessment}`),
			    page.locator(`main a[href="/assessments/${s.assessment}"]`).click()]);
			const text = await page.locator('main').innerText();
			// The timeline is the page's account: what happens next is on its steps, said once.
			assert.match(text, /The steps of the assessment/);
			assert.match(await page.locator('.app-timeline__step', { has: page.getByRole('heading', { name: /^Final plan/ }) }).innerText(),
			    /the final plan is due within 20 weeks/);
			assert.doesNotMatch(text, /What happens next|Decisions so far|Advice about/);
			assert.doesNotMatch(text, /\breg(ulation)? \d/i);
			await assertAccessible(page, 'the parent\'s assessment page');
			for (const href of await page.locator('main a').evaluateAll((as_) => as_.map((a) => a.getAttribute('href')))) {
				const res = await page.request.get(href);
				assert.equal(res.status(), 200, `${href} answers ${res.status()}`);
			}
			await Promise.all([page.waitForURL(`**/requests/${s.request}`),
			    page.locator('.app-timeline').getByRole('link', { name: /Read the advice/ }).click()]);
			assert.match(await page.locator('main').innerText(), new RegExp(`Attainment ${TAG}`));
			await assertAccessible(page, 'accepted advice read by the parent');
		});
	});
});
