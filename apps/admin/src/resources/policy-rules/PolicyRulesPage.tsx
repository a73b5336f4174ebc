import { useQuery } from '@apollo/client/react';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import {
  BooleanInput,
  Button,
  Confirm,
  maxLength,
  required,
  TextInput,
  Title,
  useCanAccess,
  useDataProvider,
  useLocaleState,
  useNotify,
  useTranslate,
  type Validator,
} from 'react-admin';
import { ActionDialog } from '../../components/ActionDialog';
import { formatLocalDate } from '../../components/dates';
import { LocalDateInput } from '../../components/LocalDateInput';
import type { GraphQLDataProvider } from '../../providers/dataProvider';
import { POLICY_RULES, type PolicyRuleRow } from '../../providers/policy';
import { formatPolicyValue, groupByParameter, isJsonText, parameterLabelKey } from './format';
import { DELETE_POLICY_RULE, SET_POLICY_RULE } from './queries';

const T = 'resources.policyRules';

type RuleValues = {
  parameter: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  value: string;
  check: boolean;
  source: string;
};

const jsonValue: Validator = (value: unknown) => (isJsonText(value) ? undefined : `${T}.validation.json`);

/** The end date, when given, is not before the start. */
const notBeforeStart: Validator = (value: unknown, values: Record<string, unknown>) =>
  typeof value === 'string' && typeof values.effectiveFrom === 'string' && value < values.effectiveFrom
    ? `${T}.validation.ends_before_start`
    : undefined;

/** What the dialog edits: an existing row, or a new one (of a known parameter, or empty). */
type Editing = { row: PolicyRuleRow | null; parameter: string } | null;

const RuleDialog = ({ editing, onClose, onSaved }: { editing: Editing; onClose: () => void; onSaved: () => Promise<unknown> }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const row = editing?.row ?? null;
  const save = async (values: RuleValues) => {
    await dataProvider.execute(SET_POLICY_RULE, {
      input: {
        id: row?.id ?? null,
        parameter: values.parameter.trim(),
        effectiveFrom: values.effectiveFrom ?? '',
        effectiveTo: values.effectiveTo || null,
        value: values.value.trim(),
        check: !!values.check,
        source: values.source?.trim() || null,
      },
    });
    await onSaved();
    return translate(`${T}.saved`);
  };
  return (
    <ActionDialog<RuleValues>
      // A fresh form for each row opened.
      key={row?.id ?? `new:${editing?.parameter ?? ''}`}
      open={editing !== null}
      onClose={onClose}
      title={translate(row ? `${T}.edit_title` : `${T}.add_title`)}
      help={translate(`${T}.help`)}
      submitLabel="ra.action.save"
      defaultValues={{
        parameter: row?.parameter ?? editing?.parameter ?? '',
        effectiveFrom: row?.effectiveFrom ?? null,
        effectiveTo: row?.effectiveTo ?? null,
        value: row?.value ?? '',
        check: row?.check ?? false,
        source: row?.source ?? '',
      }}
      onSubmit={save}
    >
      <TextInput
        source="parameter"
        label={`${T}.fields.parameter`}
        validate={required()}
        disabled={row !== null}
        helperText={`${T}.parameter_hint`}
        inputProps={{ autoComplete: 'off', spellCheck: false }}
      />
      <Stack direction="row" spacing={2}>
        <LocalDateInput
          source="effectiveFrom"
          label={`${T}.fields.effectiveFrom`}
          validate={required()}
          helperText="app.date_hint"
          sx={{ width: '12em' }}
        />
        <LocalDateInput
          source="effectiveTo"
          label={`${T}.fields.effectiveTo`}
          validate={notBeforeStart}
          helperText={`${T}.open_ended_hint`}
          sx={{ width: '12em' }}
        />
      </Stack>
      <TextInput
        source="value"
        label={`${T}.fields.value`}
        validate={[required(), jsonValue]}
        helperText={`${T}.value_hint`}
        multiline
        minRows={2}
        inputProps={{ spellCheck: false, style: { fontFamily: 'monospace' } }}
      />
      <BooleanInput source="check" label={`${T}.fields.check`} helperText={`${T}.check_hint`} />
      <TextInput source="source" label={`${T}.fields.source`} validate={maxLength(500)} />
    </ActionDialog>
  );
};

