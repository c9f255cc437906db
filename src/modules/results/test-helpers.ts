/** Helpers for the results tests (not used by production code). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** poppler's pdfsig on the bytes: its full report. */
export function pdfsig(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-sig-'));
  try {
    const file = join(dir, 'kq.pdf');
    writeFileSync(file, pdf);
    try {
      return execFileSync('pdfsig', [file], { encoding: 'utf8' });
    } catch (e: any) {
      // pdfsig exits non-zero when a signature does not verify; its report is still on stdout.
      return String(e.stdout ?? '') + String(e.stderr ?? '');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Flips one bit inside the first content stream (covered by the signature, before its hole). */
export function tamper(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const at = text.indexOf('stream', text.indexOf('/Length')) + 20;
  const out = Buffer.from(pdf);
  out[at] ^= 0x01;
  return out;
}
