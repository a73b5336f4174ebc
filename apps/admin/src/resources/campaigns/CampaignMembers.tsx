import PersonAddIcon from '@mui/icons-material/PersonAdd';
import DeleteIcon from '@mui/icons-material/Delete';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import { Confirm, HttpError, useCanAccess, useDataProvider, useGetIdentity, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { GraphQLDataProvider } from '../../providers/dataProvider';
import { isOpen, MEMBER_ROLES } from './campaign';
import { T, useCampaignDetail, useCampaignLabels } from './CampaignFields';
import { ADD_MEMBER, REMOVE_MEMBER } from './queries';
import type { CampaignDetail, CampaignMember, CampaignMemberRole } from './types';

type Errors = Partial<Record<'name' | 'role' | 'organization' | 'userId', string>>;

/** The API's message for each field it named, and its message for the rest. */
export function fieldErrorsOf(e: unknown): { fields: Record<string, string>; message: string } {
  const message = e instanceof Error ? e.message : 'ra.notification.http_error';
  const raw = e instanceof HttpError ? (e.body?.errors as Record<string, unknown> | undefined) : undefined;
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) if (typeof v === 'string') fields[k] = v;
  return { fields, message };
}

/** Name, role and organization of a new member; "this is me" links the user's own account. */
const AddMemberForm = ({ campaign }: { campaign: CampaignDetail }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const { identity } = useGetIdentity();
  const [name, setName] = useState('');
  const [role, setRole] = useState<CampaignMemberRole | ''>('');
  const [organization, setOrganization] = useState('');
  const [me, setMe] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const alreadyMe = !!identity && campaign.members.some((m) => m.userId === String(identity.id));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Errors = {};
    if (!name.trim()) missing.name = 'ra.validation.required';
    if (!role) missing.role = 'ra.validation.required';
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      await dataProvider.execute(ADD_MEMBER, {
        campaignId: String(campaign.id),
        input: { name: name.trim(), role: role as CampaignMemberRole, organization: organization.trim() || null, userId: me && identity ? String(identity.id) : null },
      });
      notify(`${T}.members.added`, { type: 'success', messageArgs: { name: name.trim() } });
      setName('');
      setOrganization('');
      setRole('');
      setMe(false);
      refresh();
    } catch (e) {
      const { fields, message } = fieldErrorsOf(e);
      setErrors(fields);
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      setBusy(false);
    }
  };

  const error = (k: keyof Errors) => (errors[k] ? translate(errors[k]!, { _: errors[k] }) : undefined);
  return (
    <Box component="form" onSubmit={submit} noValidate aria-label={translate(`${T}.members.add_title`)} sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h3" gutterBottom>
        {translate(`${T}.members.add_title`)}
      </Typography>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} alignItems={{ md: 'flex-start' }}>
        <TextField size="small" label={translate(`${T}.members.name`)} value={name} onChange={(e) => setName(e.target.value)} required error={!!errors.name} helperText={error('name')} sx={{ minWidth: '16em' }} />
        <TextField select size="small" label={translate(`${T}.members.role`)} value={role} onChange={(e) => setRole(e.target.value as CampaignMemberRole)} required error={!!errors.role} helperText={error('role')} sx={{ minWidth: '12em' }}>
          {MEMBER_ROLES.map((r) => (
            <MenuItem key={r} value={r}>
              {translate(`${T}.roles.${r}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField size="small" label={translate(`${T}.members.organization`)} value={organization} onChange={(e) => setOrganization(e.target.value)} error={!!errors.organization} helperText={error('organization') ?? translate(`${T}.members.organization_help`)} sx={{ minWidth: '14em' }} />
        <Button type="submit" variant="contained" startIcon={<PersonAddIcon />} disabled={busy} sx={{ whiteSpace: 'nowrap', flexShrink: 0, alignSelf: { xs: 'flex-start', md: 'auto' } }}>
          {translate(`${T}.members.add`)}
        </Button>
      </Stack>
      {identity && !alreadyMe && (
        <FormControlLabel
          control={<Checkbox checked={me} onChange={(e) => setMe(e.target.checked)} />}
          label={translate(`${T}.members.link_me`, { name: identity.fullName ?? '' })}
        />
      )}
      {errors.userId && (
        <Typography variant="caption" color="error" component="p">
          {error('userId')}
        </Typography>
      )}
    </Box>
  );
};

/**
 * "Thành viên": the group (at least 5 before it starts: base SI staff, post office and Viettel
 * collectors, commune officials, hamlet heads), each with role and organization. Members are added
 * and removed while the campaign is planned or running; the API refuses to remove one who has
 * logged visits, or to go below 5 in a running campaign.
 */
export const CampaignMembers = (_: { label?: false }) => {
  const campaign = useCampaignDetail();
  const translate = useTranslate();
  const labels = useCampaignLabels();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const { identity } = useGetIdentity();
  const { canAccess: mayChange } = useCanAccess({ resource: 'campaigns', action: 'edit' });
  const [removing, setRemoving] = useState<CampaignMember | null>(null);
  const [busy, setBusy] = useState(false);
  if (!campaign) return null;
  const editable = mayChange && isOpen(campaign.status);

  const remove = async () => {
    if (!removing) return;
    setBusy(true);
    try {
      await dataProvider.execute(REMOVE_MEMBER, { memberId: String(removing.id) });
      notify(`${T}.members.removed`, { type: 'success', messageArgs: { name: removing.name } });
      refresh();
    } catch (e) {
      const message = e instanceof Error ? e.message : 'ra.notification.http_error';
      notify(message, { type: 'error', messageArgs: { _: message } });
    } finally {
      setBusy(false);
      setRemoving(null);
    }
  };

  return (
    <Box>
      {campaign.members.length === 0 ? (
        <Alert severity="info">{translate(`${T}.members.empty`)}</Alert>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={translate(`${T}.members.table`)}>
            <TableHead>
              <TableRow>
                <TableCell>#</TableCell>
                <TableCell>{translate(`${T}.members.name`)}</TableCell>
                <TableCell>{translate(`${T}.members.role`)}</TableCell>
                <TableCell>{translate(`${T}.members.organization`)}</TableCell>
                <TableCell>{translate(`${T}.members.account`)}</TableCell>
                {editable && <TableCell />}
              </TableRow>
            </TableHead>
            <TableBody>
              {campaign.members.map((m, i) => (
                <TableRow key={m.id}>
                  <TableCell>{i + 1}</TableCell>
                  <TableCell>{m.name}</TableCell>
                  <TableCell>{labels.role(m.role)}</TableCell>
                  <TableCell>{m.organization ?? ''}</TableCell>
                  <TableCell>{m.userId ? (identity && m.userId === String(identity.id) ? translate(`${T}.members.me`) : translate(`${T}.members.has_account`)) : ''}</TableCell>
                  {editable && (
                    <TableCell align="right">
                      <IconButton size="small" aria-label={translate(`${T}.members.remove`, { name: m.name })} onClick={() => setRemoving(m)}>
                        <DeleteIcon fontSize="small" />
                      </IconButton>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {editable ? <AddMemberForm campaign={campaign} /> : mayChange && <Alert severity="info" sx={{ mt: 2 }}>{translate(`${T}.members.closed`)}</Alert>}
      <Confirm
        isOpen={removing !== null}
        loading={busy}
        title={`${T}.members.remove_title`}
        content={`${T}.members.remove_content`}
        translateOptions={{ name: removing?.name ?? '' }}
        onConfirm={remove}
        onClose={() => setRemoving(null)}
      />
    </Box>
  );
};
