import { useQuery } from '@apollo/client/react';
import type { LocalDate } from '@bao-phu/domain';
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link, useLocaleState, useTranslate } from 'react-admin';
import { toHttpError } from '../providers/graphqlErrors';
import type { Permissions } from '../providers/permissions';
import { formatCount, formatPct } from '../reports/hierarchy/format';
import { reportPath } from '../reports/hierarchy/params';
import { UNIT_RANKING } from '../reports/hierarchy/queries';
import { D, DashboardCard } from './DashboardCard';
import { fallbackMeasure, rankingLevel } from './dashboard';

const TAKE = 5;
const numeric = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/**
 * The communes (hamlets, for a commune's scope) of the scope with the lowest achievement, or the
 * fewest participants when none of them has a target; each opens its report.
 */
export const LowestUnits = ({ scope, today }: { scope: Permissions['scope']; today: LocalDate }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const level = rankingLevel(scope.level);
  const base = { unitId: scope.id, scheme: 'VOLUNTARY_SI' as const, asOf: today, level, take: TAKE };
  const byAchievement = useQuery(UNIT_RANKING, { variables: { ...base, measure: 'ACHIEVEMENT_PCT' }, skip: !level, fetchPolicy: 'cache-and-network' });
  const fallback = fallbackMeasure(byAchievement.data?.unitRanking);
  const byParticipants = useQuery(UNIT_RANKING, { variables: { ...base, measure: 'PARTICIPANTS' }, skip: !level || !fallback, fetchPolicy: 'cache-and-network' });
  const ranking = fallback ? byParticipants.data?.unitRanking : byAchievement.data?.unitRanking;
  const error = byAchievement.error ?? byParticipants.error;
  const loading = byAchievement.loading || byParticipants.loading;
  if (!level) return null;
  const levelName = translate(`${D}.lowest.levels.${level}`);
  const measure = fallback ?? 'ACHIEVEMENT_PCT';
  return (
    <DashboardCard title={translate(`${D}.lowest.title_${measure}`, { level: levelName })}>
      {error && <Alert severity="error">{toHttpError(error, locale).message}</Alert>}
      {loading && !ranking && <LinearProgress aria-label={translate('ra.page.loading')} />}
      {ranking && fallback && (
        <Typography variant="body2" color="text.secondary">
          {translate(`${D}.lowest.no_targets`, { level: levelName.toLocaleLowerCase(locale) })}
        </Typography>
      )}
      {ranking && ranking.lowest.length === 0 && <Typography variant="body2">{translate(`${D}.lowest.empty`)}</Typography>}
      {ranking && ranking.lowest.length > 0 && (
        <Table size="small" aria-label={translate(`${D}.lowest.table`)}>
          <TableHead>
            <TableRow>
              <TableCell>{translate(`${D}.lowest.rank`)}</TableCell>
              <TableCell>{translate('resources.reports.columns.unit')}</TableCell>
              <TableCell align="right">{translate('resources.reports.columns.participants')}</TableCell>
              <TableCell align="right">{translate('resources.reports.columns.target')}</TableCell>
              <TableCell align="right">{translate('resources.reports.columns.achievement')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {ranking.lowest.map((r) => (
              <TableRow key={r.row.unit.id} data-unit={r.row.unit.code}>
                <TableCell sx={numeric}>{r.rank}</TableCell>
                <TableCell>
                  <Link to={reportPath({ unit: r.row.unit.id, scheme: 'VOLUNTARY_SI', date: today, restated: false })}>{r.row.unit.name}</Link>
                </TableCell>
                <TableCell align="right" sx={numeric}>
                  {formatCount(r.row.participants, locale)}
                </TableCell>
                <TableCell align="right" sx={numeric}>
                  {formatCount(r.row.target, locale)}
                </TableCell>
                <TableCell align="right" sx={numeric}>
                  {formatPct(r.row.achievementPct, locale)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {ranking && !fallback && ranking.unranked > 0 && (
        <Typography variant="caption" color="text.secondary">
          {translate(`${D}.lowest.unranked`, { n: ranking.unranked })}
        </Typography>
      )}
    </DashboardCard>
  );
};
