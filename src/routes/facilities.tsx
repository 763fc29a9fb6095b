import { Hono } from "hono";
import type { AppEnv } from "../env";

export const facilitiesRoutes = new Hono<AppEnv>();
