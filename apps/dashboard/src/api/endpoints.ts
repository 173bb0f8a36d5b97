import type {
  ApiKeyView,
  CreatedApiKey,
  CreatePrinterRequest,
  DeliveryDetail,
  DeliveryView,
  InboundDeliveryView,
  ListResponse,
  LoginRequest,
  LoginResponse,
  MeResponse,
  OrderDetail,
  OrderListQuery,
  OrderListResponse,
  OrderSummary,
  PendingOrdersChoice,
  PrinterEventView,
  PrinterQueueView,
  PrinterView,
  ShopConnectionView,
  ShopConnectionWithSecret,
  ShopStatusOption,
  SignupRequest,
  SignupResponse,
  TenantView,
  UpdatePrinterRequest,
  UpdateTenantRequest,
  WebhookEndpointView,
  WebhookEndpointWithSecret,
  WebhookEvent,
} from '@shared/types';
import { apiRequest } from './client';

// Request bodies of the integrations API (`@shared/types` has only the answers' shapes).
export interface CreateWebhookRequest {
  url: string;
  description?: string;
  /** Null: every event. */
  events: WebhookEvent[] | null;
}

export interface UpdateWebhookRequest {
  url?: string;
  description?: string;
  events?: WebhookEvent[] | null;
  enabled?: boolean;
}

export type StatusMap = { completed: string | null; cancelled: string | null };

export type CreateConnectionRequest =
  | {
      platform: 'woocommerce';
      name: string;
      siteUrl: string;
      consumerKey: string;
      consumerSecret: string;
      printerId?: string;
    }
  | {
      platform: 'framework360';
      name: string;
      siteUrl: string;
      apiKey: string;
      poll: boolean;
      printerId?: string;
    };

export interface UpdateConnectionRequest {
  name?: string;
  printerId?: string | null;
  poll?: boolean;
  statusMap?: StatusMap;
  enabled?: boolean;
}

/** `?tenantId=` on a list: support narrows the cross-restaurant list to one restaurant. */
export interface TenantFilter {
  tenantId?: string;
}

const id = (value: string) => encodeURIComponent(value);

