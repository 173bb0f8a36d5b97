export type LocaleCode = 'en' | 'it' | 'es';
export const LOCALE_CODES: readonly LocaleCode[] = ['en', 'it', 'es'];

/** `manual-confirmation`: only cash on delivery, pickup or flagged orders print; `all`: every order. */
export type IntakeRule = 'manual-confirmation' | 'all';
export const INTAKE_RULES: readonly IntakeRule[] = ['manual-confirmation', 'all'];

export interface TenantView {
  id: string;
  name: string;
  timeZone: string;
  /** One of `LocaleCode`, as stored. */
  locale: string;
  intakeRule: IntakeRule;
  /** Payment method names that count as cash on delivery. */
  cashPaymentMethods: string[];
  createdAt: string;
}

export interface UpdateTenantRequest {
  name?: string;
  timeZone?: string;
  locale?: LocaleCode;
  intakeRule?: IntakeRule;
  cashPaymentMethods?: string[];
}

export interface ListResponse<T> {
  items: T[];
}
