import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatLocalDate } from '../../components/dates';
import { formatPercent } from '../../reports/achievement/board';
import { useCount } from '../targets/TargetFields';
import { barPct, chartMax } from './campaign';
import { numeric, T, TargetProgress, useCampaignDetail, useCampaignLabels } from './CampaignFields';
import type { CampaignDetail, CampaignFigures } from './types';

const VSI_COLOR = '#1565c0';
const HHI_COLOR = '#2e7d32';

/** One bar of the chart with its target marked, and the figure after it. */
const Bar = ({ value, target, max, color, label }: { value: number; target: number | null; max: number; color: string; label: string }) => {
  const count = useCount();
  return (
    <Stack direction="row" spacing={1} alignItems="center">
      <Box role="img" aria-label={label} sx={{ position: 'relative', flex: 1, height: 12, bgcolor: 'action.hover', borderRadius: 0.5 }}>
        <Box sx={{ width: `${barPct(value, max)}%`, height: '100%', bgcolor: color, borderRadius: 0.5 }} />
        {target !== null && <Box sx={{ position: 'absolute', left: `calc(${barPct(target, max)}% - 1px)`, top: -3, bottom: -3, width: '2px', bgcolor: 'text.primary' }} />}
      </Box>
      <Typography variant="caption" sx={{ ...numeric, width: '4.5em' }}>
        {count(value)}
        {target !== null && ` / ${count(target)}`}
      </Typography>
    </Stack>
  );
};

/**
 * New participants per session as pairs of bars (voluntary SI, household HI) on one scale, the
 * session's target marked on each: which Saturdays worked is seen before it is read.
 */
const SessionChart = ({ sessions }: { sessions: CampaignDetail['results']['bySession'] }) => {
  const translate = useTranslate();
  const max = chartMax(sessions.flatMap((s) => [s.figures.newVoluntarySI, s.figures.newHouseholdHI, s.figures.targetNewVoluntarySI, s.figures.targetNewHouseholdHI]));
  const vsi = translate(`${T}.results.vsi`);
  const hhi = translate(`${T}.results.hhi`);
  return (
    <Box component="figure" aria-label={translate(`${T}.results.chart`)} sx={{ m: 0 }}>
      <Typography variant="subtitle1" component="figcaption" gutterBottom>
        {translate(`${T}.results.chart`)}
      </Typography>
      <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap sx={{ mb: 1 }}>
        {[
          [vsi, VSI_COLOR],
          [hhi, HHI_COLOR],
        ].map(([name, color]) => (
          <Stack key={name} direction="row" spacing={0.5} alignItems="center">
            <Box sx={{ width: 12, height: 12, bgcolor: color, borderRadius: 0.5 }} />
            <Typography variant="caption">{name}</Typography>
          </Stack>
        ))}
        <Stack direction="row" spacing={0.5} alignItems="center">
          <Box sx={{ width: '2px', height: 14, bgcolor: 'text.primary' }} />
          <Typography variant="caption">{translate(`${T}.results.chart_target`)}</Typography>
        </Stack>
      </Stack>
      <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1 }}>
        {sessions.map((s) => (
          <Box component="li" key={s.date} sx={{ display: 'grid', gridTemplateColumns: '5.5em 1fr', gap: 1, alignItems: 'center' }}>
            <Typography variant="body2" sx={numeric}>
              {formatLocalDate(s.date).slice(0, 5)}
            </Typography>
            <Stack spacing={0.25}>
              <Bar value={s.figures.newVoluntarySI} target={s.figures.targetNewVoluntarySI} max={max} color={VSI_COLOR} label={`${formatLocalDate(s.date)} — ${vsi}: ${s.figures.newVoluntarySI}`} />
              <Bar value={s.figures.newHouseholdHI} target={s.figures.targetNewHouseholdHI} max={max} color={HHI_COLOR} label={`${formatLocalDate(s.date)} — ${hhi}: ${s.figures.newHouseholdHI}`} />
            </Stack>
          </Box>
        ))}
      </Box>
    </Box>
  );
};

/** The figures of a row: visits by outcome, new participants against targets, conversion. */
const FigureCells = ({ f }: { f: CampaignFigures }) => {
  const count = useCount();
  const [locale] = useLocaleState();
  const withTarget = (n: number, t: number | null) => (t === null ? count(n) : `${count(n)} / ${count(t)}`);
  return (
    <>
      <TableCell align="right" sx={numeric}>
        {count(f.visits)}
      </TableCell>
      <TableCell align="right" sx={numeric}>
        {count(f.enrolled)}
      </TableCell>
      <TableCell align="right" sx={numeric}>
        {count(f.interested)}
      </TableCell>
      <TableCell align="right" sx={numeric}>
        {count(f.refused)}
      </TableCell>
      <TableCell align="right" sx={numeric}>
        {count(f.notHome)}
      </TableCell>
      <TableCell align="right" sx={numeric}>
        {count(f.alreadyInsured)}
      </TableCell>
      <TableCell align="right" sx={{ ...numeric, fontWeight: 600 }}>
        {withTarget(f.newVoluntarySI, f.targetNewVoluntarySI)}
      </TableCell>
      <TableCell align="right" sx={{ ...numeric, fontWeight: 600 }}>
        {withTarget(f.newHouseholdHI, f.targetNewHouseholdHI)}
      </TableCell>
      <TableCell align="right" sx={numeric}>
        {f.conversionPct === null ? '—' : formatPercent(f.conversionPct, locale)}
      </TableCell>
    </>
  );
};

