import { useQuery } from '@apollo/client/react';
import { isLocalDate, SCHEMES, type LocalDate, type Pace } from '@bao-phu/domain';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import MuiLink from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import { Title, useLocaleState, usePermissions, useTranslate } from 'react-admin';
import { formatLocalDate, toLocalDateValue } from '../../components/dates';
import { toHttpError } from '../../providers/graphqlErrors';
import type { Permissions } from '../../providers/permissions';
import { higherLevelsFirst } from '../../resources/targets/sheet';
import { UnitBreadcrumbs, useCount } from '../../resources/targets/TargetFields';
import { barFill, boardSearch, formatPercent, formatPoints, PACE_COLORS, PACES, rankByAchievement, readBoardParams, type BoardParams } from './board';
import { ACHIEVEMENT, type AchievementBoard as Board, type AchievementRow, type BoardUnit } from './queries';
import { useUrlParams } from '../../components/urlParams';

const T = 'resources.achievement';
const numeric = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/**
 * "Tiến độ thực hiện": a unit and each of its children against their yearly target on a date —
 * achievement with the share of the year elapsed marked, the change since a comparison date, last
 * year at the same date, new participants, the year-end forecast and the pace. Unit, scheme and
 * dates live in the URL; a row with units below it opens them.
 */
export const AchievementBoard = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { permissions } = usePermissions<Permissions>();
  const { params, latest, go: goTo } = useUrlParams(readBoardParams);
  const unitId = params.unit ?? permissions?.scope.id ?? null;
  const go = (next: Partial<BoardParams>) => {
    const asked = latest();
    goTo(`/achievement${boardSearch({ ...asked, unit: asked.unit ?? unitId, ...next })}`);
  };
  const { data, loading, error } = useQuery(ACHIEVEMENT, {
    variables: { unitId: unitId ?? '', scheme: params.scheme, asOf: params.asOf, compareWith: params.compareWith },
    skip: !unitId,
    fetchPolicy: 'network-only',
  });
  const board = useMemo(() => {
    const b = data?.achievement;
    return b ? { ...b, children: higherLevelsFirst(b.children) } : null;
  }, [data]);
  const openRow = (event: MouseEvent, unit: BoardUnit) => {
    if ((event.target as HTMLElement).closest('button, a')) return;
    if (unit.childCount > 0) go({ unit: unit.id });
  };

  return (
    <Box sx={{ mt: 2 }}>
      <Title title={`${T}.title`} />
      <Card>
        <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap alignItems="flex-start">
            <TextField select size="small" fullWidth={false} label={translate('resources.targets.fields.scheme')} value={params.scheme} onChange={(e) => go({ scheme: e.target.value as BoardParams['scheme'] })} sx={{ minWidth: 220 }}>
              {SCHEMES.map((s) => (
                <MenuItem key={s} value={s}>
                  {translate(`app.schemes.${s}`)}
                </MenuItem>
              ))}
            </TextField>
            <DateBox label={translate(`${T}.asOf`)} value={params.asOf} placeholder={translate(`${T}.today`)} onChange={(asOf) => go({ asOf })} />
            <DateBox label={translate(`${T}.compareWith`)} value={params.compareWith} helper={translate(`${T}.compareWith_help`)} onChange={(compareWith) => go({ compareWith })} />
          </Stack>
          {error && <Alert severity="error">{toHttpError(error, locale).message}</Alert>}
          {loading && <LinearProgress aria-label={translate('ra.page.loading')} />}
          {board && (
            <>
              <UnitBreadcrumbs ancestors={board.unit.ancestors} unit={board.unit} permissions={permissions} onOpen={(id) => go({ unit: id })} />
              <Summary board={board} />
              <Legend />
              {board.children.length > 0 && (
                <>
                  <ChildrenTable board={board} onOpen={(u) => go({ unit: u.id })} onRow={openRow} />
                  {board.children.some((r) => r.target !== null) && <Ranking board={board} />}
                </>
              )}
            </>
          )}
        </CardContent>
      </Card>
    </Box>
  );
};

