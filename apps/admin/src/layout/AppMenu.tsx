import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { Menu } from 'react-admin';

export const AppMenu = () => (
  <Menu>
    <Menu.ResourceItem name="orgUnits" />
    <Menu.Item to="/tree" primaryText="app.menu.tree" leftIcon={<AccountTreeIcon />} />
  </Menu>
);
