import { useApolloClient, useQuery } from '@apollo/client/react';
import { isLocalDate, todayInVietnam, type LocalDate } from '@bao-phu/domain';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MuiButton from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useState, type FormEvent } from 'react';
import { Title, useGetIdentity, useLocaleState, useNotify, usePermissions, useTranslate } from 'react-admin';
import { formatDateTime, formatLocalDate, toLocalDateValue } from '../../components/dates';
import { PAGE_ROOT } from '../../components/pageRoot';
import { toHttpError } from '../../providers/graphqlErrors';
import { isCycleWriter, type Permissions } from '../../providers/permissions';
import { chooseBase, formatDayMonth, formatDong, reasonLabelKey } from './cycle';
import { BaseOfficeSelect, useBaseOffices } from './CycleControls';
import { bucketFollowUps, closeInput, daysLate, endOfWeek, endsEnrollment, FOLLOW_UP_BUCKETS, outcomeEffect, type FollowUpBucket } from './followUps';
import { ASSIGN_FOLLOW_UP, CLOSE_FOLLOW_UP, FOLLOW_UPS } from './queries';
import { FOLLOW_UP_OUTCOMES, type FollowUp, type FollowUpOutcome } from './types';
import { useUrlParams } from '../../components/urlParams';

const T = 'resources.collection.followUps';
const PAGE = 200;

const BUCKET_COLORS: Record<FollowUpBucket, string> = { overdue: 'error.main', thisWeek: 'warning.main', later: 'divider' };

function readParams(search: string) {
  const q = new URLSearchParams(search);
  const base = q.get('base');
  return { base: base && /^\d+$/.test(base) ? base : null, mine: q.get('mine') === '1', closed: q.get('closed') === '1' };
}

/**
 * "Theo dõi vận động lại": the open follow-up visits of a base office in three columns — past their
 * day, due by Sunday, later — each card saying who owes what and why; base staff assign who goes
 * (a name, or themselves) and record the outcome, told first what it does (STOPPED, MOVED_AWAY and
 * DECEASED end the enrollment). Read-only for planners and supervisors.
 */
