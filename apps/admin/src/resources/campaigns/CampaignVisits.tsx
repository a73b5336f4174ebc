import { useQuery } from '@apollo/client/react';
import DirectionsWalkIcon from '@mui/icons-material/DirectionsWalk';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Button, Link, useCanAccess, useLocaleState, useRefresh, useTranslate } from 'react-admin';
import { formatLocalDate } from '../../components/dates';
import { toHttpError } from '../../providers/graphqlErrors';
import { OutcomeChip, T, useCampaignDetail } from './CampaignFields';
import { CAMPAIGN_VISITS } from './queries';
import type { VisitRecord } from './types';
import { VisitEnrollButton } from './VisitEnrollButton';

/** Who was met: a person of the register (a link for those who read it), or the name given at the door. */
export const VisitWho = ({ visit }: { visit: VisitRecord }) => {
  const translate = useTranslate();
  const { canAccess: readsRegister } = useCanAccess({ resource: 'persons', action: 'show' });
  if (visit.person) {
    return readsRegister ? <Link to={`/persons/${visit.person.id}/show`}>{visit.person.fullName}</Link> : <>{visit.person.fullName}</>;
  }
  return (
    <>
      {visit.contactName ?? (visit.household ? translate(`${T}.visits.household`, { code: visit.household.code }) : '')}
      <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'block' }}>
        {translate(`${T}.visits.unregistered`)}
      </Typography>
    </>
  );
};

/** The reason of a refusal, the day to come back, the note. */
export const visitDetails = (visit: VisitRecord, translate: (key: string, options?: object) => string) =>
  [
    visit.refusalReason ? translate(`${T}.visits.reason`, { reason: visit.refusalReason }) : null,
    visit.followUpDate ? translate(`${T}.visits.follow_up`, { date: formatLocalDate(visit.followUpDate) }) : null,
    visit.note,
  ]
    .filter(Boolean)
    .join(' · ');

/**
 * "Lượt vận động": every door knocked on, newest first, a page at a time. A visit to a registered
 * person can lead to their enrollment from here (credited to the campaign and the member), e.g.
 * when they come to the office the next day.
 */
export const CampaignVisits = (_: { label?: false }) => {
  const campaign = useCampaignDetail();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const refresh = useRefresh();
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(25);
  const { canAccess: mayLog } = useCanAccess({ resource: 'campaigns', action: 'logVisit' });
  const { data, loading, error, refetch } = useQuery(CAMPAIGN_VISITS, {
    variables: { id: String(campaign?.id ?? ''), skip: page * perPage, take: perPage },
    skip: !campaign,
    fetchPolicy: 'network-only',
  });
  if (!campaign) return null;
  const visits = data?.campaign?.visits;
  const creditable = campaign.status === 'ACTIVE' || campaign.status === 'COMPLETED';
  const enrolled = () => {
    void refetch();
    refresh();
  };
  return (
    <Box>
      {mayLog && campaign.status === 'ACTIVE' && (
        <Stack direction="row" sx={{ mb: 1 }}>
          <Button label={`${T}.show.log_visits`} to={`/visit-entry?campaign=${campaign.id}`} variant="contained">
            <DirectionsWalkIcon />
          </Button>
        </Stack>
      )}
      {error && <Alert severity="error">{toHttpError(error, locale).message}</Alert>}
      {loading && <LinearProgress aria-label={translate('ra.page.loading')} />}
      {visits && visits.totalCount === 0 && <Alert severity="info">{translate(`${T}.visits.empty`)}</Alert>}
      {visits && visits.totalCount > 0 && (
        <>
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-label={translate(`${T}.visits.table`)}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate(`${T}.visits.date`)}</TableCell>
                  <TableCell>{translate(`${T}.visits.who`)}</TableCell>
                  <TableCell>{translate(`${T}.visits.hamlet`)}</TableCell>
                  <TableCell>{translate(`${T}.visits.member`)}</TableCell>
                  <TableCell>{translate(`${T}.visits.outcome`)}</TableCell>
                  <TableCell>{translate(`${T}.visits.details`)}</TableCell>
                  {creditable && <TableCell />}
                </TableRow>
              </TableHead>
              <TableBody>
                {visits.items.map((v) => (
                  <TableRow key={v.id} data-visit={v.id}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatLocalDate(v.visitDate)}</TableCell>
                    <TableCell>
                      <VisitWho visit={v} />
                    </TableCell>
                    <TableCell>{v.hamlet.name}</TableCell>
                    <TableCell>{v.member.name}</TableCell>
                    <TableCell>
                      <OutcomeChip outcome={v.outcome} />
                    </TableCell>
                    <TableCell sx={{ minWidth: '12em' }}>{visitDetails(v, translate)}</TableCell>
                    {creditable && <TableCell>{v.person && v.outcome !== 'ALREADY_INSURED' && <VisitEnrollButton visit={v} onEnrolled={enrolled} />}</TableCell>}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
          <TablePagination
            component="div"
            count={visits.totalCount}
            page={page}
            onPageChange={(_, p) => setPage(p)}
            rowsPerPage={perPage}
            onRowsPerPageChange={(e) => {
              setPerPage(Number(e.target.value));
              setPage(0);
            }}
            rowsPerPageOptions={[25, 50, 100]}
            labelRowsPerPage={translate('ra.navigation.page_rows_per_page')}
            labelDisplayedRows={({ from, to, count }) => translate('ra.navigation.page_range_info', { offsetBegin: from, offsetEnd: to, total: count })}
          />
        </>
      )}
    </Box>
  );
};
