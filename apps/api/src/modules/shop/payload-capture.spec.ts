import { capturePayload } from './payload-capture';

describe('capturePayload', () => {
  it('redacts secret-looking fields at any depth and keeps the rest', () => {
    const body = JSON.stringify({
      id: 7,
      billing: { first_name: 'Ana', api_key: 'k1' },
      meta: [{ key: 'x', token: 't' }],
      secret: 's',
    });
    const captured = JSON.parse(capturePayload(body)) as Record<string, unknown>;
    expect(captured).toEqual({
      id: 7,
      billing: { first_name: 'Ana', api_key: '[redacted]' },
      meta: [{ key: 'x', token: '[redacted]' }],
      secret: '[redacted]',
    });
  });

  it('redacts WooCommerce meta pairs with secret names, order keys and keys inside URLs', () => {
    const body = JSON.stringify({
      order_key: 'wc_order_abc',
      payment_url: 'https://shop.example/checkout/order-pay/7/?pay_for_order=true&key=wc_order_abc',
      meta_data: [
        { id: 1, key: '_stripe_source_token', value: 'src_123' },
        { id: 2, key: 'is_vat_exempt', value: 'no' },
      ],
    });
    const captured = capturePayload(body);
    expect(captured).not.toContain('wc_order_abc');
    expect(captured).not.toContain('src_123');
    expect(JSON.parse(captured)).toMatchObject({
      payment_url: 'https://shop.example/checkout/order-pay/7/?pay_for_order=true&key=[redacted]',
      meta_data: [{ value: '[redacted]' }, { key: 'is_vat_exempt', value: 'no' }],
    });
  });

  it('redacts form bodies and truncates huge ones', () => {
    expect(capturePayload('webhook_id=3&token=abc')).toBe('webhook_id=3&token=[redacted]');
    expect(capturePayload('x'.repeat(20_000))).toMatch(/… \[truncated\]$/);
  });
});
