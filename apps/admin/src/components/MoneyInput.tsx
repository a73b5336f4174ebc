import { formatVnd } from '@bao-phu/domain';
import InputAdornment from '@mui/material/InputAdornment';
import { TextInput, type TextInputProps, type Validator } from 'react-admin';

/** A whole, positive number of đồng that a JavaScript number holds exactly. */
export const wholeDong: Validator = (value: unknown) =>
  value == null || value === '' || (typeof value === 'number' && Number.isSafeInteger(value) && value > 0)
    ? undefined
    : 'app.validation.money';

/** "1.500.000" → 1500000; anything but digits is dropped, so "1,500,000" and "1 500 000" work too. */
export function parseDong(text: string | null | undefined): number | null {
  const digits = (text ?? '').replace(/\D/g, '');
  return digits === '' ? null : Number(digits);
}

const asArray = (validate: TextInputProps['validate']): Validator[] =>
  validate == null ? [] : Array.isArray(validate) ? validate : [validate];

/**
 * An amount in đồng, typed with or without thousands dots and shown as written in Vietnam
 * ("1.500.000 ₫"); the form holds the number.
 */
export const MoneyInput = ({ validate, ...props }: TextInputProps) => (
  <TextInput
    format={(value: number | string | null | undefined) =>
      typeof value === 'number' ? formatVnd(value, { symbol: '' }) : (value ?? '')
    }
    parse={parseDong}
    validate={[...asArray(validate), wholeDong]}
    InputProps={{ endAdornment: <InputAdornment position="end">₫</InputAdornment> }}
    inputProps={{ inputMode: 'numeric', autoComplete: 'off' }}
    {...props}
  />
);
