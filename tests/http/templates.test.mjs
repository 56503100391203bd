// Every template's comments close where they end: a "{{! … }}" comment
// holding "}}" ends there, and the rest of its line is shown to every
// user of the page (the family's page showed "}})." this way once, and
// the request form ": who may be named); }}"). No server needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { ROOT } from './lib.mjs';

test('no template comment closes before its end', () => {
	const bad = [];
	for (const dir of ['templates/pages', 'templates/mail']) {
		for (const f of fs.readdirSync(path.join(ROOT, dir))) {
			const lines = fs.readFileSync(path.join(ROOT, dir, f), 'utf8').split('\n');
			lines.forEach((line, i) => {
				let at = 0;
				while ((at = line.indexOf('{{!', at)) !== -1) {
					const close = line.indexOf('}}', at + 3);
					const rest = close === -1 ? '' : line.slice(close + 2);
					if (close !== -1 && rest.trim() !== '' && !rest.trimStart().startsWith('{{'))
						bad.push(`${dir}/${f}:${i + 1}: ${JSON.stringify(rest.trim().slice(0, 40))} is shown`);
					at = close === -1 ? line.length : close + 2;
				}
			});
		}
	}
	assert.deepEqual(bad, []);
});