/** A date typed as DD/MM/YYYY, applied when the user leaves the box or presses Enter; empty clears it. */
export const DateBox = ({ label, value, placeholder, helper, onChange }: { label: string; value: LocalDate | null; placeholder?: string; helper?: string; onChange: (d: LocalDate | null) => void }) => {
  const translate = useTranslate();
  const [text, setText] = useState(formatLocalDate(value));
  const [bad, setBad] = useState(false);
  useEffect(() => setText(formatLocalDate(value)), [value]);
  const apply = () => {
    const parsed = toLocalDateValue(text);
    if (parsed !== null && !isLocalDate(parsed)) return setBad(true);
    setBad(false);
    if (parsed !== value) onChange(parsed);
  };
  return (
    <TextField
      size="small"
      fullWidth={false}
      label={label}
      value={text}
      placeholder={placeholder ?? 'DD/MM/YYYY'}
      onChange={(e) => setText(e.target.value)}
      onBlur={apply}
      onKeyDown={(e) => e.key === 'Enter' && apply()}
      error={bad}
      helperText={bad ? translate('app.validation.date') : helper}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
      sx={{ width: 200 }}
    />
  );
};

/** The achievement as a bar coloured by pace, with a mark at the share of the year elapsed. */
const AchievementBar = ({ row, elapsed, label, height = 10 }: { row: AchievementRow; elapsed: number; label: string; height?: number }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const fill = barFill(row.achievementPct);
  return (
    <Box
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(fill)}
      aria-valuetext={row.achievementPct === null ? translate(`${T}.no_target`) : formatPercent(row.achievementPct, locale)}
      sx={{ position: 'relative', height, bgcolor: 'action.hover', borderRadius: height / 2, minWidth: 120 }}
    >
      <Box sx={{ width: `${fill}%`, height: '100%', bgcolor: PACE_COLORS[row.pace].main, borderRadius: height / 2 }} />
      <Box
        title={translate(`${T}.elapsed_mark`, { pct: formatPercent(elapsed, locale) })}
        sx={{ position: 'absolute', left: `calc(${barFill(elapsed)}% - 1px)`, top: -3, bottom: -3, width: '2px', bgcolor: 'text.primary' }}
      />
    </Box>
  );
};

const PaceChip = ({ pace }: { pace: Pace }) => {
  const translate = useTranslate();
  const c = PACE_COLORS[pace];
  return (
    <Box component="span" data-pace={pace} sx={{ display: 'inline-block', px: 1, py: 0.25, borderRadius: 4, bgcolor: c.light, color: c.text, border: 1, borderColor: c.main, fontSize: '0.8125rem', whiteSpace: 'nowrap' }}>
      {translate(`${T}.pace.${pace}`)}
    </Box>
  );
};

const Legend = () => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap alignItems="center" component="section" aria-label={translate(`${T}.legend`)}>
      {PACES.map((p) => (
        <Stack key={p} direction="row" spacing={1} alignItems="center">
          <PaceChip pace={p} />
          <Typography variant="caption" color="text.secondary">
            {translate(`${T}.pace_help.${p}`)}
          </Typography>
        </Stack>
      ))}
      <Stack direction="row" spacing={1} alignItems="center">
        <Box sx={{ width: '2px', height: 16, bgcolor: 'text.primary' }} />
        <Typography variant="caption" color="text.secondary">
          {translate(`${T}.elapsed_legend`)}
        </Typography>
      </Stack>
    </Stack>
  );
};

