import { ALLOWED_PARENT_LEVELS } from '@bao-phu/domain';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Typography from '@mui/material/Typography';
import {
  DeleteButton,
  EditButton,
  Link,
  NumberField,
  Show,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  useCreatePath,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { LocalDateField } from '../../components/LocalDateField';
import { MergeButton } from './dialogs/MergeDialog';
import { MoveButton } from './dialogs/MoveDialog';
import { RenameButton } from './dialogs/RenameDialog';
import { LevelField, OrgUnitChips, OrgUnitLink, ParentField } from './OrgUnitFields';
import { NameHistory, ParentHistory, Predecessors, StatisticsTable, Successors } from './OrgUnitHistory';
import type { OrgUnitDetail } from './types';

type LabeledProps = { label?: string | false };

/** Ancestors from the province down, each a link, then the unit itself; none for a province. */
const AncestorBreadcrumbs = (_props: LabeledProps) => {
  const record = useRecordContext<OrgUnitDetail>();
  const translate = useTranslate();
  if (!record?.ancestors?.length) return null;
  return (
    <Breadcrumbs aria-label={translate('resources.orgUnits.show.breadcrumbs')}>
      {record.ancestors.map((a) => (
        <OrgUnitLink key={a.id} unit={a} />
      ))}
      <Typography color="text.primary" aria-current="page">
        {record.name}
      </Typography>
    </Breadcrumbs>
  );
};

const NameWithChips = (_props: LabeledProps) => {
  const record = useRecordContext<OrgUnitDetail>();
  if (!record) return null;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap' }}>
      <TextField source="name" variant="h6" />
      <OrgUnitChips unit={record} />
    </Box>
  );
};

/** Children as links, in the API's order (by name); several columns on wide screens. */
const ChildrenLinks = (_props: LabeledProps) => {
  const record = useRecordContext<OrgUnitDetail>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const children = record?.children;
  if (!children) return null;
  if (children.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('resources.orgUnits.show.no_children')}
      </Typography>
    );
  }
  const listPath = `${createPath({ resource: 'orgUnits', type: 'list' })}?filter=${encodeURIComponent(
    JSON.stringify({ parentId: record.id }),
  )}`;
  return (
    <Box>
      <Box component="ul" sx={{ columns: { xs: 1, sm: 2, md: 3 }, columnGap: 4, m: 0, pl: 2 }}>
        {children.map((child) => (
          <Box component="li" key={child.id} sx={{ breakInside: 'avoid', py: 0.25 }}>
            <OrgUnitLink unit={child} />
            <OrgUnitChips unit={child} />
          </Box>
        ))}
      </Box>
      <Link to={listPath} variant="body2">
        {translate('resources.orgUnits.show.children_list')}
      </Link>
    </Box>
  );
};

const OrgUnitShowActions = () => {
  const record = useRecordContext<OrgUnitDetail>();
  return (
    <TopToolbar>
      <EditButton />
      {record && !record.closed && <RenameButton />}
      {record && !record.closed && ALLOWED_PARENT_LEVELS[record.level]?.length > 0 && <MoveButton />}
      {record && !record.closed && <MergeButton />}
      <DeleteButton mutationMode="pessimistic" redirect="list" />
    </TopToolbar>
  );
};

export const OrgUnitShow = () => (
  <Show actions={<OrgUnitShowActions />}>
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="resources.orgUnits.tabs.summary">
        <AncestorBreadcrumbs label={false} />
        <NameWithChips label="resources.orgUnits.fields.name" />
        <TextField source="code" />
        <LevelField source="level" />
        <ParentField source="parent" emptyText="resources.orgUnits.show.no_parent" />
        <LocalDateField source="validFrom" />
        <LocalDateField source="validTo" emptyText="resources.orgUnits.show.open" />
        <NumberField source="childCount" />
        <ChildrenLinks label="resources.orgUnits.fields.children" />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.orgUnits.tabs.history" path="history">
        <NameHistory label="resources.orgUnits.history.names" />
        <ParentHistory label="resources.orgUnits.history.parents" />
        <Predecessors label="resources.orgUnits.history.predecessors" />
        <Successors label="resources.orgUnits.history.successors" />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="resources.orgUnits.tabs.statistics" path="statistics">
        <StatisticsTable label={false} />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
