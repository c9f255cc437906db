import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { fieldError, type FieldError } from '../../platform/http/problem.ts';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
const PARAMS = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** scrypt with a random salt, stored as `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password, salt, 32, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const got = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem });
  return crypto.timingSafeEqual(expected, got);
}

/** A well-formed hash no password matches: unknown accounts cost the same scrypt work as real ones. */
export const NO_ACCOUNT_HASH = `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${'A'.repeat(22)}$${'A'.repeat(43)}`;

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n').map((l) => l.trim().toLowerCase()).filter((l) => l && !l.startsWith('#')));
  return common;
}

/** Lower case, no Vietnamese diacritics, letters and digits only: "Mật khẩu 1" → "matkhau1". */
export function foldForCompare(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z0-9]/g, '');
}

export interface PasswordContext {
  username?: string | null;
  idNumber?: string | null;
  email?: string | null;
  fullName?: string | null;
  minLength: number;
}

/**
 * The password policy (NIST SP 800-63B style): long rather than complex. At least `minLength`
 * characters — a passphrase of several words with spaces and diacritics is welcome — not built
 * from the account's own identifiers, not a known common or breached password, not one repeated
 * character or a simple run. No composition rules. Each failure is its own field error.
 */
export function passwordProblems(password: string, ctx: PasswordContext, field = 'newPassword'): FieldError[] {
  const out: FieldError[] = [];
  const pw = password.normalize('NFC');
  const length = [...pw].length;
  if (length < ctx.minLength) {
    out.push(fieldError(field, `Mật khẩu phải có ít nhất ${ctx.minLength} ký tự (có thể dùng một cụm từ gồm nhiều từ, có dấu cách).`,
      `The password must be at least ${ctx.minLength} characters long (a passphrase of several words with spaces is fine).`));
  }
  if (length > 200) out.push(fieldError(field, 'Mật khẩu dài quá 200 ký tự.', 'The password is longer than 200 characters.'));
  const folded = foldForCompare(pw);
  const ids = [ctx.username, ctx.idNumber, ctx.email?.split('@')[0], ctx.fullName].map((s) => (s ? foldForCompare(s) : '')).filter((s) => s.length >= 3);
  if (ids.some((id) => folded.includes(id) || (folded.length >= 6 && id.includes(folded)))) {
    out.push(fieldError(field, 'Mật khẩu không được chứa tên đăng nhập, số định danh, email hoặc họ tên của bạn.',
      'The password must not contain your username, ID number, email or name.'));
  }
  const list = commonPasswords();
  const lower = pw.toLowerCase();
  const base = folded.replace(/[0-9]+$/, '');
  if (list.has(lower) || list.has(folded) || list.has(lower.replace(/\s+/g, '')) || (base.length >= 4 && list.has(base))) {
    out.push(fieldError(field, 'Mật khẩu này quá phổ biến hoặc đã từng bị lộ; hãy chọn mật khẩu khác.',
      'This password is too common or has appeared in breaches; choose another.'));
  } else if (new Set(pw).size < 4 || isRun(folded)) {
    out.push(fieldError(field, 'Mật khẩu quá đơn giản (lặp lại hoặc dãy ký tự liên tiếp).', 'The password is too simple (repeated or sequential characters).'));
  }
  return out;
}

/**
 * "123456789012", "abcdefghijkl", "98765432109876" (digits wrap around), "abcabcabcabc": mostly
 * one step in one direction, or a short unit repeated.
 */
function isRun(s: string): boolean {
  if (s.length < 6) return false;
  for (let n = 1; n <= 3; n++) if (s === s.slice(0, n).repeat(Math.ceil(s.length / n)).slice(0, s.length)) return true;
  let up = 0;
  let down = 0;
  for (let i = 1; i < s.length; i++) {
    const a = s[i - 1]!;
    const b = s[i]!;
    const d = b.charCodeAt(0) - a.charCodeAt(0);
    if (d === 1 || (a === '9' && b === '0')) up++;
    if (d === -1 || (a === '0' && b === '9')) down++;
  }
  return Math.max(up, down) >= 0.8 * (s.length - 1);
}
