import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MuiLink from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import { useState, type MouseEvent } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { changeTone, formatCount, formatGrowth, formatPct, formatRatio, formatSignedPoints } from './format';
import type { HierarchyReport, ReportRow } from './queries';
import { isDrillable, visibleRows } from './rows';

const T = 'resources.reports';
const numeric = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;
const TONE_COLOR = { up: 'success.dark', down: 'error.main', level: undefined } as const;
/** The unit's name stays in view while the figures scroll sideways on a narrow screen. */
const sticky = { position: 'sticky', left: 0, zIndex: 1, bgcolor: 'background.paper' } as const;

const COLUMNS = [
  'participants',
  'target',
  'achievement',
  'newParticipants',
  'lapsed',
  'growthSinceYearStart',
  'growthSinceLastYear',
  'lastYearAchievement',
  'pointsChange',
  'onTime',
  'hiCoverage',
  'campaigns',
  'campaignEnrollments',
] as const;
type Column = (typeof COLUMNS)[number];
const HELP: Partial<Record<Column, string>> = { participants: `${T}.help.participants`, onTime: `${T}.help.onTime`, hiCoverage: `${T}.help.hiCoverage` };

/**
 * The drill-down table: one row per child (a row with units below it opens them; hamlets are
 * leaves), the unit's own total in the footer. Children with nothing to say are folded away.
 */
export const ReportTable = ({ report, onOpen }: { report: HierarchyReport; onOpen: (unitId: string) => void }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [showQuiet, setShowQuiet] = useState(false);
  const { shown, quiet } = visibleRows(report.children, showQuiet);
  const cell = (r: ReportRow, c: Column) => {
    switch (c) {
      case 'participants':
        return formatCount(r.participants, locale);
      case 'target':
        return formatCount(r.target, locale);
      case 'achievement':
        return (
          <Box component="span" sx={{ color: r.achievementPct === null ? undefined : r.achievementPct >= 100 ? 'success.dark' : undefined, fontWeight: 600 }}>
            {formatPct(r.achievementPct, locale)}
          </Box>
        );
      case 'newParticipants':
        return formatCount(r.newParticipants, locale);
      case 'lapsed':
        return formatCount(r.lapsed, locale);
      case 'growthSinceYearStart':
        return <Toned n={r.growthSinceYearStart} text={formatGrowth(r.growthSinceYearStart, r.growthSinceYearStartPct, locale)} />;
      case 'growthSinceLastYear':
        return <Toned n={r.growthSinceLastYear} text={formatGrowth(r.growthSinceLastYear, r.growthSinceLastYearPct, locale)} />;
      case 'lastYearAchievement':
        return formatPct(r.lastYearAchievementPct, locale);
      case 'pointsChange':
        return <Toned n={r.pointsChangeSinceLastYear} text={formatSignedPoints(r.pointsChangeSinceLastYear, locale)} />;
      case 'onTime':
        return (
          <span title={r.duesFallingDue > 0 ? formatRatio(r.duesPaidOnTime, r.duesFallingDue, locale) : undefined}>{formatPct(r.onTimeRatePct, locale)}</span>
        );
      case 'hiCoverage':
        return formatPct(r.hiCoveragePct, locale);
      case 'campaigns':
        return formatCount(r.campaigns, locale);
      case 'campaignEnrollments':
        return formatCount(r.campaignEnrollments, locale);
    }
  };
  const open = (event: MouseEvent, r: ReportRow) => {
    // The name is a button of its own; a click on it must not open the unit twice.
    if ((event.target as HTMLElement).closest('button, a')) return;
    if (isDrillable(r)) onOpen(r.unit.id);
  };
  const line = (r: ReportRow, total = false) => {
    const drill = !total && isDrillable(r);
    return (
      <TableRow
        key={total ? 'total' : r.unit.id}
        hover={drill}
        onClick={drill ? (e) => open(e, r) : undefined}
        sx={{ cursor: drill ? 'pointer' : undefined, '& td': total ? { fontWeight: 600, color: 'text.primary', fontSize: '0.875rem' } : undefined }}
        data-unit={r.unit.code}
        data-total={total ? 'true' : undefined}
      >
        <TableCell component="th" scope="row" sx={{ ...sticky, minWidth: '12em', fontWeight: total ? 600 : undefined }}>
          {total ? (
            translate(`${T}.total_row`, { name: r.unit.name })
          ) : drill ? (
            <MuiLink component="button" type="button" variant="body2" sx={{ textAlign: 'left' }} aria-label={translate(`${T}.open_unit`, { name: r.unit.name })} onClick={() => onOpen(r.unit.id)}>
              {r.unit.name}
            </MuiLink>
          ) : (
            r.unit.name
          )}
          {!total && r.unit.synthetic && <Chip size="small" variant="outlined" label={translate(`${T}.synthetic`)} sx={{ ml: 1, height: 20, fontSize: '0.6875rem' }} />}
          {!total && r.unit.closed && <Chip size="small" label={translate(`${T}.closed`)} sx={{ ml: 1, height: 20, fontSize: '0.6875rem' }} />}
        </TableCell>
        {COLUMNS.map((c) => (
          <TableCell key={c} align="right" sx={numeric} data-column={c}>
            {cell(r, c)}
          </TableCell>
        ))}
      </TableRow>
    );
  };
  return (
    <Box>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={translate(`${T}.table`, { name: report.unit.name })}>
          <TableHead>
            <TableRow>
              <TableCell sx={sticky}>{translate(`${T}.columns.unit`)}</TableCell>
              {COLUMNS.map((c) => (
                <TableCell key={c} align="right" sx={{ minWidth: '6.5em' }}>
                  {HELP[c] ? (
                    <Tooltip title={translate(HELP[c])}>
                      <span style={{ textDecoration: 'underline dotted' }}>{translate(`${T}.columns.${c}`)}</span>
                    </Tooltip>
                  ) : (
                    translate(`${T}.columns.${c}`)
                  )}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>{shown.map((r) => line(r))}</TableBody>
          <TableFooter>{line(report.total, true)}</TableFooter>
        </Table>
      </Box>
      {quiet > 0 && (
        <Button size="small" onClick={() => setShowQuiet((v) => !v)} sx={{ mt: 1 }}>
          {translate(showQuiet ? `${T}.hide_quiet` : `${T}.show_quiet`, { n: quiet })}
        </Button>
      )}
    </Box>
  );
};

const Toned = ({ n, text }: { n: number | null; text: string }) => {
  const tone = changeTone(n);
  return (
    <Box component="span" sx={{ color: tone ? TONE_COLOR[tone] : undefined }}>
      {text}
    </Box>
  );
};
