/**
 * WooCommerce hands out product names and meta values as WordPress renders them, so they carry
 * HTML entities (`Pizza &ndash; Grande`, `Caff&egrave;`). The printer needs plain text; this is
 * the small subset of HTML's entity table that shop text actually uses, plus every numeric form.
 */
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  euro: '\u20ac',
  pound: '\u00a3',
  cent: '\u00a2',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  deg: '\u00b0',
  middot: '\u00b7',
  bull: '\u2022',
  times: '\u00d7',
  frac12: '\u00bd',
  frac14: '\u00bc',
  frac34: '\u00be',
  rsquo: '\u2019',
  lsquo: '\u2018',
  rdquo: '\u201d',
  ldquo: '\u201c',
  laquo: '\u00ab',
  raquo: '\u00bb',
  sbquo: '\u201a',
  bdquo: '\u201e',
  iexcl: '\u00a1',
  iquest: '\u00bf',
  ordf: '\u00aa',
  ordm: '\u00ba',
  szlig: '\u00df',
};

/** Latin-1 letters with a mark: `&Egrave;` → È … generated from the mark name and the base letter. */
const ACCENTED: ReadonlyArray<[mark: string, combining: string, letters: string]> = [
  ['grave', '\u0300', 'AEIOUaeiou'],
  ['acute', '\u0301', 'AEIOUYaeiouy'],
  ['circ', '\u0302', 'AEIOUaeiou'],
  ['tilde', '\u0303', 'ANOano'],
  ['uml', '\u0308', 'AEIOUaeiouy'],
  ['ring', '\u030a', 'Aa'],
  ['cedil', '\u0327', 'Cc'],
];

const TABLE: ReadonlyMap<string, string> = (() => {
  const table = new Map(Object.entries(NAMED));
  for (const [mark, combining, letters] of ACCENTED) {
    for (const letter of letters) table.set(`${letter}${mark}`, `${letter}${combining}`.normalize('NFC'));
  }
  for (const [name, char] of [
    ['AElig', '\u00c6'],
    ['aelig', '\u00e6'],
    ['Oslash', '\u00d8'],
    ['oslash', '\u00f8'],
    ['ETH', '\u00d0'],
    ['eth', '\u00f0'],
    ['THORN', '\u00de'],
    ['thorn', '\u00fe'],
  ] as const) {
    table.set(name, char);
  }
  return table;
})();

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

function fromCodePoint(codePoint: number, original: string): string {
  // Surrogates, NUL and values past Unicode stay as written rather than becoming garbage.
  const valid = codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
  return valid ? String.fromCodePoint(codePoint) : original;
}

/** Decodes named and numeric (`&#8211;`, `&#x20AC;`) entities; unknown ones are left as they are. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (match, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined) return fromCodePoint(Number.parseInt(decimal, 10), match);
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16), match);
    return TABLE.get(name ?? '') ?? match;
  });
}

const BLOCK_TAG = /<\/?(?:p|br|div|li|ul|ol|dl|dt|dd|tr|td|th|h[1-6])\b[^>]*>/gi;
const ANY_TAG = /<[^>]*>/g;

/**
 * Shop text to one printable line: tags removed (add-on plugins put price markup into meta
 * values; block tags separate words, inline ones do not), entities decoded, runs of whitespace
 * (including no-break spaces) made one space. Tags go first so a decoded `&lt;b&gt;` stays text.
 */
export function plainText(html: string): string {
  return decodeHtmlEntities(html.replace(BLOCK_TAG, ' ').replace(ANY_TAG, '')).replace(/\s+/g, ' ').trim();
}
