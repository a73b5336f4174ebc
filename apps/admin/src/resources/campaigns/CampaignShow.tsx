import CancelIcon from '@mui/icons-material/Cancel';
import DirectionsWalkIcon from '@mui/icons-material/DirectionsWalk';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { createContext, useContext, useState, type ReactNode } from 'react';
import {
  Button,
  Confirm,
  HttpError,
  Labeled,
  Show,
  TabbedShowLayout,
  TabbedShowLayoutTabs,
  TopToolbar,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { formatLocalDate } from '../../components/dates';
import type { GraphQLDataProvider } from '../../providers/dataProvider';
import { useCount } from '../targets/TargetFields';
import { MIN_MEMBERS, missingMembers, statusActions, type CampaignAction } from './campaign';
import { CampaignStatusChip, T, useCampaignDetail } from './CampaignFields';
import { CampaignMembers } from './CampaignMembers';
import { CampaignResults } from './CampaignResults';
import { CampaignSessions } from './CampaignSessions';
import { CampaignVisits } from './CampaignVisits';
import { DayReport } from './DayReport';
import { CANCEL_CAMPAIGN, COMPLETE_CAMPAIGN, START_CAMPAIGN } from './queries';
import type { CampaignDetail } from './types';

/** The API's refusal of a status change, kept on the page (not only in a passing notification). */
const ProblemContext = createContext<{ problem: string | null; setProblem: (p: string | null) => void }>({ problem: null, setProblem: () => undefined });

const ACTION_ICONS: Record<CampaignAction, ReactNode> = { start: <PlayArrowIcon />, complete: <DoneAllIcon />, cancel: <CancelIcon /> };

/**
 * Start (refused by the API while the group has fewer than 5 members, saying how many are
 * missing), complete and cancel, each offered only in the statuses that allow it.
 */
const CampaignActions = () => {
  const campaign = useRecordContext<CampaignDetail>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const { setProblem } = useContext(ProblemContext);
  const { canAccess: mayChange } = useCanAccess({ resource: 'campaigns', action: 'start' });
  const { canAccess: mayLog } = useCanAccess({ resource: 'campaigns', action: 'logVisit' });
  const [confirm, setConfirm] = useState<CampaignAction | null>(null);
  const [busy, setBusy] = useState(false);
  if (!campaign) return <TopToolbar />;

  const run = async (action: CampaignAction) => {
    setConfirm(null);
    setBusy(true);
    setProblem(null);
    try {
      const document = action === 'start' ? START_CAMPAIGN : action === 'complete' ? COMPLETE_CAMPAIGN : CANCEL_CAMPAIGN;
      await dataProvider.execute(document, { id: String(campaign.id) });
      notify(`${T}.show.done.${action}`, { type: 'success' });
      refresh();
    } catch (e) {
      const message = e instanceof HttpError || e instanceof Error ? e.message : 'ra.notification.http_error';
      setProblem(translate(`${T}.show.refused.${action}`, { message: translate(message, { _: message }) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <TopToolbar>
      {mayLog && campaign.status === 'ACTIVE' && (
        <Button label={`${T}.show.log_visits`} to={`/visit-entry?campaign=${campaign.id}`}>
          <DirectionsWalkIcon />
        </Button>
      )}
      {mayChange &&
        statusActions(campaign.status).map((action) => (
          <Button
            key={action}
            label={`${T}.show.actions.${action}`}
            disabled={busy}
            color={action === 'cancel' ? 'error' : 'primary'}
            variant={action === 'start' ? 'contained' : 'text'}
            onClick={() => (action === 'start' ? run(action) : setConfirm(action))}
          >
            {ACTION_ICONS[action]}
          </Button>
        ))}
      <Confirm
        isOpen={confirm !== null}
        loading={busy}
        title={`${T}.show.confirm.${confirm ?? 'complete'}_title`}
        content={`${T}.show.confirm.${confirm ?? 'complete'}`}
        confirm={`${T}.show.actions.${confirm ?? 'complete'}`}
        cancel={`${T}.show.confirm.keep`}
        onConfirm={() => confirm && run(confirm)}
        onClose={() => setConfirm(null)}
      />
    </TopToolbar>
  );
};

const Item = ({ label, children }: { label: string; children: ReactNode }) => (
  <Labeled label={label} sx={{ minWidth: 0 }}>
    <Box component="span" sx={{ typography: 'body2' }}>
      {children}
    </Box>
  </Labeled>
);

/** Who, where, when and what for, above the tabs; the API's last refusal under it. */
const Summary = () => {
  const c = useCampaignDetail();
  const translate = useTranslate();
  const count = useCount();
  const { problem } = useContext(ProblemContext);
  if (!c) return null;
  const target = (n: number | null) => (n === null ? translate(`${T}.show.no_target`) : count(n));
  const missing = missingMembers(c.members.length);
  return (
    <Box component="section" aria-label={translate(`${T}.show.summary`)} sx={{ p: 2, pb: 0 }}>
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography variant="h6" component="h2">
          {c.name}
        </Typography>
        <CampaignStatusChip status={c.status} />
        <Typography variant="body2" color="text.secondary">
          {c.code}
        </Typography>
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', md: 'repeat(4, 1fr)' }, columnGap: 3 }}>
        <Item label={`${T}.fields.commune`}>{c.commune.parent ? `${c.commune.name} — ${c.commune.parent.name}` : c.commune.name}</Item>
        <Item label={`${T}.fields.launchDate`}>{formatLocalDate(c.launchDate)}</Item>
        <Item label={`${T}.show.sessions`}>{translate(`${T}.show.sessions_count`, { smart_count: c.sessions.length })}</Item>
        <Item label={`${T}.show.targets`}>{translate(`${T}.show.target_line`, { vsi: target(c.targetNewVoluntarySI), hhi: target(c.targetNewHouseholdHI) })}</Item>
        <Item label={`${T}.fields.hamletIds`}>{c.hamlets.map((h) => h.name).join(', ') || '—'}</Item>
        <Item label={`${T}.fields.reason`}>{c.reason ?? '—'}</Item>
        <Item label={`${T}.fields.partners`}>{c.partners ?? '—'}</Item>
        <Item label={`${T}.fields.members`}>{count(c.members.length)}</Item>
      </Box>
      {c.status === 'PLANNED' && missing > 0 && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          {translate(`${T}.show.members_missing`, { min: MIN_MEMBERS, count: c.members.length, missing })}
        </Alert>
      )}
      {problem && (
        <Alert severity="error" role="alert" sx={{ mt: 1 }}>
          {problem}
        </Alert>
      )}
    </Box>
  );
};

/** "Mô hình vận động MH-30208-2026-04"; the code alone on a phone, where the app bar is narrow. */
const CampaignTitle = () => {
  const c = useRecordContext<CampaignDetail>();
  const translate = useTranslate();
  const small = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  if (!c) return <span />;
  return <span>{small ? c.code : `${translate(`${T}.name`, { smart_count: 1 })} ${c.code}`}</span>;
};

/**
 * A campaign's page: its summary and status actions, then its members, session days, visits,
 * results against targets and the end-of-day report.
 */
export const CampaignShow = () => {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <ProblemContext.Provider value={{ problem, setProblem }}>
      {/* One grid column that may shrink: wide tables scroll inside their box instead of widening a phone's page. */}
      <Show actions={<CampaignActions />} title={<CampaignTitle />} sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)' }}>
        <Summary />
        <TabbedShowLayout tabs={<TabbedShowLayoutTabs variant="scrollable" scrollButtons="auto" />}>
          <TabbedShowLayout.Tab label={`${T}.tabs.members`}>
            <CampaignMembers />
          </TabbedShowLayout.Tab>
          <TabbedShowLayout.Tab label={`${T}.tabs.sessions`} path="sessions">
            <CampaignSessions />
          </TabbedShowLayout.Tab>
          <TabbedShowLayout.Tab label={`${T}.tabs.visits`} path="visits">
            <CampaignVisits />
          </TabbedShowLayout.Tab>
          <TabbedShowLayout.Tab label={`${T}.tabs.results`} path="results">
            <CampaignResults />
          </TabbedShowLayout.Tab>
          <TabbedShowLayout.Tab label={`${T}.tabs.report`} path="report">
            <DayReport />
          </TabbedShowLayout.Tab>
        </TabbedShowLayout>
      </Show>
    </ProblemContext.Provider>
  );
};
