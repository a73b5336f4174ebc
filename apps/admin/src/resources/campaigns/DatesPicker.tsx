import { isLocalDate, type LocalDate } from '@bao-phu/domain';
import AddIcon from '@mui/icons-material/Add';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { formatLocalDate, toLocalDateValue } from '../../components/dates';
import { T } from './CampaignFields';

/**
 * Days typed one at a time (DD/MM/YYYY, Enter or "Thêm ngày" adds one), kept sorted as chips that
 * can be removed. A day before `minDate` (the launch) is refused on the spot, as the API would.
 */
export const DatesPicker = ({
  value,
  onChange,
  minDate,
  error,
  label,
}: {
  value: LocalDate[];
  onChange: (dates: LocalDate[]) => void;
  minDate?: LocalDate | null;
  /** A translation key, e.g. the form's validation message. */
  error?: string;
  label?: string;
}) => {
  const translate = useTranslate();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const add = () => {
    const d = toLocalDateValue(text);
    if (!d || !isLocalDate(d)) return setProblem('app.validation.date');
    if (minDate && d < minDate) return setProblem(translate(`${T}.create.before_launch_date`, { date: formatLocalDate(minDate) }));
    setProblem(null);
    setText('');
    if (!value.includes(d)) onChange([...value, d].sort());
  };
  const shown = problem ?? error;
  return (
    <Box sx={{ mb: 2 }}>
      <Stack direction="row" spacing={1} alignItems="flex-start">
        <TextField
          size="small"
          label={label ?? translate(`${T}.create.date_to_add`)}
          value={text}
          placeholder="DD/MM/YYYY"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          error={!!shown}
          helperText={shown ? translate(shown, { _: shown }) : translate('app.date_hint')}
          slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
          sx={{ width: '12em' }}
        />
        <Button startIcon={<AddIcon />} onClick={add} sx={{ mt: 0.5 }}>
          {translate(`${T}.create.add_date`)}
        </Button>
      </Stack>
      <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap sx={{ mt: 1 }} aria-live="polite">
        {value.map((d) => (
          <Chip key={d} label={formatLocalDate(d)} onDelete={() => onChange(value.filter((x) => x !== d))} />
        ))}
      </Stack>
    </Box>
  );
};
