import { Hono } from "hono";
import type { AppEnv } from "../env";

/** The JSON API, mounted at /api. */
export const apiApp = new Hono<AppEnv>();
