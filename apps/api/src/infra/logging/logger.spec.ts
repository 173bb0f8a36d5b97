import { redactUrl } from './logger';

describe('redactUrl', () => {
  it('hides the printer token and credentials, keeps what support needs', () => {
    expect(
      redactUrl(
        '/gc/AbCdEfGhIjKlMnOpQrStUvWxYz012345/callback?a=12&o=7&ak=Rejected&m=TOO%20BUSY&u=demo&p=123456',
      ),
    ).toBe('/gc/[redacted]/callback?a=12&o=7&ak=Rejected&m=TOO%20BUSY&u=[redacted]&p=[redacted]');
    expect(redactUrl('/api/v1/orders?password=x&Token=y&status=queued')).toBe(
      '/api/v1/orders?password=[redacted]&Token=[redacted]&status=queued',
    );
    expect(redactUrl('/health')).toBe('/health');
  });
});
