import type { LocaleCode } from '@shared/types';
import { type FormEvent, useState } from 'react';
import { api } from '../api/endpoints';
import { SelectField, TextField } from '../components/Field';
import { Notice, PageHeader } from '../components/Notice';
import { useToast } from '../components/Toasts';
import { isValidTimeZone, timeZones } from '../i18n/format';
import { LOCALE_NAMES, LOCALES, useI18n } from '../i18n/I18nProvider';
import { describeError, fieldProblems } from '../lib/errors';
import { useSession, useSignedIn } from '../session/SessionProvider';

/** The restaurant's name, time zone and ticket language, and who is signed in. */
export function SettingsPage() {
  const { t } = useI18n();
  const toast = useToast();
  const { setTenant } = useSession();
  const { tenant, user, isOwner } = useSignedIn();
  const [name, setName] = useState(tenant?.name ?? '');
  const [timeZone, setTimeZone] = useState(tenant?.timeZone ?? 'UTC');
  const [locale, setLocale] = useState<LocaleCode>(
    tenant && (LOCALES as readonly string[]).includes(tenant.locale) ? (tenant.locale as LocaleCode) : 'en',
  );
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (name.trim() === '') found['name'] = t('form.required');
    if (!isValidTimeZone(timeZone)) found['timeZone'] = t('form.timeZoneInvalid');
    setErrors(found);
    setError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      setTenant(await api.updateTenant({ name: name.trim(), timeZone, locale }));
      toast.success(t('settings.saved'));
    } catch (caught) {
      setErrors(fieldProblems(caught));
      setError(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page narrow">
      <PageHeader title={t('settings.title')} />
      {tenant ? (
        <form className="card" onSubmit={(event) => void save(event)} noValidate>
          <h2>{t('settings.restaurant')}</h2>
          {error ? (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          ) : null}
          <fieldset className="plain" disabled={!isOwner || busy}>
            <TextField
              label={t('signup.restaurantName')}
              value={name}
              maxLength={120}
              onChange={(e) => setName(e.target.value)}
              error={errors['name']}
            />
            <TextField
              label={t('form.timeZone')}
              value={timeZone}
              list="settings-time-zones"
              onChange={(e) => setTimeZone(e.target.value)}
              error={errors['timeZone']}
              hint={t('settings.timeZoneHint')}
            />
            <datalist id="settings-time-zones">
              {timeZones().map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
            <SelectField
              label={t('settings.locale')}
              value={locale}
              onChange={(e) => setLocale(e.target.value as LocaleCode)}
              hint={t('settings.localeHint')}
            >
              {LOCALES.map((code) => (
                <option key={code} value={code}>
                  {LOCALE_NAMES[code]}
                </option>
              ))}
            </SelectField>
          </fieldset>
          {isOwner ? (
            <div className="form-actions">
              <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
                {busy ? t('common.working') : t('common.save')}
              </button>
            </div>
          ) : (
            <Notice tone="info">{t('common.ownerOnly')}</Notice>
          )}
        </form>
      ) : null}
      <section className="card">
        <h2>{t('settings.account')}</h2>
        <dl className="facts vertical">
          <div>
            <dt>{t('form.email')}</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>{t('settings.role')}</dt>
            <dd>{t(`role.${user.role}`)}</dd>
          </div>
        </dl>
      </section>
    </div>
  );
}
