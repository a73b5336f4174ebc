import { useQuery } from '@apollo/client/react';
import type { LocalDate } from '@bao-phu/domain';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link, useLocaleState, useTranslate } from 'react-admin';
import { formatDateTime, formatLocalDate } from '../components/dates';
import { toHttpError } from '../providers/graphqlErrors';
import type { Permissions } from '../providers/permissions';
import { formatPercent } from '../reports/achievement/board';
import { cycleMonthFor, cycleSearch, formatDong, formatMonth } from '../resources/collection/cycle';
import { COLLECTION_CYCLE, ON_TIME_COLLECTION } from '../resources/collection/queries';
import { formatCount } from '../reports/hierarchy/format';
import { D, DashboardCard } from './DashboardCard';
import { cycleState, onTimeMonths } from './dashboard';

/**
 * Where the monthly collection stands. A base office's staff see the cycle at work (this month's
 * from the 25th, when its lists go out; before that last month's, whose reasons are due on the
 * 20th): both lists, the reasons still missing and their deadline. Wider scopes, which span many
 * base offices, get the on-time rate of last month and this one and links to the lists.
 */
export const CollectionCard = ({ scope, today }: { scope: Permissions['scope']; today: LocalDate }) =>
  scope.level === 'BASE' ? <BaseCycle baseUnitId={scope.id} today={today} /> : <WideCollection unitId={scope.id} today={today} />;

const BaseCycle = ({ baseUnitId, today }: { baseUnitId: string; today: LocalDate }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const month = cycleMonthFor(today);
  const { data, loading, error } = useQuery(COLLECTION_CYCLE, { variables: { baseUnitId, month }, fetchPolicy: 'cache-and-network' });
  const cycle = data?.collectionCycle ?? null;
  const state = cycle ? cycleState(cycle.summary) : null;
  const count = (n: number) => formatCount(n, locale);
  return (
    <DashboardCard
      title={translate(`${D}.cycle.title`, { month: formatMonth(month) })}
      action={
        <Link to={`/collection-cycle${cycleSearch({ base: baseUnitId, month })}`} variant="body2">
          {translate(`${D}.cycle.open`)}
        </Link>
      }
    >
      {error && <Alert severity="error">{toHttpError(error, locale).message}</Alert>}
      {loading && !data && <LinearProgress aria-label={translate('ra.page.loading')} />}
      {data && !cycle && <Typography variant="body2">{translate(`${D}.cycle.not_generated`, { month: formatMonth(month) })}</Typography>}
      {cycle && state && (
        <Stack spacing={0.75}>
          <Typography variant="body2">{translate(`${D}.cycle.due`, { n: count(state.due.entries), amount: formatDong(state.due.amount) })}</Typography>
          <Typography variant="body2">{translate(`${D}.cycle.unpaid`, { n: count(state.unpaid.entries), amount: formatDong(state.unpaid.amount) })}</Typography>
          <Stack direction="row" spacing={1} alignItems="center">
            <Typography variant="body2" sx={{ fontWeight: 600, color: state.late ? 'error.main' : state.reasonsMissing === 0 ? 'success.dark' : undefined }}>
              {state.reasonsMissing === 0 ? translate(`${D}.cycle.reasons_done`) : translate(`${D}.cycle.reasons_missing`, { n: count(state.reasonsMissing), date: formatLocalDate(state.deadline) })}
            </Typography>
            {state.late && <Chip size="small" color="error" label={translate(`${D}.cycle.late`)} />}
          </Stack>
          <Typography variant="caption" color="text.secondary">
            {translate(`${D}.cycle.version`, { version: cycle.version, time: formatDateTime(cycle.generatedAt) })}
          </Typography>
        </Stack>
      )}
    </DashboardCard>
  );
};

const WideCollection = ({ unitId, today }: { unitId: string; today: LocalDate }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data, loading, error } = useQuery(ON_TIME_COLLECTION, { variables: { unitId, ...onTimeMonths(today) }, fetchPolicy: 'cache-and-network' });
  return (
    <DashboardCard title={translate(`${D}.cycle.title_wide`)}>
      {error && <Alert severity="error">{toHttpError(error, locale).message}</Alert>}
      {loading && !data && <LinearProgress aria-label={translate('ra.page.loading')} />}
      {data && (
        <Stack spacing={0.5}>
          {data.onTimeCollection.map((r) => (
            <Typography key={r.month} variant="body2">
              {r.ratePct === null
                ? translate(`${D}.cycle.on_time_month_none`, { month: formatMonth(r.month) })
                : translate(`${D}.cycle.on_time_month`, { month: formatMonth(r.month), pct: formatPercent(r.ratePct, locale), paid: formatCount(r.paidOnTime, locale), due: formatCount(r.due, locale) })}
            </Typography>
          ))}
        </Stack>
      )}
      <Stack direction="row" spacing={2}>
        <Link to="/collection-cycle" variant="body2">
          {translate(`${D}.cycle.open`)}
        </Link>
        <Link to="/on-time" variant="body2">
          {translate(`${D}.cycle.on_time_page`)}
        </Link>
      </Stack>
    </DashboardCard>
  );
};
