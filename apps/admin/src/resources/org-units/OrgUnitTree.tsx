import { ORG_LEVELS, parseLocalDate } from '@bao-phu/domain';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import MuiTextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useMemo, useState } from 'react';
import { Link, Title, useCreatePath, useGetList, useNavigate, useTranslate } from 'react-admin';
import { formatLocalDate } from '../../components/dates';
import { OrgUnitChips } from './OrgUnitFields';
import type { OrgUnitRecord } from './types';

/** What the whole tree is asked for: today's open units, or the tree as it stood on a date. */
interface TreeFilter {
  includeClosed?: boolean;
  asOf?: string;
}

/** The API caps a page at 200; no unit has that many children today (Đồng Tháp: 102 communes). */
const CHILDREN_PAGE = 200;
const PROVINCES_PAGE = 100;

const levelRank = (unit: OrgUnitRecord) => ORG_LEVELS.indexOf(unit.level);

const listPathFor = (createPath: ReturnType<typeof useCreatePath>, filter: Record<string, unknown>) =>
  `${createPath({ resource: 'orgUnits', type: 'list' })}?filter=${encodeURIComponent(JSON.stringify(filter))}`;

const Loading = () => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1} alignItems="center" sx={{ py: 0.5, pl: 4 }} role="status">
      <CircularProgress size={16} />
      <Typography variant="body2" color="text.secondary">
        {translate('resources.orgUnits.tree.loading')}
      </Typography>
    </Stack>
  );
};

const LoadError = ({ error }: { error: unknown }) => {
  const translate = useTranslate();
  const message = error instanceof Error ? error.message : 'ra.notification.http_error';
  return (
    <Alert severity="error" sx={{ my: 1 }}>
      {translate(message, { _: message })}
    </Alert>
  );
};

/**
 * One unit: a disclosure button whose text is exactly the unit's name (expands the unit, or opens
 * a unit without children), then its code, its number of children, its chips, and a link to the
 * show page whose accessible name is the unit's name.
 */
const TreeNode = ({ unit, filter }: { unit: OrgUnitRecord; filter: TreeFilter }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const navigate = useNavigate();
  const groupId = useId();
  const [expanded, setExpanded] = useState(false);
  const showPath = createPath({ resource: 'orgUnits', id: unit.id, type: 'show' });
  // childCount counts today's open children; in a past or closed view there may be others.
  const expandable = unit.level !== 'HAMLET' && (unit.childCount > 0 || !!filter.includeClosed || !!filter.asOf);

  return (
    <Box component="li" sx={{ listStyle: 'none' }}>
      <Stack direction="row" alignItems="center" spacing={1} sx={{ minHeight: 36 }}>
        <ButtonBase
          onClick={() => (expandable ? setExpanded((e) => !e) : navigate(showPath))}
          aria-expanded={expandable ? expanded : undefined}
          aria-controls={expandable && expanded ? groupId : undefined}
          sx={{ borderRadius: 1, px: 0.5, py: 0.25, justifyContent: 'flex-start', textAlign: 'left' }}
        >
          <Box component="span" aria-hidden sx={{ display: 'inline-flex', width: 24, color: 'text.secondary' }}>
            {expandable && (expanded ? <ExpandMoreIcon fontSize="small" /> : <ChevronRightIcon fontSize="small" />)}
          </Box>
          <Typography component="span" variant="body1" sx={{ fontWeight: unit.level === 'PROVINCE' ? 500 : 400 }}>
            {unit.name}
          </Typography>
        </ButtonBase>
        <Typography component="span" variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
          {unit.code}
        </Typography>
        {unit.childCount > 0 && (
          <Chip size="small" label={unit.childCount} title={translate('resources.orgUnits.tree.child_count')} />
        )}
        <OrgUnitChips unit={unit} />
        <IconButton
          component={Link}
          to={showPath}
          size="small"
          aria-label={unit.name}
          title={translate('resources.orgUnits.tree.open_show')}
        >
          <OpenInNewIcon fontSize="inherit" />
        </IconButton>
      </Stack>
      {expanded && <TreeChildren id={groupId} parent={unit} filter={filter} />}
    </Box>
  );
};

