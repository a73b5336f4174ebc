import { formatVnd, todayInVietnam } from '@bao-phu/domain';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Labeled, Link, Show, TopToolbar, useCreatePath, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatLocalDate } from '../../components/dates';
import { usePolicy } from '../../providers/policy';
import { EnrollmentStatusChip } from '../enrollments/EnrollmentFields';
import { HamletLink, useEnumLabels } from '../persons/PersonFields';
import { AddMemberButton } from './AddMemberDialog';
import { formatPercentBp, ladderOn, ladderShareBp, monthlyHiAmount } from './ladder';
import type { HouseholdMember, HouseholdRecord } from './types';

const HouseholdTitle = () => {
  const record = useRecordContext<HouseholdRecord>();
  const translate = useTranslate();
  return <span>{record ? translate('resources.households.title', { code: record.code }) : ''}</span>;
};

const HouseholdShowActions = () => {
  const record = useRecordContext<HouseholdRecord>();
  return <TopToolbar>{record && <AddMemberButton household={record} />}</TopToolbar>;
};

/** The reduction ladder in force today, step by step: "Người thứ 1: 100 %" … "Người thứ 5 trở đi: 40 %". */
const Ladder = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const policy = usePolicy();
  const today = todayInVietnam();
  const ladder = ladderOn(today, policy);
  return (
    <Box component="section" aria-label={translate('resources.households.ladder.title')} sx={{ my: 2 }}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
        {translate('resources.households.ladder.title')}
      </Typography>
      <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
        {ladder.map((bp, i) => {
          const order = i + 1;
          const key = order === ladder.length ? 'last' : 'step';
          const label = translate(`resources.households.ladder.${key}`, { order, percent: formatPercentBp(bp, locale) });
          const amount = translate('resources.households.ladder.monthly', { amount: formatVnd(monthlyHiAmount(order, today, policy)) });
          return <Chip key={order} variant="outlined" label={`${label} · ${amount}`} />;
        })}
      </Stack>
    </Box>
  );
};

/** The member's household HI card: its place in the ladder and the share it pays, or "Chưa tham gia". */
const MemberHi = ({ member }: { member: HouseholdMember }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const policy = usePolicy();
  const hi = member.enrollments
    .filter((e) => e.scheme === 'HOUSEHOLD_HI')
    .sort((a, b) => Number(b.status === 'ACTIVE') - Number(a.status === 'ACTIVE') || b.startDate.localeCompare(a.startDate))[0];
  if (!hi) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('resources.households.ladder.none')}
      </Typography>
    );
  }
  const order = hi.memberOrder ?? 1;
  const bp = ladderShareBp(ladderOn(hi.startDate, policy), order);
  return (
    <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {translate('resources.households.ladder.step', { order, percent: formatPercentBp(bp, locale) })}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('resources.households.ladder.monthly', { amount: formatVnd(monthlyHiAmount(order, hi.startDate, policy)) })}
      </Typography>
      <EnrollmentStatusChip status={hi.status} />
    </Stack>
  );
};

const Members = () => {
  const record = useRecordContext<HouseholdRecord>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const labels = useEnumLabels();
  if (!record) return null;
  const t = (key: string) => translate(`resources.households.fields.${key}`);
  if (record.members.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('resources.households.empty')}
      </Typography>
    );
  }
  return (
    <Box sx={{ width: 0, minWidth: '100%', overflowX: 'auto' }}>
      <Table size="small" aria-label={t('members')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('fullName')}</TableCell>
            <TableCell>{t('dateOfBirth')}</TableCell>
            <TableCell>{t('sex')}</TableCell>
            <TableCell>{t('householdHi')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {record.members.map((m) => (
            <TableRow key={m.id}>
              <TableCell>
                <Link to={createPath({ resource: 'persons', id: m.id, type: 'show' })}>{m.fullName}</Link>
              </TableCell>
              <TableCell>{formatLocalDate(m.dateOfBirth)}</TableCell>
              <TableCell>{labels.sex(m.sex)}</TableCell>
              <TableCell>
                <MemberHi member={m} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

const Item = ({ label, children }: { label: string; children: ReactNode }) => (
  <Labeled label={label}>
    <Box component="span" sx={{ typography: 'body2' }}>
      {children}
    </Box>
  </Labeled>
);

const HouseholdDetails = () => {
  const record = useRecordContext<HouseholdRecord>();
  if (!record) return null;
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={4}>
      <Item label="resources.households.fields.code">{record.code}</Item>
      <Item label="resources.households.fields.hamlet">
        <HamletLink hamlet={record.hamlet} />
      </Item>
    </Stack>
  );
};

/**
 * A household: its code, hamlet and members, each with the place their household HI card takes in
 * the reduction ladder (members joining in the same year pay 100 %, 70 %, 60 %, 50 %, then 40 %).
 */
export const HouseholdShow = () => {
  const translate = useTranslate();
  return (
    <Show actions={<HouseholdShowActions />} title={<HouseholdTitle />}>
      <Box sx={{ p: 2 }}>
        <HouseholdDetails />
        <Ladder />
        <Typography variant="h6" component="h2" sx={{ mt: 2, mb: 1 }}>
          {translate('resources.households.fields.members')}
        </Typography>
        <Members />
      </Box>
    </Show>
  );
};
