import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import { OrgUnitCreate } from './OrgUnitCreate';
import { OrgUnitEdit } from './OrgUnitEdit';
import { OrgUnitList } from './OrgUnitList';
import { OrgUnitShow } from './OrgUnitShow';

export default {
  list: OrgUnitList,
  show: OrgUnitShow,
  create: OrgUnitCreate,
  edit: OrgUnitEdit,
  icon: AccountBalanceIcon,
  recordRepresentation: 'name',
};
