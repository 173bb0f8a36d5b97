import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';

type Missing = 'page' | 'order' | 'printer' | 'restaurant' | 'connection' | 'webhook' | 'delivery';

const TITLES: Readonly<Record<Missing, MessageKey>> = {
  page: 'notFound.page',
  order: 'notFound.order',
  printer: 'notFound.printer',
  restaurant: 'notFound.restaurant',
  connection: 'notFound.connection',
  webhook: 'notFound.webhook',
  delivery: 'notFound.delivery',
};

/** Shown for unknown addresses and for anything the API says does not exist (or is not yours). */
export function NotFoundPage({ what = 'page' }: { what?: Missing }) {
  const { t } = useI18n();
  return (
    <div className="page narrow not-found" data-testid="not-found">
      <p className="not-found-code" aria-hidden="true">
        404
      </p>
      <h1>{t(TITLES[what])}</h1>
      <p>{t('notFound.body')}</p>
      <Link to="/" className="button primary">
        {t('notFound.home')}
      </Link>
    </div>
  );
}
