/**
 * Vietnamese names and numbers for generated people (the Mekong delta's mix; the common ones
 * repeated, so a uniform draw from a list is weighted). Shared by cycle.bench.ts and the national
 * generator.
 */
export const FAMILY = [
  ...Array<string>(30).fill('Nguyễn'), ...Array<string>(11).fill('Trần'), ...Array<string>(9).fill('Lê'), ...Array<string>(6).fill('Phạm'),
  ...Array<string>(6).fill('Huỳnh'), ...Array<string>(5).fill('Võ'), ...Array<string>(4).fill('Phan'), ...Array<string>(3).fill('Trương'),
  'Đặng', 'Đặng', 'Bùi', 'Bùi', 'Đỗ', 'Đỗ', 'Ngô', 'Ngô', 'Hồ', 'Hồ', 'Dương', 'Dương', 'Lâm', 'Lâm', 'Đinh', 'Lý', 'Châu', 'Mai', 'Tô', 'Cao', 'Đoàn', 'Thái', 'Lương',
];
export const MIDDLE_MALE = [...Array<string>(10).fill('Văn'), 'Minh', 'Minh', 'Minh', 'Hoàng', 'Hoàng', 'Hữu', 'Hữu', 'Thanh', 'Thanh', 'Quốc', 'Quốc', 'Thành', 'Tấn', 'Tấn', 'Công', 'Chí', 'Trung', 'Phước'];
export const MIDDLE_FEMALE = [...Array<string>(12).fill('Thị'), 'Ngọc', 'Ngọc', 'Ngọc', 'Thanh', 'Thanh', 'Kim', 'Kim', 'Mỹ', 'Mỹ', 'Thu', 'Bích', 'Hồng', 'Thùy', 'Diễm'];
export const GIVEN_MALE = ['An', 'Bảo', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Đức', 'Hải', 'Hậu', 'Hiếu', 'Hòa', 'Hùng', 'Huy', 'Khang', 'Khoa', 'Kiệt', 'Lâm', 'Lộc', 'Long', 'Lợi', 'Nam', 'Nghĩa', 'Nhân', 'Phong', 'Phúc', 'Phước', 'Quang', 'Sang', 'Sơn', 'Tài', 'Tâm', 'Thắng', 'Thành', 'Thiện', 'Thịnh', 'Tín', 'Toàn', 'Trí', 'Trung', 'Tuấn', 'Tùng', 'Út', 'Vinh', 'Vũ'];
export const GIVEN_FEMALE = ['Anh', 'Cúc', 'Diễm', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng', 'Hương', 'Lài', 'Lan', 'Lệ', 'Liên', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhi', 'Nhung', 'Oanh', 'Phượng', 'Quyên', 'Thảo', 'Thu', 'Thủy', 'Trang', 'Trinh', 'Tuyết', 'Uyên', 'Út', 'Vân', 'Xuân', 'Yến'];
/** Where births were registered (citizen ID provinces before 2025): the Mekong delta mostly. */
export const BIRTH_PROVINCES = [...Array<string>(16).fill('087'), '082', '082', '089', '089', '086', '092', '079', '083'];
export const PHONE_PREFIXES = ['086', '096', '097', '098', '032', '033', '035', '038', '039', '088', '091', '094', '083', '084', '089', '090', '093', '070', '077', '079'];
