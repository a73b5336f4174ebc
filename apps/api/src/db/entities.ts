import {
  OrgUnitEntity,
  OrgUnitNameEntity,
  OrgUnitParentEntity,
  OrgUnitSuccessionEntity,
  UnitStatisticEntity,
} from '../modules/org/org-unit.entity';
import { SystemStateEntity } from '../modules/system/system-state.entity';

/** Every entity of the product; a new area adds its entities here. */
export const entities = [
  OrgUnitEntity,
  OrgUnitNameEntity,
  OrgUnitParentEntity,
  OrgUnitSuccessionEntity,
  UnitStatisticEntity,
  SystemStateEntity,
];
