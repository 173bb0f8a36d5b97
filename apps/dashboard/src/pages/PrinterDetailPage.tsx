import type {
  PendingOrdersChoice,
  PrinterEventView,
  PrinterView,
  TextPolicy,
  UpdatePrinterRequest,
} from '@shared/types';
import { type FormEvent, useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiRequestError } from '../api/client';
import { api } from '../api/endpoints';
import { ActionRow } from '../components/ActionRow';
import { PrinterStatusBadge } from '../components/Badges';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CopyField } from '../components/CopyField';
import { SelectField, TextField } from '../components/Field';
import { EmptyState, ErrorNotice, LiveMark, Loading, Notice, PageHeader } from '../components/Notice';
import { useToast } from '../components/Toasts';
import { isValidTimeZone, timeZones } from '../i18n/format';
import { type I18n, useI18n } from '../i18n/I18nProvider';
import { type Formatters, useFormat } from '../i18n/useFormat';
import { describeError, fieldProblems, isNotFound } from '../lib/errors';
import { useNow } from '../lib/useNow';
import { useResource } from '../lib/useResource';
import { useSignedIn } from '../session/SessionProvider';
import { NotFoundPage } from './NotFoundPage';

interface SettingsDraft {
  name: string;
  textPolicy: TextPolicy;
  newlineToken: string;
  currencyPrefix: string;
  timeZone: string;
  pollIntervalSeconds: string;
  unansweredLimitSeconds: string;
  isDefault: boolean;
}

function draftOf(printer: PrinterView): SettingsDraft {
  return {
    name: printer.name,
    textPolicy: printer.settings.textPolicy,
    newlineToken: printer.settings.newlineToken,
    currencyPrefix: printer.settings.currencyPrefix,
    timeZone: printer.settings.timeZone ?? '',
    pollIntervalSeconds: String(printer.settings.pollIntervalSeconds),
    unansweredLimitSeconds: String(printer.settings.unansweredLimitSeconds),
    isDefault: printer.isDefault,
  };
}

