import { Fragment, type ReactNode, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useParams } from 'react-router-dom';
import { api } from './api/endpoints';
import { Layout } from './components/Layout';
import { ErrorNotice, Loading } from './components/Notice';
import { ToastProvider } from './components/Toasts';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import { useResource } from './lib/useResource';
import { LoginPage, SignupPage } from './pages/AuthPages';
import { ConnectShopPage } from './pages/ConnectShopPage';
import { DeliveryDetailPage } from './pages/DeliveryPages';
import { IntegrationsPage } from './pages/IntegrationsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrderDetailPage } from './pages/OrderDetailPage';
import { OrdersPage } from './pages/OrdersPage';
import { PrinterDetailPage } from './pages/PrinterDetailPage';
import { PrintersPage } from './pages/PrintersPage';
import { QueuePage } from './pages/QueuePage';
import { AddPrinterPage, ConnectPrinterPage } from './pages/SetupPages';
import { SettingsPage } from './pages/SettingsPage';
import { ConnectionDetailPage, ShopsPage } from './pages/ShopPages';
import { SupportPage, SupportTenantPage } from './pages/SupportPages';
import { WebhookDetailPage, WebhooksPage } from './pages/WebhookPages';
import { SessionProvider, useSession, useSignedIn } from './session/SessionProvider';

function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'signed-out') {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return <>{children}</>;
}

function PublicOnly({ children }: { children: ReactNode }) {
  const { state } = useSession();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'signed-in') return <Navigate to="/" replace />;
  return <>{children}</>;
}

function RequireSupport({ children }: { children: ReactNode }) {
  const { isSupport } = useSignedIn();
  return isSupport ? <>{children}</> : <NotFoundPage />;
}

/** `/`: support goes to the console; a restaurant without printers to the guided setup. */
function Home() {
  const { isSupport, isOwner } = useSignedIn();
  const printers = useResource(
    (signal) => (isSupport ? Promise.resolve([]) : api.printers(signal).then((r) => r.items)),
    [isSupport],
  );
  if (isSupport) return <Navigate to="/support" replace />;
  if (printers.error) return <ErrorNotice error={printers.error} onRetry={printers.reload} />;
  if (!printers.data) return <Loading />;
  return <Navigate to={printers.data.length === 0 && isOwner ? '/setup' : '/printers'} replace />;
}

/** Remount per id, so a page never shows the previous order or printer while the next one loads. */
function Keyed({ children }: { children: ReactNode }) {
  const { id = '' } = useParams();
  return <Fragment key={id}>{children}</Fragment>;
}

/** Moves focus to the page after navigation, for keyboard and screen-reader users. */
function FocusOnNavigate() {
  const location = useLocation();
  useEffect(() => {
    const main = document.getElementById('main');
    if (main && document.activeElement === document.body) main.focus({ preventScroll: true });
  }, [location.pathname]);
  return null;
}

function DocumentTitle() {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `GoodCom Bridge · ${t('app.tagline')}`;
  }, [t]);
  return null;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <PublicOnly>
            <LoginPage />
          </PublicOnly>
        }
      />
      <Route
        path="/signup"
        element={
          <PublicOnly>
            <SignupPage />
          </PublicOnly>
        }
      />
      <Route
        element={
          <RequireAuth>
            <Layout />
          </RequireAuth>
        }
      >
        <Route index element={<Home />} />
        <Route path="setup" element={<AddPrinterPage onboarding />} />
        <Route path="printers" element={<PrintersPage />} />
        <Route path="printers/new" element={<AddPrinterPage onboarding={false} />} />
        <Route
          path="printers/:id"
          element={
            <Keyed>
              <PrinterDetailPage />
            </Keyed>
          }
        />
        <Route
          path="printers/:id/connect"
          element={
            <Keyed>
              <ConnectPrinterPage />
            </Keyed>
          }
        />
        <Route
          path="printers/:id/queue"
          element={
            <Keyed>
              <QueuePage />
            </Keyed>
          }
        />
        <Route path="orders" element={<OrdersPage />} />
        <Route
          path="orders/:id"
          element={
            <Keyed>
              <OrderDetailPage />
            </Keyed>
          }
        />
        <Route path="integrations" element={<IntegrationsPage />} />
        <Route path="integrations/shops" element={<ShopsPage />} />
        <Route path="integrations/shops/new" element={<ConnectShopPage />} />
        <Route
          path="integrations/shops/:id"
          element={
            <Keyed>
              <ConnectionDetailPage />
            </Keyed>
          }
        />
        <Route path="integrations/webhooks" element={<WebhooksPage />} />
        <Route
          path="integrations/webhooks/:id"
          element={
            <Keyed>
              <WebhookDetailPage />
            </Keyed>
          }
        />
        <Route
          path="integrations/deliveries/:id"
          element={
            <Keyed>
              <DeliveryDetailPage />
            </Keyed>
          }
        />
        <Route path="settings" element={<SettingsPage />} />
        <Route
          path="support"
          element={
            <RequireSupport>
              <SupportPage />
            </RequireSupport>
          }
        />
        <Route
          path="support/restaurants/:id"
          element={
            <RequireSupport>
              <Keyed>
                <SupportTenantPage />
              </Keyed>
            </RequireSupport>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nProvider>
      <ToastProvider>
        <SessionProvider>{children}</SessionProvider>
      </ToastProvider>
    </I18nProvider>
  );
}

export function App() {
  return (
    <Providers>
      <BrowserRouter>
        <DocumentTitle />
        <FocusOnNavigate />
        <AppRoutes />
      </BrowserRouter>
    </Providers>
  );
}
