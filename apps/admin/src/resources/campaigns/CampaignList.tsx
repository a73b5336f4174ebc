import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import DirectionsWalkIcon from '@mui/icons-material/DirectionsWalk';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { Button, CreateButton, DataTable, List, SearchInput, SelectInput, SimpleList, TopToolbar, useCanAccess, usePermissions, useTranslate } from 'react-admin';
import { formatLocalDate } from '../../components/dates';
import { LocalDateField } from '../../components/LocalDateField';
import type { Permissions } from '../../providers/permissions';
import { CAMPAIGN_STATUSES } from './campaign';
import { CampaignStatusChip, levelsBelow, T, UnitFilterInput, useCampaignLabels } from './CampaignFields';
import type { CampaignRecord } from './types';

const statusChoices = CAMPAIGN_STATUSES.map((s) => ({ id: s, name: `${T}.status.${s}` }));

const ListActions = () => {
  const { canAccess: mayLog } = useCanAccess({ resource: 'campaigns', action: 'logVisit' });
  return (
    <TopToolbar>
      <Button label={`${T}.calendar.title`} to="/campaign-calendar">
        <CalendarMonthIcon />
      </Button>
      {mayLog && (
        <Button label={`${T}.menu.visit_entry`} to="/visit-entry">
          <DirectionsWalkIcon />
        </Button>
      )}
      <CreateButton />
    </TopToolbar>
  );
};

const Column = DataTable.Col<CampaignRecord>;

/**
 * "Mô hình vận động": the campaigns of the user's scope, newest launch first, filtered by text
 * (code, name, commune), status and unit (a base office or a commune, with what lies below it).
 */
export const CampaignList = () => {
  const translate = useTranslate();
  const labels = useCampaignLabels();
  const { permissions } = usePermissions<Permissions>();
  const small = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const filters = [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate(`${T}.list.search`)} sx={{ minWidth: small ? undefined : '18em' }} />,
    <SelectInput key="status" source="status" choices={statusChoices} alwaysOn sx={{ minWidth: '12em' }} />,
    <UnitFilterInput key="withinId" source="withinId" label={`${T}.fields.withinId`} levels={levelsBelow(permissions?.scope.level)} alwaysOn />,
  ];
  return (
    <List filters={filters} actions={<ListActions />} sort={{ field: 'launchDate', order: 'DESC' }} perPage={25} exporter={false}>
      {small ? (
        <SimpleList<CampaignRecord>
          linkType="show"
          primaryText={(c) => c.name}
          secondaryText={(c) => `${c.code} · ${c.commune.name} · ${formatLocalDate(c.launchDate)}`}
          tertiaryText={(c) => labels.status(c.status)}
        />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false}>
          <Column source="code" render={(c) => <span style={{ whiteSpace: 'nowrap' }}>{c.code}</span>} />
          <Column source="name" />
          <Column source="commune" disableSort render={(c) => c.commune.name} />
          <Column source="launchDate" field={LocalDateField} />
          <Column source="status" render={(c) => <CampaignStatusChip status={c.status} />} />
          <Column source="members" disableSort align="right" render={(c) => c.members.length} />
        </DataTable>
      )}
    </List>
  );
};
