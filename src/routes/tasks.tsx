import { Hono } from "hono";
import type { AppEnv } from "../env";

export const tasksRoutes = new Hono<AppEnv>();
