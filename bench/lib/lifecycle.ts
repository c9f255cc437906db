/**
 * Drives dossiers through the HTTP API the way people do: the citizen submits, the desk receives
 * and forwards, the processing officer and the head of division forward, the signing authority
 * signs, the desk returns the result. Every POST carries an Idempotency-Key and the `version`
 * from the previous answer.
 */
import { performance } from 'node:perf_hooks';
import type { Citizen, SubmitTarget } from './data.ts';
import { submissionBody } from './data.ts';
import type { Http } from './http.ts';
import { Samples } from './util.ts';

export interface Officials {
  desk_officer: string;
  processing_officer: string;
  head_of_division: string;
  signing_authority: string;
}

export interface LifecycleTarget {
  name: string;
  submit: SubmitTarget;
  agencyCode: string;
  officials: Officials;
}

export interface StepStats {
  byAction: Map<string, Samples>;
  errors: Map<string, number>;
  requests: number;
}

export function newStats(): StepStats {
  return { byAction: new Map(), errors: new Map(), requests: 0 };
}

let keySeq = 0;
const runTag = Date.now().toString(36);
export const idemKey = () => `bench-${runTag}-${++keySeq}`;

function record(stats: StepStats, action: string, ms: number) {
  let s = stats.byAction.get(action);
  if (!s) stats.byAction.set(action, (s = new Samples()));
  s.push(ms);
}

/**
 * One dossier from submission to returned result; `stopAfter` actions after the submission
 * (for seeding dossiers left at every stage). Returns the last answer or an error description.
 */
export async function runDossier(httpc: Http, t: LifecycleTarget, c: Citizen, stats: StepStats, stopAfter = Infinity): Promise<{ ok: boolean; last?: any; error?: string; submitted?: any }> {
  const post = async (action: string, path: string, token: string, body: string) => {
    const t0 = performance.now();
    const r = await httpc.request({ method: 'POST', path, headers: { authorization: `Bearer ${token}`, 'idempotency-key': idemKey() }, body }, t0);
    stats.requests++;
    if (r.status < 200 || r.status >= 300) {
      const k = `${action} → ${r.status}`;
      stats.errors.set(k, (stats.errors.get(k) ?? 0) + 1);
      return { error: `${k}: ${r.body.slice(0, 300)}` };
    }
    record(stats, action, r.ms);
    return { body: JSON.parse(r.body) };
  };
  const sub = await post('submit', '/api/v1/dossiers', c.token, submissionBody(t.submit, c, t.agencyCode));
  if (sub.error) return { ok: false, error: sub.error };
  let d = sub.body;
  const submitted = d;
  let n = 0;
  const act = async (action: string, role: keyof Officials) => {
    const r = await post(action, `/api/v1/dossiers/${d.id}/${action}`, t.officials[role], JSON.stringify({ version: d.version }));
    if (r.error) throw new Error(r.error);
    d = r.body;
    n++;
  };
  try {
    if (n >= stopAfter) return { ok: true, last: d, submitted };
    await act('receive', 'desk_officer');
    for (let guard = 0; guard < 40 && n < stopAfter; guard++) {
      if (d.status === 10) break;
      const role = d.currentStep?.role as keyof Officials;
      if (d.status === 9) await act('return', 'desk_officer');
      else if (role === 'signing_authority') await act('sign', role);
      else await act('forward', role);
    }
    return { ok: d.status === 10 || n >= stopAfter, last: d, submitted };
  } catch (e) {
    return { ok: false, error: (e as Error).message, submitted };
  }
}

export interface LifecycleResult {
  seconds: number;
  dossiers: number;
  failed: number;
  requests: number;
  stats: StepStats;
  firstError?: string;
}

/** `workers` concurrent workers, each taking dossiers through their whole lifecycle until `seconds` elapse. */
export async function lifecycleLoad(httpc: Http, targets: LifecycleTarget[], citizens: Citizen[], workers: number, seconds: number, progress?: (done: number) => void): Promise<LifecycleResult> {
  const stats = newStats();
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  let dossiers = 0;
  let failed = 0;
  let firstError: string | undefined;
  let w = 0;
  const timer = setInterval(() => progress?.(dossiers), 5000);
  const worker = async (i: number) => {
    let k = i;
    while (performance.now() < deadline) {
      const t = targets[(k + i) % targets.length];
      const c = citizens[Math.floor(Math.random() * citizens.length)];
      k++;
      const r = await runDossier(httpc, t, c, stats);
      if (r.ok) dossiers++;
      else {
        failed++;
        firstError ??= r.error;
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, () => worker(w++)));
  clearInterval(timer);
  const secs = (performance.now() - t0) / 1000;
  return { seconds: secs, dossiers, failed, requests: stats.requests, stats, firstError };
}
