import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, getData, postData } from './api.ts';
import { i18n } from './i18n/index.ts';
import { flushOutbox } from './outbox/outbox.ts';
import { listPending } from './outbox/outbox-db.ts';
import type { Me } from './types.ts';
import { wipeVisitData } from './visits/offline.ts';

interface Session {
  /** the logged-in user; null for a resident without an account (or logged out) */
  me: Me | null;
  /** true until the first answer of /api/auth/me */
  loading: boolean;
  /** the grid codes of the user's grid-worker grants */
  gridCodes: string[];
  refresh(): Promise<Me | null>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

async function loadMe(): Promise<Me | null> {
  try {
    return await getData<Me>('/api/auth/me');
  } catch (err) {
    // 401: nobody is logged in, which is normal for residents; offline: treat as anonymous too
    if (err instanceof ApiError && (err.status === 401 || err.status === 0)) return null;
    throw err;
  }
}

/** Loads the caller once for all pages; anonymous residents are a normal case, not an error. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    try {
      const next = await loadMe();
      setMe(next);
      return next;
    } catch {
      setMe(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // What the visit pages keep of residents (masked lists, visits not yet sent) leaves with the session.
  // Kept visits are sent first; if some cannot be, the worker decides whether to lose them or stay.
  const logout = useCallback(async () => {
    await flushOutbox();
    const unsent = (await listPending()).filter((p) => p.visit).length;
    if (unsent > 0 && !window.confirm(i18n.t('visits.logoutUnsent', { n: unsent }))) return;
    try {
      await postData('/api/auth/logout');
    } finally {
      await wipeVisitData();
      setMe(null);
    }
  }, []);

  const value = useMemo<Session>(() => {
    const gridCodes = (me?.grants ?? [])
      .filter((g) => g.role === 'grid_worker' && g.scopeCode)
      .map((g) => g.scopeCode as string);
    return { me, loading, gridCodes, refresh, logout };
  }, [me, loading, refresh, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The current session (inside SessionProvider). */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
