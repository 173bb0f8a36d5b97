import type {
  ApiKeyView,
  CreatedApiKey,
  CreatePrinterRequest,
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
  SignupRequest,
  SignupResponse,
  TenantView,
  UpdatePrinterRequest,
  UpdateTenantRequest,
} from '@shared/types';
import { apiRequest } from './client';

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

  printers: (signal?: AbortSignal) => apiRequest<ListResponse<PrinterView>>('GET', '/printers', { signal }),
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
};
