import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';

const TITLES: Readonly<Record<'page' | 'order' | 'printer' | 'restaurant', MessageKey>> = {
  page: 'notFound.page',
  order: 'notFound.order',
  printer: 'notFound.printer',
  restaurant: 'notFound.restaurant',
};

/** Shown for unknown addresses and for anything the API says does not exist (or is not yours). */
export function NotFoundPage({ what = 'page' }: { what?: 'page' | 'order' | 'printer' | 'restaurant' }) {
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
