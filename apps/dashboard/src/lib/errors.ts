import { ApiRequestError } from '../api/client';
import type { I18n } from '../i18n/I18nProvider';

/** What to tell a person about a failure: the API's own message when there is one. */
export function describeError(error: unknown, t: I18n['t']): string {
  if (error instanceof ApiRequestError) {
    if (error.code === 'network') return t('error.network');
    if (error.code === 'rate_limited') return t('error.rateLimited');
    if (error.status >= 500) return t('error.server');
    return error.message;
  }
  return t('error.unexpected');
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 404;
}

/** Field-level problems of a `validation_failed` answer, keyed by field name. */
export function fieldProblems(error: unknown): Record<string, string> {
  if (
    !(error instanceof ApiRequestError) ||
    error.code !== 'validation_failed' ||
    !Array.isArray(error.details)
  ) {
    return {};
  }
  const result: Record<string, string> = {};
  for (const entry of error.details as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { field, problems } = entry as { field?: unknown; problems?: unknown };
    if (typeof field === 'string' && Array.isArray(problems)) result[field] = problems.map(String).join('; ');
  }
  return result;
}
