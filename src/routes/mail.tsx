import { Hono } from "hono";
import type { AppEnv } from "../env";

export const mailRoutes = new Hono<AppEnv>();
