import { useApolloClient, useQuery } from '@apollo/client/react';
import { addMonths, todayInVietnam } from '@bao-phu/domain';
import PlaylistAddCheckIcon from '@mui/icons-material/PlaylistAddCheck';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MuiButton from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Title, useLocaleState, usePermissions, useTranslate } from 'react-admin';
import { formatDateTime, formatLocalDate } from '../../components/dates';
import { PAGE_ROOT } from '../../components/pageRoot';
import { toHttpError } from '../../providers/graphqlErrors';
import { isCycleWriter, isFollowUpReader, isReasonReporter, type Permissions } from '../../providers/permissions';
import { chooseBase, cycleSearch, CYCLE_TABS, formatMonth, kindOfTab, organizationCards, readCycleParams, type CycleParams } from './cycle';
import { CycleDownload } from './CycleDownload';
import { BaseOfficeSelect, MonthSelect, OrganizationSelect, useBaseOffices } from './CycleControls';
import { FollowUpsTab, GroupedList, ReasonsTab, useCycleGroups } from './CycleLists';
import { COLLECTION_CYCLE, GENERATE_CYCLE } from './queries';
import { SummaryCards } from './SummaryCards';
import type { CollectionCycle } from './types';
import { useUrlParams } from '../../components/urlParams';

const T = 'resources.collection.cycle';

/** What the last press of "Lập danh sách" gave: a new version, or the same one back. */
type Generation = { changed: boolean; cycle: CollectionCycle } | { error: string };

/**
 * "Danh sách thu hằng tháng": a base office's lists of a month — the generation (version and time),
 * one card per collection organization, and the lists by commune → hamlet → collector with
 * subtotals, the reasons and the follow-ups they opened. Base office, month, tab and filters live
 * in the URL. Collectors see their own organization's only (the API sees to it).
 */
