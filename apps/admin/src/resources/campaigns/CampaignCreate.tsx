import { useQuery } from '@apollo/client/react';
import { isLocalDate, todayInVietnam } from '@bao-phu/domain';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, type MutableRefObject } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import {
  AutocompleteInput,
  Create,
  minValue,
  NumberInput,
  RadioButtonGroupInput,
  ReferenceInput,
  required,
  SimpleForm,
  TextInput,
  useInput,
  useLocation,
  useTranslate,
  type Validator,
} from 'react-admin';
import { formatLocalDate } from '../../components/dates';
import { LocalDateInput } from '../../components/LocalDateInput';
import { orgUnitOptionText } from '../org-units/OrgUnitFields';
import type { OrgUnitRecord } from '../org-units/types';
import { addDays, plannedSessions, saturdayFrom, toCreateInput, type CampaignFormValues, type Repeat } from './campaign';
import { T } from './CampaignFields';
import { DatesPicker } from './DatesPicker';
import { COMMUNE_HAMLETS } from './queries';

const REPEATS: Repeat[] = ['WEEKLY', 'ONCE', 'DATES'];

const notBeforeLaunch: Validator = (value: unknown, values: CampaignFormValues) =>
  typeof value === 'string' && isLocalDate(value) && values.launchDate && value < values.launchDate ? `${T}.create.before_launch` : undefined;

/** The commune's hamlets, all ticked when a commune is chosen; the API's default is all of them. */
const HamletsInput = ({ allIds }: { allIds: MutableRefObject<string[]> }) => {
  const translate = useTranslate();
  const communeId = useWatch<CampaignFormValues, 'communeId'>({ name: 'communeId' });
  const { setValue } = useFormContext<CampaignFormValues>();
  const { field } = useInput({ source: 'hamletIds', defaultValue: [] });
  const { data, loading } = useQuery(COMMUNE_HAMLETS, { variables: { communeId: communeId ?? '' }, skip: !communeId });
  const hamlets = communeId ? (data?.orgUnits.items ?? []) : [];
  const filledFor = useRef<string | null>(null);
  useEffect(() => {
    allIds.current = hamlets.map((h) => h.id);
    if (communeId && data && filledFor.current !== communeId) {
      filledFor.current = communeId;
      setValue('hamletIds', hamlets.map((h) => h.id), { shouldDirty: true });
    }
  }, [communeId, data, hamlets, allIds, setValue]);
  const chosen: string[] = field.value ?? [];
  const all = hamlets.length > 0 && hamlets.every((h) => chosen.includes(h.id));
  const toggle = (id: string) => field.onChange(chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]);
  const label = translate(`${T}.fields.hamletIds`);
  return (
    <FormControl component="fieldset" sx={{ mb: 2, width: '100%' }} error={!!communeId && hamlets.length > 0 && chosen.length === 0}>
      <FormLabel component="legend">{label}</FormLabel>
      {!communeId ? (
        <FormHelperText>{translate(`${T}.create.pick_commune_first`)}</FormHelperText>
      ) : loading ? (
        <FormHelperText>{translate('ra.page.loading')}</FormHelperText>
      ) : hamlets.length === 0 ? (
        <FormHelperText>{translate(`${T}.create.no_hamlets`)}</FormHelperText>
      ) : (
        <>
          <FormControlLabel
            control={<Checkbox checked={all} indeterminate={!all && chosen.length > 0} onChange={(e) => field.onChange(e.target.checked ? hamlets.map((h) => h.id) : [])} />}
            label={translate(`${T}.create.hamlets_all`, { n: hamlets.length })}
          />
          <FormGroup row sx={{ pl: 3 }}>
            {hamlets.map((h) => (
              <FormControlLabel key={h.id} control={<Checkbox size="small" checked={chosen.includes(h.id)} onChange={() => toggle(h.id)} />} label={h.name} />
            ))}
          </FormGroup>
          <FormHelperText>{translate(chosen.length === 0 ? `${T}.create.hamlets_none` : `${T}.create.hamlets_help`)}</FormHelperText>
        </>
      )}
    </FormControl>
  );
};

/** Days chosen one by one, as chips; none is accepted before the launch day. */
const SessionDatesInput = () => {
  const launchDate = useWatch<CampaignFormValues, 'launchDate'>({ name: 'launchDate' });
  const validate: Validator = (value: unknown) => (Array.isArray(value) && value.length > 0 ? undefined : `${T}.create.no_dates`);
  const { field, fieldState } = useInput({ source: 'sessionDates', defaultValue: [], validate });
  return <DatesPicker value={field.value ?? []} onChange={field.onChange} minDate={launchDate} error={fieldState.error?.message} />;
};

