import { describe, expect, it } from 'vitest';
import { addMonths, baseSalaryOn, childCardNumber, decide, validate } from './rules.ts';
import { signRequest, verifyRequest } from '../../modules/connector/signing.ts';

const child = (birthDate: string, idNumber = '001225012345') => ({ child: { idNumber, fullName: 'Nguyễn Minh Khôi', birthDate } });
const funeral = (idNumber: string, deathDate: string) => ({ deceased: { idNumber, fullName: 'Trần Văn Bảy', deathDate }, claimant: { fullName: 'Trần Thị Tám' } });

describe('simulated BHXH rules', () => {
  it('child card: under 72 months on the decision day, 12-digit ID → card TE1 01 + 10 digits, valid from birth to the day before the 72-month birthday', () => {
    const d = decide('child-health-insurance-card', child('2025-10-01'), '2026-11-21');
    expect(d.decision).toBe('approved');
    expect(d.result).toMatchObject({ cardNumber: expect.stringMatching(/^TE101\d{10}$/), validFrom: '2025-10-01', validTo: '2031-09-30', facility: { code: expect.any(String) } });
    expect(childCardNumber('001225012345')).toBe(childCardNumber('001225012345')); // stable
    expect(childCardNumber('001225012345')).toHaveLength(15);
    // The last day before the sixth birthday still qualifies; the birthday itself does not.
    expect(decide('child-health-insurance-card', child('2020-11-22'), '2026-11-21').decision).toBe('approved');
    const old = decide('child-health-insurance-card', child('2020-11-21'), '2026-11-21');
    expect(old).toMatchObject({ decision: 'refused', reasons: [expect.stringMatching(/72 tháng/)] });
    expect(decide('child-health-insurance-card', child('2025-10-01', '12345'), '2026-11-21').reasons).toEqual(['Số định danh cá nhân của trẻ phải gồm 12 chữ số.']);
    // Born on 29 February: the card ends on 27 February six years later (72-month birthday clamped to 28/02).
    expect(decide('child-health-insurance-card', child('2024-02-29'), '2026-11-21').result?.validTo).toBe('2030-02-27');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('funeral allowance: 10 × the base salary in force at death; refused without contributions, with a future death date or a bad ID', () => {
    expect(decide('funeral-allowance', funeral('001062002871', '2026-09-15'), '2026-11-21')).toMatchObject({ decision: 'approved', result: { amount: 23_400_000, baseSalary: 2_340_000, paidOn: '2026-11-21' } });
    expect(decide('funeral-allowance', funeral('001062002871', '2024-06-30'), '2026-11-21').result?.amount).toBe(18_000_000);
    expect(baseSalaryOn('2024-07-01')).toBe(2_340_000);
    expect(decide('funeral-allowance', funeral('001099000000', '2026-09-15'), '2026-11-21')).toMatchObject({ decision: 'refused', reasons: [expect.stringMatching(/không có quá trình đóng/)] });
    expect(decide('funeral-allowance', funeral('001062002871', '2026-11-22'), '2026-11-21').decision).toBe('refused');
    expect(decide('funeral-allowance', funeral('0010620028', '2026-09-15'), '2026-11-21').decision).toBe('refused');
  });

  it('structural checks (422) name the missing fields', () => {
    expect(validate('child-health-insurance-card', child('2025-10-01'))).toEqual([]);
    expect(validate('child-health-insurance-card', { child: { fullName: '' } })).toHaveLength(3);
    expect(validate('funeral-allowance', { deceased: { idNumber: '1', fullName: 'A', deathDate: '2026-13-01' } }).join(' ')).toMatch(/deathDate.*claimant/);
    expect(validate('pension', {})).toHaveLength(1);
  });

  it('request signatures: any change of method, path, body, key or time is refused; ±5 minutes', () => {
    const key = { keyId: 'k1', secret: 's3cret' };
    const now = Date.parse('2026-11-21T10:00:00Z');
    const h = signRequest(key, 'POST', '/api/applications', '{"a":1}', now);
    expect(verifyRequest(key, 'POST', '/api/applications', '{"a":1}', h, now + 299_000)).toEqual({ ok: true });
    expect(verifyRequest(key, 'POST', '/api/applications', '{"a":1}', h, now + 301_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyRequest(key, 'POST', '/api/applications', '{"a":2}', h, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyRequest(key, 'PUT', '/api/applications', '{"a":1}', h, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyRequest(key, 'POST', '/api/applications?x=1', '{"a":1}', h, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyRequest({ keyId: 'k1', secret: 'other' }, 'POST', '/api/applications', '{"a":1}', h, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyRequest({ keyId: 'k2', secret: 's3cret' }, 'POST', '/api/applications', '{"a":1}', h, now)).toEqual({ ok: false, reason: 'unknown_key' });
    expect(verifyRequest(key, 'POST', '/api/applications', '{"a":1}', {}, now)).toEqual({ ok: false, reason: 'missing' });
  });
});
