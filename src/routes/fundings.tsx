import { Hono } from "hono";
import type { AppEnv } from "../env";

export const fundingsRoutes = new Hono<AppEnv>();