/** The repeat chosen and, under it, every day the group will go out. */
const ScheduleInputs = () => {
  const translate = useTranslate();
  const values = useWatch<CampaignFormValues>() as CampaignFormValues;
  const sessions = plannedSessions(values);
  return (
    <Box sx={{ width: '100%' }}>
      <RadioButtonGroupInput source="repeat" label={`${T}.fields.repeat`} choices={REPEATS.map((r) => ({ id: r, name: `${T}.create.repeat.${r}` }))} helperText={false} />
      {values.repeat === 'WEEKLY' && <LocalDateInput source="weeklyUntil" label={`${T}.fields.weeklyUntil`} validate={[required(), notBeforeLaunch]} helperText="app.date_hint" sx={{ width: '14em' }} />}
      {values.repeat === 'DATES' && <SessionDatesInput />}
      {sessions.length > 0 && (
        <Alert severity="info" icon={false} sx={{ mb: 2 }} role="status" aria-label={translate(`${T}.create.schedule`)}>
          {translate(`${T}.create.sessions_preview`, { smart_count: sessions.length, dates: sessions.map(formatLocalDate).join(', ') })}
        </Alert>
      )}
    </Box>
  );
};

/** Picking a commune names the campaign after it, unless the user has named it already. */
const CommuneInput = () => {
  const translate = useTranslate();
  const { setValue, getValues } = useFormContext<CampaignFormValues>();
  const lastAuto = useRef<string | null>(null);
  const onChange = (_: unknown, record: unknown) => {
    const unit = record as OrgUnitRecord | undefined;
    if (!unit) return;
    const name = getValues('name') ?? '';
    if (!name.trim() || name === lastAuto.current) {
      const auto = translate(`${T}.create.default_name`, { commune: unit.name });
      lastAuto.current = auto;
      setValue('name', auto, { shouldDirty: true, shouldValidate: true });
    }
  };
  return (
    <ReferenceInput source="communeId" reference="orgUnits" filter={{ level: 'COMMUNE' }} sort={{ field: 'name', order: 'ASC' }}>
      <AutocompleteInput label={`${T}.fields.communeId`} optionText={orgUnitOptionText} filterToQuery={(q: string) => ({ q })} validate={required()} onChange={onChange} fullWidth helperText={`${T}.create.commune_help`} />
    </ReferenceInput>
  );
};

/**
 * "Tạo mô hình vận động": where (a commune of the user's scope and its hamlets, all by default),
 * when (the launch day and the Saturdays after it, or days chosen one by one), what for (targets),
 * why there and with whom. Prefilled by `?source=` from "Nơi cần tập trung"; opens the campaign's
 * page once created.
 */
export const CampaignCreate = () => {
  const translate = useTranslate();
  const location = useLocation();
  const allHamletIds = useRef<string[]>([]);
  const today = todayInVietnam();
  const launch = saturdayFrom(today);
  const prefilled = new URLSearchParams(location.search).has('source');
  return (
    <Create redirect="show" title={`${T}.create.title`} transform={(data: CampaignFormValues) => toCreateInput(data, allHamletIds.current)}>
      <SimpleForm defaultValues={{ launchDate: launch, repeat: 'WEEKLY', weeklyUntil: addDays(launch, 21), hamletIds: [], sessionDates: [] }} sx={{ maxWidth: 760 }}>
        {prefilled && (
          <Alert severity="info" sx={{ mb: 2, width: '100%' }}>
            {translate(`${T}.create.from_ranking`)}
          </Alert>
        )}
        <CommuneInput />
        <TextInput source="name" label={`${T}.fields.name`} validate={required()} fullWidth />
        <HamletsInput allIds={allHamletIds} />
        <LocalDateInput source="launchDate" label={`${T}.fields.launchDate`} validate={required()} helperText={`${T}.create.launch_help`} sx={{ width: '14em' }} />
        <ScheduleInputs />
        <Typography variant="subtitle1" component="h2" sx={{ mt: 1 }}>
          {translate(`${T}.create.targets`)}
        </Typography>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ width: '100%' }}>
          <NumberInput source="targetNewVoluntarySI" label={`${T}.fields.targetNewVoluntarySI`} min={0} step={1} validate={minValue(0)} helperText={`${T}.create.targets_help`} />
          <NumberInput source="targetNewHouseholdHI" label={`${T}.fields.targetNewHouseholdHI`} min={0} step={1} validate={minValue(0)} helperText={`${T}.create.targets_help`} />
        </Stack>
        <TextInput source="reason" label={`${T}.fields.reason`} multiline minRows={2} fullWidth helperText={`${T}.create.reason_help`} />
        <TextInput source="partners" label={`${T}.fields.partners`} multiline fullWidth helperText={`${T}.create.partners_help`} />
        <TextInput source="code" label={`${T}.fields.code`} helperText={`${T}.create.code_help`} sx={{ width: '20em', maxWidth: '100%' }} />
      </SimpleForm>
    </Create>
  );
};
