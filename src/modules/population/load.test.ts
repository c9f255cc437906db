import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { pgTextArray } from './load.ts';

// node-postgres' own serialiser (not in its typings).
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (v: unknown) => unknown };

describe('bulk load encoding', () => {
  it('writes text arrays exactly as node-postgres would', () => {
    const cases: (string | null)[][] = [[], ['a'], ['a', 'b"c', 'd\\e', null, '', 'Số 5, {x} ngõ 4', 'NULL', ' trailing ']];
    for (const v of cases) expect(pgTextArray(v)).toBe(prepareValue(v));
  });
});
