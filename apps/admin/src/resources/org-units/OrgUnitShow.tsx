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
  useCanAccess,
  useCreatePath,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { LocalDateField } from '../../components/LocalDateField';
import { isUserManager, type Permissions } from '../../providers/permissions';
import { AuditTrail } from '../audit-events/AuditTrail';
import { MergeButton } from './dialogs/MergeDialog';
import { MoveButton } from './dialogs/MoveDialog';
import { RenameButton } from './dialogs/RenameDialog';
import { LevelField, OrgUnitChips, OrgUnitLink, ParentField } from './OrgUnitFields';
import { NameHistory, ParentHistory, Predecessors, StatisticsTable, Successors } from './OrgUnitHistory';
import type { OrgUnitDetail } from './types';

type LabeledProps = { label?: string | false };

/**
 * Ancestors from the province down, each a link, then the unit itself; none for a province. The
 * country root is left out, as in the tree: every unit is in it.
 */
const AncestorBreadcrumbs = (_props: LabeledProps) => {
  const record = useRecordContext<OrgUnitDetail>();
  const translate = useTranslate();
  const ancestors = record?.ancestors?.filter((a) => a.level !== 'COUNTRY') ?? [];
  if (!record || ancestors.length === 0) return null;
  return (
    <Breadcrumbs aria-label={translate('resources.orgUnits.show.breadcrumbs')}>
      {ancestors.map((a) => (
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

/**
 * The changes the user may make to this unit (authProvider.canAccess mirrors the API: read-only
 * roles see none, base staff only act on hamlets, planners not on their province). Edit and
 * Delete ask canAccess themselves.
 */
const OrgUnitShowActions = () => {
  const record = useRecordContext<OrgUnitDetail>();
  // Rename, move and merge share the rule; one question is enough.
  const { canAccess: canChange } = useCanAccess({ resource: 'orgUnits', action: 'rename', record, enabled: !!record });
  const open = !!record && !record.closed && !!canChange;
  return (
    <TopToolbar>
      <EditButton />
      {open && <RenameButton />}
      {open && ALLOWED_PARENT_LEVELS[record.level]?.length > 0 && <MoveButton />}
      {open && <MergeButton />}
      <DeleteButton mutationMode="pessimistic" redirect="list" />
    </TopToolbar>
  );
};

export const OrgUnitShow = () => {
  const { permissions } = usePermissions<Permissions | null>();
  return (
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
        {isUserManager(permissions) && (
          <TabbedShowLayout.Tab label="resources.orgUnits.tabs.audit" path="audit">
            <AuditTrail entity="orgUnit" label={false} />
          </TabbedShowLayout.Tab>
        )}
      </TabbedShowLayout>
    </Show>
  );
};
