import type {
  PrinterView,
  ShopConnectionView,
  ShopConnectionWithSecret,
  ShopPlatform,
  ShopStatusOption,
} from '@shared/types';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { type CreateConnectionRequest, api, type StatusMap } from '../api/endpoints';
import { CopyField } from '../components/CopyField';
import { SelectField, TextField } from '../components/Field';
import { IntegrationsTabs } from '../components/IntegrationsTabs';
import { ErrorNotice, Loading, Notice, PageHeader } from '../components/Notice';
import { SecretOnce } from '../components/SecretOnce';
import { useToast } from '../components/Toasts';
import { type I18n, useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { describeError, fieldProblems } from '../lib/errors';
import { isHttpUrl } from '../lib/url';
import { useResource } from '../lib/useResource';
import { useSignedIn } from '../session/SessionProvider';
import { OwnerOnlyIntegrations } from './DeliveryPages';

export const PLATFORM_NAMES: Readonly<Record<ShopPlatform, string>> = {
  woocommerce: 'WooCommerce',
  framework360: 'Framework360',
};

interface ShopDraft {
  platform: ShopPlatform;
  name: string;
  siteUrl: string;
  consumerKey: string;
  consumerSecret: string;
  apiKey: string;
  poll: boolean;
  printerId: string;
}

type DraftErrors = Partial<Record<keyof ShopDraft, string>>;

export const EMPTY_DRAFT: ShopDraft = {
  platform: 'woocommerce',
  name: '',
  siteUrl: '',
  consumerKey: '',
  consumerSecret: '',
  apiKey: '',
  poll: true,
  printerId: '',
};

/** Checks the connect form the way the API will, so the common slips are caught before sending. */
export function validateShopDraft(draft: ShopDraft, t: I18n['t']): DraftErrors {
  const errors: DraftErrors = {};
  const required = (key: keyof ShopDraft) => {
    if (String(draft[key]).trim() === '') errors[key] = t('form.required');
  };
  required('name');
  required('siteUrl');
  if (!errors.siteUrl && !isHttpUrl(draft.siteUrl.trim())) errors.siteUrl = t('form.urlInvalid');
  if (draft.platform === 'woocommerce') {
    required('consumerKey');
    required('consumerSecret');
    // WooCommerce REST keys always carry these prefixes; a mismatch is usually the two swapped.
    if (!errors.consumerKey && !draft.consumerKey.trim().startsWith('ck_'))
      errors.consumerKey = t('shops.consumerKeyInvalid');
    if (!errors.consumerSecret && !draft.consumerSecret.trim().startsWith('cs_'))
      errors.consumerSecret = t('shops.consumerSecretInvalid');
  } else {
    required('apiKey');
  }
  return errors;
}

export function connectionBody(draft: ShopDraft): CreateConnectionRequest {
  const printer = draft.printerId === '' ? {} : { printerId: draft.printerId };
  if (draft.platform === 'woocommerce') {
    return {
      platform: 'woocommerce',
      name: draft.name.trim(),
      siteUrl: draft.siteUrl.trim(),
      consumerKey: draft.consumerKey.trim(),
      consumerSecret: draft.consumerSecret.trim(),
      ...printer,
    };
  }
  return {
    platform: 'framework360',
    name: draft.name.trim(),
    siteUrl: draft.siteUrl.trim(),
    apiKey: draft.apiKey.trim(),
    poll: draft.poll,
    ...printer,
  };
}

/** The printer choice shared by the connect form and a connection's settings. */
export function PrinterSelect({
  printers,
  value,
  onChange,
  error,
}: {
  printers: PrinterView[] | undefined;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useI18n();
  return (
    <SelectField
      label={t('shops.printer')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      hint={t('shops.printerHint')}
      error={error}
    >
      <option value="">{t('shops.defaultPrinter')}</option>
      {(printers ?? []).map((printer) => (
        <option key={printer.id} value={printer.id}>
          {printer.name}
        </option>
      ))}
    </SelectField>
  );
}

const COMPLETED_WORDS = /complet|evas|consegn|accett|confirm|conferm|ready|pront|done|entreg/i;
const CANCELLED_WORDS = /cancel|annull|rifiut|reject|rechaz|anul/i;

/** A first guess from the status names; the owner confirms or changes it before saving. */
export function guessStatusMap(options: readonly ShopStatusOption[], current: StatusMap | null): StatusMap {
  const find = (pattern: RegExp) => options.find((option) => pattern.test(option.name))?.id ?? null;
  return {
    completed: current?.completed ?? find(COMPLETED_WORDS),
    cancelled: current?.cancelled ?? find(CANCELLED_WORDS),
  };
}

/** Framework360: which of the shop's own statuses mean "accepted" and "rejected" on the printer. */
export function StatusMapForm({
  connection,
  onSaved,
}: {
  connection: Pick<ShopConnectionView, 'id' | 'statusMap'>;
  onSaved: (saved: ShopConnectionView) => void;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const statuses = useResource(
    (signal) => api.connectionStatuses(connection.id, signal).then((r) => r.items),
    [connection.id],
  );
  const [choice, setChoice] = useState<StatusMap | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!statuses.data) {
    return statuses.error ? (
      <div>
        <p className="hint">{t('statusMap.unavailable')}</p>
        <ErrorNotice error={statuses.error} onRetry={statuses.reload} />
      </div>
    ) : (
      <Loading label={t('statusMap.loading')} />
    );
  }
  const options = statuses.data;
  const current = choice ?? guessStatusMap(options, connection.statusMap);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const saved = await api.updateConnection(connection.id, { statusMap: current });
      setChoice(null);
      onSaved(saved);
      toast.success(t('statusMap.saved'));
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  };
  const select = (key: keyof StatusMap, labelKey: MessageKey, hintKey: MessageKey) => (
    <SelectField
      label={t(labelKey)}
      hint={t(hintKey)}
      value={current[key] ?? ''}
      onChange={(event) =>
        setChoice({ ...current, [key]: event.target.value === '' ? null : event.target.value })
      }
    >
      <option value="">{t('statusMap.none')}</option>
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {option.name}
        </option>
      ))}
    </SelectField>
  );

  return (
    <form onSubmit={(event) => void save(event)} noValidate data-testid="status-map">
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="field-row">
        {select('completed', 'statusMap.completed', 'statusMap.completedHint')}
        {select('cancelled', 'statusMap.cancelled', 'statusMap.cancelledHint')}
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
          {busy ? t('common.working') : t('statusMap.save')}
        </button>
      </div>
    </form>
  );
}

