import type { Validator } from 'react-admin';

/** The API's rule (apps/api auth/password.ts): at least 10 characters, not containing the username. */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * Checks a new password before it is sent, with the API's own rule. `username` is the account's
 * username, or a function reading it from the form's values (the create form).
 */
export const newPassword =
  (username: string | ((values: Record<string, unknown>) => unknown)): Validator =>
  (value: unknown, values: Record<string, unknown>) => {
    const password = typeof value === 'string' ? value : '';
    if (password === '') return undefined;
    if (password.length < MIN_PASSWORD_LENGTH) {
      return { message: 'app.validation.password_short', args: { min: MIN_PASSWORD_LENGTH } };
    }
    const name = String((typeof username === 'function' ? username(values) : username) ?? '')
      .trim()
      .toLowerCase();
    if (name && password.toLowerCase().includes(name)) return 'app.validation.password_username';
    return undefined;
  };

/** The repeated password must equal the one in `field`. */
export const sameAs =
  (field: string): Validator =>
  (value: unknown, values: Record<string, unknown>) =>
    value && value !== values?.[field] ? 'app.validation.password_mismatch' : undefined;
