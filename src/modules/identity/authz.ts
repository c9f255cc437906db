import type { Executor } from '../../platform/db/database.ts';
import type { Principal, Role } from '../../platform/http/principal.ts';
import { problems } from '../../platform/http/problem.ts';
import { unitChain } from '../agencies/service.ts';

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

/** Any role at all inside the agency (staff may read the agency's dossiers). */
export async function worksIn(db: Executor, p: Principal | null, agencyId: string): Promise<boolean> {
  if (!p || p.kind !== 'staff') return false;
  for (const g of p.roles) {
    const chain = await unitChain(db, g.unitId);
    if (chain.some((u) => u.id === agencyId)) return true;
  }
  return false;
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

/** Holds one of `roles` on some unit inside the agency (or on the agency itself). */
export async function hasRoleWithin(db: Executor, p: Principal | null, roles: Role[], agencyId: string): Promise<boolean> {
  if (!p || p.kind !== 'staff') return false;
  for (const g of p.roles) {
    if (!roles.includes(g.role)) continue;
    const chain = await unitChain(db, g.unitId);
    if (chain.some((u) => u.id === agencyId)) return true;
  }
  return false;
}
