import { useQuery } from '@apollo/client/react';
import { SCHEMES, TARGET_METRICS, todayInVietnam, type AllocationMethod } from '@bao-phu/domain';
import HistoryIcon from '@mui/icons-material/History';
import PublishIcon from '@mui/icons-material/Publish';
import SaveIcon from '@mui/icons-material/Save';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonGroup from '@mui/material/ButtonGroup';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import MuiLink from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect, useId, useMemo, useState, type MouseEvent } from 'react';
import {
  Confirm,
  HttpError,
  Title,
  useBlocker,
  useDataProvider,
  useLocaleState,
  useNotify,
  usePermissions,
  useTranslate,
} from 'react-admin';
import type { GraphQLDataProvider } from '../../providers/dataProvider';
import { toHttpError } from '../../providers/graphqlErrors';
import { mayWriteTargetOf, type Permissions } from '../../providers/permissions';
import { ALLOCATE_TARGET, ALLOCATION_SHEET, PUBLISH_TARGETS, SET_TARGETS } from './queries';
import {
  balanceOf,
  changedTargets,
  higherLevelsFirst,
  readSheetParams,
  rebaseDrafts,
  sheetSearch,
  sheetTargets,
  shownValue,
  type Draft,
  type EditableTarget,
  type SheetParams,
} from './sheet';
import { TargetStatusChip, UnitBreadcrumbs, useCount } from './TargetFields';
import { TargetHistoryDialog } from './TargetHistoryDialog';
import type { AllocationSheet, TargetRef, TargetUnit } from './types';
import { useUrlParams } from '../../components/urlParams';

const T = 'resources.targets';
const METHODS: { method: AllocationMethod; key: string }[] = [
  { method: 'EQUAL', key: 'EQUAL' },
  { method: 'PROPORTIONAL_LAST_YEAR', key: 'PROPORTIONAL_LAST_YEAR' },
  { method: 'PROPORTIONAL_POTENTIAL', key: 'PROPORTIONAL_POTENTIAL' },
];
const PARENT = 'parent';
const numeric = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/**
 * "Giao chỉ tiêu": a parent unit's target for a year, scheme and metric, and one row per child
 * with what an allocation weighs (last year's result, potential, participants now), its current
 * target and a box for the new one. The sum of the boxes is checked live against the parent's
 * target. Year, scheme, metric and unit live in the URL, so a sheet can be linked and the browser's
 * back button goes back up.
 */
export const AllocationPage = () => {
  const { permissions } = usePermissions<Permissions>();
  const currentYear = Number(todayInVietnam().slice(0, 4));
  const { params, latest, go: goTo, forget } = useUrlParams((search) => readSheetParams(search, currentYear));
  const unit = params.unit ?? permissions?.scope.id ?? null;
  const translate = useTranslate();
  const go = (next: Partial<SheetParams>) => {
    const asked = latest();
    goTo(`/targets${sheetSearch({ ...asked, unit: asked.unit ?? unit, ...next })}`);
  };
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={`${T}.allocation.title`} />
      {unit && permissions ? (
        // A new sheet (another unit, year, scheme or metric) starts with no typed values.
        <Sheet key={sheetSearch({ ...params, unit })} params={{ ...params, unit }} permissions={permissions} currentYear={currentYear} go={go} stay={forget} />
      ) : (
        <Typography>{translate('ra.page.loading')}</Typography>
      )}
    </Box>
  );
};

type Props = { params: SheetParams & { unit: string }; permissions: Permissions; currentYear: number; go: (next: Partial<SheetParams>) => void; stay: () => void };

