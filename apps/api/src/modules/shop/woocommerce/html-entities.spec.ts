import { decodeHtmlEntities, plainText } from './html-entities';

describe('decodeHtmlEntities', () => {
  it.each([
    { input: 'Pizza Quattro Stagioni &ndash; Grande', expected: 'Pizza Quattro Stagioni – Grande' },
    { input: 'Caff&egrave;', expected: 'Caffè' },
    { input: 'Fish &amp; Chips &lt;3 &gt; &quot;all&quot;', expected: 'Fish & Chips <3 > "all"' },
    { input: 'L&#39;Osteria, l&apos;arte', expected: "L'Osteria, l'arte" },
    { input: 'A&mdash;B&hellip; 5&euro;', expected: 'A—B… 5€' },
    { input: 'all&rsquo;amatriciana &lsquo;x&rsquo; &ldquo;y&rdquo;', expected: 'all’amatriciana ‘x’ “y”' },
    { input: 'a&nbsp;b', expected: 'a\u00a0b' },
    { input: '&agrave;&egrave;&eacute;&igrave;&ograve;&ugrave;', expected: 'àèéìòù' },
    { input: '&Agrave;&Egrave;&Eacute;&Ograve;&Ugrave;', expected: 'ÀÈÉÒÙ' },
    { input: 'Jos&eacute; N&uacute;&ntilde;ez', expected: 'José Núñez' },
    { input: '&ccedil;&Ccedil;&auml;&ouml;&uuml;&szlig;&acirc;&ecirc;&aring;', expected: 'çÇäöüßâêå' },
    { input: '&iquest;Qu&eacute;? &iexcl;S&iacute;! 3&deg; &times;2', expected: '¿Qué? ¡Sí! 3° ×2' },
    { input: 'x&#8211;y &#8364; &#x20AC; &#x20ac; &#233;', expected: 'x–y € € € é' },
    { input: 'pizza &#x1F355;', expected: 'pizza 🍕' },
  ])('decodes $input', ({ input, expected }) => {
    expect(decodeHtmlEntities(input)).toBe(expected);
  });

  it('leaves unknown, malformed and out-of-range entities as written', () => {
    expect(decodeHtmlEntities('&bogus; &amp &#; &#xZZ; &#0; &#xD800; &#x110000; AT&T')).toBe(
      '&bogus; &amp &#; &#xZZ; &#0; &#xD800; &#x110000; AT&T',
    );
  });

  it('decodes once: an escaped entity stays an entity', () => {
    expect(decodeHtmlEntities('&amp;ndash; &amp;amp;')).toBe('&ndash; &amp;');
  });

  it('returns text without entities unchanged', () => {
    expect(decodeHtmlEntities('Tiramisù già pronto')).toBe('Tiramisù già pronto');
  });
});

describe('plainText', () => {
  it('strips markup before decoding, so encoded brackets survive as text', () => {
    expect(plainText('<p>Mozzarella <strong>di bufala</strong></p>')).toBe('Mozzarella di bufala');
    expect(plainText('<p>Bufala</p><p>Basilico</p>Olio<br/>Sale')).toBe('Bufala Basilico Olio Sale');
    expect(plainText('2 &lt;b&gt;extra&lt;/b&gt;')).toBe('2 <b>extra</b>');
  });

  it('collapses whitespace and no-break spaces into single spaces', () => {
    expect(plainText('  Pizza\n\t&nbsp;Margherita\u00a0 ')).toBe('Pizza Margherita');
  });

  it('reads price markup from add-on plugins as text', () => {
    expect(
      plainText(
        'Extra (+<span class="woocommerce-Price-amount amount"><bdi>2,00&nbsp;<span class="woocommerce-Price-currencySymbol">&euro;</span></bdi></span>)',
      ),
    ).toBe('Extra (+2,00 €)');
  });
});
