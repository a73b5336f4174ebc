import { useQuery } from '@apollo/client/react';
import { SCHEMES, todayInVietnam, type Scheme } from '@bao-phu/domain';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import MuiLink from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { Title, useLocaleState, usePermissions, useTranslate } from 'react-admin';
import { formatLocalDate } from '../../components/dates';
import { PAGE_ROOT } from '../../components/pageRoot';
import { toHttpError } from '../../providers/graphqlErrors';
import type { Permissions } from '../../providers/permissions';
import { UnitPicker } from '../../resources/campaigns/CampaignFields';
import { DateBox } from '../achievement/AchievementBoard';
import { nextReportParams, pickerLevels, readReportParams, reportPath, type ReportParams } from './params';
import { HIERARCHY_REPORT, type HierarchyReport } from './queries';
import { AchievementChart, TrendChart } from './LazyCharts';
import { ReportExports } from './ReportExports';
import { ReportTable } from './ReportTable';
import { breadcrumbSteps, isDrillable } from './rows';
import { useUrlParams } from '../../components/urlParams';

const T = 'resources.reports';

/**
 * "Báo cáo": a unit's figures on a date and each of its children's (hierarchyReport), drilled down
 * by clicking a row and up by the breadcrumb, with the children's achievement as bars against
 * 100 % and the unit's last 12 months; the table as Excel or CSV, the written report as PDF.
 * Unit, scheme, date and grouping live in the URL: a link shows the same report, Back goes back up.
 */
export const ReportsPage = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { permissions } = usePermissions<Permissions>();
  const today = todayInVietnam();
  const { params, latest, go: goTo } = useUrlParams(readReportParams);
  const unitId = params.unit ?? permissions?.scope.id ?? null;
  const asOf = params.date ?? today;
  const go = (change: Partial<ReportParams>) => {
    const asked = latest();
    goTo(reportPath(nextReportParams(asked, { unit: asked.unit ?? unitId, date: asked.date ?? asOf }, change)));
  };
  const { data, previousData, loading, error } = useQuery(HIERARCHY_REPORT, {
    variables: { unitId: unitId ?? '', scheme: params.scheme, asOf, restated: params.restated },
    skip: !unitId,
    fetchPolicy: 'cache-and-network',
  });
  // While the next level loads, the last one stays on screen (under the progress bar) rather than a blank page.
  const report = error ? null : (data ?? (loading ? previousData : undefined))?.hierarchyReport ?? null;

  return (
    <Box sx={{ ...PAGE_ROOT, mt: 2 }}>
      <Title title={`${T}.title`} />
      <Card>
        <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap alignItems="flex-start">
            <UnitPicker value={unitId} onChange={(id) => id && go({ unit: id })} levels={pickerLevels(permissions?.scope.level)} label={translate(`${T}.fields.unit`)} sx={{ width: '24em', maxWidth: '100%' }} />
            <TextField select size="small" fullWidth={false} label={translate(`${T}.fields.scheme`)} value={params.scheme} onChange={(e) => go({ scheme: e.target.value as Scheme })} sx={{ minWidth: 200 }}>
              {SCHEMES.map((s) => (
                <MenuItem key={s} value={s}>
                  {translate(`app.schemes.${s}`)}
                </MenuItem>
              ))}
            </TextField>
            <DateBox label={translate(`${T}.fields.date`)} value={params.date} placeholder={translate(`${T}.today`)} onChange={(date) => go({ date: date ?? today })} />
            <Stack spacing={0.5}>
              <ToggleButtonGroup
                size="small"
                exclusive
                value={params.restated ? 'restated' : 'as_stood'}
                onChange={(_, v: string | null) => v && go({ restated: v === 'restated' })}
                aria-label={translate(`${T}.fields.grouping`)}
              >
                <ToggleButton value="as_stood">{translate(`${T}.as_stood`)}</ToggleButton>
                <ToggleButton value="restated">{translate(`${T}.restated`)}</ToggleButton>
              </ToggleButtonGroup>
              <Typography variant="caption" color="text.secondary" sx={{ maxWidth: '28em' }}>
                {translate(params.restated ? `${T}.restated_help` : `${T}.as_stood_help`)}
              </Typography>
            </Stack>
            <Box sx={{ flex: 1 }} />
            {report && <ReportExports unit={report.unit} scheme={report.scheme} asOf={report.asOf} restated={report.restated} today={today} />}
          </Stack>
          {error && <Alert severity="error">{toHttpError(error, locale).message}</Alert>}
          {loading && <LinearProgress aria-label={translate('ra.page.loading')} />}
          {report && <ReportBody report={report} scopePath={permissions?.scope.path} onOpen={(id) => go({ unit: id })} />}
        </CardContent>
      </Card>
    </Box>
  );
};

const ReportBody = ({ report, scopePath, onOpen }: { report: HierarchyReport; scopePath: string | undefined; onOpen: (id: string) => void }) => {
  const translate = useTranslate();
  const steps = breadcrumbSteps(report.breadcrumb, scopePath);
  const name = report.unit.name;
  return (
    <Box component="section" aria-label={name} sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      {steps.length > 0 && (
        <Breadcrumbs aria-label={translate(`${T}.breadcrumbs`)}>
          {steps.map((a) => (
            <MuiLink key={a.id} component="button" type="button" variant="body2" onClick={() => onOpen(a.id)}>
              {a.name}
            </MuiLink>
          ))}
          <Typography variant="body2" color="text.primary" aria-current="page">
            {name}
          </Typography>
        </Breadcrumbs>
      )}
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography variant="h6" component="h2">
          {translate(`${T}.heading`, { name, scheme: translate(`app.schemes.${report.scheme}`), date: formatLocalDate(report.asOf) })}
        </Typography>
        {report.unit.closed && <Chip size="small" label={translate(`${T}.closed`)} />}
        {report.unit.synthetic && <Chip size="small" variant="outlined" label={translate(`${T}.synthetic`)} />}
      </Stack>
      <ReportTable report={report} onOpen={onOpen} />
      {report.children.length === 0 && (
        <Alert severity="info">{translate(isDrillable(report.total) ? `${T}.no_children` : `${T}.leaf`, { name })}</Alert>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) minmax(0, 1fr)' }, gap: 3 }}>
        {report.children.length > 0 && <AchievementChart rows={report.children} name={name} year={report.asOf.slice(0, 4)} />}
        <TrendChart unitId={report.unit.id} scheme={report.scheme} asOf={report.asOf} name={name} closed={report.unit.closed} />
      </Box>
    </Box>
  );
};
