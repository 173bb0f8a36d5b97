import { TextDecoder, TextEncoder } from 'node:util';

// jsdom lacks TextEncoder (react-router needs it at import time); Node's is the same standard one.
Object.assign(globalThis, { TextEncoder, TextDecoder });

afterEach(() => {
  jest.restoreAllMocks();
  localStorage.clear();
});

// Tests run as a British-English browser: 24-hour times, day-month dates.
Object.defineProperty(navigator, 'languages', { value: ['en-GB', 'en'], configurable: true });
Object.defineProperty(navigator, 'language', { value: 'en-GB', configurable: true });
