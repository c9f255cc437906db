import type { Executor, Tx } from '../../platform/db/database.ts';
import { problems, fieldError } from '../../platform/http/problem.ts';
import { invalidateOrgCache } from './service.ts';
import './tables.ts';

/**
 * Merger support: creating the successor agency, mapping a dissolved agency's internal units
 * onto its successor's, and dissolving units (the row stays, with valid_to and successor_id,
 * so history keeps the old names). These read the table, not the cache: they run inside the
 * merger's transaction, where units created a moment ago are not cached yet.
 */

export interface NewAgency {
  code: string;
  name: string;
  nameEn: string;
  adminUnitCode: string | null;
  address?: string | null;
}

/** Creates an agency shaped like `templateId` (same sector, level, head title, internal units). Returns its id. */
export async function createAgencyLike(tx: Tx, templateId: string, a: NewAgency, validFrom: string): Promise<string> {
  const t = await tx.selectFrom('org_unit').selectAll().where('id', '=', templateId).executeTakeFirstOrThrow();
  const clash = await tx.selectFrom('org_unit').select('id').where('code', '=', a.code).executeTakeFirst();
  if (clash) throw problems.validation([fieldError('target.code', `mã cơ quan ${a.code} đã được dùng`, `agency code ${a.code} is already used`)]);
  // "Chủ tịch Ủy ban nhân dân phường A" → "Chủ tịch Ủy ban nhân dân phường C": the qualified title follows the new name.
  const full = t.head_title_full && t.head_title_full.endsWith(t.name) ? t.head_title_full.slice(0, -t.name.length) + a.name : t.head_title ? `${t.head_title} ${a.name}` : null;
  const created = await tx.insertInto('org_unit').values({
    code: a.code, kind: 'agency', slug: 'agency', parent_id: null, sector: t.sector, level: t.level, name: a.name, name_en: a.nameEn,
    admin_unit_code: a.adminUnitCode, address: a.address ?? null, phone: null, valid_to: null, successor_id: null,
    head_title: t.head_title, head_title_full: full, collective: t.collective, valid_from: validFrom,
  }).returning('id').executeTakeFirstOrThrow();
  const subs = await tx.selectFrom('org_unit').selectAll().where('parent_id', '=', templateId).where('valid_to', 'is', null).execute();
  for (const s of subs) {
    // The desk's name carries the agency's ("Bộ phận Một cửa phường A"); divisions' names are generic.
    const name = s.kind === 'desk' ? `Bộ phận Một cửa – ${a.name}` : s.name;
    await tx.insertInto('org_unit').values({
      code: `${a.code}.${s.slug}`, kind: s.kind, slug: s.slug, parent_id: created.id, sector: null, level: null, name, name_en: s.name_en,
      admin_unit_code: a.adminUnitCode, address: s.kind === 'desk' ? a.address ?? null : null, phone: null, valid_to: null, successor_id: null,
      head_title: null, head_title_full: null, valid_from: validFrom,
    }).execute();
  }
  invalidateOrgCache();
  return created.id;
}

export interface UnitRow { id: string; code: string; name: string; nameEn: string; kind: string; slug: string; sector: string | null; level: string | null; adminUnitCode: string | null; validTo: string | null; successorId: string | null; parentId: string | null }

export async function unitRows(db: Executor, ids: string[]): Promise<UnitRow[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('org_unit').selectAll().where('id', 'in', ids).execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, nameEn: r.name_en, kind: r.kind, slug: r.slug, sector: r.sector, level: r.level, adminUnitCode: r.admin_unit_code, validTo: r.valid_to, successorId: r.successor_id, parentId: r.parent_id }));
}

/** The units directly under the given ones that are not dissolved (read in the caller's transaction). */
export async function activeChildren(db: Executor, parentIds: string[]): Promise<{ id: string; name: string }[]> {
  if (!parentIds.length) return [];
  return db.selectFrom('org_unit').select(['id', 'name']).where('parent_id', 'in', parentIds).where('valid_to', 'is', null).execute();
}

export async function agencyRowByCode(db: Executor, code: string): Promise<UnitRow | undefined> {
  const r = await db.selectFrom('org_unit').select('id').where('code', '=', code).where('kind', '=', 'agency').executeTakeFirst();
  return r ? (await unitRows(db, [r.id]))[0] : undefined;
}

/**
 * Where each unit of agency `fromId` goes in agency `toId`: the agency to the agency, the desk to
 * the desk, the leadership to the leadership, a division to the division with the same slug, and
 * anything the successor lacks to the successor agency itself (its staff with the role act there).
 */
export async function unitMapping(db: Executor, fromId: string, toId: string): Promise<Map<string, string>> {
  const from = await db.selectFrom('org_unit').select(['id', 'slug']).where('parent_id', '=', fromId).execute();
  const to = await db.selectFrom('org_unit').select(['id', 'slug']).where('parent_id', '=', toId).where('valid_to', 'is', null).execute();
  const bySlug = new Map(to.map((u) => [u.slug, u.id]));
  const map = new Map<string, string>([[fromId, toId]]);
  for (const u of from) map.set(u.id, bySlug.get(u.slug) ?? toId);
  return map;
}

/** Dissolves the agency and its internal units on `onDate`, each pointing at the unit that takes over. Already dissolved units are left alone. */
export async function dissolveUnits(tx: Tx, map: Map<string, string>, onDate: string): Promise<number> {
  let n = 0;
  for (const [id, successor] of map) {
    const r = await tx.updateTable('org_unit').set({ valid_to: onDate, successor_id: successor }).where('id', '=', id).where('valid_to', 'is', null).executeTakeFirst();
    n += Number(r.numUpdatedRows ?? 0);
  }
  invalidateOrgCache();
  return n;
}
