import { encodeOrder } from '@goodcom/protocol';
import { act, fireEvent, screen } from '@testing-library/react';
import { renderWithI18n } from '../test/render';
import { CopyField } from './CopyField';
import { LiveIndicator } from './LiveIndicator';
import { ReceiptPreview } from './ReceiptPreview';

function setClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true });
}

describe('CopyField', () => {
  afterEach(() => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
  });

  it('copies the value and says so, visibly and to screen readers', async () => {
    const writeText = jest.fn(() => Promise.resolve());
    setClipboard(writeText);
    renderWithI18n(<CopyField label="Order receiving URL" value="http://bridge.test/gc/abc/order" />);
    expect(screen.getByLabelText('Order receiving URL')).toHaveProperty(
      'value',
      'http://bridge.test/gc/abc/order',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Copy: Order receiving URL' }));

    await screen.findByText('Copied ✓');
    expect(writeText).toHaveBeenCalledWith('http://bridge.test/gc/abc/order');
    expect(screen.getByRole('status').textContent).toBe('Order receiving URL copied to the clipboard');
  });

  it('tells the person to copy by hand when the clipboard refuses', async () => {
    setClipboard(() => Promise.reject(new Error('denied')));
    document.execCommand = jest.fn(() => false);
    renderWithI18n(<CopyField label="Callback URL" value="http://bridge.test/gc/abc/callback" />, 'it');

    fireEvent.click(screen.getByRole('button', { name: 'Copia: Callback URL' }));

    expect(
      await screen.findByText('Copia non riuscita: seleziona il testo e copialo a mano.', {
        selector: 'p.field-error',
      }),
    ).toBeTruthy();
    // The text was selected so it can be copied by hand.
    const input = screen.getByLabelText<HTMLInputElement>('Callback URL');
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, input.value.length]);
  });

  it('falls back to the selection when there is no Clipboard API', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    const execCommand = jest.fn(() => true);
    document.execCommand = execCommand;
    renderWithI18n(<CopyField label="RES ID" value="425004" />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy: RES ID' }));
    await screen.findByText('Copied ✓');
    expect(execCommand).toHaveBeenCalledWith('copy');
  });

  it('goes back to "Copy" after a moment', async () => {
    jest.useFakeTimers();
    try {
      setClipboard(() => Promise.resolve());
      renderWithI18n(<CopyField label="User" value="gc123456" />);
      fireEvent.click(screen.getByRole('button', { name: 'Copy: User' }));
      await screen.findByText('Copied ✓');
      act(() => jest.advanceTimersByTime(3000));
      expect(screen.getByRole('button', { name: 'Copy: User' }).textContent).toBe('Copy');
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('LiveIndicator', () => {
  it.each([
    ['waiting', 'In attesa della stampante…', 'Tieni aperta questa pagina.'],
    ['connected', 'Stampante collegata', 'Ultimo collegamento della stampante alle 19:45:07.'],
    ['offline', 'La stampante non si collega', 'Ultimo collegamento alle 19:45:07.'],
  ] as const)(
    '%s: says what is going on in a live region, in the restaurant’s time',
    (state, title, detail) => {
      renderWithI18n(
        <LiveIndicator state={state} lastPollAt="2026-07-15T17:45:07.000Z" timeZone="Europe/Rome" />,
        'it',
      );
      const region = screen.getByRole('status');
      expect(region.getAttribute('aria-live')).toBe('polite');
      expect(region.getAttribute('data-state')).toBe(state);
      expect(region.textContent).toContain(title);
      expect(region.textContent).toContain(detail);
    },
  );

  it('shows why it cannot check, in Spanish', () => {
    renderWithI18n(
      <LiveIndicator state="error" timeZone="Europe/Madrid" error="El servidor no responde" />,
      'es',
    );
    expect(screen.getByRole('status').textContent).toBe(
      'No se puede comprobar la impresora ahoraEl servidor no responde',
    );
  });

  it('changes state in place when the printer calls in', () => {
    const { rerender } = renderWithI18n(<LiveIndicator state="waiting" timeZone="UTC" />, 'es');
    const region = screen.getByRole('status');
    rerender(<LiveIndicator state="connected" lastPollAt="2026-07-15T17:45:07.000Z" timeZone="UTC" />);
    expect(screen.getByRole('status')).toBe(region);
    expect(region.getAttribute('data-state')).toBe('connected');
    expect(region.textContent).toContain('La impresora se conectó por última vez a las 17:45:07.');
  });
});

describe('ReceiptPreview', () => {
  const wire = encodeOrder(
    {
      orderId: '42',
      resId: '425004',
      type: 'delivery',
      items: [
        {
          quantity: 2,
          name: 'Pizza Margherita',
          unitPrice: 750,
          options: [{ name: 'Extra mozzarella', price: 100 }],
        },
        { quantity: 1, name: 'Tiramisù', unitPrice: 450, note: 'No cocoa' },
      ],
      deliveryCharge: 200,
      total: 2350,
      customer: { name: 'Giulia Rossi', address: 'Via Roma 1', phone: '+39 333 1234567' },
      paid: false,
      paymentLabel: 'cod',
      comments: 'Ring twice',
    },
    { currencyPrefix: '€' },
  );

  it('renders the ticket the printer prints, 32 columns wide', () => {
    renderWithI18n(<ReceiptPreview wire={wire} />);
    const paper = screen.getByTestId('receipt-preview');
    const lines = (paper.textContent ?? '').split('\n');
    expect(lines).toContain('DELIVERY');
    expect(lines).toContain('Order: 42');
    expect(lines.find((line) => line.startsWith('2x Pizza Margherita'))).toMatch(/€15\.00$/);
    expect(lines.some((line) => line.includes('Tiramisù'))).toBe(true);
    expect(lines.find((line) => line.startsWith('TOTAL'))).toMatch(/€23\.50$/);
    expect(lines.some((line) => line.includes('Giulia Rossi'))).toBe(true);
    expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(32);
  });

  it('honours another width and the printer’s newline token', () => {
    const custom = wire.replace('Ring twice', 'Ring twice~~Second floor');
    renderWithI18n(<ReceiptPreview wire={custom} width={42} newline="~~" />);
    const lines = (screen.getByTestId('receipt-preview').textContent ?? '').split('\n');
    expect(lines[2]).toBe('-'.repeat(42));
    expect(lines).toContain('Second floor');
  });

  it('says so when the text is not an order', () => {
    renderWithI18n(<ReceiptPreview wire="hello, no order here" />, 'it');
    expect(screen.queryByTestId('receipt-preview')).toBeNull();
    expect(screen.getByText('Questo testo non può essere mostrato come scontrino.')).toBeTruthy();
  });
});
