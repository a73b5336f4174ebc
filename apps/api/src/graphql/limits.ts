import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  visit,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { localize } from '../common/errors';
import { DEFAULT_TAKE } from './list';

export const MAX_DEPTH = 10;
export const MAX_COMPLEXITY = 20_000;

/**
 * Refuses operations nested deeper than `max` fields (fragments followed), before anything runs:
 * an org tree invites `children { children { children … } } }` queries that would fan out.
 */
export function depthLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    const depthOf = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>): number => {
      if (!set) return depth;
      let deepest = depth;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (sel.name.value.startsWith('__')) continue;
          deepest = Math.max(deepest, depthOf(sel.selectionSet, depth + 1, seen));
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(sel.selectionSet, depth, seen));
        } else {
          const name = sel.name.value;
          const frag = fragments.get(name);
          if (frag && !seen.has(name)) deepest = Math.max(deepest, depthOf(frag.selectionSet, depth, new Set(seen).add(name)));
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, 0, new Set());
        if (depth > max) {
          const text = localize('common.tooDeep', { max });
          context.reportError(new GraphQLError(text.en, { nodes: [node], extensions: { code: 'BAD_USER_INPUT', message: text } }));
        }
      },
    };
  };
}

/**
 * Refuses operations whose estimated cost passes `max`. A field costs 1; a list field with `take`
 * costs its children times `take` (DEFAULT_TAKE when omitted), declared with
 * `@Field({ complexity })` where a field fans out.
 */
export function complexityLimit(schema: GraphQLSchema, max: number): ApolloServerPlugin {
  /**
   * The cost of each operation already measured, per document (Apollo keeps one parsed document per
   * query text): the cost depends on the document and on the variables passed as `take` alone
   * (listComplexity; the other estimates are constants), so a list asked again with another filter
   * is not walked again (a twentieth of the API's CPU for a page of 25 persons).
   */
  const known = new WeakMap<DocumentNode, { takes: string[]; costs: Map<string, number> }>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let entry = known.get(document);
          if (!entry) known.set(document, (entry = { takes: takeVariables(document), costs: new Map() }));
          const key = `${request.operationName ?? ''}|${JSON.stringify(entry.takes.map((name) => request.variables?.[name] ?? null))}`;
          let complexity = entry.costs.get(key);
          if (complexity === undefined) {
            try {
              complexity = getComplexity({
                schema,
                operationName: request.operationName,
                query: document,
                variables: request.variables,
                estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
              });
            } catch (err) {
              // Variables that do not fit their types (2.5 for an Int): the operation will not run,
              // and execution reports them as BAD_USER_INPUT naming the variable.
              if (err instanceof GraphQLError) return;
              throw err;
            }
            // Bounded: a client could send a new `take` every time.
            if (entry.costs.size >= 100) entry.costs.clear();
            entry.costs.set(key, complexity);
          }
          if (complexity > max) {
            const text = localize('common.tooComplex', { actual: complexity, max });
            throw new GraphQLError(text.en, { extensions: { code: 'BAD_USER_INPUT', message: text } });
          }
        },
      };
    },
  };
}

/** The variables a document passes as a `take` argument, anywhere (fragments too). */
function takeVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (node.name.value === 'take' && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return [...names].sort();
}

/** Cost of a relation list without paging (children, ancestors …): its children's cost times this. */
export const RELATION_FANOUT = 50;

/** Cost of an unpaged relation list. */
export function relationComplexity({ childComplexity }: { childComplexity: number }): number {
  return 1 + childComplexity * RELATION_FANOUT;
}

/** Cost of a relation list known to be short (a person's enrollments, an enrollment's dues). */
export function fanout(n: number) {
  return ({ childComplexity }: { childComplexity: number }): number => 1 + childComplexity * n;
}

/** Cost of a list field: its children's cost times the page size asked for. */
export function listComplexity({ args, childComplexity }: { args: Record<string, unknown>; childComplexity: number }): number {
  const take = typeof args.take === 'number' ? args.take : DEFAULT_TAKE;
  return 1 + childComplexity * Math.max(1, take);
}