export const FollowUpBoard = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { permissions } = usePermissions<Permissions>();
  const { identity } = useGetIdentity();
  const today = todayInVietnam();
  const { params, latest, go: goTo } = useUrlParams(readParams);
  const { bases } = useBaseOffices();
  const base = chooseBase(params.base, bases, permissions?.scope);
  const go = (next: Partial<typeof params>) => {
    const asked = latest();
    const p = { ...asked, base: asked.base ?? base, ...next };
    const q = new URLSearchParams();
    if (p.base) q.set('base', p.base);
    if (p.mine) q.set('mine', '1');
    if (p.closed) q.set('closed', '1');
    goTo(`/follow-ups?${q}`);
  };
  const writer = isCycleWriter(permissions);
  const me = identity ? { id: String(identity.id), name: identity.fullName ?? '' } : null;
  const [take, setTake] = useState(PAGE);
  const variables = { baseUnitId: base ?? '', open: true, assigneeUserId: params.mine ? (me?.id ?? null) : null, skip: 0, take, direction: 'ASC' as const };
  const { data, previousData, loading, error } = useQuery(FOLLOW_UPS, { variables, skip: !base || (params.mine && !me), fetchPolicy: 'cache-and-network' });
  const list = (data ?? previousData)?.followUps;
  const buckets = bucketFollowUps(list?.items ?? [], today);
  const [assigning, setAssigning] = useState<FollowUp | null>(null);
  const [closing, setClosing] = useState<FollowUp | null>(null);

  return (
    <Box sx={{ ...PAGE_ROOT, mt: 2 }}>
      <Title title={`${T}.title`} />
      <Stack spacing={2}>
        <Typography variant="body2" color="text.secondary">
          {translate(`${T}.intro`)}
        </Typography>
        <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap alignItems="center">
          <BaseOfficeSelect value={base} bases={bases} onChange={(id) => go({ base: id })} />
          {writer && <FormControlLabel control={<Switch checked={params.mine} onChange={(e) => go({ mine: e.target.checked })} />} label={translate(`${T}.mine`)} />}
          <FormControlLabel control={<Switch checked={params.closed} onChange={(e) => go({ closed: e.target.checked })} />} label={translate(`${T}.show_closed`)} />
        </Stack>
        {!writer && <Alert severity="info">{translate(`${T}.read_only`)}</Alert>}
        {error && <Alert severity="error">{toHttpError(error, locale).message}</Alert>}
        {loading && <LinearProgress aria-label={translate('ra.page.loading')} />}
        {list && list.totalCount === 0 && <Alert severity="success">{translate(`${T}.empty`)}</Alert>}
        {list && list.totalCount > 0 && (
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)' }, gap: 2, alignItems: 'start' }}>
            {FOLLOW_UP_BUCKETS.map((bucket) => {
              const name = translate(`${T}.buckets.${bucket}`, { date: formatDayMonth(endOfWeek(today)) });
              return (
                <Box key={bucket} component="section" aria-label={translate(`${T}.bucket_label`, { name, n: buckets[bucket].length })} data-bucket={bucket}>
                  <Box sx={{ borderTop: 4, borderColor: BUCKET_COLORS[bucket], pt: 1, mb: 1, display: 'flex', justifyContent: 'space-between' }}>
                    <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
                      {name}
                    </Typography>
                    <Chip size="small" label={buckets[bucket].length} color={bucket === 'overdue' && buckets[bucket].length > 0 ? 'error' : 'default'} />
                  </Box>
                  <Stack spacing={1.5}>
                    {buckets[bucket].length === 0 && (
                      <Typography variant="body2" color="text.secondary">
                        {translate(`${T}.empty_bucket`)}
                      </Typography>
                    )}
                    {buckets[bucket].map((f) => (
                      <FollowUpCard key={f.id} followUp={f} today={today} writer={writer} onAssign={() => setAssigning(f)} onClose={() => setClosing(f)} />
                    ))}
                  </Stack>
                </Box>
              );
            })}
          </Box>
        )}
        {list && list.items.length < list.totalCount && (
          <MuiButton onClick={() => setTake((t) => t + PAGE)} disabled={loading} sx={{ alignSelf: 'flex-start' }}>
            {translate(`${T}.more`, { n: list.totalCount - list.items.length })}
          </MuiButton>
        )}
        {params.closed && base && <ClosedList baseUnitId={base} />}
      </Stack>
      {assigning && <AssignDialog followUp={assigning} me={me} onClose={() => setAssigning(null)} />}
      {closing && <CloseDialog followUp={closing} today={today} onClose={() => setClosing(null)} />}
    </Box>
  );
};

