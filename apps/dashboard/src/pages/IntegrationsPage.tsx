import type { ApiKeyView, CreatedApiKey, IntakeRule, TenantView } from '@shared/types';
import { type FormEvent, useState } from 'react';
import { api } from '../api/endpoints';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CopyField } from '../components/CopyField';
import { TextField } from '../components/Field';
import { IntegrationsTabs } from '../components/IntegrationsTabs';
import { EmptyState, ErrorNotice, Loading, Notice, PageHeader } from '../components/Notice';
import { useToast } from '../components/Toasts';
import { useI18n } from '../i18n/I18nProvider';
import { useFormat } from '../i18n/useFormat';
import { describeError, fieldProblems } from '../lib/errors';
import { useResource } from '../lib/useResource';
import { useSession, useSignedIn } from '../session/SessionProvider';

/** The curl command a shop developer can paste to send a first order. */
export function intakeSnippet(origin: string, key: string | null): string {
  const body = {
    externalId: 'shop-1001',
    type: 'delivery',
    items: [
      {
        name: 'Pizza Margherita',
        quantity: 2,
        unitPrice: '7.50',
        options: [{ name: 'Extra mozzarella', price: '1.00' }],
      },
    ],
    deliveryFee: '2.00',
    total: '19.00',
    currency: 'EUR',
    paymentMethod: 'cod',
    customer: { name: 'Giulia Rossi', phone: '+39 333 1234567', address: 'Via Roma 1, Roma' },
    notes: 'Ring twice',
  };
  return [
    `curl -X POST '${origin}/api/v1/orders' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -H 'X-API-Key: ${key ?? 'YOUR_API_KEY'}' \\`,
    `  -d '${JSON.stringify(body, null, 2)}'`,
  ].join('\n');
}

export function parseCashMethods(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[,\n]/)) {
    const value = part.trim();
    if (value !== '') seen.add(value);
  }
  return [...seen];
}

