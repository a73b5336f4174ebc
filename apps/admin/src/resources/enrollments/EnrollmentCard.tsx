import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { formatVnd, todayInVietnam } from '@bao-phu/domain';
import { useGetOne, useLocaleState, useTranslate } from 'react-admin';
import { formatLocalDate } from '../../components/dates';
import { usePolicy } from '../../providers/policy';
import { formatPercentBp, ladderOn, ladderShareBp } from '../households/ladder';
import { dueTone, owedOf } from './dues';
import { DuesTimeline } from './DuesTimeline';
import { EndEnrollmentButton } from './EndEnrollmentDialog';
import { EnrollmentStatusChip, useEnrollmentLabels, Vnd } from './EnrollmentFields';
import { RecordPaymentButton } from './PaymentDialog';
import type { EnrollmentRecord, EnrollmentSummary, PaymentRecord } from './types';

const Payments = ({ payments }: { payments: PaymentRecord[] }) => {
  const translate = useTranslate();
  const t = (key: string) => translate(`resources.enrollments.payments.${key}`);
  if (payments.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {t('empty')}
      </Typography>
    );
  }
  return (
    <Table size="small" sx={{ maxWidth: 560 }}>
      <TableHead>
        <TableRow>
          <TableCell>{t('paidOn')}</TableCell>
          <TableCell align="right">{t('amount')}</TableCell>
          <TableCell>{t('receiptNo')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {payments.map((p) => (
          <TableRow key={p.id}>
            <TableCell>{formatLocalDate(p.paidOn)}</TableCell>
            <TableCell align="right">
              <Vnd amount={p.amount} />
            </TableCell>
            <TableCell>{p.receiptNo ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** "Người thứ 2: 70 %" for a household HI member, with the ladder in force when the card started. */
export const MemberOrderText = ({ order, startDate }: { order: number; startDate: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const ladder = ladderOn(startDate, usePolicy());
  const percent = formatPercentBp(ladderShareBp(ladder, order), locale);
  return <>{translate('resources.households.ladder.step', { order, percent })}</>;
};

/**
 * One enrollment on the person's page: scheme, status, mode and income, what is owed, the dues as a
 * timeline and the payments. Its dues are read on their own (see enrollments/queries.ts).
 */
export const EnrollmentCard = ({ summary }: { summary: EnrollmentSummary }) => {
  const translate = useTranslate();
  const labels = useEnrollmentLabels();
  const { data, isPending, error } = useGetOne<EnrollmentRecord>('enrollments', { id: summary.id });
  const enrollment = data ?? null;
  const today = todayInVietnam();
  const owed = enrollment ? owedOf(enrollment.dues) : null;
  const overdue = enrollment ? enrollment.dues.filter((d) => dueTone(d, today) === 'overdue').length : 0;
  const canPay = summary.status === 'ACTIVE' || summary.status === 'LAPSED';
  return (
    <Card variant="outlined" component="section" aria-label={labels.scheme(summary.scheme)}>
      <CardContent>
        <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
          <Typography variant="h6" component="h3">
            {labels.scheme(summary.scheme)}
          </Typography>
          <EnrollmentStatusChip status={summary.status} />
          <Box sx={{ flex: 1 }} />
          {enrollment && canPay && owed !== null && owed > 0 && <RecordPaymentButton enrollment={enrollment} />}
          <EndEnrollmentButton enrollment={summary} />
        </Stack>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={{ xs: 0.5, md: 3 }} sx={{ mt: 1, mb: 2 }} useFlexGap flexWrap="wrap">
          <Typography variant="body2">{translate('resources.enrollments.summary.since', { date: formatLocalDate(summary.startDate) })}</Typography>
          <Typography variant="body2">
            {translate('resources.enrollments.fields.paymentMode')}: {labels.mode(summary.paymentMode)}
          </Typography>
          {summary.declaredMonthlyIncome != null && (
            <Typography variant="body2">
              {translate('resources.enrollments.fields.declaredMonthlyIncome')}: <Vnd amount={summary.declaredMonthlyIncome} />
            </Typography>
          )}
          {summary.memberOrder != null && (
            <Typography variant="body2">
              <MemberOrderText order={summary.memberOrder} startDate={summary.startDate} />
            </Typography>
          )}
          {summary.collectionOrganization && (
            <Typography variant="body2">
              {translate('resources.enrollments.fields.collectionOrganization')}: {summary.collectionOrganization.name}
            </Typography>
          )}
        </Stack>
        {isPending && <LinearProgress />}
        {error && (
          <Typography variant="body2" color="error">
            {translate(error.message, { _: error.message })}
          </Typography>
        )}
        {enrollment && (
          <>
            <Stack direction="row" spacing={2} alignItems="baseline" sx={{ mb: 1 }}>
              <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 600 }}>
                {translate('resources.enrollments.dues.title')}
              </Typography>
              <Typography variant="body2" color={overdue > 0 ? 'error' : 'text.secondary'}>
                {owed
                  ? translate('resources.enrollments.summary.owed', { amount: formatVnd(owed) })
                  : translate('resources.enrollments.summary.nothing_owed')}
                {overdue > 0 && ` · ${translate('resources.enrollments.summary.overdue', { smart_count: overdue })}`}
              </Typography>
            </Stack>
            <DuesTimeline dues={enrollment.dues} />
            <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 600, mt: 2, mb: 1 }}>
              {translate('resources.enrollments.payments.title')}
            </Typography>
            <Payments payments={enrollment.payments} />
          </>
        )}
      </CardContent>
    </Card>
  );
};
