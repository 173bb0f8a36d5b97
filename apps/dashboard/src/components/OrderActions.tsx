import type { OrderSummary, PrinterView } from '@shared/types';
import { useId, useState } from 'react';
import { api } from '../api/endpoints';
import { useI18n } from '../i18n/I18nProvider';
import { ConfirmDialog } from './ConfirmDialog';
import { useToast } from './Toasts';

type Action = 'serve-again' | 'cancel' | 'move';

interface OrderActionsProps {
  order: Pick<OrderSummary, 'id' | 'number' | 'status' | 'printerId' | 'tenantId'>;
  /** Printers of the order's restaurant (targets for a move). */
  printers: PrinterView[];
  onDone: () => void;
  compact?: boolean;
}

/** Serve again, move, cancel: each behind a confirmation that says what will happen. */
export function OrderActions({ order, printers, onDone, compact = false }: OrderActionsProps) {
  const { t } = useI18n();
  const toast = useToast();
  const [open, setOpen] = useState<Action | null>(null);
  const [note, setNote] = useState('');
  const targets = printers.filter((p) => p.id !== order.printerId && p.tenantId === order.tenantId);
  const [target, setTarget] = useState('');
  const noteId = useId();
  const targetId = useId();
  const waiting = order.status === 'queued' || order.status === 'printing';
  const cancellable = waiting || order.status === 'skipped';
  if (!waiting && !cancellable) return null;
  const number = order.number;
  const size = compact ? ' small' : '';

  const close = () => {
    setOpen(null);
    setNote('');
    setTarget('');
  };
  const finish = (message: string) => {
    close();
    toast.success(message);
    onDone();
  };

  return (
    <div className="order-actions">
      {order.status === 'printing' ? (
        <button type="button" className={`button secondary${size}`} onClick={() => setOpen('serve-again')}>
          {t('actions.serveAgain')}
        </button>
      ) : null}
      {waiting && targets.length > 0 ? (
        <button type="button" className={`button secondary${size}`} onClick={() => setOpen('move')}>
          {t('actions.move')}
        </button>
      ) : null}
      {cancellable ? (
        <button type="button" className={`button danger-outline${size}`} onClick={() => setOpen('cancel')}>
          {t('actions.cancel')}
        </button>
      ) : null}

      {open === 'serve-again' ? (
        <ConfirmDialog
          title={t('actions.serveAgain.title', { number })}
          confirmLabel={t('actions.serveAgain')}
          onClose={close}
          onConfirm={async () => {
            await api.serveAgain(order.id);
            finish(t('actions.serveAgain.done', { number }));
          }}
        >
          <p>{t('actions.serveAgain.body')}</p>
        </ConfirmDialog>
      ) : null}

      {open === 'cancel' ? (
        <ConfirmDialog
          title={t('actions.cancel.title', { number })}
          confirmLabel={t('actions.cancel.confirm')}
          tone="danger"
          onClose={close}
          onConfirm={async () => {
            await api.cancelOrder(order.id, note.trim() || undefined);
            finish(t('actions.cancel.done', { number }));
          }}
        >
          <p>{order.status === 'printing' ? t('actions.cancel.bodyPrinting') : t('actions.cancel.body')}</p>
          <div className="field">
            <label htmlFor={noteId}>{t('actions.cancel.note')}</label>
            <textarea
              id={noteId}
              value={note}
              maxLength={500}
              rows={3}
              onChange={(event) => setNote(event.target.value)}
              placeholder={t('actions.cancel.notePlaceholder')}
            />
          </div>
        </ConfirmDialog>
      ) : null}

      {open === 'move' ? (
        <ConfirmDialog
          title={t('actions.move.title', { number })}
          confirmLabel={t('actions.move.confirm')}
          confirmDisabled={target === ''}
          onClose={close}
          onConfirm={async () => {
            await api.moveOrder(order.id, target);
            const name = targets.find((p) => p.id === target)?.name ?? '';
            finish(t('actions.move.done', { number, printer: name }));
          }}
        >
          <p>{t('actions.move.body')}</p>
          <div className="field">
            <label htmlFor={targetId}>{t('actions.move.target')}</label>
            <select id={targetId} value={target} onChange={(event) => setTarget(event.target.value)}>
              <option value="">{t('actions.move.choose')}</option>
              {targets.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.online ? '' : ` (${t('printer.offline')})`}
                </option>
              ))}
            </select>
          </div>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
