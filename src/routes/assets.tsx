import { Hono } from "hono";
import type { AppEnv } from "../env";

export const assetsRoutes = new Hono<AppEnv>();
