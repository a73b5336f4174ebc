import { useQuery } from '@apollo/client/react';
import type { Month } from '@bao-phu/domain';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MuiButton from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Fragment, useId, useState } from 'react';
import { Link, useLocaleState, useTranslate } from 'react-admin';
import { formatDateTime, formatLocalDate } from '../../components/dates';
import { toHttpError } from '../../providers/graphqlErrors';
import { useCount } from '../targets/TargetFields';
import { formatDong, formatMonth, grandTotal, groupEntries, reasonLabelKey, reasonTally, type Totals } from './cycle';
import { CYCLE_ENTRIES, CYCLE_GROUPS, type EntriesVariables } from './queries';
import { ReasonPicker } from './ReasonPicker';
import type { CycleEntry, DueListKind } from './types';

const T = 'resources.collection.cycle';
const F = 'resources.collection.fields';
const numeric = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;
/** Entries per page: the API answers ~200 in a second with every field; more on "Xem thêm". */
export const PAGE = 100;

/** A cycle's entries as a growing page: "Xem thêm" asks for the next ones (the earlier stay on screen). */
export function usePagedEntries(variables: Omit<EntriesVariables, 'skip' | 'take'>, page = PAGE) {
  const [pages, setPages] = useState(1);
  const take = page * pages;
  const { data, previousData, loading, error } = useQuery(CYCLE_ENTRIES, { variables: { ...variables, skip: 0, take }, fetchPolicy: 'cache-and-network' });
  const entries = (data ?? previousData)?.collectionCycle?.entries ?? [];
  return { entries, loading, error, take, full: entries.length < take, more: () => setPages((p) => p + 1) };
}

/** Commune, hamlet and collector totals of one kind of list (the API's `groups`). */
export function useCycleGroups(baseUnitId: string, month: Month, kind: DueListKind, organizationId: string | null) {
  const { data, previousData } = useQuery(CYCLE_GROUPS, { variables: { baseUnitId, month, kind, organizationId }, fetchPolicy: 'cache-and-network' });
  return (data ?? previousData)?.collectionCycle ?? null;
}

const ErrorLine = ({ error }: { error: unknown }) => {
  const [locale] = useLocaleState();
  return <Alert severity="error">{toHttpError(error, locale).message}</Alert>;
};

const CountAmount = ({ totals }: { totals: Totals }) => {
  const translate = useTranslate();
  const count = useCount();
  return <>{translate(`${T}.count_amount`, { n: count(totals.entries), amount: formatDong(totals.amount) })}</>;
};

type ListProps = { baseUnitId: string; month: Month; organizationId: string | null; communeId: string | null; showOrganization: boolean };

/**
 * One list (due next month or unpaid last month) grouped commune → hamlet → collector, each with
 * its subtotal, and the grand total at the foot. Commune and hamlet totals are the API's (the whole
 * list's); the entries come a page at a time.
 */
