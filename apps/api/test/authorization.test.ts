import { getNamedType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSchema } from '../src/graphql/schema';
import { startTestApi, upload, type GraphQLResponse, type TestApi } from './harness/api';
import { DEMO_USERS, demoTokens, ROLES, unitId, type Role } from './harness/demo';

/**
 * The authorization table: one rule per query and mutation of the schema. A new operation without a
 * rule fails the first test; each rule runs as nobody, as every role inside its scope, and as the
 * scoped roles on a target outside their scope.
 */
/** ok: answered (a list may be empty); empty: answered with nothing (a list filtered to the scope). */
type Outcome = 'ok' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'empty';
type Where = 'in' | 'out';

interface Fixture {
  api: TestApi;
  /** A fresh hamlet under a commune: in Hoa Long's scope, or in another province. */
  hamlet(where: Where): Promise<string>;
  commune(where: Where): Promise<string>;
  /** A fresh account (SUPERVISOR) scoped in Hoa Long, or in another province. */
  account(where: Where): Promise<string>;
  /** A fixed hamlet in Hoa Long, or in another province. */
  hamletOf(where: Where): Promise<string>;
  /** A fresh person living in a hamlet in Hoa Long, or in another province. */
  person(where: Where): Promise<string>;
  household(where: Where): Promise<string>;
  /** A fresh voluntary SI enrollment (monthly, no collection organization) of a fresh person. */
  enrollment(where: Where): Promise<string>;
  /** An import job started by the admin. */
  importJob(): Promise<string>;
  /** A draft target of a fresh hamlet, set by the admin. */
  target(where: Where): Promise<string>;
  /** The fixed commune with a 2031 target split among its hamlets by the admin (drafts). */
  communeWithTarget(where: Where): Promise<string>;
  /** A fresh campaign in the fixed commune: PLANNED, READY (planned with 5 members) or ACTIVE. */
  campaign(where: Where, state: 'PLANNED' | 'READY' | 'ACTIVE'): Promise<string>;
  /** A member of a fresh planned campaign. */
  member(where: Where): Promise<string>;
  /** logVisit variables: a fresh person visited in a fresh active campaign. */
  visitInput(where: Where): Promise<Record<string, unknown>>;
  /** creditEnrollment variables: a fresh enrollment and a visit to the same person. */
  creditable(where: Where): Promise<Record<string, unknown>>;
  /** Hoa Long, or a base office in Hà Nội. */
  base(where: Where): Promise<string>;
  /** The post office (BUUDIEN-DT), the demo collector's organization. */
  postOffice(): Promise<string>;
  /** An unpaid entry of the post office on a July 2026 list (Hoa Long's, or the Hà Nội base office's). */
  entry(where: Where): Promise<string>;
  /** A fresh follow-up opened by a reason on such an entry. */
  followUp(where: Where): Promise<string>;
}

interface Rule {
  doc: string;
  vars?: (fx: Fixture, where: Where) => Promise<Record<string, unknown>>;
  /** Outcome per role on a target in its scope. */
  roles: Record<Role, Outcome>;
  /** Outcome per scoped role on a target outside its scope (default: FORBIDDEN for the roles that are allowed in scope). */
  outside?: Partial<Record<Role, Outcome>> | 'same';
  anonymous?: Outcome;
}

const ALL_OK: Record<Role, Outcome> = { ADMIN: 'ok', PROVINCE_PLANNER: 'ok', BASE_STAFF: 'ok', SUPERVISOR: 'ok', COLLECTOR: 'ok' };
const MANAGERS: Record<Role, Outcome> = { ADMIN: 'ok', PROVINCE_PLANNER: 'ok', BASE_STAFF: 'FORBIDDEN', SUPERVISOR: 'FORBIDDEN', COLLECTOR: 'FORBIDDEN' };
const PEOPLE_READERS: Record<Role, Outcome> = { ADMIN: 'ok', PROVINCE_PLANNER: 'ok', BASE_STAFF: 'ok', SUPERVISOR: 'ok', COLLECTOR: 'FORBIDDEN' };
const PEOPLE_WRITERS: Record<Role, Outcome> = { ADMIN: 'ok', PROVINCE_PLANNER: 'FORBIDDEN', BASE_STAFF: 'ok', SUPERVISOR: 'FORBIDDEN', COLLECTOR: 'FORBIDDEN' };
const TREE_WRITERS: Record<Role, Outcome> = { ADMIN: 'ok', PROVINCE_PLANNER: 'ok', BASE_STAFF: 'ok', SUPERVISOR: 'FORBIDDEN', COLLECTOR: 'FORBIDDEN' };
let seq = 0;
let personSeq = 0;
/** A new person whose citizen ID agrees with the date of birth and sex (087: Đồng Tháp, 2: male born 2000s). */
function newPerson() {
  personSeq++;
  return { fullName: `Nguyễn Văn Thử ${personSeq}`, dateOfBirth: '2001-05-17', sex: 'MALE', citizenId: `08720109${String(personSeq).padStart(4, '0')}`, supportCategory: 'OTHER' };
}
const fresh = (prefix: string) => `${prefix}${Date.now().toString(36)}${seq++}`;

