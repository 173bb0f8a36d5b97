// Byte length without Buffer/TextEncoder so the encoder also runs in the dashboard bundle.
// A lone surrogate counts 3 bytes: it is sent as U+FFFD.
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
