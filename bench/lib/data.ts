/**
 * Synthetic people: citizens (app_user rows with valid 12-digit ID numbers and phones), sessions
 * for those who will use the API (user_session with sha256(token), as identity/sessions.ts does),
 * one small PDF uploaded per such citizen through POST /api/v1/files, and the demo officials'
 * bearer tokens through POST /api/v1/auth/login.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { sampleForm } from '../../src/modules/catalog/sample-form.ts';
import type { Http } from './http.ts';
import { log } from './util.ts';

export interface Citizen {
  n: number;
  id: string;
  fullName: string;
  idNumber: string;
  phone: string;
  email: string;
  token: string;
  fileId?: string;
  /** What the population registry fills in per procedure code (registry citizens of a city run). */
  prefill?: Record<string, { path: string; value: string }[]>;
}

const HO = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const DEM = ['Văn', 'Thị', 'Minh', 'Thu', 'Đức', 'Ngọc', 'Quang', 'Thanh', 'Hữu', 'Hoài', 'Thúy', 'Gia'];
const TEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hoa', 'Hùng', 'Lan', 'Linh', 'Mai', 'Nam', 'Phương', 'Quân', 'Sơn', 'Trang', 'Tuấn', 'Yến', 'Khánh', 'Long'];
const STREETS = ['Đội Cấn', 'Kim Mã', 'Giảng Võ', 'Láng Hạ', 'Tôn Đức Thắng', 'Nguyễn Trãi', 'Trần Duy Hưng', 'Cầu Giấy', 'Bạch Mai', 'Hàng Bông'];
const sqlArr = (a: string[]) => `array[${a.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]`;

/**
 * `count` citizens in one INSERT … SELECT generate_series. ID numbers follow the CCCD layout:
 * province 001 (Hà Nội), century/sex digit, two-digit birth year, six-digit serial.
 */
export async function createCitizens(db: pg.Client, count: number): Promise<number> {
  const r = await db.query(`
    insert into app_user (kind, full_name, id_number, date_of_birth, sex, phone, email, address, eid_level)
    select 'citizen',
      (${sqlArr(HO)})[1 + n % ${HO.length}] || ' ' || (${sqlArr(DEM)})[1 + (n / 7) % ${DEM.length}] || ' ' || (${sqlArr(TEN)})[1 + (n / 3) % ${TEN.length}],
      '001' || (case when y < 2000 then 0 else 2 end + n % 2)::text || lpad((y % 100)::text, 2, '0') || lpad(n::text, 6, '0'),
      make_date(y, 1 + n % 12, 1 + n % 28),
      case when n % 2 = 0 then 'Nam' else 'Nữ' end,
      '09' || lpad(((n::bigint * 7919) % 100000000)::text, 8, '0'),
      'bench-' || n || '@example.vn',
      'Số ' || (1 + n % 200) || ' phố ' || (${sqlArr(STREETS)})[1 + n % ${STREETS.length}] || ', thành phố Hà Nội',
      2 -- level-2 e-ID accounts: most procedures require it for online filing
    from (select n, 1950 + (n * 7) % 58 as y from generate_series(1, $1::int) n) s
    on conflict do nothing`, [count]);
  await db.query(`drop table if exists bench_citizen`);
  await db.query(`create unlogged table bench_citizen as
    select row_number() over (order by id_number)::int as n, id, full_name, id_number, phone, email
    from app_user where kind = 'citizen' and email like 'bench-%@example.vn'`);
  await db.query(`alter table bench_citizen add primary key (n)`);
  return r.rowCount ?? 0;
}

/** Sessions for the first `count` synthetic citizens: Authorization: Bearer <token>. */
export async function createSessions(db: pg.Client, count: number): Promise<Citizen[]> {
  const rows = (await db.query(`select n, id, full_name, id_number, phone, email from bench_citizen where n <= $1 order by n`, [count])).rows;
  const out: Citizen[] = rows.map((r) => ({
    n: r.n, id: r.id, fullName: r.full_name, idNumber: r.id_number, phone: r.phone, email: r.email,
    token: crypto.randomBytes(32).toString('base64url'),
  }));
  const hash = (t: string) => crypto.createHash('sha256').update(t).digest('hex');
  await db.query(`insert into user_session (token_hash, user_id, expires_at, ip, user_agent)
    select h, u, now() + interval '2 days', '127.0.0.1', 'motcua-bench' from unnest($1::text[], $2::uuid[]) as x(h, u)`,
  [out.map((c) => hash(c.token)), out.map((c) => c.id)]);
  return out;
}

