import type { Executor } from '../../platform/db/database.ts';
import './tables.ts';

export interface OrgUnit {
  id: string;
  code: string;
  kind: 'agency' | 'desk' | 'leadership' | 'division';
  slug: string;
  parentId: string | null;
  sector: string | null;
  level: 'central' | 'province' | 'commune' | null;
  name: string;
  nameEn: string;
  adminUnitCode: string | null;
  address: string | null;
  phone: string | null;
  /** Agencies: the title of the head ("Chủ tịch", "Giám đốc"), and qualified by the agency ("Giám đốc Sở Tư pháp …"). */
  headTitle: string | null;
  headTitleFull: string | null;
  /** Agencies deciding as a collective body (People's Committees: "TM. ỦY BAN NHÂN DÂN"). */
  collective: boolean;
  /** Set when the unit was dissolved (merged into `successorId` from this date). */
  validTo: string | null;
  successorId: string | null;
}

function toUnit(r: any): OrgUnit {
  return {
    id: r.id, code: r.code, kind: r.kind, slug: r.slug, parentId: r.parent_id, sector: r.sector, level: r.level,
    name: r.name, nameEn: r.name_en, adminUnitCode: r.admin_unit_code, address: r.address, phone: r.phone,
    headTitle: r.head_title ?? null, headTitleFull: r.head_title_full ?? null, collective: !!r.collective,
    validTo: r.valid_to ?? null, successorId: r.successor_id ?? null,
  };
}

/**
 * Organisation units change rarely (by decision), and every request asks about them, so they
 * are kept in memory and reloaded after a short while or when this process changes them.
 * Dissolved units (merged away) stay in `byId`/`byCode` so history still shows their names,
 * but they are left out of `children` and of the agency lists used to route new work.
 */
interface OrgCache { at: number; byId: Map<string, OrgUnit>; byCode: Map<string, OrgUnit>; children: Map<string, OrgUnit[]>; bySectorLevel: Map<string, OrgUnit[]> }
let cache: OrgCache | null = null;
const TTL_MS = 30_000;

let loading: Promise<OrgCache> | null = null;

/** Single-flight: when the cache expires under load, one query refreshes it for everyone. */
async function load(db: Executor): Promise<OrgCache> {
  if (cache && Date.now() - cache.at < TTL_MS) return cache;
  loading ??= reload(db).finally(() => { loading = null; });
  return loading;
}

async function reload(db: Executor): Promise<OrgCache> {
  const rows = await db.selectFrom('org_unit').selectAll().execute();
  const byId = new Map<string, OrgUnit>();
  const byCode = new Map<string, OrgUnit>();
  const children = new Map<string, OrgUnit[]>();
  for (const r of rows) {
    const u = toUnit(r);
    byId.set(u.id, u);
    byCode.set(u.code, u);
  }
  for (const u of byId.values()) {
    if (!u.parentId || u.validTo) continue;
    const list = children.get(u.parentId) ?? [];
    list.push(u);
    children.set(u.parentId, list);
  }
  const fresh: OrgCache = { at: Date.now(), byId, byCode, children, bySectorLevel: new Map() };
  cache = fresh;
  return fresh;
}

export function invalidateOrgCache() {
  cache = null;
}

export async function getOrgUnit(db: Executor, id: string): Promise<OrgUnit | undefined> {
  return (await load(db)).byId.get(id);
}

export async function getAgencyByCode(db: Executor, code: string): Promise<OrgUnit | undefined> {
  const u = (await load(db)).byCode.get(code);
  return u?.kind === 'agency' ? u : undefined;
}

/** The unit and its ancestors, nearest first. */
export async function unitChain(db: Executor, id: string): Promise<OrgUnit[]> {
  const c = await load(db);
  const chain: OrgUnit[] = [];
  let cur = c.byId.get(id);
  while (cur && chain.length < 10) {
    chain.push(cur);
    cur = cur.parentId ? c.byId.get(cur.parentId) : undefined;
  }
  return chain;
}

/** The agency a unit belongs to (itself if it is one). */
export async function agencyOf(db: Executor, unitId: string): Promise<OrgUnit | undefined> {
  return (await unitChain(db, unitId)).find((u) => u.kind === 'agency');
}

/** An agency's internal unit by slug: 'desk', 'leadership' or a division code. */
export async function subUnit(db: Executor, agencyId: string, slug: string): Promise<OrgUnit | undefined> {
  return (await load(db)).children.get(agencyId)?.find((u) => u.slug === slug);
}

export async function subUnits(db: Executor, agencyId: string): Promise<OrgUnit[]> {
  return (await load(db)).children.get(agencyId) ?? [];
}

export interface AgencyFilter {
  sector?: string;
  level?: string;
  adminUnitCode?: string;
  q?: string;
}

export async function listAgencies(db: Executor, f: AgencyFilter = {}): Promise<OrgUnit[]> {
  const c = await load(db);
  // The common unfiltered-by-text question (which agencies decide this sector at this level) is answered once per cache load.
  if (!f.q && !f.adminUnitCode) {
    const key = `${f.sector ?? ''}|${f.level ?? ''}`;
    const hit = c.bySectorLevel.get(key);
    if (hit) return hit;
    const list = [...c.byId.values()].filter((u) => u.kind === 'agency' && !u.validTo && (!f.sector || u.sector === f.sector) && (!f.level || u.level === f.level))
      .sort((a, b) => a.code.localeCompare(b.code));
    c.bySectorLevel.set(key, list);
    return list;
  }
  const norm = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase();
  const q = f.q ? norm(f.q) : undefined;
  return [...c.byId.values()]
    .filter((u) => u.kind === 'agency' && !u.validTo)
    .filter((u) => (!f.sector || u.sector === f.sector) && (!f.level || u.level === f.level) && (!f.adminUnitCode || u.adminUnitCode === f.adminUnitCode))
    .filter((u) => !q || norm(u.name).includes(q) || u.code.includes(q))
    .sort((a, b) => a.code.localeCompare(b.code));
}
