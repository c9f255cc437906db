/**
 * The database-only baseline for a submission: a pgbench custom script doing in one transaction
 * what POST /dossiers writes — the idempotency_key row (with a response of the real size), the
 * per-agency per-day counter bumped with INSERT … ON CONFLICT DO UPDATE, the dossier row and its
 * first dossier_action row — with the same agency mix, client count and duration as the HTTP run.
 */
import { spawn } from 'node:child_process';
import fsp from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { summarize, type LatencySummary } from './util.ts';

export interface PgbenchTarget {
  agencyCode: string;
  agencyId: string;
  deskId: string;
  procedureId: string;
  versionId: string;
  procedureCode: string;
  procedureName: string;
  procedureVersion: number;
  fee: number;
  form: unknown;
  response: unknown;
}

/** Tables the script reads its inputs from (same data the HTTP clients use). */
export async function preparePgbench(db: pg.Client, targets: PgbenchTarget[], apiCitizens: number) {
  await db.query(`drop table if exists bench_pgb_target, bench_pgb_citizen`);
  await db.query(`create table bench_pgb_target as select (row_number() over ())::int as n, * from jsonb_to_recordset($1::jsonb) as x(
    agency_code text, agency_id uuid, desk_id uuid, procedure_id uuid, version_id uuid, procedure_code text, procedure_name text,
    procedure_version int, fee bigint, form jsonb, response jsonb)`, [JSON.stringify(targets.map((t) => ({
    agency_code: t.agencyCode, agency_id: t.agencyId, desk_id: t.deskId, procedure_id: t.procedureId, version_id: t.versionId,
    procedure_code: t.procedureCode, procedure_name: t.procedureName, procedure_version: t.procedureVersion, fee: t.fee, form: t.form, response: t.response,
  })))]);
  await db.query(`alter table bench_pgb_target add primary key (n)`);
  await db.query(`create table bench_pgb_citizen as select * from bench_citizen where n <= $1`, [apiCitizens]);
  await db.query(`alter table bench_pgb_citizen add primary key (n)`);
  await db.query(`analyze bench_pgb_target; analyze bench_pgb_citizen`);
}

// No "::" casts and no ":digit" inside literals: pgbench would take them for variables.
export const SCRIPT = `\\set t random(1, 1000000)
\\set w random(2, :nt)
\\set u random(1, :ncit)
\\set k random(1, 9000000000000000)
\\if :t <= :catp_ppm
\\set a 1
\\else
\\set a :w
\\endif
BEGIN;
INSERT INTO idempotency_key (scope, key, request_hash, status_code, response)
  SELECT CAST(u.id AS text), 'pgbench-' || :client_id || '-' || :k, md5(CAST(:k AS text)), 201, t.response
  FROM bench_pgb_citizen u, bench_pgb_target t WHERE u.n = :u AND t.n = :a
  ON CONFLICT DO NOTHING;
WITH t AS (SELECT * FROM bench_pgb_target WHERE n = :a),
  u AS (SELECT * FROM bench_pgb_citizen WHERE n = :u),
  c AS (INSERT INTO dossier_code_counter (agency_code, day, last)
    SELECT t.agency_code, CAST(now() AT TIME ZONE 'UTC' + interval '7 hours' AS date), 1 FROM t
    ON CONFLICT (agency_code, day) DO UPDATE SET last = dossier_code_counter.last + 1
    RETURNING last),
  d AS (INSERT INTO dossier (code, procedure_id, procedure_version_id, procedure_code, procedure_name, agency_id, status, channel,
      applicant_user_id, applicant_name, applicant_id_number, applicant_phone, applicant_email, form,
      step_unit_id, step_role, submitted_at, fee_amount, created_by)
    SELECT t.agency_code || '-' || to_char(now() AT TIME ZONE 'UTC' + interval '7 hours', 'YYMMDD') || '-' || lpad(CAST(c.last AS text), greatest(4, length(CAST(c.last AS text))), '0'),
      t.procedure_id, t.version_id, t.procedure_code, t.procedure_name, t.agency_id, 1, 2,
      u.id, u.full_name, u.id_number, u.phone, u.email, t.form, t.desk_id, 'desk_officer', now(), t.fee, u.id
    FROM c, t, u
    RETURNING id)
INSERT INTO dossier_action (dossier_id, seq, action, actor_id, actor_name, actor_role, at, from_status, to_status, to_unit_id, data)
  SELECT d.id, 1, 'submit', u.id, u.full_name, 'applicant', now(), NULL, 1, t.desk_id,
    jsonb_build_object('channel', 2, 'procedureVersion', t.procedure_version)
  FROM d, t, u;
END;
`;

export interface PgbenchResult {
  tps: number;
  transactions: number;
  failed: number;
  seconds: number;
  latency: LatencySummary;
  perStatement: string;
  output: string;
}

export async function runPgbench(url: string, dir: string, clients: number, seconds: number, targets: number, apiCitizens: number, catpShare: number, onLine?: (l: string) => void): Promise<PgbenchResult> {
  const script = path.join(dir, 'submission.pgbench.sql');
  await fsp.writeFile(script, SCRIPT);
  const logDir = path.join(dir, 'pgbench-logs');
  await fsp.rm(logDir, { recursive: true, force: true });
  await fsp.mkdir(logDir);
  const args = ['-n', '-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(seconds), '-P', '5', '-r', '-l', '--log-prefix', path.join(logDir, 'tx'),
    '-f', script, '-D', `nt=${targets}`, '-D', `ncit=${apiCitizens}`, '-D', `catp_ppm=${Math.round(catpShare * 1_000_000)}`, url];
  const output = await new Promise<string>((resolve, reject) => {
    const p = spawn('pgbench', args, { cwd: dir, env: { ...process.env, PGAPPNAME: 'pgbench' } });
    let out = '';
    const onData = (b: Buffer) => {
      const s = b.toString();
      out += s;
      for (const l of s.split('\n')) if (l.startsWith('progress:')) onLine?.(l);
    };
    p.stdout.on('data', onData);
    p.stderr.on('data', onData);
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`pgbench exited with ${code}:\n${out.slice(-3000)}`))));
  });
  const lat: number[] = [];
  for (const f of await fsp.readdir(logDir)) {
    for (const line of (await fsp.readFile(path.join(logDir, f), 'utf8')).split('\n')) {
      const parts = line.split(' ');
      if (parts.length >= 6) lat.push(Number(parts[2]) / 1000);
    }
  }
  await fsp.rm(logDir, { recursive: true, force: true });
  const num = (re: RegExp) => Number(re.exec(output)?.[1] ?? NaN);
  const perStatement = output.split('\n').filter((l) => /^\s+[\d.]+\s+[\d.]+\s+\S/.test(l) || /^\s+[\d.]+\s+\S/.test(l)).map((l) => l.replace(/\s+/g, ' ').trim()).join('\n');
  return {
    tps: num(/tps = ([\d.]+) \(without initial connection time\)/),
    transactions: num(/number of transactions actually processed: (\d+)/),
    failed: num(/number of failed transactions: (\d+)/) || 0,
    seconds,
    latency: summarize(lat),
    perStatement,
    output,
  };
}
