import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../platform/config.ts';
import { citizenFromClaims, normalisePhone } from './citizens.ts';
import { EidFailure } from './failures.ts';
import { bundledSettings, externalSettings } from './routes.ts';
import { safeReturnTo } from './transactions.ts';

const AN = { sub: 's', name: 'Nguyễn Văn An', birthdate: '1990-05-14', gender: 'male', id_number: '001090012345', eid_level: 2 };

function failure(claims: Record<string, unknown>): EidFailure {
  try {
    citizenFromClaims(claims);
  } catch (e) {
    if (e instanceof EidFailure) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('reading the e-ID claims', () => {
  it('maps the documented claims to the citizen account', () => {
    expect(citizenFromClaims({ ...AN, phone_number: '+84 912 345 678', address: { formatted: 'Số 5 phố Đội Cấn' } })).toEqual({
      idNumber: '001090012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1990-05-14', sex: 'Nam', phone: '0912345678', address: 'Số 5 phố Đội Cấn', eidLevel: 2,
    });
    // permanent_address wins over the standard address; the level may come as a string; unknown levels are not guessed.
    expect(citizenFromClaims({ ...AN, permanent_address: 'Thường trú', address: { formatted: 'Khác' }, eid_level: '1' })).toMatchObject({ address: 'Thường trú', eidLevel: 1 });
    expect(citizenFromClaims({ ...AN, eid_level: 3 }).eidLevel).toBeNull();
    expect(citizenFromClaims({ ...AN, gender: 'Nữ', id_number: '001190012345' }).sex).toBe('Nữ');
  });

  it('refuses an ID number that breaks a rule, naming the rule', () => {
    const f = failure({ ...AN, id_number: '001290012345' });
    expect(f.code).toBe('eid_invalid_id_number');
    expect(f.details.map((d) => d.message_en)).toEqual(['The fourth digit (2) means born in 2000–2099, which does not match the birth year 1990.']);
    expect(failure({ ...AN, id_number: '00109001234a' }).details[0].message_vi).toBe('Số định danh cá nhân phải gồm đúng 12 chữ số.');
    expect(failure({ ...AN, gender: 'female' }).details[0].message_en).toContain('means male');
  });

  it('refuses claims without an ID number or a name', () => {
    expect(failure({ ...AN, id_number: undefined }).code).toBe('eid_missing_claims');
    expect(failure({ ...AN, name: '  ' }).vi).toContain('name');
  });

  it('writes phone numbers the Vietnamese way', () => {
    expect(normalisePhone('+84987654321')).toBe('0987654321');
    expect(normalisePhone('84 98 765 4321')).toBe('0987654321');
    expect(normalisePhone('0987.654.321')).toBe('0987654321');
    expect(normalisePhone('call me')).toBeNull();
  });
});

describe('where the citizen returns after sign-in', () => {
  it('keeps paths on this site and refuses anything that leaves it', () => {
    expect(safeReturnTo('/thu-tuc/3.000333/nop-ho-so?nhap=1#b')).toBe('/thu-tuc/3.000333/nop-ho-so?nhap=1#b');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'evil', '/api/v1/auth/me', '/a\nb', undefined, 42]) {
      expect(safeReturnTo(bad)).toBe('/ho-so-cua-toi');
    }
  });
});

describe('configuration', () => {
  it('takes a real provider from the four OIDC_* variables', () => {
    const config = loadConfig({
      OIDC_ISSUER: 'https://sso.dichvucong.gov.vn', OIDC_CLIENT_ID: 'hanoi', OIDC_CLIENT_SECRET: 's3cret',
      OIDC_REDIRECT_URI: 'https://dichvucong.hanoi.gov.vn/api/v1/auth/eid/callback', PUBLIC_URL: 'https://dichvucong.hanoi.gov.vn',
    });
    expect(externalSettings(config, 'http://localhost:3000')).toEqual({
      issuer: 'https://sso.dichvucong.gov.vn', clientId: 'hanoi', clientSecret: 's3cret',
      redirectUri: 'https://dichvucong.hanoi.gov.vn/api/v1/auth/eid/callback', postLogoutRedirectUri: 'https://dichvucong.hanoi.gov.vn/', bundled: false,
    });
    expect(config.eidBaseUrl).toBe('https://dichvucong.hanoi.gov.vn');
    // Without OIDC_REDIRECT_URI: the callback under the server's base URL.
    expect(externalSettings(loadConfig({ OIDC_ISSUER: 'https://op', OIDC_CLIENT_ID: 'c' }), 'http://localhost:3000/').redirectUri).toBe('http://localhost:3000/api/v1/auth/eid/callback');
    expect(() => externalSettings(loadConfig({ OIDC_ISSUER: 'https://op' }), 'http://x')).toThrow(/OIDC_CLIENT_ID/);
  });

  it('uses the bundled provider without OIDC_ISSUER, and citizen password sign-in can be switched off', () => {
    expect(loadConfig({}).oidcIssuer).toBeUndefined();
    expect(bundledSettings('http://localhost:3000', { clientId: 'motcua', clientSecret: 'x' })).toMatchObject({ issuer: 'http://localhost:3000/eid', bundled: true });
    expect(loadConfig({}).citizenPasswordLogin).toBe(true);
    expect(loadConfig({ CITIZEN_PASSWORD_LOGIN: 'false' }).citizenPasswordLogin).toBe(false);
  });
});
