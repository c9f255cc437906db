import type { Executor } from '../../platform/db/database.ts';
import './tables.ts';
import { grantsFor } from './grants.ts';

export interface UserSummary {
  id: string;
  kind: 'staff' | 'citizen';
  fullName: string;
  title: string | null;
  idNumber: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  dateOfBirth: string | null;
}

export async function getUser(db: Executor, id: string): Promise<UserSummary | undefined> {
  const r = await db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, kind: r.kind, fullName: r.full_name, title: r.title, idNumber: r.id_number, phone: r.phone, email: r.email, address: r.address, dateOfBirth: r.date_of_birth } : undefined;
}

/** Staff holding `role` on exactly `unitId` or on one of the given ancestor units. */
export async function staffWithRole(db: Executor, role: string, unitIds: string[]): Promise<{ id: string; fullName: string }[]> {
  if (unitIds.length === 0) return [];
  const rows = await db.selectFrom('role_grant as g').innerJoin('app_user as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.full_name']).distinct()
    .where('g.role', '=', role).where('g.unit_id', 'in', unitIds).where('u.disabled', '=', false).execute();
  return rows.map((r) => ({ id: r.id, fullName: r.full_name }));
}

export async function userHasGrant(db: Executor, userId: string, role: string, unitIds: string[]): Promise<boolean> {
  if (unitIds.length === 0) return false;
  const r = await db.selectFrom('role_grant').select('user_id').where('user_id', '=', userId).where('role', '=', role).where('unit_id', 'in', unitIds).executeTakeFirst();
  return !!r;
}

/** A principal for a seeded account, for demo data and benchmarks that act through the services. */
export async function principalFor(db: Executor, usernameOrIdNumber: string): Promise<import('../../platform/http/principal.ts').Principal> {
  const u = await db.selectFrom('app_user').selectAll()
    .where((eb) => eb.or([eb('username', '=', usernameOrIdNumber), eb('id_number', '=', usernameOrIdNumber)])).executeTakeFirstOrThrow();
  const grants = u.kind === 'staff' ? await grantsFor(db, u.id) : [];
  return {
    kind: u.kind, userId: u.id, sessionId: 'system', name: u.full_name,
    roles: grants,
    idNumber: u.id_number ?? undefined, eidLevel: (u.eid_level ?? undefined) as 1 | 2 | undefined, phone: u.phone ?? undefined, email: u.email ?? undefined,
  };
}

/** The citizen account holding this personal ID number, if one is registered (desk filings, results for walk-ins). */
export async function citizenIdByIdNumber(db: Executor, idNumber: string | null | undefined): Promise<string | null> {
  if (!idNumber) return null;
  const r = await db.selectFrom('app_user').select('id').where('kind', '=', 'citizen').where('id_number', '=', idNumber).executeTakeFirst();
  return r?.id ?? null;
}
