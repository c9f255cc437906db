/**
 * oidc-provider's storage (sessions, interactions, codes, tokens, grants) kept in this process's
 * memory, one store per provider instance (the package's own quick-start adapter shares one LRU
 * across instances). A restart signs everyone out of the demo provider, which is fine for a demo.
 */
type Payload = Record<string, any>;

const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

export function memoryAdapter() {
  const items = new Map<string, { value: any; expires: number }>();
  const get = (k: string) => {
    const e = items.get(k);
    if (!e) return undefined;
    if (e.expires < Date.now()) {
      items.delete(k);
      return undefined;
    }
    return e.value;
  };
  const set = (k: string, value: any, seconds: number) => {
    items.set(k, { value, expires: Date.now() + seconds * 1000 });
    if (items.size % 500 === 0) for (const [key, e] of items) if (e.expires < Date.now()) items.delete(key);
  };

  return class MemoryAdapter {
    constructor(private model: string) {}
    key(id: string) { return `${this.model}:${id}`; }
    async upsert(id: string, payload: Payload, expiresIn: number) {
      if (this.model === 'Session') set(`sessionUid:${payload.uid}`, id, expiresIn);
      if (GRANTABLE.has(this.model) && payload.grantId) {
        const g = `grant:${payload.grantId}`;
        set(g, [...(get(g) ?? []), this.key(id)], expiresIn);
      }
      if (payload.userCode) set(`userCode:${payload.userCode}`, id, expiresIn);
      set(this.key(id), payload, expiresIn);
    }
    async find(id: string) { return get(this.key(id)); }
    async findByUid(uid: string) { const id = get(`sessionUid:${uid}`); return id ? this.find(id) : undefined; }
    async findByUserCode(code: string) { const id = get(`userCode:${code}`); return id ? this.find(id) : undefined; }
    async consume(id: string) { const p = get(this.key(id)); if (p) p.consumed = Math.floor(Date.now() / 1000); }
    async destroy(id: string) { items.delete(this.key(id)); }
    async revokeByGrantId(grantId: string) {
      for (const k of get(`grant:${grantId}`) ?? []) items.delete(k);
      items.delete(`grant:${grantId}`);
    }
  };
}
