import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const web = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixtures = join(web, '../tests/fixtures');
export const readFixture = (name) => readFileSync(join(fixtures, name));
export const readFixtureJson = (name) => JSON.parse(readFixture(name).toString('utf8'));