const RuleGroup = ({
  parameter,
  rows,
  canEdit,
  onEdit,
  onAdd,
  onDelete,
}: {
  parameter: string;
  rows: PolicyRuleRow[];
  canEdit: boolean;
  onEdit: (row: PolicyRuleRow) => void;
  onAdd: (parameter: string) => void;
  onDelete: (row: PolicyRuleRow) => void;
}) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const labelKey = parameterLabelKey(parameter);
  const title = labelKey ? translate(labelKey, { _: parameter }) : parameter;
  return (
    <Card variant="outlined" component="section" aria-label={title}>
      <CardContent>
        <Stack direction="row" spacing={1} alignItems="baseline" flexWrap="wrap" useFlexGap>
          <Typography variant="h6" component="h2">
            {title}
          </Typography>
          {labelKey && (
            <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
              {parameter}
            </Typography>
          )}
          <Box sx={{ flex: 1 }} />
          {canEdit && (
            <Button label={`${T}.actions.add_row`} onClick={() => onAdd(parameter)}>
              <AddIcon />
            </Button>
          )}
        </Stack>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: '8em' }}>{translate(`${T}.fields.effectiveFrom`)}</TableCell>
              <TableCell sx={{ width: '8em' }}>{translate(`${T}.fields.effectiveTo`)}</TableCell>
              <TableCell>{translate(`${T}.fields.value`)}</TableCell>
              <TableCell>{translate(`${T}.fields.source`)}</TableCell>
              {canEdit && <TableCell sx={{ width: '6em' }} />}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id}>
                <TableCell>{formatLocalDate(r.effectiveFrom)}</TableCell>
                <TableCell>{r.effectiveTo ? formatLocalDate(r.effectiveTo) : translate(`${T}.open_ended`)}</TableCell>
                <TableCell>
                  <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
                    <span>{formatPolicyValue(r.parameter, r.value, locale)}</span>
                    {r.check && (
                      <Tooltip title={translate(`${T}.unconfirmed_help`)}>
                        <Chip size="small" color="warning" variant="outlined" label={translate(`${T}.unconfirmed`)} />
                      </Tooltip>
                    )}
                  </Stack>
                </TableCell>
                <TableCell>{r.source ?? ''}</TableCell>
                {canEdit && (
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    <IconButton size="small" aria-label={translate('ra.action.edit')} onClick={() => onEdit(r)}>
                      <EditIcon fontSize="small" />
                    </IconButton>
                    <IconButton size="small" aria-label={translate('ra.action.delete')} onClick={() => onDelete(r)}>
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
};

/**
 * "Chính sách mức đóng": the rows of `policyRules` by parameter, with the days each value is in
 * force. Everyone may read it; administrators add, change and delete rows (the API refuses
 * overlapping dates, unknown parameters and values of the wrong kind, shown on the inputs).
 */
export const PolicyRulesPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const { canAccess: canEdit = false } = useCanAccess({ resource: 'policyRules', action: 'edit' });
  // The same query as usePolicy: a change here is what the enrollment screens compute with.
  const { data, loading, error, refetch } = useQuery(POLICY_RULES, { fetchPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<PolicyRuleRow | null>(null);
  const [deletePending, setDeletePending] = useState(false);
  const groups = groupByParameter(data?.policyRules ?? []);

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeletePending(true);
    try {
      await dataProvider.execute(DELETE_POLICY_RULE, { id: deleting.id });
      await refetch();
      notify(`${T}.deleted`, { type: 'success' });
      setDeleting(null);
    } catch (e) {
      const message = e instanceof Error ? e.message : 'ra.notification.http_error';
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      setDeletePending(false);
    }
  };

  return (
    <Box sx={{ mt: 2 }}>
      <Title title={`${T}.name`} />
      <Stack direction="row" alignItems="center" sx={{ mb: 2 }} spacing={2}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          {translate(`${T}.intro`)}
        </Typography>
        {canEdit && (
          <Button label={`${T}.actions.add`} variant="contained" onClick={() => setEditing({ row: null, parameter: '' })}>
            <AddIcon />
          </Button>
        )}
      </Stack>
      {loading && !data && <LinearProgress />}
      {error && <Alert severity="error">{error.message}</Alert>}
      <Stack spacing={2}>
        {groups.map((g) => (
          <RuleGroup
            key={g.parameter}
            parameter={g.parameter}
            rows={g.rows}
            canEdit={canEdit}
            onEdit={(row) => setEditing({ row, parameter: row.parameter })}
            onAdd={(parameter) => setEditing({ row: null, parameter })}
            onDelete={setDeleting}
          />
        ))}
      </Stack>
      {canEdit && <RuleDialog editing={editing} onClose={() => setEditing(null)} onSaved={() => refetch()} />}
      <Confirm
        isOpen={deleting !== null}
        loading={deletePending}
        title={`${T}.delete_title`}
        content={`${T}.delete_content`}
        translateOptions={{
          parameter: deleting ? translate(parameterLabelKey(deleting.parameter) ?? deleting.parameter, { _: deleting.parameter }) : '',
          from: deleting ? formatLocalDate(deleting.effectiveFrom) : '',
        }}
        onConfirm={confirmDelete}
        onClose={() => setDeleting(null)}
      />
    </Box>
  );
};
