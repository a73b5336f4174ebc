import { useApolloClient, useQuery } from '@apollo/client/react';
import { todayInVietnam } from '@bao-phu/domain';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { Title, useLocaleState, usePermissions, useTranslate } from 'react-admin';
import { PAGE_ROOT } from '../../components/pageRoot';
import { toHttpError } from '../../providers/graphqlErrors';
import type { Permissions } from '../../providers/permissions';
import { chooseBase, formatMonth } from '../../resources/collection/cycle';
import { BaseOfficeSelect, OrganizationSelect, useBaseOffices, useOrganizations } from '../../resources/collection/CycleControls';
import { ON_TIME_COLLECTION } from '../../resources/collection/queries';
import type { OnTimeRow } from '../../resources/collection/types';
import { useCount } from '../../resources/targets/TargetFields';
import { formatPercent } from '../achievement/board';
import { chartRange, chartScale, heightOf, MONTH_COUNTS, ON_TIME_GOAL_PCT, onTimeSearch, overallRate, rateColor, readOnTimeParams, shortMonth, type OnTimeParams } from './onTime';
import { useUrlParams } from '../../components/urlParams';

const T = 'resources.collection.onTime';
const numeric = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;
const COLORS = { success: '#2e7d32', error: '#d32f2f', none: '#bdbdbd' } as const;

/**
 * "Tỷ lệ thu đúng hạn": the monthly on-time collection rate of a base office (or the user's whole
 * scope), for all organizations or one, as bars against the 98 % goal line, drawn with MUI boxes;
 * below, the figures per month for the unit and each organization. Unit, organization and period
 * live in the URL.
 */
