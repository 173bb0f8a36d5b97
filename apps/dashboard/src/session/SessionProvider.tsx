import type { LoginRequest, SignupRequest, TenantView, UserView } from '@shared/types';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiRequestError, setUnauthorizedHandler } from '../api/client';
import { api } from '../api/endpoints';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; expired: boolean; error?: unknown }
  | { status: 'signed-in'; user: UserView; tenant: TenantView | null };

export interface Session {
  state: SessionState;
  login: (body: LoginRequest) => Promise<void>;
  signup: (body: SignupRequest) => Promise<void>;
  logout: () => Promise<void>;
  /** After the owner changed the restaurant's settings. */
  setTenant: (tenant: TenantView) => void;
}

const SessionContext = createContext<Session | null>(null);

/** Who is signed in. The session lives in the API's HttpOnly cookie; this only mirrors `/auth/me`. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    api.me(controller.signal).then(
      (me) => setState({ status: 'signed-in', user: me.user, tenant: me.tenant }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const unauthenticated = error instanceof ApiRequestError && error.status === 401;
        setState({ status: 'signed-out', expired: false, ...(unauthenticated ? {} : { error }) });
      },
    );
    setUnauthorizedHandler(() => setState({ status: 'signed-out', expired: true }));
    return () => {
      controller.abort();
      setUnauthorizedHandler(null);
    };
  }, []);

  const login = useCallback(async (body: LoginRequest) => {
    const answer = await api.login(body);
    setState({ status: 'signed-in', user: answer.user, tenant: answer.tenant });
  }, []);

  const signup = useCallback(async (body: SignupRequest) => {
    const answer = await api.signup(body);
    setState({ status: 'signed-in', user: answer.user, tenant: answer.tenant });
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setState({ status: 'signed-out', expired: false });
    }
  }, []);

  const setTenant = useCallback((tenant: TenantView) => {
    setState((current) => (current.status === 'signed-in' ? { ...current, tenant } : current));
  }, []);

  const value = useMemo(
    () => ({ state, login, signup, logout, setTenant }),
    [state, login, signup, logout, setTenant],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export interface SignedIn {
  user: UserView;
  tenant: TenantView | null;
  isSupport: boolean;
  isOwner: boolean;
  /** The restaurant's zone, or UTC for support (pages pass each restaurant's zone themselves). */
  timeZone: string;
}

/** For pages behind `RequireAuth`: the signed-in user, never null there. */
export function useSignedIn(): SignedIn {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useSignedIn outside a signed-in route');
  return {
    user: state.user,
    tenant: state.tenant,
    isSupport: state.user.role === 'support',
    isOwner: state.user.role === 'owner',
    timeZone: state.tenant?.timeZone ?? 'UTC',
  };
}