function ApiKeys({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const { timeZone } = useSignedIn();
  const format = useFormat(timeZone);
  const keys = useResource((signal) => api.apiKeys(signal).then((r) => r.items), []);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setNameError(t('form.required'));
      return;
    }
    setNameError(undefined);
    setError(null);
    setBusy(true);
    try {
      const key = await api.createApiKey(name.trim());
      setCreated(key);
      onCreated(key);
      setName('');
      keys.reload();
    } catch (caught) {
      setNameError(fieldProblems(caught)['name']);
      setError(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="keys-title">
      <h2 id="keys-title">{t('keys.title')}</h2>
      <p className="hint">{t('keys.hint')}</p>
      {created ? (
        <div className="key-once" data-testid="new-key">
          <Notice tone="warning">{t('keys.once')}</Notice>
          <CopyField
            label={t('keys.newKey', { name: created.name })}
            value={created.key}
            testId="api-key-value"
          />
          <button type="button" className="button ghost small" onClick={() => setCreated(null)}>
            {t('keys.stored')}
          </button>
        </div>
      ) : null}
      <form className="inline-form" onSubmit={(event) => void create(event)} noValidate>
        {error ? (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        ) : null}
        <TextField
          label={t('keys.name')}
          value={name}
          maxLength={100}
          placeholder={t('keys.namePlaceholder')}
          onChange={(event) => setName(event.target.value)}
          error={nameError}
        />
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
          {busy ? t('common.working') : t('keys.create')}
        </button>
      </form>
      {keys.error ? <ErrorNotice error={keys.error} onRetry={keys.reload} /> : null}
      {!keys.data ? (
        keys.error ? null : (
          <Loading />
        )
      ) : keys.data.length === 0 ? (
        <EmptyState title={t('keys.empty')} />
      ) : (
        <ul className="key-list">
          {keys.data.map((key) => (
            <li key={key.id} className={key.revokedAt ? 'revoked' : undefined}>
              <div>
                <strong>{key.name}</strong> <code>{key.prefix}…</code>
                <p className="muted small">
                  {t('keys.created', { when: format.when(key.createdAt) })} ·{' '}
                  {key.lastUsedAt
                    ? t('keys.lastUsed', { when: format.when(key.lastUsedAt) })
                    : t('keys.neverUsed')}
                </p>
              </div>
              {key.revokedAt ? (
                <span className="badge badge-neutral">{t('keys.revoked')}</span>
              ) : (
                <button
                  type="button"
                  className="button danger-outline small"
                  onClick={() => setRevoking(key)}
                >
                  {t('keys.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {revoking ? (
        <ConfirmDialog
          title={t('keys.revokeTitle', { name: revoking.name })}
          confirmLabel={t('keys.revoke')}
          tone="danger"
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await api.revokeApiKey(revoking.id);
            setRevoking(null);
            toast.success(t('keys.revokedToast', { name: revoking.name }));
            keys.reload();
          }}
        >
          <p>{t('keys.revokeBody')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function IntakeRuleForm({ tenant, readOnly }: { tenant: TenantView; readOnly: boolean }) {
  const { t } = useI18n();
  const toast = useToast();
  const { setTenant } = useSession();
  const [rule, setRule] = useState<IntakeRule>(tenant.intakeRule);
  const [cash, setCash] = useState(tenant.cashPaymentMethods.join(', '));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const saved = await api.updateTenant({ intakeRule: rule, cashPaymentMethods: parseCashMethods(cash) });
      setTenant(saved);
      setCash(saved.cashPaymentMethods.join(', '));
      toast.success(t('intake.saved'));
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="intake-title">
      <h2 id="intake-title">{t('intake.title')}</h2>
      <form onSubmit={(event) => void save(event)} noValidate>
        {error ? (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        ) : null}
        <fieldset className="choice" disabled={readOnly || busy}>
          <legend>{t('intake.which')}</legend>
          <label className="radio">
            <input
              type="radio"
              name="intake"
              checked={rule === 'manual-confirmation'}
              onChange={() => setRule('manual-confirmation')}
            />
            <span>
              <strong>{t('intake.manual')}</strong>
              <span className="hint block">{t('intake.manualHint')}</span>
            </span>
          </label>
          <label className="radio">
            <input type="radio" name="intake" checked={rule === 'all'} onChange={() => setRule('all')} />
            <span>
              <strong>{t('intake.all')}</strong>
              <span className="hint block">{t('intake.allHint')}</span>
            </span>
          </label>
        </fieldset>
        <fieldset className="plain" disabled={readOnly || busy}>
          <TextField
            label={t('intake.cash')}
            value={cash}
            onChange={(event) => setCash(event.target.value)}
            hint={t('intake.cashHint')}
          />
        </fieldset>
        {!readOnly ? (
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
              {busy ? t('common.working') : t('common.save')}
            </button>
          </div>
        ) : (
          <p className="hint">{t('common.ownerOnly')}</p>
        )}
      </form>
    </section>
  );
}

export function IntegrationsPage() {
  const { t } = useI18n();
  const { tenant, isOwner } = useSignedIn();
  const [lastKey, setLastKey] = useState<string | null>(null);
  const origin = window.location.origin;
  return (
    <div className="page">
      <IntegrationsTabs />
      <PageHeader title={t('integrations.title')} subtitle={t('integrations.subtitle')} />
      <div className="grid-2">
        <div className="stack">
          {isOwner ? (
            <ApiKeys onCreated={(key) => setLastKey(key.key)} />
          ) : (
            <Notice tone="info">{t('keys.ownerOnly')}</Notice>
          )}
          {tenant ? <IntakeRuleForm tenant={tenant} readOnly={!isOwner} /> : null}
        </div>
        <section className="card" aria-labelledby="snippet-title">
          <h2 id="snippet-title">{t('snippet.title')}</h2>
          <p>{t('snippet.body')}</p>
          <CopyField
            label={t('snippet.endpoint')}
            value={`${origin}/api/v1/orders`}
            testId="intake-endpoint"
          />
          <CopyField
            label={t('snippet.curl')}
            value={intakeSnippet(origin, lastKey)}
            multiline
            testId="curl-snippet"
          />
          <ul className="plain-list hint">
            <li>{t('snippet.idempotent')}</li>
            <li>{t('snippet.money')}</li>
            <li>{t('snippet.printer')}</li>
          </ul>
        </section>
      </div>
    </div>
  );
}