export const OnTimePage = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { permissions } = usePermissions<Permissions>();
  const count = useCount();
  const today = todayInVietnam();
  const { params, latest, go: goTo } = useUrlParams(readOnTimeParams);
  const { bases } = useBaseOffices();
  const organizations = useOrganizations();
  const scope = permissions?.scope;
  // A province's planner may also look at the whole province; a base office's staff at their own.
  const wider = scope && scope.level !== 'BASE' && scope.level !== 'COUNTRY' ? { id: scope.id, name: scope.name } : null;
  const unit = params.unit ?? chooseBase(null, bases, scope);
  const unitName = [wider, ...bases].find((u) => u?.id === unit)?.name ?? '';
  const go = (next: Partial<OnTimeParams>) => {
    const asked = latest();
    goTo(`/on-time${onTimeSearch({ ...asked, unit: asked.unit ?? unit, ...next })}`);
  };
  const { from, to } = chartRange(today, params.months);
  const { data, previousData, loading, error } = useQuery(ON_TIME_COLLECTION, {
    variables: { unitId: unit ?? '', from, to, organizationId: params.org },
    skip: !unit,
    fetchPolicy: 'cache-and-network',
  });
  const rows = (data ?? previousData)?.onTimeCollection ?? [];
  const overall = overallRate(rows);
  const totals = rows.reduce((t, r) => ({ due: t.due + r.due, paid: t.paid + r.paidOnTime }), { due: 0, paid: 0 });

  return (
    <Box sx={{ ...PAGE_ROOT, mt: 2 }}>
      <Title title={`${T}.title`} />
      <Card>
        <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Typography variant="body2" color="text.secondary">
            {translate(`${T}.intro`, { goal: formatPercent(ON_TIME_GOAL_PCT, locale) })}
          </Typography>
          <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap alignItems="center">
            <BaseOfficeSelect value={unit} bases={bases} extra={wider} onChange={(id) => go({ unit: id })} />
            <OrganizationSelect value={params.org} organizations={organizations} onChange={(org) => go({ org })} />
            <TextField select size="small" fullWidth={false} label={translate(`${T}.months`)} value={params.months} onChange={(e) => go({ months: Number(e.target.value) })} sx={{ minWidth: 180 }}>
              {MONTH_COUNTS.map((n) => (
                <MenuItem key={n} value={n}>
                  {translate(`${T}.months_n`, { n })}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          {error && <Alert severity="error">{toHttpError(error, locale).message}</Alert>}
          {loading && <LinearProgress aria-label={translate('ra.page.loading')} />}
          {rows.length > 0 && (
            <>
              <Typography variant="h6" component="p" sx={{ color: overall === null ? undefined : overall >= ON_TIME_GOAL_PCT ? COLORS.success : COLORS.error }}>
                {overall === null
                  ? translate(`${T}.overall_none`, { n: params.months })
                  : translate(`${T}.overall`, { n: params.months, pct: formatPercent(overall, locale), paid: count(totals.paid), due: count(totals.due) })}
              </Typography>
              <Chart rows={rows} name={[unitName, organizations.find((o) => o.id === params.org)?.name].filter(Boolean).join(' — ')} currentMonth={to} />
              {unit && <FiguresTable unitId={unit} from={from} to={to} rows={rows} organizations={params.org ? [] : organizations} />}
            </>
          )}
        </CardContent>
      </Card>
    </Box>
  );
};

/** The bars, the goal line across them, the scale on the left and the months below. */
const Chart = ({ rows, name, currentMonth }: { rows: readonly OnTimeRow[]; name: string; currentMonth: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const scale = chartScale(rows.map((r) => r.ratePct));
  const goal = heightOf(ON_TIME_GOAL_PCT, scale);
  const HEIGHT = 240;
  return (
    <Box component="figure" role="group" aria-label={translate(`${T}.chart`, { name })} sx={{ m: 0 }}>
      <Typography component="figcaption" variant="subtitle1" gutterBottom>
        {translate(`${T}.chart`, { name })}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: '3.5rem 1fr', gap: 1 }}>
        {/* The scale */}
        <Box sx={{ position: 'relative', height: HEIGHT }} aria-hidden>
          {scale.ticks.map((t) => (
            <Typography
              key={t}
              variant="caption"
              sx={{ position: 'absolute', right: 0, bottom: `calc(${heightOf(t, scale)}% - 0.6em)`, lineHeight: 1.2, fontWeight: t === ON_TIME_GOAL_PCT ? 700 : undefined, color: t === ON_TIME_GOAL_PCT ? COLORS.success : 'text.secondary' }}
            >
              {formatPercent(t, locale)}
            </Typography>
          ))}
        </Box>
        <Box sx={{ overflowX: 'auto' }}>
          <Box sx={{ position: 'relative', height: HEIGHT, minWidth: rows.length * 28, borderLeft: 1, borderBottom: 1, borderColor: 'text.secondary' }}>
            {scale.ticks
              .filter((t) => t !== ON_TIME_GOAL_PCT)
              .map((t) => (
                <Box key={t} aria-hidden sx={{ position: 'absolute', left: 0, right: 0, bottom: `${heightOf(t, scale)}%`, borderTop: 1, borderColor: 'divider' }} />
              ))}
            <Box sx={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'flex-end', gap: '6px', px: '6px' }}>
              {rows.map((r) => {
                const color = COLORS[rateColor(r)];
                const running = r.month === currentMonth;
                const label = r.ratePct === null ? translate(`${T}.bar_none`, { month: formatMonth(r.month) }) : translate(`${T}.bar`, { month: formatMonth(r.month), pct: formatPercent(r.ratePct, locale), paid: r.paidOnTime, due: r.due });
                return (
                  <Box
                    key={r.month}
                    role="img"
                    aria-label={running ? `${label} (${translate(`${T}.running`)})` : label}
                    title={running ? `${label} (${translate(`${T}.running`)})` : label}
                    data-month={r.month}
                    data-meets-goal={r.meetsGoal === null ? '' : String(r.meetsGoal)}
                    sx={{
                      flex: 1,
                      minWidth: 16,
                      height: `${Math.max(r.ratePct === null ? 0 : 1, heightOf(r.ratePct, scale))}%`,
                      bgcolor: color,
                      opacity: running ? 0.55 : 1,
                      backgroundImage: running ? 'repeating-linear-gradient(45deg, transparent 0 4px, rgba(255,255,255,.5) 4px 8px)' : undefined,
                      borderRadius: '2px 2px 0 0',
                    }}
                  />
                );
              })}
            </Box>
            {/* The goal, across every bar. */}
            <Box aria-hidden sx={{ position: 'absolute', left: 0, right: 0, bottom: `${goal}%`, borderTop: '2px dashed', borderColor: COLORS.success, pointerEvents: 'none' }}>
              <Typography variant="caption" sx={{ position: 'absolute', right: 4, bottom: 2, bgcolor: 'background.paper', px: 0.5, color: COLORS.success, fontWeight: 700 }}>
                {translate(`${T}.goal`, { pct: formatPercent(ON_TIME_GOAL_PCT, locale) })}
              </Typography>
            </Box>
          </Box>
          <Box aria-hidden sx={{ display: 'flex', gap: '6px', px: '6px', minWidth: rows.length * 28 }}>
            {rows.map((r) => (
              <Typography key={r.month} variant="caption" align="center" sx={{ flex: 1, minWidth: 16, color: 'text.secondary', whiteSpace: 'nowrap', fontSize: rows.length > 12 ? '0.625rem' : undefined }}>
                {shortMonth(r.month, locale)}
              </Typography>
            ))}
          </Box>
        </Box>
      </Box>
      <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap sx={{ mt: 1 }}>
        {(['success', 'error', 'none'] as const).map((c) => (
          <Stack key={c} direction="row" spacing={0.5} alignItems="center">
            <Box sx={{ width: 12, height: 12, bgcolor: COLORS[c] }} />
            <Typography variant="caption">{translate(`${T}.${c === 'success' ? 'meets' : c === 'error' ? 'below' : 'no_due'}`)}</Typography>
          </Stack>
        ))}
        <Stack direction="row" spacing={0.5} alignItems="center">
          <Box sx={{ width: 16, borderTop: '2px dashed', borderColor: COLORS.success }} />
          <Typography variant="caption">{translate(`${T}.goal`, { pct: formatPercent(ON_TIME_GOAL_PCT, locale) })}</Typography>
        </Stack>
      </Stack>
    </Box>
  );
};

