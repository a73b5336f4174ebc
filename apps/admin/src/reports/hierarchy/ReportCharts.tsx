import { useQuery } from '@apollo/client/react';
import type { LocalDate, Scheme } from '@bao-phu/domain';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { ChartsReferenceLine } from '@mui/x-charts/ChartsReferenceLine';
import { LineChart } from '@mui/x-charts/LineChart';
import type { ReactNode } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { toHttpError } from '../../providers/graphqlErrors';
import { formatPercent } from '../achievement/board';
import { achievementBars, barsHeight, trendSeries } from './charts';
import { formatCount } from './format';
import { trendRange } from './params';
import { REPORT_TREND, type ReportRow } from './queries';

const T = 'resources.reports.charts';
const COLORS = { below: '#1976d2', reached: '#2e7d32', target: '#757575', participants: '#1976d2' } as const;

/** A chart with its caption, readable as a figure by assistive technologies. */
const Figure = ({ caption, children }: { caption: string; children: ReactNode }) => (
  <Box component="figure" role="group" aria-label={caption} sx={{ m: 0, minWidth: 0 }}>
    <Typography component="figcaption" variant="subtitle1" gutterBottom>
      {caption}
    </Typography>
    {children}
  </Box>
);

/**
 * The achievement of each child with a target as a horizontal bar, green from 100 % on, with the
 * 100 % line across; children without a target are counted below the chart.
 */
export const AchievementChart = ({ rows, name, year }: { rows: readonly ReportRow[]; name: string; year: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const bars = achievementBars(rows);
  const caption = translate(`${T}.achievement`, { name });
  if (bars.values.length === 0) {
    return (
      <Figure caption={caption}>
        <Alert severity="info">{translate(`${T}.no_targets`, { name, year })}</Alert>
      </Figure>
    );
  }
  const pct = (v: number | null) => (v === null ? '—' : formatPercent(v, locale));
  return (
    <Figure caption={caption}>
      <BarChart
        layout="horizontal"
        height={barsHeight(bars.values.length)}
        yAxis={[{ scaleType: 'band', data: bars.labels, width: 150, tickLabelStyle: { fontSize: 12 } }]}
        xAxis={[
          {
            min: 0,
            max: bars.max,
            label: translate(`${T}.achievement_axis`),
            valueFormatter: (v: number) => pct(v),
            colorMap: { type: 'piecewise', thresholds: [100], colors: [COLORS.below, COLORS.reached] },
          },
        ]}
        series={[{ data: bars.values, valueFormatter: pct }]}
        hideLegend
        grid={{ vertical: true }}
        margin={{ right: 24 }}
      >
        <ChartsReferenceLine x={100} label={translate(`${T}.target_line`)} labelAlign="start" lineStyle={{ stroke: COLORS.reached, strokeWidth: 2, strokeDasharray: '6 4' }} labelStyle={{ fontSize: 12, fill: COLORS.reached }} />
      </BarChart>
      {bars.withoutTarget > 0 && (
        <Typography variant="caption" color="text.secondary">
          {translate(`${T}.without_target`, { n: bars.withoutTarget })}
        </Typography>
      )}
    </Figure>
  );
};

/**
 * The unit's participants and yearly target over the 12 months ending with the report date's
 * month (reportTrend, today's tree: a closed unit has none).
 */
export const TrendChart = ({ unitId, scheme, asOf, name, closed, caption }: { unitId: string; scheme: Scheme; asOf: LocalDate; name: string; closed?: boolean; caption?: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const range = trendRange(asOf);
  const { data, loading, error } = useQuery(REPORT_TREND, { variables: { unitId, scheme, ...range }, skip: closed, fetchPolicy: 'cache-first' });
  const title = caption ?? translate(`${T}.trend`, { name });
  if (closed) {
    return (
      <Figure caption={title}>
        <Alert severity="info">{translate(`${T}.trend_closed`, { name })}</Alert>
      </Figure>
    );
  }
  const series = data ? trendSeries(data.reportTrend.points, locale) : null;
  const count = (v: number | null) => (v === null ? '—' : formatCount(v, locale));
  return (
    <Figure caption={title}>
      {error && <Alert severity="error">{toHttpError(error, locale).message}</Alert>}
      {loading && <LinearProgress aria-label={translate('ra.page.loading')} />}
      {series && series.months.length === 0 && <Alert severity="info">{translate(`${T}.trend_empty`)}</Alert>}
      {series && series.months.length > 0 && (
        <LineChart
          height={280}
          xAxis={[{ scaleType: 'point', data: series.labels }]}
          yAxis={[{ min: 0, valueFormatter: (v: number) => count(v), width: 56 }]}
          series={[
            { id: 'participants', data: series.participants, label: translate(`${T}.trend_participants`), color: COLORS.participants, valueFormatter: count, showMark: true },
            ...(series.hasTarget
              ? [{ id: 'target', data: series.target, label: translate(`${T}.trend_target`), color: COLORS.target, valueFormatter: count, curve: 'stepAfter' as const, showMark: false, connectNulls: false }]
              : []),
          ]}
          grid={{ horizontal: true }}
          sx={{ '& [data-series="target"]': { strokeDasharray: '6 4' } }}
        />
      )}
    </Figure>
  );
};
