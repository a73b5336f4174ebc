import type { Scheme } from '@bao-phu/domain';
import type { DueListKind, NonCollectionReason } from '../collection/cycle.entity';

/** Vietnamese words of codes, for printed lists and spreadsheets (the SPA has its own, in its i18n). */
export const SCHEME_LABELS: Record<Scheme, string> = {
  VOLUNTARY_SI: 'BHXH tự nguyện',
  HOUSEHOLD_HI: 'BHYT hộ gia đình',
};

/** As the SPA words them on the cycle screens (apps/admin/src/i18n/collection.ts), so print and screen agree. */
export const REASON_LABELS: Record<NonCollectionReason, string> = {
  NO_MONEY: 'Chưa có tiền',
  AWAY_FOR_WORK: 'Đi làm ăn xa',
  FORGOT: 'Quên đóng',
  ILL: 'Đang ốm đau',
  UNREACHABLE: 'Không gặp, không liên lạc được',
  WANTS_TO_STOP: 'Không muốn tham gia nữa',
  MOVED_AWAY: 'Đã chuyển đi nơi khác',
  DECEASED: 'Đã qua đời',
  PAID_ELSEWHERE: 'Đã đóng ở nơi khác',
  OTHER: 'Lý do khác',
};

/**
 * The list of a kind, by the month its payments concern: a cycle of month M (sent on M's 25th)
 * lists who is due in M+1 and who did not pay in M−1.
 */
export const KIND_TITLES: Record<DueListKind, { title: string; short: string; monthOffset: number }> = {
  DUE_NEXT_MONTH: { title: 'DANH SÁCH NGƯỜI THAM GIA ĐẾN HẠN ĐÓNG THÁNG', short: 'Đến hạn đóng', monthOffset: 1 },
  UNPAID_LAST_MONTH: { title: 'DANH SÁCH NGƯỜI THAM GIA CHƯA ĐÓNG THÁNG', short: 'Chưa đóng', monthOffset: -1 },
};
