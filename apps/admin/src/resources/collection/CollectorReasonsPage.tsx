import { useQuery } from '@apollo/client/react';
import { addMonths, foldVietnamese, isMonth, todayInVietnam } from '@bao-phu/domain';
import SearchIcon from '@mui/icons-material/Search';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MuiButton from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import InputAdornment from '@mui/material/InputAdornment';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Title, useLocaleState, usePermissions, useTranslate } from 'react-admin';
import { formatLocalDate } from '../../components/dates';
import { PAGE_ROOT } from '../../components/pageRoot';
import { toHttpError } from '../../providers/graphqlErrors';
import type { Permissions } from '../../providers/permissions';
import { chooseBase, cycleMonthFor, deadlineState, formatDayMonth, formatDong, formatMonth, organizationCards, peopleWithoutReason } from './cycle';
import { BaseOfficeSelect, MonthSelect, OrganizationSelect, useBaseOffices } from './CycleControls';
import { usePagedEntries } from './CycleLists';
import { COLLECTION_CYCLE } from './queries';
import { ReasonPicker } from './ReasonPicker';
import type { CycleEntry } from './types';
import { useUrlParams } from '../../components/urlParams';

const T = 'resources.collection.collector';
/** A collector's unpaid list is tens of people; 500 keeps it one page almost always. */
const PAGE = 500;

type View = 'todo' | 'done';

function readParams(search: string) {
  const q = new URLSearchParams(search);
  const id = (v: string | null) => (v && /^\d+$/.test(v) ? v : null);
  const month = q.get('month');
  return { base: id(q.get('base')), month: month && isMonth(month) ? month : null, org: id(q.get('org')), view: (q.get('view') === 'done' ? 'done' : 'todo') as View };
}

/**
 * "Nhập lý do chưa thu", made for a collector on a phone: the unpaid entries of its organization
 * still without a reason first, one tap per reason (saved at once, confirmed on the card), an
 * optional note, and a counter "còn N người chưa có lý do, hạn 20/MM". The cycle is the one whose
 * reasons are being collected today (from the 25th this month's, before it last month's). Base
 * staff can use it too, for one organization or all.
 */
export const CollectorReasonsPage = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { permissions } = usePermissions<Permissions>();
  const today = todayInVietnam();
  const { params, latest, go: goTo } = useUrlParams(readParams);
  const { bases } = useBaseOffices();
  const base = chooseBase(params.base, bases, permissions?.scope);
  const month = params.month ?? cycleMonthFor(today);
  const collector = permissions?.role === 'COLLECTOR';
  const org = collector ? null : params.org;
  const go = (next: Partial<ReturnType<typeof readParams>>) => {
    const asked = latest();
    const p = { ...asked, base: asked.base ?? base, month: asked.month ?? month, ...next };
    const q = new URLSearchParams();
    if (p.base && p.base !== permissions?.scope.id) q.set('base', p.base);
    q.set('month', p.month ?? month);
    if (p.org) q.set('org', p.org);
    if (p.view === 'done') q.set('view', 'done');
    goTo(`/collection-reasons?${q}`);
  };
  const [q, setQ] = useState('');

  const cycleQuery = useQuery(COLLECTION_CYCLE, { variables: { baseUnitId: base ?? '', month }, skip: !base, fetchPolicy: 'cache-and-network' });
  const cycle = cycleQuery.data?.collectionCycle ?? null;
  const cards = cycle ? organizationCards(cycle.summary) : [];
  const mine = org ? cards.filter((c) => c.organizationId === org) : cards;
  const missingEntries = mine.reduce((n, c) => n + c.reasonsMissing, 0);
  const unpaidEntries = mine.reduce((n, c) => n + c.unpaid.entries, 0);
  const deadline = cards[0]?.reasonsDeadline ?? `${addMonths(month, 1)}-20`;
  const late = mine.some((c) => c.late) || deadlineState({ reasonsMissing: missingEntries, reasonsDeadline: deadline }, today).state === 'LATE';

  return (
    <Box sx={{ ...PAGE_ROOT, mt: { xs: 1, sm: 2 } }}>
      <Title title={`${T}.title`} />
      <Stack spacing={2}>
        <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap alignItems="center">
          <BaseOfficeSelect value={base} bases={bases} onChange={(id) => go({ base: id })} />
          <MonthSelect value={month} today={today} onChange={(m) => go({ month: m })} />
          {!collector && <OrganizationSelect value={org} organizations={cards.filter((c) => c.organizationId).map((c) => ({ id: c.organizationId!, name: c.name ?? '' }))} onChange={(id) => go({ org: id })} />}
        </Stack>
        {cycleQuery.error && <Alert severity="error">{toHttpError(cycleQuery.error, locale).message}</Alert>}
        {cycleQuery.loading && !cycle && <LinearProgress aria-label={translate('ra.page.loading')} />}
        {base && !cycleQuery.loading && !cycleQuery.error && !cycle && (
          <Alert
            severity="info"
            action={
              <MuiButton color="inherit" size="small" onClick={() => go({ month: addMonths(month, -1) })}>
                {translate(`${T}.previous`, { month: formatMonth(addMonths(month, -1)) })}
              </MuiButton>
            }
          >
            {translate(`${T}.no_cycle`, { month: formatMonth(month) })}
          </Alert>
        )}
        {base && cycle && (
          <EntryList
            key={`${cycle.id}:${org}:${params.view}`}
            baseUnitId={base}
            month={month}
            organizationId={org}
            view={params.view}
            onView={(view) => go({ view })}
            q={q}
            onQ={setQ}
            counts={{ missing: missingEntries, withReason: unpaidEntries - missingEntries }}
            deadline={deadline}
            late={late}
            collector={collector}
          />
        )}
      </Stack>
    </Box>
  );
};