const FollowUpCard = ({ followUp: f, today, writer, onAssign, onClose }: { followUp: FollowUp; today: LocalDate; writer: boolean; onAssign: () => void; onClose: () => void }) => {
  const translate = useTranslate();
  const e = f.entry;
  const late = daysLate(f.dueDate, today);
  const ended = f.enrollment.status !== 'ACTIVE' && f.enrollment.status !== 'LAPSED';
  return (
    <Card variant="outlined" component="article" aria-label={translate(`${T}.card_label`, { name: e.person.fullName })} data-follow-up={f.id}>
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 0.5, '&:last-child': { pb: 2 } }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 700, lineHeight: 1.3 }}>
          {e.person.fullName}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {e.hamlet.name}, {e.commune.name}
          {e.collectionOrganization && ` · ${e.collectionOrganization.name}`}
        </Typography>
        {e.reason && (
          <Typography variant="body2">
            {translate(`${T}.reason`, { reason: translate(reasonLabelKey(e.reason)) })}
            {e.reasonNote && ` — ${e.reasonNote}`}
          </Typography>
        )}
        <Typography variant="body2">{translate(`${T}.owed`, { amount: formatDong(e.amount), scheme: translate(`app.schemes.${e.scheme}`), date: formatLocalDate(e.dueDate) })}</Typography>
        <Typography variant="body2" sx={{ fontWeight: 600, color: late > 0 ? 'error.main' : undefined }}>
          {translate(`${T}.due`, { date: formatLocalDate(f.dueDate) })}
          {late > 0 && ` (${translate(`${T}.late_by`, { n: late })})`}
        </Typography>
        <Typography variant="body2">{f.assigneeName ? translate(`${T}.assignee`, { name: f.assigneeName }) : translate(`${T}.unassigned`)}</Typography>
        {ended && <Chip size="small" color="default" label={translate(`${T}.enrollment_ended`, { status: translate(`app.enrollment_status.${f.enrollment.status}`) })} sx={{ alignSelf: 'flex-start' }} />}
        {writer && (
          <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
            <MuiButton size="small" variant="outlined" onClick={onAssign} aria-label={`${translate(`${T}.assign`)}: ${e.person.fullName}`}>
              {translate(`${T}.assign`)}
            </MuiButton>
            <MuiButton size="small" variant="contained" onClick={onClose} aria-label={`${translate(`${T}.close`)}: ${e.person.fullName}`}>
              {translate(`${T}.close`)}
            </MuiButton>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};

/** Who goes (a name, or the user) and by when. */
const AssignDialog = ({ followUp, me, onClose }: { followUp: FollowUp; me: { id: string; name: string } | null; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const client = useApolloClient();
  const titleId = useId();
  const [name, setName] = useState(followUp.assigneeName ?? '');
  const [toMe, setToMe] = useState(false);
  const [due, setDue] = useState(formatLocalDate(followUp.dueDate));
  const [errors, setErrors] = useState<{ name?: string; due?: string; root?: string }>({});
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const dueDate = toLocalDateValue(due);
    const next: typeof errors = {};
    if (!toMe && !name.trim()) next.name = translate(`${T}.validation.assignee_required`);
    if (dueDate !== null && !isLocalDate(dueDate)) next.due = translate(`${T}.validation.date`);
    setErrors(next);
    if (Object.keys(next).length) return;
    setBusy(true);
    try {
      const { data } = await client.mutate({
        mutation: ASSIGN_FOLLOW_UP,
        variables: { id: followUp.id, assigneeUserId: toMe ? me?.id : null, assigneeName: toMe ? (me?.name ?? null) : name.trim(), dueDate },
      });
      notify(`${T}.assigned`, { type: 'success', messageArgs: { name: data!.assignFollowUp.assigneeName } });
      await client.refetchQueries({ include: ['FollowUps'] });
      onClose();
    } catch (e) {
      setErrors({ root: toHttpError(e, locale).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" aria-labelledby={titleId}>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{translate(`${T}.assign_title`, { name: followUp.entry.person.fullName })}</DialogTitle>
        <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <DialogContentText>{translate(`${T}.assign_help`)}</DialogContentText>
          {me && <FormControlLabel control={<Checkbox checked={toMe} onChange={(e) => setToMe(e.target.checked)} />} label={translate(`${T}.assign_me`, { name: me.name })} />}
          {!toMe && (
            <TextField autoFocus label={translate(`${T}.assignee_name`)} value={name} onChange={(e) => setName(e.target.value)} error={!!errors.name} helperText={errors.name} slotProps={{ htmlInput: { maxLength: 120 } }} />
          )}
          <TextField
            label={translate(`${T}.new_due`)}
            value={due}
            onChange={(e) => setDue(e.target.value)}
            placeholder="DD/MM/YYYY"
            error={!!errors.due}
            helperText={errors.due ?? translate('app.date_hint')}
            slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
          />
          {errors.root && <Alert severity="error">{errors.root}</Alert>}
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={onClose}>{translate('ra.action.cancel')}</MuiButton>
          <MuiButton type="submit" variant="contained" disabled={busy}>
            {translate(`${T}.assign`)}
          </MuiButton>
        </DialogActions>
      </form>
    </Dialog>
  );
};

/** The outcome, what it will do, the promised day for WILL_PAY, a note. */
const CloseDialog = ({ followUp, today, onClose }: { followUp: FollowUp; today: LocalDate; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const client = useApolloClient();
  const titleId = useId();
  const outcomeLabelId = useId();
  const [outcome, setOutcome] = useState<FollowUpOutcome | null>(null);
  const [promised, setPromised] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ outcome?: string; promisedDate?: string; root?: string }>({});
  const [busy, setBusy] = useState(false);
  const name = followUp.entry.person.fullName;
  const effect = outcome ? outcomeEffect(outcome) : null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = closeInput(followUp.id, { outcome, promisedDate: toLocalDateValue(promised), note }, today);
    if (!checked.ok) {
      setErrors({
        outcome: checked.errors.outcome && translate(`${T}.validation.required`),
        promisedDate: checked.errors.promisedDate && translate(checked.errors.promisedDate === 'required' ? `${T}.validation.promised_required` : `${T}.validation.${checked.errors.promisedDate}`),
      });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await client.mutate({ mutation: CLOSE_FOLLOW_UP, variables: checked.input });
      notify(`${T}.closed`, { type: 'success', messageArgs: { name, outcome: translate(`resources.collection.outcomes.${checked.input.outcome}`) } });
      await client.refetchQueries({ include: ['FollowUps'] });
      onClose();
    } catch (e) {
      setErrors({ root: toHttpError(e, locale).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{translate(`${T}.close_title`, { name })}</DialogTitle>
        <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <FormControl error={!!errors.outcome}>
            <FormLabel id={outcomeLabelId}>{translate(`${T}.outcome`)}</FormLabel>
            <RadioGroup aria-labelledby={outcomeLabelId} value={outcome ?? ''} onChange={(e) => setOutcome(e.target.value as FollowUpOutcome)}>
              {FOLLOW_UP_OUTCOMES.map((o) => (
                <FormControlLabel
                  key={o}
                  value={o}
                  control={<Radio />}
                  label={
                    <>
                      {translate(`resources.collection.outcomes.${o}`)}
                      <Typography component="span" variant="caption" color={endsEnrollment(o) ? 'warning.dark' : 'text.secondary'} sx={{ ml: 1 }}>
                        {translate(`resources.collection.effects_short.${outcomeEffect(o)}`)}
                      </Typography>
                    </>
                  }
                />
              ))}
            </RadioGroup>
            {errors.outcome && <FormHelperText>{errors.outcome}</FormHelperText>}
          </FormControl>
          {effect && (
            <Alert severity={effect.startsWith('ENDS_') ? 'warning' : 'info'} role="status">
              <strong>{translate(`${T}.effect`)}</strong> {translate(`resources.collection.effects.${effect}`)}
              {outcome === 'PAID' && <> {translate('resources.collection.effects.PAID_NOTE')}</>}
            </Alert>
          )}
          {outcome === 'WILL_PAY' && (
            <TextField
              required
              label={translate(`${T}.promised`)}
              value={promised}
              onChange={(e) => setPromised(e.target.value)}
              placeholder="DD/MM/YYYY"
              error={!!errors.promisedDate}
              helperText={errors.promisedDate ?? translate(`${T}.promised_help`)}
              slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
            />
          )}
          <TextField label={translate(`${T}.note`)} value={note} onChange={(e) => setNote(e.target.value)} multiline minRows={2} slotProps={{ htmlInput: { maxLength: 500 } }} />
          {errors.root && <Alert severity="error">{errors.root}</Alert>}
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={onClose}>{translate('ra.action.cancel')}</MuiButton>
          <MuiButton type="submit" variant="contained" color={effect?.startsWith('ENDS_') ? 'warning' : 'primary'} disabled={busy}>
            {translate(`${T}.close`)}
          </MuiButton>
        </DialogActions>
      </form>
    </Dialog>
  );
};

/** The latest closed follow-ups (by due date, the latest first) with their outcome. */
const ClosedList = ({ baseUnitId }: { baseUnitId: string }) => {
  const translate = useTranslate();
  const { data, loading } = useQuery(FOLLOW_UPS, { variables: { baseUnitId, open: false, skip: 0, take: 50, direction: 'DESC' }, fetchPolicy: 'cache-and-network' });
  const items = data?.followUps.items ?? [];
  return (
    <Box component="section" aria-label={translate(`${T}.closed_title`)}>
      <Typography variant="subtitle1" component="h2" gutterBottom>
        {translate(`${T}.closed_title`)}
      </Typography>
      {loading && <LinearProgress aria-label={translate('ra.page.loading')} />}
      {!loading && items.length === 0 && <Typography variant="body2">{translate(`${T}.closed_empty`)}</Typography>}
      <Stack component="ul" spacing={0.5} sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {items.map((f) => (
          <Typography component="li" variant="body2" key={f.id} data-follow-up={f.id}>
            <strong>{f.entry.person.fullName}</strong> ({f.entry.hamlet.name}, {f.entry.commune.name}) —{' '}
            {translate(`${T}.closed_on`, { date: formatDateTime(f.closedAt).slice(0, 10), outcome: translate(`resources.collection.outcomes.${f.outcome}`) })}
            {f.promisedDate && ` · ${translate(`${T}.promised_on`, { date: formatLocalDate(f.promisedDate) })}`}
            {f.assigneeName && ` · ${f.assigneeName}`}
            {f.note && ` · ${f.note}`}
          </Typography>
        ))}
      </Stack>
    </Box>
  );
};
