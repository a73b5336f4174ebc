import { useQuery } from '@apollo/client/react';
import { todayInVietnam, type LocalDate } from '@bao-phu/domain';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import ListIcon from '@mui/icons-material/List';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { useState } from 'react';
import { Link, Title, useLocaleState, useNavigate, usePermissions, useTranslate } from 'react-admin';
import { formatLocalDate } from '../../components/dates';
import { toHttpError } from '../../providers/graphqlErrors';
import type { Permissions } from '../../providers/permissions';
import { weekdayOf } from './campaign';
import { monthRange, monthWeeks, readMonth, sessionsByDay, shiftMonth, type CalendarEntry } from './calendar';
import { levelsBelow, T, UnitPicker } from './CampaignFields';
import { CALENDAR } from './queries';
import { useUrlParams } from '../../components/urlParams';

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;
const STATUS_BG = { PLANNED: '#e3f2fd', ACTIVE: '#e8f5e9', COMPLETED: '#f5f5f5', CANCELLED: '#fafafa' } as const;
const STATUS_BORDER = { PLANNED: 'info.main', ACTIVE: 'success.main', COMPLETED: 'grey.500', CANCELLED: 'grey.400' } as const;

/** One session in a day: code and commune, a link to the campaign; the launch day said so. */
const Entry = ({ entry }: { entry: CalendarEntry }) => {
  const translate = useTranslate();
  const c = entry.campaign;
  return (
    <Link
      to={`/campaigns/${c.id}/show`}
      title={c.name}
      sx={{
        display: 'block',
        textDecoration: 'none',
        color: 'text.primary',
        borderLeft: 3,
        borderColor: STATUS_BORDER[c.status],
        bgcolor: STATUS_BG[c.status],
        px: 0.75,
        py: 0.25,
        mb: 0.5,
        borderRadius: 0.5,
        fontSize: '0.75rem',
        lineHeight: 1.3,
        textDecorationLine: c.status === 'CANCELLED' ? 'line-through' : 'none',
        '&:hover': { bgcolor: 'action.hover' },
      }}
    >
      <Box component="span" sx={{ display: 'block', fontWeight: 600 }}>
        {c.commune.name}
      </Box>
      <Box component="span" sx={{ display: 'block', color: 'text.secondary' }}>
        {c.code}
        {entry.launch && ` · ${translate(`${T}.calendar.launch`)}`}
      </Box>
    </Link>
  );
};

/**
 * "Lịch ra quân": a month of the campaigns' sessions in the user's scope (or a unit below it), one
 * cell per day from Monday to Sunday; on a phone, the days that have sessions as a list. Month and
 * unit live in the URL.
 */