export const GroupedList = ({ baseUnitId, month, organizationId, communeId, showOrganization, kind }: ListProps & { kind: DueListKind }) => {
  const translate = useTranslate();
  const count = useCount();
  const unpaid = kind === 'UNPAID_LAST_MONTH';
  const groups = useCycleGroups(baseUnitId, month, kind, organizationId);
  const { entries, loading, error, full, more } = usePagedEntries({ baseUnitId, month, kind, organizationId, communeId, withFollowUp: unpaid });
  const communes = groupEntries(entries, { communes: groups?.communes, hamlets: groups?.hamlets });
  const total = groups ? grandTotal(groups.communes, communeId) : null;
  const columns = 4 + (showOrganization ? 1 : 0) + (unpaid ? 2 : 0);
  const left = total ? total.entries - entries.length : 0;

  if (error) return <ErrorLine error={error} />;
  return (
    <Box>
      {loading && <LinearProgress aria-label={translate('ra.page.loading')} />}
      {!loading && entries.length === 0 ? (
        <Typography sx={{ py: 2 }}>{translate(`${T}.empty`)}</Typography>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={translate(`${T}.table`, { kind: translate(`resources.collection.kinds.${kind}`), month: formatMonth(month) })}>
            <TableHead>
              <TableRow>
                <TableCell>{translate(`${F}.person`)}</TableCell>
                <TableCell>{translate(`${F}.scheme`)}</TableCell>
                <TableCell>{translate(`${F}.period`)}</TableCell>
                <TableCell align="right">{translate(`${F}.amount`)}</TableCell>
                {showOrganization && <TableCell>{translate(`${F}.organization`)}</TableCell>}
                {unpaid && <TableCell>{translate(`${F}.reason`)}</TableCell>}
                {unpaid && <TableCell>{translate(`${F}.promisedDate`)}</TableCell>}
              </TableRow>
            </TableHead>
            <TableBody>
              {communes.map((c) => (
                <Fragment key={c.id}>
                  <TableRow data-group="commune" sx={{ bgcolor: 'action.selected' }}>
                    <TableCell component="th" scope="rowgroup" colSpan={columns} sx={{ fontWeight: 700 }}>
                      {translate(`${T}.commune_row`, { name: c.name, n: count(c.total.entries), amount: formatDong(c.total.amount) })}{' '}
                      {!c.complete && (
                        <Typography component="span" variant="body2" color="text.secondary">
                          {translate(`${T}.partial`, { loaded: count(c.loaded), total: count(c.total.entries) })}
                        </Typography>
                      )}
                    </TableCell>
                  </TableRow>
                  {c.hamlets.map((h) => (
                    <Fragment key={h.id}>
                      <TableRow data-group="hamlet" sx={{ bgcolor: 'action.hover' }}>
                        <TableCell component="th" scope="rowgroup" colSpan={columns} sx={{ fontWeight: 600, pl: 3 }}>
                          {translate(`${T}.hamlet_row`, { name: h.name, n: count(h.total.entries), amount: formatDong(h.total.amount) })}
                        </TableCell>
                      </TableRow>
                      {h.collectors.map((k) => (
                        <Fragment key={k.key}>
                          <TableRow data-group="collector">
                            <TableCell component="th" scope="rowgroup" colSpan={columns} sx={{ pl: 5, fontStyle: 'italic', color: 'text.secondary' }}>
                              {translate(`${T}.collector_row`, {
                                name: k.name ?? translate('resources.collection.no_collector'),
                                n: count(k.subtotal.entries),
                                amount: formatDong(k.subtotal.amount),
                              })}
                              {!h.complete && ` ${translate(`${T}.partial`, { loaded: count(h.loaded), total: count(h.total.entries) })}`}
                            </TableCell>
                          </TableRow>
                          {k.entries.map((e) => (
                            <EntryRow key={e.id} entry={e} showOrganization={showOrganization} unpaid={unpaid} />
                          ))}
                        </Fragment>
                      ))}
                    </Fragment>
                  ))}
                </Fragment>
              ))}
            </TableBody>
            {total && (
              <TableFooter sx={{ '& td, & th': { color: 'text.primary', fontSize: '0.875rem', fontWeight: 700 } }}>
                <TableRow>
                  <TableCell component="th" scope="row" colSpan={3}>
                    {translate(`${T}.total`)}
                  </TableCell>
                  <TableCell align="right" sx={numeric}>
                    <CountAmount totals={total} />
                  </TableCell>
                  <TableCell colSpan={columns - 4} />
                </TableRow>
              </TableFooter>
            )}
          </Table>
        </Box>
      )}
      {!full && left > 0 && (
        <MuiButton onClick={more} disabled={loading} sx={{ mt: 1 }}>
          {translate(`${T}.more`, { n: count(left) })}
        </MuiButton>
      )}
    </Box>
  );
};

const EntryRow = ({ entry: e, showOrganization, unpaid }: { entry: CycleEntry; showOrganization: boolean; unpaid: boolean }) => {
  const translate = useTranslate();
  return (
    <TableRow data-entry={e.id}>
      <TableCell sx={{ pl: 7 }}>
        {e.person.fullName}
        <Typography variant="caption" component="div" color="text.secondary">
          {e.person.citizenId}
        </Typography>
      </TableCell>
      <TableCell>{translate(`app.schemes.${e.scheme}`)}</TableCell>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>{translate('resources.collection.period', { from: formatLocalDate(e.periodStart), due: formatLocalDate(e.dueDate) })}</TableCell>
      <TableCell align="right" sx={numeric}>
        {formatDong(e.amount)}
      </TableCell>
      {showOrganization && <TableCell>{e.collectionOrganization?.name ?? translate('resources.collection.no_organization')}</TableCell>}
      {unpaid && (
        <TableCell>
          {e.reason ? translate(reasonLabelKey(e.reason)) : <Chip size="small" variant="outlined" color="warning" label={translate(`${T}.missing`)} />}
          {e.reasonNote && (
            <Typography variant="caption" component="div" color="text.secondary">
              {e.reasonNote}
            </Typography>
          )}
        </TableCell>
      )}
      {unpaid && <TableCell sx={numeric}>{formatLocalDate(e.promisedDate)}</TableCell>}
    </TableRow>
  );
};

