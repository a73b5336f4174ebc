import { useQuery } from '@apollo/client/react';
import { todayInVietnam } from '@bao-phu/domain';
import CheckIcon from '@mui/icons-material/Check';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, Title, useCanAccess, useDataProvider, useGetIdentity, useLocaleState, useLocation, useNotify, useTranslate } from 'react-admin';
import { formatLocalDate, toLocalDateValue } from '../../components/dates';
import type { GraphQLDataProvider } from '../../providers/dataProvider';
import { toHttpError } from '../../providers/graphqlErrors';
import { addDays, defaultCampaign, defaultMember, emptyVisit, nextVisit, saturdayFrom, toLogVisitInput, VISIT_OUTCOMES, visitProblems, type VisitDraft } from './campaign';
import { OUTCOME_COLORS, T, useCampaignLabels, useDebounced } from './CampaignFields';
import { fieldErrorsOf } from './CampaignMembers';
import { ACTIVE_CAMPAIGNS, CAMPAIGN_HAMLETS, FIND_PERSONS, LOG_VISIT, type FoundPerson } from './queries';
import type { VisitOutcome, VisitRecord } from './types';
import { VisitEnrollButton } from './VisitEnrollButton';

const STORAGE_KEY = 'baophu.visitEntry';
const E = `${T}.entry`;
/** Reasons heard most at the door: a tap fills the box (it can still be edited). */
const COMMON_REASONS = ['reason_money', 'reason_age', 'reason_children', 'reason_later'] as const;

interface Remembered {
  campaignId?: string;
  members?: Record<string, string>;
}

function remembered(): Remembered {
  try {
    return JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '{}') as Remembered;
  } catch {
    return {};
  }
}

function remember(campaignId: string | null, memberId: string | null) {
  if (!campaignId) return;
  try {
    const r = remembered();
    const members = { ...(r.members ?? {}), ...(memberId ? { [campaignId]: memberId } : {}) };
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify({ campaignId, members }));
  } catch {
    // Storage blocked: the form still works, it only forgets the choice.
  }
}

