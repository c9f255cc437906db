import { sql } from 'kysely';
import { inTx, type Executor } from '../../platform/db/database.ts';
import { Problem, problems, type FieldError } from '../../platform/http/problem.ts';
import { issueToFieldError, zodPath } from '../../platform/http/validation.ts';
import { getCalendar } from '../calendar/service.ts';
import { procedureDefinition, type ProcedureDefinition } from './definition.ts';
import { checkDefinition } from './rules.ts';
import './tables.ts';

export interface ProcedureVersion {
  id: string;
  procedureId: string;
  code: string;
  version: number;
  effectiveFrom: string;
  createdAt: Date;
  definition: ProcedureDefinition;
}

const TZ_MS = 7 * 3600_000;
export const localToday = () => new Date(Date.now() + TZ_MS).toISOString().slice(0, 10);

/** Versions never change once written, so they are cached by id for the dossier hot path. */
const byId = new Map<string, ProcedureVersion>();
/** Which version is current changes only when a version is added: cache briefly. */
const currentByCode = new Map<string, { at: number; id: string | null }>();
const CURRENT_TTL_MS = 10_000;

function toVersion(r: any): ProcedureVersion {
  return { id: r.id, procedureId: r.procedure_id, code: r.code, version: r.version, effectiveFrom: r.effective_from, createdAt: r.created_at, definition: r.definition };
}

