import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/** The dashboard's texts live under this key (i18n/reports.ts). */
export const D = 'resources.dashboard';

/** One block of the dashboard: a titled card, a region named by its title. */
export const DashboardCard = ({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) => (
  <Card component="section" aria-label={title} sx={{ minWidth: 0 }}>
    <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <Stack direction="row" alignItems="baseline" justifyContent="space-between" spacing={1} flexWrap="wrap" useFlexGap>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
        {action}
      </Stack>
      {children}
    </CardContent>
  </Card>
);
