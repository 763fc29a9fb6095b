import { Hono } from "hono";
import type { AppEnv } from "../env";

export const adminPartnersRoutes = new Hono<AppEnv>();
