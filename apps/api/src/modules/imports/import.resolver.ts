import { Arg, Ctx, Field, ID, Int, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';

export const ImportStatusEnum = { PENDING: 'PENDING', RUNNING: 'RUNNING', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED' } as const;
registerEnumType(ImportStatusEnum, { name: 'ImportStatus' });

@ObjectType('ImportRowError', { description: 'A rejected row (line 0: the file itself)' })
export class ImportRowErrorType {
  @Field(() => Int)
  line: number;

  @Field(() => String, { description: 'In Vietnamese' })
  message: string;

  @Field(() => String)
  messageEn: string;
}

@ObjectType('ImportJob')
export class ImportJobType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  kind: string;

  @Field(() => ImportStatusEnum)
  status: keyof typeof ImportStatusEnum;

  @Field(() => String)
  fileName: string;

  @Field(() => Boolean)
  dryRun: boolean;

  @Field(() => Boolean)
  keepValid: boolean;

  @Field(() => Int)
  totalRows: number;

  @Field(() => Int)
  acceptedRows: number;

  @Field(() => Int)
  rejectedRows: number;

  @Field(() => Int, { description: 'Rows written (0 after a dry run or a refused file)' })
  importedRows: number;

  @Field(() => [ImportRowErrorType], { description: 'The first 1,000 rejected rows' })
  errors: ImportRowErrorType[];
}

@Resolver(() => ImportJobType)
export class ImportResolver {
  @Query(() => ImportJobType, { nullable: true, description: 'An import started with POST /api/imports/{kind}' })
  async importJob(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    const job = await ctx.imports.job(ctx, id);
    if (!job) return null;
    return { ...job, errors: job.errors.map((e) => ({ line: e.line, message: e.message.vi, messageEn: e.message.en })) };
  }
}