const EntryList = ({
  baseUnitId,
  month,
  organizationId,
  view,
  onView,
  q,
  onQ,
  counts,
  deadline,
  late,
  collector,
}: {
  baseUnitId: string;
  month: string;
  organizationId: string | null;
  view: View;
  onView: (v: View) => void;
  q: string;
  onQ: (q: string) => void;
  counts: { missing: number; withReason: number };
  deadline: string;
  late: boolean;
  /** A collector's list is its organization's: no need to name it on every card. */
  collector: boolean;
}) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  // "Chưa có lý do" asks the API for those only; an entry given a reason here stays on screen,
  // confirmed, until the list is read again.
  const { entries, loading, error, full, more } = usePagedEntries({ baseUnitId, month, kind: 'UNPAID_LAST_MONTH', organizationId, withoutReason: view === 'todo' }, PAGE);
  const list = view === 'todo' ? entries : entries.filter((e) => e.reason);
  const folded = foldVietnamese(q.trim());
  const shown = folded ? list.filter((e) => foldVietnamese(e.person.fullName).includes(folded)) : list;
  // People, not dues (one person may owe on both schemes): exact when the whole to-do list is on screen.
  const people = view === 'todo' && full ? peopleWithoutReason(entries) : counts.missing;
  const counterKey = people === 0 ? `${T}.all_done` : late ? `${T}.counter_late` : `${T}.counter`;

  return (
    <>
      <Alert severity={people === 0 ? 'success' : late ? 'error' : 'warning'} role="status" aria-live="polite" sx={{ fontSize: '1rem', fontWeight: 600 }}>
        {translate(counterKey, { n: people, date: formatDayMonth(deadline) })}
      </Alert>
      <Typography variant="body2" color="text.secondary">
        {translate(`${T}.list_of`, { month: formatMonth(month), prev: formatMonth(addMonths(month, -1)) })}
      </Typography>
      <ToggleButtonGroup exclusive fullWidth size="small" color="primary" value={view} onChange={(_, v: View | null) => v && onView(v)}>
        <ToggleButton value="todo">{translate(`${T}.todo`, { n: counts.missing })}</ToggleButton>
        <ToggleButton value="done">{translate(`${T}.done`, { n: counts.withReason })}</ToggleButton>
      </ToggleButtonGroup>
      <TextField
        size="small"
        value={q}
        onChange={(e) => onQ(e.target.value)}
        placeholder={translate(`${T}.search`)}
        slotProps={{ htmlInput: { 'aria-label': translate(`${T}.search`), type: 'search' }, input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> } }}
      />
      {error && <Alert severity="error">{toHttpError(error, locale).message}</Alert>}
      {loading && <LinearProgress aria-label={translate('ra.page.loading')} />}
      {folded && shown.length === 0 && <Typography>{translate(`${T}.nothing_found`, { q })}</Typography>}
      <Stack spacing={1.5} component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {shown.map((e) => (
          <Box component="li" key={e.id}>
            <EntryCard entry={e} showOrganization={!organizationId && !collector} />
          </Box>
        ))}
      </Stack>
      {!full && (
        <MuiButton onClick={more} disabled={loading}>
          {translate(`${T}.more`)}
        </MuiButton>
      )}
    </>
  );
};

/** One person's unpaid due: who, where, how much, by when, and the reason buttons (or what was saved). */
const EntryCard = ({ entry: e, showOrganization }: { entry: CycleEntry; showOrganization: boolean }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined" component="article" aria-label={e.person.fullName} data-entry={e.id} sx={{ borderColor: e.reason ? 'success.main' : undefined }}>
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 1, p: { xs: 1.5, sm: 2 }, '&:last-child': { pb: { xs: 1.5, sm: 2 } } }}>
        <Box>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700, lineHeight: 1.3 }}>
            {e.person.fullName}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {e.hamlet.name}, {e.commune.name}
            {showOrganization && e.collectionOrganization && ` · ${e.collectionOrganization.name}`}
          </Typography>
          <Typography variant="body2">
            {translate(`${T}.owes`, { amount: formatDong(e.amount), scheme: translate(`app.schemes.${e.scheme}`) })} · {translate(`${T}.due_on`, { date: formatLocalDate(e.dueDate) })}
          </Typography>
        </Box>
        <ReasonPicker entry={e} />
      </CardContent>
    </Card>
  );
};
