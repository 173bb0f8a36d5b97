// Shapes of the GoodCom Bridge HTTP API (`/api/v1`), as the API's view functions build them.
// Plain types only (no classes, no decorators) so the dashboard bundle stays small. Times are ISO
// 8601 strings in UTC; money is a decimal string in major units ("7.50") next to its currency.

export * from './api-error';
export * from './auth';
export * from './tenant';
export * from './api-key';
export * from './printer';
export * from './order';
export * from './integrations';