export const CyclePage = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { permissions } = usePermissions<Permissions>();
  const client = useApolloClient();
  const today = todayInVietnam();
  const { params, latest, go: goTo } = useUrlParams(readCycleParams);
  const { bases, loading: basesLoading, error: basesError } = useBaseOffices();
  const base = chooseBase(params.base, bases, permissions?.scope);
  const month = params.month ?? today.slice(0, 7);
  const go = (next: Partial<CycleParams>) => {
    const asked = latest();
    goTo(`/collection-cycle${cycleSearch({ ...asked, base: asked.base ?? base, month: asked.month ?? month, ...next })}`);
  };
  const collector = permissions?.role === 'COLLECTOR';
  const writer = isCycleWriter(permissions);

  const { data, loading, error } = useQuery(COLLECTION_CYCLE, { variables: { baseUnitId: base ?? '', month }, skip: !base, fetchPolicy: 'cache-and-network' });
  const cycle = data?.collectionCycle ?? null;
  const [generation, setGeneration] = useState<{ key: string; result: Generation } | null>(null);
  const [busy, setBusy] = useState(false);
  const genKey = `${base}:${month}`;
  const shown = generation?.key === genKey ? generation.result : null;

  const generate = async () => {
    if (!base) return;
    setBusy(true);
    try {
      const before = cycle;
      const { data: result } = await client.mutate({ mutation: GENERATE_CYCLE, variables: { baseUnitId: base, month } });
      const fresh = result!.generateCollectionCycle;
      setGeneration({ key: genKey, result: { changed: !before || before.id !== fresh.id, cycle: fresh } });
      // Every list on screen is of the version just generated.
      await client.refetchQueries({ include: 'active' });
    } catch (e) {
      setGeneration({ key: genKey, result: { error: toHttpError(e, locale).message } });
    } finally {
      setBusy(false);
    }
  };

  const cards = cycle ? organizationCards(cycle.summary) : [];
  const organizations = cards.filter((c) => c.organizationId).map((c) => ({ id: c.organizationId!, name: c.name ?? '', code: c.code }));
  const org = collector ? null : params.org;
  const kind = kindOfTab(params.tab);

  return (
    <Box sx={{ ...PAGE_ROOT, mt: 2 }}>
      <Title title={`${T}.title`} />
      <Card>
        <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Typography variant="body2" color="text.secondary">
            {translate(`${T}.intro`)}
          </Typography>
          <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap alignItems="center">
            <BaseOfficeSelect value={base} bases={bases} onChange={(id) => go({ base: id, commune: null })} />
            <MonthSelect value={month} today={today} onChange={(m) => go({ month: m })} />
            {writer && (
              <MuiButton variant="contained" startIcon={<PlaylistAddCheckIcon />} onClick={generate} disabled={busy || !base} title={translate(`${T}.generate_help`, { month: formatMonth(month) })}>
                {busy ? translate(`${T}.generating`) : translate(`${T}.generate`)}
              </MuiButton>
            )}
            {cycle && (
              <Typography variant="body2" data-version={cycle.version}>
                {translate(`${T}.version`, { version: cycle.version, at: formatDateTime(cycle.generatedAt) })}
              </Typography>
            )}
          </Stack>
          {shown && 'error' in shown && (
            <Alert severity="error" role="alert">
              {shown.error}
            </Alert>
          )}
          {shown && 'cycle' in shown && (
            <Alert severity={shown.changed ? 'success' : 'info'} role="status">
              {translate(shown.changed ? `${T}.generated` : `${T}.unchanged`, {
                month: formatMonth(shown.cycle.month),
                version: shown.cycle.version,
                at: formatDateTime(shown.cycle.generatedAt),
              })}
            </Alert>
          )}
          {(error || basesError) && <Alert severity="error">{toHttpError(error ?? basesError, locale).message}</Alert>}
          {(loading || basesLoading) && !cycle && <LinearProgress aria-label={translate('ra.page.loading')} />}
          {!basesLoading && !base && <Alert severity="info">{translate('resources.collection.no_base')}</Alert>}
          {base && !loading && !error && !cycle && (
            <Alert
              severity="info"
              action={
                <MuiButton color="inherit" size="small" onClick={() => go({ month: addMonths(month, -1) })}>
                  {translate('resources.collection.collector.previous', { month: formatMonth(addMonths(month, -1)) })}
                </MuiButton>
              }
            >
              {translate(writer ? `${T}.none_writer` : `${T}.none_reader`, { month: formatMonth(month) })}
            </Alert>
          )}
          {base && cycle && (
            <>
              <SummaryCards cards={cards} today={today} selected={org} onOpen={collector ? undefined : (id) => go({ org: id })} />
              <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap alignItems="center">
                {!collector && organizations.length > 0 && <OrganizationSelect value={org} organizations={organizations} onChange={(id) => go({ org: id })} />}
                <CommuneSelect baseUnitId={base} month={month} kind={kind} organizationId={org} value={params.commune} onChange={(id) => go({ commune: id })} />
                <CycleDownload baseUnitId={base} month={month} organizationId={org} organizationCode={organizations.find((o) => o.id === org)?.code ?? null} kind={kind} />
              </Stack>
              <Box sx={{ borderBottom: 1, borderColor: 'divider' }}>
                <Tabs value={params.tab} onChange={(_, tab) => go({ tab })} variant="scrollable" allowScrollButtonsMobile>
                  {CYCLE_TABS.map((tab) => (
                    <Tab key={tab} value={tab} label={translate(`${T}.tabs.${tab}`)} />
                  ))}
                </Tabs>
              </Box>
              <Typography variant="body2" color="text.secondary">
                {translate(`${T}.tab_help.${params.tab}`, {
                  next: formatMonth(addMonths(month, 1)),
                  prev: formatMonth(addMonths(month, -1)),
                  deadline: formatLocalDate(cards[0]?.reasonsDeadline),
                })}
              </Typography>
              <TabContent key={`${cycle.id}:${params.tab}:${org}:${params.commune}`} params={params} base={base} month={month} org={org} permissions={permissions} />
            </>
          )}
        </CardContent>
      </Card>
    </Box>
  );
};

const TabContent = ({ params, base, month, org, permissions }: { params: CycleParams; base: string; month: string; org: string | null; permissions: Permissions | undefined }) => {
  const props = { baseUnitId: base, month, organizationId: org, communeId: params.commune, showOrganization: !org && permissions?.role !== 'COLLECTOR' };
  switch (params.tab) {
    case 'reasons':
      return <ReasonsTab {...props} canReport={isReasonReporter(permissions)} />;
    case 'followups':
      return <FollowUpsTab {...props} boardLink={isFollowUpReader(permissions)} />;
    default:
      return <GroupedList {...props} kind={kindOfTab(params.tab)} />;
  }
};

/** "Xã": the communes of the list on screen (from its totals), or all. */
const CommuneSelect = ({ baseUnitId, month, kind, organizationId, value, onChange }: { baseUnitId: string; month: string; kind: ReturnType<typeof kindOfTab>; organizationId: string | null; value: string | null; onChange: (id: string | null) => void }) => {
  const translate = useTranslate();
  const groups = useCycleGroups(baseUnitId, month, kind, organizationId);
  const communes = (groups?.communes ?? []).filter((c) => c.id);
  if (value && !communes.some((c) => c.id === value)) communes.push({ id: value, label: value, entries: 0, amount: 0 });
  return (
    <TextField
      select
      size="small"
      fullWidth={false}
      label={translate('resources.collection.fields.commune')}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value || null)}
      sx={{ minWidth: 200 }}
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
    >
      <MenuItem value="">{translate('resources.collection.all_communes')}</MenuItem>
      {communes.map((c) => (
        <MenuItem key={c.id} value={c.id!}>
          {c.label}
        </MenuItem>
      ))}
    </TextField>
  );
};
