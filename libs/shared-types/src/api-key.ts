export interface ApiKeyView {
  id: string;
  name: string;
  /** The first characters of the key, to tell keys apart. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** `POST /api/v1/api-keys`: the only answer that carries the secret. */
export interface CreatedApiKey extends ApiKeyView {
  key: string;
}

export interface CreateApiKeyRequest {
  name: string;
}
