import type { OrderDetail, OrderEventView } from '@shared/types';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/endpoints';
import { AttentionBadge, OrderStatusBadge } from '../components/Badges';
import { CopyField } from '../components/CopyField';
import { ErrorNotice, LiveMark, Loading, Notice, PageHeader } from '../components/Notice';
import { OrderActions } from '../components/OrderActions';
import { ReceiptPreview } from '../components/ReceiptPreview';
import { type I18n, useI18n } from '../i18n/I18nProvider';
import { type Formatters, useFormat } from '../i18n/useFormat';
import { type Directory, useDirectory } from '../lib/directory';
import { isNotFound } from '../lib/errors';
import { useResource } from '../lib/useResource';
import { useSignedIn } from '../session/SessionProvider';
import { NotFoundPage } from './NotFoundPage';

type Tone = 'ok' | 'bad' | 'warn' | 'neutral';

/** One line of the order's story, in the reader's language. */
export function describeEvent(
  event: OrderEventView,
  order: Pick<OrderDetail, 'currency'>,
  t: I18n['t'],
  format: Formatters,
  printerName: (id: string | null) => string | null,
): { text: string; tone: Tone } {
  const data = event.data ?? {};
  const str = (key: string) => (typeof data[key] === 'string' ? data[key] : null);
  const printer = (key: string) => printerName(str(key)) ?? t('timeline.unknownPrinter');
  switch (event.type) {
    case 'received':
      return {
        text: str('source')?.startsWith('api-key:') ? t('timeline.receivedShop') : t('timeline.received'),
        tone: 'neutral',
      };
    case 'queued':
      return { text: t('timeline.queued'), tone: 'neutral' };
    case 'skipped':
      return { text: t('timeline.skipped'), tone: 'warn' };
    case 'served':
      return { text: t('timeline.served', { printer: printer('printerId') }), tone: 'neutral' };
    case 'completed':
      return {
        text: str('time') ? t('timeline.acceptedFor', { time: str('time') ?? '' }) : t('timeline.accepted'),
        tone: 'ok',
      };
    case 'cancelled':
      if (data['by'] === 'printer')
        return {
          text: t('timeline.rejected', { reason: str('message') ?? t('timeline.noReason') }),
          tone: 'bad',
        };
      return {
        text: str('note')
          ? t('timeline.cancelledNote', { note: str('note') ?? '' })
          : t('timeline.cancelled'),
        tone: 'bad',
      };
    case 'needs_attention':
      return {
        text: t('timeline.needsAttention', {
          duration: format.duration(
            typeof data['unansweredSeconds'] === 'number' ? data['unansweredSeconds'] : 0,
          ),
        }),
        tone: 'warn',
      };
    case 'serve_again':
      return { text: t('timeline.serveAgain'), tone: 'neutral' };
    case 'moved':
      return { text: t('timeline.moved', { from: printer('from'), to: printer('to') }), tone: 'neutral' };
    case 'total_mismatch': {
      const amount = (key: string) =>
        typeof data[key] === 'number' ? format.minor(data[key], order.currency) : '?';
      return {
        text: t('timeline.totalMismatch', { expected: amount('expected'), given: amount('given') }),
        tone: 'warn',
      };
    }
  }
}

function Timeline({
  order,
  format,
  directory,
}: {
  order: OrderDetail;
  format: Formatters;
  directory: Directory;
}) {
  const { t } = useI18n();
  return (
    <ol className="timeline" data-testid="timeline">
      {order.events.map((event) => {
        const { text, tone } = describeEvent(event, order, t, format, directory.printerName);
        return (
          <li key={event.id} className={`tone-${tone}`}>
            <span className="timeline-dot" aria-hidden="true" />
            <time dateTime={event.at ?? undefined}>{event.at ? format.when(event.at) : ''}</time>
            <span className="timeline-text">{text}</span>
          </li>
        );
      })}
    </ol>
  );
}

function noteAuthor(author: string, t: I18n['t'], userId: string): string {
  if (author === 'printer') return t('notes.printer');
  if (author === `user:${userId}`) return t('notes.you');
  if (author.startsWith('user:')) return t('notes.staff');
  if (author.startsWith('api-key:')) return t('notes.shop');
  return t('notes.system');
}

