import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { Menu } from 'react-admin';

/**
 * "Đơn vị" and "Cây đơn vị" for everyone; "Người tham gia", "Người dùng" and "Nhật ký thay đổi" only
 * appear for the roles that may open them (a resource item asks authProvider.canAccess, and is
 * absent when the resource is not registered for the user).
 */
export const AppMenu = () => (
  <Menu>
    <Menu.ResourceItem name="persons" />
    <Menu.ResourceItem name="orgUnits" />
    <Menu.Item to="/tree" primaryText="app.menu.tree" leftIcon={<AccountTreeIcon />} />
    <Menu.ResourceItem name="users" />
    <Menu.ResourceItem name="auditEvents" />
  </Menu>
);
