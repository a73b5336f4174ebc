import { useQuery } from '@apollo/client/react';
import AddIcon from '@mui/icons-material/Add';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import Typography from '@mui/material/Typography';
import { Title, useCanAccess, useLocaleState, useNavigate, usePermissions, useTranslate } from 'react-admin';
import type { Permissions } from '../../providers/permissions';
import { toHttpError } from '../../providers/graphqlErrors';
import { formatPercent } from '../../reports/achievement/board';
import { useCount } from '../targets/TargetFields';
import { createCampaignSearch, formatDecimal } from './campaign';
import { numeric, T, UnitPicker, type PickerLevel } from './CampaignFields';
import { prioritySearch, readPriorityParams, sortPriorities, type PriorityOrder } from './priorities';
import { CAMPAIGN_PRIORITIES } from './queries';
import type { CampaignPriority } from './types';
import { useUrlParams } from '../../components/urlParams';

const P = `${T}.priorities`;

/** Units whose communes can be ranked: the user's province or base office, or one below it. */
const rankableLevels = (scopeLevel: string | undefined): PickerLevel[] => (scopeLevel === 'COUNTRY' ? ['PROVINCE', 'BASE'] : scopeLevel === 'PROVINCE' ? ['BASE'] : []);

/**
 * "Nơi cần tập trung": the communes of a base office or province ranked twice by the API, by
 * lowest voluntary SI participation per 1,000 working-age people and by lowest conversion of past
 * campaigns' visits, with the figures behind each rank. Either rank sorts the table; "Tạo mô hình"
 * opens the create form for that commune with the reason filled in.
 */
export const PrioritiesPage = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const count = useCount();
  const navigate = useNavigate();
  const { permissions } = usePermissions<Permissions>();
  const { canAccess: mayCreate } = useCanAccess({ resource: 'campaigns', action: 'create' });
  const { params, latest, go: goTo } = useUrlParams(readPriorityParams);
  const unitId = params.unit ?? permissions?.scope.id ?? null;
  const go = (next: Partial<typeof params>) => goTo(`/campaign-priorities${prioritySearch({ ...latest(), ...next })}`);
  const { data, loading, error } = useQuery(CAMPAIGN_PRIORITIES, { variables: { unitId: unitId ?? '' }, skip: !unitId, fetchPolicy: 'network-only' });
  const rows = sortPriorities(data?.campaignPriorities ?? [], params.order, params.direction);
  const unitName = data?.orgUnit?.name ?? permissions?.scope.name ?? '';
  const levels = rankableLevels(permissions?.scope.level);

  const sortBy = (order: PriorityOrder) => go({ order, direction: params.order === order && params.direction === 'asc' ? 'desc' : 'asc' });

  const create = (r: CampaignPriority) => {
    const n = rows.length;
    const reason = [
      r.perThousand === null
        ? translate(`${P}.reason_no_stats`, { rank: r.participationRank, n })
        : translate(`${P}.reason_participation`, { rank: r.participationRank, n, per: formatDecimal(r.perThousand, locale) }),
      r.conversionPct !== null ? translate(`${P}.reason_conversion`, { pct: formatPercent(r.conversionPct, locale), smart_count: r.pastCampaigns }) : null,
    ]
      .filter(Boolean)
      .join('; ');
    navigate(`/campaigns/create${createCampaignSearch({ communeId: r.unit.id, name: translate(`${T}.create.default_name`, { commune: r.unit.name }), reason })}`);
  };

  const sortHead = (order: PriorityOrder, label: string) => (
    <TableCell align="right" sortDirection={params.order === order ? params.direction : false}>
      <TableSortLabel active={params.order === order} direction={params.order === order ? params.direction : 'asc'} onClick={() => sortBy(order)}>
        {label}
      </TableSortLabel>
    </TableCell>
  );

  return (
    <Box sx={{ mt: 2, display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Title title={`${P}.title`} />
      <Card>
        <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
            <Typography variant="h6" component="h2">
              {translate(`${P}.heading`, { name: unitName })}
            </Typography>
            {levels.length > 0 && (
              <UnitPicker value={params.unit} onChange={(id) => go({ unit: id })} levels={levels} label={translate(`${P}.unit`)} placeholder={permissions?.scope.name} sx={{ minWidth: '18em' }} />
            )}
          </Stack>
          <Typography variant="body2" color="text.secondary">
            {translate(`${P}.help`)}
          </Typography>
          {error && <Alert severity="error">{toHttpError(error, locale).message}</Alert>}
          {loading && <LinearProgress aria-label={translate('ra.page.loading')} />}
          {data && rows.length === 0 && <Alert severity="info">{translate(`${P}.empty`, { name: unitName })}</Alert>}
          {rows.length > 0 && (
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small" aria-label={translate(`${P}.table`, { name: unitName })}>
                <TableHead>
                  <TableRow>
                    {sortHead('participation', translate(`${P}.columns.participationRank`))}
                    <TableCell>{translate(`${P}.columns.unit`)}</TableCell>
                    <TableCell align="right">{translate(`${P}.columns.participants`)}</TableCell>
                    <TableCell align="right">{translate(`${P}.columns.workingAge`)}</TableCell>
                    <TableCell align="right">{translate(`${P}.columns.perThousand`)}</TableCell>
                    <TableCell align="right">{translate(`${P}.columns.pastCampaigns`)}</TableCell>
                    <TableCell align="right">{translate(`${P}.columns.pastVisits`)}</TableCell>
                    <TableCell align="right">{translate(`${P}.columns.conversion`)}</TableCell>
                    {sortHead('conversion', translate(`${P}.columns.conversionRank`))}
                    {mayCreate && <TableCell />}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map((r) => (
                    <TableRow key={r.unit.id} data-unit={r.unit.code}>
                      <TableCell align="right" sx={{ ...numeric, fontWeight: 600 }}>
                        {r.participationRank}
                      </TableCell>
                      <TableCell sx={{ minWidth: '11em' }}>
                        {r.unit.name}
                        {r.unit.parent && (
                          <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                            {r.unit.parent.name}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell align="right" sx={numeric}>
                        {count(r.participants)}
                      </TableCell>
                      <TableCell align="right" sx={numeric}>
                        {r.workingAgePopulation === null ? translate(`${P}.no_statistics`) : count(r.workingAgePopulation)}
                      </TableCell>
                      <TableCell align="right" sx={numeric}>
                        {r.perThousand === null ? '—' : formatDecimal(r.perThousand, locale)}
                      </TableCell>
                      <TableCell align="right" sx={numeric}>
                        {count(r.pastCampaigns)}
                      </TableCell>
                      <TableCell align="right" sx={numeric}>
                        {r.pastVisits === 0 ? '—' : `${count(r.pastEnrolledVisits)} / ${count(r.pastVisits)}`}
                      </TableCell>
                      <TableCell align="right" sx={numeric}>
                        {r.conversionPct === null ? translate(`${P}.no_campaigns`) : formatPercent(r.conversionPct, locale)}
                      </TableCell>
                      <TableCell align="right" sx={{ ...numeric, fontWeight: 600 }}>
                        {r.conversionRank ?? '—'}
                      </TableCell>
                      {mayCreate && (
                        <TableCell align="right">
                          <Button size="small" variant="outlined" startIcon={<AddIcon />} onClick={() => create(r)} aria-label={translate(`${P}.create_for`, { name: r.unit.name })} sx={{ whiteSpace: 'nowrap' }}>
                            {translate(`${P}.create`)}
                          </Button>
                        </TableCell>
                      )}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          )}
        </CardContent>
      </Card>
    </Box>
  );
};
