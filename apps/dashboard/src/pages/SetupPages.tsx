import type { OrderDetail, PrinterView } from '@shared/types';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api/endpoints';
import { OrderStatusBadge } from '../components/Badges';
import { CopyField } from '../components/CopyField';
import { TextField } from '../components/Field';
import { StepKeypad, StepMenu, StepOnline, StepUrls } from '../components/Illustrations';
import { LiveIndicator, type LiveState } from '../components/LiveIndicator';
import { ErrorNotice, Loading, Notice, PageHeader } from '../components/Notice';
import { useToast } from '../components/Toasts';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useFormat } from '../i18n/useFormat';
import { describeError, fieldProblems, isNotFound } from '../lib/errors';
import { useResource } from '../lib/useResource';
import { useSignedIn } from '../session/SessionProvider';
import { NotFoundPage } from './NotFoundPage';

const SETUP_STEPS: readonly MessageKey[] = [
  'setup.step.account',
  'setup.step.printer',
  'setup.step.connect',
  'setup.step.test',
];

export function SetupSteps({ current }: { current: number }) {
  const { t } = useI18n();
  return (
    <ol className="setup-steps" aria-label={t('setup.progress')}>
      {SETUP_STEPS.map((key, index) => (
        <li
          key={key}
          className={index < current ? 'done' : index === current ? 'current' : undefined}
          aria-current={index === current ? 'step' : undefined}
        >
          <span className="step-number" aria-hidden="true">
            {index < current ? '✓' : index + 1}
          </span>
          <span>{t(key)}</span>
        </li>
      ))}
    </ol>
  );
}

