import { type RangeAnswer } from './types';

type Span = { start: number; end: number } | 'unsatisfiable' | null;

/**
 * Answer a poll response body under an optional `Range` header the way GoodCom's sample server
 * does (doc §1): 200 when the whole body fits in the range, 206 with a slice otherwise, 416 when
 * the range starts past the end. Anything unparseable is ignored (RFC 7233 §3.1) → 200.
 */
export function answerRange(body: Buffer | string, rangeHeader: string | undefined | null): RangeAnswer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const total = bytes.length;
  // An empty body has nothing to slice; "no order" must stay a plain 200 (doc §1).
  const span = total === 0 ? null : parseRange(rangeHeader, total);
  if (span === 'unsatisfiable') {
    return {
      status: 416,
      headers: { 'Content-Length': '0', 'Content-Range': `bytes */${total}` },
      body: Buffer.alloc(0),
    };
  }
  if (span === null || (span.start === 0 && span.end === total - 1)) {
    return { status: 200, headers: { 'Content-Length': String(total) }, body: bytes };
  }
  const slice = bytes.subarray(span.start, span.end + 1);
  return {
    status: 206,
    headers: {
      'Content-Length': String(slice.length),
      'Content-Range': `bytes ${span.start}-${span.end}/${total}`,
    },
    body: slice,
  };
}

/** One byte range clamped to the body, `unsatisfiable`, or null for "ignore the header". */
function parseRange(header: string | undefined | null, total: number): Span {
  if (typeof header !== 'string') return null;
  // Several ranges would need multipart/byteranges, which no printer asks for: serve it all.
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, total - suffix), end: total - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null;
  if (start >= total) return 'unsatisfiable';
  return { start, end: last === '' ? total - 1 : Math.min(Number(last), total - 1) };
}