/** The unit itself: a large bar and its figures in words. */
const Summary = ({ board }: { board: Board }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const count = useCount();
  const r = board.total;
  return (
    <Box component="section" aria-label={translate(`${T}.summary`, { name: board.unit.name })} sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography variant="h6" component="h2">
          {board.unit.name}
        </Typography>
        <PaceChip pace={r.pace} />
        <Typography variant="body2" color="text.secondary">
          {translate(`${T}.as_of`, { date: formatLocalDate(board.asOf), pct: formatPercent(board.yearElapsedPct, locale) })}
        </Typography>
      </Stack>
      <AchievementBar row={r} elapsed={board.yearElapsedPct} label={translate(`${T}.bar_label`, { name: board.unit.name })} height={18} />
      <Typography>
        {r.target === null
          ? translate(`${T}.participants_no_target`, { n: count(r.participants) })
          : translate(`${T}.participants_of`, { n: count(r.participants), target: count(r.target), pct: formatPercent(r.achievementPct, locale) })}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {[
          translate(`${T}.forecast_text`, { n: count(r.forecast), pct: r.forecastPct === null ? '' : `(${formatPercent(r.forecastPct, locale)})` }),
          translate(`${T}.new_text`, { n: count(r.newParticipants), target: r.newParticipantsTarget === null ? '' : `/ ${count(r.newParticipantsTarget)}` }),
          translate(`${T}.last_year_text`, { n: count(r.lastYearParticipants), pct: r.lastYearAchievementPct === null ? '' : `(${formatPercent(r.lastYearAchievementPct, locale)})` }),
          board.compareWith && r.pointsChange !== null ? translate(`${T}.change_text`, { points: formatPoints(r.pointsChange, locale), date: formatLocalDate(board.compareWith) }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography>
    </Box>
  );
};

const isQuiet = (r: AchievementRow) => r.target === null && r.participants === 0 && r.lastYearParticipants === 0 && r.newParticipants === 0;

const ChildrenTable = ({ board, onOpen, onRow }: { board: Board; onOpen: (u: BoardUnit) => void; onRow: (e: MouseEvent, u: BoardUnit) => void }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const count = useCount();
  const compare = !!board.compareWith;
  // Units with neither a target nor anyone enrolled (communes a province has not yet given to a
  // base office) say nothing on the board: folded away until asked for.
  const [showQuiet, setShowQuiet] = useState(false);
  const quiet = board.children.filter(isQuiet);
  const shown = showQuiet ? board.children : board.children.filter((r) => !isQuiet(r));
  const line = (r: AchievementRow, total = false) => (
    <TableRow key={r.unit.id} hover={!total && r.unit.childCount > 0} onClick={total ? undefined : (e) => onRow(e, r.unit)} sx={{ cursor: !total && r.unit.childCount > 0 ? 'pointer' : undefined }} data-unit={r.unit.code}>
      <TableCell sx={{ fontWeight: total ? 600 : undefined, minWidth: '11em' }}>
        {!total && r.unit.childCount > 0 ? (
          <MuiLink component="button" type="button" variant="body2" sx={{ textAlign: 'left' }} onClick={() => onOpen(r.unit)}>
            {r.unit.name}
          </MuiLink>
        ) : total ? (
          translate(`${T}.total_row`, { name: r.unit.name })
        ) : (
          r.unit.name
        )}
      </TableCell>
      <TableCell sx={{ minWidth: 180 }}>
        <Stack spacing={0.5}>
          <AchievementBar row={r} elapsed={board.yearElapsedPct} label={translate(`${T}.bar_label`, { name: r.unit.name })} />
          <Typography variant="body2" sx={numeric}>
            {r.achievementPct === null ? translate(`${T}.no_target`) : formatPercent(r.achievementPct, locale)}
          </Typography>
        </Stack>
      </TableCell>
      <TableCell align="right" sx={numeric}>
        {count(r.participants)} / {r.target === null ? '—' : count(r.target)}
      </TableCell>
      {compare && (
        <TableCell align="right" sx={{ ...numeric, color: r.pointsChange === null ? undefined : r.pointsChange >= 0 ? 'success.dark' : 'error.main' }}>
          {r.pointsChange === null ? '—' : formatPoints(r.pointsChange, locale)}
        </TableCell>
      )}
      <TableCell align="right" sx={numeric}>
        {count(r.lastYearParticipants)}
        {r.lastYearAchievementPct !== null && (
          <Typography component="span" variant="body2" color="text.secondary">
            {' '}
            ({formatPercent(r.lastYearAchievementPct, locale)})
          </Typography>
        )}
      </TableCell>
      <TableCell align="right" sx={numeric}>
        {count(r.newParticipants)}
        {r.newParticipantsTarget !== null && ` / ${count(r.newParticipantsTarget)}`}
      </TableCell>
      <TableCell align="right" sx={numeric}>
        {count(r.forecast)}
        {r.forecastPct !== null && (
          <Typography component="span" variant="body2" color="text.secondary">
            {' '}
            ({formatPercent(r.forecastPct, locale)})
          </Typography>
        )}
      </TableCell>
      <TableCell>
        <PaceChip pace={r.pace} />
      </TableCell>
    </TableRow>
  );
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={translate(`${T}.table`, { name: board.unit.name })}>
        <TableHead>
          <TableRow>
            <TableCell>{translate(`${T}.fields.unit`)}</TableCell>
            <TableCell>{translate(`${T}.fields.achievement`)}</TableCell>
            <TableCell align="right">{translate(`${T}.fields.participants`)}</TableCell>
            {compare && <TableCell align="right">{translate(`${T}.fields.pointsChange`, { date: formatLocalDate(board.compareWith) })}</TableCell>}
            <TableCell align="right">{translate(`${T}.fields.lastYear`)}</TableCell>
            <TableCell align="right">{translate(`${T}.fields.newParticipants`)}</TableCell>
            <TableCell align="right">{translate(`${T}.fields.forecast`)}</TableCell>
            <TableCell>{translate(`${T}.fields.pace`)}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>{shown.map((r) => line(r))}</TableBody>
        <TableFooter sx={{ '& td': { color: 'text.primary', fontSize: '0.875rem' } }}>{line(board.total, true)}</TableFooter>
      </Table>
      {quiet.length > 0 && (
        <Button size="small" onClick={() => setShowQuiet((v) => !v)} sx={{ mt: 1 }}>
          {translate(showQuiet ? `${T}.hide_quiet` : `${T}.show_quiet`, { n: quiet.length })}
        </Button>
      )}
    </Box>
  );
};

/** The children from the lowest achievement up: where to push first. */
const Ranking = ({ board }: { board: Board }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  // Only units with a target can be ranked; the others are told apart in the table.
  const rows = rankByAchievement(board.children.filter((r) => r.target !== null));
  const widest = Math.max(100, ...rows.map((r) => r.achievementPct ?? 0));
  return (
    <Box component="section" aria-label={translate(`${T}.ranking`)}>
      <Typography variant="subtitle1" component="h2" gutterBottom>
        {translate(`${T}.ranking`)}
      </Typography>
      <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 0.5 }}>
        {rows.map((r) => (
          <Box component="li" key={r.unit.id} sx={{ display: 'grid', gridTemplateColumns: 'minmax(8em, 16em) 1fr 6em', gap: 1, alignItems: 'center' }}>
            <Typography variant="body2" noWrap title={r.unit.name}>
              {r.unit.name}
            </Typography>
            <Box sx={{ position: 'relative', height: 14, bgcolor: 'action.hover' }}>
              <Box sx={{ width: `${((r.achievementPct ?? 0) / widest) * 100}%`, height: '100%', bgcolor: PACE_COLORS[r.pace].main }} />
              {/* The target (100 %) as a thin mark; '1px', since a bare 1 means 100 % to MUI. */}
              <Box sx={{ position: 'absolute', left: `${(100 / widest) * 100}%`, top: -2, bottom: -2, width: '1px', bgcolor: 'text.secondary' }} />
            </Box>
            <Typography variant="body2" align="right" sx={numeric}>
              {r.achievementPct === null ? '—' : formatPercent(r.achievementPct, locale)}
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
};
