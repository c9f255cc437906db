import { describe, expect, it } from 'vitest';
import { checkIdNumber, decodeIdNumber } from './id-number.ts';

const fields = (id: string, facts = {}) => checkIdNumber(id, facts).map((e) => e.message_en);

describe('personal ID number structure', () => {
  it('accepts well-formed numbers consistent with the birth date and sex', () => {
    expect(checkIdNumber('001090012345', { dateOfBirth: '1990-05-14', sex: 'Nam' })).toEqual([]);
    expect(checkIdNumber('079195006789', { dateOfBirth: '1995-11-02', sex: 'Nữ' })).toEqual([]);
    expect(checkIdNumber('001301004321', { dateOfBirth: '2001-03-20', sex: 'female' })).toEqual([]);
    expect(checkIdNumber('038224000001', { dateOfBirth: '2024-01-01', sex: 'male' })).toEqual([]);
    expect(checkIdNumber('001090012345')).toEqual([]);
  });

  it('decodes the province, century and sex', () => {
    expect(decodeIdNumber('079301004321')).toMatchObject({ province: '079', provinceName: 'Hồ Chí Minh', century: 2000, female: true, yearDigits: '01' });
    expect(decodeIdNumber('12345')).toBeNull();
  });

  it('gives each broken rule its own message', () => {
    expect(fields('00109001234')).toEqual(['The personal ID number must be exactly 12 digits.']);
    expect(fields('00109001234a')).toEqual(['The personal ID number must be exactly 12 digits.']);
    expect(fields('003090012345')).toEqual([expect.stringContaining('not a province code')]);
    expect(fields('099090012345')).toEqual([expect.stringContaining('not a province code')]);
    expect(fields('001290012345', { dateOfBirth: '1990-05-14' })).toEqual([expect.stringContaining('fourth digit (2) means born in 2000–2099')]);
    expect(fields('001091012345', { dateOfBirth: '1990-05-14' })).toEqual([expect.stringContaining('Digits five and six (91)')]);
    expect(fields('001190012345', { dateOfBirth: '1990-05-14', sex: 'Nam' })).toEqual([expect.stringContaining('means female')]);
    expect(fields('001090012345', { sex: 'Nữ' })).toEqual([expect.stringContaining('means male')]);
    // Several at once.
    expect(fields('003391012345', { dateOfBirth: '1990-05-14', sex: 'Nam' })).toHaveLength(4);
  });

  it('has Vietnamese messages too', () => {
    expect(checkIdNumber('003090012345')[0].message_vi).toMatch(/không phải mã tỉnh/);
  });
});
