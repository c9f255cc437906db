/**
 * Fills a part's form template from the application: strings starting with '=' are references —
 * '=form.a.b' (the citizen's answers) or '=output.part.name' (what an earlier part produced);
 * a reference to nothing leaves the key out, so optional fields stay absent rather than empty.
 */
export interface MappingSources {
  form: unknown;
  outputs: Record<string, Record<string, unknown>>;
}

function lookup(root: unknown, path: string[]): unknown {
  let cur = root;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

export function resolveRef(ref: string, src: MappingSources): unknown {
  const [head, ...rest] = ref.slice(1).split('.');
  if (head === 'form') return structuredClone(lookup(src.form, rest));
  if (head === 'output') return lookup(src.outputs, rest);
  throw new Error(`unknown reference ${ref}`);
}

export function fillTemplate(template: unknown, src: MappingSources): unknown {
  if (typeof template === 'string') return template.startsWith('=') ? resolveRef(template, src) : template;
  if (Array.isArray(template)) return template.map((t) => fillTemplate(t, src)).filter((v) => v !== undefined);
  if (template && typeof template === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(template)) {
      const x = fillTemplate(v, src);
      // An object whose every reference was missing is left out too.
      if (x === undefined || (x && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length === 0)) continue;
      out[k] = x;
    }
    return out;
  }
  return template;
}

/** The earlier parts a template reads outputs from (they must be approved before it is filled). */
export function outputRefs(template: unknown, acc = new Set<string>()): Set<string> {
  if (typeof template === 'string' && template.startsWith('=output.')) acc.add(template.split('.')[1]);
  else if (Array.isArray(template)) template.forEach((t) => outputRefs(t, acc));
  else if (template && typeof template === 'object') Object.values(template).forEach((t) => outputRefs(t, acc));
  return acc;
}
