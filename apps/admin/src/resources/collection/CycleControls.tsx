import { useQuery } from '@apollo/client/react';
import type { Month } from '@bao-phu/domain';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useTranslate } from 'react-admin';
import { formatMonth, monthChoices } from './cycle';
import { BASE_OFFICES, COLLECTION_ORGANIZATIONS } from './queries';

/** The base offices the user may open (its own, those of its province, the one above its commune). */
export function useBaseOffices() {
  const { data, loading, error } = useQuery(BASE_OFFICES, { fetchPolicy: 'cache-first' });
  return { bases: data?.orgUnits.items ?? [], loading, error };
}

/** Every collection organization (a short list: Bưu điện, Viettel …). */
export function useOrganizations(skip = false) {
  const { data } = useQuery(COLLECTION_ORGANIZATIONS, { fetchPolicy: 'cache-first', skip });
  return data?.collectionOrganizations.items ?? [];
}

/** "BHXH cơ sở": shown only when the user has more than one to choose from. */
export const BaseOfficeSelect = ({ value, bases, onChange, extra }: { value: string | null; bases: readonly { id: string; name: string }[]; onChange: (id: string) => void; extra?: { id: string; name: string } | null }) => {
  const translate = useTranslate();
  const options = extra && !bases.some((b) => b.id === extra.id) ? [extra, ...bases] : bases;
  if (options.length < 2 && (!value || options.some((b) => b.id === value))) return null;
  return (
    <TextField
      select
      size="small"
      fullWidth={false}
      label={translate('resources.collection.fields.base')}
      value={value && options.some((b) => b.id === value) ? value : ''}
      onChange={(e) => onChange(e.target.value)}
      sx={{ minWidth: 240 }}
    >
      {options.map((b) => (
        <MenuItem key={b.id} value={b.id}>
          {b.name}
        </MenuItem>
      ))}
    </TextField>
  );
};

/** "Tháng": next month (the latest the API generates) back a year, plus the one in the URL if older. */
export const MonthSelect = ({ value, today, onChange }: { value: Month; today: string; onChange: (m: Month) => void }) => {
  const translate = useTranslate();
  const months = monthChoices(today);
  if (!months.includes(value)) months.push(value);
  return (
    <TextField select size="small" fullWidth={false} label={translate('resources.collection.fields.month')} value={value} onChange={(e) => onChange(e.target.value)} sx={{ minWidth: 140 }}>
      {months.map((m) => (
        <MenuItem key={m} value={m}>
          {formatMonth(m)}
        </MenuItem>
      ))}
    </TextField>
  );
};

/** "Đơn vị thu": every organization, or one. */
export const OrganizationSelect = ({ value, organizations, onChange }: { value: string | null; organizations: readonly { id: string; name: string }[]; onChange: (id: string | null) => void }) => {
  const translate = useTranslate();
  return (
    <TextField
      select
      size="small"
      fullWidth={false}
      label={translate('resources.collection.fields.organization')}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value || null)}
      sx={{ minWidth: 220 }}
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
    >
      <MenuItem value="">{translate('resources.collection.all_organizations')}</MenuItem>
      {organizations.map((o) => (
        <MenuItem key={o.id} value={o.id}>
          {o.name}
        </MenuItem>
      ))}
    </TextField>
  );
};
