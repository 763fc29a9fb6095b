import { Hono } from "hono";
import type { AppEnv } from "../env";

export const commitmentsRoutes = new Hono<AppEnv>();
