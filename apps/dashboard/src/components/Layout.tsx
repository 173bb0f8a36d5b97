import type { LocaleCode } from '@shared/types';
import { useId } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { LOCALE_NAMES, LOCALES, useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useSession, useSignedIn } from '../session/SessionProvider';
import { Logo } from './Illustrations';

export function LanguageSwitcher({ compact = false }: { compact?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  const id = useId();
  return (
    <div className={`language-switcher${compact ? ' compact' : ''}`}>
      <label htmlFor={id} className={compact ? 'visually-hidden' : undefined}>
        {t('nav.language')}
      </label>
      <select id={id} value={locale} onChange={(event) => setLocale(event.target.value as LocaleCode)}>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}

const TENANT_NAV: readonly { to: string; key: MessageKey }[] = [
  { to: '/printers', key: 'nav.printers' },
  { to: '/orders', key: 'nav.orders' },
  { to: '/integrations', key: 'nav.integrations' },
  { to: '/settings', key: 'nav.settings' },
];
const SUPPORT_NAV: readonly { to: string; key: MessageKey }[] = [
  { to: '/support', key: 'nav.support' },
  { to: '/orders', key: 'nav.orders' },
];

/** The signed-in frame: header, navigation, language, sign out. */
export function Layout() {
  const { t } = useI18n();
  const { logout } = useSession();
  const { user, tenant, isSupport } = useSignedIn();
  const navigate = useNavigate();
  const nav = isSupport ? SUPPORT_NAV : TENANT_NAV;
  const signOut = async () => {
    await logout().catch(() => undefined);
    void navigate('/login');
  };
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <div className="header-inner">
          <NavLink to={isSupport ? '/support' : '/printers'} className="brand">
            <Logo />
            <span className="brand-name">GoodCom Bridge</span>
          </NavLink>
          <span className="header-tenant" title={user.email}>
            {isSupport ? t('nav.supportRole') : (tenant?.name ?? '')}
          </span>
          <div className="header-tools">
            <LanguageSwitcher compact />
            <button type="button" className="button ghost small" onClick={() => void signOut()}>
              {t('nav.signOut')}
            </button>
          </div>
        </div>
        <nav className="main-nav" aria-label={t('nav.main')}>
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className={({ isActive }) => (isActive ? 'active' : undefined)}>
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

/** Pages before signing in: a centred card with the language choice. */
export function PublicFrame({ children }: { children: React.ReactNode }) {
  return (
    <div className="public">
      <header className="public-header">
        <span className="brand">
          <Logo />
          <span className="brand-name">GoodCom Bridge</span>
        </span>
        <LanguageSwitcher compact />
      </header>
      <main id="main" className="public-main">
        {children}
      </main>
    </div>
  );
}
