import type { PrinterView } from '@shared/types';
import { fireEvent, screen, within } from '@testing-library/react';
import { apiError, fakeApi, renderPage } from '../test/render';
import { OrderActions } from './OrderActions';

const printer = (id: string, name: string) => ({ id, name, tenantId: 't1', online: true }) as PrinterView;

describe('OrderActions', () => {
  it('cancels after confirmation, with the note, and reports back', async () => {
    const calls = fakeApi({
      'POST /api/v1/orders/o1/cancel': () => ({ status: 200, body: {} }),
    });
    const onDone = jest.fn();
    renderPage(
      <OrderActions
        order={{ id: 'o1', number: 12, status: 'queued', printerId: 'p1', tenantId: 't1' }}
        printers={[printer('p1', 'Kitchen')]}
        onDone={onDone}
      />,
      { session: false },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Cancel…' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel order #12?' });
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Note (optional)'));
    fireEvent.change(within(dialog).getByLabelText('Note (optional)'), {
      target: { value: 'Customer called' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel order' }));

    expect(await screen.findByText('Order #12 cancelled.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.find((call) => call.url === '/api/v1/orders/o1/cancel')?.body).toEqual({
      note: 'Customer called',
    });
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('keeps the dialog open and shows the API’s reason when the action fails', async () => {
    fakeApi({
      'POST /api/v1/orders/o1/serve-again': () =>
        apiError(
          409,
          'order_not_actionable',
          'Only an order being served can be served again (this one is completed)',
        ),
    });
    const onDone = jest.fn();
    renderPage(
      <OrderActions
        order={{ id: 'o1', number: 12, status: 'printing', printerId: 'p1', tenantId: 't1' }}
        printers={[printer('p1', 'Kitchen')]}
        onDone={onDone}
      />,
      { session: false },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Serve again' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Serve again' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Only an order being served can be served again (this one is completed)',
    );
    expect(onDone).not.toHaveBeenCalled();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('moves only to another printer of the same restaurant, chosen first', async () => {
    const calls = fakeApi({
      'POST /api/v1/orders/o1/move': () => ({ status: 200, body: {} }),
    });
    renderPage(
      <OrderActions
        order={{ id: 'o1', number: 7, status: 'queued', printerId: 'p1', tenantId: 't1' }}
        printers={[
          printer('p1', 'Kitchen'),
          printer('p2', 'Bar'),
          { ...printer('p3', 'Elsewhere'), tenantId: 't2' },
        ]}
        onDone={() => undefined}
      />,
      { session: false },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Move…' }));
    const dialog = screen.getByRole('dialog');
    const select = within(dialog).getByLabelText('Printer');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose a printer', 'Bar']);
    const confirm = within(dialog).getByRole('button', { name: 'Move order' });
    expect(confirm).toHaveProperty('disabled', true);
    fireEvent.change(select, { target: { value: 'p2' } });
    fireEvent.click(confirm);
    expect(await screen.findByText('Order #7 moved to Bar.')).toBeTruthy();
    expect(calls.find((call) => call.url === '/api/v1/orders/o1/move')?.body).toEqual({ printerId: 'p2' });
  });

  it('offers nothing for an answered order', () => {
    fakeApi({});
    const { container } = renderPage(
      <OrderActions
        order={{ id: 'o1', number: 7, status: 'completed', printerId: 'p1', tenantId: 't1' }}
        printers={[]}
        onDone={() => undefined}
      />,
      { session: false },
    );
    expect(container.querySelector('.order-actions')).toBeNull();
  });
});
