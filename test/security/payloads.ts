/**
 * Hostile values for the generated suite (issue 6). Grouped so a failure names its family.
 */
export const STRING_PAYLOADS: { family: string; value: string }[] = [
  { family: 'sql', value: "' OR '1'='1" },
  { family: 'sql', value: "'; DROP TABLE dossier; --" },
  { family: 'sql', value: "1' UNION SELECT null, version(), current_user --" },
  { family: 'sql', value: "x'); select pg_sleep(3); --" },
  { family: 'sql', value: '1 OR 1=1' },
  { family: 'sql', value: "\\'; \\\\ $$ $1 %' _" },
  { family: 'script', value: '<script>window.__xss=1</script>' },
  { family: 'script', value: '"><img src=x onerror="window.__xss=1">' },
  { family: 'script', value: 'javascript:window.__xss=1' },
  { family: 'script', value: '<svg onload=window.__xss=1>' },
  { family: 'traversal', value: '../../../../../../etc/passwd' },
  { family: 'traversal', value: '..%2f..%2f..%2fetc%2fpasswd' },
  { family: 'traversal', value: '..\\..\\..\\windows\\win.ini' },
  { family: 'unicode', value: 'a\u0000b' },
  { family: 'unicode', value: '\u0000' },
  { family: 'unicode', value: '\ud800x\udfff' },
  { family: 'unicode', value: '\u202eNguyễn\u200b\ufeff\uffff 👨‍👩‍👧‍👦' },
  { family: 'unicode', value: 'Nguye\u0302\u0303n Va\u0306n A\u0300n' },
  { family: 'template', value: '${7*7}{{7*7}}%s%s%n%x' },
  { family: 'number-like', value: '-1' },
  { family: 'number-like', value: '1e309' },
  { family: 'number-like', value: '99999999999999999999999999' },
  { family: 'regex', value: '((((((((((a*)*)*)*)*)*)*)*)*)*)*$' },
  { family: 'empty', value: '' },
  { family: 'space', value: '   \t\r\n  ' },
  { family: 'long', value: 'A'.repeat(5000) },
  { family: 'long', value: 'Ư'.repeat(70_000) },
];

/** Fewer per body field (there are many fields): one of each family. */
export const BODY_PAYLOADS = STRING_PAYLOADS.filter((p, i, all) => all.findIndex((q) => q.family === p.family) === i)
  .concat(STRING_PAYLOADS.filter((p) => p.value === '\u0000' || p.value.startsWith('"><img')));

/** Wrong types for a field that expects something else. */
export const WRONG_TYPES: { family: string; value: unknown }[] = [
  { family: 'type:number', value: 12345 },
  { family: 'type:huge', value: 2 ** 64 },
  { family: 'type:bool', value: true },
  { family: 'type:null', value: null },
  { family: 'type:array', value: ['x', { a: 1 }] },
  // Own "__proto__"/"constructor" keys, as a hostile JSON body has them (prototype pollution).
  { family: 'type:object', value: JSON.parse('{"$gt":"","__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}') },
];

/** `{"a":{"a":…}}` nested `depth` times. */
export function deepJson(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

export function deepArray(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}
