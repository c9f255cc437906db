// autocannon ships no type declarations; the benchmark uses a small part of its API.
declare module 'autocannon' {
  const autocannon: (opts: Record<string, unknown>, cb?: (err: unknown, result: unknown) => void) => any;
  export default autocannon;
}
