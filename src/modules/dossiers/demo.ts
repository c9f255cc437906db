import { Readable } from 'node:stream';
import type { AppContext } from '../../platform/context.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { principalFor } from '../identity/service.ts';
import { versionOn } from '../catalog/service.ts';
import { sampleForm } from '../catalog/sample-form.ts';
import { prefillFor } from '../population/service.ts';
import { applyPrefill } from '../population/prefill.ts';
import { storeUpload } from '../files/service.ts';
import { renderBlankForm } from '../slips/index.ts';
import { act, type ActionInput } from './actions.ts';
import type { ActionName } from './lifecycle.ts';
import { insertDossier, prepareSubmission } from './submit.ts';
import { newDossierCode } from './codes.ts';

/**
 * Demo dossiers in every state, filed and moved through the real services, so the inboxes,
 * lists and tracking pages have something to show on first start. Runs only on an empty table.
 */
interface Scenario {
  procedure: string;
  agency?: string;
  citizen: string;
  /** Actions after submission, each by a demo account. */
  steps: [string, ActionName, Partial<ActionInput>?][];
}

const AN = '001090012345';
const BINH = '001195006789';
const CUONG = '001301004321';
const BADINH = '000.04.01.H26';
const CA_BADINH = '000.04.02.H26';

const lltp = (steps: Scenario['steps'], citizen = AN): Scenario => ({ procedure: '3.000333', citizen, steps });
// Cường's e-ID account is level 1: online she can file only level-1 procedures (here: renewing her ID card).
const cccd = (steps: Scenario['steps']): Scenario => ({ procedure: '2.001195', citizen: CUONG, steps });
const toSign: Scenario['steps'] = [['catp.tiepnhan', 'receive'], ['catp.tiepnhan', 'forward'], ['catp.canbo', 'forward'], ['catp.truongphong', 'forward']];

const scenarios: Scenario[] = [
  lltp([]),
  lltp([], BINH),
  cccd([]),
  lltp([['catp.tiepnhan', 'receive']]),
  lltp([['catp.tiepnhan', 'receive'], ['catp.tiepnhan', 'forward']], BINH),
  cccd([['catp.tiepnhan', 'receive'], ['catp.tiepnhan', 'forward']]),
  lltp([['catp.tiepnhan', 'receive'], ['catp.tiepnhan', 'forward'], ['catp.canbo', 'request_supplement', { items: [{ name: 'Bản sao Giấy khai sinh', reason: 'Cần bổ sung để xác minh nơi sinh' }] }]]),
  lltp([...toSign]),
  lltp([...toSign, ['catp.lanhdao', 'sign']], BINH),
  lltp([...toSign, ['catp.lanhdao', 'sign'], ['catp.tiepnhan', 'return', { method: 'online' }]]),
  cccd([['catp.tiepnhan', 'refuse', { reasons: ['Ảnh chụp thẻ căn cước đang sử dụng bị mờ, không đọc được số thẻ'] }]]),
  { procedure: '1.001193', agency: BADINH, citizen: BINH, steps: [] },
  { procedure: '1.001193', agency: BADINH, citizen: AN, steps: [['badinh.tiepnhan', 'receive'], ['badinh.tiepnhan', 'forward']] },
  { procedure: '2.000815', agency: BADINH, citizen: CUONG, steps: [['badinh.tiepnhan', 'receive']] },
  { procedure: '1.004873', agency: BADINH, citizen: BINH, steps: [['badinh.tiepnhan', 'receive'], ['badinh.tiepnhan', 'forward'], ['badinh.chuyenvien', 'forward'], ['badinh.truongphong', 'forward'], ['badinh.chutich', 'sign']] },
  { procedure: '1.004222', agency: CA_BADINH, citizen: AN, steps: [] },
  { procedure: '2.001159', agency: CA_BADINH, citizen: CUONG, steps: [['ca.badinh.tiepnhan', 'receive'], ['ca.badinh.tiepnhan', 'forward']] },
  { procedure: '1.001939', citizen: BINH, steps: [['bhxh.tiepnhan', 'receive']] },
];

export async function seedDemoDossiers(ctx: AppContext): Promise<number> {
  const any = await ctx.db.selectFrom('dossier').select('id').limit(1).executeTakeFirst();
  if (any) return 0;
  const people = new Map<string, Principal>();
  const who = async (u: string) => people.get(u) ?? people.set(u, await principalFor(ctx.db, u)).get(u)!;
  const scans = new Map<string, string>();
  let n = 0;
  for (const s of scenarios) {
    const v = await versionOn(ctx.db, s.procedure);
    if (!v) continue; // the catalog was edited: skip what no longer exists
    const citizen = await who(s.citizen);
    // A stand-in scan per citizen and procedure: the blank form, a real PDF with Vietnamese text.
    const key = `${s.citizen}/${s.procedure}`;
    if (!scans.has(key)) {
      const pdf = await renderBlankForm({ title: 'Bản scan minh họa', procedureName: v.definition.name, schema: v.definition.form });
      const f = await storeUpload(ctx.db, ctx.storage, { ownerId: citizen.userId, stream: Readable.from([pdf]), filename: 'ban-scan-minh-hoa.pdf', declaredType: 'application/pdf', maxBytes: ctx.config.maxUploadBytes });
      scans.set(key, f.id);
    }
    const documents = v.definition.documents.filter((d) => d.required && d.template !== 'form').map((d) => ({ code: d.code, fileIds: [scans.get(key)!] }));
    // Identity fields as the population database has them (the submission re-verifies them).
    const { prefill } = await prefillFor(ctx.db, citizen, s.procedure, v.definition.form);
    const form = applyPrefill(sampleForm(v.definition.form, { applicant: { fullName: citizen.name, idNumber: citizen.idNumber, phone: citizen.phone, email: citizen.email } }), prefill);
    const prep = await prepareSubmission(ctx.db, citizen, { procedureCode: s.procedure, agencyCode: s.agency, form, documents });
    const code = await newDossierCode(ctx.db, prep.agency.code, new Date());
    await ctx.db.transaction().execute(async (tx) => {
      const { id } = await insertDossier(tx, citizen, prep, form, code);
      let version = 1;
      for (const [user, action, input] of s.steps) {
        const row = await act(tx, await who(user), id, action, { version, ...input });
        version = row.version;
      }
    });
    n++;
  }
  return n;
}