export const CampaignCalendar = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { permissions } = usePermissions<Permissions>();
  const navigate = useNavigate();
  const small = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const today = todayInVietnam();
  const {
    params: { month, unit },
    latest,
    go: goTo,
  } = useUrlParams((search) => ({ month: readMonth(search, today), unit: new URLSearchParams(search).get('unit') }));
  const [withCancelled, setWithCancelled] = useState(false);
  const go = (next: { month?: string; unit?: string | null }) => {
    const asked = latest();
    const q = new URLSearchParams();
    q.set('month', next.month ?? asked.month);
    const u = next.unit === undefined ? asked.unit : next.unit;
    if (u) q.set('unit', u);
    goTo(`/campaign-calendar?${q.toString()}`);
  };
  const { data, loading, error } = useQuery(CALENDAR, { variables: { filter: { ...monthRange(month), withinId: unit } }, fetchPolicy: 'network-only' });
  const days = sessionsByDay(data?.campaigns.items ?? [], month, withCancelled);
  const monthLabel = `${month.slice(5, 7)}/${month.slice(0, 4)}`;
  const weekday = (i: number) => translate(`${T}.calendar.weekdays.${i}`);
  const sessionCount = [...days.values()].reduce((n, l) => n + l.length, 0);

  return (
    <Box sx={{ mt: 2, display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Title title={`${T}.calendar.title`} />
      <Card>
        <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
            <IconButton aria-label={translate(`${T}.calendar.previous`)} onClick={() => go({ month: shiftMonth(month, -1) })}>
              <ChevronLeftIcon />
            </IconButton>
            <Typography variant="h6" component="h2" sx={{ minWidth: '7em', textAlign: 'center' }}>
              {translate(`${T}.calendar.month`, { month: monthLabel })}
            </Typography>
            <IconButton aria-label={translate(`${T}.calendar.next`)} onClick={() => go({ month: shiftMonth(month, 1) })}>
              <ChevronRightIcon />
            </IconButton>
            <Button size="small" onClick={() => go({ month: today.slice(0, 7) })} disabled={month === today.slice(0, 7)}>
              {translate(`${T}.calendar.this_month`)}
            </Button>
            <Box sx={{ flex: 1 }} />
            <UnitPicker value={unit} onChange={(id) => go({ unit: id })} levels={levelsBelow(permissions?.scope.level)} label={translate(`${T}.fields.withinId`)} sx={{ minWidth: '16em' }} />
            <FormControlLabel control={<Switch checked={withCancelled} onChange={(e) => setWithCancelled(e.target.checked)} />} label={translate(`${T}.calendar.with_cancelled`)} />
            <Button size="small" startIcon={<ListIcon />} onClick={() => navigate('/campaigns')}>
              {translate(`${T}.list.list`)}
            </Button>
          </Stack>
          {error && <Alert severity="error">{toHttpError(error, locale).message}</Alert>}
          {loading && <LinearProgress aria-label={translate('ra.page.loading')} />}
          {data && data.campaigns.totalCount > data.campaigns.items.length && <Alert severity="warning">{translate(`${T}.calendar.too_many`, { n: data.campaigns.items.length })}</Alert>}
          {!loading && sessionCount === 0 && <Alert severity="info">{translate(`${T}.calendar.empty`, { month: monthLabel })}</Alert>}

          {small ? (
            <Box component="ol" aria-label={translate(`${T}.calendar.month`, { month: monthLabel })} sx={{ listStyle: 'none', p: 0, m: 0 }}>
              {[...days.entries()]
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([date, list]) => (
                  <Box component="li" key={date} sx={{ mb: 1.5 }} aria-label={translate(`${T}.calendar.day_label`, { date: formatLocalDate(date), smart_count: list.length })}>
                    <Typography variant="subtitle2" sx={{ color: date === today ? 'primary.main' : undefined }}>
                      {weekday(weekdayOf(date))}, {formatLocalDate(date)}
                    </Typography>
                    {list.map((e) => (
                      <Entry key={e.campaign.id} entry={e} />
                    ))}
                  </Box>
                ))}
            </Box>
          ) : (
            <Box role="grid" aria-label={translate(`${T}.calendar.month`, { month: monthLabel })} sx={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', border: 1, borderColor: 'divider' }}>
              <Box role="row" sx={{ display: 'contents' }}>
                {WEEKDAYS.map((i) => (
                  <Box role="columnheader" key={i} sx={{ p: 0.5, textAlign: 'center', fontWeight: 600, fontSize: '0.8125rem', bgcolor: 'action.hover', borderBottom: 1, borderColor: 'divider' }}>
                    {weekday(i)}
                  </Box>
                ))}
              </Box>
              {monthWeeks(month).map((week, w) => (
                <Box role="row" key={w} sx={{ display: 'contents' }}>
                  {week.map((date: LocalDate | null, i) => {
                    const list = date ? (days.get(date) ?? []) : [];
                    return (
                      <Box
                        role="gridcell"
                        key={date ?? `blank-${w}-${i}`}
                        aria-label={date ? translate(`${T}.calendar.day_label`, { date: formatLocalDate(date), smart_count: list.length }) : undefined}
                        sx={{ minHeight: 96, p: 0.5, borderRight: i < 6 ? 1 : 0, borderBottom: 1, borderColor: 'divider', bgcolor: date ? undefined : 'action.hover', minWidth: 0 }}
                      >
                        {date && (
                          <Typography variant="caption" component="div" sx={{ fontWeight: date === today ? 700 : 400, color: date === today ? 'primary.main' : 'text.secondary', mb: 0.5 }}>
                            {Number(date.slice(8, 10))}
                          </Typography>
                        )}
                        {list.map((e) => (
                          <Entry key={e.campaign.id} entry={e} />
                        ))}
                      </Box>
                    );
                  })}
                </Box>
              ))}
            </Box>
          )}
        </CardContent>
      </Card>
    </Box>
  );
};
