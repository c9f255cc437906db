import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.ts';

const ctx = { username: 'catp.tiepnhan', idNumber: null, email: 'trang.le@hanoi.gov.vn', fullName: 'Lê Thu Trang', minLength: 12 };
const messages = (pw: string) => passwordProblems(pw, ctx).map((e) => e.message_en);

describe('password policy', () => {
  it('accepts long passwords and passphrases with spaces and diacritics, without composition rules', () => {
    expect(messages('bốn mùa hoa sữa Hà Nội')).toEqual([]);
    expect(messages('correct horse battery staple')).toEqual([]);
    expect(messages('xq7-lamp-orbit-09')).toEqual([]);
  });

  it('refuses fewer than the minimum length (counted in characters, not bytes)', () => {
    expect(messages('Trăng-sáng1')).toEqual([expect.stringContaining('at least 12 characters')]);
    // 12 Vietnamese characters are 12, even though they are more bytes.
    expect(passwordProblems('Đường Hoa Sữa', { minLength: 12 })).toEqual([]);
    expect(passwordProblems('short but ok', { minLength: 8 })).toEqual([]);
  });

  it('refuses the username, ID number, email name or full name inside the password', () => {
    expect(messages('catp.tiepnhan-2026!')).toEqual([expect.stringContaining('must not contain your username')]);
    expect(messages('trang.le is my password')).toEqual([expect.stringContaining('must not contain')]);
    expect(messages('le thu trang 1990 ha noi')).toEqual([expect.stringContaining('must not contain')]);
    expect(passwordProblems('my id 001090012345 ok', { idNumber: '001090012345', minLength: 12 })).toHaveLength(1);
  });

  it('refuses common and breached passwords, also with digits appended or in other case', () => {
    expect(messages('password1234')).toEqual([expect.stringContaining('too common')]);
    expect(messages('QWERTYUIOP')).toEqual(expect.arrayContaining([expect.stringContaining('too common')]));
    expect(messages('matkhau123456')).toEqual([expect.stringContaining('too common')]);
    expect(messages('Anh yêu em 2026')).toEqual([expect.stringContaining('too common')]);
    expect(messages('motcua2026motcua2026')).toEqual([]); // not itself on the list
    expect(messages('motcua2026')).toEqual(expect.arrayContaining([expect.stringContaining('too common')]));
  });

  it('refuses one repeated character and simple runs', () => {
    expect(messages('aaaaaaaaaaaaaa')).toEqual([expect.stringContaining('too simple')]);
    expect(messages('abcdefghijklmn')).toEqual([expect.stringContaining('too simple')]);
    expect(messages('98765432109876')).toEqual([expect.stringContaining('too simple')]);
    expect(messages('xyzxyzxyzxyz')).toEqual([expect.stringContaining('too simple')]);
  });

  it('hashes with scrypt and a random salt; the demo password still verifies against a seeded hash', async () => {
    const a = await hashPassword('motcua2026');
    const b = await hashPassword('motcua2026');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('motcua2026', a)).toBe(true);
    expect(await verifyPassword('motcua2027', a)).toBe(false);
  });
});
