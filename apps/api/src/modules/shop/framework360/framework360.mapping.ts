/**
 * Framework360 payload → our order: THE one place that knows (guesses) the shape of a
 * Framework360 order. Framework360 does not publish its order JSON, its webhook payload or its
 * status list (docs/integrations/framework360.md lists what is public and what is assumed here).
 * What is known: the API base `/m/api/`, the `X-Fw360-Key` header, answers read from `data`, and
 * the field names of `orders/create` (`user_email`, `cart[]`, `billing_data`, `shipping_data`,
 * `shipping_id`, `order_status` (a number), `payment_id`, `labels[]`, `note`); third-party client
 * code shows Italian field names elsewhere in the same API (`nome`, `cognome`, `telefono`,
 * `dati_fatturazione`) and `{ status: 0, error }` answers for failures.
 *
 * So every reader below is tolerant: keys are matched case-, accent- and separator-insensitively
 * (`unit_price`, `unitPrice` and `Unit-Price` are the same key), English and Italian names are both
 * tried, missing optional fields are left out, and unknown fields are ignored. When the first real
 * payload is captured, correct the key lists here (and only here) and add it as a fixture.
 */
import type { ShopStatusOption } from '@shared/types';
import type { ShopOrderInput } from '../shop-adapter';

export type Json = Record<string, unknown>;
type Item = ShopOrderInput['items'][number];
type Option = NonNullable<Item['options']>[number];

