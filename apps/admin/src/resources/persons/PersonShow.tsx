import VisibilityIcon from '@mui/icons-material/Visibility';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import {
  Button,
  EditButton,
  Labeled,
  Show,
  TopToolbar,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { formatLocalDate } from '../../components/dates';
import type { GraphQLDataProvider } from '../../providers/dataProvider';
import { EnrollButton } from '../enrollments/EnrollDialog';
import { EnrollmentCard } from '../enrollments/EnrollmentCard';
import { CreateHouseholdButton } from './CreateHouseholdDialog';
import { HamletLink, HouseholdLink, SupportCategoryChip, useEnumLabels } from './PersonFields';
import { REVEAL_PERSONAL_DATA } from './queries';
import type { PersonDetail } from './types';

const PersonShowActions = () => {
  const record = useRecordContext<PersonDetail>();
  return (
    <TopToolbar>
      <EditButton />
      {record && <EnrollButton person={record} />}
    </TopToolbar>
  );
};

/** One labelled value of the details grid. */
const Item = ({ label, children }: { label: string; children: ReactNode }) => (
  <Labeled label={label} sx={{ minWidth: 0 }}>
    <Box component="span" sx={{ typography: 'body2' }}>
      {children}
    </Box>
  </Labeled>
);

/**
 * Citizen ID and phone as the API sends them; masked for planners and supervisors, who may ask for
 * the full numbers (the API records every such request in the audit log).
 */
const PersonalNumbers = ({ person }: { person: PersonDetail }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'persons', action: 'revealPersonalData', record: person });
  const [revealed, setRevealed] = useState<{ id: string; citizenId: string; phone: string | null } | null>(null);
  const [loading, setLoading] = useState(false);
  const shown = revealed?.id === String(person.id) ? revealed : null;

  const reveal = async () => {
    setLoading(true);
    try {
      const { revealPersonalData } = await dataProvider.execute(REVEAL_PERSONAL_DATA, { personId: String(person.id) });
      setRevealed({ id: String(person.id), ...revealPersonalData });
    } catch (error) {
      const message = error instanceof Error ? error.message : 'ra.notification.http_error';
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <Item label="resources.persons.fields.citizenId">
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>{shown?.citizenId ?? person.citizenId}</span>
      </Item>
      <Item label="resources.persons.fields.phone">{shown ? (shown.phone ?? '') : (person.phone ?? '')}</Item>
      {person.personalDataMasked && (
        <Box sx={{ gridColumn: '1 / -1' }}>
          {shown ? (
            <Typography variant="caption" color="text.secondary">
              {translate('resources.persons.show.revealed')}
            </Typography>
          ) : (
            <Stack direction="row" spacing={1} alignItems="center">
              <Typography variant="caption" color="text.secondary">
                {translate('resources.persons.show.masked')}
              </Typography>
              {canAccess && (
                <Button label="resources.persons.show.reveal" onClick={reveal} disabled={loading}>
                  <VisibilityIcon />
                </Button>
              )}
            </Stack>
          )}
        </Box>
      )}
    </>
  );
};

const PersonDetails = () => {
  const person = useRecordContext<PersonDetail>();
  const translate = useTranslate();
  const labels = useEnumLabels();
  if (!person) return null;
  const supportDates =
    person.supportCategory !== 'OTHER' && (person.supportFrom || person.supportTo)
      ? translate('resources.persons.show.support_period', {
          from: formatLocalDate(person.supportFrom) || '…',
          to: formatLocalDate(person.supportTo) || '…',
        })
      : null;
  return (
    <Box component="section" aria-label={translate('resources.persons.sections.personal')}>
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {translate('resources.persons.sections.personal')}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', md: 'repeat(4, 1fr)' }, columnGap: 3 }}>
        <Item label="resources.persons.fields.fullName">{person.fullName}</Item>
        <Item label="resources.persons.fields.dateOfBirth">{formatLocalDate(person.dateOfBirth)}</Item>
        <Item label="resources.persons.fields.sex">{labels.sex(person.sex)}</Item>
        <Item label="resources.persons.fields.siCode">{person.siCode ?? ''}</Item>
        <PersonalNumbers person={person} />
        <Item label="resources.persons.fields.hamlet">
          <HamletLink hamlet={person.hamlet} />
        </Item>
        <Item label="resources.persons.fields.household">
          {person.household ? (
            <HouseholdLink household={person.household} />
          ) : (
            <Stack spacing={0.5} alignItems="flex-start" component="span">
              <span>{translate('resources.persons.show.no_household')}</span>
              <CreateHouseholdButton person={person} />
            </Stack>
          )}
        </Item>
        <Item label="resources.persons.fields.supportCategory">
          <SupportCategoryChip person={person} />
          {supportDates && (
            <Typography variant="caption" component="div" color="text.secondary">
              {supportDates}
            </Typography>
          )}
        </Item>
      </Box>
    </Box>
  );
};

const Enrollments = () => {
  const person = useRecordContext<PersonDetail>();
  const translate = useTranslate();
  if (!person) return null;
  const enrollments = person.enrollments ?? [];
  return (
    <Box component="section" aria-label={translate('resources.persons.sections.enrollments')} sx={{ mt: 3 }}>
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {translate('resources.persons.sections.enrollments')}
      </Typography>
      {enrollments.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('resources.persons.show.no_enrollments')}
        </Typography>
      ) : (
        <Stack spacing={2}>
          {enrollments.map((e) => (
            <EnrollmentCard key={e.id} summary={e} />
          ))}
        </Stack>
      )}
    </Box>
  );
};

/**
 * A person's page: who they are (personal numbers masked for roles that do not need them), their
 * household, and each enrollment with its dues timeline and payments. Base staff enroll the person
 * and record payments from here.
 */
export const PersonShow = () => (
  <Show actions={<PersonShowActions />}>
    <Box sx={{ p: 2 }}>
      <PersonDetails />
      <Enrollments />
    </Box>
  </Show>
);
