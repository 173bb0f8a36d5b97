import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import { statusFor, toDomainError } from './exception.filter';

describe('toDomainError', () => {
  it('answers a lost database connection with 503 so callers retry, not 500', () => {
    const lost = new QueryFailedError(
      'SELECT 1',
      [],
      Object.assign(new Error('gone'), { code: 'PROTOCOL_CONNECTION_LOST' }),
    );
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
    for (const error of [lost, refused]) {
      const mapped = toDomainError(error);
      expect(mapped.code).toBe('unavailable');
      expect(statusFor(mapped.code)).toBe(503);
    }
  });

  it('keeps other failures internal and domain errors as they are', () => {
    expect(toDomainError(new Error('boom')).code).toBe('internal');
    const duplicate = Object.assign(new Error('dup'), { code: 'ER_DUP_ENTRY' });
    expect(toDomainError(duplicate).code).toBe('internal');
    const own = new DomainError('not_found', 'Order not found');
    expect(toDomainError(own)).toBe(own);
  });
});
