import { Hono } from "hono";
import type { AppEnv } from "../env";

export const dataRightsRoutes = new Hono<AppEnv>();
