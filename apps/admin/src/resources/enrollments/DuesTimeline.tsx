import { formatVnd, monthOf, todayInVietnam } from '@bao-phu/domain';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { alpha, type Theme } from '@mui/material/styles';
import { useTranslate } from 'react-admin';
import { formatLocalDate } from '../../components/dates';
import { formatPeriod } from './contribution';
import { dueTone, type DueTone } from './dues';
import { Vnd } from './EnrollmentFields';
import type { ContributionDue } from './types';

/** Colours of the tones: paid green, paid late amber, open grey, overdue red. */
const TONE_COLOR: Record<DueTone, (theme: Theme) => string> = {
  paid: (t) => t.palette.success.main,
  late: (t) => t.palette.warning.main,
  open: (t) => t.palette.grey[500],
  overdue: (t) => t.palette.error.main,
  void: (t) => t.palette.grey[300],
};

const periodOf = (due: ContributionDue) => formatPeriod(monthOf(due.periodStart), monthOf(due.periodEnd));

const useDueStatusLabel = () => {
  const translate = useTranslate();
  return (due: ContributionDue, tone: DueTone) =>
    translate(`app.due_status.${tone === 'overdue' ? 'OVERDUE' : due.status}`);
};

/** One period of the strip: the months, what is payable, and where it stands. */
const DueBlock = ({ due, today }: { due: ContributionDue; today: string }) => {
  const translate = useTranslate();
  const statusLabel = useDueStatusLabel();
  const tone = dueTone(due, today);
  const status = statusLabel(due, tone);
  const partly = due.status === 'OPEN' && due.paid > 0;
  return (
    <Tooltip
      describeChild
      title={`${translate('resources.enrollments.dues.gross')}: ${formatVnd(due.gross)} · ${translate(
        'resources.enrollments.dues.support',
      )}: ${formatVnd(due.support)}`}
    >
      <Box
        role="listitem"
        data-tone={tone}
        sx={{
          minWidth: '8.5em',
          px: 1.25,
          py: 0.75,
          borderRadius: 1,
          border: 1,
          borderColor: 'divider',
          borderLeft: 5,
          borderLeftColor: TONE_COLOR[tone],
          bgcolor: (t) =>
            tone === 'overdue' ? alpha(t.palette.error.main, 0.08) : tone === 'paid' ? alpha(t.palette.success.main, 0.06) : 'background.paper',
          opacity: tone === 'void' ? 0.6 : 1,
        }}
      >
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {periodOf(due)}
        </Typography>
        <Typography variant="body2" sx={{ textDecoration: tone === 'void' ? 'line-through' : 'none' }}>
          <Vnd amount={due.payable} />
        </Typography>
        <Typography variant="caption" component="div" sx={{ color: TONE_COLOR[tone], fontWeight: 600 }}>
          {status}
        </Typography>
        <Typography variant="caption" component="div" color="text.secondary">
          {partly
            ? translate('resources.enrollments.dues.paid_part', { amount: formatVnd(due.paid) })
            : translate('resources.enrollments.dues.due_by', { date: formatLocalDate(due.dueDate) })}
        </Typography>
      </Box>
    </Tooltip>
  );
};

/** Every period as a row: months, due date, contribution, state support, payable, paid, status. */
const DuesTable = ({ dues, today }: { dues: ContributionDue[]; today: string }) => {
  const translate = useTranslate();
  const statusLabel = useDueStatusLabel();
  const t = (key: string) => translate(`resources.enrollments.dues.${key}`);
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{t('period')}</TableCell>
          <TableCell>{t('due_date')}</TableCell>
          <TableCell align="right">{t('gross')}</TableCell>
          <TableCell align="right">{t('support')}</TableCell>
          <TableCell align="right">{t('payable')}</TableCell>
          <TableCell align="right">{t('paid')}</TableCell>
          <TableCell>{t('status')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {dues.map((due) => {
          const tone = dueTone(due, today);
          return (
            <TableRow key={due.id}>
              <TableCell>{periodOf(due)}</TableCell>
              <TableCell>{formatLocalDate(due.dueDate)}</TableCell>
              <TableCell align="right"><Vnd amount={due.gross} /></TableCell>
              <TableCell align="right"><Vnd amount={due.support} /></TableCell>
              <TableCell align="right"><Vnd amount={due.payable} /></TableCell>
              <TableCell align="right"><Vnd amount={due.paid} /></TableCell>
              <TableCell sx={{ color: TONE_COLOR[tone], fontWeight: 600 }}>{statusLabel(due, tone)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};

/**
 * The dues of an enrollment, oldest first: a strip of periods coloured by where they stand, and the
 * same periods with their figures in a table that opens on demand.
 */
export const DuesTimeline = ({ dues }: { dues: ContributionDue[] }) => {
  const translate = useTranslate();
  const today = todayInVietnam();
  if (dues.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('resources.enrollments.dues.empty')}
      </Typography>
    );
  }
  return (
    <Box>
      <Box role="list" aria-label={translate('resources.enrollments.dues.title')} sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
        {dues.map((due) => (
          <DueBlock key={due.id} due={due} today={today} />
        ))}
      </Box>
      <Accordion disableGutters elevation={0} sx={{ mt: 1, '&:before': { display: 'none' } }}>
        <AccordionSummary expandIcon={<ExpandMoreIcon />} sx={{ px: 0 }}>
          <Typography variant="body2">{translate('resources.enrollments.dues.details')}</Typography>
        </AccordionSummary>
        <AccordionDetails sx={{ px: 0 }}>
          {/* Zero width, stretched: a wide table scrolls inside instead of widening the page on a phone. */}
          <Box sx={{ width: 0, minWidth: '100%', overflowX: 'auto' }}>
            <DuesTable dues={dues} today={today} />
          </Box>
        </AccordionDetails>
      </Accordion>
    </Box>
  );
};
