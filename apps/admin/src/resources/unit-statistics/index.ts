import GroupsIcon from '@mui/icons-material/Groups';
import { UnitStatisticList } from './UnitStatisticList';

export default {
  list: UnitStatisticList,
  icon: GroupsIcon,
  recordRepresentation: 'unitName',
};
