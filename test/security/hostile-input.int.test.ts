import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, as, startTestServer, type TestServer } from '../server.ts';
import { AN, findProcedure, submissionFor } from '../dossiers.ts';
import { tinyPdf } from '../fixtures.ts';
import { BODY_PAYLOADS, deepArray, deepJson, STRING_PAYLOADS, WRONG_TYPES } from './payloads.ts';

/**
 * Issue 6: generated hostile input over real HTTP. Every operation of the OpenAPI document gets
 * hostile values in each path parameter, query parameter and (schema-derived) body field, plus
 * wrong types, deep nesting and broken bodies. Every answer must be < 500, every 4xx must be
 * problem+json with both languages, and a refused request must leave the tables unchanged.
 */
const V = '/api/v1';
/** Operations that would end or alter the actors' own sign-in (tested elsewhere). */
const SKIP = [
  /^POST \/api\/v1\/auth\/(logout|eid\/logout)$/,
  /^POST \/api\/v1\/account\//,
  /^PUT \/api\/v1\/admin\/security-policy$/,
];
/** Tables a refused request must not touch (audit rows such as failed sign-ins are expected). */
const WATCHED = ['dossier', 'dossier_action', 'dossier_document', 'stored_file', 'dossier_draft', 'app_user', 'role_grant', 'personal_document', 'payment_order', 'dossier_rating', 'queue_ticket', 'authority_delegation'];

let srv: TestServer;
let db: pg.Client;
let actors: Api[];
let doc: any;
let fx: { dossierId: string; dossierCode: string; procedureCode: string; fileId: string };
const failures: string[] = [];
let sent = 0;
const byFamily = new Map<string, number>();

beforeAll(async () => {
  srv = await startTestServer();
  db = new pg.Client({ connectionString: srv.dbUrl });
  await db.connect();
  const citizen = await as(srv.base, AN.idNumber);
  actors = [citizen, await as(srv.base, 'catp.tiepnhan'), await as(srv.base, 'catp.canbo'), await as(srv.base, 'admin')];
  const proc = await findProcedure(citizen, 'lý lịch tư pháp');
  const sub = await citizen.post(`${V}/dossiers`, await submissionFor(citizen, proc));
  expect(sub.status).toBe(201);
  const up = await citizen.post(`${V}/files`, (() => { const f = new FormData(); f.append('file', new Blob([new Uint8Array(tinyPdf())], { type: 'application/pdf' }), 'a.pdf'); return f; })());
  fx = { dossierId: sub.body.id, dossierCode: sub.body.code, procedureCode: proc.code, fileId: up.body.id };
  doc = (await new Api(srv.base).get('/openapi.json')).body;
});
afterAll(async () => {
  await db?.end();
  await srv?.stop();
});

async function counts(): Promise<string> {
  const r = await db.query(`select ${WATCHED.map((t) => `(select count(*) from ${t}) as ${t}`).join(', ')}`);
  return JSON.stringify(r.rows[0]);
}
function storedFiles(): number {
  const dir = path.join(srv.dataDir, 'files');
  let n = 0;
  const walk = (d: string) => { for (const e of fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }) : []) e.isDirectory() ? walk(path.join(d, e.name)) : n++; };
  walk(dir);
  return n;
}

// ---------- JSON Schema → a valid-looking sample, and the string fields inside it ----------
function resolve(s: any): any {
  while (s?.$ref) s = s.$ref.split('/').slice(1).reduce((o: any, k: string) => o?.[k], doc);
  return s;
}
function pick(s: any): any {
  s = resolve(s);
  if (!s) return s;
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return pick(alt.find((a: any) => resolve(a)?.type !== 'null') ?? alt[0]);
  return s;
}
function typeOf(s: any): string | undefined {
  return Array.isArray(s?.type) ? s.type.find((t: string) => t !== 'null') : s?.type;
}
function sampleString(s: any, name: string): string {
  if (s.format === 'uuid') return crypto.randomUUID();
  if (s.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
  if (s.format === 'date') return '2026-12-01';
  if (s.format === 'email') return 'an@example.vn';
  const candidates = [/code$/i.test(name) ? fx.procedureCode : 'x', '001090012345', '0912345678', 'abcd', '2026-12-01', fx.procedureCode];
  if (s.pattern) {
    const re = new RegExp(s.pattern, 'u');
    const ok = candidates.find((c) => re.test(c));
    if (ok) return ok;
  }
  const min = s.minLength ?? 1;
  const base = candidates[0]!;
  return base.length >= min ? base : base.padEnd(min, 'x');
}
function sample(s0: any, name = '', depth = 0): any {
  const s = pick(s0);
  if (!s || depth > 6) return undefined;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  switch (typeOf(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = sample(s.properties?.[k], k, depth + 1);
      return out;
    }
    case 'array': return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items, name, depth + 1));
    case 'string': return sampleString(s, name);
    case 'integer': case 'number': return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean': return false;
    default: return s.properties ? sample({ ...s, type: 'object' }, name, depth) : 'x';
  }
}
/** Paths (arrays of keys) of fields inside a body schema, with their type; arrays contribute their first item. */
function fields(s0: any, at: (string | number)[] = [], depth = 0, out: { path: (string | number)[]; type: string }[] = []) {
  const s = pick(s0);
  if (!s || depth > 3) return out;
  const t = typeOf(s) ?? (s.properties ? 'object' : undefined);
  if (at.length) out.push({ path: at, type: t ?? 'any' });
  if (t === 'object') for (const [k, v] of Object.entries(s.properties ?? {})) fields(v, [...at, k], depth + 1, out);
  if (t === 'array') fields(s.items, [...at, 0], depth + 1, out);
  return out;
}
function setAt(body: any, p: (string | number)[], value: unknown): any {
  const root = structuredClone(body ?? {});
  let o = root;
  for (let i = 0; i < p.length - 1; i++) {
    const k = p[i]!;
    if (o[k] === undefined || o[k] === null || typeof o[k] !== 'object') o[k] = typeof p[i + 1] === 'number' ? [] : {};
    o = o[k];
  }
  o[p.at(-1)!] = value;
  return root;
}

