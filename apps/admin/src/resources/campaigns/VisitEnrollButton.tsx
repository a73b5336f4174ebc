import HowToRegIcon from '@mui/icons-material/HowToReg';
import Button, { type ButtonProps } from '@mui/material/Button';
import { useEffect, useState } from 'react';
import { useCanAccess, useGetOne, useNotify, useTranslate } from 'react-admin';
import { formatLocalDate } from '../../components/dates';
import { EnrollDialog, schemesLeftFor } from '../enrollments/EnrollDialog';
import type { PersonDetail } from '../persons/types';
import { T } from './CampaignFields';

/**
 * "Đăng ký tham gia" for the person of a visit: the person's enroll dialog, sent with the visit's
 * id so the API credits the enrollment to the campaign and to the member who knocked on the door.
 * The person is read (with their enrollments) only when the button is pressed.
 */
export const VisitEnrollButton = ({
  visit,
  onEnrolled,
  variant = 'outlined',
  size = 'small',
}: {
  visit: { id: string; visitDate: string; member: { name: string }; person: { id: string; fullName: string } | null };
  onEnrolled?: () => void;
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({ resource: 'persons', action: 'enroll' });
  const { data: person, isPending } = useGetOne<PersonDetail>('persons', { id: visit.person?.id ?? '' }, { enabled: open && !!visit.person });
  const nothingLeft = open && !!person && schemesLeftFor(person).length === 0;
  useEffect(() => {
    if (!nothingLeft) return;
    notify(`${T}.visits.both_schemes`, { type: 'info', messageArgs: { name: person!.fullName } });
    setOpen(false);
  }, [nothingLeft, notify, person]);
  if (!canAccess || !visit.person) return null;
  return (
    <>
      <Button
        size={size}
        variant={variant}
        startIcon={<HowToRegIcon />}
        disabled={open && isPending}
        aria-label={translate(`${T}.visits.enroll_for`, { name: visit.person.fullName })}
        onClick={() => setOpen(true)}
        sx={{ whiteSpace: 'nowrap' }}
      >
        {translate(`${T}.visits.enroll`)}
      </Button>
      {open && person && !nothingLeft && (
        <EnrollDialog
          person={person}
          open
          onClose={() => setOpen(false)}
          visitId={visit.id}
          extraHelp={translate(`${T}.visits.enroll_credit`, { member: visit.member.name, date: formatLocalDate(visit.visitDate) })}
          onEnrolled={onEnrolled}
        />
      )}
    </>
  );
};
