// Public types of the GoodCom wire-format library. Money is always integer minor units on the way
// in (no floating point), and raw wire text on the way out of the decoder (the printer prints text).

export type OrderType = 'delivery' | 'collection' | 'reservation';

/** How user text is made printable: keep UTF-8 (look-alike glyphs for reserved characters) or
 *  transliterate to 7-bit ASCII for printers without a Unicode font. */
export type TextPolicy = 'utf8' | 'ascii';

export interface EncodeItemOption {
  name: string;
  /** Minor units, per unit of the parent item. The wire line shows quantity × price. */
  price: number;
}

export interface EncodeItem {
  quantity: number;
  name: string;
  /** Minor units, per unit. The wire line shows quantity × unitPrice (a line total). */
  unitPrice: number;
  options?: EncodeItemOption[];
  note?: string | null;
}

export interface EncodeCustomer {
  name?: string | null;
  address?: string | null;
  phone?: string | null;
  verified?: boolean | null;
  previousOrders?: number | null;
}

export interface EncodeOrderInput {
  /** Segment 2; echoed back by the printer as `o=` in the callback. */
  orderId: string;
  /** Segment 0; the printer's RES ID (`a=`). */
  resId: string;
  type: OrderType;
  items: EncodeItem[];
  /** Minor units. */
  deliveryCharge?: number | null;
  /** Card / handling fee, minor units. */
  fee?: number | null;
  /** Minor units, positive number meaning money taken off. */
  discount?: number | null;
  /** Minor units; the shop's total, printed as given. */
  total: number;
  customer?: EncodeCustomer | null;
  paid: boolean;
  /** Free text payment label, e.g. "cod", "Contanti alla consegna". */
  paymentLabel?: string | null;
  /** Requested delivery/collection time; printed as `HH:MM DD-MM-YY` in `EncodeOptions.timeZone`. */
  requestedAt?: Date | null;
  comments?: string | null;
}

export interface EncodeOptions {
  /** In-field newline token configured on the printer (INI NewLineText). Default `%%`. */
  newline?: string;
  /** Default `utf8`. */
  textPolicy?: TextPolicy;
  /** Prepended to every amount, e.g. `€` or `EUR `. Default none. Sanitised like user text. */
  currencyPrefix?: string;
  /** Encoded length guard in UTF-8 bytes; exceeding it throws `OrderTooLongError`. Default 16384. */
  maxLength?: number;
  /** IANA zone (`Europe/Rome`) or fixed offset (`+02:00`, `Z`) for `requestedAt`. Default `UTC`. */
  timeZone?: string;
  /** Digits after the decimal point for amounts. Default 2. */
  minorDigits?: number;
}

/** Options of `formatAmount`. */
export interface FormatAmountOptions {
  /** Digits after the decimal point. Default 2. */
  minorDigits?: number;
  /** Put before the number (after a minus sign). Used as given: `encodeOrder` sanitises it first. */
  currencyPrefix?: string;
}

/** Options of `sanitizeText`. */
export interface SanitizeOptions {
  /** Default `utf8`. */
  textPolicy?: TextPolicy;
  /** In-field newline token that replaces CR/LF. Default `%%`. */
  newline?: string;
}

/** Options of `printCommand` / `displayCommand` (HttpC commands, protocol doc §2.6). */
export interface CommandOptions extends SanitizeOptions {
  /** Prefix the text with `\3` (large font), as GC-API does for both print and display. */
  bigFont?: boolean;
}

/** `ProtocolError.code` values. */
export type ProtocolErrorCode =
  | 'invalid_res_id'
  | 'invalid_order_id'
  | 'invalid_amount'
  | 'invalid_quantity'
  | 'invalid_count'
  | 'invalid_date'
  | 'invalid_time_zone'
  | 'invalid_option'
  | 'invalid_newline'
  | 'order_too_long'
  | 'not_an_order';

export type WireFormat = 'classic' | 'legacy-comma' | 'free-text';

export interface DecodedLine {
  /** `item`: `qty;name;amount;`. `option`: a line with an empty middle field (`text;;amount;`). */
  kind: 'item' | 'option';
  /** Item quantity; null for option lines or an unparseable quantity. */
  quantity: number | null;
  /** The first field exactly as on the wire (the quantity text of an item, the text of an option).
   *  Kept so a best-effort receipt can still show free-text content (TV6). */
  rawQuantity?: string;
  /** Item name, or the option/comment text. */
  text: string;
  /** The amount exactly as on the wire (may be empty, may carry a currency prefix). */
  amount: string;
}

export interface DecodedOrder {
  format: WireFormat;
  resId: string;
  /** The raw order type code (`1`, `2`, `3`, `0`, empty...). */
  orderTypeCode: string;
  /** Mapped from the code; null for undocumented codes. */
  orderType: OrderType | null;
  orderId: string;
  lines: DecodedLine[];
  deliveryCharge: string;
  cardFee: string;
  total: string;
  /** 4 = verified, 5 = not verified; null when absent or not a number. */
  customerType: number | null;
  customerName: string;
  customerAddress: string;
  requestedFor: string;
  previousOrders: string;
  /** 6 = paid, 7 = not paid; null when absent or not a number. */
  paymentStatus: number | null;
  paymentCard: string;
  customerPhone: string;
  comments: string;
  /** Non-fatal observations ("segment count 5, expected 7", ...). Never thrown. */
  warnings: string[];
}

export type CallbackOutcome = 'accepted' | 'rejected';

export interface PrinterCallback {
  outcome: CallbackOutcome;
  orderId: string;
  resId: string | null;
  /** `m` (or legacy `reason`/`RejectReason`), decoded: `+` and `_` become spaces. */
  message: string | null;
  /** `dt` (or legacy `deliverytime`) as sent, `_` turned into spaces (`20 Minutes`). */
  time: string | null;
  /** `dd` (`YYMMDD`) as ISO `YYYY-MM-DD`, when present and valid. */
  date: string | null;
  user: string | null;
  password: string | null;
  battery: string | null;
  /** `cur`: sent by newer firmware, meaning unknown; kept verbatim. */
  cur: string | null;
  /** The raw `ak`/`status` value as sent. */
  answer: string;
}

export type CallbackErrorCode = 'missing_order_id' | 'missing_answer' | 'unknown_answer';

export interface CallbackError {
  code: CallbackErrorCode;
  message: string;
}

export type CallbackParseResult = { ok: true; value: PrinterCallback } | { ok: false; error: CallbackError };

/** What `parseCallback` / `parsePollParams` read: a raw query string or form body (with or without
 *  a leading `?`, not necessarily percent-encoded), `URLSearchParams`, or an already parsed object
 *  such as Express `req.query` / `req.body`. */
export type CallbackInput = string | URLSearchParams | Record<string, unknown>;

/** What a printer sends on its poll (`a`, `u`, `p`; legacy `restid`, `password`). */
export interface PollParams {
  resId: string | null;
  user: string | null;
  password: string | null;
}

export interface RangeAnswer {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  body: Buffer;
}

export interface ReceiptOptions {
  /** Columns; 32 for 58 mm paper at normal size, 42-48 for 80 mm. Default 32. */
  width?: number;
  /** The newline token to expand inside fields. Default `%%`. */
  newline?: string;
}
