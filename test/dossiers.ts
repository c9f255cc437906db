import { afterAll, beforeAll } from 'vitest';
import { as, startTestServer, type TestServer } from './server.ts';
import { sampleForm } from '../src/modules/catalog/sample-form.ts';
import { uploadOk } from './fixtures.ts';
import { applyPrefill, type PrefillValue } from '../src/modules/population/prefill.ts';
import type { Api } from './server.ts';

export const AN = { idNumber: '001090012345', fullName: 'Nguyễn Văn An', phone: '0912345678' };

/** The current version of the first procedure a search finds. */
export async function findProcedure(api: Api, q: string) {
  const s = await api.get(`/api/v1/procedures?q=${encodeURIComponent(q)}&limit=1`);
  if (!s.body.items?.length) throw new Error(`no procedure for ${q}`);
  return (await api.get(`/api/v1/procedures/${s.body.items[0].code}`)).body;
}

/** A valid submission body for a procedure: form answers from its schema, one uploaded file per required document. */
export async function submissionFor(api: Api, proc: any, applicant: Record<string, unknown> = { idNumber: AN.idNumber, fullName: AN.fullName, phone: AN.phone }) {
  const form = applyPrefill(sampleForm(proc.form, { applicant }), await prefillOf(api, proc.code));
  const documents = [];
  for (const d of proc.documents) {
    if (d.required && d.template !== 'form') documents.push({ code: d.code, fileIds: [await uploadOk(api)] });
  }
  return { procedureCode: proc.code, form, documents };
}

export async function submit(api: Api, proc: any, extra: Record<string, unknown> = {}, headers?: Record<string, string>) {
  const body = { ...(await submissionFor(api, proc)), ...extra };
  return api.post('/api/v1/dossiers', body, headers);
}

/**
 * What the Apply page fills in for a signed-in citizen: identity fields from the population database
 * (re-verified on submission). Nothing for staff (the desk types the walk-in applicant's details).
 */
export async function prefillOf(api: Api, procedureCode: string): Promise<PrefillValue[]> {
  const r = await api.get(`/api/v1/my/population-record?procedureCode=${encodeURIComponent(procedureCode)}`);
  return r.status === 200 ? r.body.prefill : [];
}

/** Takes an action with the dossier's current version; throws unless it succeeds. */
export async function step(api: Api, id: string, action: string, body: Record<string, unknown> = {}) {
  const cur = await api.get(`/api/v1/dossiers/${id}`);
  if (cur.status !== 200) throw new Error(`cannot see dossier: ${cur.status} ${JSON.stringify(cur.body)}`);
  const r = await api.post(`/api/v1/dossiers/${id}/${action}`, { version: cur.body.version, ...body });
  if (r.status !== 200) throw new Error(`${action} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * The usual suite set-up: a fresh server, the demo citizen An signed in, and a procedure.
 * Fields are filled in by beforeAll, so read them inside tests.
 */
export function useDossierSuite(procedureQuery = 'lý lịch tư pháp') {
  const s = {} as { srv: TestServer; citizen: Api; proc: any };
  beforeAll(async () => {
    s.srv = await startTestServer();
    s.citizen = await as(s.srv.base, AN.idNumber);
    s.proc = await findProcedure(s.citizen, procedureQuery);
  });
  afterAll(() => s.srv?.stop());
  return s;
}
