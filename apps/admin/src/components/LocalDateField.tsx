import Typography, { type TypographyProps } from '@mui/material/Typography';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';
import { formatLocalDate } from './dates';

export type LocalDateFieldProps = FieldProps & Pick<TypographyProps, 'sx'>;

/** A `Date` scalar field (`YYYY-MM-DD`) shown as `DD/MM/YYYY`; empty when the value is null. */
export const LocalDateField = (props: LocalDateFieldProps) => {
  const value = useFieldValue(props) as string | null | undefined;
  const translate = useTranslate();
  const text = formatLocalDate(value);
  const empty = props.emptyText ? translate(props.emptyText, { _: props.emptyText }) : '';
  return (
    <Typography component="span" variant="body2" sx={props.sx}>
      {text || empty}
    </Typography>
  );
};
