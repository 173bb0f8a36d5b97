import type { UserRole } from '../../modules/auth/user.entity';

/** Who is calling: a dashboard user or a shop's API key. Set once by the AuthGuard. */
export type Principal =
  | { kind: 'user'; userId: string; role: UserRole; tenantId: string | null; email: string }
  | { kind: 'api-key'; apiKeyId: string; tenantId: string };

export interface AuthenticatedRequest {
  principal?: Principal;
}
