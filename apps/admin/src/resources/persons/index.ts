import PersonIcon from '@mui/icons-material/Person';
import { PersonCreate } from './PersonCreate';
import { PersonEdit } from './PersonEdit';
import { PersonList } from './PersonList';
import { PersonShow } from './PersonShow';

export default {
  list: PersonList,
  show: PersonShow,
  create: PersonCreate,
  edit: PersonEdit,
  icon: PersonIcon,
  recordRepresentation: 'fullName',
};
