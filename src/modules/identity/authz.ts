import type { Executor } from '../../platform/db/database.ts';
import type { Principal, Role } from '../../platform/http/principal.ts';
import { problems } from '../../platform/http/problem.ts';
import { getOrgUnit, unitChain, type OrgUnit } from '../agencies/service.ts';

/**
 * Role checks scoped to organisation units: a role granted on a unit covers that unit and
 * everything under it (a grant on an agency covers its desk, divisions and leadership).
 */
export async function hasRoleAt(db: Executor, p: Principal | null, roles: Role[], unitId: string): Promise<boolean> {
  if (!p || p.kind !== 'staff') return false;
  const relevant = p.roles.filter((g) => roles.includes(g.role));
  if (relevant.length === 0) return false;
  const chain = await unitChain(db, unitId);
  return relevant.some((g) => chain.some((u) => u.id === g.unitId));
}

/**
 * The roles that work on dossiers. System and catalogue administrators administer accounts and the
 * catalogue: their role alone gives no access to an agency's dossiers or to citizens' personal data.
 */
export const DOSSIER_ROLES: Role[] = ['desk_officer', 'processing_officer', 'head_of_division', 'signing_authority', 'supervisor'];

/** Any dossier role inside the agency (its staff may read the agency's dossiers). */
export async function worksIn(db: Executor, p: Principal | null, agencyId: string): Promise<boolean> {
  return (await agenciesWithRole(db, p)).some((a) => a.id === agencyId);
}

/** The agencies where the official holds one of `roles` (any dossier role when omitted): a grant on a division counts for its agency. */
export async function agenciesWithRole(db: Executor, p: Principal | null, roles: Role[] = DOSSIER_ROLES): Promise<OrgUnit[]> {
  if (!p || p.kind !== 'staff') return [];
  const out = new Map<string, OrgUnit>();
  for (const g of p.roles) {
    if (!roles.includes(g.role)) continue;
    const a = (await unitChain(db, g.unitId)).find((u) => u.kind === 'agency');
    if (a) out.set(a.id, a);
  }
  return [...out.values()].sort((x, y) => x.code.localeCompare(y.code));
}

/** The official and everyone whose work they hold today through a personal delegation (dossiers assigned to those count as theirs). */
export function actsFor(p: Principal): string[] {
  const ids = new Set([p.userId]);
  for (const g of p.roles as { delegatedBy?: { userId: string } }[]) if (g.delegatedBy) ids.add(g.delegatedBy.userId);
  return [...ids];
}

export function requireSignedIn(p: Principal | null): Principal {
  if (!p) throw problems.unauthenticated();
  return p;
}

export function requireStaff(p: Principal | null): Principal {
  const s = requireSignedIn(p);
  if (s.kind !== 'staff') throw problems.forbidden('Chức năng này chỉ dành cho cán bộ.', 'This is for staff only.');
  return s;
}

export function requireCitizen(p: Principal | null): Principal {
  const s = requireSignedIn(p);
  if (s.kind !== 'citizen') throw problems.forbidden('Chức năng này chỉ dành cho công dân.', 'This is for citizens only.');
  return s;
}

/** Has `role` anywhere (e.g. catalog administrators are not tied to a dossier's unit). */
export function hasRoleAnywhere(p: Principal | null, roles: Role[]): boolean {
  return !!p && p.kind === 'staff' && p.roles.some((g) => roles.includes(g.role));
}

/** Holds one of `roles` on the city People's Committee (province level): city-wide settings are changed there only. */
export async function hasRoleAtCityLevel(db: Executor, p: Principal | null, roles: Role[]): Promise<boolean> {
  if (!p || p.kind !== 'staff') return false;
  for (const g of p.roles) {
    if (!roles.includes(g.role)) continue;
    const u = await getOrgUnit(db, g.unitId);
    if (u && u.kind === 'agency' && u.sector === 'people_committee' && u.level === 'province') return true;
  }
  return false;
}

/** Holds one of `roles` on some unit inside the agency (or on the agency itself). */
export async function hasRoleWithin(db: Executor, p: Principal | null, roles: Role[], agencyId: string): Promise<boolean> {
  return (await agenciesWithRole(db, p, roles)).some((a) => a.id === agencyId);
}