/** The steps in WooCommerce's admin, in the order the screens ask for them. */
export function WooCommerceSteps() {
  const { t } = useI18n();
  return (
    <ol className="numbered-steps" data-testid="woocommerce-steps">
      <li>{t('wooSteps.open')}</li>
      <li>{t('wooSteps.name')}</li>
      <li>{t('wooSteps.topic')}</li>
      <li>{t('wooSteps.url')}</li>
      <li>{t('wooSteps.secret')}</li>
      <li>{t('wooSteps.version')}</li>
      <li>{t('wooSteps.test')}</li>
    </ol>
  );
}

function ConnectedWooCommerce({ created }: { created: ShopConnectionWithSecret }) {
  const { t } = useI18n();
  return (
    <>
      <SecretOnce title={t('connectShop.connected', { name: created.name })} testId="shop-secret-once">
        <CopyField label={t('shops.deliveryUrl')} value={created.webhookUrl} testId="shop-webhook-url" />
        <CopyField label={t('shops.secret')} value={created.webhookSecret} testId="shop-webhook-secret" />
      </SecretOnce>
      <section className="card" aria-labelledby="woo-steps-title">
        <h2 id="woo-steps-title">{t('wooSteps.title')}</h2>
        <WooCommerceSteps />
        <div className="form-actions">
          <Link className="button primary" to={`/integrations/shops/${created.id}`}>
            {t('connectShop.done')}
          </Link>
        </div>
      </section>
    </>
  );
}

function ConnectedFramework360({ created }: { created: ShopConnectionWithSecret }) {
  const { t } = useI18n();
  const [mapped, setMapped] = useState(false);
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titleRef.current?.focus(), []);
  return (
    <>
      <section className="card highlight" aria-labelledby="map-title">
        <h2 id="map-title" ref={titleRef} tabIndex={-1}>
          {t('statusMap.title')}
        </h2>
        <p>{t('statusMap.body')}</p>
        <StatusMapForm connection={created} onSaved={() => setMapped(true)} />
        {mapped ? <Notice tone="success">{t('statusMap.savedNext')}</Notice> : null}
      </section>
      <SecretOnce title={t('connectShop.f360Push')} testId="shop-secret-once" autoFocus={false}>
        <p className="hint">{created.poll ? t('connectShop.f360Polling') : t('connectShop.f360NoPolling')}</p>
        {/* Framework360 carries the secret in the URL's last segment: the URL is all it needs. */}
        <CopyField
          label={t('shops.webhookUrl')}
          value={created.webhookUrl}
          testId="shop-webhook-url"
          hint={t('shops.f360UrlSecret')}
        />
      </SecretOnce>
      <div className="form-actions">
        <Link className="button primary" to={`/integrations/shops/${created.id}`}>
          {t('connectShop.done')}
        </Link>
      </div>
    </>
  );
}