/** A payload we cannot turn into an order; `field` names where (dotted path), for a 400. */
export class MappingError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field} ${problem}`);
    this.name = 'MappingError';
  }
}

// ---- key lists (the guesses) ----------------------------------------------------------------
// Written already normalised (lower case, no accents, no `_`/`-`/spaces): see `normaliseKey`.

/** Where the cart lines are. `cart` is the documented `orders/create` field. */
const ITEM_LIST_KEYS = [
  'cart',
  'carrello',
  'items',
  'products',
  'prodotti',
  'lineitems',
  'orderitems',
  'lines',
  'righe',
  'articoli',
  'cartitems',
];
const ITEM_NAME_KEYS = [
  'name',
  'title',
  'productname',
  'producttitle',
  'nome',
  'titolo',
  'nomeprodotto',
  'label',
  'description',
  'descrizione',
];
const ITEM_PRODUCT_KEYS = ['product', 'prodotto'];
const QUANTITY_KEYS = ['quantity', 'qty', 'quantita', 'qta', 'qt', 'count'];
/** Gross (VAT-included) prices first: the printer shows what the customer pays. */
const UNIT_PRICE_KEYS = [
  'pricewithtax',
  'priceincltax',
  'priceinctax',
  'pricevat',
  'grossprice',
  'prezzoivato',
  'prezzoivainclusa',
  'prezzolordo',
  'unitprice',
  'priceunit',
  'prezzounitario',
  'price',
  'prezzo',
  'amount',
  'importo',
];
/** Used only when no unit price is given: divided by the quantity. */
const LINE_TOTAL_KEYS = [
  'linetotal',
  'totalprice',
  'total',
  'totale',
  'subtotal',
  'totaleriga',
  'prezzototale',
];
const OPTION_LIST_KEYS = [
  'options',
  'opzioni',
  'variants',
  'varianti',
  'variations',
  'variazioni',
  'attributes',
  'attributi',
  'extras',
  'addons',
  'aggiunte',
  'ingredients',
  'ingredienti',
  'modifiers',
  'modificatori',
  'variant',
  'variante',
];
const OPTION_NAME_KEYS = [
  'name',
  'label',
  'title',
  'nome',
  'titolo',
  'group',
  'gruppo',
  'attribute',
  'attributo',
];
const OPTION_VALUE_KEYS = ['value', 'valore', 'option', 'opzione', 'choice', 'scelta', 'selected'];
const OPTION_PRICE_KEYS = ['price', 'prezzo', 'amount', 'importo', 'extraprice', 'sovrapprezzo', 'pricediff'];
const NOTE_KEYS = [
  'note',
  'notes',
  'nota',
  'ordernote',
  'customernote',
  'notecliente',
  'noteordine',
  'comment',
  'comments',
  'commento',
  'commenti',
  'message',
  'messaggio',
  'instructions',
  'istruzioni',
  'deliveryinstructions',
];

const ORDER_ID_KEYS = ['orderid', 'idorder', 'idordine', 'ordineid'];
const TOTAL_KEYS = [
  'total',
  'totale',
  'grandtotal',
  'totalamount',
  'amounttotal',
  'ordertotal',
  'totaleordine',
  'importototale',
  'totalprice',
  'amount',
  'importo',
];
const SHIPPING_COST_KEYS = [
  'shippingcost',
  'shippingprice',
  'shippingtotal',
  'shippingamount',
  'shippingfee',
  'costospedizione',
  'spesespedizione',
  'speseconsegna',
  'costoconsegna',
  'deliveryfee',
  'deliverycost',
  'deliveryprice',
];
/** Payment surcharges (a COD fee is typically €2–4 per the Framework360 COD settings page). */
const FEE_KEYS = [
  'paymentfee',
  'paymentcost',
  'paymentsurcharge',
  'codfee',
  'codcost',
  'costocontrassegno',
  'costopagamento',
  'commissione',
  'commissioni',
  'supplemento',
  'maggiorazione',
  'surcharge',
  'handlingfee',
  'fee',
  'fees',
];
const DISCOUNT_KEYS = [
  'discount',
  'discounttotal',
  'discountamount',
  'totaldiscount',
  'sconto',
  'scontototale',
  'coupondiscount',
  'couponamount',
  'scontocoupon',
];
const COUPON_KEYS = ['coupon', 'coupons', 'buono', 'buoni', 'codicesconto'];
/** A block of amounts some APIs use (`totals: { total, shipping, discount }`): read after the order itself. */
const TOTALS_KEYS = ['totals', 'totali', 'summary', 'riepilogo', 'amounts', 'importi'];
const COUPON_AMOUNT_KEYS = ['discount', 'amount', 'sconto', 'importo', 'value', 'valore'];
/** A method's own cost (when the payment or shipping method is an object). */
const METHOD_COST_KEYS = ['cost', 'price', 'costo', 'prezzo', 'amount', 'importo', 'fee', 'surcharge'];
const CURRENCY_KEYS = ['currency', 'valuta', 'currencycode', 'divisa'];

const PAYMENT_KEYS = [
  'paymentmethod',
  'payment',
  'pagamento',
  'metodopagamento',
  'metododipagamento',
  'paymenttype',
  'paymentname',
  'tipopagamento',
  'gateway',
  'paymentgateway',
];
const PAYMENT_ID_KEYS = ['paymentid', 'idpagamento', 'paymentmethodid'];
const PAID_KEYS = [
  'paid',
  'ispaid',
  'pagato',
  'paymentstatus',
  'statopagamento',
  'paymentstate',
  'statuspagamento',
  'incassato',
];
const SHIPPING_METHOD_KEYS = [
  'shippingmethod',
  'shippingname',
  'shippingtype',
  'metodospedizione',
  'metododispedizione',
  'tipospedizione',
  'deliverymethod',
  'deliverytype',
  'tipoconsegna',
  'modalitaconsegna',
  'ordertype',
  'tipoordine',
  'shipping',
  'spedizione',
  'delivery',
  'consegna',
];
const SHIPPING_ID_KEYS = ['shippingid', 'idspedizione', 'shippingmethodid'];
const PICKUP_FLAG_KEYS = [
  'pickup',
  'ispickup',
  'localpickup',
  'ritiro',
  'ritiroinnegozio',
  'asporto',
  'takeaway',
];
const METHOD_NAME_KEYS = [
  'name',
  'title',
  'label',
  'nome',
  'titolo',
  'description',
  'descrizione',
  'type',
  'code',
];

/** Where the customer is: shipping data first (where to go), then billing data, then a customer object. */
const SHIPPING_DATA_KEYS = [
  'shippingdata',
  'datispedizione',
  'shippingaddress',
  'indirizzospedizione',
  'deliveryaddress',
  'indirizzoconsegna',
  'deliverydata',
  'daticonsegna',
];
const BILLING_DATA_KEYS = ['billingdata', 'datifatturazione', 'billingaddress', 'billing', 'fatturazione'];
const CUSTOMER_KEYS = ['customer', 'cliente', 'user', 'utente', 'buyer'];
const FIRST_NAME_KEYS = ['firstname', 'nome', 'givenname', 'name'];
const LAST_NAME_KEYS = ['lastname', 'cognome', 'surname', 'familyname'];
const FULL_NAME_KEYS = ['fullname', 'nomecompleto', 'customername', 'nomecliente'];
const COMPANY_KEYS = ['company', 'ragionesociale', 'azienda'];
const PHONE_KEYS = [
  'phone',
  'telephone',
  'tel',
  'telefono',
  'cellulare',
  'cell',
  'mobile',
  'phonenumber',
  'customerphone',
  'telefonocliente',
];
const STREET_KEYS = [
  'address',
  'indirizzo',
  'address1',
  'addressline1',
  'street',
  'streetaddress',
  'via',
  'line1',
];
const HOUSE_NUMBER_KEYS = ['streetnumber', 'housenumber', 'civico', 'numerocivico'];
const ADDRESS_EXTRA_KEYS = ['address2', 'addressline2', 'line2', 'interno', 'scala', 'piano', 'citofono'];
const ZIP_KEYS = ['zip', 'zipcode', 'cap', 'postcode', 'postalcode'];
const CITY_KEYS = ['city', 'citta', 'comune', 'town', 'localita'];
const PROVINCE_KEYS = ['province', 'provincia', 'prov', 'state'];

const CREATED_KEYS = [
  'createdat',
  'datecreated',
  'creationdate',
  'datacreazione',
  'dataordine',
  'orderdate',
  'date',
  'data',
  'created',
  'datetime',
  'dataora',
  'insertdate',
  'datainserimento',
  'timestamp',
];
const REQUESTED_KEYS = [
  'requestedat',
  'requestedtime',
  'deliverytime',
  'deliverydate',
  'deliveryat',
  'pickuptime',
  'pickupdate',
  'dataconsegna',
  'orarioconsegna',
  'oraconsegna',
  'dataritiro',
  'orarioritiro',
  'fasciaoraria',
  'timeslot',
];

/** Event-name fields of a webhook envelope. `type` only counts when it reads like an event. */
const EVENT_KEYS = ['event', 'evento', 'topic', 'action', 'azione', 'hook', 'trigger', 'eventtype'];

// ---- heuristics -----------------------------------------------------------------------------

/** Payment names meaning "pay the driver / at the counter": the order needs the printer. */
const CASH_ON_DELIVERY =
  /\bcod\b|contrassegno|contanti|\bcash\b|alla consegna|al ritiro|on delivery|on pickup|in negozio|nachnahme|barzahlung|reembolso|efectivo/i;
/** Shipping-method names meaning the customer collects the order. */
const PICKUP = /ritiro|asporto|pick\s*-?\s*up|take\s*-?\s*away|collect|abholung|recogida|retiro/i;
/** Payment-status words meaning not (yet) paid; checked before PAID ("Not collected"). */
const NOT_PAID =
  /\bnon?\b|\bnot\b|\bun|unpaid|incomplet|da incassare|pending|attesa|fail|fallit|rifiut|refus|annull|cancel|rimbors|refund/i;
const PAID = /paid|pagat|collected|incassat|complet|success|captured|saldat|ok\b|^(1|true|yes|si|sì)$/i;
/** Webhook events that are certainly not "a new order"; anything else is treated as a creation. */
const NOT_CREATION =
  /updat|modif|status|stato|delet|elimin|cancel|annull|refund|rimbors|paid|pagat|ship|spedit|complet|evas|chang|cambi|remov/i;
/** …unless it also reads as one ("new_order_status" is still new; "checkout.completed" is an order). */
const CREATION = /creat|\bnew|nuov|insert|inserit|placed|ricevut|receiv|checkout/i;
const PING_EVENT = /^(test|ping|verify|verifica|hello|webhooks?[._/]test)$|[._/](test|ping)$/i;

// ---- small readers --------------------------------------------------------------------------

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Unit_Price`, `unitPrice`, `unit-price`, `quantità` → `unitprice`, `quantita`. */
export function normaliseKey(key: string): string {
  return key
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** The value of the first of `keys` (normalised) that `source` holds and is not blank. */
function pick(source: unknown, keys: readonly string[]): unknown {
  if (!isRecord(source)) return undefined;
  const byKey = new Map<string, unknown>();
  for (const [key, value] of Object.entries(source)) {
    const normal = normaliseKey(key);
    if (!byKey.has(normal) && !isBlank(value)) byKey.set(normal, value);
  }
  for (const key of keys) {
    if (byKey.has(key)) return byKey.get(key);
  }
  return undefined;
}

/** Strings and numbers as trimmed text, with HTML tags and repeated spaces removed; else null. */
function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const clean = value
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean === '' ? null : clean;
}

