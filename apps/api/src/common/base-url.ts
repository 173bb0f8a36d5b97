import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

let configuredBaseUrl: string | null = null;

/** Set once at boot from PUBLIC_BASE_URL. */
export function setPublicBaseUrl(url: string | null): void {
  configuredBaseUrl = url;
}

/** Where printers reach us: PUBLIC_BASE_URL, or the scheme and host this request came in on. */
export const BaseUrl = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  if (configuredBaseUrl !== null) return configuredBaseUrl;
  const request = ctx.switchToHttp().getRequest<Request>();
  return `${request.protocol}://${request.get('host') ?? 'localhost'}`;
});