const RULES: Record<string, Rule> = {
  me: { doc: `{ me { username } }`, roles: ALL_OK, outside: 'same', anonymous: 'ok' },
  orgUnit: {
    doc: `query($id: ID!) { orgUnit(id: $id) { id name } }`,
    vars: async (fx, w) => ({ id: await fx.commune(w) }),
    roles: ALL_OK,
    outside: { PROVINCE_PLANNER: 'FORBIDDEN', BASE_STAFF: 'FORBIDDEN', SUPERVISOR: 'FORBIDDEN', COLLECTOR: 'FORBIDDEN' },
  },
  orgUnits: {
    doc: `query($p: ID!) { orgUnits(filter: { parentId: $p }) { totalCount items { id } } }`,
    vars: async (fx, w) => ({ p: await fx.commune(w) }),
    roles: ALL_OK,
    outside: { PROVINCE_PLANNER: 'empty', BASE_STAFF: 'empty', SUPERVISOR: 'empty', COLLECTOR: 'empty' },
  },
  users: {
    doc: `query($w: ID!) { users(filter: { withinId: $w }) { totalCount items { id } } }`,
    vars: async (fx, w) => ({ w: await fx.commune(w) }),
    roles: MANAGERS,
    outside: { PROVINCE_PLANNER: 'empty' },
  },
  user: {
    doc: `query($id: ID!) { user(id: $id) { id username } }`,
    vars: async (fx, w) => ({ id: await fx.account(w) }),
    roles: MANAGERS,
  },
  auditEvents: {
    doc: `query($w: ID!) { auditEvents(filter: { withinId: $w }) { totalCount items { id } } }`,
    vars: async (fx, w) => ({ w: await fx.commune(w) }),
    roles: MANAGERS,
    outside: { PROVINCE_PLANNER: 'empty' },
  },
  collectionOrganizations: { doc: `{ collectionOrganizations { totalCount items { code } } }`, roles: ALL_OK, outside: 'same' },
  login: {
    doc: `mutation { login(username: "supervisor.dongthap", password: "demo-Password-1") { token } }`,
    roles: ALL_OK,
    outside: 'same',
    anonymous: 'ok',
  },
  logout: { doc: `mutation { logout }`, roles: ALL_OK, outside: 'same' },
  changePassword: {
    doc: `mutation { changePassword(currentPassword: "wrong-password-0", newPassword: "another-Password-9") { token } }`,
    // The wrong current password keeps the demo passwords: everyone logged in gets through the
    // checks and is refused on the input (the change itself is tested in auth.e2e.test.ts).
    roles: { ADMIN: 'BAD_USER_INPUT', PROVINCE_PLANNER: 'BAD_USER_INPUT', BASE_STAFF: 'BAD_USER_INPUT', SUPERVISOR: 'BAD_USER_INPUT', COLLECTOR: 'BAD_USER_INPUT' },
    outside: 'same',
  },
  createUser: {
    doc: `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
    vars: async (fx, w) => ({ i: { username: fresh('u'), displayName: 'Người Thử', password: 'long-enough-1', role: 'SUPERVISOR', scopeUnitId: await fx.commune(w) } }),
    roles: MANAGERS,
    // A scope outside one's own is a bad value of the scope field, with its message (nothing written).
    outside: { PROVINCE_PLANNER: 'BAD_USER_INPUT' },
  },
  updateUser: {
    doc: `mutation($id: ID!) { updateUser(id: $id, input: { displayName: "Tên Mới" }) { id } }`,
    vars: async (fx, w) => ({ id: await fx.account(w) }),
    roles: MANAGERS,
  },
  resetUserPassword: {
    doc: `mutation($id: ID!) { resetUserPassword(id: $id, newPassword: "reset-Password-1") { id } }`,
    vars: async (fx, w) => ({ id: await fx.account(w) }),
    roles: MANAGERS,
  },
  createOrgUnit: {
    doc: `mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id } }`,
    vars: async (fx, w) => ({ i: { code: fresh('H'), name: 'Ấp Thử', level: 'HAMLET', parentId: await fx.commune(w), validFrom: '2025-07-01' } }),
    roles: TREE_WRITERS,
  },
  updateOrgUnit: {
    doc: `mutation($id: ID!) { updateOrgUnit(id: $id, input: { name: "Ấp Sửa Tên" }) { id } }`,
    vars: async (fx, w) => ({ id: await fx.hamlet(w) }),
    roles: TREE_WRITERS,
  },
  renameOrgUnit: {
    doc: `mutation($id: ID!) { renameOrgUnit(id: $id, name: "Ấp Đổi Tên", effectiveDate: "2025-10-01") { id } }`,
    vars: async (fx, w) => ({ id: await fx.hamlet(w) }),
    roles: TREE_WRITERS,
  },
  moveOrgUnit: {
    doc: `mutation($id: ID!, $p: ID!) { moveOrgUnit(id: $id, newParentId: $p, effectiveDate: "2025-10-01") { id } }`,
    vars: async (fx, w) => ({ id: await fx.hamlet(w), p: await fx.commune(w === 'in' ? 'in2' as Where : 'out2' as Where) }),
    roles: TREE_WRITERS,
  },
  mergeOrgUnits: {
    doc: `mutation($a: ID!, $b: ID!) { mergeOrgUnits(input: { sourceIds: [$a], intoId: $b, effectiveDate: "2025-10-01" }) { id } }`,
    vars: async (fx, w) => ({ a: await fx.hamlet(w), b: await fx.hamlet(w) }),
    roles: TREE_WRITERS,
  },
  deleteOrgUnit: {
    doc: `mutation($id: ID!) { deleteOrgUnit(id: $id) }`,
    vars: async (fx, w) => ({ id: await fx.hamlet(w) }),
    roles: TREE_WRITERS,
  },
  person: {
    doc: `query($id: ID!) { person(id: $id) { id citizenId } }`,
    vars: async (fx, w) => ({ id: await fx.person(w) }),
    roles: PEOPLE_READERS,
  },
  persons: {
    doc: `query($w: ID!) { persons(filter: { withinId: $w }) { totalCount items { id } } }`,
    vars: async (fx, w) => ({ w: await fx.commune(w) }),
    roles: PEOPLE_READERS,
    outside: { PROVINCE_PLANNER: 'empty', BASE_STAFF: 'empty', SUPERVISOR: 'empty' },
  },
  createPerson: {
    doc: `mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }`,
    vars: async (fx, w) => ({ i: { ...newPerson(), hamletId: await fx.hamletOf(w) } }),
    roles: PEOPLE_WRITERS,
  },
  updatePerson: {
    doc: `mutation($id: ID!) { updatePerson(id: $id, input: { phone: "0912345678" }) { id } }`,
    vars: async (fx, w) => ({ id: await fx.person(w) }),
    roles: PEOPLE_WRITERS,
  },
  revealPersonalData: {
    doc: `mutation($id: ID!) { revealPersonalData(personId: $id) { citizenId } }`,
    vars: async (fx, w) => ({ id: await fx.person(w) }),
    roles: PEOPLE_READERS,
  },
  household: {
    doc: `query($id: ID!) { household(id: $id) { id code } }`,
    vars: async (fx, w) => ({ id: await fx.household(w) }),
    roles: PEOPLE_READERS,
  },
  createHousehold: {
    doc: `mutation($i: CreateHouseholdInput!) { createHousehold(input: $i) { id } }`,
    vars: async (fx, w) => ({ i: { code: fresh('HH'), hamletId: await fx.hamletOf(w) } }),
    roles: PEOPLE_WRITERS,
  },
  enrollment: {
    doc: `query($id: ID!) { enrollment(id: $id) { id dues { payable } } }`,
    vars: async (fx, w) => ({ id: await fx.enrollment(w) }),
    roles: PEOPLE_READERS,
  },
  enroll: {
    doc: `mutation($i: EnrollInput!) { enroll(input: $i) { id } }`,
    vars: async (fx, w) => ({ i: { personId: await fx.person(w), scheme: 'HOUSEHOLD_HI', startDate: '2025-07-01', paymentMode: 'ANNUAL' } }),
    roles: PEOPLE_WRITERS,
  },
  endEnrollment: {
    doc: `mutation($id: ID!) { endEnrollment(id: $id, status: STOPPED, endDate: "2025-12-31") { id } }`,
    vars: async (fx, w) => ({ id: await fx.enrollment(w) }),
    roles: PEOPLE_WRITERS,
  },
  recordPayment: {
    doc: `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { id } }`,
    vars: async (fx, w) => ({ i: { enrollmentId: await fx.enrollment(w), amount: 1000, paidOn: '2025-07-05' } }),
    // A collector records only payments of its own organization's enrollments (this one has none).
    roles: { ADMIN: 'ok', PROVINCE_PLANNER: 'FORBIDDEN', BASE_STAFF: 'ok', SUPERVISOR: 'FORBIDDEN', COLLECTOR: 'FORBIDDEN' },
  },
  importJob: {
    doc: `query($id: ID!) { importJob(id: $id) { id status } }`,
    vars: async (fx) => ({ id: await fx.importJob() }),
    // Only the one who uploaded the file (here the admin) and administrators see a job.
    roles: { ADMIN: 'ok', PROVINCE_PLANNER: 'FORBIDDEN', BASE_STAFF: 'FORBIDDEN', SUPERVISOR: 'FORBIDDEN', COLLECTOR: 'FORBIDDEN' },
    outside: 'same',
  },
  policyRules: { doc: `{ policyRules(parameter: "baseSalary") { id } }`, roles: ALL_OK, outside: 'same' },
  setPolicyRule: {
    doc: `mutation { setPolicyRule(input: { parameter: "voluntarySi.nothing", effectiveFrom: "2030-01-01", value: "1" }) { id } }`,
    // An unknown parameter: the admin gets through the checks and is refused on the input.
    roles: { ADMIN: 'BAD_USER_INPUT', PROVINCE_PLANNER: 'FORBIDDEN', BASE_STAFF: 'FORBIDDEN', SUPERVISOR: 'FORBIDDEN', COLLECTOR: 'FORBIDDEN' },
    outside: 'same',
  },
  deletePolicyRule: {
    doc: `mutation { deletePolicyRule(id: "999999") }`,
    roles: { ADMIN: 'NOT_FOUND' as Outcome, PROVINCE_PLANNER: 'FORBIDDEN', BASE_STAFF: 'FORBIDDEN', SUPERVISOR: 'FORBIDDEN', COLLECTOR: 'FORBIDDEN' },
    outside: 'same',
  },
  createCollectionOrganization: {
    doc: `mutation($c: String!) { createCollectionOrganization(input: { code: $c, name: "Tổ chức thử" }) { id } }`,
    vars: async () => ({ c: fresh('TC') }),
    roles: MANAGERS,
    outside: 'same',
  },
  targets: {
    doc: `query($w: ID!) { targets(filter: { withinId: $w }) { totalCount items { id } } }`,
    vars: async (fx, w) => ({ w: await fx.commune(w) }),
    roles: PEOPLE_READERS,
    outside: { PROVINCE_PLANNER: 'empty', BASE_STAFF: 'empty', SUPERVISOR: 'empty' },
  },
  target: {
    doc: `query($id: ID!) { target(id: $id) { id value history { action } } }`,
    vars: async (fx, w) => ({ id: await fx.target(w) }),
    roles: PEOPLE_READERS,
  },
  allocationSheet: {
    doc: `query($p: ID!) { allocationSheet(parentUnitId: $p, year: 2031, scheme: VOLUNTARY_SI, metric: PARTICIPANTS) { childrenSum children { lastYearActual } } }`,
    vars: async (fx, w) => ({ p: await fx.commune(w) }),
    roles: PEOPLE_READERS,
  },
  achievement: {
    doc: `query($u: ID!) { achievement(unitId: $u, scheme: VOLUNTARY_SI) { total { participants } children { participants } } }`,
    vars: async (fx, w) => ({ u: await fx.commune(w) }),
    roles: PEOPLE_READERS,
  },
  setTarget: {
    doc: `mutation($u: ID!) { setTarget(input: { unitId: $u, year: 2031, scheme: VOLUNTARY_SI, metric: PARTICIPANTS, value: 7 }) { id } }`,
    vars: async (fx, w) => ({ u: await fx.hamlet(w) }),
    // Hamlet targets are set by base staff (and administrators); planners set province and base office targets.
    roles: PEOPLE_WRITERS,
  },
  setTargets: {
    doc: `mutation($u: ID!) { setTargets(inputs: [{ unitId: $u, year: 2031, scheme: VOLUNTARY_SI, metric: PARTICIPANTS, value: 7 }]) { id } }`,
    vars: async (fx, w) => ({ u: await fx.hamlet(w) }),
    roles: PEOPLE_WRITERS,
  },
  allocateTarget: {
    doc: `mutation($p: ID!) { allocateTarget(input: { parentUnitId: $p, year: 2031, scheme: VOLUNTARY_SI, metric: PARTICIPANTS, method: EQUAL }) { id value } }`,
    vars: async (fx, w) => ({ p: await fx.communeWithTarget(w) }),
    roles: PEOPLE_WRITERS,
  },
  publishTargets: {
    doc: `mutation($p: ID!) { publishTargets(parentUnitId: $p, year: 2031, scheme: VOLUNTARY_SI, metric: PARTICIPANTS) { id status } }`,
    vars: async (fx, w) => ({ p: await fx.communeWithTarget(w) }),
    roles: PEOPLE_WRITERS,
  },
  unitStatistics: {
    doc: `query($w: ID!) { unitStatistics(filter: { withinId: $w }) { totalCount items { id } } }`,
    vars: async (fx, w) => ({ w: await fx.commune(w) }),
    roles: PEOPLE_READERS,
    outside: { PROVINCE_PLANNER: 'empty', BASE_STAFF: 'empty', SUPERVISOR: 'empty' },
  },
  setUnitStatistic: {
    doc: `mutation($u: ID!) { setUnitStatistic(input: { unitId: $u, year: 2025, population: 1000, workingAgePopulation: 600 }) { id version } }`,
    vars: async (fx, w) => ({ u: await fx.hamlet(w) }),
    roles: TREE_WRITERS,
  },
  campaigns: {
    doc: `query($w: ID!) { campaigns(filter: { withinId: $w }) { totalCount items { id members { id } } } }`,
    vars: async (fx, w) => ({ w: await fx.commune(w) }),
    roles: ALL_OK,
    outside: { PROVINCE_PLANNER: 'empty', BASE_STAFF: 'empty', SUPERVISOR: 'empty', COLLECTOR: 'empty' },
  },
  campaign: {
    doc: `query($id: ID!) { campaign(id: $id) { id results { total { visits } } } }`,
    vars: async (fx, w) => ({ id: await fx.campaign(w, 'PLANNED') }),
    roles: ALL_OK,
  },
  campaignTotals: {
    doc: `query($u: ID!) { campaignTotals(unitId: $u, from: "2026-01-01", to: "2026-12-31") { campaigns newVoluntarySI } }`,
    vars: async (fx, w) => ({ u: await fx.commune(w) }),
    roles: ALL_OK,
  },
  campaignDayReport: {
    doc: `query($id: ID!) { campaignDayReport(campaignId: $id, date: "2026-06-01") { text } }`,
    vars: async (fx, w) => ({ id: await fx.campaign(w, 'PLANNED') }),
    roles: ALL_OK,
  },
  campaignPriorities: {
    doc: `query($u: ID!) { campaignPriorities(unitId: $u) { participationRank } }`,
    vars: async (fx, w) => ({ u: await fx.commune(w) }),
    roles: ALL_OK,
  },
  createCampaign: {
    doc: `mutation($c: ID!) { createCampaign(input: { name: "Mô hình thử", communeId: $c, launchDate: "2026-06-01" }) { id } }`,
    vars: async (fx, w) => ({ c: await fx.commune(w) }),
    roles: TREE_WRITERS,
  },
  addCampaignMember: {
    doc: `mutation($id: ID!) { addCampaignMember(campaignId: $id, input: { name: "Lê Thị Thử", role: OTHER }) { id } }`,
    vars: async (fx, w) => ({ id: await fx.campaign(w, 'PLANNED') }),
    roles: TREE_WRITERS,
  },
  removeCampaignMember: {
    doc: `mutation($id: ID!) { removeCampaignMember(memberId: $id) }`,
    vars: async (fx, w) => ({ id: await fx.member(w) }),
    roles: TREE_WRITERS,
  },
  addCampaignSessions: {
    doc: `mutation($id: ID!) { addCampaignSessions(campaignId: $id, dates: ["2026-06-08"]) { id } }`,
    vars: async (fx, w) => ({ id: await fx.campaign(w, 'PLANNED') }),
    roles: TREE_WRITERS,
  },
  startCampaign: {
    doc: `mutation($id: ID!) { startCampaign(id: $id) { status } }`,
    vars: async (fx, w) => ({ id: await fx.campaign(w, 'READY') }),
    roles: TREE_WRITERS,
  },
  completeCampaign: {
    doc: `mutation($id: ID!) { completeCampaign(id: $id) { status } }`,
    vars: async (fx, w) => ({ id: await fx.campaign(w, 'ACTIVE') }),
    roles: TREE_WRITERS,
  },
  cancelCampaign: {
    doc: `mutation($id: ID!) { cancelCampaign(id: $id) { status } }`,
    vars: async (fx, w) => ({ id: await fx.campaign(w, 'PLANNED') }),
    roles: TREE_WRITERS,
  },
  logVisit: {
    doc: `mutation($i: LogVisitInput!) { logVisit(input: $i) { id } }`,
    vars: async (fx, w) => fx.visitInput(w),
    // A collector logs visits only as a member of the campaign with its account (this one is not).
    roles: TREE_WRITERS,
  },
  creditEnrollment: {
    doc: `mutation($e: ID!, $v: ID!) { creditEnrollment(enrollmentId: $e, visitId: $v) { id } }`,
    vars: async (fx, w) => fx.creditable(w),
    roles: TREE_WRITERS,
  },
  saveCampaignDayReport: {
    doc: `mutation($id: ID!) { saveCampaignDayReport(campaignId: $id, date: "2026-06-01", lessons: "Đi sớm", recipients: ["UBND xã"]) { text } }`,
    vars: async (fx, w) => ({ id: await fx.campaign(w, 'ACTIVE') }),
    roles: TREE_WRITERS,
  },
  hierarchyReport: {
    doc: `query($u: ID!) { hierarchyReport(unitId: $u, scheme: VOLUNTARY_SI, asOf: "2026-06-30") { total { participants } children { participants } } }`,
    vars: async (fx, w) => ({ u: await fx.commune(w) }),
    roles: PEOPLE_READERS,
  },
  reportTrend: {
    doc: `query($u: ID!) { reportTrend(unitId: $u, scheme: VOLUNTARY_SI, from: "2026-01", to: "2026-06") { points { participants } } }`,
    vars: async (fx, w) => ({ u: await fx.commune(w) }),
    roles: PEOPLE_READERS,
  },
  unitRanking: {
    doc: `query($u: ID!) { unitRanking(unitId: $u, scheme: VOLUNTARY_SI, asOf: "2026-06-30", measure: PARTICIPANTS) { lowest { value } } }`,
    vars: async (fx, w) => ({ u: await fx.base(w) }),
    roles: PEOPLE_READERS,
  },
  collectionCycle: {
    doc: `query($b: ID!) { collectionCycle(baseUnitId: $b, month: "2026-07") { id } }`,
    vars: async (fx, w) => ({ b: await fx.base(w) }),
    roles: ALL_OK,
  },
  generateCollectionCycle: {
    doc: `mutation($b: ID!) { generateCollectionCycle(baseUnitId: $b, month: "2026-07") { id } }`,
    vars: async (fx, w) => ({ b: await fx.base(w) }),
    roles: PEOPLE_WRITERS,
  },
  onTimeCollection: {
    doc: `query($u: ID!) { onTimeCollection(unitId: $u, from: "2026-01", to: "2026-06") { month ratePct } }`,
    vars: async (fx, w) => ({ u: await fx.commune(w) }),
    roles: ALL_OK,
  },
  followUps: {
    doc: `query($b: ID!) { followUps(baseUnitId: $b) { totalCount items { id } } }`,
    vars: async (fx, w) => ({ b: await fx.base(w) }),
    roles: PEOPLE_READERS,
  },
  collectors: {
    doc: `query($w: ID!) { collectors(withinId: $w) { totalCount items { id } } }`,
    vars: async (fx, w) => ({ w: await fx.commune(w) }),
    roles: ALL_OK,
  },
  createCollector: {
    doc: `mutation($o: ID!, $h: ID!) { createCollector(input: { organizationId: $o, name: "Cô Ba Thu", areaIds: [$h] }) { id } }`,
    vars: async (fx, w) => ({ o: await fx.postOffice(), h: await fx.hamletOf(w) }),
    roles: PEOPLE_WRITERS,
  },
  assignCollector: {
    doc: `mutation($e: ID!) { assignCollector(enrollmentIds: [$e], collectorId: null) }`,
    vars: async (fx, w) => ({ e: await fx.enrollment(w) }),
    roles: PEOPLE_WRITERS,
  },
  reportNonCollection: {
    doc: `mutation($e: ID!) { reportNonCollection(entryId: $e, reason: NO_MONEY) { id reason } }`,
    vars: async (fx, w) => ({ e: await fx.entry(w) }),
    // The collector reports on its own organization's entries (this one is the post office's).
    roles: { ADMIN: 'ok', PROVINCE_PLANNER: 'FORBIDDEN', BASE_STAFF: 'ok', SUPERVISOR: 'FORBIDDEN', COLLECTOR: 'ok' },
  },
  assignFollowUp: {
    doc: `mutation($id: ID!) { assignFollowUp(id: $id, assigneeName: "Ông Tư") { id } }`,
    vars: async (fx, w) => ({ id: await fx.followUp(w) }),
    roles: PEOPLE_WRITERS,
  },
  closeFollowUp: {
    doc: `mutation($id: ID!) { closeFollowUp(id: $id, outcome: NOT_FOUND) { id } }`,
    vars: async (fx, w) => ({ id: await fx.followUp(w) }),
    roles: PEOPLE_WRITERS,
  },
};

let api: TestApi;
let tokens: Record<Role, string>;
let fx: Fixture;

beforeAll(async () => {
  api = await startTestApi({ demo: true });
  tokens = await demoTokens(api);
  const adminToken = tokens.ADMIN;
  const communes: Record<string, string> = {
    in: await unitId(api, '30208', 'COMMUNE'),
    in2: await unitId(api, '30214', 'COMMUNE'),
    // Hà Nội: outside every demo account's scope but the admin's.
    out: await unitId(api, '00004', 'COMMUNE'),
    out2: await unitId(api, '00008', 'COMMUNE'),
  };
  const hoaLong = await unitId(api, 'BHXH-HOALONG');
  const hanoi = await unitId(api, '01', 'PROVINCE');
  const hamlets: Record<string, string> = { in: await fx0hamlet(communes.in), out: await fx0hamlet(communes.out) };
  // A base office in Hà Nội with a commune and a hamlet: collection lists outside the demo scopes.
  const hanoiBase = (await api.ok(`mutation($p: ID!) { createOrgUnit(input: { code: "BHXH-HN-T", name: "BHXH cơ sở Hà Nội Thử", level: BASE, parentId: $p, validFrom: "2025-07-01" }) { id } }`, { p: hanoi })).createOrgUnit.id;
  const hanoiCommune = (await api.ok(`mutation($p: ID!) { createOrgUnit(input: { code: "HN-T-01", name: "Xã Thử", level: COMMUNE, parentId: $p, validFrom: "2025-07-01" }) { id } }`, { p: hanoiBase })).createOrgUnit.id;
  const hanoiHamlet = await fx0hamlet(hanoiCommune);
  const bases: Record<string, string> = { in: hoaLong, out: hanoiBase };
  const orgs = await api.ok(`{ collectionOrganizations(q: "BUUDIEN-DT") { items { id code } } }`);
  const postOfficeId: string = orgs.collectionOrganizations.items.find((o: { code: string }) => o.code === 'BUUDIEN-DT').id;
  fx = {
    api,
    hamletOf: async (w) => hamlets[w],
    person: async (w) => {
      const d = await api.ok(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }`, { i: { ...newPerson(), hamletId: hamlets[w] } });
      return d.createPerson.id;
    },
    importJob: async () => {
      const res = await upload(api, adminToken, 'persons', 'citizenId,fullName,dateOfBirth,sex,hamletCode,phone,householdCode,supportCategory\n');
      return res.body.importId;
    },
    enrollment: async (w) => {
      const personId = (await api.ok(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }`, { i: { ...newPerson(), hamletId: hamlets[w] } })).createPerson.id;
      const d = await api.ok(`mutation($i: EnrollInput!) { enroll(input: $i) { id } }`, {
        i: { personId, scheme: 'VOLUNTARY_SI', startDate: '2025-07-01', declaredMonthlyIncome: 1500000, paymentMode: 'MONTHLY' },
      });
      return d.enroll.id;
    },
    household: async (w) => {
      const d = await api.ok(`mutation($i: CreateHouseholdInput!) { createHousehold(input: $i) { id } }`, { i: { code: fresh('HF'), hamletId: hamlets[w] } });
      return d.createHousehold.id;
    },
    commune: async (w) => communes[w],
    base: async (w) => bases[w],
    postOffice: async () => postOfficeId,
    entry: async (w) => {
      // A fresh person paying monthly through the post office, who has paid nothing since June.
      const hamletId = w === 'in' ? hamlets.in : hanoiHamlet;
      const personId = (await api.ok(`mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }`, { i: { ...newPerson(), hamletId } })).createPerson.id;
      await api.ok(`mutation($i: EnrollInput!) { enroll(input: $i) { id } }`, {
        i: { personId, scheme: 'VOLUNTARY_SI', startDate: '2026-06-01', declaredMonthlyIncome: 2500000, paymentMode: 'MONTHLY', collectionOrganizationId: postOfficeId },
      });
      await api.ok(`mutation($b: ID!) { generateCollectionCycle(baseUnitId: $b, month: "2026-07") { id } }`, { b: bases[w] });
      const c = await api.ok(`query($b: ID!, $o: ID, $c: ID) { collectionCycle(baseUnitId: $b, month: "2026-07") { entries(organizationId: $o, communeId: $c, kind: UNPAID_LAST_MONTH, take: 5000) { id person { id } } } }`, {
        b: bases[w],
        o: postOfficeId,
        c: w === 'in' ? communes.in : hanoiCommune,
      });
      return c.collectionCycle.entries.find((e: { person: { id: string } }) => e.person.id === personId).id;
    },
    followUp: async (w) => {
      const entry = await fx.entry(w);
      const r = await api.ok(`mutation($e: ID!) { reportNonCollection(entryId: $e, reason: AWAY_FOR_WORK) { followUp { id } } }`, { e: entry });
      return r.reportNonCollection.followUp.id;
    },
    campaign: async (w, state) => {
      const id = (await api.ok(`mutation($c: ID!) { createCampaign(input: { name: "Mô hình cố định", communeId: $c, launchDate: "2026-06-01" }) { id } }`, { c: communes[w] })).createCampaign.id;
      if (state === 'PLANNED') return id;
      for (const role of ['LEADER', 'SI_OFFICER', 'POST_OFFICE', 'VIETTEL', 'HAMLET_HEAD']) {
        await api.ok(`mutation($id: ID!, $r: CampaignMemberRole!) { addCampaignMember(campaignId: $id, input: { name: "Thành viên", role: $r }) { id } }`, { id, r: role });
      }
      if (state === 'ACTIVE') await api.ok(`mutation($id: ID!) { startCampaign(id: $id) { id } }`, { id });
      return id;
    },
    member: async (w) => {
      const id = await fx.campaign(w, 'PLANNED');
      return (await api.ok(`mutation($id: ID!) { addCampaignMember(campaignId: $id, input: { name: "Thành viên", role: OTHER }) { id } }`, { id })).addCampaignMember.id;
    },
    visitInput: async (w) => {
      const campaignId = await fx.campaign(w, 'ACTIVE');
      const c = await api.ok(`query($id: ID!) { campaign(id: $id) { members { id } } }`, { id: campaignId });
      return { i: { campaignId, memberId: c.campaign.members[0].id, visitDate: '2026-06-01', outcome: 'INTERESTED', personId: await fx.person(w) } };
    },
    creditable: async (w) => {
      const enrollment = await fx.enrollment(w);
      const e = await api.ok(`query($id: ID!) { enrollment(id: $id) { person { id } } }`, { id: enrollment });
      const campaignId = await fx.campaign(w, 'ACTIVE');
      const c = await api.ok(`query($id: ID!) { campaign(id: $id) { members { id } } }`, { id: campaignId });
      const v = await api.ok(`mutation($i: LogVisitInput!) { logVisit(input: $i) { id } }`, {
        i: { campaignId, memberId: c.campaign.members[0].id, visitDate: '2026-06-01', outcome: 'INTERESTED', personId: e.enrollment.person.id },
      });
      return { e: enrollment, v: v.logVisit.id };
    },
    target: async (w) => {
      const d = await api.ok(`mutation($u: ID!) { setTarget(input: { unitId: $u, year: 2031, scheme: VOLUNTARY_SI, metric: PARTICIPANTS, value: 9 }) { id } }`, { u: await fx.hamlet(w) });
      return d.setTarget.id;
    },
    communeWithTarget: async (w) => {
      const q = `mutation($u: ID!) { setTarget(input: { unitId: $u, year: 2031, scheme: VOLUNTARY_SI, metric: PARTICIPANTS, value: 40 }) { id } }`;
      await api.ok(q, { u: communes[w] });
      await api.ok(`mutation($u: ID!) { allocateTarget(input: { parentUnitId: $u, year: 2031, scheme: VOLUNTARY_SI, metric: PARTICIPANTS, method: EQUAL }) { id } }`, { u: communes[w] });
      return communes[w];
    },
    hamlet: async (w) => {
      const d = await api.ok(`mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id } }`, {
        i: { code: fresh('A'), name: 'Ấp Cố Định', level: 'HAMLET', parentId: communes[w], validFrom: '2025-07-01' },
      });
      return d.createOrgUnit.id;
    },
    account: async (w) => {
      const d = await api.ok(`mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`, {
        i: { username: fresh('acc'), displayName: 'Tài Khoản Thử', password: 'long-enough-1', role: 'SUPERVISOR', scopeUnitId: w === 'in' ? hoaLong : hanoi },
      });
      return d.createUser.id;
    },
  };
});
afterAll(() => api?.close());

/** A hamlet (created as admin) under a commune, for people to live in. */
async function fx0hamlet(communeId: string): Promise<string> {
  const d = await api.ok(`mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id } }`, {
    i: { code: fresh('P'), name: 'Ấp Dân Cư', level: 'HAMLET', parentId: communeId, validFrom: '2025-07-01' },
  });
  return d.createOrgUnit.id;
}

function outcome(body: GraphQLResponse): Outcome | string {
  const code = body.errors?.[0]?.extensions?.code as string | undefined;
  if (code) return code;
  const first = body.data ? Object.values(body.data)[0] : null;
  if (first && typeof first === 'object' && 'totalCount' in first && (first as { totalCount: number }).totalCount === 0) return 'empty';
  return 'ok';
}

/** Logging out or changing a password ends the session: use a fresh login for those. */
async function tokenFor(role: Role, op: string): Promise<string> {
  return op === 'logout' ? api.login(DEMO_USERS[role]) : tokens[role];
}

describe('authorization table', () => {
  it('has a rule for every query and mutation of the schema', async () => {
    const schema = await getSchema();
    const ops = [schema.getQueryType(), schema.getMutationType()].flatMap((t) => Object.keys(t!.getFields()));
    const missing = ops.filter((op) => !RULES[op]);
    expect(missing, 'operations without an authorization rule').toEqual([]);
    expect(Object.keys(RULES).filter((r) => !ops.includes(r)), 'rules of operations that no longer exist').toEqual([]);
    expect(isObjectType(getNamedType(schema.getQueryType()!.getFields().orgUnits.type))).toBe(true);
  });

  for (const [op, rule] of Object.entries(RULES)) {
    describe(op, () => {
      it(`refuses nobody-logged-in with ${rule.anonymous ?? 'UNAUTHENTICATED'}`, async () => {
        const body = await api.as(null).gql(rule.doc, await rule.vars?.(fx, 'in'));
        expect(outcome(body)).toBe(rule.anonymous ?? 'UNAUTHENTICATED');
      });
      for (const role of ROLES) {
        it(`as ${role} in scope: ${rule.roles[role]}`, async () => {
          const body = await api.as(await tokenFor(role, op)).gql(rule.doc, await rule.vars?.(fx, 'in'));
          const got = outcome(body);
          // In scope, an empty answer is still an answer.
          expect(got === 'empty' && rule.roles[role] === 'ok' ? 'ok' : got, JSON.stringify(body.errors ?? body.data)).toBe(rule.roles[role]);
        });
        if (role === 'ADMIN') continue;
        const expected = rule.outside === 'same' ? rule.roles[role] : rule.outside?.[role] ?? (rule.roles[role] === 'ok' ? 'FORBIDDEN' : rule.roles[role]);
        it(`as ${role} out of scope: ${expected}`, async () => {
          const body = await api.as(await tokenFor(role, op)).gql(rule.doc, await rule.vars?.(fx, 'out'));
          expect(outcome(body), JSON.stringify(body.errors ?? body.data)).toBe(expected);
        });
      }
    });
  }
});
