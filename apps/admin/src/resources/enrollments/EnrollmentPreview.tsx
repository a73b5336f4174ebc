import { formatVnd, type PaymentMode } from '@bao-phu/domain';
import Box from '@mui/material/Box';
import Radio from '@mui/material/Radio';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import { formatLocalDate } from '../../components/dates';
import { formatMonth, formatPeriod, type ModePreview, type PreviewProblem } from './contribution';
import { UnconfirmedMark, useEnrollmentLabels, Vnd } from './EnrollmentFields';

const useProblemText = () => {
  const translate = useTranslate();
  return (problem: PreviewProblem): string => {
    switch (problem.code) {
      case 'NO_INCOME':
        return translate('resources.enrollments.preview.no_income');
      case 'INCOME_BELOW_FLOOR':
        return translate('app.validation.income_below_floor_from', { bound: formatVnd(problem.bound), month: formatMonth(problem.month) });
      case 'INCOME_ABOVE_CEILING':
        return translate('app.validation.income_above_ceiling_from', { bound: formatVnd(problem.bound), month: formatMonth(problem.month) });
      case 'NO_RULE':
        return translate('resources.enrollments.preview.no_rule', { month: problem.month ? formatMonth(problem.month) : '' });
      default:
        return problem.message;
    }
  };
};

/** Where the payable amount of a later period differs from the first one (a new rule in force). */
function firstChange(preview: ModePreview) {
  const first = preview.periods[0];
  return preview.periods.find((p) => p.months === first.months && p.payable !== first.payable) ?? null;
}

export interface EnrollmentPreviewProps {
  previews: ModePreview[];
  /** The mode chosen in the form; its row is marked. */
  chosen: PaymentMode | null;
  /** Called with the mode of a row the user picks. */
  onChoose: (mode: PaymentMode) => void;
}

/**
 * Every payment mode side by side for the person's category: the first period (months, due date),
 * its contribution, the state support ("Nhà nước hỗ trợ") and what the person pays ("Phải đóng"),
 * and the sum over the periods the enrollment creates. A later period that costs another amount (a
 * rule changing within the year) is named under the first.
 */
export const EnrollmentPreview = ({ previews, chosen, onChoose }: EnrollmentPreviewProps) => {
  const translate = useTranslate();
  const labels = useEnrollmentLabels();
  const problemText = useProblemText();
  const t = (key: string, options?: Record<string, unknown>) => translate(`resources.enrollments.preview.${key}`, options);
  return (
    <Box component="section" aria-label={t('title')} sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {t('title')}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        {t('help')}
      </Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={t('title')}>
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox" />
              <TableCell>{t('mode')}</TableCell>
              <TableCell>{t('first_period')}</TableCell>
              <TableCell>{t('due_date')}</TableCell>
              <TableCell align="right">{t('gross')}</TableCell>
              <TableCell align="right">{t('support')}</TableCell>
              <TableCell align="right">{t('payable')}</TableCell>
              <TableCell align="right">{t('total_short')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {previews.map((preview) => {
              const selected = preview.mode === chosen;
              const first = preview.periods[0];
              const change = first ? firstChange(preview) : null;
              const months = preview.periods.reduce((n, p) => n + p.months, 0);
              return (
                <TableRow
                  key={preview.mode}
                  hover
                  selected={selected}
                  aria-selected={selected}
                  data-mode={preview.mode}
                  onClick={() => onChoose(preview.mode)}
                  sx={{ cursor: 'pointer' }}
                >
                  <TableCell padding="checkbox">
                    <Radio
                      size="small"
                      checked={selected}
                      onChange={() => onChoose(preview.mode)}
                      inputProps={{ 'aria-label': t('choose', { mode: labels.mode(preview.mode) }) }}
                    />
                  </TableCell>
                  <TableCell sx={{ fontWeight: selected ? 600 : 400 }}>
                    {labels.mode(preview.mode)}
                    {preview.check && <UnconfirmedMark />}
                  </TableCell>
                  {preview.problem || !first ? (
                    <TableCell colSpan={6}>
                      <Typography variant="body2" color={preview.problem?.code === 'NO_INCOME' ? 'text.secondary' : 'error'}>
                        {preview.problem ? problemText(preview.problem) : ''}
                      </Typography>
                    </TableCell>
                  ) : (
                    <>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatPeriod(first.start, first.end)}</TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatLocalDate(first.dueDate)}</TableCell>
                      <TableCell align="right">
                        <Vnd amount={first.gross} />
                      </TableCell>
                      <TableCell align="right">
                        <Vnd amount={first.support} />
                      </TableCell>
                      <TableCell align="right" sx={{ fontWeight: 600 }}>
                        <Vnd amount={first.payable} />
                        {change && (
                          <Typography variant="caption" component="div" color="text.secondary" sx={{ fontWeight: 400, whiteSpace: 'nowrap' }}>
                            {t('changes_from', { month: formatMonth(change.start), amount: formatVnd(change.payable) })}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell align="right">
                        <Vnd amount={preview.payable} />
                        <Typography variant="caption" component="div" color="text.secondary">
                          {translate('resources.enrollments.preview.total', { months })}
                        </Typography>
                        {preview.pendingAdjustment && (
                          <Typography variant="caption" component="div" color="warning.main">
                            {t(preview.pendingAdjustment === 'DISCOUNT' ? 'pending_discount' : 'pending_compounding')}
                          </Typography>
                        )}
                      </TableCell>
                    </>
                  )}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
};
