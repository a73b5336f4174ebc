import { useQuery } from '@apollo/client/react';
import type { LocalDate } from '@bao-phu/domain';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { Link, useLocaleState, useTranslate } from 'react-admin';
import { formatLocalDate } from '../components/dates';
import { toHttpError } from '../providers/graphqlErrors';
import { weekdayOf } from '../resources/campaigns/campaign';
import { D, DashboardCard } from './DashboardCard';
import { sessionsOfWeek, weekOf } from './dashboard';
import { WEEK_SESSIONS } from './queries';

/** This week's sessions of the mobilization models in the user's scope, day by day, each opening its model. */
export const WeekSessions = ({ today }: { today: LocalDate }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const week = weekOf(today);
  const { data, loading, error } = useQuery(WEEK_SESSIONS, { variables: week, fetchPolicy: 'cache-and-network' });
  const sessions = data ? sessionsOfWeek(data.campaigns.items, week) : [];
  const dm = (d: LocalDate) => formatLocalDate(d).slice(0, 5);
  return (
    <DashboardCard
      title={translate(`${D}.week.title`, { from: dm(week.from), to: dm(week.to) })}
      action={
        <Link to={`/campaign-calendar?month=${today.slice(0, 7)}`} variant="body2">
          {translate(`${D}.week.calendar`)}
        </Link>
      }
    >
      {error && <Alert severity="error">{toHttpError(error, locale).message}</Alert>}
      {loading && !data && <LinearProgress aria-label={translate('ra.page.loading')} />}
      {data && sessions.length === 0 && <Typography variant="body2">{translate(`${D}.week.empty`)}</Typography>}
      {sessions.length > 0 && (
        <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 0.75 }}>
          {sessions.map((s) => (
            <Box component="li" key={`${s.campaign.id}-${s.date}`} sx={{ display: 'grid', gridTemplateColumns: '7.5em 1fr', gap: 1 }}>
              <Typography variant="body2" sx={{ color: s.date === today ? 'primary.main' : 'text.secondary', fontWeight: s.date === today ? 600 : undefined }}>
                {translate(`resources.campaigns.calendar.weekdays.${weekdayOf(s.date)}`)}, {dm(s.date)}
              </Typography>
              <Typography variant="body2">
                <Link to={`/campaigns/${s.campaign.id}/show`}>{s.campaign.commune.name}</Link> · {s.campaign.code}
                {s.launch && ` · ${translate(`${D}.week.launch`)}`}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
    </DashboardCard>
  );
};
