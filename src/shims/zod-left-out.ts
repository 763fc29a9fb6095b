// A zod function that is left out of the Worker bundle (see ./zod.ts). Calling it says so.
export function leftOut(name: string): (...args: unknown[]) => never {
  return () => {
    throw new Error(`z.${name}() is left out of this Worker's bundle: see src/shims/zod.ts`);
  };
}