/** The children of an expanded unit, fetched when it is first expanded (cached by react-admin). */
const TreeChildren = ({ id, parent, filter }: { id: string; parent: OrgUnitRecord; filter: TreeFilter }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { data, total, isPending, error } = useGetList<OrgUnitRecord>('orgUnits', {
    filter: { ...filter, parentId: parent.id },
    pagination: { page: 1, perPage: CHILDREN_PAGE },
    sort: { field: 'name', order: 'ASC' },
  });
  // Base offices first, then communes (a province holds both until every commune is assigned).
  const children = useMemo(() => [...(data ?? [])].sort((a, b) => levelRank(a) - levelRank(b)), [data]);

  return (
    <Box id={id} sx={{ pl: 3, borderLeft: 1, borderColor: 'divider', ml: 1.5 }}>
      {isPending && <Loading />}
      {error != null && <LoadError error={error} />}
      {!isPending && !error && children.length === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ py: 0.5, pl: 4 }}>
          {translate('resources.orgUnits.tree.empty')}
        </Typography>
      )}
      {children.length > 0 && (
        <Box component="ul" sx={{ m: 0, p: 0 }}>
          {children.map((child) => (
            <TreeNode key={child.id} unit={child} filter={filter} />
          ))}
        </Box>
      )}
      {total != null && total > children.length && (
        <Link to={listPathFor(createPath, { ...filter, parentId: parent.id })} variant="body2" sx={{ pl: 4 }}>
          {translate('resources.orgUnits.tree.more', { count: total - children.length })}
        </Link>
      )}
    </Box>
  );
};

/** "Tại ngày" for the tree: typed as DD/MM/YYYY, applied on Enter or when leaving the field. */
const AsOfField = ({ value, onChange }: { value?: string; onChange: (value?: string) => void }) => {
  const translate = useTranslate();
  const [text, setText] = useState(value ? formatLocalDate(value) : '');
  const [invalid, setInvalid] = useState(false);
  const apply = () => {
    if (text.trim() === '') {
      setInvalid(false);
      onChange(undefined);
      return;
    }
    const date = parseLocalDate(text);
    setInvalid(date === null);
    if (date) onChange(date);
  };
  return (
    <MuiTextField
      size="small"
      label={translate('resources.orgUnits.fields.asOf')}
      placeholder="DD/MM/YYYY"
      value={text}
      error={invalid}
      helperText={invalid ? translate('app.validation.date') : undefined}
      onChange={(e) => setText(e.target.value)}
      onBlur={apply}
      onKeyDown={(e) => {
        if (e.key === 'Enter') apply();
      }}
      slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
      sx={{ width: '12em', flexShrink: 0 }}
    />
  );
};

/**
 * "Cây đơn vị" (route /tree): the provinces, each unit expanding lazily into its children down
 * to the hamlets. Only the expanded branches are fetched.
 */
export const OrgUnitTree = () => {
  const translate = useTranslate();
  const [includeClosed, setIncludeClosed] = useState(false);
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const filter = useMemo<TreeFilter>(
    () => ({ ...(includeClosed ? { includeClosed } : {}), ...(asOf ? { asOf } : {}) }),
    [includeClosed, asOf],
  );
  const { data, total, isPending, error } = useGetList<OrgUnitRecord>('orgUnits', {
    filter: { ...filter, level: 'PROVINCE' },
    pagination: { page: 1, perPage: PROVINCES_PAGE },
    sort: { field: 'code', order: 'ASC' },
  });

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="resources.orgUnits.tree.title" />
      <CardContent>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} alignItems={{ sm: 'center' }} sx={{ mb: 2 }}>
          <AsOfField value={asOf} onChange={setAsOf} />
          <FormControlLabel
            control={<Switch checked={includeClosed} onChange={(e) => setIncludeClosed(e.target.checked)} />}
            label={translate('resources.orgUnits.fields.includeClosed')}
          />
          {total != null && (
            <Typography variant="body2" color="text.secondary">
              {translate('resources.orgUnits.tree.provinces', { count: total })}
            </Typography>
          )}
        </Stack>
        {isPending && <Loading />}
        {error != null && <LoadError error={error} />}
        {data && (
          <Box component="ul" aria-label={translate('resources.orgUnits.tree.label')} sx={{ m: 0, p: 0 }}>
            {data.map((province) => (
              <TreeNode key={province.id} unit={province} filter={filter} />
            ))}
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