/** A date typed DD/MM/YYYY, kept as typed while it is not (yet) a date. */
const DateText = ({ label, value, onChange, error, helperText, required }: { label: string; value: string; onChange: (v: string) => void; error?: boolean; helperText?: string; required?: boolean }) => {
  const [text, setText] = useState(formatLocalDate(value) || value);
  useEffect(() => {
    if (toLocalDateValue(text) !== value) setText(formatLocalDate(value) || value);
    // Only an outside change (a reset) rewrites the box; typing does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <TextField
      size="small"
      label={label}
      value={text}
      required={required}
      placeholder="DD/MM/YYYY"
      onChange={(e) => {
        setText(e.target.value);
        onChange(toLocalDateValue(e.target.value) ?? '');
      }}
      error={error}
      helperText={helperText}
      slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' }, inputLabel: { shrink: true } }}
      fullWidth
    />
  );
};

type Logged = VisitRecord & { who: string };

/** A long campaign or member name wraps instead of widening the page past a phone's screen. */
const wrapSelect = { '& .MuiSelect-select.MuiInputBase-input': { whiteSpace: 'normal' } } as const;

/**
 * "Ghi lượt vận động": the field form, made for a phone at the door. Campaign, member and day stay
 * from one visit to the next (and are remembered on the device); the person is searched in the
 * campaign's commune, or a name and hamlet are typed for someone not registered; one tap gives the
 * outcome, a refusal asks why, interest asks when to come back. After "đã đăng ký", the person's
 * enrollment opens from the list of visits just logged and is credited to the campaign and member.
 */
export const VisitEntry = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const location = useLocation();
  const labels = useCampaignLabels();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const { identity, isPending: identityPending } = useGetIdentity();
  const { canAccess: readsRegister } = useCanAccess({ resource: 'persons', action: 'list' });
  const { canAccess: registers } = useCanAccess({ resource: 'persons', action: 'create' });
  const today = todayInVietnam();
  const userId = identity ? String(identity.id) : null;

  const { data: active, loading: loadingCampaigns, error: campaignsError } = useQuery(ACTIVE_CAMPAIGNS, { fetchPolicy: 'network-only' });
  const campaigns = useMemo(() => active?.campaigns.items ?? [], [active]);
  const [draft, setDraft] = useState<VisitDraft>(() => emptyVisit({ campaignId: null, memberId: null, visitDate: today }));
  const campaign = campaigns.find((c) => c.id === draft.campaignId) ?? null;

  // The campaign and member to open on, once the campaigns and the user are known.
  const chosenOnce = useRef(false);
  useEffect(() => {
    if (chosenOnce.current || !active || identityPending) return;
    chosenOnce.current = true;
    const asked = new URLSearchParams(location.search).get('campaign');
    const r = remembered();
    const campaignId = asked && campaigns.some((c) => c.id === asked) ? asked : defaultCampaign(campaigns, userId, r.campaignId);
    const c = campaigns.find((x) => x.id === campaignId);
    setDraft((d) => ({ ...d, campaignId, memberId: c ? defaultMember(c.members, userId, r.members?.[c.id]) : null }));
  }, [active, campaigns, identityPending, userId, location.search]);

  const { data: hamletData } = useQuery(CAMPAIGN_HAMLETS, { variables: { id: draft.campaignId ?? '' }, skip: !draft.campaignId });
  const hamlets = hamletData?.campaign?.hamlets ?? [];

  const [search, setSearch] = useState('');
  const [person, setPerson] = useState<FoundPerson | null>(null);
  const q = useDebounced(search.trim());
  const searching = readsRegister && !draft.unregistered && !!campaign && q.length >= 2 && q !== person?.fullName;
  const { data: found, loading: finding } = useQuery(FIND_PERSONS, { variables: { q, withinId: campaign?.commune.id ?? '' }, skip: !searching });
  const options = searching ? (found?.persons.items ?? []) : person ? [person] : [];

  const [tried, setTried] = useState(false);
  const [apiErrors, setApiErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [logged, setLogged] = useState<Logged[]>([]);
  const personBox = useRef<HTMLInputElement>(null);
  const unregistered = draft.unregistered || !readsRegister;
  const current = { ...draft, unregistered };
  const problems = visitProblems(current, today, campaign?.launchDate);
  const problem = (k: keyof VisitDraft) => {
    if (apiErrors[k]) return translate(apiErrors[k], { _: apiErrors[k] });
    const p = tried ? problems[k] : undefined;
    if (!p) return undefined;
    return p === 'before_launch' ? translate(`${E}.problems.before_launch`, { date: formatLocalDate(campaign?.launchDate) }) : translate(`${E}.problems.${p}`);
  };
  const set = (patch: Partial<VisitDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setApiErrors({});
  };

  const chooseCampaign = (id: string) => {
    const c = campaigns.find((x) => x.id === id);
    setPerson(null);
    setSearch('');
    setDraft((d) => ({ ...emptyVisit({ campaignId: id, memberId: c ? defaultMember(c.members, userId, remembered().members?.[id]) : null, visitDate: d.visitDate }), unregistered: d.unregistered }));
    setTried(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const { logVisit } = await dataProvider.execute(LOG_VISIT, { input: toLogVisitInput(current) });
      const who = logVisit.person?.fullName ?? logVisit.contactName ?? '';
      notify(`${E}.saved`, { type: 'success', messageArgs: { who, outcome: labels.outcome(logVisit.outcome) } });
      remember(current.campaignId, current.memberId);
      setLogged((l) => [{ ...logVisit, who }, ...l].slice(0, 10));
      setDraft(nextVisit(current));
      setPerson(null);
      setSearch('');
      setTried(false);
      personBox.current?.focus();
    } catch (e) {
      const { fields, message } = fieldErrorsOf(e);
      setApiErrors(fields);
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ mt: { xs: 1, sm: 2 }, width: '100%', maxWidth: 640, mx: 'auto' }}>
      <Title title={`${E}.title`} />
      <Card>
        <CardContent component="form" onSubmit={submit} noValidate aria-label={translate(`${E}.title`)} sx={{ display: 'flex', flexDirection: 'column', gap: 2, p: { xs: 1.5, sm: 2 } }}>
          {loadingCampaigns && <LinearProgress aria-label={translate('ra.page.loading')} />}
          {campaignsError && <Alert severity="error">{toHttpError(campaignsError, locale).message}</Alert>}
          {active && campaigns.length === 0 && <Alert severity="info">{translate(`${E}.no_active`)}</Alert>}
          {campaigns.length > 0 && (
            <>
              <TextField select size="small" label={translate(`${E}.campaign`)} value={draft.campaignId ?? ''} onChange={(e) => chooseCampaign(e.target.value)} error={!!problem('campaignId')} helperText={problem('campaignId')} required fullWidth sx={wrapSelect}>
                {campaigns.map((c) => (
                  <MenuItem key={c.id} value={c.id} sx={{ whiteSpace: 'normal' }}>
                    {c.commune.name} — {c.name} ({c.code})
                  </MenuItem>
                ))}
              </TextField>
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                <TextField select size="small" label={translate(`${E}.member`)} value={draft.memberId ?? ''} onChange={(e) => set({ memberId: e.target.value })} error={!!problem('memberId')} helperText={problem('memberId')} required fullWidth disabled={!campaign} sx={wrapSelect}>
                  {(campaign?.members ?? []).map((m) => (
                    <MenuItem key={m.id} value={m.id}>
                      {m.name} · {labels.role(m.role)}
                      {m.userId && m.userId === userId ? ` (${translate(`${T}.members.me`)})` : ''}
                    </MenuItem>
                  ))}
                </TextField>
                <Box sx={{ minWidth: { sm: '11em' } }}>
                  <DateText label={translate(`${E}.date`)} value={draft.visitDate} onChange={(visitDate) => set({ visitDate })} error={!!problem('visitDate')} helperText={problem('visitDate') ?? (draft.visitDate === today ? translate(`${E}.today`) : undefined)} required />
                </Box>
              </Stack>

              <Divider />

              <Box>
                <FormLabel component="legend" sx={{ mb: 1, display: 'block' }}>
                  {translate(`${E}.person`)}
                </FormLabel>
                {readsRegister ? (
                  <ToggleButtonGroup exclusive size="small" value={unregistered ? 'new' : 'registered'} onChange={(_, v: string | null) => {
                      if (!v) return;
                      set({ unregistered: v === 'new', personId: null });
                      setPerson(null);
                    }} fullWidth sx={{ mb: 1.5, '& .MuiToggleButton-root': { textTransform: 'none', lineHeight: 1.2 } }}>
                    <ToggleButton value="registered">{translate(`${E}.registered`)}</ToggleButton>
                    <ToggleButton value="new">{translate(`${E}.unregistered`)}</ToggleButton>
                  </ToggleButtonGroup>
                ) : (
                  <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                    {translate(`${E}.persons_unavailable`)}
                  </Typography>
                )}
                {unregistered ? (
                  <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                    <TextField size="small" label={translate(`${E}.contact_name`)} value={draft.contactName} onChange={(e) => set({ contactName: e.target.value })} error={!!problem('contactName')} helperText={problem('contactName')} required fullWidth inputRef={personBox} slotProps={{ htmlInput: { maxLength: 120 } }} />
                    <TextField select size="small" label={translate(`${E}.hamlet`)} value={draft.hamletId ?? ''} onChange={(e) => set({ hamletId: e.target.value })} error={!!problem('hamletId')} helperText={problem('hamletId')} required fullWidth>
                      {hamlets.map((h) => (
                        <MenuItem key={h.id} value={h.id}>
                          {h.name}
                        </MenuItem>
                      ))}
                    </TextField>
                  </Stack>
                ) : (
                  <Autocomplete<FoundPerson>
                    options={options}
                    value={person}
                    loading={finding}
                    filterOptions={(x) => x}
                    getOptionLabel={(p) => p.fullName}
                    isOptionEqualToValue={(a, b) => a.id === b.id}
                    inputValue={search}
                    onInputChange={(_, v) => setSearch(v)}
                    onChange={(_, p) => {
                      setPerson(p);
                      set({ personId: p?.id ?? null });
                    }}
                    noOptionsText={q.length < 2 ? translate(`${E}.type_more`) : translate(`${E}.no_person`)}
                    loadingText={translate('ra.page.loading')}
                    renderOption={(props, p) => (
                      <li {...props} key={p.id}>
                        <Box>
                          <Typography variant="body1">{p.fullName}</Typography>
                          <Typography variant="caption" color="text.secondary">
                            {formatLocalDate(p.dateOfBirth)} · {p.citizenId} · {p.hamlet.name}
                          </Typography>
                        </Box>
                      </li>
                    )}
                    renderInput={(params) => (
                      <TextField
                        {...params}
                        size="small"
                        label={translate(`${E}.search`)}
                        inputRef={personBox}
                        error={!!problem('personId')}
                        helperText={problem('personId') ?? (person ? `${formatLocalDate(person.dateOfBirth)} · ${person.citizenId} · ${person.hamlet.name}` : campaign ? translate(`${E}.search_help`, { commune: campaign.commune.name }) : undefined)}
                      />
                    )}
                  />
                )}
              </Box>

              <Box role="group" aria-labelledby="visit-outcome-label">
                <FormLabel id="visit-outcome-label" component="legend" required error={!!problem('outcome')} sx={{ mb: 1, display: 'block' }}>
                  {translate(`${E}.outcome`)}
                </FormLabel>
                <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', sm: 'repeat(3, 1fr)' }, gap: 1 }}>
                  {VISIT_OUTCOMES.map((o: VisitOutcome) => (
                    <ToggleButton
                      key={o}
                      value={o}
                      selected={draft.outcome === o}
                      onChange={() => set({ outcome: o, followUpDate: o === 'INTERESTED' ? (draft.followUpDate ?? saturdayFrom(addDays(draft.visitDate || today, 1))) : draft.followUpDate })}
                      color={OUTCOME_COLORS[o] === 'default' ? 'standard' : (OUTCOME_COLORS[o] as 'success' | 'info' | 'error' | 'secondary')}
                      sx={{ minHeight: 56, fontSize: '0.95rem', textTransform: 'none', lineHeight: 1.2, borderWidth: draft.outcome === o ? 2 : 1 }}
                    >
                      {draft.outcome === o && <CheckIcon fontSize="small" sx={{ mr: 0.5 }} />}
                      {labels.outcome(o)}
                    </ToggleButton>
                  ))}
                </Box>
                {problem('outcome') && <FormHelperText error>{problem('outcome')}</FormHelperText>}
              </Box>

              {draft.outcome === 'REFUSED' && (
                <Box>
                  <TextField
                    size="small"
                    label={translate(`${E}.refusal_reason`)}
                    value={draft.refusalReason}
                    onChange={(e) => set({ refusalReason: e.target.value })}
                    error={!!problem('refusalReason')}
                    helperText={problem('refusalReason')}
                    required
                    multiline
                    fullWidth
                    slotProps={{ htmlInput: { maxLength: 300 } }}
                  />
                  <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap sx={{ mt: 1 }}>
                    {COMMON_REASONS.map((r) => (
                      <Chip key={r} size="small" variant="outlined" label={translate(`${E}.${r}`)} onClick={() => set({ refusalReason: translate(`${E}.${r}`) })} />
                    ))}
                  </Stack>
                </Box>
              )}
              {draft.outcome === 'INTERESTED' && <DateText label={translate(`${E}.follow_up`)} value={draft.followUpDate ?? ''} onChange={(v) => set({ followUpDate: v || null })} error={!!problem('followUpDate')} helperText={problem('followUpDate')} />}
              <TextField size="small" label={translate(`${E}.note`)} value={draft.note} onChange={(e) => set({ note: e.target.value })} fullWidth slotProps={{ htmlInput: { maxLength: 500 } }} />

              <Button type="submit" variant="contained" size="large" disabled={busy || !campaign} fullWidth sx={{ minHeight: 52 }}>
                {translate(`${E}.save`)}
              </Button>
            </>
          )}
        </CardContent>
      </Card>

      {logged.length > 0 && (
        <Card sx={{ mt: 2 }} component="section" aria-label={translate(`${E}.recent`)}>
          <CardContent sx={{ p: { xs: 1.5, sm: 2 } }}>
            <Typography variant="subtitle1" component="h2" gutterBottom>
              {translate(`${E}.recent`)}
            </Typography>
            <Stack component="ol" spacing={1.5} sx={{ listStyle: 'none', p: 0, m: 0 }}>
              {logged.map((v) => (
                <Box component="li" key={v.id} data-visit={v.id}>
                  <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
                    <Typography variant="body2" sx={{ fontWeight: 600 }}>
                      {v.who}
                    </Typography>
                    <Chip size="small" variant="outlined" color={OUTCOME_COLORS[v.outcome]} label={labels.outcome(v.outcome)} />
                    <Typography variant="caption" color="text.secondary">
                      {v.hamlet.name} · {v.member.name}
                    </Typography>
                  </Stack>
                  {v.outcome === 'ENROLLED' &&
                    (v.person ? (
                      <Box sx={{ mt: 0.5 }}>
                        <VisitEnrollButton visit={v} variant="contained" size="medium" />
                      </Box>
                    ) : (
                      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                        {translate(`${E}.register_first`, { name: v.who })}{' '}
                        {registers && <Link to="/persons/create">{translate(`${E}.add_person`)}</Link>}
                      </Typography>
                    ))}
                </Box>
              ))}
            </Stack>
          </CardContent>
        </Card>
      )}
    </Box>
  );
};