/** Every `/api/v1` endpoint the dashboard uses, typed with `@shared/types`. */
export const api = {
  signup: (body: SignupRequest) => apiRequest<SignupResponse>('POST', '/auth/signup', { body }),
  login: (body: LoginRequest) => apiRequest<LoginResponse>('POST', '/auth/login', { body }),
  logout: () => apiRequest<void>('POST', '/auth/logout'),
  me: (signal?: AbortSignal) => apiRequest<MeResponse>('GET', '/auth/me', { signal }),

  tenant: (signal?: AbortSignal) => apiRequest<TenantView>('GET', '/tenant', { signal }),
  updateTenant: (body: UpdateTenantRequest) => apiRequest<TenantView>('PATCH', '/tenant', { body }),
  tenants: (search?: string, signal?: AbortSignal) =>
    apiRequest<ListResponse<TenantView>>('GET', '/tenants', { query: { search }, signal }),
  tenantById: (tenantId: string, signal?: AbortSignal) =>
    apiRequest<TenantView>('GET', `/tenants/${id(tenantId)}`, { signal }),

  apiKeys: (signal?: AbortSignal) => apiRequest<ListResponse<ApiKeyView>>('GET', '/api-keys', { signal }),
  createApiKey: (name: string) => apiRequest<CreatedApiKey>('POST', '/api-keys', { body: { name } }),
  revokeApiKey: (keyId: string) => apiRequest<ApiKeyView>('POST', `/api-keys/${id(keyId)}/revoke`),

  printers: (signal?: AbortSignal, filter: TenantFilter = {}) =>
    apiRequest<ListResponse<PrinterView>>('GET', '/printers', {
      query: { tenantId: filter.tenantId },
      signal,
    }),
  printer: (printerId: string, signal?: AbortSignal) =>
    apiRequest<PrinterView>('GET', `/printers/${id(printerId)}`, { signal }),
  createPrinter: (body: CreatePrinterRequest) => apiRequest<PrinterView>('POST', '/printers', { body }),
  updatePrinter: (printerId: string, body: UpdatePrinterRequest) =>
    apiRequest<PrinterView>('PATCH', `/printers/${id(printerId)}`, { body }),
  rotatePrinterToken: (printerId: string) =>
    apiRequest<PrinterView>('POST', `/printers/${id(printerId)}/rotate-token`),
  deletePrinter: (printerId: string, pendingOrders?: PendingOrdersChoice, targetPrinterId?: string) =>
    apiRequest<void>('DELETE', `/printers/${id(printerId)}`, { query: { pendingOrders, targetPrinterId } }),
  printerEvents: (printerId: string, signal?: AbortSignal) =>
    apiRequest<ListResponse<PrinterEventView>>('GET', `/printers/${id(printerId)}/events`, { signal }),
  printerQueue: (printerId: string, signal?: AbortSignal) =>
    apiRequest<PrinterQueueView>('GET', `/printers/${id(printerId)}/queue`, { signal }),
  sendTestOrder: (printerId: string) =>
    apiRequest<OrderSummary>('POST', `/printers/${id(printerId)}/test-order`),

  orders: (query: OrderListQuery, signal?: AbortSignal) =>
    apiRequest<OrderListResponse>('GET', '/orders', {
      query: { ...query, status: query.status, needsAttention: query.needsAttention },
      signal,
    }),
  order: (orderId: string, signal?: AbortSignal) =>
    apiRequest<OrderDetail>('GET', `/orders/${id(orderId)}`, { signal }),
  cancelOrder: (orderId: string, note?: string) =>
    apiRequest<OrderDetail>('POST', `/orders/${id(orderId)}/cancel`, { body: note ? { note } : {} }),
  serveAgain: (orderId: string) => apiRequest<OrderSummary>('POST', `/orders/${id(orderId)}/serve-again`),
  moveOrder: (orderId: string, printerId: string) =>
    apiRequest<OrderSummary>('POST', `/orders/${id(orderId)}/move`, { body: { printerId } }),

  webhooks: (signal?: AbortSignal, filter: TenantFilter = {}) =>
    apiRequest<ListResponse<WebhookEndpointView>>('GET', '/webhooks', {
      query: { tenantId: filter.tenantId },
      signal,
    }),
  webhook: (endpointId: string, signal?: AbortSignal) =>
    apiRequest<WebhookEndpointView>('GET', `/webhooks/${id(endpointId)}`, { signal }),
  createWebhook: (body: CreateWebhookRequest) =>
    apiRequest<WebhookEndpointWithSecret>('POST', '/webhooks', { body }),
  updateWebhook: (endpointId: string, body: UpdateWebhookRequest) =>
    apiRequest<WebhookEndpointView>('PATCH', `/webhooks/${id(endpointId)}`, { body }),
  deleteWebhook: (endpointId: string) => apiRequest<void>('DELETE', `/webhooks/${id(endpointId)}`),
  rotateWebhookSecret: (endpointId: string) =>
    apiRequest<WebhookEndpointWithSecret>('POST', `/webhooks/${id(endpointId)}/rotate-secret`),
  pingWebhook: (endpointId: string) =>
    apiRequest<{ queued: boolean }>('POST', `/webhooks/${id(endpointId)}/test`),
  webhookDeliveries: (endpointId: string, signal?: AbortSignal) =>
    apiRequest<ListResponse<DeliveryView>>('GET', `/webhooks/${id(endpointId)}/deliveries`, {
      query: { limit: 50 },
      signal,
    }),

  delivery: (deliveryId: number, signal?: AbortSignal) =>
    apiRequest<DeliveryDetail>('GET', `/deliveries/${deliveryId}`, { signal }),
  redeliver: (deliveryId: number) => apiRequest<DeliveryView>('POST', `/deliveries/${deliveryId}/redeliver`),

  connections: (signal?: AbortSignal, filter: TenantFilter = {}) =>
    apiRequest<ListResponse<ShopConnectionView>>('GET', '/connections', {
      query: { tenantId: filter.tenantId },
      signal,
    }),
  connection: (connectionId: string, signal?: AbortSignal) =>
    apiRequest<ShopConnectionView>('GET', `/connections/${id(connectionId)}`, { signal }),
  createConnection: (body: CreateConnectionRequest) =>
    apiRequest<ShopConnectionWithSecret>('POST', '/connections', { body }),
  updateConnection: (connectionId: string, body: UpdateConnectionRequest) =>
    apiRequest<ShopConnectionView>('PATCH', `/connections/${id(connectionId)}`, { body }),
  deleteConnection: (connectionId: string) => apiRequest<void>('DELETE', `/connections/${id(connectionId)}`),
  rotateConnectionSecret: (connectionId: string) =>
    apiRequest<ShopConnectionWithSecret>('POST', `/connections/${id(connectionId)}/rotate-secret`),
  connectionDeliveries: (connectionId: string, signal?: AbortSignal) =>
    apiRequest<ListResponse<DeliveryView>>('GET', `/connections/${id(connectionId)}/deliveries`, {
      query: { limit: 50 },
      signal,
    }),
  connectionInbound: (connectionId: string, signal?: AbortSignal) =>
    apiRequest<ListResponse<InboundDeliveryView>>('GET', `/connections/${id(connectionId)}/inbound`, {
      signal,
    }),
  connectionStatuses: (connectionId: string, signal?: AbortSignal) =>
    apiRequest<ListResponse<ShopStatusOption>>('GET', `/connections/${id(connectionId)}/statuses`, {
      signal,
    }),
  pollConnection: (connectionId: string) =>
    apiRequest<{ imported: number; duplicates: number }>('POST', `/connections/${id(connectionId)}/poll`),
};