/** A small but well-formed PDF, different for every citizen. */
export function smallPdf(label: string): Buffer {
  const body = `%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n% ${label}\ntrailer <</Root 1 0 R>>\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function multipart(file: Buffer, filename: string, type: string) {
  const boundary = `----motcua${crypto.randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head, 'utf8'), file, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POST /api/v1/files once per citizen (concurrency `conc`); the file id is reused for all their dossiers. */
export async function uploadFiles(httpc: Http, citizens: Citizen[], conc = 16): Promise<number> {
  let next = 0;
  let failed = 0;
  const t0 = Date.now();
  const worker = async () => {
    while (next < citizens.length) {
      const c = citizens[next++];
      const m = multipart(smallPdf(`giay to tuy than ${c.idNumber}`), `cccd-${c.idNumber}.pdf`, 'application/pdf');
      const r = await httpc.json({
        method: 'POST', path: '/api/v1/files', headers: { authorization: `Bearer ${c.token}`, 'content-type': m.contentType },
        body: m.body,
      });
      if (r.status === 201) c.fileId = r.body.id;
      else if (failed++ < 3) log(`upload failed: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: conc }, worker));
  const secs = (Date.now() - t0) / 1000;
  log(`uploaded ${citizens.length - failed} files in ${secs.toFixed(1)} s (${((citizens.length - failed) / secs).toFixed(0)}/s)`);
  if (failed) throw new Error(`${failed} uploads failed`);
  return secs;
}

export async function login(httpc: Http, username: string, password = 'motcua2026'): Promise<{ token: string; id: string }> {
  const r = await httpc.json({ method: 'POST', path: '/api/v1/auth/login', body: JSON.stringify({ username, password }) });
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { token: r.body.token, id: r.body.user.id };
}

/** What a citizen sends for one procedure: the procedure's form filled in, documents from their one upload. */
export interface SubmitTarget {
  key: string;
  procedureCode: string;
  agencyCodes: string[];
  proc: any;
}

export async function loadTarget(httpc: Http, key: string, procedureCode: string, agencyCodes: string[]): Promise<SubmitTarget> {
  const r = await httpc.json({ method: 'GET', path: `/api/v1/procedures/${encodeURIComponent(procedureCode)}` });
  if (r.status !== 200) throw new Error(`procedure ${procedureCode}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
  return { key, procedureCode, agencyCodes, proc: r.body };
}

/**
 * GET /my/population-record per citizen and procedure, as the apply page does: citizens who are in
 * the population registry must send its values in the identity fields (the server re-verifies them).
 */
export async function fetchPrefill(httpc: Http, citizens: Citizen[], procedureCodes: string[], conc = 16): Promise<number> {
  let next = 0;
  let found = 0;
  const worker = async () => {
    while (next < citizens.length) {
      const c = citizens[next++];
      for (const code of procedureCodes) {
        const r = await httpc.json({ method: 'GET', path: `/api/v1/my/population-record?procedureCode=${encodeURIComponent(code)}`, headers: { authorization: `Bearer ${c.token}` } });
        if (r.status !== 200) throw new Error(`population record of ${c.idNumber}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        if (r.body.found) {
          (c.prefill ??= {})[code] = r.body.prefill;
          found++;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: conc }, worker));
  return found;
}

function setAt(o: Record<string, any>, path: string[], v: unknown): Record<string, any> {
  const [k, ...rest] = path;
  return { ...o, [k]: rest.length ? setAt(o[k] && typeof o[k] === 'object' ? o[k] : {}, rest, v) : v };
}

export function submissionBody(t: SubmitTarget, c: Citizen, agencyCode: string): string {
  const applicant = { fullName: c.fullName, idNumber: c.idNumber, phone: c.phone, email: c.email, dateOfBirth: '1990-05-14', address: 'Số 5 phố Đội Cấn, phường Ba Đình, thành phố Hà Nội' };
  const form = (c.prefill?.[t.procedureCode] ?? []).reduce((f, v) => setAt(f, v.path.split('.'), v.value), sampleForm(t.proc.form, { applicant }) as Record<string, any>);
  const docs: { code: string; fileIds: string[] }[] = [];
  for (const d of t.proc.documents as any[]) {
    if (d.template === 'form') continue;
    if (d.required) docs.push({ code: d.code, fileIds: [c.fileId!] });
  }
  // A procedure with no required upload still gets the citizen's ID-card scan where it has a slot for it.
  if (docs.length === 0) {
    const slot = (t.proc.documents as any[]).find((d) => d.template !== 'form');
    if (slot) docs.push({ code: slot.code, fileIds: [c.fileId!] });
  }
  return JSON.stringify({ procedureCode: t.procedureCode, agencyCode, form, documents: docs });
}
