// Character classes shared by the sanitiser and the receipt renderer. Matching control
// characters is the whole point here, hence the lint exceptions.

/** CRLF, CR, LF and the Unicode line/paragraph separators (NEL, LS, PS). */
export const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/;

/** C0 except TAB (callers turn TAB into a space first), DEL and C1. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g;

/** Any C0, DEL or C1 character, TAB included. */
// eslint-disable-next-line no-control-regex
export const HAS_CONTROL_CHAR = /[\u0000-\u001F\u007F-\u009F]/;

/** A surrogate half without its partner: not encodable as UTF-8. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const HAS_LONE_SURROGATE = new RegExp(LONE_SURROGATE.source);
