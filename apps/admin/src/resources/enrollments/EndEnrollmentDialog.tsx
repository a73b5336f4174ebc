import { todayInVietnam } from '@bao-phu/domain';
import StopCircleIcon from '@mui/icons-material/StopCircle';
import { useState } from 'react';
import { Button, RadioButtonGroupInput, required, useCanAccess, useDataProvider, useTranslate, type Validator } from 'react-admin';
import { ActionDialog } from '../../components/ActionDialog';
import { formatLocalDate } from '../../components/dates';
import { LocalDateInput } from '../../components/LocalDateInput';
import type { GraphQLDataProvider } from '../../providers/dataProvider';
import { useEnrollmentLabels } from './EnrollmentFields';
import { END_ENROLLMENT, type EnrollmentEndStatus } from './queries';
import type { EnrollmentSummary } from './types';

type EndValues = { status: EnrollmentEndStatus; endDate: string | null };

/** The API refuses an end before the start, with the same wording. */
const notBefore =
  (startDate: string): Validator =>
  (value: unknown) =>
    typeof value === 'string' && value < startDate
      ? { message: 'resources.enrollments.end.before_start', args: { date: formatLocalDate(startDate) } }
      : undefined;

/**
 * "Dừng tham gia": the person stops paying (STOPPED) or has died (DECEASED) on a day; the API
 * cancels the open dues after it. Only for enrollments still running (ACTIVE or LAPSED).
 */
export const EndEnrollmentButton = ({ enrollment }: { enrollment: EnrollmentSummary }) => {
  const translate = useTranslate();
  const labels = useEnrollmentLabels();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({ resource: 'persons', action: 'endEnrollment' });
  if (!canAccess || (enrollment.status !== 'ACTIVE' && enrollment.status !== 'LAPSED')) return null;

  const end = async (values: EndValues) => {
    await dataProvider.execute(END_ENROLLMENT, {
      id: String(enrollment.id),
      status: values.status,
      endDate: values.endDate!,
    });
    return translate('resources.enrollments.end.done', {
      scheme: labels.scheme(enrollment.scheme),
      date: formatLocalDate(values.endDate),
    });
  };

  return (
    <>
      <Button label="resources.enrollments.actions.end" onClick={() => setOpen(true)} color="warning">
        <StopCircleIcon />
      </Button>
      <ActionDialog<EndValues>
        open={open}
        onClose={() => setOpen(false)}
        title={translate('resources.enrollments.end.title', { scheme: labels.scheme(enrollment.scheme) })}
        help={translate('resources.enrollments.end.help')}
        submitLabel="resources.enrollments.actions.end"
        defaultValues={{ status: 'STOPPED', endDate: todayInVietnam() }}
        onSubmit={end}
      >
        <RadioButtonGroupInput
          source="status"
          label="resources.enrollments.end.status"
          validate={required()}
          choices={[
            { id: 'STOPPED', name: 'resources.enrollments.end.statuses.STOPPED' },
            { id: 'DECEASED', name: 'resources.enrollments.end.statuses.DECEASED' },
          ]}
        />
        <LocalDateInput
          source="endDate"
          label="resources.enrollments.end.endDate"
          validate={[required(), notBefore(enrollment.startDate)]}
          helperText="app.date_hint"
          sx={{ width: '12em' }}
        />
      </ActionDialog>
    </>
  );
};
