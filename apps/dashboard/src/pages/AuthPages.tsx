import type { LocaleCode } from '@shared/types';
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ApiRequestError } from '../api/client';
import { TextField, SelectField } from '../components/Field';
import { PublicFrame } from '../components/Layout';
import { Notice } from '../components/Notice';
import { browserTimeZone, isValidTimeZone, timeZones } from '../i18n/format';
import { LOCALE_NAMES, LOCALES, useI18n } from '../i18n/I18nProvider';
import { describeError, fieldProblems } from '../lib/errors';
import { useSession } from '../session/SessionProvider';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function LoginPage() {
  const { t } = useI18n();
  const { login, state } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const expired = state.status === 'signed-out' && state.expired;
  const from = (location.state as { from?: string } | null)?.from;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!EMAIL.test(email.trim())) found.email = t('form.emailInvalid');
    if (password === '') found.password = t('form.required');
    setErrors(found);
    setError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await login({ email: email.trim(), password });
      void navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (caught) {
      setError(
        caught instanceof ApiRequestError && caught.code === 'invalid_credentials'
          ? t('login.invalid')
          : describeError(caught, t),
      );
      setBusy(false);
    }
  };

  return (
    <PublicFrame>
      <div className="auth-card">
        <h1>{t('login.title')}</h1>
        <p className="page-subtitle">{t('login.subtitle')}</p>
        {expired ? <Notice tone="warning">{t('login.expired')}</Notice> : null}
        {error ? (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        ) : null}
        <form onSubmit={(event) => void submit(event)} noValidate>
          <TextField
            label={t('form.email')}
            type="email"
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={errors.email}
            required
          />
          <TextField
            label={t('form.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={errors.password}
            required
          />
          <button type="submit" className="button primary block" disabled={busy} aria-busy={busy}>
            {busy ? t('common.working') : t('login.submit')}
          </button>
        </form>
        <p className="auth-switch">
          {t('login.noAccount')} <Link to="/signup">{t('login.toSignup')}</Link>
        </p>
      </div>
    </PublicFrame>
  );
}

interface SignupErrors {
  restaurantName?: string;
  email?: string;
  password?: string;
  timeZone?: string;
}

export function validateSignup(
  values: { restaurantName: string; email: string; password: string; timeZone: string },
  t: (key: 'form.required' | 'form.emailInvalid' | 'form.passwordShort' | 'form.timeZoneInvalid') => string,
): SignupErrors {
  const errors: SignupErrors = {};
  if (values.restaurantName.trim() === '') errors.restaurantName = t('form.required');
  if (!EMAIL.test(values.email.trim())) errors.email = t('form.emailInvalid');
  if (values.password.length < 10) errors.password = t('form.passwordShort');
  if (!isValidTimeZone(values.timeZone)) errors.timeZone = t('form.timeZoneInvalid');
  return errors;
}

export function SignupPage() {
  const { t, locale: uiLocale } = useI18n();
  const { signup } = useSession();
  const navigate = useNavigate();
  const [restaurantName, setRestaurantName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [locale, setLocale] = useState<LocaleCode>(uiLocale);
  const [errors, setErrors] = useState<SignupErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateSignup({ restaurantName, email, password, timeZone }, t);
    setErrors(found);
    setError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await signup({
        restaurantName: restaurantName.trim(),
        email: email.trim(),
        password,
        timeZone,
        locale,
      });
      void navigate('/setup', { replace: true });
    } catch (caught) {
      const problems = fieldProblems(caught);
      const fromApi: SignupErrors = {
        restaurantName: problems['restaurantName'],
        email:
          caught instanceof ApiRequestError && caught.code === 'email_taken'
            ? t('signup.emailTaken')
            : problems['email'],
        password: problems['password'],
        timeZone: problems['timeZone'],
      };
      setErrors(fromApi);
      setError(describeError(caught, t));
      setBusy(false);
    }
  };

  return (
    <PublicFrame>
      <div className="auth-card wide">
        <h1>{t('signup.title')}</h1>
        <p className="page-subtitle">{t('signup.subtitle')}</p>
        {error ? (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        ) : null}
        <form onSubmit={(event) => void submit(event)} noValidate>
          <TextField
            label={t('signup.restaurantName')}
            autoComplete="organization"
            value={restaurantName}
            maxLength={120}
            onChange={(event) => setRestaurantName(event.target.value)}
            error={errors.restaurantName}
            required
          />
          <TextField
            label={t('form.email')}
            type="email"
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={errors.email}
            required
          />
          <TextField
            label={t('form.password')}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={errors.password}
            hint={t('signup.passwordHint')}
            required
          />
          <div className="field-row">
            <TextField
              label={t('form.timeZone')}
              value={timeZone}
              list="signup-time-zones"
              onChange={(event) => setTimeZone(event.target.value)}
              error={errors.timeZone}
              hint={t('signup.timeZoneHint')}
            />
            <datalist id="signup-time-zones">
              {timeZones().map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
            <SelectField
              label={t('form.language')}
              value={locale}
              onChange={(event) => setLocale(event.target.value as LocaleCode)}
            >
              {LOCALES.map((code) => (
                <option key={code} value={code}>
                  {LOCALE_NAMES[code]}
                </option>
              ))}
            </SelectField>
          </div>
          <button type="submit" className="button primary block" disabled={busy} aria-busy={busy}>
            {busy ? t('common.working') : t('signup.submit')}
          </button>
        </form>
        <p className="auth-switch">
          {t('signup.haveAccount')} <Link to="/login">{t('signup.toLogin')}</Link>
        </p>
      </div>
    </PublicFrame>
  );
}
