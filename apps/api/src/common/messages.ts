/**
 * Every message a client can see, in Vietnamese and English. Keys are stable: the SPA and field
 * tools may translate by key. `{name}` is filled from the error's parameters.
 */
export const messages = {
  'common.notFound': { vi: 'Không tìm thấy {what} có mã số {id}', en: '{what} {id} was not found' },
  'common.required': { vi: 'Trường này là bắt buộc', en: 'This field is required' },
  'common.tooLong': { vi: 'Dài quá {max} ký tự', en: 'Longer than {max} characters' },
  'common.invalidDate': { vi: 'Ngày không hợp lệ (định dạng YYYY-MM-DD)', en: 'Not a valid date (YYYY-MM-DD)' },
  'common.invalidId': { vi: 'Mã số không hợp lệ', en: 'Not a valid id' },
  'common.futureDate': { vi: 'Ngày hiệu lực không được sau hôm nay ({today})', en: 'The effective date cannot be after today ({today})' },
  'common.staleVersion': {
    vi: 'Bản ghi đã được người khác sửa; hãy tải lại rồi thử lại',
    en: 'Someone else changed this record; reload and try again',
  },
  'common.internal': { vi: 'Lỗi hệ thống (mã yêu cầu {requestId})', en: 'Internal error (request {requestId})' },
  'common.tooComplex': {
    vi: 'Truy vấn quá phức tạp ({actual} > {max})',
    en: 'The query is too complex ({actual} > {max})',
  },
  'common.tooDeep': { vi: 'Truy vấn lồng quá sâu (tối đa {max} cấp)', en: 'The query is nested too deeply (at most {max} levels)' },
  'list.badSortField': { vi: 'Không sắp xếp được theo "{field}"; dùng: {allowed}', en: 'Cannot sort by "{field}"; use: {allowed}' },
  'list.badTake': { vi: 'Số dòng mỗi trang phải từ 0 đến {max}', en: 'take must be between 0 and {max}' },
  'list.badSkip': { vi: 'Vị trí bắt đầu không được âm', en: 'skip cannot be negative' },
  'org.unit': { vi: 'đơn vị', en: 'unit' },
  'org.code.invalid': {
    vi: 'Mã chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới (tối đa 40 ký tự)',
    en: 'A code has only unaccented letters, digits, dots, dashes and underscores (40 at most)',
  },
  'org.code.duplicate': { vi: 'Mã "{code}" đã được một đơn vị đang hoạt động sử dụng', en: 'Code "{code}" is already used by an open unit' },
  'org.name.empty': { vi: 'Tên đơn vị không được để trống', en: 'The name cannot be empty' },
  'org.name.same': { vi: 'Tên mới trùng với tên hiện tại', en: 'The new name is the same as the current one' },
  'org.level.invalid': { vi: 'Cấp đơn vị không hợp lệ', en: 'Not a valid level' },
  'org.parent.notFound': { vi: 'Không tìm thấy đơn vị cấp trên {id}', en: 'Parent unit {id} was not found' },
  'org.parent.required': { vi: '{level} phải thuộc một đơn vị cấp trên', en: 'A {levelEn} needs a parent unit' },
  'org.level.country': { vi: 'Chỉ có một đơn vị cấp toàn quốc', en: 'There is only one country unit' },
  'org.parent.wrongLevel': {
    vi: '{level} không thể thuộc {parentLevel}',
    en: 'A {levelEn} cannot sit under a {parentLevelEn}',
  },
  'org.parent.closed': {
    vi: 'Đơn vị cấp trên không hoạt động vào ngày {date}',
    en: 'The parent unit is not open on {date}',
  },
  'org.parent.same': { vi: 'Đơn vị đã thuộc đơn vị cấp trên này', en: 'The unit is already under this parent' },
  'org.parent.cycle': {
    vi: 'Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó',
    en: 'A unit cannot be moved under itself or one of its descendants',
  },
  'org.closed': { vi: 'Đơn vị "{name}" đã giải thể/sáp nhập từ {date}', en: 'Unit "{name}" was closed on {date}' },
  'org.date.beforeStart': {
    vi: 'Ngày hiệu lực phải sau ngày {date} (thay đổi gần nhất hoặc ngày thành lập)',
    en: 'The effective date must be after {date} (the last change or the start of the unit)',
  },
  'org.date.afterChange': {
    vi: 'Ngày thành lập phải trước thay đổi đầu tiên ({date})',
    en: 'The start date must be before the first change ({date})',
  },
  'org.date.beforeParent': {
    vi: 'Đơn vị không thể thành lập trước đơn vị cấp trên ({date})',
    en: 'A unit cannot start before its parent ({date})',
  },
  'org.merge.noSources': { vi: 'Chọn ít nhất một đơn vị để sáp nhập', en: 'Choose at least one unit to merge' },
  'org.merge.duplicateSource': { vi: 'Một đơn vị được chọn hai lần', en: 'A unit was chosen twice' },
  'org.merge.targetChoice': {
    vi: 'Chọn một đơn vị nhận sáp nhập, hoặc nhập mã và tên đơn vị mới (không chọn cả hai)',
    en: 'Give either an existing unit to merge into or the code and name of a new one, not both',
  },
  'org.merge.intoSource': { vi: 'Đơn vị nhận sáp nhập không thể là đơn vị bị sáp nhập', en: 'A unit cannot be merged into itself' },
  'org.merge.levels': {
    vi: 'Chỉ sáp nhập các đơn vị cùng cấp ({level})',
    en: 'Only units of the same level can be merged ({levelEn})',
  },
  'org.merge.minimum': {
    vi: 'Sáp nhập thành đơn vị mới cần ít nhất hai đơn vị',
    en: 'A merge into a new unit needs at least two units',
  },
  'org.delete.hasChildren': {
    vi: 'Không xóa được: đơn vị còn {count} đơn vị cấp dưới',
    en: 'Cannot delete: the unit still has {count} child unit(s)',
  },
  'org.delete.hasData': {
    vi: 'Không xóa được: đơn vị còn dữ liệu ({what}); hãy giải thể hoặc sáp nhập thay vì xóa',
    en: 'Cannot delete: the unit still has data ({what}); close or merge it instead',
  },
  'org.delete.hasHistory': {
    vi: 'Không xóa được: đơn vị có lịch sử sáp nhập/chia tách',
    en: 'Cannot delete: the unit takes part in a merge or split history',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

export type MessageKey = keyof typeof messages;
