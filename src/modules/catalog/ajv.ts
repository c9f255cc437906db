import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';

// ajv-formats is CommonJS; under ESM its function sits on `default`.
const addFormats = ((formatsPlugin as any).default ?? formatsPlugin) as (a: Ajv2020) => Ajv2020;

/** The JSON Schema (2020-12) validator for procedure forms, with standard formats (date, email…). */
export const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));

/** Compiles a form schema; a top-level $id is dropped so two versions of one form never clash in ajv's registry. */
export function compileForm(schema: object) {
  const { $id: _ignored, ...rest } = schema as Record<string, unknown>;
  return ajv.compile(rest);
}
