import type { LocaleCode, TenantView } from './tenant';

export type UserRole = 'owner' | 'staff' | 'support';

export interface UserView {
  id: string;
  email: string;
  role: UserRole;
  /** Null for support users, who see every restaurant. */
  tenantId: string | null;
}

export interface SignupRequest {
  restaurantName: string;
  email: string;
  /** 10 to 200 characters. */
  password: string;
  /** IANA zone; UTC when absent. */
  timeZone?: string;
  locale?: LocaleCode;
}

export interface SignupResponse {
  token: string;
  tenant: TenantView;
  user: UserView;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface LoginResponse {
  token: string;
  user: UserView;
  /** Null for support users. */
  tenant: TenantView | null;
}

/** `GET /api/v1/auth/me` for a signed-in user. */
export interface MeResponse {
  user: UserView;
  tenant: TenantView | null;
}

export interface CreateUserRequest {
  email: string;
  password: string;
  role: 'owner' | 'staff';
}
