import AccountTreeIcon from '@mui/icons-material/AccountTree';
import {
  BooleanInput,
  Button,
  CreateButton,
  DataTable,
  List,
  SearchInput,
  SelectInput,
  TopToolbar,
} from 'react-admin';
import { LocalDateField } from '../../components/LocalDateField';
import { LocalDateInput } from '../../components/LocalDateInput';
import { levelChoices, OrgUnitChips, OrgUnitLink, useLevelLabel } from './OrgUnitFields';
import type { OrgUnitRecord } from './types';

/** `q` folds diacritics on the server: "hoa long" finds "Hòa Long". */
const orgUnitFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="level" source="level" choices={levelChoices} alwaysOn />,
  <LocalDateInput key="asOf" source="asOf" alwaysOn sx={{ width: '11em' }} />,
  <BooleanInput key="includeClosed" source="includeClosed" alwaysOn />,
];

const OrgUnitListActions = () => (
  <TopToolbar>
    <Button to="/tree" label="resources.orgUnits.actions.tree">
      <AccountTreeIcon />
    </Button>
    <CreateButton />
  </TopToolbar>
);

const Column = DataTable.Col<OrgUnitRecord>;

export const OrgUnitList = () => {
  const levelLabel = useLevelLabel();
  return (
    <List
      filters={orgUnitFilters}
      actions={<OrgUnitListActions />}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={25}
      // The API caps a page at 200 rows; exports come from the API's /api/exports instead.
      exporter={false}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <Column source="code" />
        <Column
          source="name"
          render={(unit) => (
            <>
              <span>{unit.name}</span>
              <OrgUnitChips unit={unit} />
            </>
          )}
        />
        <Column source="level" render={(unit) => levelLabel(unit.level)} />
        <Column source="parent" disableSort render={(unit) => (unit.parent ? <OrgUnitLink unit={unit.parent} /> : null)} />
        <Column source="validFrom" field={LocalDateField} />
        <Column source="validTo" field={LocalDateField} />
      </DataTable>
    </List>
  );
};
