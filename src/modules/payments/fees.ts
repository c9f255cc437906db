import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Executor } from '../../platform/db/database.ts';
import { Problem, fieldError, type FieldError } from '../../platform/http/problem.ts';
import { localToday, versionOn, type ProcedureVersion } from '../catalog/service.ts';

/**
 * Fee policies as dated data (fee-policies.json), on top of the fee rows each procedure version
 * carries in the catalog: "0 đồng" policies (a channel's fees waived for listed procedures, or all,
 * during a period) and exemptions (miễn 100 % / giảm < 100 %) a citizen claims with a proof document.
 */
const date = z.iso.date();
const procedures = z.union([z.literal('*'), z.array(z.string().min(3).max(30)).min(1)]);
const zeroFeeSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9-]{2,60}$/), name: z.string().min(1), nameEn: z.string().min(1), basis: z.string().min(1),
  channel: z.enum(['online', 'in_person', 'any']), procedures, effectiveFrom: date, effectiveTo: date.optional(),
});
const exemptionSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]{2,60}$/), name: z.string().min(1), nameEn: z.string().min(1),
  percent: z.number().int().min(1).max(100), procedures,
  proof: z.object({ name: z.string().min(1), nameEn: z.string().min(1) }),
  basis: z.string().min(1), effectiveFrom: date, effectiveTo: date.optional(),
});
export const feePoliciesSchema = z.object({ zeroFee: z.array(zeroFeeSchema), exemptions: z.array(exemptionSchema) });
export type FeePolicies = z.infer<typeof feePoliciesSchema>;
export type ZeroFeePolicy = z.infer<typeof zeroFeeSchema>;
export type Exemption = z.infer<typeof exemptionSchema>;

export function loadFeePolicies(raw: unknown = JSON.parse(readFileSync(new URL('./fee-policies.json', import.meta.url), 'utf8'))): FeePolicies {
  const p = feePoliciesSchema.parse(raw);
  const codes = [...p.zeroFee.map((x) => x.code), ...p.exemptions.map((x) => x.code)];
  const dup = codes.find((c, i) => codes.indexOf(c) !== i);
  if (dup) throw new Error(`fee-policies.json: code ${dup} used twice`);
  for (const x of [...p.zeroFee, ...p.exemptions]) {
    if (x.effectiveTo && x.effectiveTo < x.effectiveFrom) throw new Error(`fee-policies.json: ${x.code} ends before it starts`);
  }
  return p;
}

let policies: FeePolicies | null = null;
export const feePolicies = () => (policies ??= loadFeePolicies());

const inForce = (x: { effectiveFrom: string; effectiveTo?: string }, day: string) => x.effectiveFrom <= day && (!x.effectiveTo || x.effectiveTo >= day);
const covers = (x: { procedures: '*' | string[] }, code: string) => x.procedures === '*' || x.procedures.includes(code);

/** Where the proof of a claimed exemption is filed among the dossier's documents. */
export const EXEMPTION_PROOF = 'fee-exemption-proof';

export type FeeChannel = 'online' | 'in_person';

export interface FeeQuoteRow {
  name: string; nameEn: string; basis: string;
  /** The row's amount at the desk. */
  amount: number;
  /** Less when filed online (the row's onlineAmount). */
  onlineDiscount: number;
  /** Waived by the "0 đồng" policy. */
  waived: number;
  /** Taken off by the claimed exemption. */
  exempted: number;
  /** What is due for this row. */
  due: number;
}

export interface FeeQuote {
  procedureCode: string;
  procedureVersion: number;
  day: string;
  channel: FeeChannel;
  currency: 'VND';
  rows: FeeQuoteRow[];
  subtotal: number;
  onlineDiscount: number;
  policy: { code: string; name: string; nameEn: string; basis: string; effectiveFrom: string; effectiveTo: string | null; waived: number } | null;
  exemption: { code: string; name: string; nameEn: string; percent: number; basis: string; proof: { name: string; nameEn: string }; amount: number } | null;
  total: number;
}

export interface QuoteOptions { day?: string; channel: FeeChannel; exemptionCode?: string | null }