// ---------- one request, checked ----------
interface Case { op: string; family: string; method: string; url: string; body?: string; contentType?: string; actor: number; headers?: Record<string, string> }

async function run(c: Case) {
  const before = await counts();
  const filesBefore = c.url.startsWith(`${V}/files`) ? storedFiles() : 0;
  const h: Record<string, string> = { ...(c.headers ?? {}) };
  const a = actors[c.actor % actors.length]!;
  if (a.token) h.authorization = `Bearer ${a.token}`;
  if (c.body !== undefined) h['content-type'] = c.contentType ?? 'application/json';
  let res: Response;
  try {
    res = await fetch(srv.base + c.url, { method: c.method, headers: h, body: c.body, redirect: 'manual' });
  } catch (e) {
    failures.push(`${c.op} [${c.family}] ${c.url.slice(0, 120)}: no answer (${(e as Error).message})`);
    return;
  }
  sent++;
  byFamily.set(c.family.split(':')[0]!, (byFamily.get(c.family.split(':')[0]!) ?? 0) + 1);
  const ct = res.headers.get('content-type') ?? '';
  const text = await res.text();
  const where = `${c.op} [${c.family}] ${c.method} ${c.url.slice(0, 140)}${c.body ? ` body ${c.body.slice(0, 160)}` : ''}`;
  if (res.status >= 500) failures.push(`${where} → ${res.status} ${text.slice(0, 300)}`);
  // The e-ID redirect endpoints answer browsers with HTML pages (their failures included).
  const html = /\/auth\/eid\/(start|callback)/.test(c.url);
  if (res.status >= 400 && !html) {
    if (!ct.includes('application/problem+json')) failures.push(`${where} → ${res.status} not problem+json (${ct})`);
    else {
      const b = JSON.parse(text);
      if (!b.message_vi || !b.message_en) failures.push(`${where} → ${res.status} problem without both languages`);
    }
  }
  if (ct.includes('text/html') && /<script>window\.__xss|onerror="window\.__xss/.test(text)) failures.push(`${where} → HTML reflects the script payload`);
  if (res.status >= 400) {
    const after = await counts();
    if (after !== before) {
      // Work started by an earlier accepted request may still be writing: settle, then send this one again.
      await new Promise((r) => setTimeout(r, 500));
      const settled = await counts();
      const again = await fetch(srv.base + c.url, { method: c.method, headers: h, body: c.body, redirect: 'manual' });
      await again.arrayBuffer();
      const after2 = await counts();
      if (again.status >= 400 && after2 !== settled) failures.push(`${where} → ${res.status} but tables changed: ${settled} → ${after2}`);
    }
    if (c.url.startsWith(`${V}/files`) && storedFiles() !== filesBefore) failures.push(`${where} → ${res.status} but a file was stored`);
  }
}

function operations(): { op: string; method: string; path: string; spec: any }[] {
  const out = [];
  for (const [p, item] of Object.entries<any>(doc.paths)) {
    if (!p.startsWith(V)) continue;
    for (const [m, spec] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(m)) continue;
      const op = `${m.toUpperCase()} ${p}`;
      if (SKIP.some((re) => re.test(op))) continue;
      out.push({ op, method: m.toUpperCase(), path: p, spec });
    }
  }
  return out;
}

function pathValue(p: string, name: string, schema: any): string {
  if (p.startsWith(`${V}/dossiers/{id}`) && name === 'id') return fx.dossierId;
  if (p.startsWith(`${V}/files/{id}`)) return fx.fileId;
  if (/tracking/.test(p)) return fx.dossierCode;
  if (/procedures\/\{code\}/.test(p)) return fx.procedureCode;
  return sampleString(pick(schema) ?? {}, name);
}