const FigureHeads = () => {
  const translate = useTranslate();
  const c = (k: string) => translate(`${T}.results.columns.${k}`);
  return (
    <>
      {['visits', 'enrolled', 'interested', 'refused', 'notHome', 'alreadyInsured', 'vsi', 'hhi', 'conversion'].map((k) => (
        <TableCell key={k} align="right">
          {c(k)}
        </TableCell>
      ))}
    </>
  );
};

/**
 * "Kết quả": the campaign against its targets (new voluntary SI and household HI participants
 * credited to it), the outcomes of its visits, then per session (as a chart and a table) and per
 * member. The figures are the API's, the same as the day reports'.
 */
export const CampaignResults = (_: { label?: false }) => {
  const campaign = useCampaignDetail();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const labels = useCampaignLabels();
  const count = useCount();
  if (!campaign) return null;
  const { total, bySession, byMember } = campaign.results;
  const memberOf = new Map(campaign.members.map((m) => [m.id, m]));
  return (
    <Stack spacing={3}>
      <Box component="section" aria-label={translate(`${T}.results.overall`)}>
        <Stack spacing={1.5} sx={{ maxWidth: 720 }}>
          <TargetProgress label={translate(`${T}.results.vsi`)} value={total.newVoluntarySI} target={total.targetNewVoluntarySI} pct={total.voluntarySIPct} />
          <TargetProgress label={translate(`${T}.results.hhi`)} value={total.newHouseholdHI} target={total.targetNewHouseholdHI} pct={total.householdHIPct} />
          <Typography variant="body2">
            {translate(`${T}.results.summary`, {
              visits: count(total.visits),
              enrolled: count(total.enrolled),
              interested: count(total.interested),
              refused: count(total.refused),
              notHome: count(total.notHome),
              alreadyInsured: count(total.alreadyInsured),
            })}
          </Typography>
          {total.conversionPct !== null && (
            <Typography variant="body2" color="text.secondary">
              {translate(`${T}.results.conversion`, { pct: formatPercent(total.conversionPct, locale) })}
            </Typography>
          )}
        </Stack>
      </Box>

      {bySession.length > 0 && <SessionChart sessions={bySession} />}

      <Box component="section" aria-label={translate(`${T}.results.by_session`)}>
        <Typography variant="subtitle1" component="h3" gutterBottom>
          {translate(`${T}.results.by_session`)}
        </Typography>
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={translate(`${T}.results.by_session`)}>
            <TableHead>
              <TableRow>
                <TableCell>{translate(`${T}.results.columns.date`)}</TableCell>
                <FigureHeads />
              </TableRow>
            </TableHead>
            <TableBody>
              {bySession.map((s) => (
                <TableRow key={s.date}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatLocalDate(s.date)}</TableCell>
                  <FigureCells f={s.figures} />
                </TableRow>
              ))}
            </TableBody>
            <TableFooter sx={{ '& td': { color: 'text.primary', fontSize: '0.875rem', fontWeight: 600 } }}>
              <TableRow>
                <TableCell>{translate(`${T}.results.total`)}</TableCell>
                <FigureCells f={total} />
              </TableRow>
            </TableFooter>
          </Table>
        </Box>
      </Box>

      <Box component="section" aria-label={translate(`${T}.results.by_member`)}>
        <Typography variant="subtitle1" component="h3" gutterBottom>
          {translate(`${T}.results.by_member`)}
        </Typography>
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={translate(`${T}.results.by_member`)}>
            <TableHead>
              <TableRow>
                <TableCell>{translate(`${T}.results.columns.member`)}</TableCell>
                <TableCell>{translate(`${T}.results.columns.role`)}</TableCell>
                <FigureHeads />
              </TableRow>
            </TableHead>
            <TableBody>
              {byMember.map((r) => {
                const m = memberOf.get(r.member.id);
                return (
                  <TableRow key={r.member.id} data-member={r.member.id}>
                    <TableCell>{m?.name ?? ''}</TableCell>
                    <TableCell>{m ? labels.role(m.role) : ''}</TableCell>
                    <FigureCells f={r.figures} />
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Box>
      </Box>
    </Stack>
  );
};