/** Add a printer: the first one during onboarding (`/setup`) or another one later. */
export function AddPrinterPage({ onboarding }: { onboarding: boolean }) {
  const { t } = useI18n();
  const { isOwner } = useSignedIn();
  const navigate = useNavigate();
  const [name, setName] = useState(() => t('setup.defaultName'));
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setNameError(t('form.required'));
      return;
    }
    setNameError(undefined);
    setError(null);
    setBusy(true);
    try {
      const printer = await api.createPrinter({ name: name.trim() });
      void navigate(`/printers/${printer.id}/connect`, { state: { onboarding } });
    } catch (caught) {
      setNameError(fieldProblems(caught)['name']);
      setError(describeError(caught, t));
      setBusy(false);
    }
  };

  return (
    <div className="page narrow">
      {onboarding ? <SetupSteps current={1} /> : null}
      <PageHeader
        title={onboarding ? t('setup.title') : t('printers.add')}
        subtitle={onboarding ? t('setup.subtitle') : t('printers.addSubtitle')}
      />
      {!isOwner ? (
        <Notice tone="info">{t('common.ownerOnly')}</Notice>
      ) : (
        <form className="card" onSubmit={(event) => void submit(event)} noValidate>
          {error ? (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          ) : null}
          <TextField
            label={t('printer.name')}
            value={name}
            maxLength={100}
            onChange={(event) => setName(event.target.value)}
            error={nameError}
            hint={t('setup.nameHint')}
            required
          />
          <div className="form-actions">
            {onboarding ? (
              <Link to="/printers" className="button ghost">
                {t('setup.later')}
              </Link>
            ) : null}
            <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
              {busy ? t('common.working') : t('setup.create')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

function liveStateOf(printer: PrinterView | undefined, error: unknown): LiveState {
  if (!printer) return error ? 'error' : 'waiting';
  if (printer.lastPollAt === null) return 'waiting';
  return printer.online ? 'connected' : 'offline';
}

/** URLs, device settings and steps for the technician, a light that waits for the first poll, and a test. */
export function ConnectPrinterPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const toast = useToast();
  const { isSupport, timeZone: tenantZone } = useSignedIn();
  // Every 2 s until the printer has called once, then every 5 s to keep the status true.
  const [fast, setFast] = useState(true);
  const printer = useResource((signal) => api.printer(id, signal), [id], fast ? 2000 : 5000);
  if (fast && printer.data?.lastPollAt) setFast(false);
  const [testOrderId, setTestOrderId] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const view = printer.data;

  if (!view && isNotFound(printer.error)) return <NotFoundPage what="printer" />;
  if (!view)
    return printer.error ? <ErrorNotice error={printer.error} onRetry={printer.reload} /> : <Loading />;

  const state = liveStateOf(view, printer.error);
  const timeZone = view.settings.timeZone ?? tenantZone;
  const sendTest = async () => {
    setSending(true);
    try {
      const order = await api.sendTestOrder(view.id);
      setTestOrderId(order.id);
      toast.success(t('connect.testSent', { number: order.number }));
    } catch (caught) {
      toast.error(`${t('connect.testFailed')} ${describeError(caught, t)}`);
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="page">
      <SetupSteps current={state === 'connected' || state === 'offline' ? 3 : 2} />
      <PageHeader
        title={t('connect.title', { name: view.name })}
        subtitle={t('connect.subtitle')}
        actions={
          <Link className="button secondary" to={`/printers/${view.id}`}>
            {t('connect.printerPage')}
          </Link>
        }
      />
      <LiveIndicator
        state={state}
        lastPollAt={view.lastPollAt}
        timeZone={timeZone}
        error={printer.error ? describeError(printer.error, t) : undefined}
      />

      <div className="grid-2">
        <section className="card" aria-labelledby="connect-urls">
          <h2 id="connect-urls">{t('connect.urls')}</h2>
          <p className="hint">{t('connect.urlsHint')}</p>
          {view.pollUrl && view.callbackUrl ? (
            <>
              <CopyField label={t('connect.pollUrl')} value={view.pollUrl} testId="poll-url" />
              <CopyField label={t('connect.callbackUrl')} value={view.callbackUrl} testId="callback-url" />
            </>
          ) : (
            <Notice tone="warning">{t('connect.noUrls')}</Notice>
          )}
          <p className="hint">{t('connect.secretHint')}</p>
        </section>
        <section className="card" aria-labelledby="connect-device">
          <h2 id="connect-device">{t('connect.device')}</h2>
          <p className="hint">{t('connect.deviceHint')}</p>
          <CopyField label={t('connect.resId')} value={view.device.resId} testId="res-id" />
          <div className="field-row">
            <CopyField label={t('connect.username')} value={view.device.username} testId="device-username" />
            <CopyField label={t('connect.password')} value={view.device.password} testId="device-password" />
          </div>
          <CopyField
            label={t('connect.pollInterval')}
            value={String(view.device.pollIntervalSeconds)}
            testId="poll-interval"
            hint={t('connect.pollIntervalHint')}
          />
        </section>
      </div>

      <section className="card" aria-labelledby="connect-steps">
        <h2 id="connect-steps">{t('connect.steps')}</h2>
        <ol className="illustrated-steps">
          <li>
            <StepMenu />
            <h3>{t('connect.step1.title')}</h3>
            <p>{t('connect.step1.body')}</p>
          </li>
          <li>
            <StepUrls />
            <h3>{t('connect.step2.title')}</h3>
            <p>{t('connect.step2.body')}</p>
          </li>
          <li>
            <StepKeypad />
            <h3>{t('connect.step3.title')}</h3>
            <p>{t('connect.step3.body')}</p>
          </li>
          <li>
            <StepOnline />
            <h3>{t('connect.step4.title')}</h3>
            <p>{t('connect.step4.body')}</p>
          </li>
        </ol>
      </section>

      <section className="card" aria-labelledby="connect-test">
        <h2 id="connect-test">{t('connect.test')}</h2>
        <p>{state === 'connected' ? t('connect.testReady') : t('connect.testWait')}</p>
        {!isSupport ? (
          <button
            type="button"
            className={`button ${state === 'connected' ? 'primary' : 'secondary'}`}
            onClick={() => void sendTest()}
            disabled={sending}
            aria-busy={sending}
          >
            {sending ? t('common.working') : t('connect.sendTest')}
          </button>
        ) : null}
        {testOrderId ? <TestOrderProgress orderId={testOrderId} timeZone={timeZone} /> : null}
        <p className="form-actions">
          <Link to={`/printers/${view.id}/queue`} className="button ghost">
            {t('connect.toQueue')}
          </Link>
        </p>
      </section>
    </div>
  );
}

function TestOrderProgress({ orderId, timeZone }: { orderId: string; timeZone: string }) {
  const { t } = useI18n();
  const format = useFormat(timeZone);
  const order = useResource((signal) => api.order(orderId, signal), [orderId], 2000);
  const data: OrderDetail | undefined = order.data;
  if (!data) return order.error ? <ErrorNotice error={order.error} /> : <Loading />;
  let text: string;
  switch (data.status) {
    case 'queued':
      text = t('connect.progress.queued');
      break;
    case 'printing':
      text = t('connect.progress.printing');
      break;
    case 'completed':
      text = t('connect.progress.completed', {
        at: data.answeredAt ? format.time(data.answeredAt) : '',
        time: data.answer?.time ?? '—',
      });
      break;
    case 'cancelled':
      text = data.answer
        ? t('connect.progress.rejected', { reason: data.answer.message ?? '—' })
        : t('connect.progress.cancelled');
      break;
    case 'skipped':
      text = t('connect.progress.skipped');
      break;
  }
  return (
    <div
      className={`test-progress test-${data.status}`}
      role="status"
      aria-live="polite"
      data-testid="test-progress"
    >
      <OrderStatusBadge status={data.status} />
      <span>
        {t('connect.progress.order', { number: data.number })} {text}
      </span>
      <Link to={`/orders/${data.id}`}>{t('orders.open')}</Link>
    </div>
  );
}