/** Why an exemption claim is not accepted (field errors under `field`), or null when it is. */
export function exemptionProblems(v: ProcedureVersion, code: string, day: string, field = 'exemption.code'): FieldError[] {
  const x = feePolicies().exemptions.find((e) => e.code === code);
  if (!x) return [fieldError(field, `không có diện miễn, giảm mã "${code}"`, `no exemption has code "${code}"`)];
  if (!inForce(x, day)) {
    return [fieldError(field, `diện miễn, giảm "${x.name}" không còn (hoặc chưa) hiệu lực ngày ${day}`, `exemption "${x.nameEn}" is not in force on ${day}`)];
  }
  if (!covers(x, v.definition.code)) return [fieldError(field, `diện miễn, giảm "${x.name}" không áp dụng cho thủ tục này`, `exemption "${x.nameEn}" does not apply to this procedure`)];
  return [];
}

/** 422: the claimed exemption cannot be accepted (well-formed request, but not a claim the law allows). */
export function exemptionRefused(errors: FieldError[]): Problem {
  return new Problem(422, 'exemption_not_applicable', `Không chấp nhận đề nghị miễn, giảm: ${errors.map((e) => e.message_vi).join('; ')}`,
    `The fee exemption claim is not accepted: ${errors.map((e) => e.message_en).join('; ')}`, { errors });
}

/** The exemptions a citizen may claim for a procedure on a day (for the apply page). */
export function exemptionsFor(procedureCode: string, day = localToday()) {
  return feePolicies().exemptions.filter((x) => inForce(x, day) && covers(x, procedureCode))
    .map((x) => ({ code: x.code, name: x.name, nameEn: x.nameEn, percent: x.percent, proof: x.proof, basis: x.basis, effectiveFrom: x.effectiveFrom, effectiveTo: x.effectiveTo ?? null }));
}

/**
 * The fee a dossier owes: the version's fee rows in force on the day, the online amount when filed
 * online, then a "0 đồng" policy in force for the channel, then the claimed exemption's percentage
 * of what remains (rounded down to the đồng in the citizen's favour). An exemption that is unknown,
 * not in force or not for this procedure throws nothing here: call `exemptionProblems` first
 * (the quote then simply carries no exemption).
 */
export function quoteVersion(v: ProcedureVersion, o: QuoteOptions): FeeQuote {
  const day = o.day ?? localToday();
  const code = v.definition.code;
  const online = o.channel === 'online';
  const policy = feePolicies().zeroFee.find((z) => inForce(z, day) && covers(z, code) && (z.channel === 'any' || z.channel === o.channel)) ?? null;
  const ex = o.exemptionCode ? feePolicies().exemptions.find((x) => x.code === o.exemptionCode && inForce(x, day) && covers(x, code)) ?? null : null;
  const rows: FeeQuoteRow[] = v.definition.fees.filter((f) => inForce(f, day)).map((f) => {
    const afterChannel = online && f.onlineAmount !== undefined ? f.onlineAmount : f.amount;
    const waived = policy ? afterChannel : 0;
    const exempted = ex ? Math.ceil(((afterChannel - waived) * ex.percent) / 100) : 0;
    return { name: f.name, nameEn: f.nameEn, basis: f.basis, amount: f.amount, onlineDiscount: f.amount - afterChannel, waived, exempted, due: afterChannel - waived - exempted };
  });
  const sum = (k: keyof FeeQuoteRow) => rows.reduce((s, r) => s + (r[k] as number), 0);
  const anyFee = rows.some((r) => r.amount > 0);
  return {
    procedureCode: code, procedureVersion: v.version, day, channel: o.channel, currency: 'VND', rows,
    subtotal: sum('amount'), onlineDiscount: sum('onlineDiscount'),
    policy: policy && anyFee ? { code: policy.code, name: policy.name, nameEn: policy.nameEn, basis: policy.basis, effectiveFrom: policy.effectiveFrom, effectiveTo: policy.effectiveTo ?? null, waived: sum('waived') } : null,
    exemption: ex ? { code: ex.code, name: ex.name, nameEn: ex.nameEn, percent: ex.percent, basis: ex.basis, proof: ex.proof, amount: sum('exempted') } : null,
    total: sum('due'),
  };
}

/** `quoteVersion` for a procedure code (the version in force on the day) or a given version; undefined when no such procedure. */
export async function quoteFee(db: Executor, procedure: string | ProcedureVersion, o: QuoteOptions): Promise<FeeQuote | undefined> {
  const day = o.day ?? localToday();
  const v = typeof procedure === 'string' ? await versionOn(db, procedure, day) : procedure;
  return v ? quoteVersion(v, { ...o, day }) : undefined;
}
