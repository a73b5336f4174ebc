import HomeIcon from '@mui/icons-material/Home';
import { HouseholdShow } from './HouseholdShow';

/** Only a page per household: the API has no list of households, they are reached from their members. */
export default {
  show: HouseholdShow,
  icon: HomeIcon,
  recordRepresentation: 'code',
};
