// Public surface of @goodcom/protocol. Pure functions: no I/O, no framework, no runtime dependencies.
export * from './types';
export { encodeOrder, formatAmount, formatRequestedFor } from './encode';
export { sanitizeText } from './sanitize';
export { decodeOrder } from './decode';
export { parseCallback, parsePollParams } from './callback';
export { answerRange } from './range';
export { printCommand, displayCommand } from './commands';
export { renderReceipt } from './receipt';
export { ProtocolError, OrderTooLongError } from './errors';
