/** Injection tokens for infrastructure objects built once at boot and handed to Nest. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const TOKEN_CRYPTO = Symbol('TOKEN_CRYPTO');
export const PASSWORD_HASHER = Symbol('PASSWORD_HASHER');
export const LOGGER = Symbol('LOGGER');
export const CLOCK = Symbol('CLOCK');

/** Milliseconds since the epoch; injectable so tests can move time forward. */
export interface Clock {
  now(): number;
}