/** "Connect a store": the shop's details, then what to paste into the shop (shown once). */
export function ConnectShopPage() {
  const { isOwner } = useSignedIn();
  return isOwner ? <ConnectShop /> : <OwnerOnlyIntegrations />;
}

function ConnectShop() {
  const { t } = useI18n();
  const printers = useResource((signal) => api.printers(signal).then((r) => r.items), []);
  const [draft, setDraft] = useState<ShopDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<ShopConnectionWithSecret | null>(null);
  const platformName = useId();
  const set = <K extends keyof ShopDraft>(key: K, value: ShopDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateShopDraft(draft, t);
    setErrors(found);
    setError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      setCreated(await api.createConnection(connectionBody(draft)));
    } catch (caught) {
      setErrors(fieldProblems(caught));
      setError(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  };

  const woo = draft.platform === 'woocommerce';
  return (
    <div className="page">
      <IntegrationsTabs />
      <p className="breadcrumb">
        <Link to="/integrations/shops">← {t('shops.title')}</Link>
      </p>
      <PageHeader title={t('connectShop.title')} subtitle={t('connectShop.subtitle')} />
      {created ? (
        created.platform === 'woocommerce' ? (
          <ConnectedWooCommerce created={created} />
        ) : (
          <ConnectedFramework360 created={created} />
        )
      ) : (
        <form className="card narrow-card" onSubmit={(event) => void submit(event)} noValidate>
          {error ? (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          ) : null}
          <fieldset className="choice" disabled={busy}>
            <legend>{t('connectShop.platform')}</legend>
            {(['woocommerce', 'framework360'] as const).map((platform) => (
              <label className="radio" key={platform}>
                <input
                  type="radio"
                  name={platformName}
                  checked={draft.platform === platform}
                  onChange={() => set('platform', platform)}
                />
                <span>
                  <strong>{PLATFORM_NAMES[platform]}</strong>
                  <span className="hint block">
                    {platform === 'woocommerce' ? t('connectShop.wooHint') : t('connectShop.f360Hint')}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
          <fieldset className="plain" disabled={busy}>
            <legend className="visually-hidden">{t('connectShop.details')}</legend>
            <TextField
              label={t('shops.name')}
              value={draft.name}
              maxLength={100}
              placeholder={t('shops.namePlaceholder')}
              onChange={(event) => set('name', event.target.value)}
              error={errors.name}
            />
            <TextField
              label={woo ? t('shops.siteUrl') : t('shops.apiBaseUrl')}
              type="url"
              inputMode="url"
              value={draft.siteUrl}
              maxLength={2048}
              placeholder={woo ? 'https://myshop.example' : 'https://myshop.example/m/api/'}
              onChange={(event) => set('siteUrl', event.target.value)}
              hint={woo ? t('shops.siteUrlHint') : t('shops.apiBaseUrlHint')}
              error={errors.siteUrl}
            />
            {woo ? (
              <>
                <TextField
                  label={t('shops.consumerKey')}
                  value={draft.consumerKey}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="ck_…"
                  onChange={(event) => set('consumerKey', event.target.value)}
                  hint={t('shops.consumerKeyHint')}
                  error={errors.consumerKey}
                />
                <TextField
                  label={t('shops.consumerSecret')}
                  type="password"
                  value={draft.consumerSecret}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="cs_…"
                  onChange={(event) => set('consumerSecret', event.target.value)}
                  error={errors.consumerSecret}
                />
              </>
            ) : (
              <>
                <TextField
                  label={t('shops.apiKey')}
                  type="password"
                  value={draft.apiKey}
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(event) => set('apiKey', event.target.value)}
                  hint={t('shops.apiKeyHint')}
                  error={errors.apiKey}
                />
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={draft.poll}
                    onChange={(event) => set('poll', event.target.checked)}
                  />
                  <span>
                    {t('shops.poll')}
                    <span className="hint block">{t('shops.pollHint')}</span>
                  </span>
                </label>
              </>
            )}
            <PrinterSelect
              printers={printers.data}
              value={draft.printerId}
              onChange={(value) => set('printerId', value)}
              error={errors.printerId}
            />
          </fieldset>
          <div className="form-actions">
            <Link to="/integrations/shops" className="button ghost">
              {t('common.goBack')}
            </Link>
            <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
              {busy ? t('common.working') : t('connectShop.submit')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
