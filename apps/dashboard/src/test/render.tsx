// Helpers for component tests: the app's providers around a component, and a fake `fetch` that
// answers like the API (the true outside edge of the dashboard).
import type { LocaleCode } from '@shared/types';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { ToastProvider } from '../components/Toasts';
import { I18nProvider } from '../i18n/I18nProvider';
import { SessionProvider, useSession } from '../session/SessionProvider';

export interface FakeCall {
  method: string;
  url: string;
  body: unknown;
}

export type Handler = (
  call: FakeCall,
) => { status: number; body?: unknown } | Promise<{ status: number; body?: unknown }>;

/** Installs a fake `fetch`; `routes` keys are `METHOD /path` (query ignored), matched exactly. */
export function fakeApi(routes: Record<string, Handler>): FakeCall[] {
  const calls: FakeCall[] = [];
  const fetchMock = jest.fn(async (input: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const call: FakeCall = {
      method,
      url: input,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    calls.push(call);
    const path = input.split('?')[0] ?? input;
    const handler = routes[`${method} ${path}`];
    const answer = handler ? await handler(call) : { status: 404, body: notFoundBody() };
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    return {
      status: answer.status,
      ok: answer.status >= 200 && answer.status < 300,
      text: () => Promise.resolve(text),
    } as unknown as Response;
  });
  Object.defineProperty(globalThis, 'fetch', { value: fetchMock, configurable: true, writable: true });
  return calls;
}

export function apiError(statusCode: number, code: string, message: string, details?: unknown) {
  return { status: statusCode, body: { statusCode, code, message, details, correlationId: 'test' } };
}

function notFoundBody() {
  return { statusCode: 404, code: 'not_found', message: 'No such endpoint', correlationId: 'test' };
}

export const signedOut: Record<string, Handler> = {
  'GET /api/v1/auth/me': () => apiError(401, 'unauthenticated', 'Sign in first'),
};

export function signedInAs(
  role: 'owner' | 'staff' | 'support',
  timeZone = 'Europe/Rome',
): Record<string, Handler> {
  const tenant =
    role === 'support'
      ? null
      : {
          id: 't1',
          name: 'Pizzeria Da Mario',
          timeZone,
          locale: 'it',
          intakeRule: 'manual-confirmation',
          cashPaymentMethods: ['cod', 'cash'],
          createdAt: '2026-11-01T10:00:00.000Z',
        };
  return {
    'GET /api/v1/auth/me': () => ({
      status: 200,
      body: { user: { id: 'u1', email: 'mario@example.com', role, tenantId: tenant?.id ?? null }, tenant },
    }),
  };
}

/** Waits for `/auth/me` like the app's route guard does, so pages see the session they expect. */
function SessionSettled({ children }: { children: ReactElement }) {
  const { state } = useSession();
  return state.status === 'loading' ? <p>checking session</p> : children;
}

/** Renders `element` at `path` (matched by `pattern`) inside every provider the app uses. */
export function renderPage(
  element: ReactElement,
  {
    path = '/',
    pattern = '*',
    locale = 'en',
    session = true,
  }: { path?: string; pattern?: string; locale?: LocaleCode; session?: boolean } = {},
): RenderResult {
  const routes = (
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path={pattern} element={session ? <SessionSettled>{element}</SessionSettled> : element} />
        <Route path="/setup" element={<p>setup page</p>} />
      </Routes>
    </MemoryRouter>
  );
  return render(
    <I18nProvider locale={locale}>
      <ToastProvider>{session ? <SessionProvider>{routes}</SessionProvider> : routes}</ToastProvider>
    </I18nProvider>,
  );
}

/** Just the language provider, for components that need no session or router. */
export function renderWithI18n(element: ReactElement, locale: LocaleCode = 'en'): RenderResult {
  return render(element, {
    wrapper: ({ children }) => <I18nProvider locale={locale}>{children}</I18nProvider>,
  });
}
