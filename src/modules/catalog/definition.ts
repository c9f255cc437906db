import { z } from 'zod';

/** A procedure as published in the catalog (one version). Shared by the API, the seed and the dossier lifecycle. */
export const roles = ['desk_officer', 'processing_officer', 'head_of_division', 'signing_authority'] as const;
export const sectors = ['people_committee', 'justice', 'construction', 'agriculture_environment', 'finance', 'health', 'education',
  'industry_trade', 'culture', 'home_affairs', 'police', 'social_insurance', 'tax', 'notary'] as const;

const date = z.iso.date();
const duration = z.object({ unit: z.enum(['working_hours', 'working_days']), value: z.number().positive().max(365) });

export const feeSchema = z.object({
  name: z.string().min(1).max(300),
  nameEn: z.string().min(1).max(300),
  amount: z.number().int().nonnegative(),
  onlineAmount: z.number().int().nonnegative().optional(),
  effectiveFrom: date,
  effectiveTo: date.optional(),
  basis: z.string().min(1).max(500),
  note: z.string().max(1000).optional(),
});

export const documentSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]{1,60}$/),
  name: z.string().min(1).max(500),
  nameEn: z.string().min(1).max(500),
  kind: z.enum(['original', 'copy', 'certified_copy', 'original_or_certified_copy']),
  count: z.number().int().min(1).max(50),
  required: z.boolean(),
  template: z.literal('form').optional(),
  note: z.string().max(1000).optional(),
});

export const stepSchema = z.object({
  name: z.string().min(1).max(300),
  nameEn: z.string().min(1).max(300),
  role: z.enum(roles),
  unit: z.string().regex(/^(desk|leadership|division:[a-z0-9-]{1,60})$/),
  duration,
});

export const procedureDefinition = z.object({
  code: z.string().regex(/^[0-9A-Za-z.\-]{3,30}$/),
  name: z.string().min(3).max(500),
  nameEn: z.string().min(3).max(500),
  field: z.string().min(1).max(200),
  fieldEn: z.string().min(1).max(200),
  fieldCode: z.string().regex(/^[a-z0-9-]{1,60}$/),
  level: z.enum(['commune', 'province']),
  sector: z.enum(sectors),
  deadline: z.object({ unit: z.enum(['working_days', 'working_hours', 'same_day']), value: z.number().nonnegative().max(365) }),
  fees: z.array(feeSchema).max(30),
  documents: z.array(documentSchema).max(60),
  form: z.record(z.string(), z.unknown()),
  onlineLevel: z.enum(['full', 'partial']),
  legalBasis: z.array(z.string().min(1).max(500)).min(1).max(40),
  resultType: z.string().min(1).max(300),
  resultTypeEn: z.string().min(1).max(300),
  minEidLevel: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  lifeEvents: z.array(z.string().regex(/^[a-z0-9-]{1,60}$/)).max(20),
  keywords: z.array(z.string().max(100)).max(40).optional(),
  process: z.array(stepSchema).min(2).max(30),
});

export type ProcedureDefinition = z.infer<typeof procedureDefinition>;
export type ProcessStep = z.infer<typeof stepSchema>;
export type Fee = z.infer<typeof feeSchema>;