/** Month by month: due, on time and rate of the unit, then the rate of each organization. */
const FiguresTable = ({ unitId, from, to, rows, organizations }: { unitId: string; from: string; to: string; rows: readonly OnTimeRow[]; organizations: readonly { id: string; name: string }[] }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const count = useCount();
  const client = useApolloClient();
  const [perOrg, setPerOrg] = useState<Record<string, OnTimeRow[]>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const orgKey = organizations.map((o) => o.id).join(',');
  useEffect(() => {
    let stale = false;
    Promise.all(
      organizations.map((o) =>
        client.query({ query: ON_TIME_COLLECTION, variables: { unitId, from, to, organizationId: o.id } }).then((r) => [o.id, r.data?.onTimeCollection ?? []] as const),
      ),
    )
      .then((pairs) => {
        if (stale) return;
        setPerOrg(Object.fromEntries(pairs));
        setProblem(null);
      })
      .catch((e) => {
        if (stale) return;
        setPerOrg({});
        setProblem(toHttpError(e, locale).message);
      });
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, unitId, from, to, orgKey]);
  const rate = (r: OnTimeRow | undefined) =>
    r?.ratePct == null ? (
      '—'
    ) : (
      <Box component="span" sx={{ color: COLORS[rateColor(r)], fontWeight: 600 }}>
        {formatPercent(r.ratePct, locale)}
      </Box>
    );
  return (
    <Box sx={{ overflowX: 'auto' }}>
      {problem && <Alert severity="error">{problem}</Alert>}
      <Table size="small" aria-label={translate(`${T}.table`)}>
        <TableHead>
          <TableRow>
            <TableCell>{translate(`${T}.month`)}</TableCell>
            <TableCell align="right">{translate(`${T}.due`)}</TableCell>
            <TableCell align="right">{translate(`${T}.paid`)}</TableCell>
            <TableCell align="right">{organizations.length > 0 ? translate(`${T}.whole_unit`) : translate(`${T}.rate`)}</TableCell>
            {organizations.map((o) => (
              <TableCell key={o.id} align="right">
                {o.name}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {[...rows].reverse().map((r) => (
            <TableRow key={r.month} data-month={r.month}>
              <TableCell sx={numeric}>{formatMonth(r.month)}</TableCell>
              <TableCell align="right" sx={numeric}>
                {count(r.due)}
              </TableCell>
              <TableCell align="right" sx={numeric}>
                {count(r.paidOnTime)}
              </TableCell>
              <TableCell align="right" sx={numeric}>
                {rate(r)}
              </TableCell>
              {organizations.map((o) => (
                <TableCell key={o.id} align="right" sx={numeric}>
                  {rate(perOrg[o.id]?.find((x) => x.month === r.month))}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
