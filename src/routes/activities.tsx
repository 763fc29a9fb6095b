import { Hono } from "hono";
import type { AppEnv } from "../env";

export const activitiesRoutes = new Hono<AppEnv>();
