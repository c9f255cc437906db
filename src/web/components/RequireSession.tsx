import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../session';
import { Loading } from './ui';

/** Sends anyone not signed in (or of the wrong kind) to the sign-in page, coming back afterwards. */
export function RequireSession({ kind, children }: { kind?: 'staff' | 'citizen'; children: ReactNode }) {
  const { me, loading } = useSession();
  const loc = useLocation();
  if (loading) return <Loading />;
  if (!me || (kind && me.kind !== kind)) return <Navigate to={`/dang-nhap?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  return <>{children}</>;
}