export async function getVersion(db: Executor, id: string): Promise<ProcedureVersion | undefined> {
  const hit = byId.get(id);
  if (hit) return hit;
  const r = await db.selectFrom('procedure_version as v').innerJoin('procedure as p', 'p.id', 'v.procedure_id')
    .select(['v.id', 'v.procedure_id', 'p.code', 'v.version', 'v.effective_from', 'v.created_at', 'v.definition']).where('v.id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  const v = toVersion(r);
  byId.set(id, v);
  return v;
}

/** The version in force on `onDate` (local date): latest effective_from ≤ date, then highest version. */
export async function versionOn(db: Executor, code: string, onDate = localToday()): Promise<ProcedureVersion | undefined> {
  const today = onDate === localToday();
  const hit = today ? currentByCode.get(code) : undefined;
  if (hit && Date.now() - hit.at < CURRENT_TTL_MS) return hit.id ? getVersion(db, hit.id) : undefined;
  const r = await db.selectFrom('procedure_version as v').innerJoin('procedure as p', 'p.id', 'v.procedure_id')
    .select(['v.id', 'v.procedure_id', 'p.code', 'v.version', 'v.effective_from', 'v.created_at', 'v.definition'])
    .where('p.code', '=', code).where('v.effective_from', '<=', onDate)
    .orderBy('v.effective_from', 'desc').orderBy('v.version', 'desc').limit(1).executeTakeFirst();
  const v = r ? toVersion(r) : undefined;
  if (v) byId.set(v.id, v);
  if (today) currentByCode.set(code, { at: Date.now(), id: v?.id ?? null });
  return v;
}

export async function listVersions(db: Executor, code: string) {
  return db.selectFrom('procedure_version as v').innerJoin('procedure as p', 'p.id', 'v.procedure_id')
    .select(['v.id', 'v.version', 'v.effective_from as effectiveFrom', 'v.created_at as createdAt', 'v.name'])
    .where('p.code', '=', code).orderBy('v.version').execute();
}

/** Parses and checks a definition; throws one 400 listing every problem. */
export async function validateDefinition(db: Executor, raw: unknown, prefix = 'definition'): Promise<ProcedureDefinition> {
  const parsed = procedureDefinition.safeParse(raw);
  if (!parsed.success) {
    throw problems.validation(parsed.error.issues.map((i) => issueToFieldError({ ...(i as any), path: [prefix, zodPath(i.path)].filter(Boolean).join('.') })));
  }
  const cal = await getCalendar(db);
  const errs: FieldError[] = checkDefinition(parsed.data, cal.hoursPerDay).map((e) => ({ ...e, field: `${prefix}.${e.field}` }));
  if (errs.length) throw problems.validation(errs);
  return parsed.data;
}

async function insertVersion(tx: Executor, procedureId: string, version: number, effectiveFrom: string, def: ProcedureDefinition, userId: string | null) {
  const searchSource = [def.name, def.field, def.code, ...(def.keywords ?? [])].join(' | ');
  const r = await tx.insertInto('procedure_version').values({
    procedure_id: procedureId, version, effective_from: effectiveFrom, definition: JSON.stringify(def),
    name: def.name, field_code: def.fieldCode, level: def.level, sector: def.sector, online_level: def.onlineLevel,
    search_text: sql`search_norm(${searchSource})`, search_name: sql`search_norm(${def.name})`, created_by: userId,
  }).returning('id').executeTakeFirstOrThrow();
  currentByCode.delete(def.code);
  return r.id;
}

export async function createProcedure(db: Executor, raw: unknown, effectiveFrom: string, userId: string | null): Promise<ProcedureVersion> {
  const def = await validateDefinition(db, raw);
  const id = await inTx(db, async (tx) => {
    const p = await tx.insertInto('procedure').values({ code: def.code }).onConflict((oc) => oc.column('code').doNothing()).returning('id').executeTakeFirst();
    if (!p) throw problems.conflict(`Thủ tục mã ${def.code} đã có trong danh mục; hãy tạo phiên bản mới.`, `Procedure ${def.code} already exists; create a new version instead.`);
    return insertVersion(tx, p.id, 1, effectiveFrom, def, userId);
  });
  return (await getVersion(db, id))!;
}

/**
 * An edit is a new version effective from a date (today or later, and not before the latest
 * version). Dossiers already filed keep the version they were filed under.
 */
export async function addVersion(db: Executor, code: string, raw: unknown, effectiveFrom: string, userId: string | null, expectedVersion?: number): Promise<ProcedureVersion> {
  const def = await validateDefinition(db, raw);
  if (def.code !== code) throw problems.validation([{ field: 'definition.code', message_vi: `phải là ${code}`, message_en: `must be ${code}` }]);
  if (effectiveFrom < localToday()) {
    throw problems.validation([{ field: 'effectiveFrom', message_vi: 'không được ở quá khứ', message_en: 'must not be in the past' }]);
  }
  const id = await inTx(db, async (tx) => {
    const p = await tx.selectFrom('procedure').select('id').where('code', '=', code).forUpdate().executeTakeFirst();
    if (!p) throw problems.notFound('thủ tục', 'Procedure');
    const last = await tx.selectFrom('procedure_version').select(['version', 'effective_from']).where('procedure_id', '=', p.id).orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
    if (expectedVersion !== undefined && expectedVersion !== last.version) {
      throw problems.conflict(`Thủ tục đã được sửa (phiên bản hiện tại ${last.version}); hãy tải lại trước khi sửa.`, `The procedure was changed meanwhile (latest version ${last.version}); reload before editing.`, { currentVersion: last.version });
    }
    if (effectiveFrom < last.effective_from) {
      throw new Problem(400, 'validation', `Ngày hiệu lực phải từ ${last.effective_from} trở đi.`, `effectiveFrom must be on or after ${last.effective_from}.`, { errors: [{ field: 'effectiveFrom', message_vi: `phải từ ${last.effective_from}`, message_en: `must be on or after ${last.effective_from}` }] });
    }
    return insertVersion(tx, p.id, last.version + 1, effectiveFrom, def, userId);
  });
  return (await getVersion(db, id))!;
}

export interface SearchFilter {
  q?: string;
  field?: string;
  sector?: string;
  level?: string;
  onlineLevel?: string;
  lifeEvent?: string;
  limit: number;
  offset: number;
}

/**
 * Ranked search over the versions in force today: diacritic-insensitive (unaccent) and
 * typo-tolerant (pg_trgm word similarity); whole-name similarity ranks the plain procedure
 * above longer variants of it.
 */
export async function searchProcedures(db: Executor, f: SearchFilter) {
  const today = localToday();
  const q = f.q?.trim() || null;
  const rows = await sql<any>`
    with cur as (
      select distinct on (v.procedure_id) v.*, p.code
      from procedure_version v join procedure p on p.id = v.procedure_id
      where v.effective_from <= ${today}
      order by v.procedure_id, v.effective_from desc, v.version desc
    ), scored as (
      select cur.*, case when ${q}::text is null then 0 else
          word_similarity(search_norm(${q}), search_text) * 2 + similarity(search_norm(${q}), search_name)
          + case when search_text like '%' || search_norm(${q}) || '%' then 1 else 0 end
        end as score
      from cur
      where (${f.field ?? null}::text is null or field_code = ${f.field ?? null})
        and (${f.sector ?? null}::text is null or sector = ${f.sector ?? null})
        and (${f.level ?? null}::text is null or level = ${f.level ?? null})
        and (${f.onlineLevel ?? null}::text is null or online_level = ${f.onlineLevel ?? null})
        and (${f.lifeEvent ?? null}::text is null or definition::jsonb->'lifeEvents' ? ${f.lifeEvent ?? ''})
    )
    select code, name, definition, score, version, effective_from, count(*) over () as total from scored
    where ${q}::text is null or word_similarity(search_norm(${q}), search_text) >= 0.45 or search_text like '%' || search_norm(${q}) || '%'
    order by score desc, name
    limit ${f.limit} offset ${f.offset}`.execute(db);
  return {
    total: rows.rows[0]?.total ?? 0,
    items: rows.rows.map((r) => {
      const d = r.definition as ProcedureDefinition;
      return {
        code: r.code, name: r.name, nameEn: d.nameEn, field: d.field, fieldEn: d.fieldEn, fieldCode: d.fieldCode,
        level: d.level, sector: d.sector, onlineLevel: d.onlineLevel, deadline: d.deadline, minEidLevel: d.minEidLevel,
        lifeEvents: d.lifeEvents, version: r.version, score: Number(Number(r.score).toFixed(3)),
      };
    }),
  };
}
