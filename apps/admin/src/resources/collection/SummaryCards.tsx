import type { LocalDate } from '@bao-phu/domain';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import MuiLink from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { useCount } from '../targets/TargetFields';
import { formatLocalDate } from '../../components/dates';
import { deadlineState, formatDong, type OrganizationCard } from './cycle';

/** "Quá hạn" in red, "Đã đủ lý do" in green, or the days left (amber when close). */
export const DeadlineChip = ({ card, today }: { card: Pick<OrganizationCard, 'reasonsMissing' | 'reasonsDeadline' | 'late'>; today: LocalDate }) => {
  const translate = useTranslate();
  const { state, daysLeft } = deadlineState(card, today);
  if (state === 'LATE') return <Chip size="small" color="error" label={translate('resources.collection.cycle.late')} data-deadline="LATE" />;
  if (state === 'DONE') return <Chip size="small" color="success" variant="outlined" label={translate('resources.collection.cycle.done')} data-deadline="DONE" />;
  return (
    <Chip
      size="small"
      color={state === 'SOON' ? 'warning' : 'default'}
      variant="outlined"
      label={translate('resources.collection.cycle.days_left', { n: daysLeft })}
      data-deadline={state}
    />
  );
};

const Line = ({ label, value, strong }: { label: string; value: ReactNode; strong?: boolean }) => (
  <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 2, alignItems: 'baseline' }}>
    <Typography component="dt" variant="body2" color="text.secondary">
      {label}
    </Typography>
    <Typography component="dd" variant="body2" sx={{ m: 0, fontVariantNumeric: 'tabular-nums', textAlign: 'right', fontWeight: strong ? 600 : undefined }}>
      {value}
    </Typography>
  </Box>
);

/**
 * One card per collection organization: both lists (items and amount in đồng), the reasons still
 * missing, their deadline, and a red "Quá hạn" once it has passed with reasons missing. A card's
 * name filters the lists to that organization.
 */
export const SummaryCards = ({ cards, today, onOpen, selected }: { cards: readonly OrganizationCard[]; today: LocalDate; onOpen?: (organizationId: string) => void; selected: string | null }) => {
  const translate = useTranslate();
  const count = useCount();
  const T = 'resources.collection.cycle';
  return (
    <Box component="section" aria-label={translate(`${T}.cards`)}>
      <Typography variant="subtitle1" component="h2" gutterBottom>
        {translate(`${T}.cards`)}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(17rem, 1fr))', gap: 2 }}>
        {cards.map((card) => {
          const name = card.name ?? translate('resources.collection.no_organization');
          return (
            <Card
              key={card.organizationId ?? 'none'}
              variant="outlined"
              component="article"
              aria-label={translate(`${T}.card_label`, { name })}
              data-org={card.code ?? ''}
              sx={{ borderColor: card.late ? 'error.main' : selected && selected === card.organizationId ? 'primary.main' : undefined, borderWidth: card.late || (selected && selected === card.organizationId) ? 2 : 1 }}
            >
              <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 0.75 }}>
                <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 1 }}>
                  <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
                    {onOpen && card.organizationId ? (
                      <MuiLink component="button" type="button" variant="subtitle1" sx={{ fontWeight: 600, textAlign: 'left' }} onClick={() => onOpen(card.organizationId!)} title={translate(`${T}.show_org`, { name })}>
                        {name}
                      </MuiLink>
                    ) : (
                      name
                    )}
                  </Typography>
                  {card.unpaid.entries > 0 && <DeadlineChip card={card} today={today} />}
                </Box>
                <Box component="dl" sx={{ m: 0, display: 'flex', flexDirection: 'column', gap: 0.5 }}>
                  <Line label={translate(`${T}.due_line`)} value={translate(`${T}.count_amount`, { n: count(card.due.entries), amount: formatDong(card.due.amount) })} />
                  <Line label={translate(`${T}.unpaid_line`)} value={translate(`${T}.count_amount`, { n: count(card.unpaid.entries), amount: formatDong(card.unpaid.amount) })} />
                  <Line label={translate(`${T}.missing`)} value={count(card.reasonsMissing)} strong={card.reasonsMissing > 0} />
                  <Line label={translate(`${T}.deadline`)} value={formatLocalDate(card.reasonsDeadline)} />
                </Box>
              </CardContent>
            </Card>
          );
        })}
      </Box>
    </Box>
  );
};