const Sheet = ({ params, permissions, currentYear, go, stay }: Props) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const count = useCount();
  const sumId = useId();
  const period = { year: params.year, scheme: params.scheme, metric: params.metric };
  const variables = { parentUnitId: params.unit, ...period };
  const { data, loading, error, refetch } = useQuery(ALLOCATION_SHEET, { variables, fetchPolicy: 'network-only', notifyOnNetworkStatusChange: true });
  const sheet = useMemo(() => {
    const s = data?.allocationSheet;
    return s ? { ...s, children: higherLevelsFirst(s.children) } : null;
  }, [data]);

  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirmPublish, setConfirmPublish] = useState(false);
  const [history, setHistory] = useState<{ id: string; name: string } | null>(null);

  // Whenever the sheet is read again, typed values stay; those typed over a target that changed
  // meanwhile are marked with its new value (see rebaseDrafts).
  useEffect(() => {
    if (sheet) setDrafts((d) => rebaseDrafts(d, sheetTargets(sheet)));
  }, [sheet]);

  const mayWriteParent = !!sheet && mayWriteTargetOf(permissions, sheet.parent);
  const writable = (u: TargetUnit) => mayWriteTargetOf(permissions, u);
  const editable: EditableTarget[] = useMemo(() => {
    if (!sheet) return [];
    return [
      ...(mayWriteParent ? [{ key: PARENT, unitId: sheet.parent.id, target: sheet.parentTarget }] : []),
      ...sheet.children.filter((c) => writable(c.unit)).map((c) => ({ key: c.unit.id, unitId: c.unit.id, target: c.target })),
    ];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sheet, mayWriteParent, permissions]);
  const { inputs: changed, bad } = changedTargets(editable, drafts, period);
  const badKeys = new Map(bad.map((b) => [b.key, b.error]));
  const dirty = changed.length > 0 || bad.length > 0;

  // Leaving the sheet (menu, breadcrumb, another year …) with values not saved asks first.
  const blocker = useBlocker(dirty && !busy);

  const parentShown = sheet ? shownValue(sheet.parentTarget, drafts[PARENT]) : null;
  const childShown = sheet ? sheet.children.map((c) => shownValue(c.target, drafts[c.unit.id])) : [];
  const balance = balanceOf(parentShown?.ok ? parentShown.value : null, childShown.map((v) => (v.ok ? v.value : null)));
  const anyWritableChild = !!sheet && sheet.children.some((c) => writable(c.unit));
  const canAllocate = !!sheet && sheet.canEdit && sheet.children.length > 0;
  const parentReady = !!sheet?.parentTarget && (sheet.parentTarget.status === 'PUBLISHED' || mayWriteParent);

  const type = (key: string, target: TargetRef | null, text: string) =>
    setDrafts((d) => ({ ...d, [key]: { ...d[key], text, baseVersion: d[key]?.baseVersion ?? target?.version ?? 0 } }));

  /** Runs one step against the API; a refusal is shown above the table and, for a stale version, the sheet is read again. */
  const attempt = async (step: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setProblem(null);
    try {
      await step();
      return true;
    } catch (e) {
      const err = e instanceof HttpError ? e : toHttpError(e, locale);
      const conflict = (err.body as { code?: string } | undefined)?.code === 'CONFLICT';
      setProblem(conflict ? `${err.message}\n${translate(`${T}.allocation.kept`)}` : err.message);
      if (conflict) await refetch();
      return false;
    } finally {
      setBusy(false);
    }
  };

  const saveChanged = async () => {
    if (bad.length > 0) throw new HttpError(translate(`${T}.allocation.fix_boxes`), 400, { code: 'BAD_USER_INPUT' });
    if (changed.length === 0) return;
    await dataProvider.execute(SET_TARGETS, { inputs: changed });
    setDrafts({});
  };

  const save = () =>
    attempt(async () => {
      const n = changed.length;
      await saveChanged();
      await refetch();
      notify(`${T}.allocation.saved`, { type: 'success', messageArgs: { smart_count: n } });
    });

  const allocate = (method: AllocationMethod) =>
    attempt(async () => {
      // A parent target typed but not saved is what the user means to split: save it first.
      const parentChange = changed.filter((c) => c.unitId === sheet!.parent.id);
      if (parentChange.length) await dataProvider.execute(SET_TARGETS, { inputs: parentChange });
      const { allocateTarget } = await dataProvider.execute(ALLOCATE_TARGET, { input: { ...variables, method } });
      setDrafts({});
      await refetch();
      notify(`${T}.allocation.allocated`, {
        type: 'success',
        messageArgs: { method: translate(`${T}.methods.${method}`), smart_count: allocateTarget.length },
      });
    });

  const publish = () =>
    attempt(async () => {
      setConfirmPublish(false);
      await saveChanged();
      const { publishTargets } = await dataProvider.execute(PUBLISH_TARGETS, variables).finally(() => refetch());
      notify(`${T}.allocation.published`, { type: 'success', messageArgs: { smart_count: publishTargets.length } });
    });

  const openRow = (event: MouseEvent, u: TargetUnit) => {
    // Typing in a box or pressing a button of the row is not a wish to go down.
    if ((event.target as HTMLElement).closest('input, button, a, [role="button"]')) return;
    if (u.childCount > 0) go({ unit: u.id });
  };

  const years = [currentYear + 1, currentYear, currentYear - 1, currentYear - 2, currentYear - 3];
  if (!years.includes(params.year)) years.push(params.year);
  const lastYear = params.year - 1;

  return (
    <Card>
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap>
          <TextField select size="small" fullWidth={false} label={translate(`${T}.fields.year`)} value={params.year} onChange={(e) => go({ year: Number(e.target.value) })} sx={{ minWidth: 110 }}>
            {years.sort((a, b) => b - a).map((y) => (
              <MenuItem key={y} value={y}>
                {y}
              </MenuItem>
            ))}
          </TextField>
          <TextField select size="small" fullWidth={false} label={translate(`${T}.fields.scheme`)} value={params.scheme} onChange={(e) => go({ scheme: e.target.value as SheetParams['scheme'] })} sx={{ minWidth: 220 }}>
            {SCHEMES.map((s) => (
              <MenuItem key={s} value={s}>
                {translate(`app.schemes.${s}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField select size="small" fullWidth={false} label={translate(`${T}.fields.metric`)} value={params.metric} onChange={(e) => go({ metric: e.target.value as SheetParams['metric'] })} sx={{ minWidth: 280 }}>
            {TARGET_METRICS.map((m) => (
              <MenuItem key={m} value={m}>
                {translate(`${T}.metrics.${m}`)}
              </MenuItem>
            ))}
          </TextField>
        </Stack>

        {error && <Alert severity="error">{toHttpError(error, locale).message}</Alert>}
        {loading && <LinearProgress aria-label={translate('ra.page.loading')} />}

        {sheet && (
          <>
            <UnitBreadcrumbs ancestors={sheet.parent.ancestors} unit={sheet.parent} permissions={permissions} onOpen={(id) => go({ unit: id })} />
            <ParentTarget
              sheet={sheet}
              year={params.year}
              editable={mayWriteParent}
              draft={drafts[PARENT]}
              error={badKeys.get(PARENT) ?? (parentShown && !parentShown.ok ? parentShown.error : undefined)}
              onType={(text) => type(PARENT, sheet.parentTarget, text)}
              onHistory={() => sheet.parentTarget && setHistory({ id: sheet.parentTarget.id, name: sheet.parent.name })}
              disabled={busy}
            />

            {sheet.children.length === 0 ? (
              <Alert severity="info">{translate(`${T}.allocation.no_children`, { name: sheet.parent.name })}</Alert>
            ) : (
              <>
                <Box
                  id={sumId}
                  role="status"
                  aria-live="polite"
                  aria-label={translate(`${T}.allocation.${anyWritableChild ? 'sum_label' : 'current_sum_label'}`)}
                  sx={{
                    p: 1.5,
                    borderRadius: 1,
                    border: 1,
                    borderColor: balance.shortfall === null ? 'divider' : balance.shortfall > 0 ? 'error.main' : 'success.main',
                    color: balance.shortfall === null ? 'text.primary' : balance.shortfall > 0 ? 'error.main' : 'success.dark',
                    bgcolor: balance.shortfall === null ? undefined : balance.shortfall > 0 ? 'rgba(211, 47, 47, 0.06)' : 'rgba(46, 125, 50, 0.08)',
                  }}
                >
                  <Typography component="span" sx={{ fontWeight: 600, ...numeric }}>
                    {/* Without a box to type in, the sum is that of the current targets. */}
                    {balance.parent === null
                      ? translate(`${T}.allocation.${anyWritableChild ? 'sum_only' : 'current_sum_only'}`, { sum: count(balance.sum) })
                      : translate(`${T}.allocation.${anyWritableChild ? 'sum' : 'current_sum'}`, { sum: count(balance.sum), parent: count(balance.parent) })}
                  </Typography>{' '}
                  {balance.shortfall !== null && (
                    <Typography component="span" sx={{ ml: 2, fontWeight: 600 }}>
                      {balance.shortfall > 0
                        ? translate(`${T}.allocation.short`, { n: count(balance.shortfall) })
                        : balance.sum > balance.parent!
                          ? translate(`${T}.allocation.over`, { n: count(balance.sum - balance.parent!) })
                          : translate(`${T}.allocation.reached`)}
                    </Typography>
                  )}
                </Box>

                {(canAllocate || anyWritableChild || mayWriteParent) && (
                  <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap alignItems="center">
                    {canAllocate && (
                      <Tooltip title={parentReady ? translate(`${T}.allocation.methods_help`, { name: sheet.parent.name }) : ''}>
                        <span>
                          <ButtonGroup variant="outlined" aria-label={translate(`${T}.allocation.methods_label`)} disabled={busy || !parentReady}>
                            {METHODS.map((m) => (
                              <Button key={m.method} onClick={() => allocate(m.method)}>
                                {translate(`${T}.methods.${m.key}`)}
                              </Button>
                            ))}
                          </ButtonGroup>
                        </span>
                      </Tooltip>
                    )}
                    <Box sx={{ flex: 1 }} />
                    <Button variant="outlined" startIcon={<SaveIcon />} disabled={busy || !dirty} onClick={save}>
                      {translate(`${T}.allocation.save`)}
                    </Button>
                    {canAllocate && (
                      <Button variant="contained" startIcon={<PublishIcon />} disabled={busy || !parentReady} onClick={() => setConfirmPublish(true)}>
                        {translate(`${T}.allocation.publish`)}
                      </Button>
                    )}
                  </Stack>
                )}
                {canAllocate && !sheet.parentTarget && <Alert severity="info">{translate(`${T}.allocation.no_parent_target`, { name: sheet.parent.name, year: params.year })}</Alert>}
                {canAllocate && sheet.parentTarget && !parentReady && <Alert severity="info">{translate(`${T}.allocation.parent_not_published`, { name: sheet.parent.name })}</Alert>}
                {!canAllocate && anyWritableChild && <Alert severity="info">{translate(`${T}.allocation.partly_yours`, { name: sheet.parent.name })}</Alert>}
                {problem && (
                  <Alert severity="error" onClose={() => setProblem(null)} sx={{ whiteSpace: 'pre-line' }}>
                    {problem}
                  </Alert>
                )}

                <Box sx={{ overflowX: 'auto' }}>
                  <Table size="small" aria-label={translate(`${T}.allocation.table`, { name: sheet.parent.name })}>
                    <TableHead>
                      <TableRow>
                        <TableCell>{translate(`${T}.fields.code`)}</TableCell>
                        <TableCell>{translate(`${T}.fields.unit`)}</TableCell>
                        <TableCell align="right">
                          <Tooltip title={translate(`${T}.help.lastYearActual_${params.metric}`, { year: lastYear })}>
                            <span>{translate(`${T}.fields.lastYearActual`, { year: lastYear })}</span>
                          </Tooltip>
                        </TableCell>
                        <TableCell align="right">
                          <Tooltip title={translate(`${T}.help.potential`)}>
                            <span>{translate(`${T}.fields.potential`)}</span>
                          </Tooltip>
                        </TableCell>
                        <TableCell align="right">{translate(`${T}.fields.participants`)}</TableCell>
                        <TableCell align="right">{translate(`${T}.fields.currentTarget`)}</TableCell>
                        {anyWritableChild && <TableCell align="right">{translate(`${T}.fields.newTarget`)}</TableCell>}
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {sheet.children.map((row, i) => {
                        const u = row.unit;
                        const draft = drafts[u.id];
                        const shown = childShown[i];
                        const err = badKeys.get(u.id) ?? (!shown.ok ? shown.error : undefined);
                        const changedRow = changed.some((c) => c.unitId === u.id);
                        return (
                          <TableRow
                            key={u.id}
                            hover={u.childCount > 0}
                            onClick={(e) => openRow(e, u)}
                            sx={{ cursor: u.childCount > 0 ? 'pointer' : undefined, bgcolor: changedRow ? 'action.selected' : undefined }}
                            data-unit={u.code}
                          >
                            <TableCell sx={numeric}>{u.code}</TableCell>
                            <TableCell>
                              {u.childCount > 0 ? (
                                <MuiLink component="button" type="button" variant="body2" sx={{ textAlign: 'left' }} onClick={() => go({ unit: u.id })} title={translate(`${T}.allocation.open_unit`, { name: u.name })}>
                                  {u.name}
                                </MuiLink>
                              ) : (
                                u.name
                              )}
                            </TableCell>
                            <TableCell align="right" sx={numeric}>
                              {count(row.lastYearActual)}
                            </TableCell>
                            <TableCell align="right" sx={numeric}>
                              {row.potential === null ? '—' : count(row.potential)}
                            </TableCell>
                            <TableCell align="right" sx={numeric}>
                              {count(row.participants)}
                            </TableCell>
                            <TableCell align="right" sx={numeric}>
                              <CurrentTarget target={row.target} onHistory={() => row.target && setHistory({ id: row.target.id, name: u.name })} name={u.name} />
                            </TableCell>
                            {anyWritableChild && (
                              <TableCell align="right" sx={{ minWidth: 140 }}>
                                {writable(u) ? (
                                  <TargetBox
                                    label={translate(`${T}.allocation.box_label`, { name: u.name })}
                                    value={draft ? draft.text : row.target ? String(row.target.value) : ''}
                                    error={err}
                                    changedTo={draft?.changedTo}
                                    disabled={busy}
                                    onChange={(text) => type(u.id, row.target, text)}
                                  />
                                ) : (
                                  '—'
                                )}
                              </TableCell>
                            )}
                          </TableRow>
                        );
                      })}
                    </TableBody>
                    <TableFooter sx={{ '& td': { color: 'text.primary', fontSize: '0.875rem' } }}>
                      <TableRow>
                        <TableCell colSpan={2} sx={{ fontWeight: 600 }}>
                          {translate(`${T}.allocation.total`)}
                        </TableCell>
                        <TableCell align="right" sx={numeric}>
                          {count(sheet.children.reduce((n, c) => n + c.lastYearActual, 0))}
                        </TableCell>
                        <TableCell align="right" sx={numeric}>
                          {count(sheet.children.reduce((n, c) => n + (c.potential ?? 0), 0))}
                        </TableCell>
                        <TableCell align="right" sx={numeric}>
                          {count(sheet.children.reduce((n, c) => n + c.participants, 0))}
                        </TableCell>
                        <TableCell align="right" sx={numeric}>
                          {count(sheet.childrenSum)}
                        </TableCell>
                        {anyWritableChild && (
                          <TableCell align="right" sx={{ ...numeric, fontWeight: 600 }} aria-describedby={sumId}>
                            {count(balance.sum)}
                          </TableCell>
                        )}
                      </TableRow>
                    </TableFooter>
                  </Table>
                </Box>
              </>
            )}
          </>
        )}
      </CardContent>
      <TargetHistoryDialog targetId={history?.id ?? null} unitName={history?.name ?? ''} onClose={() => setHistory(null)} />
      <Confirm
        isOpen={confirmPublish}
        loading={busy}
        title={`${T}.allocation.publish_title`}
        content={`${T}.allocation.publish_content`}
        translateOptions={{ name: sheet?.parent.name ?? '', smart_count: sheet?.children.length ?? 0, year: params.year }}
        confirm={`${T}.allocation.publish`}
        onConfirm={publish}
        onClose={() => setConfirmPublish(false)}
      />
      <Confirm
        isOpen={blocker.state === 'blocked'}
        title={`${T}.allocation.leave_title`}
        content="ra.message.unsaved_changes"
        confirm={`${T}.allocation.leave`}
        cancel={`${T}.allocation.stay`}
        onConfirm={() => blocker.proceed?.()}
        onClose={() => {
          blocker.reset?.();
          stay();
        }}
      />
    </Card>
  );
};

/** The current target of a row: value, status, revision and its history. */
const CurrentTarget = ({ target, name, onHistory }: { target: TargetRef | null; name: string; onHistory: () => void }) => {
  const translate = useTranslate();
  const count = useCount();
  if (!target) return <Typography variant="body2" color="text.secondary">{translate(`${T}.none`)}</Typography>;
  return (
    <Stack direction="row" spacing={1} alignItems="center" justifyContent="flex-end">
      <span>{count(target.value)}</span>
      <TargetStatusChip status={target.status} />
      <IconButton size="small" aria-label={translate(`${T}.history.open`, { name })} onClick={onHistory}>
        <HistoryIcon fontSize="small" />
      </IconButton>
    </Stack>
  );
};

const BOX_ERRORS = { whole_number: `${T}.validation.whole_number`, too_large: `${T}.validation.too_large`, required: `${T}.validation.required` } as const;

/** An integer box; wrong text stays as typed with the reason under it. */
const TargetBox = ({
  label,
  value,
  error,
  changedTo,
  disabled,
  onChange,
}: {
  label: string;
  value: string;
  error?: keyof typeof BOX_ERRORS;
  changedTo?: number | null;
  disabled?: boolean;
  onChange: (text: string) => void;
}) => {
  const translate = useTranslate();
  const count = useCount();
  return (
    <Stack alignItems="flex-end">
      <TextField
        size="small"
        hiddenLabel
        fullWidth={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={!!error}
        helperText={error ? translate(BOX_ERRORS[error]) : undefined}
        disabled={disabled}
        slotProps={{ htmlInput: { 'aria-label': label, inputMode: 'numeric', autoComplete: 'off', style: { textAlign: 'right' } } }}
        sx={{ width: 130 }}
      />
      {changedTo !== undefined && (
        <Typography variant="caption" color="warning.dark" sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
          <WarningAmberIcon sx={{ fontSize: 14 }} />
          {changedTo === null ? translate(`${T}.allocation.changed_elsewhere_none`) : translate(`${T}.allocation.changed_elsewhere`, { value: count(changedTo) })}
        </Typography>
      )}
    </Stack>
  );
};

/** The parent's target: a box for whoever sets it (a planner for the province), otherwise its value. */
const ParentTarget = ({
  sheet,
  year,
  editable,
  draft,
  error,
  onType,
  onHistory,
  disabled,
}: {
  sheet: AllocationSheet;
  year: number;
  editable: boolean;
  draft: Draft | undefined;
  error?: keyof typeof BOX_ERRORS;
  onType: (text: string) => void;
  onHistory: () => void;
  disabled: boolean;
}) => {
  const translate = useTranslate();
  const count = useCount();
  const target = sheet.parentTarget;
  const label = translate(`${T}.allocation.parent_target`, { name: sheet.parent.name, year });
  return (
    <Box component="section" aria-label={label}>
      <Typography variant="h6" component="h2" gutterBottom>
        {label}
      </Typography>
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        {editable ? (
          <TargetBox label={label} value={draft ? draft.text : target ? String(target.value) : ''} error={error} changedTo={draft?.changedTo} disabled={disabled} onChange={onType} />
        ) : (
          <Typography variant="h5" component="p" sx={numeric}>
            {target ? count(target.value) : translate(sheet.parent.level === 'COUNTRY' ? `${T}.allocation.country` : `${T}.none`)}
          </Typography>
        )}
        {target && <TargetStatusChip status={target.status} />}
        {target && (
          <Typography variant="body2" color="text.secondary">
            {translate(`${T}.revision`, { revision: target.revision })}
          </Typography>
        )}
        {target && (
          <IconButton size="small" aria-label={translate(`${T}.history.open`, { name: sheet.parent.name })} onClick={onHistory}>
            <HistoryIcon fontSize="small" />
          </IconButton>
        )}
      </Stack>
    </Box>
  );
};