/**
 * "Lý do": how many unpaid entries have each reason, the entries still without one (with "Nhập
 * lý do" for those who may report), and those with one (what was said, when).
 */
export const ReasonsTab = ({ baseUnitId, month, organizationId, communeId, showOrganization, canReport }: ListProps & { canReport: boolean }) => {
  const translate = useTranslate();
  const count = useCount();
  const { entries, loading, error, full, more } = usePagedEntries({ baseUnitId, month, kind: 'UNPAID_LAST_MONTH', organizationId, communeId }, 500);
  const [reporting, setReporting] = useState<CycleEntry | null>(null);
  const titleId = useId();
  if (error) return <ErrorLine error={error} />;
  const tally = reasonTally(entries);
  const widest = Math.max(1, ...tally.map((t) => t.count));
  const missing = entries.filter((e) => !e.reason);
  const done = entries.filter((e) => !!e.reason);
  const place = (e: CycleEntry) => `${e.hamlet.name}, ${e.commune.name}`;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 3 }}>
      {loading && <LinearProgress aria-label={translate('ra.page.loading')} />}
      <Box component="section" aria-label={translate(`${T}.tally`)}>
        <Typography variant="subtitle1" component="h3" gutterBottom>
          {translate(`${T}.tally`)}
        </Typography>
        {tally.length === 0 ? (
          <Typography variant="body2">{translate(`${T}.tally_empty`)}</Typography>
        ) : (
          <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 0.5 }}>
            {tally.map((t) => (
              <Box component="li" key={t.reason} sx={{ display: 'grid', gridTemplateColumns: 'minmax(8em, 16em) 1fr 3em', gap: 1, alignItems: 'center' }}>
                <Typography variant="body2">{translate(reasonLabelKey(t.reason))}</Typography>
                <Box sx={{ height: 12, bgcolor: 'action.hover' }}>
                  <Box sx={{ width: `${(t.count / widest) * 100}%`, height: '100%', bgcolor: 'primary.main' }} />
                </Box>
                <Typography variant="body2" align="right" sx={numeric}>
                  {count(t.count)}
                </Typography>
              </Box>
            ))}
          </Box>
        )}
      </Box>

      <Box component="section" aria-label={translate(`${T}.missing_list`, { n: missing.length })}>
        <Typography variant="subtitle1" component="h3" gutterBottom>
          {translate(`${T}.missing_list`, { n: count(missing.length) })}
        </Typography>
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small">
            <TableBody>
              {missing.map((e) => (
                <TableRow key={e.id} data-entry={e.id}>
                  <TableCell>{e.person.fullName}</TableCell>
                  <TableCell>{place(e)}</TableCell>
                  {showOrganization && <TableCell>{e.collectionOrganization?.name ?? translate('resources.collection.no_organization')}</TableCell>}
                  <TableCell align="right" sx={numeric}>
                    {formatDong(e.amount)}
                  </TableCell>
                  {canReport && (
                    <TableCell align="right">
                      <MuiButton size="small" variant="outlined" onClick={() => setReporting(e)} aria-label={`${translate(`${T}.enter_reason`)}: ${e.person.fullName}`}>
                        {translate(`${T}.enter_reason`)}
                      </MuiButton>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      </Box>

      <Box component="section" aria-label={translate(`${T}.with_reason`, { n: done.length })}>
        <Typography variant="subtitle1" component="h3" gutterBottom>
          {translate(`${T}.with_reason`, { n: count(done.length) })}
        </Typography>
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate(`${F}.person`)}</TableCell>
                <TableCell>{translate(`${F}.hamlet`)}</TableCell>
                {showOrganization && <TableCell>{translate(`${F}.organization`)}</TableCell>}
                <TableCell>{translate(`${F}.reason`)}</TableCell>
                <TableCell>{translate(`${F}.note`)}</TableCell>
                <TableCell>{translate(`${F}.reportedAt`)}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {done.map((e) => (
                <TableRow key={e.id} data-entry={e.id}>
                  <TableCell>{e.person.fullName}</TableCell>
                  <TableCell>{place(e)}</TableCell>
                  {showOrganization && <TableCell>{e.collectionOrganization?.name ?? translate('resources.collection.no_organization')}</TableCell>}
                  <TableCell>{translate(reasonLabelKey(e.reason!))}</TableCell>
                  <TableCell>{e.reasonNote}</TableCell>
                  <TableCell sx={numeric}>{formatDateTime(e.reasonReportedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      </Box>
      {!full && (
        <MuiButton onClick={more} disabled={loading} sx={{ alignSelf: 'flex-start' }}>
          {translate('resources.collection.collector.more')}
        </MuiButton>
      )}

      <Dialog open={!!reporting} onClose={() => setReporting(null)} fullWidth maxWidth="sm" aria-labelledby={titleId}>
        {reporting && (
          <>
            <DialogTitle id={titleId}>{translate('resources.collection.collector.choose', { name: reporting.person.fullName })}</DialogTitle>
            <DialogContent>
              <Typography variant="body2" color="text.secondary" gutterBottom>
                {place(reporting)} · {formatDong(reporting.amount)}
              </Typography>
              <ReasonPicker entry={reporting} onSaved={() => setReporting(null)} />
            </DialogContent>
            <DialogActions>
              <MuiButton onClick={() => setReporting(null)}>{translate('ra.action.cancel')}</MuiButton>
            </DialogActions>
          </>
        )}
      </Dialog>
    </Box>
  );
};

/**
 * "Theo dõi": the unpaid entries whose reason opened a follow-up visit, and where each stands;
 * the board assigns and closes them.
 */
export const FollowUpsTab = ({ baseUnitId, month, organizationId, communeId, showOrganization, boardLink }: ListProps & { boardLink: boolean }) => {
  const translate = useTranslate();
  const { entries, loading, error, full, more } = usePagedEntries({ baseUnitId, month, kind: 'UNPAID_LAST_MONTH', organizationId, communeId, withFollowUp: true }, 500);
  if (error) return <ErrorLine error={error} />;
  const rows = entries.filter((e) => e.followUp);
  const status = (e: CycleEntry) => {
    const f = e.followUp!;
    if (f.outcome) return translate(`${T}.followup_closed`, { outcome: translate(`resources.collection.outcomes.${f.outcome}`) });
    if (f.assigneeName) return translate(`${T}.followup_assigned`, { name: f.assigneeName, date: formatLocalDate(f.dueDate) });
    return translate(`${T}.followup_open`, { date: formatLocalDate(f.dueDate) });
  };
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      {boardLink && (
        <MuiButton component={Link} to={`/follow-ups?base=${baseUnitId}`} variant="outlined" sx={{ alignSelf: 'flex-start' }}>
          {translate(`${T}.open_board`)}
        </MuiButton>
      )}
      {loading && <LinearProgress aria-label={translate('ra.page.loading')} />}
      {!loading && rows.length === 0 ? (
        <Typography>{translate(`${T}.followups_empty`)}</Typography>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate(`${F}.person`)}</TableCell>
                <TableCell>{translate(`${F}.hamlet`)}</TableCell>
                {showOrganization && <TableCell>{translate(`${F}.organization`)}</TableCell>}
                <TableCell>{translate(`${F}.reason`)}</TableCell>
                <TableCell>{translate(`${F}.followUp`)}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((e) => (
                <TableRow key={e.id} data-entry={e.id}>
                  <TableCell>{e.person.fullName}</TableCell>
                  <TableCell>{`${e.hamlet.name}, ${e.commune.name}`}</TableCell>
                  {showOrganization && <TableCell>{e.collectionOrganization?.name ?? translate('resources.collection.no_organization')}</TableCell>}
                  <TableCell>{e.reason ? translate(reasonLabelKey(e.reason)) : ''}</TableCell>
                  <TableCell>{status(e)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {!full && (
        <MuiButton onClick={more} disabled={loading} sx={{ alignSelf: 'flex-start' }}>
          {translate('resources.collection.collector.more')}
        </MuiButton>
      )}
    </Box>
  );
};
