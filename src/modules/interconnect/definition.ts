import { createRequire } from 'node:module';
import { z } from 'zod';
import { localToday } from '../catalog/service.ts';

/**
 * Interconnected groups (liên thông) as dated data (groups.json): the parent application's form and
 * documents, and the parts — each a procedure at an agency (or at a system outside Motcua) — with
 * the dependencies between them and how the parent's answers map onto each part's form.
 */
const text = (max: number) => z.string().min(1).max(max);
const duration = z.object({ unit: z.enum(['working_days', 'working_hours']), value: z.number().positive().max(365) });

const partSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/),
  name: text(300),
  nameEn: text(300),
  /** The catalog procedure the child dossier is filed under (optional for external parts). */
  procedureCode: z.string().max(30).nullable(),
  /** Where an internal part is filed: at the commune the citizen chose, or the provincial agency of the procedure's sector. */
  agency: z.enum(['commune', 'province']).optional(),
  external: z.object({ connector: z.literal('social-insurance'), operation: text(100), system: text(200), systemEn: text(200) }).optional(),
  /** External parts: the deadline the other system is held to (internal ones follow their procedure). */
  deadline: duration.optional(),
  dependsOn: z.array(z.string()).max(10),
  /** Template of the part's form: '=form.x.y' and '=output.part.name' are references, anything else literal. */
  form: z.record(z.string(), z.unknown()),
  /** Earlier parts' e-results attached as this part's documents: { documentCode: partKey }. */
  resultDocuments: z.record(z.string(), z.string()).optional(),
  /** What the part produces for later parts when approved, besides its dossier code and date. */
  produces: z.enum(['birth_registration']).optional(),
}).refine((p) => !!p.external !== !!p.agency, { message: 'a part is either external or filed at an agency (commune/province)' })
  .refine((p) => !!p.external || !!p.procedureCode, { message: 'an internal part needs a procedureCode' })
  .refine((p) => !p.external || !!p.deadline, { message: 'an external part needs its deadline' });

const groupSchema = z.object({
  code: z.string().regex(/^[A-Z0-9-]{3,40}$/),
  version: z.number().int().min(1),
  effectiveFrom: z.iso.date(),
  effectiveTo: z.iso.date().optional(),
  name: text(500),
  nameEn: text(500),
  summary: text(1000),
  summaryEn: text(1000),
  basis: z.array(text(500)).min(1),
  lifeEvent: z.string().max(60),
  minEidLevel: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  /** The stated refusal rule: parts depending (directly or not) on a refused part are cancelled. */
  onRefusal: z.literal('cancel_dependents'),
  refusalRule: z.object({ vi: text(1000), en: text(1000) }),
  form: z.record(z.string(), z.unknown()),
  documents: z.array(z.object({
    code: z.string().regex(/^[a-z0-9-]{1,60}$/), name: text(500), nameEn: text(500),
    kind: z.enum(['original', 'copy', 'certified_copy', 'original_or_certified_copy']), count: z.number().int().min(1),
    required: z.boolean(), note: z.string().optional(),
    /** Which part receives it, under which of its document codes. */
    parts: z.record(z.string(), z.string()),
  })),
  parts: z.array(partSchema).min(2).max(10),
}).superRefine((g, ctx) => {
  const keys = new Set(g.parts.map((p) => p.key));
  if (keys.size !== g.parts.length) ctx.addIssue({ code: 'custom', message: `${g.code}: duplicate part keys` });
  // Dependencies only on earlier parts: the order in the file is a valid processing order, no cycles.
  g.parts.forEach((p, i) => {
    for (const d of [...p.dependsOn, ...Object.values(p.resultDocuments ?? {})]) {
      if (!g.parts.slice(0, i).some((q) => q.key === d)) ctx.addIssue({ code: 'custom', message: `${g.code}.${p.key}: depends on "${d}", which is not an earlier part` });
    }
  });
  for (const d of g.documents) for (const k of Object.keys(d.parts)) if (!keys.has(k)) ctx.addIssue({ code: 'custom', message: `${g.code}: document ${d.code} goes to unknown part ${k}` });
});

export type GroupDefinition = z.infer<typeof groupSchema>;
export type PartDefinition = GroupDefinition['parts'][number];

const require = createRequire(import.meta.url);
let groups: GroupDefinition[] | null = null;

/** Every version of every group, checked once (a malformed file stops the server at start). */
export function allGroups(): GroupDefinition[] {
  groups ??= z.object({ groups: z.array(groupSchema) }).parse(require('./groups.json')).groups;
  return groups;
}

/** The version of a group in force on `day` (YYYY-MM-DD, Vietnam), if any. */
export function groupOn(code: string, day = localToday()): GroupDefinition | undefined {
  return allGroups()
    .filter((g) => g.code === code && g.effectiveFrom <= day && (!g.effectiveTo || day <= g.effectiveTo))
    .sort((a, b) => b.version - a.version)[0];
}

export function groupVersion(code: string, version: number): GroupDefinition | undefined {
  return allGroups().find((g) => g.code === code && g.version === version);
}

export function groupsInForce(day = localToday()): GroupDefinition[] {
  const codes = [...new Set(allGroups().map((g) => g.code))];
  return codes.map((c) => groupOn(c, day)).filter((g): g is GroupDefinition => !!g);
}
