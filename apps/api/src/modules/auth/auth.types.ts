import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ROLES, type RoleName } from './user.entity';

export const RoleEnum = Object.fromEntries(ROLES.map((r) => [r, r])) as { [K in RoleName]: K };
registerEnumType(RoleEnum, { name: 'Role', description: 'What an account may do; where is its scope' });

@ObjectType('CollectionOrganization', { description: 'Bưu điện, Viettel … paid to collect contributions' })
export class CollectionOrganizationType {
  @Field(() => ID)
  id: number;

  @Field(() => String)
  code: string;

  @Field(() => String)
  name: string;
}

@ObjectType('User', { description: 'An account; it sees and changes only the subtree of its scope' })
export class UserType {
  @Field(() => ID)
  id: number;

  @Field(() => String)
  username: string;

  @Field(() => String)
  displayName: string;

  @Field(() => RoleEnum)
  role: RoleName;

  @Field(() => Boolean)
  active: boolean;

  scopeUnitId: number;
  collectionOrganizationId: number | null;
}

@ObjectType('UserList')
export class UserListType {
  @Field(() => [UserType])
  items: UserType[];

  @Field(() => Int)
  totalCount: number;
}

@ObjectType('AuthPayload')
export class AuthPayloadType {
  @Field(() => String, { description: 'Send as "Authorization: Bearer <token>"' })
  token: string;

  @Field(() => Date, { description: 'When the token stops working' })
  expiresAt: Date;

  @Field(() => UserType)
  user: UserType;
}

@InputType()
export class UserFilter {
  @Field(() => String, { nullable: true, description: 'Username or display name' })
  q?: string | null;

  @Field(() => RoleEnum, { nullable: true })
  role?: RoleName | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Accounts whose scope lies in this unit\'s subtree' })
  withinId?: string | null;
}

@InputType()
export class CreateUserInput {
  @Field(() => String)
  username: string;

  @Field(() => String)
  displayName: string;

  @Field(() => String, { description: 'At least 10 characters' })
  password: string;

  @Field(() => RoleEnum)
  role: RoleName;

  @Field(() => ID)
  scopeUnitId: string;

  @Field(() => ID, { nullable: true, description: 'Required for COLLECTOR, refused for the others' })
  collectionOrganizationId?: string | null;
}

@InputType()
export class UpdateUserInput {
  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => RoleEnum, { nullable: true })
  role?: RoleName | null;

  @Field(() => ID, { nullable: true })
  scopeUnitId?: string | null;

  @Field(() => ID, { nullable: true })
  collectionOrganizationId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'false deactivates the account and ends its sessions' })
  active?: boolean | null;
}