type DraftErrors = Partial<Record<keyof SettingsDraft, string>>;
const RESERVED = /[#*;\r\n\\/]/;

/** Checks the settings form the way the API will, so most mistakes are caught before sending. */
export function validatePrinterSettings(draft: SettingsDraft, t: I18n['t']): DraftErrors {
  const errors: DraftErrors = {};
  if (draft.name.trim() === '') errors.name = t('form.required');
  if (draft.newlineToken === '' || draft.newlineToken.length > 8 || RESERVED.test(draft.newlineToken)) {
    errors.newlineToken = t('printerSettings.tokenInvalid');
  }
  if (draft.currencyPrefix.length > 8 || RESERVED.test(draft.currencyPrefix)) {
    errors.currencyPrefix = t('printerSettings.prefixInvalid');
  }
  if (draft.timeZone.trim() !== '' && !isValidTimeZone(draft.timeZone.trim()))
    errors.timeZone = t('form.timeZoneInvalid');
  const poll = Number(draft.pollIntervalSeconds);
  if (!Number.isInteger(poll) || poll < 2 || poll > 600)
    errors.pollIntervalSeconds = t('form.range', { min: 2, max: 600 });
  const limit = Number(draft.unansweredLimitSeconds);
  if (!Number.isInteger(limit) || limit < 30 || limit > 86400) {
    errors.unansweredLimitSeconds = t('form.range', { min: 30, max: 86400 });
  }
  return errors;
}

function SettingsForm({
  printer,
  onSaved,
  readOnly,
}: {
  printer: PrinterView;
  onSaved: (p: PrinterView) => void;
  readOnly: boolean;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const [draft, setDraft] = useState(() => draftOf(printer));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validatePrinterSettings(draft, t);
    setErrors(found);
    setError(null);
    if (Object.keys(found).length > 0) return;
    const body: UpdatePrinterRequest = {
      name: draft.name.trim(),
      textPolicy: draft.textPolicy,
      newlineToken: draft.newlineToken,
      currencyPrefix: draft.currencyPrefix,
      timeZone: draft.timeZone.trim() === '' ? null : draft.timeZone.trim(),
      pollIntervalSeconds: Number(draft.pollIntervalSeconds),
      unansweredLimitSeconds: Number(draft.unansweredLimitSeconds),
      ...(draft.isDefault && !printer.isDefault ? { isDefault: true } : {}),
    };
    setBusy(true);
    try {
      const saved = await api.updatePrinter(printer.id, body);
      onSaved(saved);
      setDraft(draftOf(saved));
      toast.success(t('printerSettings.saved'));
    } catch (caught) {
      setErrors(fieldProblems(caught));
      setError(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <fieldset disabled={readOnly || busy} className="plain">
        <legend className="visually-hidden">{t('printerSettings.title')}</legend>
        <TextField
          label={t('printer.name')}
          value={draft.name}
          onChange={(e) => set('name', e.target.value)}
          error={errors.name}
          maxLength={100}
        />
        <div className="field-row">
          <SelectField
            label={t('printerSettings.textPolicy')}
            value={draft.textPolicy}
            onChange={(e) => set('textPolicy', e.target.value as TextPolicy)}
            hint={t('printerSettings.textPolicyHint')}
            error={errors.textPolicy}
          >
            <option value="utf8">{t('printerSettings.utf8')}</option>
            <option value="ascii">{t('printerSettings.ascii')}</option>
          </SelectField>
          <TextField
            label={t('printerSettings.currencyPrefix')}
            value={draft.currencyPrefix}
            onChange={(e) => set('currencyPrefix', e.target.value)}
            hint={t('printerSettings.currencyPrefixHint')}
            error={errors.currencyPrefix}
            maxLength={8}
          />
        </div>
        <div className="field-row">
          <TextField
            label={t('printerSettings.newlineToken')}
            value={draft.newlineToken}
            onChange={(e) => set('newlineToken', e.target.value)}
            hint={t('printerSettings.newlineTokenHint')}
            error={errors.newlineToken}
            maxLength={8}
          />
          <TextField
            label={t('form.timeZone')}
            value={draft.timeZone}
            list="printer-time-zones"
            onChange={(e) => set('timeZone', e.target.value)}
            hint={t('printerSettings.timeZoneHint')}
            error={errors.timeZone}
          />
          <datalist id="printer-time-zones">
            {timeZones().map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </div>
        <div className="field-row">
          <TextField
            label={t('printerSettings.pollInterval')}
            type="number"
            inputMode="numeric"
            min={2}
            max={600}
            value={draft.pollIntervalSeconds}
            onChange={(e) => set('pollIntervalSeconds', e.target.value)}
            hint={t('printerSettings.pollIntervalHint')}
            error={errors.pollIntervalSeconds}
          />
          <TextField
            label={t('printerSettings.unansweredLimit')}
            type="number"
            inputMode="numeric"
            min={30}
            max={86400}
            value={draft.unansweredLimitSeconds}
            onChange={(e) => set('unansweredLimitSeconds', e.target.value)}
            hint={t('printerSettings.unansweredLimitHint')}
            error={errors.unansweredLimitSeconds}
          />
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.isDefault}
            disabled={printer.isDefault}
            onChange={(e) => set('isDefault', e.target.checked)}
          />
          <span>{t('printerSettings.isDefault')}</span>
        </label>
        {!readOnly ? (
          <div className="form-actions">
            <button type="submit" className="button primary" aria-busy={busy}>
              {busy ? t('common.working') : t('common.save')}
            </button>
          </div>
        ) : null}
      </fieldset>
    </form>
  );
}

function eventText(event: PrinterEventView, t: I18n['t'], format: Formatters): string {
  const data = event.data ?? {};
  switch (event.type) {
    case 'created':
      return t('printerLog.created');
    case 'token_rotated':
      return t('printerLog.tokenRotated');
    case 'first_poll':
      return t('printerLog.firstPoll');
    case 'offline':
      return t('printerLog.offline', {
        since:
          typeof data['lastPollAt'] === 'number'
            ? format.time(new Date(data['lastPollAt']).toISOString())
            : '—',
      });
    case 'back_online':
      return t('printerLog.backOnline');
    case 'callback_ignored':
      return t('printerLog.callbackIgnored', {
        order: String(data['orderId'] ?? '?'),
        reason: String(data['reason'] ?? ''),
      });
    case 'callback_invalid':
      return t('printerLog.callbackInvalid', { error: String(data['error'] ?? '') });
    case 'deleted':
      return t('printerLog.deleted');
  }
}

function PrinterLog({ printer, format }: { printer: PrinterView; format: Formatters }) {
  const { t } = useI18n();
  const log = useResource(
    (signal) => api.printerEvents(printer.id, signal).then((r) => r.items),
    [printer.id],
    10_000,
  );
  if (!log.data) return log.error ? <ErrorNotice error={log.error} onRetry={log.reload} /> : <Loading />;
  if (log.data.length === 0) return <EmptyState title={t('printerLog.empty')} />;
  const entries = [...log.data].reverse().slice(0, 50);
  return (
    <ol className="log">
      {entries.map((entry) => (
        <li key={entry.id} className={`log-${entry.type}`}>
          <time dateTime={entry.at}>{format.when(entry.at)}</time>
          <span>{eventText(entry, t, format)}</span>
        </li>
      ))}
    </ol>
  );
}

function DeletePrinterDialog({
  printer,
  others,
  onClose,
}: {
  printer: PrinterView;
  others: PrinterView[];
  onClose: () => void;
}) {
  const { t, tn } = useI18n();
  const toast = useToast();
  const navigate = useNavigate();
  const [needsChoice, setNeedsChoice] = useState(printer.queueDepth > 0);
  const [choice, setChoice] = useState<PendingOrdersChoice>(others.length > 0 ? 'move' : 'cancel');
  const [target, setTarget] = useState(others[0]?.id ?? '');
  const [waiting, setWaiting] = useState(printer.queueDepth);
  const groupId = useId();
  const targetId = useId();
  return (
    <ConfirmDialog
      title={t('printerDelete.title', { name: printer.name })}
      confirmLabel={t('printerDelete.confirm')}
      tone="danger"
      confirmDisabled={needsChoice && choice === 'move' && target === ''}
      onClose={onClose}
      onConfirm={async () => {
        try {
          if (needsChoice)
            await api.deletePrinter(printer.id, choice, choice === 'move' ? target : undefined);
          else await api.deletePrinter(printer.id);
        } catch (caught) {
          if (caught instanceof ApiRequestError && caught.code === 'printer_has_orders' && !needsChoice) {
            const count = (caught.details as { waiting?: number } | undefined)?.waiting;
            if (typeof count === 'number') setWaiting(count);
            setNeedsChoice(true);
          }
          throw caught;
        }
        toast.success(t('printerDelete.done', { name: printer.name }));
        void navigate('/printers');
      }}
    >
      <p>{t('printerDelete.body')}</p>
      {needsChoice ? (
        <fieldset className="choice">
          <legend id={groupId}>{tn('printerDelete.waiting', waiting)}</legend>
          <label className="radio">
            <input
              type="radio"
              name="pending"
              value="move"
              checked={choice === 'move'}
              disabled={others.length === 0}
              onChange={() => setChoice('move')}
            />
            <span>{t('printerDelete.move')}</span>
          </label>
          {choice === 'move' && others.length > 0 ? (
            <div className="field indent">
              <label htmlFor={targetId}>{t('actions.move.target')}</label>
              <select id={targetId} value={target} onChange={(e) => setTarget(e.target.value)}>
                {others.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <label className="radio">
            <input
              type="radio"
              name="pending"
              value="cancel"
              checked={choice === 'cancel'}
              onChange={() => setChoice('cancel')}
            />
            <span>{t('printerDelete.cancel')}</span>
          </label>
          {others.length === 0 ? <p className="hint">{t('printerDelete.noOther')}</p> : null}
        </fieldset>
      ) : null}
    </ConfirmDialog>
  );
}

export function PrinterDetailPage() {
  const { id = '' } = useParams();
  const { t, tn } = useI18n();
  const toast = useToast();
  const { isOwner, isSupport, timeZone: tenantZone } = useSignedIn();
  const printer = useResource((signal) => api.printer(id, signal), [id], 5000);
  const siblings = useResource((signal) => api.printers(signal).then((r) => r.items), [id]);
  const [dialog, setDialog] = useState<'rotate' | 'delete' | null>(null);
  const [rotated, setRotated] = useState<PrinterView | null>(null);
  const [sending, setSending] = useState(false);
  const view = printer.data;
  const format = useFormat(view?.settings.timeZone ?? tenantZone);
  const now = useNow();

  if (!view && isNotFound(printer.error)) return <NotFoundPage what="printer" />;
  if (!view)
    return printer.error ? <ErrorNotice error={printer.error} onRetry={printer.reload} /> : <Loading />;
  const others = (siblings.data ?? []).filter((p) => p.id !== view.id && p.tenantId === view.tenantId);

  const sendTest = async () => {
    setSending(true);
    try {
      const order = await api.sendTestOrder(view.id);
      toast.success(t('connect.testSent', { number: order.number }));
    } catch (caught) {
      toast.error(`${t('connect.testFailed')} ${describeError(caught, t)}`);
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={isSupport ? `/support/restaurants/${view.tenantId}` : '/printers'}>
          ← {isSupport ? t('support.backToRestaurant') : t('printers.title')}
        </Link>
      </p>
      <PageHeader
        title={view.name}
        subtitle={
          <>
            <PrinterStatusBadge printer={view} /> <LiveMark />
          </>
        }
        actions={
          <>
            <Link className="button primary" to={`/printers/${view.id}/queue`}>
              {t('printers.openQueue')}
            </Link>
            <Link className="button secondary" to={`/printers/${view.id}/connect`}>
              {t('printers.connect')}
            </Link>
            {!isSupport ? (
              <button
                type="button"
                className="button secondary"
                onClick={() => void sendTest()}
                disabled={sending}
              >
                {t('connect.sendTest')}
              </button>
            ) : null}
          </>
        }
      />
      {!view.online && view.queueDepth > 0 ? (
        <Notice tone="warning">{tn('printers.staleWarning', view.queueDepth)}</Notice>
      ) : null}
      <dl className="stat-tiles">
        <div>
          <dt>{t('printer.lastPoll')}</dt>
          <dd>
            {view.lastPollAt ? (
              <>
                <time dateTime={view.lastPollAt}>{format.when(view.lastPollAt)}</time>
                <span className="muted"> · {format.relative(view.lastPollAt, now)}</span>
              </>
            ) : (
              t('printer.neverShort')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('printer.lastCallback')}</dt>
          <dd>
            {view.lastCallbackAt ? (
              <>
                <time dateTime={view.lastCallbackAt}>{format.when(view.lastCallbackAt)}</time>
                <span className="muted"> · {format.relative(view.lastCallbackAt, now)}</span>
              </>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>{t('printer.queue')}</dt>
          <dd>{tn('printer.queueDepth', view.queueDepth)}</dd>
        </div>
        <div>
          <dt>{t('printer.offlineSince')}</dt>
          <dd>{view.offlineSince ? format.when(view.offlineSince) : '—'}</dd>
        </div>
      </dl>

      {rotated?.pollUrl && rotated.callbackUrl ? (
        <section className="card highlight" aria-labelledby="rotated-title">
          <h2 id="rotated-title">{t('rotate.newUrls')}</h2>
          <Notice tone="warning">{t('rotate.reconfigure')}</Notice>
          <CopyField label={t('connect.pollUrl')} value={rotated.pollUrl} testId="rotated-poll-url" />
          <CopyField
            label={t('connect.callbackUrl')}
            value={rotated.callbackUrl}
            testId="rotated-callback-url"
          />
        </section>
      ) : null}

      <div className="grid-2">
        <section className="card" aria-labelledby="settings-title">
          <h2 id="settings-title">{t('printerSettings.title')}</h2>
          {!isOwner ? <p className="hint">{t('common.ownerOnly')}</p> : null}
          <SettingsForm key={view.id} printer={view} readOnly={!isOwner} onSaved={printer.setData} />
        </section>
        <section className="card" aria-labelledby="log-title">
          <h2 id="log-title">{t('printerLog.title')}</h2>
          <PrinterLog printer={view} format={format} />
        </section>
      </div>

      {isOwner ? (
        <section className="card danger-zone" aria-labelledby="danger-title">
          <h2 id="danger-title">{t('printer.dangerZone')}</h2>
          <ActionRow
            title={t('rotate.title')}
            hint={t('rotate.hint')}
            label={t('rotate.button')}
            onClick={() => setDialog('rotate')}
          />
          <ActionRow
            title={t('printerDelete.button')}
            hint={t('printerDelete.hint')}
            label={t('printerDelete.button')}
            tone="danger"
            onClick={() => setDialog('delete')}
          />
        </section>
      ) : null}

      {dialog === 'rotate' ? (
        <ConfirmDialog
          title={t('rotate.confirmTitle', { name: view.name })}
          confirmLabel={t('rotate.confirm')}
          tone="danger"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const fresh = await api.rotatePrinterToken(view.id);
            printer.setData(fresh);
            setRotated(fresh);
            setDialog(null);
            toast.success(t('rotate.done'));
          }}
        >
          <p>{t('rotate.explain1')}</p>
          <p>{t('rotate.explain2')}</p>
        </ConfirmDialog>
      ) : null}
      {dialog === 'delete' ? (
        <DeletePrinterDialog printer={view} others={others} onClose={() => setDialog(null)} />
      ) : null}
    </div>
  );
}
