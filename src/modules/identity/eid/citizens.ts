import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import { checkIdNumber } from '../id-number.ts';
import { eidFailures } from './failures.ts';
import '../tables.ts';
import './tables.ts';

/**
 * What Motcua takes from the e-ID claims. Claim names (documented in src/simulators/vneid/README.md):
 * standard `sub`, `name`, `birthdate`, `gender`, `phone_number`, `address.formatted`, and custom
 * `id_number` (12 digits), `eid_level` (1 or 2), `permanent_address`, `place_of_origin`.
 */
export interface EidCitizen {
  idNumber: string;
  fullName: string;
  /** YYYY-MM-DD, or null when the provider gave only a year or nothing. */
  dateOfBirth: string | null;
  sex: 'Nam' | 'Nữ' | null;
  phone: string | null;
  address: string | null;
  eidLevel: 1 | 2 | null;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** Reads and checks the claims; the ID number must pass every structural rule against birth date and sex. */
export function citizenFromClaims(claims: Record<string, unknown>): EidCitizen {
  const idNumber = str(claims.id_number);
  const fullName = str(claims.name);
  const missing = [!idNumber && 'id_number', !fullName && 'name'].filter(Boolean) as string[];
  if (missing.length) throw eidFailures.missingClaims(missing);
  const birth = str(claims.birthdate);
  const dateOfBirth = birth && /^\d{4}-\d{2}-\d{2}$/.test(birth) && !Number.isNaN(Date.parse(birth)) ? birth : null;
  const g = str(claims.gender)?.toLowerCase();
  const sex = g === 'male' || g === 'nam' ? 'Nam' : g === 'female' || g === 'nữ' || g === 'nu' ? 'Nữ' : null;
  const errors = checkIdNumber(idNumber!, { dateOfBirth: birth && /^\d{4}/.test(birth) ? birth : undefined, sex: sex ?? undefined }, 'id_number');
  if (errors.length) throw eidFailures.invalidIdNumber(errors);
  const level = Number(claims.eid_level);
  const addr = claims.address as { formatted?: unknown } | undefined;
  return {
    idNumber: idNumber!,
    fullName: fullName!.slice(0, 200),
    dateOfBirth,
    sex,
    phone: normalisePhone(str(claims.phone_number)),
    address: (str(claims.permanent_address) ?? str(addr?.formatted))?.slice(0, 500) ?? null,
    eidLevel: level === 1 || level === 2 ? level : null,
  };
}

/** "+84 912 345 678" → "0912345678" (how Vietnamese numbers are written on forms). */
export function normalisePhone(v: string | undefined): string | null {
  if (!v) return null;
  const digits = v.replace(/[\s.()-]/g, '');
  if (/^\+84\d{9,10}$/.test(digits)) return `0${digits.slice(3)}`;
  if (/^84\d{9,10}$/.test(digits)) return `0${digits.slice(2)}`;
  return /^\+?\d{8,15}$/.test(digits) ? digits : null;
}

/**
 * Finds the citizen account for this person (by ID number) or creates it, refreshes the details
 * the e-ID certifies and the identity level, and records the provider subject. One transaction.
 */
export async function upsertEidCitizen(db: Db, who: { issuer: string; subject: string }, c: EidCitizen): Promise<{ userId: string }> {
  return db.transaction().execute(async (tx) => {
    const linked = await tx.selectFrom('eid_identity as e').innerJoin('app_user as u', 'u.id', 'e.user_id')
      .select(['u.id', 'u.id_number']).where('e.issuer', '=', who.issuer).where('e.subject', '=', who.subject).executeTakeFirst();
    if (linked && linked.id_number !== c.idNumber) throw eidFailures.subjectChanged();
    const existing = await tx.selectFrom('app_user').select(['id', 'kind', 'disabled']).where('id_number', '=', c.idNumber).forUpdate().executeTakeFirst();
    if (existing && (existing.kind !== 'citizen' || existing.disabled)) throw eidFailures.accountDisabled();
    const details = {
      full_name: c.fullName, date_of_birth: c.dateOfBirth, sex: c.sex, eid_level: c.eidLevel,
      // A provider that does not share a phone or address leaves what the citizen gave us.
      ...(c.phone ? { phone: c.phone } : {}),
      ...(c.address ? { address: c.address } : {}),
    };
    let userId: string;
    if (existing) {
      await tx.updateTable('app_user').set(details).where('id', '=', existing.id).execute();
      userId = existing.id;
    } else {
      // Two first sign-ins of the same person at once: the second waits on the unique ID number and updates.
      const row = await tx.insertInto('app_user').values({
        kind: 'citizen', username: null, password_hash: null, id_number: c.idNumber, email: null, title: null,
        phone: c.phone, address: c.address, ...details,
      }).onConflict((oc) => oc.column('id_number').doUpdateSet(details)).returning(['id', 'kind']).executeTakeFirstOrThrow();
      if (row.kind !== 'citizen') throw eidFailures.accountDisabled();
      userId = row.id;
    }
    await tx.insertInto('eid_identity').values({ issuer: who.issuer, subject: who.subject, user_id: userId })
      .onConflict((oc) => oc.columns(['issuer', 'subject']).doUpdateSet({ last_login_at: sql<Date>`now()` })).execute();
    return { userId };
  });
}
