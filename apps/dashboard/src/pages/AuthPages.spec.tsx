import { fireEvent, screen, waitFor } from '@testing-library/react';
import { apiError, fakeApi, renderPage, signedOut } from '../test/render';
import { LoginPage, SignupPage } from './AuthPages';

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('SignupPage', () => {
  it('pre-fills the time zone and language, and checks the form before sending', async () => {
    const calls = fakeApi(signedOut);
    renderPage(<SignupPage />, { path: '/signup' });
    await screen.findByRole('heading', { name: 'Connect your restaurant' });
    expect(screen.getByLabelText<HTMLInputElement>('Time zone').value).toBe(
      Intl.DateTimeFormat().resolvedOptions().timeZone,
    );
    expect(screen.getByLabelText<HTMLSelectElement>('Language').value).toBe('en');

    fill('Email', 'not-an-email');
    fill('Password', 'short');
    fill('Time zone', 'Mars/Olympus');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

    expect(screen.getByText('This field is required.')).toBeTruthy();
    expect(screen.getByText('Enter an email address like name@example.com.')).toBeTruthy();
    expect(screen.getByText('Use at least 10 characters.')).toBeTruthy();
    expect(screen.getByText('Choose a time zone from the list, e.g. Europe/Rome.')).toBeTruthy();
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Password').getAttribute('aria-describedby')).toContain(
      screen.getByText('Use at least 10 characters.').id,
    );
    expect(calls.filter((call) => call.url.includes('/auth/signup'))).toHaveLength(0);
  });

  it('sends the account with the zone and language, then starts the guided setup', async () => {
    const calls = fakeApi({
      ...signedOut,
      'POST /api/v1/auth/signup': (call) => ({
        status: 201,
        body: {
          token: 'secret',
          user: { id: 'u1', email: 'mario@example.com', role: 'owner', tenantId: 't1' },
          tenant: {
            id: 't1',
            name: (call.body as { restaurantName: string }).restaurantName,
            timeZone: 'Europe/Rome',
            locale: 'it',
            intakeRule: 'manual-confirmation',
            cashPaymentMethods: [],
            createdAt: '2026-11-29T10:00:00.000Z',
          },
        },
      }),
    });
    renderPage(<SignupPage />, { path: '/signup', locale: 'it' });
    await screen.findByRole('heading', { name: 'Collega il tuo ristorante' });
    fill('Nome del ristorante', '  Pizzeria Da Mario ');
    fill('Email', 'mario@example.com');
    fill('Password', 'correct horse battery');
    fill('Fuso orario', 'Europe/Rome');
    fireEvent.click(screen.getByRole('button', { name: 'Crea account' }));

    await screen.findByText('setup page');
    expect(calls.find((call) => call.url === '/api/v1/auth/signup')?.body).toEqual({
      restaurantName: 'Pizzeria Da Mario',
      email: 'mario@example.com',
      password: 'correct horse battery',
      timeZone: 'Europe/Rome',
      locale: 'it',
    });
  });

  it('shows the API’s answer when the email is taken, next to the field', async () => {
    fakeApi({
      ...signedOut,
      'POST /api/v1/auth/signup': () =>
        apiError(409, 'email_taken', 'An account with this email already exists'),
    });
    renderPage(<SignupPage />, { path: '/signup' });
    await screen.findByRole('heading', { name: 'Connect your restaurant' });
    fill('Restaurant name', 'Pizzeria');
    fill('Email', 'mario@example.com');
    fill('Password', 'correct horse battery');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

    expect((await screen.findByRole('alert')).textContent).toBe('An account with this email already exists');
    expect(screen.getByText('An account with this email already exists. Sign in instead.')).toBeTruthy();
  });

  it('puts validation problems from the API on their fields', async () => {
    fakeApi({
      ...signedOut,
      'POST /api/v1/auth/signup': () =>
        apiError(400, 'validation_failed', 'restaurantName must be shorter than or equal to 120 characters', [
          {
            field: 'restaurantName',
            problems: ['restaurantName must be shorter than or equal to 120 characters'],
          },
        ]),
    });
    renderPage(<SignupPage />, { path: '/signup' });
    await screen.findByRole('heading', { name: 'Connect your restaurant' });
    fill('Restaurant name', 'Pizzeria');
    fill('Email', 'mario@example.com');
    fill('Password', 'correct horse battery');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByRole('alert');
    expect(
      screen.getByText('restaurantName must be shorter than or equal to 120 characters', {
        selector: '.field-error',
      }),
    ).toBeTruthy();
  });

  it('says when the server cannot be reached', async () => {
    fakeApi(signedOut);
    renderPage(<SignupPage />, { path: '/signup' });
    await screen.findByRole('heading', { name: 'Connect your restaurant' });
    const fetchMock = globalThis.fetch as jest.Mock;
    fetchMock.mockImplementationOnce(() => Promise.reject(new TypeError('Failed to fetch')));
    fill('Restaurant name', 'Pizzeria');
    fill('Email', 'mario@example.com');
    fill('Password', 'correct horse battery');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The server could not be reached. Check your internet connection and try again.',
    );
  });
});

describe('LoginPage', () => {
  it('says plainly when the email or password is wrong', async () => {
    fakeApi({
      ...signedOut,
      'POST /api/v1/auth/login': () => apiError(401, 'invalid_credentials', 'Wrong email or password'),
    });
    renderPage(<LoginPage />, { path: '/login', locale: 'es' });
    await screen.findByRole('heading', { name: 'Iniciar sesión' });
    fill('Correo electrónico', 'mario@example.com');
    fill('Contraseña', 'nope nope nope');
    fireEvent.click(screen.getByRole('button', { name: 'Iniciar sesión' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Correo o contraseña incorrectos.');
  });

  it('requires both fields', async () => {
    const calls = fakeApi(signedOut);
    renderPage(<LoginPage />, { path: '/login' });
    await screen.findByRole('heading', { name: 'Sign in' });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByText('This field is required.')).toBeTruthy());
    expect(calls.some((call) => call.url.includes('/auth/login'))).toBe(false);
  });
});
