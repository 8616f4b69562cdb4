/**
 * Who is signed in: loaded from GET /api/v1/auth/session at start, set by the login page, cleared
 * on sign-out or when the server answers 401 (session expired). Keeps the CSRF token for the client.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, onSignedOut, setCsrfToken, unwrap } from './api/client';
import type { components, paths } from './api/schema';

type SessionInfo = paths['/api/v1/auth/session']['get']['responses'][200]['content']['application/json'];
export type SessionUser = SessionInfo['user'];

interface Session {
  /** Undefined while loading, null when signed out. */
  info: SessionInfo | null | undefined;
  expired: boolean;
  signedIn(info: SessionInfo): void;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<SessionInfo | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);

  const signedIn = useCallback((next: SessionInfo) => {
    setCsrfToken(next.csrfToken);
    setExpired(false);
    setInfo(next);
  }, []);

  const refresh = useCallback(async () => {
    try {
      signedIn(await unwrap(api.GET('/api/v1/auth/session')));
    } catch {
      setInfo(null);
    }
  }, [signedIn]);

  const signOut = useCallback(async () => {
    await api.POST('/api/v1/auth/logout');
    setCsrfToken('');
    setInfo(null);
  }, []);

  useEffect(() => {
    void refresh();
    return onSignedOut(() => {
      setInfo((current) => {
        if (current) setExpired(true);
        return null;
      });
    });
  }, [refresh]);

  return (
    <SessionContext.Provider value={{ info, expired, signedIn, refresh, signOut }}>{children}</SessionContext.Provider>
  );
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** Whether the signed-in user adds to and changes casework (analysts and admins); the hub checks each request. */
export function useWritesCasework(): boolean {
  const roles = useSession().info?.user.roles ?? [];
  return roles.includes('analyst') || roles.includes('admin');
}

export type { components };
