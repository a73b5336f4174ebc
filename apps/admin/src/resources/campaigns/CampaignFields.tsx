import { useQuery } from '@apollo/client/react';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Chip, { type ChipProps } from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { SxProps, Theme } from '@mui/material/styles';
import { useEffect, useMemo, useState } from 'react';
import { useInput, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatPercent } from '../../reports/achievement/board';
import { useCount } from '../targets/TargetFields';
import { barPct } from './campaign';
import { UNIT_CHOICES, UNIT_NAME, type UnitChoice } from './queries';
import type { CampaignDetail, CampaignMemberRole, CampaignStatus, VisitOutcome } from './types';

export const T = 'resources.campaigns';
export const numeric = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/**
 * The campaign of the page once its details are read. Until then react-admin shows the row of the
 * list it came from (members without names, no sessions nor results), which the tabs cannot use.
 */
export const useCampaignDetail = (): CampaignDetail | undefined => {
  const record = useRecordContext<CampaignDetail>();
  return record && record.results && record.sessions ? record : undefined;
};

/** "Đang triển khai", "Tổ trưởng", "Từ chối" … in the user's language. */
export const useCampaignLabels = () => {
  const translate = useTranslate();
  return {
    status: (s: CampaignStatus) => translate(`${T}.status.${s}`),
    role: (r: CampaignMemberRole) => translate(`${T}.roles.${r}`),
    outcome: (o: VisitOutcome) => translate(`${T}.outcomes.${o}`),
  };
};

const STATUS_LOOK: Record<CampaignStatus, { color: ChipProps['color']; variant: ChipProps['variant'] }> = {
  PLANNED: { color: 'info', variant: 'outlined' },
  ACTIVE: { color: 'success', variant: 'filled' },
  COMPLETED: { color: 'default', variant: 'filled' },
  CANCELLED: { color: 'default', variant: 'outlined' },
};

export const CampaignStatusChip = ({ status, size = 'small' }: { status: CampaignStatus; size?: ChipProps['size'] }) => {
  const labels = useCampaignLabels();
  return <Chip size={size} data-status={status} {...STATUS_LOOK[status]} label={labels.status(status)} />;
};

/** The colour of each outcome, the same on the entry buttons, the visit list and the results. */
export const OUTCOME_COLORS: Record<VisitOutcome, ChipProps['color']> = {
  ENROLLED: 'success',
  INTERESTED: 'info',
  REFUSED: 'error',
  NOT_HOME: 'default',
  ALREADY_INSURED: 'secondary',
};

export const OutcomeChip = ({ outcome }: { outcome: VisitOutcome }) => {
  const labels = useCampaignLabels();
  return <Chip size="small" variant="outlined" color={OUTCOME_COLORS[outcome]} label={labels.outcome(outcome)} />;
};

/**
 * New participants against a target, as a bar a user reads at a glance and in words: "1 / 20 — đạt
 * 5 %". Without a target the bar stays empty and the words say so.
 */
export const TargetProgress = ({ label, value, target, pct }: { label: string; value: number; target: number | null; pct: number | null }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const count = useCount();
  const fill = target ? barPct(value, target) : 0;
  const reached = target !== null && value >= target;
  return (
    <Box>
      <Stack direction="row" justifyContent="space-between" alignItems="baseline" spacing={1} flexWrap="wrap" useFlexGap>
        <Typography variant="subtitle2" component="span">
          {label}
        </Typography>
        <Typography variant="body2" component="span" sx={numeric}>
          {target === null ? translate(`${T}.results.no_target`, { n: count(value) }) : translate(`${T}.results.of_target`, { n: count(value), target: count(target), pct: formatPercent(pct ?? 0, locale) })}
        </Typography>
      </Stack>
      <Box
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fill)}
        aria-valuetext={target === null ? translate(`${T}.results.no_target`, { n: count(value) }) : formatPercent(pct ?? 0, locale)}
        sx={{ height: 14, borderRadius: 7, bgcolor: 'action.hover', mt: 0.5, overflow: 'hidden' }}
      >
        <Box sx={{ width: `${fill}%`, height: '100%', bgcolor: reached ? 'success.main' : 'primary.main', borderRadius: 7 }} />
      </Box>
    </Box>
  );
};

