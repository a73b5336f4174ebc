import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { SortInput } from '../../graphql/list';
import { rowById } from '../../graphql/row-loaders';
import { CollectionOrganizationEntity } from '../collection/collection-organization.entity';
import { OrgUnitType } from '../org/org-unit.types';
import { authService } from './auth.service';
import { AuthPayloadType, CollectionOrganizationType, CreateUserInput, UpdateUserInput, UserFilter, UserListType, UserType } from './auth.types';
import type { UserEntity } from './user.entity';
import { userService } from './user.service';

@Resolver(() => UserType)
export class AuthResolver {
  @Query(() => UserType, { nullable: true, description: 'The logged-in user; null without a token' })
  me(@Ctx() ctx: RequestContext) {
    return authService.me(ctx);
  }

  @Mutation(() => AuthPayloadType, { description: 'Opens a session of 8 hours' })
  login(@Ctx() ctx: RequestContext, @Arg('username', () => String) username: string, @Arg('password', () => String) password: string) {
    return authService.login(ctx, username, password);
  }

  @Mutation(() => Boolean, { description: 'Ends the current session' })
  logout(@Ctx() ctx: RequestContext) {
    return authService.logout(ctx);
  }

  @Mutation(() => AuthPayloadType, { description: 'Changes your password; your other sessions end' })
  changePassword(
    @Ctx() ctx: RequestContext,
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
  ) {
    return authService.changePassword(ctx, currentPassword, newPassword);
  }

  @Query(() => UserType, { nullable: true })
  user(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return userService.get(ctx, id);
  }

  @Query(() => UserListType)
  users(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => UserFilter, { nullable: true }) filter: UserFilter | null,
    @Arg('sort', () => [SortInput], { nullable: true }) sort: SortInput[] | null,
    @Arg('skip', () => Int, { nullable: true }) skip: number | null,
    @Arg('take', () => Int, { nullable: true }) take: number | null,
  ) {
    return userService.list(ctx, filter, { sort, skip, take });
  }

  @Mutation(() => UserType)
  createUser(@Ctx() ctx: RequestContext, @Arg('input', () => CreateUserInput) input: CreateUserInput) {
    return userService.create(ctx, input);
  }

  @Mutation(() => UserType, { description: 'Edits an account; deactivation, role or scope changes end its sessions' })
  updateUser(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('input', () => UpdateUserInput) input: UpdateUserInput) {
    return userService.update(ctx, id, input);
  }

  @Mutation(() => UserType, { description: 'Sets a new password for an account; its sessions end' })
  resetUserPassword(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('newPassword', () => String) newPassword: string) {
    return userService.resetPassword(ctx, id, newPassword);
  }

  @FieldResolver(() => OrgUnitType)
  scope(@Ctx() ctx: RequestContext, @Root() user: UserEntity) {
    return ctx.loaders.unitById.load(user.scopeUnitId);
  }

  @FieldResolver(() => CollectionOrganizationType, { nullable: true })
  collectionOrganization(@Ctx() ctx: RequestContext, @Root() user: UserEntity) {
    return user.collectionOrganizationId === null ? null : rowById(ctx, CollectionOrganizationEntity).load(user.collectionOrganizationId);
  }
}
