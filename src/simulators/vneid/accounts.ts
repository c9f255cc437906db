import crypto from 'node:crypto';
import { demoCitizens, DEMO_PASSWORD } from '../../modules/identity/seed.ts';
import { demoPopulation } from '../../modules/population/demo.ts';

/**
 * The demo provider's VNeID accounts. A real VNeID account is opened with the personal ID number
 * and verified either online (level 1) or in person at the police with the chip ID card (level 2).
 * Built from the same pure data as Motcua's demo citizens and demo population households (no
 * database is read: this simulates an external system), so a citizen signing in with e-ID finds
 * their population-registry record and the prefilled form matches it.
 */
export interface VneidAccount {
  /** Opaque, stable subject identifier (never the ID number itself, as with real providers). */
  sub: string;
  idNumber: string;
  password: string;
  level: 1 | 2;
  fullName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  sex: 'Nam' | 'Nữ';
  placeOfOrigin: string;
  permanentAddress: string;
  /** Vietnamese mobile number, 10 digits starting with 0. */
  phone: string;
}

/** Levels of the demo population's adults who are not Motcua demo citizens (at least one level 1). */
const LEVEL_1 = new Set(['001200005183', '001148003051']);
/** VNeID accounts are for people 14 and over; the demo population's children have none. */
const MIN_BIRTH_YEAR_EXCLUSIVE = 2011;

function subjectFor(idNumber: string): string {
  return crypto.createHash('sha256').update(`vneid-demo:${idNumber}`).digest('base64url').slice(0, 22);
}

/** A deterministic, plausible mobile number for people without one in the demo data. */
function phoneFor(idNumber: string): string {
  const h = crypto.createHash('sha256').update(idNumber).digest();
  return `09${String(h.readUInt32BE(0) % 100_000_000).padStart(8, '0')}`;
}

export function demoAccounts(): VneidAccount[] {
  const people = demoPopulation().flatMap((h) => h.members);
  const byId = new Map(people.map((p) => [p.idNumber, p]));
  const citizens = new Map(demoCitizens.map((c) => [c.idNumber, c]));
  const out: VneidAccount[] = [];
  for (const c of demoCitizens) {
    const p = byId.get(c.idNumber);
    out.push({
      sub: subjectFor(c.idNumber), idNumber: c.idNumber, password: DEMO_PASSWORD, level: c.eidLevel, fullName: c.fullName,
      dateOfBirth: c.dateOfBirth, sex: c.sex, placeOfOrigin: p?.placeOfOrigin ?? 'Hà Nội', permanentAddress: p?.permanentAddress ?? c.address, phone: c.phone,
    });
  }
  for (const p of people) {
    if (citizens.has(p.idNumber) || Number(p.dateOfBirth.slice(0, 4)) > MIN_BIRTH_YEAR_EXCLUSIVE) continue;
    out.push({
      sub: subjectFor(p.idNumber), idNumber: p.idNumber, password: DEMO_PASSWORD, level: LEVEL_1.has(p.idNumber) ? 1 : 2, fullName: p.fullName,
      dateOfBirth: p.dateOfBirth, sex: p.sex, placeOfOrigin: p.placeOfOrigin, permanentAddress: p.permanentAddress, phone: phoneFor(p.idNumber),
    });
  }
  return out;
}

/** The claims of an account, by the names documented in README.md of this folder. */
export function accountClaims(a: VneidAccount): Record<string, unknown> {
  return {
    sub: a.sub,
    name: a.fullName,
    birthdate: a.dateOfBirth,
    gender: a.sex === 'Nữ' ? 'female' : 'male',
    phone_number: `+84${a.phone.slice(1)}`,
    phone_number_verified: true,
    address: { formatted: a.permanentAddress, country: 'VN' },
    id_number: a.idNumber,
    eid_level: a.level,
    place_of_origin: a.placeOfOrigin,
    permanent_address: a.permanentAddress,
  };
}