/** A URL cannot carry a lone surrogate: it becomes U+FFFD (what a browser sends). */
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

function buildUrl(p: string, params: any[], override?: { name: string; value: string }, query?: Record<string, string>) {
  let url = p;
  for (const prm of params.filter((x) => x.in === 'path')) {
    const v = override && override.name === prm.name ? override.value : pathValue(p, prm.name, prm.schema);
    url = url.replace(`{${prm.name}}`, encodeURIComponent(wellFormed(v)));
  }
  const q = new URLSearchParams();
  for (const prm of params.filter((x) => x.in === 'query' && x.required)) q.set(prm.name, String(sample(prm.schema, prm.name) ?? 'x'));
  for (const [k, v] of Object.entries(query ?? {})) q.set(k, wellFormed(v));
  const qs = q.toString();
  return qs ? `${url}?${qs}` : url;
}

function bodySchema(spec: any) {
  return spec.requestBody?.content?.['application/json']?.schema;
}

describe('generated hostile input (every OpenAPI operation)', () => {
  it('path and query parameters: SQL, script, traversal, NUL/unicode, long, template strings', async () => {
    let k = 0;
    for (const o of operations()) {
      const params: any[] = o.spec.parameters ?? [];
      const body = bodySchema(o.spec) ? JSON.stringify(sample(bodySchema(o.spec))) : o.method === 'GET' || o.method === 'DELETE' ? undefined : '{}';
      const multipart = !!o.spec.requestBody?.content?.['multipart/form-data'];
      for (const prm of params.filter((x) => x.in === 'path' || x.in === 'query')) {
        for (const pl of STRING_PAYLOADS) {
          const url = prm.in === 'path' ? buildUrl(o.path, params, { name: prm.name, value: pl.value }) : buildUrl(o.path, params, undefined, { [prm.name]: pl.value });
          await run({ op: o.op, family: `${prm.in}:${pl.family}`, method: o.method, url, body: multipart ? undefined : body, actor: k++ });
        }
      }
    }
    expect(sent).toBeGreaterThan(300);
  }, 300_000);

  it('body fields: hostile strings in every field, wrong types, prototype-pollution keys', async () => {
    let k = 0;
    for (const o of operations()) {
      const schema = bodySchema(o.spec);
      if (!schema) continue;
      const base = sample(schema);
      const url = buildUrl(o.path, o.spec.parameters ?? []);
      for (const f of fields(schema)) {
        if (f.type === 'string' || f.type === 'any') {
          for (const pl of BODY_PAYLOADS) await run({ op: o.op, family: `body:${pl.family}`, method: o.method, url, body: JSON.stringify(setAt(base, f.path, pl.value)), actor: k++ });
        }
        for (const wt of WRONG_TYPES) {
          if (wt.value === null && f.type === 'string') continue;
          await run({ op: o.op, family: `body-${wt.family}`, method: o.method, url, body: JSON.stringify(setAt(base, f.path, wt.value)), actor: k++ });
        }
      }
    }
  }, 600_000);

  it('whole bodies: deep nesting, wrong top-level types, malformed and mislabelled JSON', async () => {
    let k = 0;
    const bodies: { family: string; body: string; contentType?: string }[] = [
      { family: 'deep-object', body: deepJson(5000) },
      { family: 'deep-array', body: deepArray(20_000) },
      { family: 'deep-form', body: `{"procedureCode":"${fx.procedureCode}","form":${deepJson(3000)},"documents":[]}` },
      { family: 'top-array', body: '[1,2,3]' },
      { family: 'top-string', body: '"x"' },
      { family: 'top-null', body: 'null' },
      { family: 'malformed', body: '{"a":' },
      { family: 'bom', body: '\ufeff{}' },
      { family: 'duplicate-keys', body: '{"version":1,"version":"x"}' },
      { family: 'wrong-content-type', body: '<a/>', contentType: 'application/xml' },
      { family: 'form-urlencoded', body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
      { family: 'charset-lie', body: '{"a":"\u00ff"}', contentType: 'application/json; charset=utf-16' },
    ];
    for (const o of operations()) {
      if (!['POST', 'PUT', 'PATCH'].includes(o.method) || o.spec.requestBody?.content?.['multipart/form-data']) continue;
      const url = buildUrl(o.path, o.spec.parameters ?? []);
      for (const b of bodies) await run({ op: o.op, family: `whole:${b.family}`, method: o.method, url, body: b.body, contentType: b.contentType, actor: k++ });
    }
  }, 300_000);

  it('reports: no 5xx, problem+json everywhere, no partial writes', () => {
    if (failures.length) { fs.mkdirSync('test-output', { recursive: true }); fs.writeFileSync('test-output/hostile-input-failures.txt', failures.join('\n')); }
    console.log(`hostile-input: ${sent} requests over ${operations().length} operations; by family ${JSON.stringify(Object.fromEntries(byFamily))}; ${failures.length} failures`);
    expect(failures.slice(0, 40)).toEqual([]);
  });
});
