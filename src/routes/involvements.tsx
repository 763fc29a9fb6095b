import { Hono } from "hono";
import type { AppEnv } from "../env";

export const involvementsRoutes = new Hono<AppEnv>();
