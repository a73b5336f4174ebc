import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import { useRef, useState } from 'react';
import { AutocompleteInput, HttpError, minValue, NumberInput, ReferenceInput, required, useDataProvider, useRefresh, useTranslate, type Validator } from 'react-admin';
import { ActionDialog } from '../../components/ActionDialog';
import type { GraphQLDataProvider } from '../../providers/dataProvider';
import { orgUnitOptionText } from '../org-units/OrgUnitFields';
import { useCount } from '../targets/TargetFields';
import { SET_UNIT_STATISTIC, UNIT_STATISTIC_OF } from './queries';
import { STATISTIC_FIELDS, type StatisticField, type UnitStatisticRecord } from './types';

const T = 'resources.unitStatistics';

type Values = { unitId: string | null; year: number | null } & Record<StatisticField, number | null>;

const wholeNumber: Validator = (value: unknown) =>
  value == null || value === '' || (typeof value === 'number' && Number.isSafeInteger(value)) ? undefined : `${T}.validation.whole_number`;

/** What the dialog edits: a stored row, or a new unit's year (`row: null`). */
export type StatisticEditing = { row: UnitStatisticRecord | null; year: number } | null;

/**
 * Creates or corrects one unit's figures for a year with the version the user saw. When someone
 * else saved in between (CONFLICT), the dialog stays open with the typed figures, shows what is
 * stored now and takes its version, so a second save is a deliberate overwrite. Refused figures
 * (above the population, negative) are shown on their inputs.
 */
export const StatisticDialog = ({ editing, onClose }: { editing: StatisticEditing; onClose: () => void }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const refresh = useRefresh();
  const count = useCount();
  const row = editing?.row ?? null;
  const version = useRef(row?.version ?? 0);
  const [stored, setStored] = useState<Record<StatisticField, number | null> | null>(null);

  const save = async (values: Values) => {
    const unitId = row?.unitId ?? values.unitId;
    const year = row?.year ?? values.year;
    if (!unitId || !year) throw new HttpError(translate('ra.validation.required'), 400);
    try {
      await dataProvider.execute(SET_UNIT_STATISTIC, {
        input: { unitId, year, expectedVersion: version.current, ...Object.fromEntries(STATISTIC_FIELDS.map((f) => [f, values[f] ?? null])) },
      });
    } catch (e) {
      if (e instanceof HttpError && (e.body as { code?: string } | undefined)?.code === 'CONFLICT') {
        const { unitStatistics } = await dataProvider.execute(UNIT_STATISTIC_OF, { unitId, year });
        const now = unitStatistics.items[0];
        version.current = now?.version ?? 0;
        setStored(now ? (Object.fromEntries(STATISTIC_FIELDS.map((f) => [f, now[f]])) as Record<StatisticField, number | null>) : null);
        refresh();
      }
      throw e;
    }
    return translate(`${T}.saved`);
  };

  const title = row ? translate(`${T}.edit_title`, { name: row.unitName, year: row.year }) : translate(`${T}.add_title`);
  return (
    <ActionDialog<Values>
      key={row ? `${row.id}` : `new:${editing?.year ?? ''}`}
      open={editing !== null}
      onClose={onClose}
      title={title}
      help={translate(`${T}.help`)}
      submitLabel="ra.action.save"
      defaultValues={{
        unitId: row?.unitId ?? null,
        year: row?.year ?? editing?.year ?? null,
        population: row?.population ?? null,
        workingAgePopulation: row?.workingAgePopulation ?? null,
        households: row?.households ?? null,
        healthInsured: row?.healthInsured ?? null,
      }}
      onSubmit={save}
    >
      {stored && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate(`${T}.stored_now`, {
            figures: STATISTIC_FIELDS.map((f) => `${translate(`${T}.fields.${f}`)}: ${stored[f] === null ? '—' : count(stored[f])}`).join('; '),
          })}
        </Alert>
      )}
      {!row && (
        <Stack direction="row" spacing={2}>
          <ReferenceInput source="unitId" reference="orgUnits" sort={{ field: 'name', order: 'ASC' }}>
            <AutocompleteInput label={`${T}.fields.unit`} optionText={orgUnitOptionText} filterToQuery={(q: string) => ({ q })} validate={required()} sx={{ minWidth: 320 }} />
          </ReferenceInput>
          <NumberInput source="year" label={`${T}.fields.year`} validate={[required(), minValue(2000)]} step={1} sx={{ width: 120 }} />
        </Stack>
      )}
      {STATISTIC_FIELDS.map((f) => (
        <NumberInput key={f} source={f} label={`${T}.fields.${f}`} validate={[wholeNumber, minValue(0)]} step={1} helperText={`${T}.hints.${f}`} fullWidth />
      ))}
    </ActionDialog>
  );
};
