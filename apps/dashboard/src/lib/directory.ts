import type { PrinterView, TenantView } from '@shared/types';
import { useMemo } from 'react';
import { api } from '../api/endpoints';
import { useSignedIn } from '../session/SessionProvider';
import { type Resource, useResource } from './useResource';

export interface Directory {
  printers: PrinterView[];
  printerName: (printerId: string | null) => string | null;
  /** Printers of one restaurant (support sees every restaurant's). */
  printersOf: (tenantId: string) => PrinterView[];
  tenant: (tenantId: string) => TenantView | undefined;
  timeZoneOf: (tenantId: string) => string;
  resource: Resource<PrinterView[]>;
}

/** Printers and restaurants by id, for lists that show names; refreshed every `intervalMs`. */
export function useDirectory(intervalMs: number | null = null): Directory {
  const { tenant, isSupport } = useSignedIn();
  const printers = useResource((signal) => api.printers(signal).then((r) => r.items), [], intervalMs);
  const tenants = useResource(
    (signal) =>
      isSupport
        ? api.tenants(undefined, signal).then((r) => r.items)
        : Promise.resolve(tenant ? [tenant] : []),
    [isSupport, tenant],
  );
  return useMemo(
    () => buildDirectory(printers, tenants.data ?? [], tenant?.timeZone ?? 'UTC'),
    [printers, tenants.data, tenant],
  );
}

function buildDirectory(
  printers: Resource<PrinterView[]>,
  tenants: TenantView[],
  fallbackTimeZone: string,
): Directory {
  const list = printers.data ?? [];
  const byId = new Map(list.map((p) => [p.id, p]));
  const tenantById = new Map(tenants.map((entry) => [entry.id, entry]));
  return {
    printers: list,
    printerName: (id) => (id === null ? null : (byId.get(id)?.name ?? null)),
    printersOf: (tenantId) => list.filter((p) => p.tenantId === tenantId),
    tenant: (tenantId) => tenantById.get(tenantId),
    timeZoneOf: (tenantId) => tenantById.get(tenantId)?.timeZone ?? fallbackTimeZone,
    resource: printers,
  };
}

/**
 * The directory of one restaurant, from its own printers (`GET /printers?tenantId=`): for a page about
 * that restaurant, without loading every restaurant's printers.
 */
export function tenantDirectory(tenant: TenantView, printers: Resource<PrinterView[]>): Directory {
  return buildDirectory(printers, [tenant], tenant.timeZone);
}
