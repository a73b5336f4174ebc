import { useQuery } from '@apollo/client/react';
import { todayInVietnam, type LocalDate, type Scheme } from '@bao-phu/domain';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link, Loading, NavigateToFirstResource, Title, useLocaleState, usePermissions, useTranslate } from 'react-admin';
import { formatLocalDate } from '../components/dates';
import { PAGE_ROOT } from '../components/pageRoot';
import { toHttpError } from '../providers/graphqlErrors';
import { isReportReader, type Permissions } from '../providers/permissions';
import { formatPercent } from '../reports/achievement/board';
import { formatCount, formatGrowth, formatPct } from '../reports/hierarchy/format';
import { reportPath } from '../reports/hierarchy/params';
import { HIERARCHY_REPORT } from '../reports/hierarchy/queries';
import { TrendChart } from '../reports/hierarchy/LazyCharts';
import { CollectionCard } from './CollectionCard';
import { D, DashboardCard } from './DashboardCard';
import { kpis, type Kpis, type SchemeKpi } from './dashboard';
import { LowestUnits } from './LowestUnits';
import { WeekSessions } from './WeekSessions';

/**
 * The home page ("Tổng quan") of the roles that read reports: the key figures of the user's scope
 * unit today, its 12 months, its weakest communes, this week's campaign sessions and where the
 * collection cycle stands. Collectors keep their home as before: the first list they may open.
 */
export const Dashboard = () => {
  const { permissions, isPending } = usePermissions<Permissions>();
  if (isPending) return <Loading />;
  if (!isReportReader(permissions)) return <NavigateToFirstResource loading={Loading} />;
  return <ScopeDashboard permissions={permissions} />;
};

const ScopeDashboard = ({ permissions }: { permissions: Permissions }) => {
  const translate = useTranslate();
  const today = todayInVietnam();
  const scope = permissions.scope;
  return (
    <Box sx={{ ...PAGE_ROOT, mt: 2, gap: 2 }}>
      <Title title={`${D}.title`} />
      <Typography variant="body2" color="text.secondary">
        {translate(`${D}.intro`, { name: scope.name, date: formatLocalDate(today) })}
      </Typography>
      <KpiCards unitId={scope.id} today={today} />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) minmax(0, 1fr)' }, gap: 2 }}>
        <Card sx={{ minWidth: 0 }}>
          <CardContent>
            <TrendChart unitId={scope.id} scheme="VOLUNTARY_SI" asOf={today} name={scope.name} caption={translate(`${D}.trend`)} />
          </CardContent>
        </Card>
        <LowestUnits scope={scope} today={today} />
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'minmax(0, 1fr) minmax(0, 1fr)' }, gap: 2 }}>
        <WeekSessions today={today} />
        <CollectionCard scope={scope} today={today} />
      </Box>
    </Box>
  );
};

const reportLink = (unitId: string, scheme: Scheme, today: LocalDate) => reportPath({ unit: unitId, scheme, date: today, restated: false });

/** Both schemes' report totals of the scope unit today, as six cards. */
const KpiCards = ({ unitId, today }: { unitId: string; today: LocalDate }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const common = { unitId, asOf: today, restated: false };
  const vsi = useQuery(HIERARCHY_REPORT, { variables: { ...common, scheme: 'VOLUNTARY_SI' }, fetchPolicy: 'cache-and-network' });
  const hi = useQuery(HIERARCHY_REPORT, { variables: { ...common, scheme: 'HOUSEHOLD_HI' }, fetchPolicy: 'cache-and-network' });
  const error = vsi.error ?? hi.error;
  const figures: Kpis | null = vsi.data && hi.data ? kpis(vsi.data.hierarchyReport.total, hi.data.hierarchyReport.total) : null;
  const short = (s: Scheme) => translate(`${D}.schemes_short.${s}`);
  const both = (line: (k: SchemeKpi) => string) => (
    <Stack spacing={0.5}>
      {(['VOLUNTARY_SI', 'HOUSEHOLD_HI'] as const).map((s) => (
        <Stack key={s} direction="row" justifyContent="space-between" spacing={1}>
          <Typography variant="body2" color="text.secondary">
            {short(s)}
          </Typography>
          <Typography variant="h6" component="p" data-kpi-value={s} sx={{ fontVariantNumeric: 'tabular-nums', lineHeight: 1.3 }}>
            {figures ? line(figures[s]) : ''}
          </Typography>
        </Stack>
      ))}
    </Stack>
  );
  return (
    <Box component="section" aria-label={translate(`${D}.kpi.cards`)}>
      {error && <Alert severity="error">{toHttpError(error, locale).message}</Alert>}
      {(vsi.loading || hi.loading) && !figures && <LinearProgress aria-label={translate('ra.page.loading')} />}
      {figures && (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: 'repeat(2, minmax(0, 1fr))', md: 'repeat(3, minmax(0, 1fr))', xl: 'repeat(6, minmax(0, 1fr))' }, gap: 2 }}>
          {(['VOLUNTARY_SI', 'HOUSEHOLD_HI'] as const).map((s) => {
            const k = figures[s];
            return (
              <DashboardCard key={s} title={translate(`${D}.kpi.participants`, { scheme: translate(`app.schemes.${s}`) })}>
                <Typography variant="h4" component="p" data-kpi-value="participants" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatCount(k.participants, locale)}
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  {k.target === null ? translate(`${D}.kpi.no_target`) : translate(`${D}.kpi.of_target`, { pct: formatPct(k.achievementPct, locale), target: formatCount(k.target, locale) })}
                </Typography>
                <Link to={reportLink(unitId, s, today)} variant="body2">
                  {translate(`${D}.kpi.open_report`)}
                </Link>
              </DashboardCard>
            );
          })}
          <DashboardCard title={translate(`${D}.kpi.achievement`)}>{both((k) => formatPct(k.achievementPct, locale))}</DashboardCard>
          <DashboardCard title={translate(`${D}.kpi.new`)}>{both((k) => formatCount(k.newParticipants, locale))}</DashboardCard>
          <DashboardCard title={translate(`${D}.kpi.on_time`)}>
            <Typography variant="h4" component="p" data-kpi-value="on-time" sx={{ fontVariantNumeric: 'tabular-nums' }}>
              {figures.onTime.pct === null ? '—' : formatPercent(figures.onTime.pct, locale)}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {figures.onTime.due === 0 ? translate(`${D}.kpi.on_time_none`) : translate(`${D}.kpi.on_time_detail`, { paid: formatCount(figures.onTime.paid, locale), due: formatCount(figures.onTime.due, locale) })}
            </Typography>
          </DashboardCard>
          <DashboardCard title={translate(`${D}.kpi.change`)}>{both((k) => formatGrowth(k.changeVsLastYear, k.changeVsLastYearPct, locale))}</DashboardCard>
        </Box>
      )}
    </Box>
  );
};
