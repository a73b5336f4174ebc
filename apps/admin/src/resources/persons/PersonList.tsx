import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { CreateButton, DataTable, List, SearchInput, SimpleList, TopToolbar, useTranslate } from 'react-admin';
import { formatLocalDate } from '../../components/dates';
import { LocalDateField } from '../../components/LocalDateField';
import { PersonExportButton } from './PersonExportButton';
import { HamletInput, HamletLink, SupportCategoryChip, useEnumLabels } from './PersonFields';
import type { PersonRecord } from './types';

const PersonListActions = () => (
  <TopToolbar>
    <CreateButton />
    <PersonExportButton />
  </TopToolbar>
);

const Column = DataTable.Col<PersonRecord>;

/**
 * The people of the user's scope. `q` is a name without diacritics ("nguyen van") or the start of a
 * citizen ID; citizen IDs show as the API sends them (masked for planners and supervisors).
 */
export const PersonList = () => {
  const translate = useTranslate();
  const labels = useEnumLabels();
  // On a phone, in the hamlet: one line per person instead of a table wider than the screen.
  const small = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const filters = [
    <SearchInput
      key="q"
      source="q"
      alwaysOn
      placeholder={translate('resources.persons.list.search')}
      sx={{ minWidth: small ? undefined : '18em' }}
    />,
    <HamletInput key="hamletId" source="hamletId" alwaysOn fullWidth sx={{ minWidth: small ? undefined : '20em' }} />,
  ];
  return (
    <List filters={filters} actions={<PersonListActions />} sort={{ field: 'fullName', order: 'ASC' }} perPage={25} exporter={false}>
      {small ? (
        <SimpleList<PersonRecord>
          linkType="show"
          primaryText={(p) => p.fullName}
          secondaryText={(p) => `${formatLocalDate(p.dateOfBirth)} · ${labels.sex(p.sex)} · ${p.citizenId}`}
          tertiaryText={(p) => labels.supportCategory(p.supportCategory)}
        />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false}>
          <Column source="fullName" />
          <Column source="dateOfBirth" field={LocalDateField} />
          <Column source="sex" disableSort render={(p) => labels.sex(p.sex)} />
          <Column source="citizenId" render={(p) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{p.citizenId}</span>} />
          <Column source="hamlet" disableSort render={(p) => <HamletLink hamlet={p.hamlet} />} />
          <Column source="supportCategory" disableSort render={(p) => <SupportCategoryChip person={p} />} />
        </DataTable>
      )}
    </List>
  );
};
