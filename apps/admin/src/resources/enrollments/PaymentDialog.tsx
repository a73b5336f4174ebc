import { formatVnd, monthOf, todayInVietnam } from '@bao-phu/domain';
import PaymentsIcon from '@mui/icons-material/Payments';
import MuiButton from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useFormContext } from 'react-hook-form';
import {
  Button,
  maxLength,
  required,
  TextInput,
  useCanAccess,
  useDataProvider,
  useTranslate,
  type Validator,
} from 'react-admin';
import { ActionDialog } from '../../components/ActionDialog';
import { LocalDateInput } from '../../components/LocalDateInput';
import { MoneyInput } from '../../components/MoneyInput';
import { newIdempotencyKey } from '../../components/idempotency';
import type { GraphQLDataProvider } from '../../providers/dataProvider';
import { formatPeriod } from './contribution';
import { nextOpenDue, owedOf } from './dues';
import { useEnrollmentLabels } from './EnrollmentFields';
import { RECORD_PAYMENT } from './queries';
import type { EnrollmentRecord } from './types';

type PaymentValues = { amount: number | null; paidOn: string; receiptNo: string };

/** Not more than is owed: the API refuses it too, with the same figure. */
const atMost =
  (owed: number): Validator =>
  (value: unknown) =>
    typeof value === 'number' && value > owed ? { message: 'app.validation.overpaid', args: { owed: formatVnd(owed) } } : undefined;

/** A payment is recorded once it has been made: not on a later day. */
const notInFuture: Validator = (value: unknown) =>
  typeof value === 'string' && value > todayInVietnam() ? 'app.validation.date_future' : undefined;

/** What is owed, and buttons that fill in the next period or everything. */
const OwedSummary = ({ enrollment }: { enrollment: EnrollmentRecord }) => {
  const translate = useTranslate();
  const { setValue } = useFormContext();
  const owed = owedOf(enrollment.dues);
  const next = nextOpenDue(enrollment.dues);
  const nextAmount = next ? next.payable - next.paid : 0;
  const fill = (amount: number) => setValue('amount', amount, { shouldDirty: true, shouldValidate: true });
  return (
    <Stack spacing={1} sx={{ mb: 2 }}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
        {translate('resources.enrollments.payment.owed', { amount: formatVnd(owed) })}
      </Typography>
      <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
        {next && nextAmount !== owed && (
          <MuiButton size="small" variant="outlined" onClick={() => fill(nextAmount)}>
            {translate('resources.enrollments.payment.fill_next', {
              period: formatPeriod(monthOf(next.periodStart), monthOf(next.periodEnd)),
              amount: formatVnd(nextAmount),
            })}
          </MuiButton>
        )}
        <MuiButton size="small" variant="outlined" onClick={() => fill(owed)}>
          {translate('resources.enrollments.payment.fill_all', { amount: formatVnd(owed) })}
        </MuiButton>
      </Stack>
    </Stack>
  );
};

/**
 * "Ghi nhận nộp tiền": an amount in đồng, the day it was paid and the receipt number. Each opening
 * of the dialog gets its own idempotency key, so a double click or a retry after a lost answer
 * records the payment once; the API settles the oldest open dues first.
 */
export const RecordPaymentButton = ({ enrollment }: { enrollment: EnrollmentRecord }) => {
  const translate = useTranslate();
  const labels = useEnrollmentLabels();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const [open, setOpen] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState('');
  const { canAccess } = useCanAccess({ resource: 'persons', action: 'recordPayment' });
  if (!canAccess) return null;
  const owed = owedOf(enrollment.dues);

  const openDialog = () => {
    setIdempotencyKey(newIdempotencyKey());
    setOpen(true);
  };

  const record = async (values: PaymentValues) => {
    const { recordPayment } = await dataProvider.execute(RECORD_PAYMENT, {
      input: {
        enrollmentId: String(enrollment.id),
        amount: values.amount!,
        paidOn: values.paidOn,
        receiptNo: values.receiptNo?.trim() || null,
        idempotencyKey,
      },
    });
    return translate('resources.enrollments.payment.done', { amount: formatVnd(recordPayment.amount) });
  };

  return (
    <>
      <Button label="resources.enrollments.actions.record_payment" onClick={openDialog} variant="contained">
        <PaymentsIcon />
      </Button>
      <ActionDialog<PaymentValues>
        open={open}
        onClose={() => setOpen(false)}
        title={translate('resources.enrollments.payment.title', { scheme: labels.scheme(enrollment.scheme) })}
        help={translate('resources.enrollments.payment.help')}
        submitLabel="resources.enrollments.actions.record_payment"
        defaultValues={{ amount: null, paidOn: todayInVietnam(), receiptNo: '' }}
        onSubmit={record}
      >
        <OwedSummary enrollment={enrollment} />
        <MoneyInput
          source="amount"
          label="resources.enrollments.payments.amount"
          validate={[required(), atMost(owed)]}
          autoFocus
          sx={{ width: '16em' }}
        />
        <LocalDateInput
          source="paidOn"
          label="resources.enrollments.payments.paidOn"
          validate={[required(), notInFuture]}
          helperText="app.date_hint"
          sx={{ width: '12em' }}
        />
        <TextInput
          source="receiptNo"
          label="resources.enrollments.payments.receiptNo"
          validate={maxLength(40)}
          inputProps={{ autoComplete: 'off' }}
          sx={{ width: '16em' }}
        />
      </ActionDialog>
    </>
  );
};