/** "Xã Hòa Long — BHXH cơ sở Hoa Long". */
export const unitLabel = (u: Pick<UnitChoice, 'name' | 'parent'> | null | undefined) => (u ? (u.parent ? `${u.name} — ${u.parent.name}` : u.name) : '');

/** The value once it has stopped changing for `ms`: a search typed letter by letter asks once. */
export const useDebounced = <V,>(value: V, ms = 250): V => {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
};

export type PickerLevel = 'PROVINCE' | 'BASE' | 'COMMUNE';

export interface UnitPickerProps {
  value: string | null;
  onChange: (id: string | null, unit: UnitChoice | null) => void;
  /** The levels offered, grouped in this order. */
  levels: readonly PickerLevel[];
  label: string;
  placeholder?: string;
  helperText?: string;
  error?: boolean;
  required?: boolean;
  sx?: SxProps<Theme>;
  fullWidth?: boolean;
}

/**
 * A unit of the user's scope chosen by name (without diacritics) or code, grouped by level: the
 * API answers with the caller's scope only, so a base officer sees its communes.
 */
export const UnitPicker = ({ value, onChange, levels, label, placeholder, helperText, error, required, sx, fullWidth }: UnitPickerProps) => {
  const translate = useTranslate();
  const [input, setInput] = useState('');
  const q = useDebounced(input.trim());
  const { data: chosenData } = useQuery(UNIT_NAME, { variables: { id: value ?? '' }, skip: !value });
  const chosen = value ? (chosenData?.orgUnit ?? null) : null;
  // While the chosen unit's name is shown in the box, the options are not filtered by it.
  const search = chosen && input === unitLabel(chosen) ? null : q || null;
  const { data, loading } = useQuery(UNIT_CHOICES, {
    variables: { q: search, provinces: levels.includes('PROVINCE'), bases: levels.includes('BASE'), communes: levels.includes('COMMUNE') },
  });
  const options = useMemo(() => {
    const all = [...(data?.provinces?.items ?? []), ...(data?.bases?.items ?? []), ...(data?.communes?.items ?? [])];
    return chosen && !all.some((u) => u.id === chosen.id) ? [chosen, ...all] : all;
  }, [data, chosen]);
  return (
    <Autocomplete<UnitChoice>
      options={options}
      value={chosen}
      loading={loading}
      onChange={(_, u) => onChange(u?.id ?? null, u)}
      inputValue={input}
      onInputChange={(_, v) => setInput(v)}
      filterOptions={(x) => x}
      groupBy={levels.length > 1 ? (u) => translate(`resources.orgUnits.levels.${u.level}`) : undefined}
      getOptionLabel={unitLabel}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      noOptionsText={translate(`${T}.unit_picker.none`)}
      loadingText={translate('ra.page.loading')}
      sx={sx}
      fullWidth={fullWidth}
      renderInput={(params) => (
        <TextField {...params} size="small" label={label} placeholder={placeholder ?? translate(`${T}.unit_picker.search`)} helperText={helperText} error={error} required={required} />
      )}
    />
  );
};

/** The unit picker as a react-admin filter input (`withinId` of the campaign list). */
export const UnitFilterInput = ({ source, label, levels, alwaysOn: _alwaysOn, sx }: { source: string; label: string; levels: readonly PickerLevel[]; alwaysOn?: boolean; sx?: SxProps<Theme> }) => {
  const translate = useTranslate();
  const { field } = useInput({ source });
  return <UnitPicker value={field.value || null} onChange={(id) => field.onChange(id ?? '')} levels={levels} label={translate(label)} sx={{ minWidth: '18em', mb: 0.5, ...sx }} />;
};

/** The levels a user's scope can pick for "within": what lies below their scope. */
export function levelsBelow(scopeLevel: string | undefined): PickerLevel[] {
  switch (scopeLevel) {
    case 'COUNTRY':
      return ['PROVINCE', 'BASE', 'COMMUNE'];
    case 'PROVINCE':
      return ['BASE', 'COMMUNE'];
    case 'BASE':
      return ['COMMUNE'];
    default:
      return ['COMMUNE'];
  }
}
