import { Hono } from "hono";
import type { AppEnv } from "../env";

export const checkinsRoutes = new Hono<AppEnv>();
