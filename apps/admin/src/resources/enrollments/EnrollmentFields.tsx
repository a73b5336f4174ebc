import { formatVnd, type PaymentMode, type Scheme } from '@bao-phu/domain';
import Chip, { type ChipProps } from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import { useTranslate } from 'react-admin';
import type { EnrollmentStatus } from './types';

/** "BHXH tự nguyện", "Hằng tháng", "Đang tham gia" … in the user's language. */
export const useEnrollmentLabels = () => {
  const translate = useTranslate();
  return {
    scheme: (scheme: Scheme) => translate(`app.schemes.${scheme}`),
    mode: (mode: PaymentMode) => translate(`app.payment_modes.${mode}`),
    status: (status: EnrollmentStatus) => translate(`app.enrollment_status.${status}`),
  };
};

const STATUS_COLORS: Record<EnrollmentStatus, ChipProps['color']> = {
  ACTIVE: 'success',
  LAPSED: 'warning',
  STOPPED: 'default',
  DECEASED: 'default',
};

export const EnrollmentStatusChip = ({ status }: { status: EnrollmentStatus }) => {
  const labels = useEnrollmentLabels();
  return <Chip size="small" color={STATUS_COLORS[status]} variant={status === 'ACTIVE' ? 'filled' : 'outlined'} label={labels.status(status)} />;
};

/** An amount as written in Vietnam, "264.000 ₫", with the tabular digits of a column of figures. */
export const Vnd = ({ amount }: { amount: number }) => (
  <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{formatVnd(amount)}</span>
);

/** A policy figure not confirmed in a public source (DOMAIN-RULES "(check)"), said so on screen. */
export const UnconfirmedMark = () => {
  const translate = useTranslate();
  return (
    <Tooltip title={translate('app.unconfirmed_help')}>
      <Chip size="small" variant="outlined" color="warning" label={translate('app.unconfirmed')} sx={{ ml: 0.5, height: 20 }} />
    </Tooltip>
  );
};

/** Schemes as choices; react-admin translates the names. */
export const schemeChoices = (['VOLUNTARY_SI', 'HOUSEHOLD_HI'] as const).map((s) => ({ id: s, name: `app.schemes.${s}` }));
