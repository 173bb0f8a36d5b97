// Public API of the GoodCom printer emulator: single printers, fleets, and their summaries.
export {
  Printer,
  createPrinter,
  emptyStats,
  RANGE_CHUNK_BYTES,
  type PrinterOptions,
  type PrinterStats,
  type PrintedOrder,
} from './printer';
export {
  runFleet,
  summarize,
  summarizePrinter,
  formatSummary,
  percentile,
  type FleetOptions,
  type FleetSummary,
  type PrinterSummary,
  type StopReason,
} from './fleet';
export {
  DEFAULT_REJECT_REASONS,
  type Answer,
  type Policy,
  type PolicyFunction,
  type PolicyName,
  type SentAnswer,
} from './policy';
export { main, HELP } from './cli';
