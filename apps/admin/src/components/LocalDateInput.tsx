import { isLocalDate } from '@bao-phu/domain';
import { TextInput, type TextInputProps, type Validator } from 'react-admin';
import { formatLocalDate, toLocalDateValue } from './dates';

/** Rejects anything that is not a real calendar date once parsed (31/02/2025, 12/2025 …). */
export const localDate: Validator = (value: unknown) =>
  value == null || value === '' || (typeof value === 'string' && isLocalDate(value))
    ? undefined
    : 'app.validation.date';

const asArray = (validate: TextInputProps['validate']): Validator[] =>
  validate == null ? [] : Array.isArray(validate) ? validate : [validate];

/**
 * A date typed as `DD/MM/YYYY` (as written in Vietnam; `YYYY-MM-DD` is accepted too) and kept in
 * the form as the API's `YYYY-MM-DD`. A text input rather than the browser's date picker, whose
 * display order follows the browser's language instead of ours.
 */
export const LocalDateInput = ({ validate, helperText, ...props }: TextInputProps) => (
  <TextInput
    format={(value: string | null | undefined) => (value ? formatLocalDate(value) : '')}
    parse={toLocalDateValue}
    validate={[...asArray(validate), localDate]}
    placeholder="DD/MM/YYYY"
    helperText={helperText ?? false}
    inputProps={{ inputMode: 'numeric', autoComplete: 'off' }}
    {...props}
  />
);
