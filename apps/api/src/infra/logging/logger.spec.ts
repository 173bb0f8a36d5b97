import { redactUrl } from './logger';

describe('redactUrl for shop webhooks', () => {
  it('hides the Framework360 path secret but keeps the connection id', () => {
    expect(redactUrl('/hooks/framework360/3f2a9c1b-0000/s3cr3t-token')).toBe(
      '/hooks/framework360/3f2a9c1b-0000/[redacted]',
    );
    expect(redactUrl('/hooks/woocommerce/3f2a9c1b-0000')).toBe('/hooks/woocommerce/3f2a9c1b-0000');
  });
});

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
