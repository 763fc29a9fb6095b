import { Hono } from "hono";
import type { AppEnv } from "../env";

export const initiativesRoutes = new Hono<AppEnv>();