export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user, isSupport, timeZone: ownZone } = useSignedIn();
  const order = useResource((signal) => api.order(id, signal), [id], 3000);
  const directory = useDirectory();
  const data = order.data;
  const format = useFormat(data && isSupport ? directory.timeZoneOf(data.tenantId) : ownZone);

  if (!data && isNotFound(order.error)) return <NotFoundPage what="order" />;
  if (!data) return order.error ? <ErrorNotice error={order.error} onRetry={order.reload} /> : <Loading />;

  const printer = directory.printers.find((p) => p.id === data.printerId);
  const money = (amount: string) => format.money(amount, data.currency);
  const hasAmount = (amount: string) => Number(amount) !== 0;

  return (
    <div className="page">
      <p className="breadcrumb">
        {printer ? (
          <Link to={`/printers/${printer.id}/queue`}>← {t('queue.title', { name: printer.name })}</Link>
        ) : (
          <Link to="/orders">← {t('orders.title')}</Link>
        )}
      </p>
      <PageHeader
        title={t('order.title', { number: data.number })}
        subtitle={
          <>
            <OrderStatusBadge status={data.status} /> {data.needsAttention ? <AttentionBadge /> : null}{' '}
            <span className="muted">
              {t(`orderType.${data.type}`)} · {t('order.externalId', { id: data.externalId })}
              {isSupport ? ` · ${directory.tenant(data.tenantId)?.name ?? ''}` : ''}
            </span>{' '}
            <LiveMark />
          </>
        }
        actions={
          <OrderActions order={data} printers={directory.printersOf(data.tenantId)} onDone={order.reload} />
        }
      />
      {data.needsAttention ? <Notice tone="warning">{t('order.attentionHelp')}</Notice> : null}
      {data.answer && data.status === 'cancelled' ? (
        <Notice tone="error">
          {t('order.rejectedBanner', { reason: data.answer.message ?? t('timeline.noReason') })}
        </Notice>
      ) : null}
      {data.answer && data.status === 'completed' ? (
        <Notice tone="success">
          {t('order.acceptedBanner', {
            at: data.answer.at ? format.time(data.answer.at) : '',
            time: data.answer.time ?? '—',
          })}
        </Notice>
      ) : null}

      <div className="grid-2">
        <div className="stack">
          <section className="card" aria-labelledby="items-title">
            <h2 id="items-title">{t('order.items')}</h2>
            <table className="items-table">
              <thead>
                <tr>
                  <th scope="col">{t('order.qty')}</th>
                  <th scope="col">{t('order.item')}</th>
                  <th scope="col" className="num">
                    {t('order.unitPrice')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item, index) => (
                  <tr key={index}>
                    <td>{item.quantity}×</td>
                    <td>
                      {item.name}
                      {item.options.length > 0 ? (
                        <ul className="options">
                          {item.options.map((option, optionIndex) => (
                            <li key={optionIndex}>
                              + {option.name}{' '}
                              {hasAmount(option.price) ? (
                                <span className="muted">({money(option.price)})</span>
                              ) : null}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                      {item.note ? <p className="item-note">{item.note}</p> : null}
                    </td>
                    <td className="num">{money(item.unitPrice)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <dl className="totals">
              {hasAmount(data.deliveryFee) ? (
                <div>
                  <dt>{t('order.deliveryFee')}</dt>
                  <dd>{money(data.deliveryFee)}</dd>
                </div>
              ) : null}
              {hasAmount(data.fee) ? (
                <div>
                  <dt>{t('order.fee')}</dt>
                  <dd>{money(data.fee)}</dd>
                </div>
              ) : null}
              {hasAmount(data.discount) ? (
                <div>
                  <dt>{t('order.discount')}</dt>
                  <dd>−{money(data.discount)}</dd>
                </div>
              ) : null}
              <div className="grand">
                <dt>{t('order.total')}</dt>
                <dd data-testid="order-total">{money(data.total)}</dd>
              </div>
              <div>
                <dt>{t('order.payment')}</dt>
                <dd>
                  {data.paymentMethod ?? '—'} · {data.paid ? t('order.paid') : t('order.notPaid')}
                </dd>
              </div>
            </dl>
          </section>

          <section className="card" aria-labelledby="customer-title">
            <h2 id="customer-title">{t('order.customer')}</h2>
            <dl className="facts vertical">
              <div>
                <dt>{t('order.customerName')}</dt>
                <dd>{data.customer.name ?? '—'}</dd>
              </div>
              <div>
                <dt>{t('order.phone')}</dt>
                <dd>
                  {data.customer.phone ? (
                    <a href={`tel:${data.customer.phone.replace(/\s+/g, '')}`}>{data.customer.phone}</a>
                  ) : (
                    '—'
                  )}
                </dd>
              </div>
              <div>
                <dt>{t('order.address')}</dt>
                <dd>{data.customer.address ?? '—'}</dd>
              </div>
              {data.requestedAt ? (
                <div>
                  <dt>{t('order.requestedAt')}</dt>
                  <dd>{format.dateTime(data.requestedAt)}</dd>
                </div>
              ) : null}
              {data.notesFromShop ? (
                <div>
                  <dt>{t('order.shopNotes')}</dt>
                  <dd>{data.notesFromShop}</dd>
                </div>
              ) : null}
            </dl>
          </section>

          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('order.timeline')}</h2>
            <Timeline order={data} format={format} directory={directory} />
          </section>

          <section className="card" aria-labelledby="notes-title">
            <h2 id="notes-title">{t('order.notes')}</h2>
            {data.notes.length === 0 ? (
              <p className="muted">{t('order.noNotes')}</p>
            ) : (
              <ul className="notes">
                {data.notes.map((note) => (
                  <li key={note.id}>
                    <p>{note.text}</p>
                    <p className="muted small">
                      {noteAuthor(note.author, t, user.id)}
                      {note.createdAt ? ` · ${format.when(note.createdAt)}` : ''}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>

        <div className="stack">
          <section className="card" aria-labelledby="receipt-title">
            <h2 id="receipt-title">{t('order.receipt')}</h2>
            {data.wire ? (
              <>
                <p className="hint">
                  {data.wireFrozen ? t('order.receiptFrozen') : t('order.receiptPreview')}
                </p>
                <ReceiptPreview wire={data.wire} newline={printer?.settings.newlineToken ?? '%%'} />
              </>
            ) : (
              <p className="muted">{t('order.noWire')}</p>
            )}
          </section>
          {data.wire ? (
            <section className="card" aria-labelledby="wire-title">
              <h2 id="wire-title">{t('order.wire')}</h2>
              <CopyField
                label={t('order.wireLabel')}
                value={data.wire}
                multiline
                testId="wire"
                hint={t('order.wireHint')}
              />
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}
