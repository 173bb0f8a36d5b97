import { NavLink } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';

const TABS: readonly { to: string; key: MessageKey; end: boolean }[] = [
  { to: '/integrations', key: 'integrations.tab.api', end: true },
  { to: '/integrations/shops', key: 'integrations.tab.shops', end: false },
  { to: '/integrations/webhooks', key: 'integrations.tab.webhooks', end: false },
];

/** The integrations area's own navigation: order API, connected shops, webhooks. */
export function IntegrationsTabs() {
  const { t } = useI18n();
  return (
    <nav className="sub-nav" aria-label={t('integrations.title')}>
      <ul>
        {TABS.map((tab) => (
          <li key={tab.to}>
            <NavLink
              to={tab.to}
              end={tab.end}
              className={({ isActive }) => (isActive ? 'active' : undefined)}
            >
              {t(tab.key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
