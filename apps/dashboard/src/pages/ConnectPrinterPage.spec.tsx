import type { PrinterView } from '@shared/types';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useResource } from '../lib/useResource';
import { fakeApi, renderPage, signedInAs } from '../test/render';
import { ConnectPrinterPage } from './SetupPages';

function printerView(lastPollAt: string | null, online = lastPollAt !== null): PrinterView {
  return {
    id: 'p1',
    tenantId: 't1',
    name: 'Kitchen',
    pollUrl: 'http://bridge.test/gc/tok/order',
    callbackUrl: 'http://bridge.test/gc/tok/callback',
    device: { resId: '425004', username: 'gc492006', password: '61635761', pollIntervalSeconds: 10 },
    settings: {
      textPolicy: 'utf8',
      newlineToken: '%%',
      currencyPrefix: '',
      timeZone: null,
      pollIntervalSeconds: 10,
      unansweredLimitSeconds: 300,
    },
    isDefault: true,
    online,
    offlineSince: null,
    lastPollAt,
    lastCallbackAt: null,
    servingOrderId: null,
    queueDepth: 0,
    createdAt: '2026-11-29T18:00:00.000Z',
  };
}

describe('ConnectPrinterPage', () => {
  afterEach(() => jest.useRealTimers());

  it('shows the URLs and device settings, then turns green when the printer first polls (checking every 2 s)', async () => {
    jest.useFakeTimers();
    let polled: string | null = null;
    const calls = fakeApi({
      ...signedInAs('owner', 'Europe/Rome'),
      'GET /api/v1/printers/p1': () => ({ status: 200, body: printerView(polled) }),
      'POST /api/v1/printers/p1/test-order': () => ({ status: 201, body: { id: 'o1', number: 1 } }),
      'GET /api/v1/orders/o1': () => ({
        status: 200,
        body: { id: 'o1', number: 1, status: 'printing', answer: null },
      }),
    });
    renderPage(<ConnectPrinterPage />, { path: '/printers/p1/connect', pattern: '/printers/:id/connect' });

    expect(await screen.findByText('Waiting for the printer…')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Order receiving URL').value).toBe(
      'http://bridge.test/gc/tok/order',
    );
    expect(screen.getByLabelText<HTMLInputElement>('Callback URL').value).toBe(
      'http://bridge.test/gc/tok/callback',
    );
    expect(screen.getByLabelText<HTMLInputElement>('RES ID (restaurant ID)').value).toBe('425004');
    expect(screen.getByLabelText<HTMLInputElement>('User').value).toBe('gc492006');
    expect(screen.getByLabelText<HTMLInputElement>('Password').value).toBe('61635761');
    expect(screen.getByLabelText<HTMLInputElement>('Poll interval (seconds)').value).toBe('10');

    const loads = () => calls.filter((call) => call.url === '/api/v1/printers/p1').length;
    const before = loads();
    await act(() => jest.advanceTimersByTimeAsync(2000));
    expect(loads()).toBe(before + 1);

    polled = '2026-11-29T18:45:07.000Z';
    await act(() => jest.advanceTimersByTimeAsync(2000));
    expect(screen.getByText('Printer connected')).toBeTruthy();
    // The restaurant's zone (the printer has none of its own): 18:45 UTC is 19:45 in Rome.
    expect(screen.getByText('The printer last called in at 19:45:07.')).toBeTruthy();
    expect(document.querySelector('.live-indicator')?.getAttribute('data-state')).toBe('connected');

    // Connected: it now checks every 5 s, not every 2 s.
    const afterConnect = loads();
    await act(() => jest.advanceTimersByTimeAsync(2500));
    expect(loads()).toBe(afterConnect);
    await act(() => jest.advanceTimersByTimeAsync(2600));
    expect(loads()).toBe(afterConnect + 1);

    fireEvent.click(screen.getByRole('button', { name: 'Send a test order' }));
    await act(() => jest.advanceTimersByTimeAsync(10));
    expect(
      calls.some((call) => call.method === 'POST' && call.url === '/api/v1/printers/p1/test-order'),
    ).toBe(true);
    expect((await screen.findByTestId('test-progress')).textContent).toContain(
      'printed. Press Accept (or Reject) on the printer.',
    );
  });

  it('says the printer stopped calling in when it was seen before but is offline now', async () => {
    fakeApi({
      ...signedInAs('owner', 'UTC'),
      'GET /api/v1/printers/p1': () => ({
        status: 200,
        body: printerView('2026-11-29T18:45:07.000Z', false),
      }),
    });
    renderPage(<ConnectPrinterPage />, { path: '/printers/p1/connect', pattern: '/printers/:id/connect' });
    expect(await screen.findByText('Printer not calling in')).toBeTruthy();
    expect(screen.getByText(/The last call was at 18:45:07\./)).toBeTruthy();
  });

  it('shows a not-found page for a printer that is not yours', async () => {
    fakeApi(signedInAs('owner'));
    renderPage(<ConnectPrinterPage />, { path: '/printers/zzz/connect', pattern: '/printers/:id/connect' });
    expect(await screen.findByRole('heading', { name: 'Printer not found' })).toBeTruthy();
  });
});

describe('useResource', () => {
  afterEach(() => jest.useRealTimers());

  function Probe({ load }: { load: () => Promise<number> }) {
    const resource = useResource(load, [], 3000);
    return <p>value {resource.data ?? '—'}</p>;
  }

  it('polls while visible, pauses while the tab is hidden and catches up when it is back', async () => {
    jest.useFakeTimers();
    let hidden = false;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    let count = 0;
    const load = jest.fn(() => Promise.resolve(++count));
    render(<Probe load={load} />);
    await act(() => jest.advanceTimersByTimeAsync(0));
    expect(screen.getByText('value 1')).toBeTruthy();

    await act(() => jest.advanceTimersByTimeAsync(3000));
    expect(screen.getByText('value 2')).toBeTruthy();

    hidden = true;
    await act(() => jest.advanceTimersByTimeAsync(30_000));
    expect(load).toHaveBeenCalledTimes(2);

    hidden = false;
    await act(async () => {
      document.dispatchEvent(new Event('visibilitychange'));
      await jest.advanceTimersByTimeAsync(0);
    });
    expect(screen.getByText('value 3')).toBeTruthy();
  });

  it('keeps the last good value when a refresh fails', async () => {
    jest.useFakeTimers();
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    const load = jest
      .fn()
      .mockResolvedValueOnce(7)
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue(8);
    render(<Probe load={load} />);
    await act(() => jest.advanceTimersByTimeAsync(0));
    await act(() => jest.advanceTimersByTimeAsync(3000));
    expect(load).toHaveBeenCalledTimes(2);
    expect(screen.getByText('value 7')).toBeTruthy();
    await act(() => jest.advanceTimersByTimeAsync(3000));
    expect(screen.getByText('value 8')).toBeTruthy();
  });
});
