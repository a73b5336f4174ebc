import LinearProgress from '@mui/material/LinearProgress';
import { lazy, Suspense, type ComponentProps } from 'react';

/**
 * The report charts, loaded on first use: MUI X Charts and its d3 parts are a chunk of their own
 * (vite.config.ts) that a collector, who has no reports, never downloads.
 */
const Achievement = lazy(() => import('./ReportCharts').then((m) => ({ default: m.AchievementChart })));
const Trend = lazy(() => import('./ReportCharts').then((m) => ({ default: m.TrendChart })));

type Props<K extends 'AchievementChart' | 'TrendChart'> = ComponentProps<(typeof import('./ReportCharts'))[K]>;

export const AchievementChart = (props: Props<'AchievementChart'>) => (
  <Suspense fallback={<LinearProgress />}>
    <Achievement {...props} />
  </Suspense>
);

export const TrendChart = (props: Props<'TrendChart'>) => (
  <Suspense fallback={<LinearProgress />}>
    <Trend {...props} />
  </Suspense>
);
