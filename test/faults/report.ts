import fs from 'node:fs';
import path from 'node:path';

/** Prints a fault script's counts and appends them to test/faults/results.jsonl (copied into RELIABILITY.md). */
export function report(name: string, figures: Record<string, number | string>) {
  const line = { name, at: new Date().toISOString(), pg: process.env.TEST_DATABASE_URL ? 'external' : 'embedded', ...figures };
  console.log(`\n[fault] ${name}\n${Object.entries(figures).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`);
  fs.appendFileSync(path.join(import.meta.dirname, 'results.jsonl'), `${JSON.stringify(line)}\n`);
}
