import GroupsIcon from '@mui/icons-material/Groups';
import { CampaignCreate } from './CampaignCreate';
import { CampaignList } from './CampaignList';
import { CampaignShow } from './CampaignShow';

export default {
  list: CampaignList,
  show: CampaignShow,
  create: CampaignCreate,
  icon: GroupsIcon,
  recordRepresentation: 'code',
};
