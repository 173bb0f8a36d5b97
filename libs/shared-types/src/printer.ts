export type TextPolicy = 'utf8' | 'ascii';
export const TEXT_POLICIES: readonly TextPolicy[] = ['utf8', 'ascii'];

/** What a technician types into the printer. */
export interface PrinterDevice {
  resId: string;
  username: string;
  password: string;
  pollIntervalSeconds: number;
}

export interface PrinterSettings {
  textPolicy: TextPolicy;
  newlineToken: string;
  currencyPrefix: string;
  /** Null: the restaurant's zone is used. */
  timeZone: string | null;
  pollIntervalSeconds: number;
  unansweredLimitSeconds: number;
}

export interface PrinterView {
  id: string;
  tenantId: string;
  name: string;
  /** Order receiving URL; null only for a deleted printer. */
  pollUrl: string | null;
  callbackUrl: string | null;
  device: PrinterDevice;
  settings: PrinterSettings;
  isDefault: boolean;
  /** Polled within three of its intervals. */
  online: boolean;
  /** Set by the queue-health job when orders wait and the printer stopped polling. */
  offlineSince: string | null;
  lastPollAt: string | null;
  lastCallbackAt: string | null;
  servingOrderId: string | null;
  /** Orders queued or being printed. */
  queueDepth: number;
  createdAt: string | null;
}

export interface UpdatePrinterRequest {
  name?: string;
  textPolicy?: TextPolicy;
  newlineToken?: string;
  currencyPrefix?: string;
  timeZone?: string | null;
  /** 2 to 600. */
  pollIntervalSeconds?: number;
  /** 30 to 86400. */
  unansweredLimitSeconds?: number;
  isDefault?: boolean;
}

export interface CreatePrinterRequest extends UpdatePrinterRequest {
  name: string;
}

export type PendingOrdersChoice = 'cancel' | 'move';

export type PrinterEventType =
  | 'created'
  | 'token_rotated'
  | 'first_poll'
  | 'offline'
  | 'back_online'
  | 'callback_ignored'
  | 'callback_invalid'
  | 'deleted';

export type EventData = Record<string, string | number | boolean | null | undefined>;

export interface PrinterEventView {
  id: number;
  type: PrinterEventType;
  at: string;
  data: EventData | null;
}
