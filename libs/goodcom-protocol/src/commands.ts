import { sanitizeText } from './sanitize';
import { type CommandOptions } from './types';

// HttpC commands share the poll-response channel with orders (doc §2.6, GC-API).
const BIG_FONT = '\\3';
const CRLF = '\r\n';

/** `#!*P*<text>\r\n`: the printer prints the text (e.g. "Order cancelled"). */
export function printCommand(text: string, options: CommandOptions = {}): string {
  return command('P', text, options);
}

/** `#!*D*<text>\r\n`: the printer shows the text on its LCD. */
export function displayCommand(text: string, options: CommandOptions = {}): string {
  return command('D', text, options);
}

function command(kind: 'P' | 'D', text: string, options: CommandOptions): string {
  const body = sanitizeText(text, { textPolicy: options.textPolicy, newline: options.newline });
  return `#!*${kind}*${options.bigFont ? BIG_FONT : ''}${body}${CRLF}`;
}
