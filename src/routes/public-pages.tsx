import { Hono } from "hono";
import type { AppEnv } from "../env";

export const publicPagesRoutes = new Hono<AppEnv>();
