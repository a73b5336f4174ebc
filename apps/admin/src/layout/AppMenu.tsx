import AccountTreeIcon from '@mui/icons-material/AccountTree';
import AssignmentIcon from '@mui/icons-material/Assignment';
import AssessmentIcon from '@mui/icons-material/Assessment';
import BarChartIcon from '@mui/icons-material/BarChart';
import DirectionsWalkIcon from '@mui/icons-material/DirectionsWalk';
import EditNoteIcon from '@mui/icons-material/EditNote';
import FlagIcon from '@mui/icons-material/Flag';
import HandshakeIcon from '@mui/icons-material/Handshake';
import InsightsIcon from '@mui/icons-material/Insights';
import PolicyIcon from '@mui/icons-material/Policy';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Menu, usePermissions } from 'react-admin';
import { canAccess, importKindsFor, isPolicyEditor, isPriorityReader, isTargetReader, type Permissions } from '../providers/permissions';
import { isCycleReader, isFollowUpReader, isReasonReporter } from '../providers/permissions';
import { isReportReader } from '../providers/permissions';

/**
 * "Đơn vị" and "Cây đơn vị" for everyone; "Người tham gia", "Người dùng" and "Nhật ký thay đổi" only
 * appear for the roles that may open them (a resource item asks authProvider.canAccess, and is
 * absent when the resource is not registered for the user). "Chính sách mức đóng" only for
 * administrators, who maintain it (the page itself can be read by everyone). "Nhập dữ liệu" for those
 * who may import something: the register or plans (the API checks again). "Giao chỉ tiêu", "Tiến độ
 * thực hiện" and "Số liệu dân số" for the roles that read plans (not collectors). "Mô hình vận động"
 * for every role, "Ghi lượt vận động" for those who log visits (collectors too: the API lets members
 * with an account log theirs), "Nơi cần tập trung" for the roles that read plans.
 * The monthly collection cycle: "Danh sách thu hằng tháng" for every role (a collector sees its
 * organization's lists), "Nhập lý do chưa thu" for those who report reasons (collectors, base staff,
 * administrators), "Theo dõi vận động lại" and "Tỷ lệ thu đúng hạn" for all but collectors.
 * "Tổng quan" (the dashboard) and "Báo cáo" for the roles that read reports (not collectors).
 */
export const AppMenu = () => {
  const { permissions } = usePermissions<Permissions>();
  return (
    <Menu>
      {isReportReader(permissions) && <Menu.DashboardItem />}
      <Menu.ResourceItem name="persons" />
      {importKindsFor(permissions).length > 0 && <Menu.Item to="/imports" primaryText="app.menu.imports" leftIcon={<UploadFileIcon />} />}
      {isTargetReader(permissions) && <Menu.Item to="/targets" primaryText="app.menu.targets" leftIcon={<AssignmentIcon />} />}
      {isTargetReader(permissions) && <Menu.Item to="/achievement" primaryText="app.menu.achievement" leftIcon={<InsightsIcon />} />}
      {isReportReader(permissions) && <Menu.Item to="/reports" primaryText="resources.reports.menu" leftIcon={<AssessmentIcon />} />}
      <Menu.ResourceItem name="campaigns" />
      {canAccess(permissions, { action: 'logVisit', resource: 'campaigns' }) && (
        <Menu.Item to="/visit-entry" primaryText="resources.campaigns.menu.visit_entry" leftIcon={<DirectionsWalkIcon />} />
      )}
      {isPriorityReader(permissions) && <Menu.Item to="/campaign-priorities" primaryText="resources.campaigns.menu.priorities" leftIcon={<FlagIcon />} />}
      {isReasonReporter(permissions) && permissions.role === 'COLLECTOR' && (
        <Menu.Item to="/collection-reasons" primaryText="resources.collection.menu.reasons" leftIcon={<EditNoteIcon />} />
      )}
      {isCycleReader(permissions) && <Menu.Item to="/collection-cycle" primaryText="resources.collection.menu.cycle" leftIcon={<ReceiptLongIcon />} />}
      {isReasonReporter(permissions) && permissions.role !== 'COLLECTOR' && (
        <Menu.Item to="/collection-reasons" primaryText="resources.collection.menu.reasons" leftIcon={<EditNoteIcon />} />
      )}
      {isFollowUpReader(permissions) && <Menu.Item to="/follow-ups" primaryText="resources.collection.menu.follow_ups" leftIcon={<HandshakeIcon />} />}
      {isFollowUpReader(permissions) && <Menu.Item to="/on-time" primaryText="resources.collection.menu.on_time" leftIcon={<BarChartIcon />} />}
      <Menu.ResourceItem name="unitStatistics" />
      <Menu.ResourceItem name="orgUnits" />
      <Menu.Item to="/tree" primaryText="app.menu.tree" leftIcon={<AccountTreeIcon />} />
      <Menu.ResourceItem name="users" />
      <Menu.ResourceItem name="auditEvents" />
      {isPolicyEditor(permissions) && (
        <Menu.Item to="/policy-rules" primaryText="app.menu.policy_rules" leftIcon={<PolicyIcon />} />
      )}
    </Menu>
  );
};
