import type { Tenant } from './tenant.entity';

export function tenantView(tenant: Tenant) {
  return {
    id: tenant.id,
    name: tenant.name,
    timeZone: tenant.timeZone,
    locale: tenant.locale,
    intakeRule: tenant.intakeRule,
    cashPaymentMethods: tenant.cashPaymentMethods,
    createdAt: new Date(tenant.createdAt).toISOString(),
  };
}

export const DEFAULT_CASH_METHODS = [
  'cod',
  'cash',
  'contanti',
  'contrassegno',
  'contra reembolso',
  'efectivo',
];
