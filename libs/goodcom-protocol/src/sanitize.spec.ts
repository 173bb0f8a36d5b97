import fc from 'fast-check';
import { ProtocolError, sanitizeText } from './index';
import { anyText, hasControlChar, newlineTokens } from '../test/arbitraries';

describe('sanitizeText utf8', () => {
  it.each([
    ['#', '\uFE5F'],
    ['*', '\uFE61'],
    [';', '\uFE54'],
    ['\\', '\uFE68'],
    ['/', '\uFF0F'],
    [',', ','],
    ['%', '%'],
    ['Perché? Sì!', 'Perché? Sì!'],
  ])('%s → %s', (input, output) => {
    expect(sanitizeText(input)).toBe(output);
  });

  it('turns CRLF, CR, LF, NEL, LS and PS into the newline token', () => {
    expect(sanitizeText('a\r\nb\rc\nd\u0085e\u2028f\u2029g')).toBe('a%%b%%c%%d%%e%%f%%g');
    expect(sanitizeText('a\r\n\r\nb', { newline: '\\r' })).toBe('a\\r\\rb');
  });

  it('drops control characters and DEL, keeps TAB as a space', () => {
    expect(sanitizeText('a\u0000b\u001bc\u007fd\u009be\tf')).toBe('abcde f');
  });

  it('keeps a literal newline token typed by the user (it prints as a line break)', () => {
    expect(sanitizeText('50%% off')).toBe('50%% off');
  });

  it('adds a space when a line ends in part of the token, so the break stays in place', () => {
    expect(sanitizeText('100%\nnext')).toBe('100% %%next');
    expect(sanitizeText('100\nnext')).toBe('100%%next');
  });

  it('replaces lone surrogates with U+FFFD', () => {
    expect(sanitizeText('a\uD800b\uDC00')).toBe('a\uFFFDb\uFFFD');
  });
});

describe('sanitizeText ascii', () => {
  const ascii = (text: string): string => sanitizeText(text, { textPolicy: 'ascii' });

  it.each([
    ['àèéìòù ÀÉ', 'aeeiou AE'],
    ['ñÑçÇ', 'nNcC'],
    ['Straße', 'Strasse'],
    ['æÆøØœ', 'aeAEoOoe'],
    ['€5 £3', 'EUR5 GBP3'],
    ['“quoted” „low”', '"quoted" "low"'],
    ['‘single’', "'single'"],
    ['a–b—c', 'a-b-c'],
    ['wait…', 'wait...'],
    ['no\u00A0break', 'no break'],
    ['2º piso, 1ª', '2o piso, 1a'],
    ['ＡＢＣ１', 'ABC1'],
    ['café 🍕', 'cafe ?'],
    ['日本', '??'],
    ['#*;\\/', 'No.x,--'],
    // A compatibility form of a reserved character must not come back as the real thing.
    ['＃﹡﹔／', 'No.x,-'],
    ['zero\u200Bwidth', 'zerowidth'],
  ])('%s → %s', (input, output) => {
    expect(ascii(input)).toBe(output);
  });
});

describe('sanitizeText newline token validation', () => {
  it.each(['', '#', 'a;', '*', '\n', '\r\n', '\u0000', 'x'.repeat(17)])('rejects %p', (token) => {
    expect(() => sanitizeText('a', { newline: token })).toThrow(ProtocolError);
  });

  it('rejects a non-ASCII token in ascii mode only', () => {
    expect(() => sanitizeText('a', { newline: '¶', textPolicy: 'ascii' })).toThrow(ProtocolError);
    expect(sanitizeText('a\nb', { newline: '¶' })).toBe('a¶b');
  });
});

describe('sanitizeText properties', () => {
  it('never leaves a reserved or control character, whatever the input', () => {
    fc.assert(
      fc.property(
        anyText,
        fc.constantFrom('utf8' as const, 'ascii' as const),
        newlineTokens,
        (text, textPolicy, newline) => {
          const out = sanitizeText(text, { textPolicy, newline });
          // Tokens such as `\r` or `/r` may carry `\` or `/` themselves; the text around them may not.
          const around = out.split(newline).join('');
          expect(around).not.toMatch(/[#*;\\/]/);
          expect(hasControlChar(around)).toBe(false);
          expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
          if (textPolicy === 'ascii') expect(out).toMatch(/^[\x20-\x7e]*$/);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
