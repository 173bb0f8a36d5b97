import { CONTROL_CHARS, HAS_CONTROL_CHAR, HAS_LONE_SURROGATE, LINE_BREAK, LONE_SURROGATE } from './chars';
import { ProtocolError } from './errors';
import { type SanitizeOptions, type TextPolicy } from './types';

export const DEFAULT_NEWLINE = '%%';

// The vendor's own choice (GC-API): look-alike glyphs that no firmware treats as structure.
const UTF8_RESERVED: Readonly<Record<string, string>> = {
  '#': '\uFE5F',
  '*': '\uFE61',
  ';': '\uFE54',
  '\\': '\uFE68',
  '/': '\uFF0F',
};

const ASCII_RESERVED: Readonly<Record<string, string>> = {
  '#': 'No.',
  '*': 'x',
  ';': ',',
  '\\': '-',
  '/': '-',
};

// What NFKD + mark stripping cannot reach. Applied before the reserved-character pass, so a
// compatibility form of a reserved character (`＃`, `﹡`) still ends up neutralised.
const TRANSLITERATION: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  ł: 'l',
  Ł: 'L',
  þ: 'th',
  Þ: 'TH',
  ı: 'i',
  '€': 'EUR',
  '£': 'GBP',
  '₦': 'NGN',
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '«': '"',
  '»': '"',
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '‹': "'",
  '›': "'",
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '•': '-',
  '…': '...',
  '\u00A0': ' ',
  '×': 'x',
  '°': 'o',
};
const TRANSLITERATION_KEYS = new RegExp(`[${Object.keys(TRANSLITERATION).join('')}]`, 'g');

/**
 * Make user text safe inside one field of an order string: reserved characters replaced, line
 * breaks turned into the printer's newline token, control characters removed.
 */
export function sanitizeText(text: string, options: SanitizeOptions = {}): string {
  const textPolicy = options.textPolicy ?? 'utf8';
  const newline = options.newline ?? DEFAULT_NEWLINE;
  validateNewline(newline, textPolicy);
  const pieces = String(text)
    .split(LINE_BREAK) // raw line breaks cannot reach the printer (EHAB strips them)
    .map((piece) => (textPolicy === 'ascii' ? asciiPiece(piece) : utf8Piece(piece)));
  return joinWithToken(pieces, newline);
}

/** Throws unless `token` can sit inside a field without breaking the frame. */
export function validateNewline(token: string, textPolicy: TextPolicy = 'utf8'): void {
  const problem =
    typeof token !== 'string' || token.length === 0
      ? 'must not be empty'
      : token.length > 16
        ? 'must be at most 16 characters'
        : /[#*;]/.test(token)
          ? "must not contain '#', '*' or ';'"
          : HAS_CONTROL_CHAR.test(token) || LINE_BREAK.test(token) || HAS_LONE_SURROGATE.test(token)
            ? 'must not contain control characters or line breaks'
            : textPolicy === 'ascii' && /[^\u0020-\u007E]/.test(token)
              ? 'must be printable ASCII with the ascii text policy'
              : null;
  if (problem !== null) {
    throw new ProtocolError('invalid_newline', `Newline token ${JSON.stringify(token)} ${problem}`);
  }
}

function utf8Piece(piece: string): string {
  return piece
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/\t/g, ' ')
    .replace(CONTROL_CHARS, '')
    .replace(/[#*;\\/]/g, (c) => UTF8_RESERVED[c] ?? '');
}

function asciiPiece(piece: string): string {
  return piece
    .replace(LONE_SURROGATE, '?')
    .replace(/\t/g, ' ')
    .replace(CONTROL_CHARS, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(TRANSLITERATION_KEYS, (c) => TRANSLITERATION[c] ?? '')
    .replace(/\p{Zs}/gu, ' ')
    .replace(/\p{Cf}/gu, '')
    .replace(/[^\x20-\x7E]/gu, '?')
    .replace(/[#*;\\/]/g, (c) => ASCII_RESERVED[c] ?? '');
}

// A piece ending in part of the token ("100%" + "%%") would let the printer find the token one
// character early and move that character to the next line; a space keeps the break in place.
function joinWithToken(pieces: string[], token: string): string {
  return pieces
    .map((piece, i) => {
      if (i === pieces.length - 1) return piece;
      const start = Math.max(0, piece.length - token.length + 1);
      return (piece + token).indexOf(token, start) < piece.length ? `${piece} ${token}` : piece + token;
    })
    .join('');
}
