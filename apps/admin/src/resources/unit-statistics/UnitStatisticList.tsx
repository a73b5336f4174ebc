import { todayInVietnam } from '@bao-phu/domain';
import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import IconButton from '@mui/material/IconButton';
import { useState } from 'react';
import {
  AutocompleteInput,
  Button,
  DataTable,
  List,
  NumberInput,
  ReferenceInput,
  SelectInput,
  TopToolbar,
  useCanAccess,
  useTranslate,
} from 'react-admin';
import { formatDateTime } from '../../components/dates';
import { levelChoices, orgUnitOptionText, useLevelLabel } from '../org-units/OrgUnitFields';
import { useCount } from '../targets/TargetFields';
import { StatisticDialog, type StatisticEditing } from './StatisticDialog';
import { STATISTIC_FIELDS, type UnitStatisticRecord } from './types';

const T = 'resources.unitStatistics';
const Column = DataTable.Col<UnitStatisticRecord>;
const nowrap = () => ({ whiteSpace: 'nowrap' }) as const;

const filters = [
  <NumberInput key="year" source="year" label={`${T}.fields.year`} alwaysOn step={1} sx={{ width: 120 }} />,
  <ReferenceInput key="withinId" source="withinId" reference="orgUnits" alwaysOn sort={{ field: 'name', order: 'ASC' }}>
    <AutocompleteInput label={`${T}.fields.withinId`} optionText={orgUnitOptionText} filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 300 }} />
  </ReferenceInput>,
  <SelectInput key="level" source="level" label={`${T}.fields.level`} choices={levelChoices.filter((c) => c.id !== 'COUNTRY')} />,
];

/**
 * "Số liệu dân số": the yearly denominators of the units in the user's scope (population,
 * working-age population, households, health-insured from outside sources), which weigh the
 * allocation "Theo tiềm năng" and the coverage rates. Filtered by year and by a unit's subtree;
 * those who set targets correct a row or add one in a dialog.
 */
export const UnitStatisticList = () => {
  const translate = useTranslate();
  const count = useCount();
  const levelLabel = useLevelLabel();
  const { canAccess: canEdit = false } = useCanAccess({ resource: 'unitStatistics', action: 'edit' });
  const [editing, setEditing] = useState<StatisticEditing>(null);
  const year = Number(todayInVietnam().slice(0, 4));
  const figure = (n: number | null) => (n === null ? '—' : count(n));
  return (
    <>
      <List
        filters={filters}
        sort={{ field: 'unitCode', order: 'ASC' }}
        perPage={25}
        exporter={false}
        actions={
          <TopToolbar>
            {canEdit && (
              <Button label={`${T}.actions.add`} onClick={() => setEditing({ row: null, year })}>
                <AddIcon />
              </Button>
            )}
          </TopToolbar>
        }
      >
        <DataTable bulkActionButtons={false} rowClick={false}>
          <Column source="unitCode" label={`${T}.fields.unitCode`} cellSx={nowrap} />
          <Column source="unitName" label={`${T}.fields.unit`} />
          <Column source="unit.level" label={`${T}.fields.level`} disableSort render={(r) => levelLabel(r.unit.level)} />
          <Column source="year" label={`${T}.fields.year`} />
          {STATISTIC_FIELDS.map((f) => (
            <Column
              key={f}
              source={f}
              label={`${T}.fields.${f}`}
              align="right"
              disableSort={f === 'households' || f === 'healthInsured'}
              render={(r) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{figure(r[f])}</span>}
            />
          ))}
          <Column source="updatedAt" label={`${T}.fields.updatedAt`} disableSort cellSx={nowrap} render={(r) => formatDateTime(r.updatedAt)} />
          {canEdit && (
            <Column
              label=""
              disableSort
              render={(r) => (
                <IconButton size="small" aria-label={translate(`${T}.actions.edit`, { name: r.unitName, year: r.year })} onClick={() => setEditing({ row: r, year: r.year })}>
                  <EditIcon fontSize="small" />
                </IconButton>
              )}
            />
          )}
        </DataTable>
      </List>
      {canEdit && (
        // A fresh dialog (version, stored figures) for each row opened.
        <StatisticDialog key={editing?.row?.id ?? `new:${editing?.year ?? ''}`} editing={editing} onClose={() => setEditing(null)} />
      )}
    </>
  );
};
