import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}
export type Db = ReturnType<typeof createDb>;

/** Statements sent to D1 (a batch counts each of its statements) and round trips (calls). */
export type D1Counter = { queries: number; calls: number };

/**
 * Development only (the benchmark reads it): the same binding, counting what goes through it.
 * Statements made by `prepare` are wrapped so that running them, alone or in a batch, is counted;
 * a batch is handed the original statements.
 */
export function countingD1(d1: D1Database, counter: D1Counter): D1Database {
  const originals = new WeakMap<object, D1PreparedStatement>();
  const tick = (queries: number) => {
    counter.queries += queries;
    counter.calls += 1;
  };
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const wrapped = new Proxy(stmt, {
      get(target, prop) {
        if (prop === "bind") return (...values: unknown[]) => wrap(target.bind(...values));
        if (prop === "first" || prop === "all" || prop === "run" || prop === "raw") {
          const method = target[prop] as (...args: unknown[]) => unknown;
          return (...args: unknown[]) => {
            tick(1);
            return method.apply(target, args);
          };
        }
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    originals.set(wrapped, stmt);
    return wrapped;
  };
  return new Proxy(d1, {
    get(target, prop) {
      if (prop === "prepare") return (query: string) => wrap(target.prepare(query));
      if (prop === "batch")
        return (statements: D1PreparedStatement[]) => {
          tick(statements.length);
          return target.batch(statements.map((s) => originals.get(s) ?? s));
        };
      if (prop === "exec")
        return async (query: string) => {
          const result = await target.exec(query);
          tick(result.count);
          return result;
        };
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
