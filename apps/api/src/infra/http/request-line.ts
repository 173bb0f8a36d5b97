const METHOD = /^[A-Z]{3,10}$/;
const VERSION = /^HTTP\/\d\.\d$/;

/**
 * Makes a request line Node's strict HTTP parser accepts, for GoodCom firmware that sends
 * `GET /cb?…&m=TOO BUSY&dt=21:05 HTTP/1.1` (raw spaces) or an absolute-form target
 * (`GET http://host/path?… HTTP/1.1`). Returns null when the line needs no repair or is not
 * an HTTP request line at all (then the parser answers it as usual).
 */
export function repairRequestLine(line: string): string | null {
  const parts = line.split(' ');
  if (parts.length < 3) return null;
  const method = parts[0]!;
  const version = parts[parts.length - 1]!;
  if (!METHOD.test(method) || !VERSION.test(version)) return null;
  let target = parts.slice(1, -1).join(' ');
  const absolute = /^https?:\/\/[^/?#]*/i.exec(target);
  if (absolute) target = target.slice(absolute[0].length) || '/';
  // Percent-encode what a request target may not contain; `%` itself is left for the app to decode.
  // The line was read as latin1, so every character is one byte; control characters are encoded too.
  const encoded = target.replace(
    // eslint-disable-next-line no-control-regex -- encoding control characters is the point
    /[\s"<>\\^`{|}\x00-\x1f\x7f]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return parts.length === 3 && !absolute && encoded === target ? null : `${method} ${encoded} ${version}`;
}