function pickText(source: unknown, keys: readonly string[]): string | null {
  return text(pick(source, keys));
}

/** A display name that may be translated (`{ it: 'Pizza', en: 'Pizza' }`): Italian, English, or the first. */
function label(value: unknown): string | null {
  if (!isRecord(value)) return text(value);
  return (
    text(pick(value, ['it', 'en', 'default'])) ??
    Object.values(value)
      .map(text)
      .find((v) => v !== null) ??
    null
  );
}

function pickLabel(source: unknown, keys: readonly string[]): string | null {
  return label(pick(source, keys));
}

function clip(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/** A list given as an array, or as a PHP-style object keyed by id/position. */
function asList(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value as unknown[];
  if (isRecord(value)) {
    const values = Object.values(value);
    if (values.length > 0 && values.every(isRecord)) return values;
  }
  return null;
}

// ---- money ----------------------------------------------------------------------------------

/**
 * An amount as integer cents (may be negative), or null when it is not an amount. Accepts JSON
 * numbers and strings such as "7.50", "7,50", "€ 7,50", "1.234,56", "1,234.56", "1'234.50".
 * When both `.` and `,` appear, the later one is the decimal separator; a single `,` is decimal
 * (Italian); several of the same separator are thousands separators. Three or more decimals
 * (PHP "7.5000") are rounded half-up to cents. Never goes through floating point for strings.
 */
export function parseCents(value: unknown): number | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // String(7.5) is "7.5"; exponent forms (1e-7) are the only ones that need arithmetic.
    return /e/i.test(String(value)) ? Math.round(value * 100) : parseCents(String(value));
  }
  if (typeof value !== 'string') return null;
  let s = value.replace(/[\s\u00a0'’]/g, '').replace(/€|euro|eur|\$|usd|£|gbp|chf/gi, '');
  let sign = 1;
  if (s.startsWith('-') || s.endsWith('-')) {
    sign = -1;
    s = s.replace(/^-|-$/g, '');
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let decimal: '.' | ',' | null = null;
  if (lastDot >= 0 && lastComma >= 0) decimal = lastDot > lastComma ? '.' : ',';
  else if (lastComma >= 0) decimal = s.indexOf(',') === lastComma ? ',' : null;
  else if (lastDot >= 0) decimal = s.indexOf('.') === lastDot ? '.' : null;
  const [whole = '', fraction = ''] =
    decimal === null
      ? [s.replace(/[.,]/g, '')]
      : [s.slice(0, s.lastIndexOf(decimal)).replace(/[.,]/g, ''), s.slice(s.lastIndexOf(decimal) + 1)];
  if (!/^\d*$/.test(whole) || !/^\d*$/.test(fraction) || whole.length > 9) return null;
  const padded = fraction.padEnd(3, '0');
  let cents = Number(whole || '0') * 100 + Number(padded.slice(0, 2));
  if (Number(padded[2]) >= 5) cents += 1;
  return sign * cents;
}

/** Integer cents → "7.50" (never negative: callers pass magnitudes). */
export function formatCents(cents: number): string {
  const abs = Math.abs(Math.round(cents));
  return `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Sum of an amount field that may be one value, a list of values, or a list of {amount} objects. */
function sumCents(value: unknown, amountKeys: readonly string[]): number | null {
  const direct = parseCents(value);
  if (direct !== null) return direct;
  const inner = isRecord(value) ? pick(value, amountKeys) : undefined;
  if (inner !== undefined) return sumCents(inner, amountKeys);
  const list = asList(value);
  if (!list) return null;
  let total: number | null = null;
  for (const entry of list) {
    const cents = isRecord(entry) ? parseCents(pick(entry, amountKeys)) : parseCents(entry);
    if (cents !== null) total = (total ?? 0) + cents;
  }
  return total;
}

function moneyField(source: unknown, keys: readonly string[], amountKeys = METHOD_COST_KEYS): number | null {
  return sumCents(pick(source, keys), amountKeys);
}

// ---- time -----------------------------------------------------------------------------------

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A creation time as epoch ms, or null. Zone-less shop times ("2026-11-29 19:02:11", the usual
 * PHP format, or Italian "29/11/2026 19:02") are read as if UTC: they are only ever compared with
 * other times from the same shop (the polling cursor), so a constant offset does not matter.
 * Numbers are Unix seconds (below 1e11) or milliseconds.
 */
export function parseShopTime(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    return value < 1e11 ? Math.round(value * 1000) : Math.round(value);
  }
  const s = text(value);
  if (s === null) return null;
  if (/^\d{9,13}$/.test(s)) return parseShopTime(Number(s));
  if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(s) && /^\d{4}-\d{2}-\d{2}[T ]/.test(s)) {
    const parsed = Date.parse(s.replace(' ', 'T'));
    return Number.isNaN(parsed) ? null : parsed;
  }
  const ymd = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(s);
  const dmy = /^(\d{2})\/(\d{2})\/(\d{4})(?:[ ,]+(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(s);
  const parts = ymd
    ? [ymd[1], ymd[2], ymd[3], ymd[4], ymd[5], ymd[6]]
    : dmy
      ? [dmy[3], dmy[2], dmy[1], dmy[4], dmy[5], dmy[6]]
      : null;
  if (!parts) return null;
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, se = 0] = parts.map((part) => Number(part ?? '0'));
  const ms = Date.UTC(y, mo - 1, d, h, mi, se);
  return Number.isNaN(ms) ? null : ms;
}

// ---- identity -------------------------------------------------------------------------------

/** Our links and inbound log keep shop order ids as ≤ 64 printable ASCII characters. */
export function validOrderId(value: unknown): string | null {
  const id = text(value);
  return id !== null && /^[\x21-\x7e]{1,64}$/.test(id) ? id : null;
}

/** The order's own id: `order_id`-style keys first, then `id` (what orders/updateStatus takes). */
export function orderIdOf(order: Json): string | null {
  return validOrderId(pick(order, ORDER_ID_KEYS)) ?? validOrderId(pick(order, ['id']));
}

/** Where a listed or received order sits in time, for the polling cursor. */
export interface OrderPosition {
  /** Creation time in epoch ms; 0 when the shop gives none (then ids alone order them). */
  time: number;
  id: string;
}

export function orderPosition(order: Json): OrderPosition | null {
  const id = orderIdOf(order);
  if (id === null) return null;
  return { time: parseShopTime(pick(order, CREATED_KEYS)) ?? 0, id };
}

/** Numeric ids compare as numbers ("9" < "10"); anything else as text. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export function comparePositions(a: OrderPosition, b: OrderPosition): number {
  return a.time !== b.time ? a.time - b.time : compareIds(a.id, b.id);
}

// ---- envelopes ------------------------------------------------------------------------------

/** The documented answer wrapper: `{ data: … }` (third-party code also shows `status: 1`). */
export function unwrapData(body: unknown): unknown {
  return isRecord(body) && 'data' in body ? body.data : body;
}

/**
 * The error text of a Framework360 answer that failed even with HTTP 200 (`{status: 0, error}`,
 * `{success: false}`), or null when it looks successful.
 */
export function shopError(body: unknown): string | null {
  if (!isRecord(body)) return null;
  const error = body['error'] ?? body['errors'];
  if (!isBlank(error) && error !== false) {
    return (
      text(error) ?? text(pick(error, ['message', 'error', 'code'])) ?? JSON.stringify(error).slice(0, 200)
    );
  }
  const noData = isBlank(body['data']) || body['data'] === false;
  if (
    body['success'] === false ||
    ((body['status'] === 0 || body['status'] === '0') && noData && !hasCart(body))
  ) {
    return text(body['message']) ?? text(body['msg']) ?? 'the shop answered status 0';
  }
  return null;
}

function itemList(order: Json): unknown[] | null {
  for (const key of ITEM_LIST_KEYS) {
    const value = pick(order, [key]);
    if (value === undefined) continue;
    const direct = asList(value);
    // A cart may itself be an object holding the lines (`cart: { items: [...] }`).
    const nested = isRecord(value) ? asList(pick(value, ITEM_LIST_KEYS)) : null;
    if (nested) return nested;
    if (direct) return direct;
  }
  return null;
}

/** Holds cart lines, i.e. is a whole order (not just a summary or an id). */
export function hasCart(value: unknown): value is Json {
  return isRecord(value) && itemList(value) !== null;
}

/** The order inside an `orders/get` answer: `data`, `data.order`, or the body itself. */
export function orderFromResponse(body: unknown): Json | null {
  const data = unwrapData(body);
  for (const candidate of [data, pick(data, ['order', 'ordine']), body]) {
    if (hasCart(candidate)) return candidate;
  }
  for (const candidate of [pick(data, ['order', 'ordine']), data]) {
    if (isRecord(candidate) && orderIdOf(candidate) !== null) return candidate;
  }
  return null;
}

/** The orders of an `orders/list` answer: `data` as a list, or under `data.orders`/`items`/…. */
export function ordersFromList(body: unknown): Json[] | null {
  const data = unwrapData(body);
  if (data === null || data === false || (typeof data === 'string' && data.trim() === '')) return [];
  const list =
    (Array.isArray(data) ? data : null) ??
    asList(pick(data, ['orders', 'ordini', 'items', 'list', 'results', 'rows', 'records'])) ??
    (isRecord(data) && Object.values(data).every((value) => isRecord(value) && orderIdOf(value) !== null)
      ? Object.values(data)
      : null);
  return list ? list.filter(isRecord) : null;
}

/** `orders/statuses` as {id, name}: a list of {id,name|label|title}, of strings, or an id→name object. */
export function readStatuses(body: unknown): ShopStatusOption[] | null {
  let data = unwrapData(body);
  const nested = pick(data, ['statuses', 'stati', 'items', 'list']);
  if (nested !== undefined && (Array.isArray(nested) || isRecord(nested))) data = nested;
  const options: ShopStatusOption[] = [];
  if (Array.isArray(data)) {
    for (const entry of data) {
      if (isRecord(entry)) {
        const id = pickText(entry, ['id', 'statusid', 'value', 'code', 'key']);
        const name = pickText(entry, ['name', 'label', 'title', 'nome', 'titolo', 'description', 'text']);
        if (id !== null) options.push({ id, name: name ?? id });
      } else if (text(entry) !== null) {
        options.push({ id: text(entry)!, name: text(entry)! });
      }
    }
    return options;
  }
  if (isRecord(data)) {
    for (const [key, value] of Object.entries(data)) {
      const name = isRecord(value)
        ? pickText(value, ['name', 'label', 'title', 'nome', 'titolo'])
        : text(value);
      const id = isRecord(value) ? (pickText(value, ['id', 'value', 'code']) ?? key) : key;
      options.push({ id, name: name ?? id });
    }
    return options;
  }
  return null;
}

/** Names of `payments/list` entries by id (used when an order carries only `payment_id`). */
export function readPaymentNames(body: unknown): Map<string, string> {
  const names = new Map<string, string>();
  for (const option of readStatuses(body) ?? []) names.set(option.id, option.name);
  return names;
}

const STATUS_NAMES: Record<'completed' | 'cancelled', RegExp> = {
  completed:
    /complet|evas|consegnat|conclus|chius|finished|fulfil|delivered|done|closed|accettat|accepted|confermat|confirmed/i,
  cancelled: /annullat|cancel|rifiutat|reject|respint|declin|refused/i,
};

/**
 * The shop status that means completed/cancelled, by name, when the owner has not mapped it:
 * the first listed status whose name matches (completed also accepts "accettato"/"confermato"
 * after the stronger words, since a restaurant's "accepted" is its done-for-us state).
 */
export function guessStatus(
  statuses: ShopStatusOption[],
  want: 'completed' | 'cancelled',
): ShopStatusOption | null {
  const strong =
    want === 'completed' ? /complet|evas|consegnat|conclus|fulfil|delivered|done/i : STATUS_NAMES.cancelled;
  return (
    statuses.find((status) => strong.test(status.name)) ??
    statuses.find((status) => STATUS_NAMES[want].test(status.name)) ??
    null
  );
}

// ---- webhooks -------------------------------------------------------------------------------

/** What one webhook body means, before any fetching. */
export type WebhookMeaning =
  | { kind: 'ping' }
  | { kind: 'order'; order: Json }
  | { kind: 'fetch'; shopOrderId: string }
  | { kind: 'ignored'; shopOrderId: string | null; reason: string };

function eventName(body: Json): string | null {
  const named = pickText(body, EVENT_KEYS);
  if (named !== null) return named;
  // `type` is also an order field ("delivery"); only an event-looking value counts.
  const type = pickText(body, ['type']);
  return type !== null && /order|ordin|[./:]/i.test(type) ? type : null;
}

const CONTAINER_KEYS = ['data', 'order', 'ordine', 'payload', 'resource', 'object'];

function containers(body: Json): Json[] {
  const found: Json[] = [body];
  for (const key of CONTAINER_KEYS) {
    const value = pick(body, [key]);
    if (isRecord(value)) {
      found.push(value);
      const inner = pick(value, ['order', 'ordine']);
      if (isRecord(inner)) found.push(inner);
    }
  }
  return found;
}

/** An order id carried without the order (`{order_id: 1045}`, `{data: {id: 1045}}`, `{data: 1045}`). */
function bareOrderId(body: Json): string | null {
  const all = containers(body);
  for (const container of all) {
    const id = validOrderId(pick(container, ORDER_ID_KEYS));
    if (id !== null) return id;
  }
  for (const container of [...all.slice(1), body]) {
    const id = validOrderId(pick(container, ['id']));
    if (id !== null) return id;
  }
  const scalar = pick(body, ['data', 'order', 'ordine']);
  return isRecord(scalar) ? null : validOrderId(scalar);
}

/**
 * Reads a webhook body (already JSON-parsed): an order object at the top level or under
 * `data`/`order` is imported; a bare order id is fetched with `orders/get`; an event that names
 * something other than a creation is ignored; a body with neither (a `webhooks/test` call) is a ping.
 */
export function readWebhook(body: unknown): WebhookMeaning {
  if (!isRecord(body)) throw new MappingError('body', 'must be a JSON object');
  const event = eventName(body);
  if (body['test'] === true || (event !== null && PING_EVENT.test(event))) return { kind: 'ping' };
  const order = containers(body).find(hasCart) ?? null;
  const shopOrderId = order ? orderIdOf(order) : bareOrderId(body);
  if (event !== null && NOT_CREATION.test(event) && !CREATION.test(event)) {
    return { kind: 'ignored', shopOrderId, reason: `Event "${clip(event, 60)}" is not an order creation` };
  }
  if (order) return { kind: 'order', order };
  if (shopOrderId !== null) return { kind: 'fetch', shopOrderId };
  return { kind: 'ping' };
}

/** A payment id given without any name, so the adapter can look the name up in `payments/list`. */
export function paymentIdWithoutName(order: Json): string | null {
  const node = pick(order, PAYMENT_KEYS);
  if (isRecord(node)) {
    if (pickText(node, METHOD_NAME_KEYS) !== null) return null;
    return pickText(node, ['id']);
  }
  if (typeof node === 'string' && !/^\d+$/.test(node.trim())) return null;
  return text(node) ?? pickText(order, PAYMENT_ID_KEYS);
}

// ---- the order ------------------------------------------------------------------------------

export interface MappingOptions {
  /** Shipping method ids or names that mean pickup (connection setting `pickupMethods`). */
  pickupMethods?: readonly string[];
  /** Payment method names by id, from `payments/list`, for orders that carry only an id. */
  paymentNames?: ReadonlyMap<string, string>;
}

export interface MappedOrder {
  shopOrderId: string;
  order: ShopOrderInput;
}

interface MappedLine {
  item: Item | null;
  /** A negative-priced cart line (a coupon or promotion line): money taken off. */
  discountCents: number;
}

function readQuantity(line: Json, index: number): { quantity: number; note: string | null } | null {
  const raw = pick(line, QUANTITY_KEYS);
  if (raw === undefined) return { quantity: 1, note: null };
  const hundredths = parseCents(raw);
  if (hundredths === null)
    throw new MappingError(
      `items.${index}.quantity`,
      `is not a number (${JSON.stringify(raw).slice(0, 40)})`,
    );
  if (hundredths <= 0) return null; // a removed line (quantity 0) prints nothing
  if (hundredths % 100 === 0 && hundredths <= 99_900) return { quantity: hundredths / 100, note: null };
  // Weights (0,5 kg) or absurd counts: one line of the whole amount, the real quantity noted.
  return { quantity: 1, note: `Quantity: ${formatCents(hundredths).replace(/\.?0+$/, '')}` };
}

function readOption(entry: unknown, fallbackName: string | null): Option | null {
  if (entry === false || isBlank(entry)) return null;
  if (!isRecord(entry)) {
    const value = entry === true ? fallbackName : text(entry);
    if (value === null) return null;
    return {
      name: clip(fallbackName && entry !== true ? `${fallbackName}: ${value}` : value, 200),
      price: '0.00',
    };
  }
  const name = pickLabel(entry, OPTION_NAME_KEYS) ?? fallbackName;
  const value = pickText(entry, OPTION_VALUE_KEYS);
  const label = name !== null && value !== null ? `${name}: ${value}` : (name ?? value);
  if (label === null) return null;
  const cents = parseCents(pick(entry, OPTION_PRICE_KEYS)) ?? 0;
  // Our options cannot be negative ("senza mozzarella −1,00"): shown in the name, priced 0.
  return cents < 0
    ? { name: clip(`${label} (-${formatCents(cents)})`, 200), price: '0.00' }
    : { name: clip(label, 200), price: formatCents(cents) };
}

/** Options/variants of a line, per unit: lists of strings or objects, or a {name: value} object. */
function readOptions(line: Json): Option[] {
  const options: Option[] = [];
  for (const key of OPTION_LIST_KEYS) {
    const value = pick(line, [key]);
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const entry of value) {
        const option = readOption(entry, null);
        if (option) options.push(option);
      }
    } else if (
      isRecord(value) &&
      (pickText(value, OPTION_NAME_KEYS) !== null || pickText(value, OPTION_VALUE_KEYS) !== null)
    ) {
      const option = readOption(value, null);
      if (option) options.push(option);
    } else if (isRecord(value)) {
      for (const [name, entry] of Object.entries(value)) {
        const option = readOption(entry, text(name));
        if (option) options.push(option);
      }
    } else {
      const option = readOption(value, null);
      if (option) options.push(option);
    }
  }
  return options.slice(0, 50);
}

function lineName(line: Json): string | null {
  const product = pick(line, ITEM_PRODUCT_KEYS);
  return (
    pickLabel(line, ITEM_NAME_KEYS) ??
    pickLabel(product, ITEM_NAME_KEYS) ??
    (typeof product === 'string' ? text(product) : null)
  );
}

function mapLine(line: unknown, index: number): MappedLine {
  if (!isRecord(line)) throw new MappingError(`items.${index}`, 'is not an object');
  const name = lineName(line);
  if (name === null)
    throw new MappingError(`items.${index}.name`, 'is missing (looked for name, title, product_name, nome)');
  const quantity = readQuantity(line, index);
  if (quantity === null) return { item: null, discountCents: 0 };
  const hundredths = parseCents(pick(line, QUANTITY_KEYS)) ?? 100;
  let unit = parseCents(pick(line, UNIT_PRICE_KEYS));
  if (unit === null) {
    // Only a line total: the unit price is that total over the quantity, rounded to cents.
    const lineTotal = parseCents(pick(line, LINE_TOTAL_KEYS));
    unit = lineTotal === null ? 0 : Math.round((lineTotal * 100) / hundredths);
  }
  if (unit < 0) return { item: null, discountCents: Math.round((-unit * hundredths) / 100) };
  if (quantity.note !== null) unit = Math.round((unit * hundredths) / 100);
  const options = readOptions(line);
  const notes = [pickText(line, NOTE_KEYS), quantity.note].filter((note): note is string => note !== null);
  const item: Item = { name: clip(name, 200), quantity: quantity.quantity, unitPrice: formatCents(unit) };
  if (options.length > 0) item.options = options;
  if (notes.length > 0) item.note = clip(notes.join(' — '), 500);
  return { item, discountCents: 0 };
}

/** Text of a method given as a string, an id, or an object ({id, name|title|label|…}). */
function methodText(node: unknown): { id: string | null; name: string | null } {
  if (isRecord(node))
    return { id: pickText(node, ['id', 'code', 'slug']), name: pickText(node, METHOD_NAME_KEYS) };
  const value = text(node);
  if (value === null) return { id: null, name: null };
  return /^\d+$/.test(value) ? { id: value, name: null } : { id: null, name: value };
}

function readPayment(order: Json, options: MappingOptions): { method?: string; feeCents: number | null } {
  const node = pick(order, PAYMENT_KEYS);
  const { id, name: ownName } = methodText(node);
  const paymentId = id ?? pickText(order, PAYMENT_ID_KEYS);
  const name = ownName ?? (paymentId !== null ? (options.paymentNames?.get(paymentId) ?? null) : null);
  const feeCents = isRecord(node) ? moneyField(node, METHOD_COST_KEYS) : null;
  if (name !== null && CASH_ON_DELIVERY.test(name)) return { method: 'cod', feeCents };
  if (name !== null) return { method: clip(name, 64), feeCents };
  if (paymentId !== null) return { method: clip(`payment-${paymentId}`, 64), feeCents };
  return { feeCents };
}

function readPaid(order: Json): boolean | undefined {
  const payment = pick(order, PAYMENT_KEYS);
  const raw = pick(order, PAID_KEYS) ?? pick(payment, ['paid', 'ispaid', 'status', 'stato', 'state']);
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw === 1;
  const value = isRecord(raw) ? pickText(raw, ['name', 'label', 'title', 'nome', 'status']) : text(raw);
  if (value === null) return undefined;
  if (value === '0' || NOT_PAID.test(value)) return false;
  return PAID.test(value) ? true : undefined;
}

function readType(
  order: Json,
  options: MappingOptions,
): { type: ShopOrderInput['type']; costCents: number | null } {
  const node = pick(order, SHIPPING_METHOD_KEYS);
  // `shipping` may be the address block (shipping_data style) rather than the method.
  const { id, name } = methodText(isRecord(node) && pick(node, STREET_KEYS) !== undefined ? undefined : node);
  const shippingId = id ?? pickText(order, SHIPPING_ID_KEYS);
  const costCents = isRecord(node) ? moneyField(node, METHOD_COST_KEYS) : null;
  const configured = (options.pickupMethods ?? []).map((method) => method.trim().toLowerCase());
  const flag = pick(order, PICKUP_FLAG_KEYS);
  const pickup =
    flag === true ||
    flag === 1 ||
    (typeof flag === 'string' && /^(1|true|yes|si|sì)$/i.test(flag)) ||
    (name !== null && (PICKUP.test(name) || configured.includes(name.toLowerCase()))) ||
    (shippingId !== null && configured.includes(shippingId.toLowerCase()));
  return { type: pickup ? 'pickup' : 'delivery', costCents };
}

function personName(source: unknown): string | null {
  const full = pickText(source, FULL_NAME_KEYS);
  if (full !== null) return full;
  const first = pickText(source, FIRST_NAME_KEYS);
  const last = pickText(source, LAST_NAME_KEYS);
  // `name` may already be the full name ("Giulia Rossi" + surname "Rossi").
  if (first !== null && last !== null && first.toLowerCase().endsWith(last.toLowerCase())) return first;
  if (first !== null || last !== null) return [first, last].filter(Boolean).join(' ');
  return pickText(source, COMPANY_KEYS);
}

function addressOf(source: unknown): string | null {
  const nested = pick(source, ['address', 'indirizzo']);
  if (isRecord(nested)) return addressOf(nested);
  const street = pickText(source, STREET_KEYS);
  const city = pickText(source, CITY_KEYS);
  if (street === null && city === null) return null;
  const number = pickText(source, HOUSE_NUMBER_KEYS);
  const extra = pickText(source, ADDRESS_EXTRA_KEYS);
  const zip = pickText(source, ZIP_KEYS);
  const province = pickText(source, PROVINCE_KEYS);
  const line1 = [street, number].filter(Boolean).join(' ');
  const place = [zip, city].filter(Boolean).join(' ') + (province !== null ? ` (${province})` : '');
  return [line1, extra, place.trim()].filter((part) => part !== null && part !== '').join(', ');
}

/** Shipping data first (the delivery address), then billing data, then a customer object. */
function readCustomer(order: Json, type: ShopOrderInput['type']): ShopOrderInput['customer'] {
  const shippingNode = pick(order, ['shipping', 'spedizione']);
  const sources = [
    pick(order, SHIPPING_DATA_KEYS) ??
      (isRecord(shippingNode) && pick(shippingNode, STREET_KEYS) !== undefined ? shippingNode : undefined),
    pick(order, BILLING_DATA_KEYS),
    pick(order, CUSTOMER_KEYS),
  ].filter(isRecord);
  const name = sources.map(personName).find((value) => value !== null) ?? pickText(order, FULL_NAME_KEYS);
  const phone =
    sources.map((source) => pickText(source, PHONE_KEYS)).find((value) => value !== null) ??
    pickText(order, PHONE_KEYS);
  // A pickup order's address is the customer's billing address, not somewhere to go: left out.
  const address = type === 'pickup' ? null : (sources.map(addressOf).find((value) => value !== null) ?? null);
  const customer: NonNullable<ShopOrderInput['customer']> = {};
  if (name) customer.name = clip(name, 200);
  if (phone) customer.phone = clip(phone, 50);
  if (address) customer.address = clip(address, 500);
  return Object.keys(customer).length > 0 ? customer : undefined;
}

function readCurrency(order: Json): string {
  const node = pick(order, CURRENCY_KEYS);
  const value = isRecord(node) ? pickText(node, ['code', 'iso', 'name']) : text(node);
  if (value === null) return 'EUR';
  const symbols: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', 'fr.': 'CHF' };
  const known = symbols[value.toLowerCase()];
  if (known) return known;
  return /^[a-z]{3}$/i.test(value) ? value.toUpperCase() : 'EUR';
}

function readDiscountCents(order: unknown): number {
  const direct = moneyField(order, DISCOUNT_KEYS);
  if (direct !== null) return Math.abs(direct);
  const coupons = pick(order, COUPON_KEYS);
  const list = Array.isArray(coupons) ? coupons : [coupons];
  let total = 0;
  for (const coupon of list) {
    // A percentage coupon's `value` is a rate, not money: only explicit amounts count.
    if (isRecord(coupon) && /percent|percentuale|%/i.test(pickText(coupon, ['type', 'tipo', 'kind']) ?? '')) {
      total += Math.abs(parseCents(pick(coupon, ['discount', 'amount', 'sconto', 'importo'])) ?? 0);
    } else if (isRecord(coupon)) {
      total += Math.abs(parseCents(pick(coupon, COUPON_AMOUNT_KEYS)) ?? 0);
    }
  }
  return total;
}

/** Requested delivery/pickup time: ISO with an offset goes to requestedAt; anything else to the notes. */
function readRequested(order: Json): { requestedAt?: string; note: string | null } {
  const raw = pick(order, REQUESTED_KEYS);
  if (raw === undefined) return { note: null };
  if (typeof raw === 'number' || /^\d{9,13}$/.test(text(raw) ?? '')) {
    const ms = parseShopTime(raw);
    if (ms !== null) return { requestedAt: new Date(ms).toISOString(), note: null };
  }
  const value = text(raw);
  // The intake refuses an ISO-looking date that is not a real one (2026-13-45…): such text is a note.
  if (value !== null && ISO_WITH_OFFSET.test(value) && !Number.isNaN(Date.parse(value))) {
    return { requestedAt: value, note: null };
  }
  // Zone-less ("19:30", "2026-11-29 19:30"): we do not know the shop's zone, so it is printed as given.
  const parts = REQUESTED_KEYS.map((key) => pickText(order, [key])).filter(
    (part): part is string => part !== null,
  );
  return { note: `Requested time: ${[...new Set(parts)].join(' ')}` };
}

/** Sum of the lines in cents, with or without their options' prices. */
function linesCents(items: Item[], withOptions: boolean): number {
  return items.reduce((sum, item) => {
    const options = withOptions
      ? (item.options ?? []).reduce((acc, o) => acc + (parseCents(o.price) ?? 0), 0)
      : 0;
    return sum + ((parseCents(item.unitPrice) ?? 0) + options) * item.quantity;
  }, 0);
}

function includedOption(option: Option): Option {
  return option.price === '0.00'
    ? option
    : { name: clip(`${option.name} (+${option.price})`, 200), price: '0.00' };
}

/**
 * One Framework360 order → our intake body. Throws MappingError naming the field when there is
 * no usable id or no cart line; everything else is optional and left out when absent.
 */
export function mapOrder(order: Json, options: MappingOptions = {}): MappedOrder {
  const shopOrderId = orderIdOf(order);
  if (shopOrderId === null) {
    throw new MappingError('id', 'is missing or not printable ASCII of at most 64 characters');
  }
  const lines = itemList(order);
  if (lines === null)
    throw new MappingError('items', 'are missing (looked for cart, items, products, carrello)');
  const items: Item[] = [];
  let lineDiscount = 0;
  lines.forEach((line, index) => {
    const mapped = mapLine(line, index);
    if (mapped.item) items.push(mapped.item);
    lineDiscount += mapped.discountCents;
  });
  if (items.length === 0) throw new MappingError('items', 'has no line with a positive quantity');

  const { type, costCents: methodShipping } = readType(order, options);
  const payment = readPayment(order, options);
  const totals = pick(order, TOTALS_KEYS);
  const shipping =
    moneyField(order, SHIPPING_COST_KEYS) ?? moneyField(totals, SHIPPING_COST_KEYS) ?? methodShipping;
  const feeAmountKeys = ['amount', 'importo', 'cost', 'costo', 'price', 'prezzo', 'value'];
  const fee =
    moneyField(order, FEE_KEYS, feeAmountKeys) ??
    moneyField(totals, FEE_KEYS, feeAmountKeys) ??
    payment.feeCents;
  const discount = (readDiscountCents(order) || readDiscountCents(totals)) + lineDiscount;
  const given = parseCents(pick(order, TOTAL_KEYS)) ?? parseCents(pick(totals, TOTAL_KEYS));
  const extras = Math.abs(shipping ?? 0) + Math.abs(fee ?? 0) - discount;
  const withOptions = linesCents(items, true) + extras;
  // Whether a line's price already includes its variants' surcharges is not documented. If the
  // shop's total only adds up without them, they are included: printed in the option's name, at 0.
  if (
    given !== null &&
    withOptions !== Math.abs(given) &&
    linesCents(items, false) + extras === Math.abs(given)
  ) {
    for (const item of items) item.options = item.options?.map(includedOption);
  }
  // No total in the payload: ours is computed from the lines (the shop's own total is preferred).
  const computed = linesCents(items, true) + extras;
  const total = given !== null ? Math.abs(given) : Math.max(0, computed);

  const requested = readRequested(order);
  const notes = [
    pickText(order, NOTE_KEYS) ?? pickText(pick(order, SHIPPING_DATA_KEYS), NOTE_KEYS),
    requested.note,
    items.length > 200 ? `${items.length - 199} more lines are in the shop` : null,
  ].filter((note): note is string => note !== null);

  const result: ShopOrderInput = {
    type,
    items: items.length > 200 ? items.slice(0, 199) : items,
    total: formatCents(total),
    currency: readCurrency(order),
  };
  if (shipping !== null && shipping !== 0) result.deliveryFee = formatCents(shipping);
  if (fee !== null && fee !== 0) result.fee = formatCents(fee);
  if (discount !== 0) result.discount = formatCents(discount);
  if (payment.method !== undefined) result.paymentMethod = payment.method;
  const paid = readPaid(order);
  if (paid !== undefined) result.paid = paid;
  const customer = readCustomer(order, type);
  if (customer) result.customer = customer;
  if (requested.requestedAt !== undefined) result.requestedAt = requested.requestedAt;
  if (notes.length > 0) result.notes = clip(notes.join('\n'), 1000);
  return { shopOrderId, order: result };
}
