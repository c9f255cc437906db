import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import i18n from './i18n';
import { ApiError, get, post } from './api';

export interface Me {
  id: string;
  kind: 'staff' | 'citizen';
  fullName: string;
  idNumber?: string;
  eidLevel?: 1 | 2;
  phone?: string;
  email?: string;
  roles: { role: string; unitId: string; unitCode?: string; unitName?: string; cityLevel?: boolean }[];
}

interface SessionValue {
  me: Me | null;
  loading: boolean;
  refresh(): Promise<void>;
  signIn(username: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
  hasRole(...roles: string[]): boolean;
  /** Holds one of the roles at the city People's Committee (city-wide catalogue, calendar, mergers). */
  hasCityRole(...roles: string[]): boolean;
}

const Ctx = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const refresh = useCallback(async () => {
    try {
      setMe(await get<Me>('/auth/me'));
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      setMe(null);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  // The language choice is remembered per user on this device.
  useEffect(() => {
    if (!me) return;
    const l = localStorage.getItem(`motcua.lang.${me.id}`);
    if (l && l !== i18n.language) void i18n.changeLanguage(l);
    const on = (lng: string) => localStorage.setItem(`motcua.lang.${me.id}`, lng);
    i18n.on('languageChanged', on);
    return () => i18n.off('languageChanged', on);
  }, [me]);
  const value: SessionValue = {
    me,
    loading,
    refresh,
    async signIn(username, password) {
      await post('/auth/login', { username, password });
      const m = await get<Me>('/auth/me');
      setMe(m);
      return m;
    },
    async signOut() {
      // Ends this session; after an e-ID sign-in the browser then ends the provider session too.
      const r = await post<{ endSessionUrl?: string }>('/auth/eid/logout');
      setMe(null);
      if (r.endSessionUrl) window.location.assign(r.endSessionUrl);
    },
    hasRole: (...roles) => !!me?.roles.some((r) => roles.includes(r.role)),
    hasCityRole: (...roles) => !!me?.roles.some((r) => r.cityLevel && roles.includes(r.role)),
  };
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
