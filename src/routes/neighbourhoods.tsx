import { Hono } from "hono";
import type { AppEnv } from "../env";

export const neighbourhoodsRoutes = new Hono<AppEnv>();
