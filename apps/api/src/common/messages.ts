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
  'auth.required': { vi: 'Hãy đăng nhập', en: 'Please log in' },
  'auth.invalidToken': { vi: 'Phiên đăng nhập không hợp lệ hoặc đã kết thúc; hãy đăng nhập lại', en: 'The session is not valid or has ended; log in again' },
  'auth.expired': { vi: 'Phiên đăng nhập đã hết hạn; hãy đăng nhập lại', en: 'The session has expired; log in again' },
  'auth.forbidden': { vi: 'Bạn không có quyền thực hiện việc này trong phạm vi của mình', en: 'You may not do this within your scope' },
  'auth.invalidCredentials': { vi: 'Sai tên đăng nhập hoặc mật khẩu', en: 'Wrong username or password' },
  'auth.throttled': {
    vi: 'Đăng nhập sai quá nhiều lần; hãy thử lại sau {minutes} phút',
    en: 'Too many failed logins; try again in {minutes} minute(s)',
  },
  'auth.password.short': { vi: 'Mật khẩu phải có ít nhất 10 ký tự', en: 'A password needs at least 10 characters' },
  'auth.password.long': { vi: 'Mật khẩu dài quá 200 ký tự', en: 'A password has at most 200 characters' },
  'auth.password.username': { vi: 'Mật khẩu không được chứa tên đăng nhập', en: 'A password cannot contain the username' },
  'auth.password.wrong': { vi: 'Mật khẩu hiện tại không đúng', en: 'The current password is wrong' },
  'user.username.invalid': {
    vi: 'Tên đăng nhập gồm 3–60 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới',
    en: 'A username has 3–60 characters: lower-case unaccented letters, digits, dots, dashes, underscores',
  },
  'user.username.taken': { vi: 'Tên đăng nhập "{username}" đã có người dùng', en: 'The username "{username}" is taken' },
  'user.role.notGrantable': { vi: 'Bạn không được cấp vai trò này', en: 'You may not grant this role' },
  'user.scope.outside': { vi: 'Phạm vi phải nằm trong phạm vi của bạn', en: 'The scope must lie within your own scope' },
  'user.scope.level': { vi: 'Vai trò {role} cần phạm vi cấp {level}', en: 'Role {role} needs a scope of level {level}' },
  'user.collector.required': { vi: 'Nhân viên thu phải thuộc một tổ chức dịch vụ thu', en: 'A collector belongs to a collection organization' },
  'user.collector.onlyCollector': { vi: 'Chỉ nhân viên thu mới thuộc tổ chức dịch vụ thu', en: 'Only collectors belong to a collection organization' },
  'user.collector.unknown': { vi: 'Không tìm thấy tổ chức dịch vụ thu {id}', en: 'Collection organization {id} was not found' },
  'user.active.self': { vi: 'Bạn không thể tự khóa tài khoản của mình', en: 'You cannot deactivate your own account' },
  'collection.code.duplicate': { vi: 'Mã "{code}" đã có tổ chức dịch vụ thu khác dùng', en: 'Code "{code}" is used by another collection organization' },
  'person.citizenId.format': { vi: 'Số CCCD gồm đúng 12 chữ số', en: 'A citizen ID has exactly 12 digits' },
  'person.citizenId.province': {
    vi: 'Ba số đầu của CCCD không phải mã tỉnh nơi đăng ký khai sinh',
    en: 'The first 3 digits of the citizen ID are not a birth-registration province code',
  },
  'person.citizenId.century': { vi: 'Số thứ 4 của CCCD không khớp với thế kỷ sinh', en: 'The 4th digit of the citizen ID does not match the century of birth' },
  'person.citizenId.sex': { vi: 'Số thứ 4 của CCCD không khớp với giới tính', en: 'The 4th digit of the citizen ID does not match the sex' },
  'person.citizenId.year': { vi: 'Số thứ 5–6 của CCCD không khớp với năm sinh', en: 'Digits 5–6 of the citizen ID do not match the year of birth' },
  'person.citizenId.duplicate': { vi: 'Số CCCD này đã có trong danh sách', en: 'This citizen ID is already registered' },
  'person.dateOfBirth.future': { vi: 'Ngày sinh không được sau hôm nay', en: 'The date of birth cannot be after today' },
  'person.phone.invalid': { vi: 'Số điện thoại gồm 10–11 chữ số, bắt đầu bằng 0', en: 'A phone number has 10–11 digits and starts with 0' },
  'person.siCode.format': { vi: 'Mã số BHXH gồm đúng 10 chữ số', en: 'An SI code has exactly 10 digits' },
  'person.support.order': { vi: 'Ngày kết thúc hỗ trợ phải sau ngày bắt đầu', en: 'Support must end after it starts' },
  'person.hamlet.level': { vi: 'Hãy chọn một ấp/thôn/khóm', en: 'Choose a hamlet' },
  'person.household.unknown': { vi: 'Không tìm thấy hộ gia đình {id}', en: 'Household {id} was not found' },
  'household.code.duplicate': { vi: 'Mã hộ "{code}" đã có', en: 'Household code "{code}" is taken' },
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
